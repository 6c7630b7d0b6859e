"""Date resolution against a publication date (pure rules, no model)."""

from __future__ import annotations

from datetime import date

import pytest

from newsfuse.extract.timex import normalize

THURSDAY = date(2025, 8, 14)


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("on Wednesday", "past", "2025-08-13"),
        ("Wednesday", None, "2025-08-13"),
        ("Friday’s", "future", "2025-08-15"),
        ("Friday", "future", "2025-08-15"),
        ("last Friday", None, "2025-08-08"),
        ("next Monday", None, "2025-08-18"),
        ("last week", "past", "2025-W32"),
        ("later this week", None, "2025-W33"),
        ("15 August", "future", "2025-08-15"),
        ("Aug. 15", "future", "2025-08-15"),
        ("in 2014", "past", "2014"),
        ("February 2022", "past", "2022-02"),
        ("the 1990s", None, "199"),
        ("today", None, "2025-08-14"),
        ("yesterday", None, "2025-08-13"),
        ("two days ago", None, "2025-08-12"),
        ("last month", None, "2025-07"),
        ("now", None, "PRESENT_REF"),
        ("three years", None, "P3Y"),
        ("Sunday night", "past", "2025-08-10TNI"),
    ],
)
def test_extract_timex_resolves_against_the_anchor(text: str, tense: str | None, value: str) -> None:
    found = normalize(text, THURSDAY, tense)  # type: ignore[arg-type]
    assert found is not None and found.value == value


def test_extract_timex_window_of_next_days() -> None:
    found = normalize("within the next 10 days", date(2025, 8, 18))
    assert found is not None and found.value == "P10D"
    assert (found.start, found.end) == (date(2025, 8, 18), date(2025, 8, 28))


def test_extract_timex_without_anchor_leaves_the_year_open() -> None:
    assert normalize("15 August", None, "future").value == "XXXX-08-15"  # type: ignore[union-attr]
    assert normalize("on Wednesday", None, "past").value == "XXXX-XX-XX"  # type: ignore[union-attr]
    assert normalize("in 2014", None).value == "2014"  # type: ignore[union-attr]


def test_extract_timex_month_day_year_is_absolute() -> None:
    found = normalize("Friday, Aug. 15, 2025", THURSDAY)
    assert found is not None and found.value == "2025-08-15" and not found.relative


def test_extract_timex_past_tense_month_day_moves_to_last_year() -> None:
    assert normalize("December 20", date(2025, 1, 10), "past").value == "2024-12-20"  # type: ignore[union-attr]


def test_extract_timex_quarterly_reports_name_quarters() -> None:
    assert normalize("a year earlier", date(1989, 10, 26), "past", quarterly=True).value == "1988-Q3"  # type: ignore[union-attr]
    assert normalize("third-quarter", date(1989, 10, 26), "past").value == "1989-Q3"  # type: ignore[union-attr]


def test_extract_timex_not_a_date_is_none() -> None:
    assert normalize("the table", THURSDAY) is None
    assert normalize("we", THURSDAY) is None  # dateparser alone would guess here (MODELS.md §4)


# TimeML conventions (TimeBank, HeidelTime), each on the wording a news sentence uses
FRIDAY_1989 = date(1989, 10, 27)


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "value"),
    [
        # numbers written out, as broadcast transcripts write years
        ("nineteen ninety-six", THURSDAY, "past", "1996"),
        ("January nineteen ninety-seven", THURSDAY, "past", "1997-01"),
        ("the year two thousand", THURSDAY, None, "2000"),
        ("the nineties", THURSDAY, None, "199"),
        ("the last twenty-four hours", THURSDAY, "past", "PT24H"),
        ("March eighth", date(1998, 3, 5), "future", "1998-03-08"),
        # centuries and counted decades
        ("the 20th century", THURSDAY, None, "19"),
        ("the eleventh century", THURSDAY, None, "10"),
        ("two decades", THURSDAY, None, "P20Y"),
        # fractions of a unit are written in the next smaller one
        ("2 1/2 years", THURSDAY, None, "P2Y6M"),
        ("a minute and a half", THURSDAY, None, "PT1M30S"),
        ("two and a half hours", THURSDAY, None, "PT2H30M"),
        # "the year" is the year in focus, "the weekend" the nearest one, not lengths
        ("for the year", FRIDAY_1989, "past", "1989"),
        ("over the weekend", date(1990, 8, 13), "past", "1990-W32-WE"),
        ("earlier in the year", FRIDAY_1989, "past", "1989"),
        ("later in the day", FRIDAY_1989, "past", "1989-10-27"),
        ("the end of the year", FRIDAY_1989, "future", "1989"),
        ("the past year", FRIDAY_1989, "past", "1988"),
        ("the past week", FRIDAY_1989, "past", "P1W"),
        # vague plural references without a number
        ("in past years", FRIDAY_1989, "past", "PAST_REF"),
        ("future quarters", FRIDAY_1989, "future", "FUTURE_REF"),
        # hedges and quantifiers in front of a duration
        ("at least the past 18 months", FRIDAY_1989, "past", "P18M"),
        ("each of the past three years", FRIDAY_1989, "past", "P3Y"),
        ("the next year or so", FRIDAY_1989, "future", "1990"),
        ("eight trading days", FRIDAY_1989, None, "P8D"),
        # a time on a named day
        ("noon Thursday", date(1998, 2, 13), "past", "1998-02-12T12:00"),
        ("5 p.m. EST, Nov. 9", date(1989, 11, 2), "future", "1989-11-09T17:00"),
        ("mid-afternoon yesterday", date(1989, 11, 2), "past", "1989-11-01TAF"),
        # a past sentence can name a day up to three months ahead
        ("Dec. 15", date(1989, 10, 26), "past", "1989-12-15"),
        ("Jan. 13", date(1998, 3, 6), "past", "1998-01-13"),
    ],
)
def test_extract_timex_follows_timeml_conventions(text: str, anchor: date, tense: str | None, value: str) -> None:
    found = normalize(text, anchor, tense)  # type: ignore[arg-type]
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    ("text", "quarterly", "value"),
    [
        ("the 1988 third quarter", False, "1988-Q3"),
        ("next year's first quarter", False, "1990-Q1"),
        ("the year-earlier third quarter", False, "1988-Q3"),
        ("the last half of 1989", False, "1989-H2"),
        ("the full year", False, "1989"),
        ("the current fiscal year", False, "1989"),
        ("year-end", False, "1989"),
        ("the current quarter", True, "1989-Q4"),
        ("the year-ago quarter", True, "1988-Q3"),
        ("last year's quarter", True, "1988-Q3"),
        ("the quarter a year ago", True, "1988-Q3"),
        ("the 1988 period", True, "1988-Q3"),
    ],
)
def test_extract_timex_parts_of_a_business_year(text: str, quarterly: bool, value: str) -> None:
    found = normalize(text, date(1989, 10, 26), "past", quarterly=quarterly)
    assert found is not None and found.value == value


def test_extract_timex_weekend_ahead_in_future_sentences() -> None:
    found = normalize("the weekend", date(1989, 10, 25), "future")
    assert found is not None and found.value == "1989-W43-WE"
    assert (found.start, found.end) == (date(1989, 10, 28), date(1989, 10, 29))


def test_extract_timex_time_of_day_without_anchor_keeps_the_bare_weekday() -> None:
    # the publication-date inference reads "XXXX-XX-XX" plus the weekday name
    assert normalize("noon Thursday", None, "past").value == "XXXX-XX-XX"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "value"),
    [
        # holidays: fixed days, nth weekdays, Easter's reckoning; the year as for a month-day
        ("Thanksgiving Day", date(2000, 1, 7), "past", "1999-11-25"),
        ("last Thanksgiving", date(2000, 2, 10), "past", "1999-11-25"),
        ("Election Day", date(1998, 10, 26), "future", "1998-11-03"),
        ("Memorial Day", date(2025, 5, 1), "future", "2025-05-26"),
        ("Easter Sunday", date(2024, 3, 20), "future", "2024-03-31"),
        ("Christmas 1998", date(2025, 8, 14), None, "1998-12-25"),
        # TimeML SETs naming a weekday or month
        ("each Thursday", THURSDAY, None, "XXXX-WXX-4"),
        ("every July", THURSDAY, None, "XXXX-07"),
        ("Tuesday nights", THURSDAY, None, "XXXX-WXX-2TNI"),
        ("annually", THURSDAY, None, "P1Y"),
        # longest edge first; a month of this year after an edge; layout around the text
        ("the early hours of Thursday morning", date(1999, 10, 8), "past", "1999-10-07TMO"),
        ("early October this year", date(1998, 12, 3), "past", "1998-10"),
        ("Thursday, April 6:\n\n", date(2000, 4, 6), None, "2000-04-06"),
        ("this coming Sunday, March eighth", date(1998, 3, 5), None, "1998-03-08"),
        ("this coming Sunday", date(1998, 3, 5), None, "1998-03-08"),
        ("in the weeks ahead", date(1998, 3, 5), "future", "PXW"),
    ],
)
def test_extract_timex_holidays_sets_and_edges(text: str, anchor: date, tense: str | None, value: str) -> None:
    found = normalize(text, anchor, tense)  # type: ignore[arg-type]
    assert found is not None and found.value == value


def test_extract_timex_fixed_holiday_without_anchor_keeps_its_day() -> None:
    assert normalize("Christmas Eve", None, "future").value == "XXXX-12-24"  # type: ignore[union-attr]
