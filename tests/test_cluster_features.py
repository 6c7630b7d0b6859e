"""Cheap per-article signals: entity proxy, stated dates, weekdays, terms."""

from __future__ import annotations

from datetime import date

from newsfuse.cluster.features import (
    EPOCH,
    entity_proxy,
    mentioned_days,
    stem,
    terms,
    text_day,
    weekdays,
)


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
