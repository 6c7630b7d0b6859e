"""Find temporal expressions in a parsed text, with the tense they are used in.

spaCy's DATE and TIME entities find most expressions; a few words spaCy never tags but
news uses as times ("now", "recently", holidays, "every day") are added, and entity edges
are drawn as TimeML draws them: trimmed to what the expression covers ("over a decade" ->
"a decade"), cut where TimeML sees two ("the quarter | ended | Sept. 30"), joined where it
sees one ("Thursday evening"). The tense rules live in :mod:`newsfuse.extract.datetense`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsfuse.extract.datetense import clause_tense, event_tense
from newsfuse.extract.timex import Tense
from newsfuse.extract.timexlex import MONTHS

__all__ = ["EVENT_NOUNS", "FoundDate", "clause_tense", "event_tense", "find_dates", "is_quarterly"]

# words spaCy leaves untagged that are time references on their own
_LONE = {"now", "recently", "lately", "nowadays", "currently", "future", "past", "daily", "weekly",
         "monthly", "annually"}
# month-day dates the small model sometimes leaves untagged ("the quarter ended Sept. 30")
_MONTH_DAY = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?:,\s+\d{4})?\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s+\d{4})?\b|"
    r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?:\s+\d{4})?\b")
# references spaCy does not tag: "the latest period" of an earnings report, "in the near
# future", "over the short term" (group "x" is the expression)
_UNTAGGED_REFS = re.compile(
    r"\b(?P<x>[Tt]he (?:latest|most recent) (?:period|quarter))\b|"
    r"\b(?:in|into|for|over|during|about|of) (?P<y>the (?:(?:near|foreseeable|immediate|distant) future|"
    r"(?:near|short|long) term))\b")
# holidays spaCy tags as events or not at all: "on Thanksgiving Day", "last Christmas"
_HOLIDAYS = re.compile(
    r"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his) )?(?:New Year's (?:Day|Eve)|Christmas(?: Day| Eve)?|Boxing Day|"
    r"Independence Day|Fourth of July|Halloween|Veterans'? Day|Armistice Day|Valentine's Day|"
    r"St\.? Patrick's Day|May Day|Bastille Day|All Saints' Day|Thanksgiving(?: Day)?|Labor Day|"
    r"Memorial Day|Martin Luther King(?: Jr\.?)? Day|Presidents'? Day|Mother's Day|Father's Day|"
    r"Columbus Day|Election Day|Easter(?: Sunday| Monday)?|Good Friday|Palm Sunday|Ash Wednesday|"
    r"Pentecost)\b")
_LEADING_NOISE = {"over", "about", "around", "nearly", "almost", "some", "roughly", "approximately",
                  "within", "through", "until", "since", "by", "during", "just", "only", "mere",
                  "another", "least", "at", "more", "less", "than", "fewer", "up", "to", "no",
                  "barely", "both", "either", "between", "from"}
_LEADING_PHRASES = {"as early as", "as soon as", "as late as", "as recently as", "as long as"}
_APPROX = {"about", "around", "nearly", "almost", "roughly", "approximately", "some"}
_NOT_DATES = re.compile(
    r"^(?:the )?(?:age|ages|aged|old|young|night|morning|evening|afternoon|overnight|annual|"
    r"annually|quarterly|\d{1,3}|\d{5,}|\d+ years? old|[\w-]+-(?:year|month|week|day)-old)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A temporal expression in a doc: character offsets (doc coordinates), its label,
    the tense of the clause it sits in, and the token it modifies."""

    start: int
    end: int
    label: str  # DATE or TIME (spaCy's label; "now" and friends are DATE)
    tense: Tense
    governor: int  # token index of the verb or noun the expression attaches to


def _trim(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """Token bounds of ``doc[start:end]`` without leading prepositions and hedges spaCy
    included; approximators before a quantity stay, as TimeML marks them with ``mod``
    ("nearly two years", "about a decade"), not outside the expression."""
    while start + 3 < end and doc[start:start + 3].text.lower() in _LEADING_PHRASES:
        start += 3  # "as early as Tuesday": TimeML leaves the hedge out
    while start < end and (doc[start].lower_ in _LEADING_NOISE or doc[start].is_punct
                           or doc[start].lower_ in ("a", "an") and start + 1 < end
                           and (doc[start + 1].like_num or doc[start + 1].is_title)):
        nxt = doc[start + 1] if start + 1 < end else None
        if doc[start].lower_ in ("more", "less", "fewer", "at", "up", "no") and nxt is not None \
                and nxt.lower_ in ("than", "least", "to", "more"):
            break  # "more than two years" keeps its hedge in TimeML
        if doc[start].lower_ in _APPROX and nxt is not None and (nxt.like_num or nxt.lower_ in ("a", "an")):
            break
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s", "and", "or", "to", "through", "of")):
        end -= 1  # "between now and | Feb. 10", "1994, 1995 and | 1997", "the night of | Oct. 23"
    return (start, end) if end > start else None


def _governor(token: Any) -> Any:
    """The verb (or, failing that, noun) the expression belongs to."""
    node = token
    for _ in range(8):
        if node.head is node:
            return node
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.pos_ == "NOUN" and (node.dep_ in ("nsubj", "nsubjpass", "ROOT")
                                    or node.lemma_.lower() in EVENT_NOUNS):
            return node  # "Trump's scheduled meeting with Putin on Friday": the meeting is dated
    return node


_RANGE_WORDS = {"and", "to", "through", "until", "till", "-", "–", "—", "or"}
# "the quarter ended Sept. 30": TimeML tags the period and the day it ends on apart
_ENDING_WORDS = {"ended", "ending"}
_UNIT_PLURALS = {"days", "weeks", "months", "quarters", "years", "decades", "centuries", "hours",
                 "minutes", "summers", "winters", "springs", "autumns", "falls", "nights", "weekends"}
_UNIT_SINGULARS = {"day", "week", "weekend", "month", "quarter", "year", "decade", "century"}
_WEEKDAY_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_DAY_NAMES = {"today", "yesterday", "tomorrow", "tonight"}
_SHIFTS = {"this", "last", "next", "that", "coming", "past", "previous"}
_DAY_WORDS = re.compile(
    r"^(?:(?:early|late|mid|last|this|next) )?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|today|yesterday|tomorrow|tonight)$|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.? \d{1,2}\b", re.IGNORECASE)

# a time of day, not a length of time ("more than four hours Friday" is two expressions)
_CLOCK_WORDS = re.compile(r"^(?:(?:at|about|around) )?(?:\d{1,2}(?::\d\d)? ?[ap]\.?m\b|\d{1,2}:\d\d|noon|"
                          r"midnight|midday|(?:mid|early|late)?-? ?(?:morning|afternoon|evening|night))",
                          re.IGNORECASE)


def _is_year(token: Any) -> bool:
    return token.is_digit and len(token.text) == 4


def _is_cut(doc: Any, i: int) -> bool:
    """Whether token ``i`` separates two expressions: a range word, but not the hyphen
    inside a spelled-out number ("ninety-six")."""
    tok = doc[i]
    if tok.text == ",":
        return _is_year(doc[i - 1]) and _is_year(doc[i + 1])  # "in 1994, 1995 and 1997"
    if tok.lower_ not in _RANGE_WORDS:
        return False
    if tok.text == "-" and not doc[i - 1].whitespace_ and not tok.whitespace_:
        return doc[i - 1].is_digit and doc[i + 1].is_digit  # "1994-97", not "ninety-six"
    return True


def _split_range(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """"between 1994 and 1997" and "1991 to 1997" are two expressions, as TimeML tags them."""
    cuts = [i for i in range(start + 1, end - 1) if _is_cut(doc, i)]
    if not cuts:
        return [(start, end)]
    parts: list[tuple[int, int]] = []
    begin = start + (doc[start].lower_ in ("between", "from"))
    for cut in cuts:
        parts.append((begin, cut))
        begin = cut + 1
    parts.append((begin, end))
    # only a range when each side can stand alone ("1994", "Friday"); "a year and a half" is one
    if all(any(t.like_num or t.ent_type_ in ("DATE", "TIME") and t.is_title or t.lower_ in
               _LONE | _DAY_NAMES for t in doc[a:b]) and b - a <= 3 for a, b in parts):
        return [(a, b) for a, b in parts if b > a]
    return [(start, end)]


def _split_parts(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """A period and the date that bounds or contains it are two TIMEX3s: "the quarter |
    ended | Sept. 30", "the first nine months | of | 1997"."""
    for i in range(start + 1, end - 1):
        word = doc[i].lower_
        if word in _ENDING_WORDS or word == "of" and doc[i - 1].lower_ in _UNIT_PLURALS \
                and any(t.like_num for t in doc[start:i]) \
                and (doc[i + 1].like_num or doc[i + 1].lower_ in _SHIFTS | {"the"}):
            return [(start, i), *_split_parts(doc, i + 1, end)]
    return [(start, end)]


def _widen(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Words spaCy leaves out of an expression: the shift of "this year's" (it tags only
    "year") and the unit of "the past three summers" (it stops at "three")."""
    if start > 0 and doc[start].lower_ in _UNIT_SINGULARS and (
            doc[start - 1].lower_ in _SHIFTS or doc[start - 1].lower_ == "the" and end == start + 1):
        start -= 1  # "this year's election", "the week's most active session"
    if end < len(doc) and doc[end - 1].like_num and doc[end].lower_ in _UNIT_PLURALS | _UNIT_SINGULARS:
        end += 1
    if start > 0 and doc[start - 1].lower_ in ("every", "each"):
        start -= 1  # "each Thursday", "every July": a TimeML SET
    return start, end


def _time_and_day(doc: Any, a: Any, b: Any) -> bool:
    """Whether entities ``a`` and ``b`` (in text order) are one time on one day:
    "Thursday evening", "noon Saturday", "5 p.m. EST, Nov. 9"."""
    gap = doc[a.end:b.start]
    if len(gap) > 1 or len(gap) == 1 and gap[0].text != ",":
        return False
    day, time = (a, b) if b.label_ == "TIME" else (b, a)
    return time.label_ == "TIME" and day.label_ == "DATE" and bool(_DAY_WORDS.search(day.text)) \
        and bool(_CLOCK_WORDS.match(time.text))


def _weekday_and_date(doc: Any, a: Any, b: Any) -> bool:
    """Whether DATE entities ``a`` and ``b`` are one day written twice, "Friday, Oct. 23"
    (one TIMEX3 in TimeML; the model sometimes tags the two halves apart)."""
    return a.label_ == b.label_ == "DATE" and b.start == a.end + 1 and doc[a.end].text == "," \
        and a[-1].lower_ in _WEEKDAY_NAMES and doc[b.start].lower_.rstrip(".") in MONTHS


def _entities(doc: Any) -> list[tuple[int, int, str]]:
    """DATE and TIME entities as token bounds, a time of day joined to its day and a
    weekday to its date."""
    out: list[tuple[int, int, str]] = []
    previous = None
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            previous = None
            continue
        if previous is not None and _weekday_and_date(doc, previous, ent):
            out[-1] = (out[-1][0], ent.end, out[-1][2])
        elif previous is not None and _time_and_day(doc, previous, ent):
            out[-1] = (out[-1][0], ent.end, "TIME")
        else:
            out.append((ent.start, ent.end, ent.label_))
        previous = ent
    return out


_SET_UNITS = {"day", "week", "month", "year", "morning", "night", "evening", "weekend", "hour",
              "quarter", "minute"}
_NOT_AFTER_SET = {"ago", "earlier", "later", "before", "after", "or", "and", "from", "old", "long"}


def _frequencies(doc: Any, taken: set[int]) -> list[tuple[int, int]]:
    """Untagged TimeML SETs, "every day", "each week", as token bounds. (A rate after a
    quantity, "$1 billion a year", is left alone: TimeBank tags two in eight.)"""
    out = []
    for tok in doc[:-1]:
        unit = doc[tok.i + 1]
        if tok.i in taken or unit.i in taken or unit.lower_ not in _SET_UNITS:
            continue
        after = doc[unit.i + 1].lower_ if unit.i + 1 < len(doc) else ""
        if after in _NOT_AFTER_SET:
            continue
        if tok.lower_ in ("every", "each"):
            out.append((tok.i, unit.i + 1))
    return out


def find_dates(doc: Any) -> list[FoundDate]:
    """Every temporal expression in ``doc``, in text order, without overlaps."""
    found: list[FoundDate] = []
    taken: set[int] = set()
    for ent_start, ent_end, label in _entities(doc):
        bounds = _trim(doc, *_widen(doc, ent_start, ent_end))
        if bounds is None:
            continue
        for part in _split_parts(doc, *bounds):
            for start, end in _split_range(doc, *part):
                span = doc[start:end]
                if _NOT_DATES.match(span.text) or span.start in taken:
                    continue
                taken.update(range(span.start, span.end))
                found.append(FoundDate(span.start_char, span.end_char, label,
                                       clause_tense(span.root), _governor(span.root).i))
    for token in doc:
        if token.i in taken or token.lower_ not in _LONE and not (
                token.lower_ in _DAY_NAMES | _WEEKDAY_NAMES and token.is_alpha and not token.ent_type_
                and (token.is_title or token.is_lower and token.lower_ in _DAY_NAMES)):
            continue  # "today" and "Monday" the model left untagged are dates all the same
        if token.lower_ in ("past", "future") and not (token.i > 0 and doc[token.i - 1].lower_ == "the"
                                                         and token.head.pos_ == "ADP"):
            continue  # "the past" / "the future" only as a time ("in the future", "into the future")
        if token.lower_ in ("daily", "weekly", "monthly", "yearly", "quarterly", "annually") \
                and token.pos_ not in ("ADV",):
            continue  # "a daily newspaper" names a thing, not a time
        start = token.idx - 4 if token.lower_ in ("past", "future") else token.idx
        found.append(FoundDate(start, token.idx + len(token), "DATE", clause_tense(token),
                               _governor(token).i))
    for start, end in _frequencies(doc, taken):
        taken.update(range(start, end))
        found.append(FoundDate(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "DATE",
                               clause_tense(doc[end - 1]), _governor(doc[end - 1]).i))
    for m in (*_MONTH_DAY.finditer(doc.text), *_UNTAGGED_REFS.finditer(doc.text), *_HOLIDAYS.finditer(doc.text)):
        group = next((g for g in ("x", "y") if g in m.re.groupindex and m[g]), 0)
        span = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        taken.update(t.i for t in span)
        found.append(FoundDate(span.start_char, span.end_char, "DATE", clause_tense(span.root),
                               _governor(span.root).i))
    found.sort(key=lambda f: f.start)
    return found


_QUARTER_WORD = re.compile(r"\b(?:quarter|quarterly)\b", re.IGNORECASE)


def is_quarterly(text: str) -> bool:
    """Whether ``text`` reports by quarter (earnings news), which changes what "the
    quarter" and "a year earlier" mean."""
    return len(_QUARTER_WORD.findall(text)) >= 2


# nouns naming events an article can be written before or after
EVENT_NOUNS = {"summit", "meeting", "talks", "talk", "visit", "conference", "election", "vote",
               "referendum", "negotiation", "negotiations", "trip", "ceremony", "hearing", "trial",
               "debate", "rally", "sit-down", "session", "match", "game", "launch", "deadline",
               "inauguration", "funeral", "wedding", "festival", "tournament", "final", "strike"}
