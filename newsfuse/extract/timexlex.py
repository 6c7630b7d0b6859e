"""Word lists for temporal expressions: months, weekdays, number words, units, parts of day.

Kept apart from :mod:`newsfuse.extract.timex` so the normaliser reads as rules, not tables.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _i

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}

NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
    "couple of": 2, "a couple of": 2, "couple": 2, "a couple": 2,
}
# "several days", "a few weeks": TimeML writes the number as X
VAGUE_NUMBERS = ("several", "few", "a few", "some", "many", "recent", "coming", "past few",
                 "next few", "the next few", "the past few", "the last few", "numerous")

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}

# unit word -> (TimeML duration letter, days per unit for arithmetic, is a time unit)
UNITS: dict[str, tuple[str, float, bool]] = {
    "second": ("S", 1 / 86400, True), "minute": ("M", 1 / 1440, True),
    "hour": ("H", 1 / 24, True), "day": ("D", 1, False), "night": ("D", 1, False),
    "week": ("W", 7, False), "weekend": ("WE", 2, False), "fortnight": ("W", 14, False),
    "trading day": ("D", 1, False), "business day": ("D", 1, False),
    "month": ("M", 30.44, False), "quarter": ("Q", 91.3, False), "year": ("Y", 365.25, False),
    "decade": ("DE", 3652.5, False), "century": ("CE", 36525, False),
    "millennium": ("ML", 365250, False),
}

# counted durations of these units are written in years ("two decades" -> P20Y), as TimeBank does
YEARS_IN: dict[str, int] = {"DE": 10, "CE": 100, "ML": 1000}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "noon": "MI",
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA",
                           "winter": "WI"}

# expressions TimeML normalises to a reference point rather than a calendar date
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "the present": "PRESENT_REF", "present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "this time": "PRESENT_REF",
    "the moment": "PRESENT_REF", "this moment": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "the past": "PAST_REF", "in the past": "PAST_REF", "past": "PAST_REF", "formerly": "PAST_REF",
    "earlier": "PAST_REF", "once": "PAST_REF", "the time": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near future": "FUTURE_REF", "near future": "FUTURE_REF", "foreseeable future": "FUTURE_REF",
    "immediate future": "FUTURE_REF", "distant future": "FUTURE_REF", "later": "FUTURE_REF", "eventually": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "shortly": "FUTURE_REF",
}

# "daily", "every week": TimeML SET values
SETS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
    "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y", "hourly": "PT1H",
    "biweekly": "P2W", "biannually": "P6M",
}

NUMBER_WORDS = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_WORDS = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

# -- numbers written out ("nineteen ninety-six", "twenty four hours") -----------------------

_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_VALUE = {w: i for i, w in enumerate(_ONES, 1)} | {w: i for i, w in enumerate(_TEENS, 10)} \
    | {w: 10 * i for i, w in enumerate(_TENS, 2)}
_DECADES = {w[:-1] + "ies": w for w in _TENS}  # "nineties" -> "ninety"
_W_ONES = "|".join(_ONES)
_W_TENS = "|".join(_TENS)
_W_TEENS = "|".join(_TEENS)
# "nineteen ninety six", "nineteen seventy", "twenty ten": a century word, then two digits
_SPOKEN_YEAR = re.compile(
    rf"\b(?P<c>{_W_TEENS}|twenty) (?:(?P<t>{_W_TENS})(?: (?P<o>{_W_ONES}))?|(?P<teen>{_W_TEENS}))\b")
_THOUSANDS = re.compile(rf"\btwo thousand(?: and)?(?: (?P<t>{_W_TENS}))?(?: (?P<o>{_W_ONES}|{_W_TEENS}))?\b")
_COMPOUND = re.compile(rf"\b(?P<t>{_W_TENS}) (?P<o>{_W_ONES})\b")
_SPOKEN_DECADE = re.compile(rf"\b(?:(?P<c>{_W_TEENS}) )?(?P<d>{'|'.join(_DECADES)})\b")
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
                  "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                  "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "twenty first": 21, "twenty second": 22, "twenty third": 23,
                  "twenty fourth": 24, "twenty fifth": 25, "twenty sixth": 26, "twenty seventh": 27,
                  "twenty eighth": 28, "twenty ninth": 29, "thirtieth": 30, "thirty first": 31}
_ORDINAL_CENTURY = re.compile(rf"\b(?P<o>{'|'.join(sorted(_ORDINAL_WORDS, key=len, reverse=True))}) century\b")


_MONTH_ORDINAL = re.compile(
    rf"\b(?P<m>{MONTH_WORDS}) (?:the )?(?P<o>{'|'.join(sorted(_ORDINAL_WORDS, key=len, reverse=True))})\b")


def digits(text: str) -> str:
    """``text`` (lower case, hyphens as spaces) with numbers written as words put in
    digits, as broadcast transcripts write years: "nineteen ninety six" -> "1996", "the
    year two thousand" -> "the year 2000", "the nineties" -> "the 1990s", "twenty four
    hours" -> "24 hours", "the twentieth century" -> "the 20th century"."""
    def year(m: re.Match[str]) -> str:
        low = _VALUE[m["teen"]] if m["teen"] else _VALUE[m["t"]] + (_VALUE[m["o"]] if m["o"] else 0)
        return str(_VALUE[m["c"]] * 100 + low)

    def thousands(m: re.Match[str]) -> str:
        return str(2000 + (_VALUE[m["t"]] if m["t"] else 0) + (_VALUE[m["o"]] if m["o"] else 0))

    def decade(m: re.Match[str]) -> str:
        return f"{_VALUE[m['c']] if m['c'] else 19}{_VALUE[_DECADES[m['d']]]}s"

    text = _MONTH_ORDINAL.sub(lambda m: f"{m['m']} {_ORDINAL_WORDS[m['o']]}", text)
    text = _THOUSANDS.sub(thousands, text)
    text = _SPOKEN_DECADE.sub(decade, text)
    text = _SPOKEN_YEAR.sub(year, text)
    text = _COMPOUND.sub(lambda m: str(_VALUE[m["t"]] + _VALUE[m["o"]]), text)
    return _ORDINAL_CENTURY.sub(lambda m: f"{_ORDINAL_WORDS[m['o']]}th century", text)

# -- holidays: fixed days, nth weekday of a month, and days counted from Easter -----------

FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31),
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "independence day": (7, 4), "fourth of july": (7, 4),
    "july fourth": (7, 4), "halloween": (10, 31), "veterans day": (11, 11),
    "veterans' day": (11, 11), "armistice day": (11, 11), "valentine's day": (2, 14),
    "st patrick's day": (3, 17), "saint patrick's day": (3, 17), "may day": (5, 1),
    "bastille day": (7, 14), "april fools' day": (4, 1), "all saints' day": (11, 1),
    "groundhog day": (2, 2), "flag day": (6, 14),
}
# (month, weekday, nth; -1 the last)
NTH_WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1), "martin luther king day": (1, 0, 3),
    "martin luther king jr day": (1, 0, 3), "presidents day": (2, 0, 3),
    "presidents' day": (2, 0, 3), "mother's day": (5, 6, 2), "father's day": (6, 6, 3),
    "columbus day": (10, 0, 2),
}
# days after Easter Sunday
EASTER_HOLIDAYS: dict[str, int] = {
    "easter": 0, "easter sunday": 0, "easter day": 0, "easter monday": 1, "good friday": -2,
    "holy thursday": -3, "maundy thursday": -3, "palm sunday": -7, "ash wednesday": -46,
    "pentecost": 49, "whit sunday": 49,
}
HOLIDAY_WORDS = "|".join(sorted((re.escape(k) for k in (*FIXED_HOLIDAYS, *NTH_WEEKDAY_HOLIDAYS,
                                                         *EASTER_HOLIDAYS, "election day")),
                                key=len, reverse=True))
