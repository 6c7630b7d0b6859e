"""Statements and their variants: one thing a source said, however each outlet worded it
(a corpus stage: ``fit`` on the corpus's quotes, ``assign`` a new one).

Two quotes are one statement when the same speaker says them and their words overlap
enough, weighting rare words up (IDF) and measuring overlap against the shorter quote, so
a partial quote ("severe consequences") joins the sentence it came from. Quoted words
count twice over: outlets change paraphrase more than quotation. Lexical rather than
embedding similarity because it is fast, explainable and needs no model; for
"serious" against "severe" the shared rare words carry the match.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsfuse.extract.records import Quote, Statement, Variant
from newsfuse.model import Span, content_id

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTED = re.compile(r"[“\"«‘]([^”\"»’]{2,})[”\"»’]")
STOPWORDS = frozenset(["a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did", "have", "has", "had", "it", "its", "this", "that", "these", "those", "there", "their", "they", "them", "he", "she", "his", "her", "him", "we", "our", "us", "you", "your", "i", "me", "my", "not", "no", "so", "than", "then", "too", "very", "also", "just", "into", "about", "over", "after", "before", "up", "out", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "all", "any", "each", "some", "such", "only", "own", "same", "other", "more", "most", "s", "t", "don", "doesn", "didn", "won", "isn", "aren", "wasn", "weren"])


def stem(word: str) -> str:
    """A crude English stem, enough to match "consequences"/"consequence", "refuses"/"refuse"."""
    w = word.lower().replace("’", "'").split("'")[0]
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + repl
    return w


def _words(text: str, offset: int) -> list[tuple[str, int, int]]:
    return [(stem(m.group()), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)
            if m.group().lower() not in STOPWORDS]


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """A quote with its resolved speaker, as the statement stage sees it."""

    quote: Quote
    outlet: str | None
    speaker: str | None  # Entity.id; None for unnamed sources
    speaker_name: str
    said_on: date | None = None


@dataclass
class _Member:
    item: QuoteItem
    words: list[tuple[str, int, int]]
    stems: frozenset[str]
    quoted: frozenset[str]


def _member(item: QuoteItem) -> _Member:
    content = item.quote.content
    words = _words(content.text, content.start)
    quoted = {stem(w) for m in _QUOTED.finditer(content.text) for w in _WORD.findall(m.group(1))
              if w.lower() not in STOPWORDS}
    if item.quote.mode == "direct":
        quoted = {w for w, _, _ in words}
    return _Member(item, words, frozenset(w for w, _, _ in words), frozenset(quoted))


class StatementGrouper:
    """Groups quotes into statements.

    Args:
        threshold: minimum similarity (0-1) for two quotes of one speaker to be one statement.
    """

    def __init__(self, threshold: float = 0.45) -> None:
        self.threshold = threshold
        self.df: Counter[str] = Counter()
        self.n = 0
        self.groups: list[list[_Member]] = []
        self.by_speaker: dict[str, list[int]] = {}  # speaker key -> its groups (compare only those)

    def _weight(self, words: frozenset[str]) -> float:
        return sum(math.log(1 + self.n / (1 + self.df[w])) for w in words)

    def similarity(self, a: _Member, b: _Member) -> float:
        """How likely two quotes of one speaker are one statement (0-1): the larger of the
        IDF-weighted Jaccard of their words and the weighted overlap of their quoted words
        against the smaller (outlets copy quoted words from the same source, so one shared
        rare quoted word, such as "consequences", is strong evidence)."""
        shared = a.stems & b.stems
        if not shared:
            return 0.0
        overlap = self._weight(shared)
        score = overlap / max(1e-9, self._weight(a.stems) + self._weight(b.stems) - overlap)
        q_shared = a.quoted & b.quoted
        # one shared quoted word counts only between two short quotes ("very serious
        # consequences" / "severe consequences"), not a fragment against a long quote
        if len(q_shared) >= 2 or q_shared and max(len(a.quoted), len(b.quoted)) <= 4:
            q = self._weight(q_shared) / max(1e-9, min(self._weight(a.quoted), self._weight(b.quoted)))
            score = max(score, q)
        return score

    @staticmethod
    def _speaker_key(item: QuoteItem) -> str:
        return f"e:{item.speaker}" if item.speaker is not None else f"n:{item.speaker_name.lower()}"

    def fit(self, items: Sequence[QuoteItem]) -> StatementGrouper:
        """Group ``items``: each quote joins the statement of its most similar earlier quote
        of the same speaker (longest quotes first, so partial quotes join full ones)."""
        members = [_member(i) for i in items]
        self.n = len(members)
        self.df = Counter(w for m in members for w in m.stems)
        for member in sorted(members, key=lambda m: (-len(m.stems), m.item.quote.id)):
            self._add(member)
        return self

    def _add(self, member: _Member) -> int:
        best, best_score = -1, self.threshold
        key = self._speaker_key(member.item)
        for index in self.by_speaker.get(key, ()):
            score = max(self.similarity(member, other) for other in self.groups[index])
            if score >= best_score:
                best, best_score = index, score
        if best < 0:
            self.groups.append([member])
            self.by_speaker.setdefault(key, []).append(len(self.groups) - 1)
            return len(self.groups) - 1
        self.groups[best].append(member)
        return best

    def assign(self, item: QuoteItem) -> str:
        """Add one new quote; the id of the statement it joins (or starts)."""
        member = _member(item)
        self.n += 1
        self.df.update(member.stems)
        return self._statement(self.groups[self._add(member)]).id

    def statements(self) -> list[Statement]:
        """Every statement with its variants, most reported first."""
        out = [self._statement(g) for g in self.groups]
        out.sort(key=lambda s: (-len(s.variants), s.id))
        return out

    def _statement(self, group: list[_Member]) -> Statement:
        group = sorted(group, key=lambda m: (m.item.quote.content.article, m.item.quote.content.start))
        variants = []
        for m in group:
            others = frozenset().union(*(o.stems for o in group if o is not m))
            diffs = _merge_spans(m.item.quote.content, [(s, e) for w, s, e in m.words if w not in others]) \
                if len(group) > 1 else ()
            variants.append(Variant(m.item.quote.id, m.item.quote.content.article, m.item.outlet,
                                    m.item.quote.content, m.item.quote.mode, diffs))
        first = group[0].item
        direct = [m for m in group if m.item.quote.mode == "direct"]
        representative = max(direct or group, key=lambda m: (len(m.item.quote.content.text), m.item.quote.id))
        said = [m.item.said_on for m in group if m.item.said_on is not None]
        return Statement(content_id("statement/v1", first.speaker or first.speaker_name,
                                    min(m.item.quote.id for m in group)),
                         first.speaker, first.speaker_name, representative.item.quote.content.text,
                         tuple(variants), min(said) if said else None)


def _merge_spans(content: Span, parts: list[tuple[int, int]]) -> tuple[Span, ...]:
    """Adjacent differing words as one span (only stopwords and spaces between them)."""
    merged: list[list[int]] = []
    text = content.text
    for start, end in parts:
        gap = text[merged[-1][1] - content.start:start - content.start] if merged else ""
        if merged and all(w.lower() in STOPWORDS for w in _WORD.findall(gap)) and len(gap) < 12:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return tuple(Span(content.article, s, e, text[s - content.start:e - content.start]) for s, e in merged)
