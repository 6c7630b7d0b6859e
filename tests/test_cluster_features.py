"""Cheap per-article signals: entity proxy, stated dates, weekdays, terms."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.cluster.features import (
    EPOCH,
    entity_proxy,
    mentioned_days,
    signals,
    stem,
    terms,
    text_day,
    weekdays,
)
from newsfuse.model import Article, Provenance


def day(y: int, m: int, d: int) -> float:
    return float(date(y, m, d).toordinal() - EPOCH)


def test_cluster_features_entity_proxy_skips_sentence_openers_and_calendar_words() -> None:
    text = ("Police said Vladimir Putin met the U.S. envoy in Anchorage on Friday. "
            "The White House said Trump's call with European leaders went well.")
    assert set(entity_proxy(text)) == {"vladimir putin", "putin", "u.s.", "anchorage", "white house",
                                  "trump", "european"}
    # a title and a bare name meet on the name and the surname
    assert {"donald trump", "trump"} <= set(entity_proxy("He met US President Donald Trump."))
    # mentions are counted; a Title Case headline line is not one long name
    counts = entity_proxy("Trump Meets Putin Amid High Stakes Alaska Summit Talks\nTrump said Putin agreed.")
    assert counts["putin"] == 1 and not any(len(k.split()) > 6 for k in counts)


def test_cluster_features_stated_dates_in_several_forms() -> None:
    text = "Posted 12 / 19 / 2005. On Sept. 18th, 2013 and 2009-04-28; in May 2013; 15 August 2025."
    found = [d for d, _ in mentioned_days(text)]
    assert found == [day(2005, 12, 19), day(2013, 9, 18), day(2009, 4, 28), day(2013, 5, 15),
                     day(2025, 8, 15)]
    assert text_day("Tuesday, 20 December 2005, 10:39 GMT. December 2005.") == day(2005, 12, 20)
    assert text_day("No date here.") is None


def test_cluster_features_weekdays_and_terms() -> None:
    assert weekdays("On Monday and again on monday, then Friday") == (2, 0, 0, 0, 1, 0, 0)
    bag = terms("Lohan checked into the Betty Ford Center; a 5.6 magnitude quake, $2.6 million, 20-13.")
    assert {"lohan", "check", "betty", "ford", "center", "5.6", "magnitude", "$2.6", "20-13"} <= set(bag)
    assert "the" not in bag and stem("injuries") == "injury"


def _days_by_finditer(text: str) -> list[tuple[float, int]]:
    """The reference: every date pattern run over the whole text."""
    from datetime import date

    from newsfuse.cluster import features as f

    found, spans = [], []

    def add(pos: int, y: int, m: int, d: int | None, end: int = -1) -> None:
        spans.append((pos, end))
        if y < 100:
            y += 2000 if y < 50 else 1900
        try:
            day = date(y, m, d or 15).toordinal() - f.EPOCH
        except ValueError:
            return
        found.append((pos, float(day), 1 if d else 30))

    for m in f._DATE_MDY.finditer(text):
        add(m.start(), int(m.group(3)), f._month(m.group(1)), int(m.group(2)), m.end())
    for m in f._DATE_DMY.finditer(text):
        add(m.start(), int(m.group(3)), f._month(m.group(2)), int(m.group(1)), m.end())
    for m in f._DATE_ISO.finditer(text):
        add(m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3)), m.end())
    for m in f._DATE_SLASH.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        month, day = (a, b) if a <= 12 else (b, a)
        if month <= 12:
            add(m.start(), int(m.group(3)), month, day, m.end())
    full = list(spans)
    for m in f._DATE_MY.finditer(text):
        if not any(start <= m.start() < end for start, end in full):
            add(m.start(), int(m.group(2)), f._month(m.group(1)), None)
    found.sort()
    return [(day, precision) for _pos, day, precision in found]


_DATE_PIECES = ["March", "Sept.", "august", "Dec", "of", "3", "30th", "1st", ",", " ", " ", "2024", "1999",
                "2020-01-02", "3/4/2021", "x", "foo-", "and", "\n", "12", "1987"]


@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_cluster_features_mentioned_days_windows_equal_whole_text_scan(text: str) -> None:
    from newsfuse.cluster.features import mentioned_days

    assert mentioned_days(text) == _days_by_finditer(text)


def _untitled(text: str) -> Article:
    return Article(Article.make_id(text, None, None, None), Provenance("x.txt", "text"), text, None, None, None,
                   None, None)


def test_cluster_features_an_untitled_article_is_labelled_by_its_first_real_sentence() -> None:
    byline = _untitled("By John D. Sutter, CNN\n\nWashington (CNN) -- The U.S. Senate voted on Monday to pass "
                       "the bill. Debate lasted for hours.")
    assert signals(byline).headline == "Washington (CNN) -- The U.S. Senate voted on Monday to pass the bill."
    plain = _untitled("US President Donald Trump warned European leaders on Wednesday. He spoke by phone.")
    assert signals(plain).headline == "US President Donald Trump warned European leaders on Wednesday."
    assert signals(_untitled("Short one.\nAnother short.")).headline == "Short one."  # nothing better: the first
