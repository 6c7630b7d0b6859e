"""The merge/split log: an event that turns out to be another one merges (older id
kept); an event that stops fitting its storyline splits off into its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsfuse.cluster import EventClusterer
from newsfuse.cluster.params import FittedParams, LinearModel
from newsfuse.cluster.restructure import milestone
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


def test_cluster_merges_bridging_article_merges_two_events_and_logs_it() -> None:
    arts = stream("alpha beta gamma", "delta epsilon zeta", "alpha beta gamma delta epsilon zeta")
    clusterer = EventClusterer(params=params(-3.0, -2.0, 0.1), embedder=None)
    update = clusterer.fit(arts)
    first, second = (m.event_id for m in update.memberships[:2])
    assert [(c.kind, c.level) for c in update.changes] == [("merge", "event"), ("merge", "storyline")]
    merge = update.changes[0]
    assert (merge.kept, merge.other, merge.trigger) == (first, second, arts[2].id)  # older id kept
    assert merge.score > 0
    assert update.removed_events == (second,)
    assert list(clusterer.events) == [first]
    assert clusterer.events[first].articles == [a.id for a in (arts[0], arts[2], arts[1])]


def test_cluster_merges_event_that_no_longer_fits_splits_from_its_storyline() -> None:
    arts = stream("alpha beta gamma", "alpha delta epsilon", "delta epsilon zeta")
    clusterer = EventClusterer(params=params(-6.0, -2.0, 0.1), embedder=None)
    update = clusterer.fit(arts)
    # the second article opened its own event but joined the first storyline ...
    assert update.memberships[1].evidence.decision == "opened"
    assert update.memberships[1].evidence.storyline_score is not None
    # ... and once its event grew away from it, the event split off
    (split,) = update.changes
    assert (split.kind, split.level) == ("split", "storyline")
    assert split.other == update.memberships[1].event_id and split.into not in (None, split.kept)
    assert split.score < -0.1
    assert len(clusterer.storylines) == 2
    assert clusterer.events[split.other].storyline == split.into
