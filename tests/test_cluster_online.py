"""Online assignment: events form as articles arrive, ids stay stable, state resumes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from newsfuse.cluster import EventClusterer, event_dict, storyline_dict
from newsfuse.errors import SignatureMismatch
from newsfuse.model import Article, Provenance

STREAM = [
    # (day, title, text)
    (0, "Putin and Trump meet in Alaska",
     ("Russian President Vladimir Putin and US President Donald Trump met in Anchorage, Alaska, "
      "for a summit on a ceasefire in Ukraine. Volodymyr Zelensky was not invited.")),
    (0, "Earthquake kills ten on Iran's Qeshm island",
     ("A magnitude 6.1 earthquake struck Qeshm island in southern Iran, killing ten people and "
      "injuring dozens, Iranian state media said.")),
    (1, "No ceasefire after Alaska summit",
     ("The Anchorage summit between Donald Trump and Vladimir Putin ended without a ceasefire "
      "deal for Ukraine; Zelensky said he would travel to Washington.")),
    (1, "Qeshm quake: rescuers search rubble",
     ("Rescuers searched the rubble of villages on Qeshm island after the magnitude 6.1 "
      "earthquake in southern Iran; the death toll stayed at ten.")),
    (2, "Trump and Putin summit in Anchorage leaves Ukraine waiting",
     ("After meeting Vladimir Putin in Anchorage, Alaska, Donald Trump said a ceasefire in "
      "Ukraine was up to Zelensky.")),
]


def articles(stream=STREAM) -> list[Article]:
    start = datetime(2025, 8, 15, 9, tzinfo=UTC)
    out = []
    for i, (day, title, text) in enumerate(stream):
        url = f"https://news.test/{i}"
        out.append(Article(id=Article.make_id(text, "test", url, title),
                           provenance=Provenance(f"stream/{i}.txt", "text"), text=text, title=title,
                           outlet="test", url=url, published=start + timedelta(days=day, hours=i),
                           language="en"))
    return out


def groups(clusterer: EventClusterer) -> list[list[int]]:
    index = {a.id: i for i, a in enumerate(articles())}
    return sorted(sorted(index[a] for a in e.articles) for e in clusterer.events.values())


def test_cluster_online_assigns_articles_to_events_as_they_arrive() -> None:
    clusterer = EventClusterer(embedder=None)
    update = clusterer.fit(articles())
    assert groups(clusterer) == [[0, 2, 4], [1, 3]]
    assert len(update.memberships) == 5
    decisions = [m.evidence.decision for m in update.memberships]
    assert decisions == ["opened", "opened", "joined", "joined", "joined"]
    joined = update.memberships[2].evidence
    assert joined.score is not None and joined.score > 0
    assert "anchorage" in joined.shared_entities or "vladimir putin" in joined.shared_entities
    assert joined.similarities["terms"] > 0


def test_cluster_online_event_ids_are_stable_as_articles_arrive() -> None:
    arts = articles()
    clusterer = EventClusterer(embedder=None)
    first = clusterer.fit(arts[:2])
    ids = {e.label: e.id for e in first.events}
    for article in arts[2:]:
        update = clusterer.assign([article])
        assert all(e.id in ids.values() for e in update.events)  # no new or renamed event
    assert {e.label: e.id for e in clusterer.events.values()}.keys() >= set()
    assert set(clusterer.events) == set(ids.values())
    assert clusterer.assign(arts).memberships == ()  # already clustered: nothing to do


def test_cluster_online_incremental_equals_one_shot_through_json_state() -> None:
    arts = articles()
    one_shot = EventClusterer(embedder=None)
    one_shot.fit(arts)
    first = EventClusterer(embedder=None)
    update = first.fit(arts[:3])
    state = json.loads(json.dumps(update.state))  # what a store keeps
    resumed = EventClusterer.from_state(state["globals"], state["events"].values(),
                                        state["storylines"].values(), embedder=None)
    resumed.assign(arts[3:])
    assert groups(resumed) == groups(one_shot)
    assert set(resumed.events) == set(one_shot.events)
    assert set(resumed.storylines) == set(one_shot.storylines)


def test_cluster_online_state_from_other_parameters_is_refused() -> None:
    from newsfuse.cluster.params import ClusterConfig

    update = EventClusterer(embedder=None).fit(articles()[:2])
    with pytest.raises(SignatureMismatch, match="rebuild"):
        EventClusterer.from_state(update.state["globals"], update.state["events"].values(),
                                  update.state["storylines"].values(), embedder=None,
                                  config=ClusterConfig(candidates=3))


def test_cluster_online_state_of_another_layout_version_is_refused() -> None:
    update = EventClusterer(embedder=None).fit(articles()[:2])
    older = {**update.state["globals"], "version": 0}
    with pytest.raises(SignatureMismatch, match="layout version 0"):
        EventClusterer.from_state(older, update.state["events"].values(),
                                  update.state["storylines"].values(), embedder=None)


def test_cluster_online_export_dicts() -> None:
    clusterer = EventClusterer(embedder=None)
    update = clusterer.fit(articles())
    event = next(e for e in update.events if len(e.article_ids) == 3)
    out = event_dict(event, update.memberships)
    assert out["article_count"] == 3 and out["start"] == "2025-08-15" and out["end"] == "2025-08-17"
    assert set(out["why"]) == set(event.article_ids)
    assert out["label"] in {t for _, t, _ in STREAM}
    story = storyline_dict(next(s for s in update.storylines if event.id in s.event_ids))
    assert story["events"][0] == event.id and story["article_count"] >= 3


def test_cluster_online_events_far_behind_the_stream_leave_the_pool_also_after_a_restore() -> None:
    update = EventClusterer(embedder=None).fit(articles())
    state = json.loads(json.dumps(update.state))
    resumed = EventClusterer.from_state(state["globals"], state["events"].values(),
                                        state["storylines"].values(), embedder=None)
    later = Article(id="later", provenance=Provenance("stream/later.txt", "text"),
                    text=("Flash floods swept through Valencia in eastern Spain, and the regional "
                          "government said dozens of roads were closed."),
                    title="Floods in Valencia", outlet="test", url=None,
                    published=datetime(2025, 9, 30, 9, tzinfo=UTC), language="en")
    resumed.assign([later])
    resumed._evict()  # runs every 512 articles; called here so the test stays small
    active = [e for e in resumed.events.values() if e.active]
    assert [list(e.articles) for e in active] == [["later"]]
    assert resumed.counters["evicted"] == len(resumed.events) - 1
    assert len(resumed.event_index) == 1  # evicted events are out of the index too
