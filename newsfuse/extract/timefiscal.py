"""Parts of a year as business news names them: quarters ("the 1988 third quarter",
"next year's first quarter", "the year-ago quarter"), halves ("the last half of 1989"),
whole years ("the full year", "the current fiscal year", "year-end"), and the reading of
earnings reports, where "the quarter" is the one being reported.

Kept apart from :mod:`newsfuse.extract.timex` because these rules share one calendar
notion (the last finished quarter) that the general rules do not need.

Example:
    >>> from datetime import date
    >>> part_of_year("year ago third quarter", date(1989, 10, 26), "past").value
    '1988-Q3'
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsfuse.extract import timexlex as lex
from newsfuse.extract.timecal import Tense, Timex, _add_months, _quarter, _year

_ORDINAL = r"first|second|third|fourth|1st|2nd|3rd|4th|last"
# "fiscal 1990 first quarter", "the 1988 second quarter", "third quarter of 1989",
# "this year's third quarter", "the year-earlier fourth quarter"
_QUARTER = re.compile(
    rf"^(?:(?P<shift>this|last|next) year's |(?P<ago>year ago|year earlier) )?(?:fiscal )?"
    rf"(?:(?P<y1>\d{{4}}) )?(?:fiscal )?(?P<q>{_ORDINAL}) (?:fiscal )?quarter"
    r"(?: of (?:fiscal )?(?P<y2>\d{4}))?$")
_HALF = re.compile(
    r"^(?:(?P<shift>this|last|next) year's )?(?:(?P<y1>\d{4}) )?(?P<h>first|second|1st|2nd|last) half"
    r"(?: of (?P<y2>\d{4}))?$")
# the whole year in focus: "the full year", "the current fiscal year", "year-end"
_WHOLE_YEAR = re.compile(r"^(?:full|current|fiscal|calendar|current fiscal|full fiscal) year$|"
                         r"^year(?:'s)? end$|^end of (?:the )?year$")
# a quarter compared with the one reported: "the year-ago quarter", "last year's quarter",
# "the quarter a year ago", "the comparable year-earlier period"
_YEAR_AGO_QUARTER = re.compile(
    r"^(?:(?:comparable|corresponding|same) )?(?:year ago|year earlier) (?:quarter|period)$|"
    r"^last year's (?:quarter|period)$|"
    r"^(?:(?:comparable|corresponding|same) )?(?:quarter|period) (?:a year ago|a year earlier|last year)$")
_YEAR_AGO = re.compile(r"^(?:(?:a|one) )?year (?:ago|earlier|before)(?: (?:quarter|period|level))?$")
_REPORTED = re.compile(r"^(?:latest |most recent |same |(?P<y>\d{4}) )?(?:quarter|period)$")


def _reported(anchor: date) -> tuple[int, int]:
    """The year and number of the last finished quarter before ``anchor``."""
    q = (anchor.month - 1) // 3
    return (anchor.year, q) if q else (anchor.year - 1, 4)


def quarterly(t: str, anchor: date) -> Timex | None:
    """Earnings-report dates: "the quarter" is the last finished quarter, "a year earlier"
    and "the year-ago quarter" the same quarter a year before, "the 1988 period" that
    quarter of 1988 (TimeBank annotates them so; HeidelTime resolves them the same way)."""
    year, q = _reported(anchor)
    if _YEAR_AGO.match(t) or _YEAR_AGO_QUARTER.match(t):
        return _quarter(year - 1, q)
    if m := _REPORTED.match(t):
        return _quarter(int(m["y"]) if m["y"] else year, q, not m["y"])
    return None


def part_of_year(t: str, anchor: date | None, tense: Tense, definite: bool = False) -> Timex | None:
    """A quarter, half or whole year named in ``t`` (cleaned: lower case, no "the"), or
    ``None`` when ``t`` names none."""
    if m := _QUARTER.match(t):
        q = 4 if m["q"] == "last" else lex.ORDINALS[m["q"]]
        if m["y1"] or m["y2"]:
            return _quarter(int(m["y1"] or m["y2"]), q, False)
        if anchor is None:
            return Timex(f"XXXX-Q{q}", "DATE")
        if m["shift"] or m["ago"]:
            step = -1 if m["ago"] else {"this": 0, "last": -1, "next": 1}[m["shift"]]
            return _quarter(anchor.year + step, q)
        current = (anchor.month - 1) // 3 + 1
        # news reports finished quarters: a later quarter number means last year's
        return _quarter(anchor.year - (1 if q > current and tense != "future" else 0), q)
    if m := _HALF.match(t):
        h = 2 if m["h"] == "last" else lex.ORDINALS[m["h"]]
        given = m["y1"] or m["y2"]
        if given:
            year = int(given)
        elif anchor is None:
            return Timex(f"XXXX-H{h}", "DATE")
        else:
            year = anchor.year + {"this": 0, "last": -1, "next": 1}.get(m["shift"] or "this", 0)
        start = date(year, 1 if h == 1 else 7, 1)
        return Timex(f"{year}-H{h}", "DATE", start, _add_months(start, 6) - timedelta(days=1), not given)
    if _WHOLE_YEAR.match(t) and (definite or "end" in t):
        return Timex("XXXX", "DATE") if anchor is None else _year(anchor.year)
    return None
