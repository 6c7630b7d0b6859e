"""Who copied whom: explicit credit, then publication times, then containment.

Credit is the strongest evidence (the copy names its source: "reports The Guardian",
"according to NBC News", "(Reuters)"). Publication times come next; they can be wrong
or inferred, so an inferred time says so. Containment last: a copy adds little that its
original lacks, so the article mostly contained in the other is taken as the copy, but
only when the two containments differ clearly. Otherwise the link is undirected and its
evidence says so.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from newsfuse.dedup.links import UNDIRECTED_EVIDENCE, Direction
from newsfuse.model import Article

_CREDIT = re.compile(
    r"\b(?:reports?|reported(?: by)?|according to|first reported by|as reported by|"
    r"originally (?:published|appeared) (?:in|on|by)|(?:source|via|credit|courtesy(?: of)?)\s*:?)"
    r"\s+((?:[Tt]he\s+)?[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})"
    r"|\(((?:[A-Z][\w&.'-]*)(?:\s+[A-Z][\w&.'-]*){0,2})\)\s*[-–—]"
)
_TLD = re.compile(r"\.(?:com|co\.uk|co|org|net|news|uk|us|de|fr|io|info|tv)$")


def outlet_key(name: str | None) -> str:
    """Comparable form of an outlet name or domain.

    Example:
        >>> outlet_key("www.theguardian.com") == outlet_key("The Guardian")
        True
    """
    if not name:
        return ""
    key = name.strip().lower()
    key = re.sub(r"^https?://", "", key).split("/")[0]
    key = re.sub(r"^www\.", "", key)
    key = _TLD.sub("", key)
    key = re.sub(r"[^a-z0-9]", "", key)
    return key[3:] if key.startswith("the") and len(key) > 5 else key


@lru_cache(maxsize=4096)
def credited_outlets(text: str) -> frozenset[str]:
    """Outlet keys that ``text`` credits as its source ("reports The Guardian", "(Reuters) -")."""
    found: set[str] = set()
    for match in _CREDIT.finditer(text):
        name = match.group(1) or match.group(2) or ""
        parts = name.split()
        # "according to NBC News on Tuesday": try every prefix of the captured name
        for n in range(len(parts), 0, -1):
            key = outlet_key(" ".join(parts[:n]))
            if len(key) >= 3:
                found.add(key)
    return frozenset(found)


def _credits(copy: Article, source: Article) -> bool:
    key = outlet_key(source.outlet)
    return bool(key) and outlet_key(copy.outlet) != key and key in credited_outlets(copy.text)


def comparable(ta: datetime, tb: datetime) -> tuple[datetime, datetime]:
    """Two times that can be compared: wall clocks when only one of them has a time zone."""
    if (ta.tzinfo is None) != (tb.tzinfo is None):
        return ta.replace(tzinfo=None), tb.replace(tzinfo=None)
    return ta, tb


def infer_direction(a: Article, b: Article, contained_a: float, contained_b: float,
                    margin: float = 0.1) -> tuple[Direction, str]:
    """Direction of a copy link stated for the pair (a, b).

    Args:
        a: one article of the pair.
        b: the other.
        contained_a: share of a's content found in b (shingles or aligned sentences).
        contained_b: share of b's content found in a.
        margin: how much larger one containment must be to decide.

    Returns:
        ``("a->b", why)`` when b copied a, ``("b->a", why)`` when a copied b, else
        ``("undirected", "no evidence: undirected")``.
    """
    b_credits_a, a_credits_b = _credits(b, a), _credits(a, b)
    if b_credits_a != a_credits_b:
        source, copy = (a, b) if b_credits_a else (b, a)
        why = f"explicit credit: the copy names {source.outlet!r}"
        return ("a->b" if b_credits_a else "b->a"), why
    if a.published and b.published:
        ta, tb = comparable(a.published, b.published)
        if ta != tb:
            inferred = " (inferred date)" if a.published_inferred or b.published_inferred else ""
            return ("a->b" if ta < tb else "b->a"), f"published earlier{inferred}"
    if abs(contained_a - contained_b) >= margin:
        # the one mostly contained in the other adds little of its own: it is the copy
        if contained_b > contained_a:
            return "a->b", f"containment {contained_b:.2f} vs {contained_a:.2f}"
        return "b->a", f"containment {contained_a:.2f} vs {contained_b:.2f}"
    return "undirected", UNDIRECTED_EVIDENCE
