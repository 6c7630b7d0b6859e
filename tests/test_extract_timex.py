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
