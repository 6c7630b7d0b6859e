"""Cheap, dependency-free readers of a sentence's checkable details: money amounts,
counted numbers, key terms and negation cues. Offsets are relative to the text given,
so callers shift them onto ``Article.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6,
          "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
             "gbp": "GBP", "¥": "JPY", "dollars": "USD", "dollar": "USD", "euros": "EUR",
             "euro": "EUR", "pounds": "GBP", "yen": "JPY", "rubles": "RUB", "roubles": "RUB",
             "yuan": "CNY", "hryvnias": "UAH"}
_NUM = r"\d+(?:[.,]\d+)*"
_AMOUNT_PREFIX = re.compile(
    rf"(?P<cur>US\$|\$|€|£|¥|\bUSD|\bEUR|\bGBP)\s?(?P<num>{_NUM})"
    rf"(?:\s?(?P<scale>trillion|billion|million|thousand|bn|tn|mn|[bmk])\b)?", re.IGNORECASE)
_AMOUNT_SUFFIX = re.compile(
    rf"\b(?P<num>{_NUM})\s?(?P<scale>trillion|billion|million|thousand|bn|mn)?\s"
    r"(?P<cur>dollars?|euros?|pounds|yen|rubles|roubles|yuan|hryvnias)\b", re.IGNORECASE)
_COUNT = re.compile(
    rf"\b(?P<num>{_NUM})(?:\s?(?P<scale>trillion|billion|million|thousand))?(?:\s|-)"
    r"(?:(?:more|fewer|other|additional|new|of|the|than)\s)?(?P<unit>[a-z]{3,}|%|percent)",
    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|cannot|without)\b|n['’]t\b", re.IGNORECASE)

# Function words and reporting words: they say nothing about what a claim is about.
STOPWORDS: frozenset[str] = frozenset("""
a about above after again against all almost along already also although always am among an and
another any anyone anything are around as at away back be became because become been before being
below between both but by can could did do does doing done down during each either else even ever
every few for from further had has have having he her here hers herself him himself his how however
i if in into is it its itself just last later least less like made make many may me meanwhile might
more most much must my myself near neither next no nor not now of off often on once one only onto or
other others our ours ourselves out over own per perhaps put rather same several she should since
so some still such than that the their theirs them themselves then there these they this those
though through thus to today too toward towards under until up upon us very via was we well were
what when where whether which while who whom whose why will with within without would yet you your
yours yesterday tomorrow said say says saying told tell tells according added add adds noted
stated reported reports mentioned asked including week weeks day days month months year years
monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr new two three four five
""".split())


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a text: where, its value, and what it counts."""

    start: int
    end: int
    value: float
    unit: str  # currency code for amounts, the counted noun (singular) otherwise
    money: bool

    def label(self, text: str) -> str:
        return text[self.start:self.end]


def _number(raw: str) -> float | None:
    cleaned = raw.replace(",", "")
    if raw.count(",") and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw) is None:
        cleaned = raw.replace(",", ".")  # a decimal comma: 2,5 billion
    try:
        return float(cleaned)
    except ValueError:
        return None


def singular(word: str) -> str:
    """A crude singular: enough to match "minutes" with "minute"."""
    w = word.lower().replace("’", "'")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def quantities(text: str) -> list[Quantity]:
    """Money amounts and counted numbers in ``text``, in order, without overlaps.

    Example:
        >>> [(q.value, q.unit) for q in quantities("a $90 billion deal lasting 40 minutes")]
        [(90000000000.0, 'USD'), (40.0, 'minute')]
    """
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for pattern in (_AMOUNT_PREFIX, _AMOUNT_SUFFIX):
        for m in pattern.finditer(text):
            value = _number(m.group("num"))
            if value is None or not free(m.start(), m.end()):
                continue
            scale = (m.group("scale") or "").lower()
            currency = _CURRENCY.get(m.group("cur").lower(), m.group("cur").upper())
            found.append(Quantity(m.start(), m.end(), value * _SCALE.get(scale, 1.0), currency, True))
            taken.append((m.start(), m.end()))
    for m in _COUNT.finditer(text):
        value = _number(m.group("num"))
        unit = m.group("unit").lower()
        if value is None or not free(m.start(), m.end()) or unit in STOPWORDS - {"day", "days", "week", "weeks", "month", "months", "year", "years"}:
            continue
        if unit in ("percent", "%"):
            unit = "percent"
        scale = (m.group("scale") or "").lower()
        found.append(Quantity(m.start(), m.end(), value * _SCALE.get(scale, 1.0), singular(unit), False))
        taken.append((m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)


def key_terms(text: str) -> list[str]:
    """Content words of ``text``, lowercased and singular, in order, without repeats.

    Example:
        >>> key_terms("Trump said the ceasefire talks would resume")
        ['trump', 'ceasefire', 'talk', 'resume']
    """
    out: dict[str, None] = {}
    for m in _WORD.finditer(text):
        word = m.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in STOPWORDS:
            continue
        out.setdefault(singular(word), None)
    return list(out)


def has_negation(text: str) -> bool:
    """Whether ``text`` carries a negation cue ("not", "n't", "never", "no", ...)."""
    return _NEGATION.search(text) is not None


def format_amount(value: float, unit: str) -> str:
    """A readable amount: ``format_amount(1e11, "USD") == "USD 100 billion"``."""
    for name, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= scale:
            return f"{unit} {value / scale:g} {name}"
    return f"{unit} {value:g}"
