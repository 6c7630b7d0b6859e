"""The merge/split log: an event that turns out to be another one merges (older id
kept); an event that stops fitting its storyline splits off into its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsfuse.cluster import EventClusterer
from newsfuse.cluster.params import FittedParams, LinearModel
from newsfuse.cluster.restructure import MERGE_FROM, _clearly_related, milestone
from newsfuse.model import Article, Provenance

FAST = ("terms", "entities", "time_gap", "weekdays")


def params(event_intercept: float, storyline_intercept: float, split_margin: float) -> FittedParams:
    """Models on term similarity only (join when 10 x mean cosine beats the intercept)."""
    event = LinearModel(FAST, (10.0, 0.0, 0.0, 0.0), event_intercept)
    story = LinearModel(FAST, (10.0, 0.0, 0.0, 0.0), storyline_intercept)
    return FittedParams(event, event, story, story, close_call=0.0, split_margin=split_margin)


def stream(*texts: str) -> list[Article]:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    return [Article(Article.make_id(t, "t", str(i), None), Provenance(f"{i}.txt", "text"), t, None,
                    "t", str(i), start + timedelta(hours=i), "en") for i, t in enumerate(texts)]


def test_cluster_merges_milestones() -> None:
    assert [n for n in range(0, 70) if milestone(n)] == [2, 4, 8, 16, 32, 64]
    assert [n for n in range(0, 70) if milestone(n, MERGE_FROM)] == [4, 8, 16, 32, 64]


def test_cluster_merges_bridging_articles_merge_two_events_and_log_it() -> None:
    bridge = "alpha beta gamma delta epsilon zeta"
    arts = stream("alpha beta gamma", "delta epsilon zeta", "alpha beta gamma", "delta epsilon zeta",
                  bridge, bridge)
    clusterer = EventClusterer(params=params(-3.0, -2.0, 0.1), embedder=None)
    update = clusterer.fit(arts)
    first, second = (m.event_id for m in update.memberships[:2])
    assert [m.event_id for m in update.memberships[2:4]] == [first, second]
    # the bridges join the first event; at its fourth article (a merge milestone) the
    # two events turn out to be one
    assert [(c.kind, c.level) for c in update.changes] == [("merge", "event"), ("merge", "storyline")]
    merge = update.changes[0]
    assert (merge.kept, merge.other, merge.trigger) == (first, second, arts[5].id)  # older id kept
    assert merge.score > 0
    assert update.removed_events == (second,)
    assert list(clusterer.events) == [first]
    assert clusterer.events[first].articles == [arts[i].id for i in (0, 2, 4, 5, 1, 3)]


def test_cluster_merges_event_that_no_longer_fits_splits_from_its_storyline() -> None:
    arts = stream("alpha beta gamma", "alpha delta epsilon", *["delta epsilon zeta"] * 3)
    clusterer = EventClusterer(params=params(-6.0, -2.0, 0.1), embedder=None)
    update = clusterer.fit(arts)
    # the second article opened its own event but joined the first storyline ...
    assert update.memberships[1].evidence.decision == "opened"
    assert update.memberships[1].evidence.storyline_score is not None
    # ... and once its event grew away from it (checked at its fourth article), the
    # event split off
    (split,) = update.changes
    assert (split.kind, split.level) == ("split", "storyline")
    assert split.other == update.memberships[1].event_id and split.into not in (None, split.kept)
    assert split.score < -0.1
    assert len(clusterer.storylines) == 2
    assert clusterer.events[split.other].storyline == split.into


def test_cluster_merges_split_check_stops_at_the_first_clearly_related_sibling() -> None:
    arts = stream("alpha beta gamma", "alpha delta epsilon", "omega psi chi")
    clusterer = EventClusterer(params=params(-6.0, -2.0, 0.1), embedder=None)
    update = clusterer.fit(arts)
    first, second, third = (clusterer.events[m.event_id] for m in update.memberships)
    assert first.storyline == second.storyline != third.storyline
    measured: list[str] = []  # the events scored against the checked one, in order
    plain = clusterer._measure

    def counting(*models):  # type: ignore[no-untyped-def]
        measure = plain(*models)

        def counted(group, event):  # type: ignore[no-untyped-def]
            measured.append(event.id)
            return measure(group, event)
        return counted

    clusterer._measure = counting  # type: ignore[method-assign]
    assert _clearly_related(clusterer, second, [first, third])
    assert measured == [first.id]  # the rest is not scored
    measured.clear()
    assert _clearly_related(clusterer, second, [third, first])
    assert measured == [third.id, first.id]
    measured.clear()
    assert not _clearly_related(clusterer, second, [third])
