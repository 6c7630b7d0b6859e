"""Pair quotation marks in running text: “ ”, " ", ‘ ’, « », „ “, ‹ ›, with quotes inside quotes.

Pure text, no parse, one paragraph (blank-line separated, :func:`paragraphs_of`) at a time:
the quote finder in :mod:`newsfuse.extract.quotes` decides which
quoted passages are someone's words. ``’`` doubles as the apostrophe, so a single quote
only opens after a space or an opening bracket and only closes before a non-letter.
A quote still open at the end of a paragraph closes there: news continues long quotes in
the next paragraph with a new opening mark and no closing one. Mistyped marks are common:
a closing double mark also closes a single quote left open inside it, curly and straight
singles pair with each other, and ``.’`` before a space closes an open double quote.

Example:
    >>> [(q.start, q.end) for q in find_quoted("He said “no ‘deal’ yet.” Done.")]
    [(8, 24)]
"""

from __future__ import annotations

from dataclasses import dataclass

_PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›", "»": "«"}
_DOUBLE_OPENERS = set(_PAIRS)
_AFTER_OPEN_OK = set(" \t\n([{—–-/") | _DOUBLE_OPENERS | {'"'}


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted passage: ``start``/``end`` include the marks; ``inner_*`` exclude them.

    ``closed`` is False when the paragraph ended before a closing mark.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    depth: int  # 0 for top-level quotes, 1 for a quote inside a quote


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _AFTER_OPEN_OK) and not after.isspace()


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not after.isalnum() and not before.isspace()


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before == "=":
        return False  # author="@HillaryClinton": a markup attribute left in the text
    return (before in _AFTER_OPEN_OK or not before.isalnum()) and not after.isspace()


def _close_singles_inside(text: str, i: int, stack: list[tuple[str, int]], out: list[Quoted]) -> None:
    """A closing double mark at ``i`` also closes the single quotes still open inside its
    double quote: “... sort of, ‘Don’t hit me, please,'” (the inner mark was typed wrong)."""
    if not stack or stack[-1][0] not in "’'":
        return
    below = [k for k, (close, _) in enumerate(stack) if close in "”\"»"]
    if not below or text[i] not in ("»" if stack[below[-1]][0] == "»" else "”\""):
        return
    while len(stack) > below[-1] + 1:
        _, at = stack.pop()
        out.append(Quoted(at, i, at + 1, i, True, len(stack)))


def find_quoted(text: str, start: int = 0, end: int | None = None) -> list[Quoted]:
    """Every quoted passage in ``text[start:end]`` (one paragraph), outer and inner, in order.

    Offsets are over ``text``. Unbalanced marks never raise: an unclosed quote ends at
    ``end``, and a stray closing mark is ignored.
    """
    stop = len(text) if end is None else end
    out: list[Quoted] = []
    stack: list[tuple[str, int]] = []  # (expected closing mark, position of the opening)
    i = start
    while i < stop:
        ch = text[i]
        if ch in "”\"»" and _closes_single(text, i):
            _close_singles_inside(text, i, stack, out)
        expected = stack[-1][0] if stack else None
        if expected in ("’", "'") and ch in "’'" and _closes_single(text, i):
            expected = ch  # ‘...' and '...’: curly and straight singles mixed
        elif ch == "’" and expected in ("”", '"') and text[i - 1:i] in (",", ".", "?", "!") \
                and text[i + 1:i + 2] in (" ", "\n", ""):
            ch = expected  # “Let’s go.’ Schumer was ...: a single mark typed for the double one
        if ch == '"' and expected == "”" and _closes_single(text, i) or ch == "”" and expected == '"':
            expected = ch  # “...," and "...”: writers mix curly and straight marks
        elif ch == "“" and expected in ("”", '"') and i > start and not text[i - 1].isspace() \
                and text[i + 1:i + 2] in (" ", "\n", "\xa0", ""):
            expected = ch  # “...,“ said Jim Clyburn, “rapists“ while: an opening mark typed as the closing one
        if ch == expected and (ch not in "’'" or _closes_single(text, i)) or ch == '"' and expected == '"':
            close, at = stack.pop()
            out.append(Quoted(at, i + 1, at + 1, i, True, len(stack)))
        elif ch == '"' and expected != '"':
            if _straight_opens(text, i):
                stack.append(('"', i))
        elif ch == '"':
            pass  # handled above (expected)
        elif ch in _DOUBLE_OPENERS and not (ch == "»" and expected == "»"):
            stack.append((_PAIRS[ch], i))
        elif ch == "‘" and _opens_single(text, i):
            stack.append(("’", i))
        elif ch == "'" and stack and _opens_single(text, i) and "'" not in {e for e, _ in stack}:
            stack.append(("'", i))  # straight singles only inside a double quote
        i += 1
    for close, at in reversed(stack):  # the paragraph ended inside these quotes
        depth = sum(1 for _, a in stack if a < at)
        if close in "’'" and depth == 0:
            continue  # a lone opening single quote at top level is an apostrophe or typo
        inner_end = stop
        while inner_end > at + 1 and text[inner_end - 1].isspace():
            inner_end -= 1
        out.append(Quoted(at, inner_end, at + 1, inner_end, False, depth))
    out.sort(key=lambda q: (q.start, -q.end))
    return out


def top_level(quoted: list[Quoted]) -> list[Quoted]:
    """The outermost passages only (a quote within a quote is part of its outer quote)."""
    out: list[Quoted] = []
    for q in quoted:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph."""
    out: list[tuple[int, int]] = []
    pos = 0
    for block in text.split("\n\n"):
        if block.strip():
            lead = len(block) - len(block.lstrip())
            out.append((pos + lead, pos + len(block.rstrip())))
        pos += len(block) + 2
    return out


def quote_words(q: Quoted, text: str) -> tuple[int, int]:
    """The words of a quote without its marks or a trailing comma."""
    start, end = q.inner_start, q.inner_end
    while end > start and text[end - 1] in " ,;:\n":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def top_level_quotes(text: str) -> list[Quoted]:
    """The outermost quoted passages of every paragraph of ``text``."""
    return [q for p in paragraphs_of(text) for q in top_level(find_quoted(text, *p))]
