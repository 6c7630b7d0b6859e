"""Normalise a temporal expression ("on Wednesday", "last week", "15 August", "the next 10 days")
to a TimeML TIMEX3 value and the calendar range it covers, against an anchor date.

Rules first, because news dates are a small closed language and rules are fast and
predictable; ``dateparser`` is the fallback for the long tail (it costs about 4 ms a call
and is cached). Weekdays and month-days without a year use the tense of the sentence:
"said on Wednesday" is the Wednesday before the anchor, "will meet on Friday" the one
after (HeidelTime resolves them the same way).

Example:
    >>> from datetime import date
    >>> normalize("on Wednesday", date(2025, 8, 14), "past").value
    '2025-08-13'
    >>> normalize("the next 10 days", date(2025, 8, 18)).end
    datetime.date(2025, 8, 28)
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from newsfuse.extract import timefiscal as fiscal
from newsfuse.extract import timexlex as lex
from newsfuse.extract.timecal import (
    Tense,
    Timex,
    _ago,
    _century,
    _day,
    _decade,
    _duration,
    _holiday,
    _holiday_near,
    _month,
    _pick_year,
    _relative_unit,
    _season,
    _weekday,
    _year,
)

__all__ = ["Tense", "Timex", "normalize"]



_LEAD_WORDS = ("on", "in", "at", "by", "since", "until", "till", "from", "during", "for", "of", "over",
               "about", "around", "nearly", "almost", "approximately", "roughly", "some", "just",
               "only", "mere", "more than", "less than", "fewer than", "at least", "up to",
               "no more than", "as early as", "as late as", "as of", "through", "throughout", "the",
               "this year's", "within", "each of", "all of", "much of", "most of")
# longest first, so "at least" is not read as "at" followed by "least"
_LEAD = re.compile(rf"^(?:(?:{'|'.join(sorted(_LEAD_WORDS, key=len, reverse=True))})\s+)+")
_CLEAN = re.compile(r"[’`´]")


def _clean(text: str) -> tuple[str, bool, bool]:
    """``text`` lower-cased, without leading prepositions and hedges, numbers in digits;
    with whether it opened "within the next"/"in the coming" and whether it had "the"."""
    t = re.sub(r"\s+", " ", _CLEAN.sub("'", text.lower())).strip(" .,;:!?\"“”()[]")
    t = re.sub(r"'s$", "", t)
    within = bool(re.match(r"^(within|in) the (next|coming)", t))
    lead = _LEAD.match(t)
    definite = lead is not None and lead.group(0).endswith("the ")
    t = t[lead.end():] if lead else t
    t = re.sub(r" or (?:so|more|longer)$", "", t)
    # "third-quarter", "30-day", "one-hour" -> words; keep ISO dates and "mid-1990s"
    if not re.match(r"^\d{4}-\d", t):
        t = re.sub(r"(?<=[a-z0-9])-(?=[a-z])|(?<=[a-z])-(?=[0-9a-z])", " ", t)
    t = lex.digits(t)
    return t.replace(".", "") if not re.search(r"\d\.\d", t) else t, within, definite


def _num(word: str) -> float | None:
    word = word.replace(",", "")
    if word.endswith(" 1/2"):
        return float(word[:-4]) + 0.5  # "2 1/2 years"
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return float(word)
    return lex.NUMBERS.get(word)


# -- the rules --------------------------------------------------------------------------

_MONTH_DAY = re.compile(
    rf"^(?:(?:this coming |this |next |last )?(?P<wd>{lex.WEEKDAY_WORDS}),? )?(?P<m>{lex.MONTH_WORDS}) "
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,? (?P<y>\d{4}))?$")
_DAY_MONTH = re.compile(
    rf"^(?:(?P<wd>{lex.WEEKDAY_WORDS}),? )?(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?"
    rf"(?P<m>{lex.MONTH_WORDS})(?:,? (?P<y>\d{{4}}))?$")
_MONTH = re.compile(
    rf"^(?:(?P<mod>early|mid|late|end of|beginning of|start of|middle of|last|next|this|"
    rf"past|previous|coming) )?(?P<m>{lex.MONTH_WORDS})(?:,? (?P<y>\d{{4}}))?$")
_WEEKDAY = re.compile(
    rf"^(?:(?P<shift>last|next|this coming|this|coming|past|previous) )?(?P<wd>{lex.WEEKDAY_WORDS})"
    r"(?: (?P<part>morning|afternoon|evening|night))?$")
_RELATIVE = re.compile(
    r"^(?:(?P<edge>earlier|later|early|late|end of|beginning of|start of|middle of|"
    r"rest of|remainder of) )?(?P<shift>this|last|next|past|previous|coming|current|"
    r"following|same|that) (?P<unit>week|weekend|month|year|quarter|decade|century|"
    r"spring|summer|autumn|fall|winter|morning|afternoon|evening|night|day)$")
_AGO = re.compile(
    rf"^(?P<n>\d+|{lex.NUMBER_WORDS}|several|a few|few|many) (?P<unit>{lex.UNIT_WORDS})s? "
    r"(?P<dir>ago|earlier|before|later|from now|hence|after|back)$")
_DURATION = re.compile(
    rf"^(?:(?P<side>past|last|next|first|coming|previous|following|final|recent|further|"
    r"additional|more|other|latest) )?(?:(?P<n>\d+ 1/2|\d+(?:\.\d+)?|"
    rf"{lex.NUMBER_WORDS}|several|a few|few|some|many|numerous|recent|coming)(?P<and_half> and a half)? )?"
    rf"(?:(?:more|additional|further) )?(?P<unit>{lex.UNIT_WORDS})(?P<plural>s)?(?P<half> and a half)?"
    r"(?: (?:long|old|term|period|span|running|ahead))?$")
_YEAR = re.compile(r"^(?:fiscal |calendar |the year |year )?(?P<y>1[0-9]{3}|20[0-9]{2}|21[0-9]{2})$")
_DECADE = re.compile(r"^(?:the )?(?:early|mid|late|middle)? ?(?:(?P<c>1[0-9]|20)|')(?P<d>\d)0'?s$")
_CLOCK = re.compile(
    r"^(?P<h>\d{1,2})(?::(?P<mi>\d{2}))? ?(?P<ap>am|pm|a m|p m)?(?: [a-z]{2,4}t)?"
    rf"(?: (?P<when>today|tonight|yesterday|tomorrow|{lex.WEEKDAY_WORDS}))?$")
_SEASON = re.compile(r"^(?:(?P<edge>early|late|mid) )?(?P<s>spring|summer|autumn|fall|winter)"
                     r"(?: (?P<y>\d{4}))?$")
_EVERY_NAMED = re.compile(
    rf"^(?:(?:every|each) (?:(?P<m>{lex.MONTH_WORDS})|(?P<wd>{lex.WEEKDAY_WORDS})"
    rf"(?: (?P<part>morning|afternoon|evening|night))?)"
    rf"|(?P<wd2>{lex.WEEKDAY_WORDS})(?:s| (?P<part2>morning|afternoon|evening|night)s))$")
_SET = re.compile(rf"^(?:every|each|per|a|once a|twice a) (?P<unit>{lex.UNIT_WORDS})$")


_VAGUE_REF = re.compile(
    rf"^(?P<w>past|future) (?:{lex.UNIT_WORDS})s(?: and (?:{lex.UNIT_WORDS})s)?$")
_HOLIDAY = re.compile(rf"^(?:(?P<shift>last|next|this|coming|past) )?(?P<h>{lex.HOLIDAY_WORDS})(?:,? (?P<y>\d{{4}}))?$")
_CENTURY = re.compile(r"^(?P<n>\d{1,2})(?:st|nd|rd|th) century$")


def _rules(t: str, anchor: date | None, tense: Tense, within: bool, definite: bool = False) -> Timex | None:
    if t in lex.REFS:
        return Timex(lex.REFS[t], "DATE")
    if definite and t in ("near term", "short term", "long term"):
        return Timex("FUTURE_REF", "DATE")  # "in the near term", not "long-term debt"
    if m := _VAGUE_REF.match(t):
        # "in past years", "future quarters": a vague point, not a length
        return Timex("PAST_REF" if m["w"] == "past" else "FUTURE_REF", "DATE")
    if definite and t in ("year", "month", "week", "weekend") or t == "weekend":
        # "the year" is the one in focus, "over the weekend" the nearest one (TimeML DATEs)
        if anchor is None:
            return Timex("XXXX-XX-XX" if t == "weekend" else "XXXX", "DATE")
        return _relative_unit(anchor, "this", t, tense)
    if m := _HOLIDAY.match(t):
        if m["y"]:
            return _day(_holiday(m["h"], int(m["y"])), False)
        if anchor is None:
            fixed = lex.FIXED_HOLIDAYS.get(m["h"])
            return Timex(f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else "XXXX-XX-XX", "DATE")
        return _day(_holiday_near(anchor, m["h"], tense, m["shift"]))
    if m := _CENTURY.match(t):
        return _century(int(m["n"]) - 1, rel=False)
    if t in lex.SETS:
        return Timex(lex.SETS[t], "SET")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2}))?", t):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return Timex(f"{d.isoformat()}T{m[4]}:{m[5]}", "TIME", d, d) if m[4] else _day(d, False)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t):
        y = int(m[3]) + (1900 if len(m[3]) == 2 and int(m[3]) > 30 else 2000 if len(m[3]) == 2 else 0)
        return _day(date(y, int(m[1]), int(m[2])), False)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if m := pattern.match(t):
            month, day = lex.MONTHS[m["m"]], int(m["d"])
            if not 1 <= day <= 31:
                return None
            if m["y"]:
                return _day(date(int(m["y"]), month, min(day, calendar.monthrange(int(m["y"]), month)[1])), False)
            if anchor is None:
                return Timex(f"XXXX-{month:02d}-{day:02d}", "DATE")
            year = _pick_year(anchor, month, day, tense)
            return _day(date(year, month, min(day, calendar.monthrange(year, month)[1])))
    if m := _MONTH.match(t):
        month = lex.MONTHS[m["m"]]
        if m["y"]:
            return _month(int(m["y"]), month, False)
        if anchor is None:
            return Timex(f"XXXX-{month:02d}", "DATE")
        shift = {"last": "past", "past": "past", "previous": "past", "next": "future",
                 "coming": "future"}.get(m["mod"] or "", tense)
        return _month(_pick_year(anchor, month, None, shift), month)  # type: ignore[arg-type]
    if m := _YEAR.match(t):
        return _year(int(m["y"]), False)
    if m := _DECADE.match(t):
        if m["c"]:
            return _decade(int(m["c"]) * 100 + int(m["d"]) * 10)
        century = 1900 if anchor is None or int(m["d"]) * 10 > anchor.year % 100 else 2000
        return _decade(century + int(m["d"]) * 10)
    if t in ("today", "day", "this day", "the day", "tonight", "yesterday", "tomorrow",
             "day before yesterday", "day after tomorrow"):
        offset = {"yesterday": -1, "tomorrow": 1, "day before yesterday": -2,
                  "day after tomorrow": 2}.get(t, 0)
        if anchor is None:
            return Timex("XXXX-XX-XX", "DATE")
        return _day(anchor + timedelta(days=offset), part="NI" if t == "tonight" else None)
    if m := re.fullmatch(r"(yesterday|today|tomorrow) (morning|afternoon|evening|night)|"
                         r"(this|last|tomorrow) (morning|afternoon|evening|night)", t):
        word, part = (m[1], m[2]) if m[1] else (m[3], m[4])
        if anchor is None:
            return Timex("XXXX-XX-XX", "TIME")
        offset = {"yesterday": -1, "tomorrow": 1, "last": -1 if part == "night" else 0}.get(word, 0)
        return _day(anchor + timedelta(days=offset), part=lex.PARTS_OF_DAY[part])
    if m := _WEEKDAY.match(t):
        if anchor is None:
            return Timex("XXXX-XX-XX", "DATE")
        shift = {"coming": "next", "this coming": "next", "past": "last", "previous": "last"}.get(
            m["shift"] or "", m["shift"])
        d = _weekday(anchor, lex.WEEKDAYS[m["wd"]], tense, shift)
        return _day(d, part=lex.PARTS_OF_DAY[m["part"]] if m["part"] else None)
    if m := _RELATIVE.match(t):
        if anchor is None:
            return Timex("XXXX-XX-XX", "DATE")
        if m["shift"] in ("past", "previous") and m["unit"] in ("week", "month", "decade", "century",
                                                                "day", "quarter"):
            # "the past week" is the seven days up to now; "the past year" the year before
            # this one, as TimeBank annotates it
            return _duration(1, m["unit"], anchor, "past", within)
        return _relative_unit(anchor, m["shift"], m["unit"], tense)
    if found := fiscal.part_of_year(t, anchor, tense, definite):
        return found
    if m := _SEASON.match(t):
        return _season(anchor, m["s"], int(m["y"]) if m["y"] else None, tense and {"past": "last"}.get(tense))
    if m := _AGO.match(t):
        return _ago(anchor, _num(m["n"]), m["unit"], m["dir"])
    if m := _DURATION.match(t):
        n = _num(m["n"]) if m["n"] else None
        if n is None and not m["n"] and not m["plural"]:
            n = 1  # "a week" was caught by NUMBERS; bare "week", "the year": one unit
        if n is not None and (m["half"] or m["and_half"]):
            n += 0.5  # "a year and a half"
        return _duration(n, m["unit"], anchor, m["side"], within)
    if m := _EVERY_NAMED.match(t):
        # "each Thursday" is XXXX-WXX-4, "every July" XXXX-07, "Tuesday nights" XXXX-WXX-2TNI
        if m["m"]:
            return Timex(f"XXXX-{lex.MONTHS[m['m']]:02d}", "SET")
        weekday, part = m["wd"] or m["wd2"], m["part"] or m["part2"]
        clock = f"T{lex.PARTS_OF_DAY[part]}" if part else ""
        return Timex(f"XXXX-WXX-{lex.WEEKDAYS[weekday] + 1}{clock}", "SET")
    if m := _SET.match(t):
        letter, _, is_time = lex.UNITS[m["unit"]]
        return Timex(f"PT1{letter}" if is_time else f"P1{letter}", "SET")
    if m := _CLOCK.match(t):
        if not (m["ap"] or m["mi"]):
            return None
        hour = int(m["h"]) % 12 + (12 if m["ap"] and m["ap"][0] == "p" else 0)
        if m["ap"] is None:
            hour = int(m["h"])
        minute = int(m["mi"] or 0)
        if hour > 23 or minute > 59:
            return None
        if anchor is None:
            return Timex(f"XXXX-XX-XXT{hour:02d}:{minute:02d}", "TIME")
        when = anchor
        if m["when"] in lex.WEEKDAYS:
            when = _weekday(anchor, lex.WEEKDAYS[m["when"]], tense, None)
        elif m["when"]:
            when = anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(m["when"], 0))
        return Timex(f"{when.isoformat()}T{hour:02d}:{minute:02d}", "TIME", when, when, True)
    if t in ("noon", "midday", "midnight"):
        if anchor is None:
            return None
        return Timex(f"{anchor.isoformat()}T{'24:00' if t == 'midnight' else '12:00'}", "TIME",
                     anchor, anchor, True)
    return None


_TIME_WORDS = (r"(?:\d{1,2}(?::\d{2})? ?(?:am|pm|a m|p m)(?: [a-z]{2,4}t)?|noon|midday|midnight|"
               r"(?:mid |early |late )?(?:morning|afternoon|evening|night))")
_TIME_THEN_DAY = re.compile(rf"^(?P<time>{_TIME_WORDS})(?:,| on)? (?P<day>.+)$")
_DAY_THEN_TIME = re.compile(rf"^(?P<day>.+?)(?:,| at)? (?P<time>{_TIME_WORDS})$")
_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)$")


def _time_of_day(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """A time on a named day: "noon Thursday", "Saturday night", "5 pm est, nov 9",
    "mid afternoon yesterday" (TIMEX3 TIME: the day, then T and the clock or part of day)."""
    m = _TIME_THEN_DAY.match(t) or _DAY_THEN_TIME.match(t)
    if m is None:
        return None
    day = _rules(m["day"], anchor, tense, False)
    if day is None or not _DAY_VALUE.match(day.value):
        return None
    if anchor is None:
        return day  # the publication-date inference reads the bare weekday
    time = m["time"].split()[-1] if m["time"].split()[-1] in lex.PARTS_OF_DAY else m["time"]
    if time in ("noon", "midday", "midnight"):
        clock = "24:00" if time == "midnight" else "12:00"
    elif time in lex.PARTS_OF_DAY:
        clock = lex.PARTS_OF_DAY[time]
    else:
        found = _rules(time, anchor, tense, False)
        if found is None or "T" not in found.value:
            return None
        clock = found.value.split("T", 1)[1]
    return Timex(f"{day.value}T{clock}", "TIME", day.start, day.end, day.relative)


_EDGE_WORDS = ("earlier in", "later in", "early", "earlier", "late", "later", "mid", "middle of", "end of",
               "beginning of", "start of", "early hours of", "day", "last", "this past", "same")
# longest first, so "early hours of" is not read as "early" followed by "hours of"
_EDGE = re.compile(rf"^(?:{'|'.join(sorted(_EDGE_WORDS, key=len, reverse=True))})\s+")
_MONTH_OF_YEAR = re.compile(rf"^(?P<m>{lex.MONTH_WORDS})(?: of)? (?P<shift>this|last|next) year$")
_PARSEABLE = re.compile(rf"\d|\b(?:{lex.MONTH_WORDS}|{lex.WEEKDAY_WORDS})\b")


@lru_cache(maxsize=4096)
def _fallback(text: str, anchor: date | None, tense: Tense) -> Timex | None:
    """``dateparser`` for what the rules do not cover; only texts naming a number, month or
    weekday, because on other words it guesses (MODELS.md §4: it matched "we")."""
    if not _PARSEABLE.search(text):
        return None
    try:
        import dateparser
    except ImportError:
        return None
    settings: dict[str, object] = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first",
                                   "REQUIRE_PARTS": ["year"] if anchor is None else []}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day, 12)
        settings["PREFER_DATES_FROM"] = {"future": "future", "past": "past"}.get(tense or "", "current_period")
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None or not 1000 <= parsed.year <= 2200:
        return None
    return _day(parsed.date(), anchor is not None)


def normalize(text: str, anchor: date | datetime | None = None, tense: Tense = None,
              quarterly: bool = False) -> Timex | None:
    """The TIMEX3 value of ``text`` against ``anchor`` (the publication date).

    Args:
        text: the expression as written ("on Wednesday", "Friday's", "in 2014").
        anchor: the publication date; ``None`` leaves relative parts as ``X``.
        tense: tense of the clause the expression sits in; decides whether a bare weekday
            or month-day lies before or after the anchor.
        quarterly: the text reports quarterly results, where "the quarter" and "a year
            earlier" name quarters.

    Returns:
        The normalised :class:`Timex`, or ``None`` when the text is not a date rules or
        dateparser can read.
    """
    day = anchor.date() if isinstance(anchor, datetime) else anchor
    cleaned, within, definite = _clean(text)
    if not cleaned:
        return None
    try:  # impossible dates ("31 February") raise ValueError: they are not dates
        found = fiscal.quarterly(cleaned, day) if quarterly and day is not None else None
        found = found or _rules(cleaned, day, tense, within, definite)
        if found is None and (m := _EDGE.match(cleaned)):
            # "later today", "early Friday", "mid-1996": the edge narrows, the value stays
            rest = cleaned[m.end():]
            found = _rules(rest.removeprefix("the "), day, tense, within, definite or rest.startswith("the "))
        if found is None:
            found = _time_of_day(cleaned, day, tense)
        if found is None and day is not None:
            # "October last year", "early October this year"
            m = _MONTH_OF_YEAR.match(cleaned) or _MONTH_OF_YEAR.match(_EDGE.sub("", cleaned, count=1))
            if m:
                found = _month(day.year + {"this": 0, "last": -1, "next": 1}[m["shift"]], lex.MONTHS[m["m"]])
    except (ValueError, OverflowError):
        return None
    if found is None:
        found = _fallback(cleaned, day, tense)
    return found
