"""Calendar arithmetic for temporal expressions: the :class:`Timex` record and the
builders of TIMEX3 values for days, weeks, months, quarters, seasons, durations and
"N units ago", kept apart from the rules in :mod:`newsfuse.extract.timex`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from newsfuse.extract import timexlex as lex

Tense = Literal["past", "present", "future"] | None
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalised temporal expression.

    Attributes:
        value: TIMEX3 value: ``2025-08-13``, ``2025-W33``, ``2025-08``, ``2025``, ``P10D``,
            ``PAST_REF``; ``X`` stands for what the text leaves open (``XXXX-08-15`` when
            there is no anchor to take the year from).
        type: TIMEX3 type.
        start: first day covered (a date, or the window of an anchored duration such as
            "the past 10 days"); ``None`` when it is not a calendar range.
        end: last day covered, inclusive.
        relative: the value depends on the anchor (so it changes if the anchor does).
    """

    value: str
    type: TimexType
    start: date | None = None
    end: date | None = None
    relative: bool = False


# -- calendar arithmetic --------------------------------------------------------------


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _day(d: date, rel: bool = True, part: str | None = None) -> Timex:
    if part:
        return Timex(f"{d.isoformat()}T{part}", "TIME", d, d, rel)
    return Timex(d.isoformat(), "DATE", d, d, rel)


def _week(d: date, rel: bool = True) -> Timex:
    iso = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Timex(f"{iso[0]}-W{iso[1]:02d}", "DATE", monday, monday + timedelta(days=6), rel)


def _weekend(d: date, rel: bool = True) -> Timex:
    iso = d.isocalendar()
    sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return Timex(f"{iso[0]}-W{iso[1]:02d}-WE", "DATE", sat, sat + timedelta(days=1), rel)


def _month(year: int, month: int, rel: bool = True) -> Timex:
    last = calendar.monthrange(year, month)[1]
    return Timex(f"{year:04d}-{month:02d}", "DATE", date(year, month, 1), date(year, month, last), rel)


def _year(year: int, rel: bool = True) -> Timex:
    return Timex(f"{year:04d}", "DATE", date(year, 1, 1), date(year, 12, 31), rel)


def _quarter(year: int, q: int, rel: bool = True) -> Timex:
    start = date(year, 3 * q - 2, 1)
    return Timex(f"{year:04d}-Q{q}", "DATE", start, _add_months(start, 3) - timedelta(days=1), rel)


def _decade(first_year: int, rel: bool = False) -> Timex:
    return Timex(f"{first_year // 10:03d}", "DATE", date(first_year, 1, 1),
                 date(first_year + 9, 12, 31), rel)


def _easter(year: int) -> date:
    """Easter Sunday of ``year`` (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return date(year, month, (h + el - 7 * m + 33 * month + 19) % 32)


def _holiday(name: str, year: int) -> date:
    """The day of holiday ``name`` (a key of the tables in :mod:`timexlex`) in ``year``."""
    if name in lex.FIXED_HOLIDAYS:
        return date(year, *lex.FIXED_HOLIDAYS[name])
    if name in lex.EASTER_HOLIDAYS:
        return _easter(year) + timedelta(days=lex.EASTER_HOLIDAYS[name])
    if name == "election day":  # the Tuesday after the first Monday of November
        first_monday = date(year, 11, 1) + timedelta(days=(0 - date(year, 11, 1).weekday()) % 7)
        return first_monday + timedelta(days=1)
    month, weekday, nth = lex.NTH_WEEKDAY_HOLIDAYS[name]
    if nth < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _holiday_near(anchor: date, name: str, tense: Tense, shift: str | None) -> date:
    """The holiday meant relative to ``anchor``: "last Thanksgiving" the one before it,
    "next Easter" the one after, a bare name the nearest unless the tense says otherwise."""
    days = [_holiday(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if shift in ("last", "past", "previous"):
        return max(d for d in days if d < anchor)
    if shift in ("next", "coming"):
        return min(d for d in days if d > anchor)
    if shift == "this":
        return days[1]

    def cost(d: date) -> tuple[bool, int]:
        delta = (d - anchor).days
        return (tense == "past" and delta > 31 or tense == "future" and delta < -31, abs(delta))

    return min(days, key=cost)


def _century(hundreds: int, rel: bool = True) -> Timex:
    """The century whose years start with ``hundreds`` ("19" is the 20th century)."""
    return Timex(f"{hundreds:02d}", "DATE", date(max(hundreds * 100, 1), 1, 1),
                 date(hundreds * 100 + 99, 12, 31), rel)


def _weekday(anchor: date, weekday: int, tense: Tense, shift: str | None) -> date:
    """The ``weekday`` meant relative to ``anchor``: before it in past contexts, after it in
    future ones; the anchor's own weekday is the anchor itself unless "last"/"next" says so."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if shift == "last":
        return anchor - timedelta(days=back or 7)
    if shift == "next":
        return anchor + timedelta(days=ahead or 7)
    if shift == "this":
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
    if tense == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def _pick_year(anchor: date, month: int, day: int | None, tense: Tense) -> int:
    """The year of a month (and day) given without one: of the anchor's year and its two
    neighbours, the one nearest the anchor, unless the tense says the date lies on the
    other side by more than a month (a past-tense sentence can name next week's date:
    "gave no reason for the Jan. 14 deadline"). A past sentence names days up to three
    months ahead ("declared a dividend payable Dec. 15", "effective Feb. 1"), so a day
    gets that long before the tense decides."""
    best = anchor.year
    best_cost = (2, 0)
    ahead = 92 if day is not None else 31
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = date(year, month, min(day or 15, calendar.monthrange(year, month)[1]))
        delta = (d - anchor).days
        wrong_side = tense == "past" and delta > ahead or tense == "future" and delta < -31
        cost = (int(wrong_side), abs(delta))
        if cost < best_cost:
            best, best_cost = year, cost
    return best


def _season(anchor: date | None, season: str, year: int | None, shift: str | None) -> Timex:
    code = lex.SEASONS[season]
    if year is None and anchor is None:
        return Timex(f"XXXX-{code}", "DATE")
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if year is None:
        assert anchor is not None
        year = anchor.year
        if shift in ("last", "past", "previous") and anchor.month < start_month + 3:
            year -= 1
        elif shift in ("next", "coming") and anchor.month >= start_month:
            year += 1
    start = date(year, start_month, 1)
    return Timex(f"{year}-{code}", "DATE", start, _add_months(start, 3) - timedelta(days=1), True)


def _relative_unit(anchor: date, shift: str, unit: str, tense: Tense) -> Timex | None:
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(shift, 0)
    if unit == "week":
        return _week(anchor + timedelta(weeks=step))
    if unit == "weekend":
        if step == 0 and tense == "past" and anchor.weekday() < 5:
            step = -1
        return _weekend(anchor + timedelta(weeks=step))
    if unit == "month":
        d = _add_months(anchor, step)
        return _month(d.year, d.month)
    if unit == "year":
        return _year(anchor.year + step)
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + step
        return _quarter(anchor.year + q // 4, q % 4 + 1)
    if unit == "decade":
        return _decade(anchor.year // 10 * 10 + 10 * step, True)
    if unit == "century":
        return _century(anchor.year // 100 + step)
    if unit in lex.SEASONS:
        return _season(anchor, unit, None, shift)
    if unit == "day":
        return _day(anchor + timedelta(days=step))
    if unit in lex.PARTS_OF_DAY:
        return _day(anchor + timedelta(days=step), part=lex.PARTS_OF_DAY[unit])
    return None


def _duration(n: float | None, unit: str, anchor: date | None, side: str | None,
              within: bool) -> Timex:
    letter, days, is_time = lex.UNITS[unit]
    amount = "X" if n is None else _fmt_num(n)
    if letter == "WE":
        letter, amount = "D", "2" if n is None else _fmt_num(2 * n)
    elif letter in lex.YEARS_IN and n is not None:
        letter, amount = "Y", _fmt_num(n * lex.YEARS_IN[letter])  # "two decades" is P20Y
    value = f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"
    if n is not None and n != int(n) and (letter, is_time) in _SMALLER:
        # "2 1/2 years" is P2Y6M, "a minute and a half" PT1M30S
        smaller, per = _SMALLER[letter, is_time]
        whole = f"{int(n)}{letter}" if int(n) else ""
        rest = f"{round((n - int(n)) * per)}{smaller}"
        value = f"PT{whole}{rest}" if is_time else f"P{whole}T{rest}" if letter == "D" else f"P{whole}{rest}"
    if anchor is None or n is None or is_time:
        return Timex(value, "DURATION")
    span = timedelta(days=round(n * days))
    if side in ("next", "coming", "following") or within:
        return Timex(value, "DURATION", anchor, anchor + span, True)
    if side in ("past", "last", "previous", "recent"):
        return Timex(value, "DURATION", anchor - span, anchor, True)
    return Timex(value, "DURATION")


def _ago(anchor: date | None, n: float | None, unit: str, direction: str) -> Timex:
    if n is None:
        return Timex("PAST_REF" if direction in ("ago", "earlier", "before", "back") else "FUTURE_REF", "DATE")
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    if anchor is None:
        return Timex("XXXX-XX-XX", "DATE")
    if unit in ("month", "quarter"):
        d = _add_months(anchor, sign * int(n) * (3 if unit == "quarter" else 1))
        return _month(d.year, d.month)
    if unit in ("year", "decade", "century"):
        years = int(n * {"year": 1, "decade": 10, "century": 100}[unit])
        return _year(anchor.year + sign * years)
    days = round(n * lex.UNITS[unit][1])
    d = anchor + timedelta(days=sign * days)
    return _week(d) if unit in ("week", "fortnight") else _day(d)


# the next smaller unit of a duration letter (and whether it is a time unit), and how many
# of them make one: a fraction of a year is written in months
_SMALLER = {("Y", False): ("M", 12), ("D", False): ("H", 24), ("H", True): ("M", 60),
            ("M", True): ("S", 60)}


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)
