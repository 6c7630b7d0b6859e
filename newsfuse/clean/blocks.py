"""Split a plain-text body into the lines the classifier judges.

Scraped text usually has one paragraph per line, and then a line *is* the unit.
Wire copy and e-mail-era archives (Reuters-21578, for one) are hard-wrapped at
about 70 columns instead; classifying their wrapped fragments would call every
fragment a heading. Such a body is re-joined into paragraphs first: fragments are
joined with one space, and each paragraph keeps the number of its first raw line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINAL = re.compile(r"[.!?…:;。！？]['\"”’»)\]]*$")
_MIN_CONTINUATIONS = 2
_CONTINUATION_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Unit:
    """One logical line: ``lineno`` is the 0-based number of its first raw line."""

    lineno: int
    text: str


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \t"))


def is_hard_wrapped(raw_lines: list[str]) -> bool:
    """Whether paragraphs are broken mid-sentence across lines (fixed-width wrapping).

    Evidence: a non-blank line that does not end like a sentence followed directly
    by a line that starts in lower case, at least twice and for a quarter of all
    adjacent non-blank pairs.
    """
    pairs = continuations = 0
    previous = ""
    for raw in raw_lines:
        line = raw.strip()
        if line and previous:
            pairs += 1
            if not _TERMINAL.search(previous) and line[0].islower():
                continuations += 1
        previous = line
    return continuations >= _MIN_CONTINUATIONS and continuations >= _CONTINUATION_SHARE * pairs


def logical_lines(body: str) -> list[Unit]:
    """The body as classifier units, blank lines included (as empty units).

    Example:
        >>> [u.text for u in logical_lines("Title\\n\\nOne para.\\nTwo para.")]
        ['Title', '', 'One para.', 'Two para.']
    """
    raw_lines = body.split("\n")
    if not is_hard_wrapped(raw_lines):
        return [Unit(n, raw.strip()) for n, raw in enumerate(raw_lines)]
    width = max((len(raw.rstrip()) for raw in raw_lines), default=0)
    units: list[Unit] = []
    current: list[str] = []
    start = 0
    previous_raw = ""
    for n, raw in enumerate(raw_lines):
        line = raw.strip()
        if not line:
            if current:
                units.append(Unit(start, " ".join(current)))
                current = []
            units.append(Unit(n, ""))
            previous_raw = ""
            continue
        new_paragraph = (
            not current
            or _indent(raw) >= 2 > _indent(previous_raw)  # indented first line (wire copy)
            or (
                _TERMINAL.search(current[-1]) is not None
                and len(previous_raw.rstrip()) < 0.7 * width  # short last line of a paragraph
                and not line[0].islower()
            )
        )
        if new_paragraph and current:
            units.append(Unit(start, " ".join(current)))
            current = []
        if not current:
            start = n
        current.append(line)
        previous_raw = raw
    if current:
        units.append(Unit(start, " ".join(current)))
    return units
