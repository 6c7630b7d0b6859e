"""Margins: how much better a group fits an event than the rest of the event's storyline."""

from __future__ import annotations

import pytest

from newsfuse.cluster.aggregate import Aggregate, margins, similarities


def unit(**weights: float) -> dict[str, float]:
    norm = sum(w * w for w in weights.values()) ** 0.5
    return {k: w / norm for k, w in weights.items()}


def article(terms: dict[str, float], entities: dict[str, float]) -> Aggregate:
    return Aggregate(n=1, terms=terms, entities=entities)


def group(*members: Aggregate) -> Aggregate:
    total = Aggregate()
    for m in members:
        total.add(m)
    return total


# one storyline, two happenings of one kind: two Oscar ceremonies with different hosts
JACKMAN = [article(unit(oscars=1, host=1, jackman=1), unit(academy=1, jackman=1)) for _ in range(3)]
DEGENERES = [article(unit(oscars=1, host=1, degeneres=1), unit(academy=1, degeneres=1)) for _ in range(2)]
NEW = article(unit(oscars=1, host=1, jackman=1, ceremony=1), unit(academy=1, jackman=1))


def test_an_article_fits_its_own_event_better_than_the_sibling_event() -> None:
    first, second = group(*JACKMAN), group(*DEGENERES)
    story = group(first, second)
    own, sibling = margins(NEW, first, story), margins(NEW, second, story)
    assert own["terms_margin"] > 0 > sibling["terms_margin"]
    assert own["entities_margin"] > 0 > sibling["entities_margin"]
    # what the margins add: both events share "oscars" and "host", so the plain similarity
    # to the wrong event is far from zero
    assert similarities(NEW, second)["terms"] > 0.3


def test_the_margin_is_the_average_link_to_the_event_minus_that_to_the_rest() -> None:
    first, second = group(*JACKMAN), group(*DEGENERES)
    story = group(first, second)
    rest = story.without(first)
    for name in ("terms", "entities"):
        expected = similarities(NEW, first)[name] - similarities(NEW, rest)[name]
        assert margins(NEW, first, story)[f"{name}_margin"] == pytest.approx(expected)


def test_a_group_inside_the_storyline_is_left_out_of_its_rest() -> None:
    first, second, third = group(*JACKMAN[:2]), group(JACKMAN[2]), group(*DEGENERES)
    story = group(first, second, third)  # first and second: fragments of one event
    inside = margins(first, second, story, inside=True)
    assert inside == pytest.approx(margins(first, second, story.without(first)))
    assert inside["terms_margin"] > 0


def test_a_one_event_storyline_gives_no_evidence() -> None:
    first = group(*JACKMAN)
    assert margins(NEW, first, group(*JACKMAN)) == {"terms_margin": 0.0, "entities_margin": 0.0}
    # nor does a storyline made of the group itself and the candidate
    assert margins(first, group(*DEGENERES), group(first, group(*DEGENERES)), inside=True) \
        == {"terms_margin": 0.0, "entities_margin": 0.0}
