"""Quotes and reported speech over the parse: who is said to have said what.

Forms found:
  * direct: ``“...,” Trump told reporters`` / ``Trump said: “...”`` / a quote split around
    "he said" (two quotes, one speaker) / a quote paragraph continuing the previous speaker;
  * partial: a reported clause with quoted words (he would impose “very serious consequences”),
    kept whole when words outside the marks are part of it (promised to end “the ... regime”,
    called the show “the news show of record”);
  * indirect: ``X said (that) ...``, ``X told reporters ...``, ``according to X, ...``.
A quoted passage that no cue attributes to anyone (a scare quote, a nickname, a title) is
not a quote; it is counted under ``unattributed-quoted-text``. Cue verbs and the speaker
rules over the parse live in :mod:`newsfuse.extract.cues`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newsfuse.extract.cues import (
    CUE_VERBS,
    PREFERRED_CUES,
    RELATIVE,
    SPEECH_VERBS,
    XCOMP_CUES,
    clause_span,
    cue_lemma,
    named_objects,
    speaker_span,
    subject_of,
    trim_clause,
)
from newsfuse.extract.quotelayout import LayoutRules
from newsfuse.extract.quotemarks import Quoted, paragraphs_of, quote_words, top_level_quotes

__all__ = ["RawQuote", "find_quotes", "paragraphs_of", "top_level_quotes"]

Mode = Literal["direct", "partial", "indirect"]
_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class RawQuote:
    """A quote in doc coordinates, before its speaker is resolved.

    ``start``/``end`` are character offsets of the content; ``cue`` and ``speaker`` are
    token spans (end exclusive); ``continued`` marks a quote with no cue of its own that
    continues the previous speaker (a quote paragraph after an attributed one).
    """

    start: int
    end: int
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    speaker_head: int | None
    mode: Mode
    continued: bool = False


def _chars(doc: Any, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _mode(start: int, end: int, quoted: Sequence[Quoted], text: str) -> Mode:
    letters = sum(1 for ch in text[start:end] if ch.isalnum())
    inside = 0
    for q in quoted:
        lo, hi = max(start, q.inner_start), min(end, q.inner_end)
        if hi > lo:
            inside += sum(1 for ch in text[lo:hi] if ch.isalnum())
    if letters and inside >= 0.9 * letters:
        return "direct"
    return "partial" if inside else "indirect"


class _Finder(LayoutRules):
    """One pass over a doc; holds what is shared between the rules."""

    def __init__(self, doc: Any, quoted: list[Quoted] | None = None) -> None:
        self.doc = doc
        self.text = doc.text
        self.paragraphs = paragraphs_of(self.text)
        self.quoted: list[Quoted] = quoted if quoted is not None else top_level_quotes(self.text)
        self.out: list[RawQuote] = []
        self.turns: list[tuple[int, int]] = []  # transcript turns: someone's words without marks
        self.used: set[int] = set()  # indices of quoted passages already attributed
        self.dropped: Counter[str] = Counter()

    def _in_quote(self, char: int) -> bool:
        return any(q.inner_start <= char < q.inner_end for q in self.quoted) or \
            any(s <= char < e for s, e in self.turns)

    def add(self, start: int, end: int, cue: tuple[int, int] | None, speaker: Any | None,
            through: int | None = None) -> None:
        """Record a quote; a content that touches quoted passages is widened to them, and
        a content that is all quotation becomes the quote's words."""
        index = self._paragraph(start)
        para = self.paragraphs[index] if index >= 0 else None
        if para is not None:  # a quote never crosses a paragraph break
            start, end = max(start, para[0]), min(end, para[1])
            while end > start and self.text[end - 1].isspace():
                end -= 1
        hits = self._overlapping(start, end)
        if hits:
            start = min(start, *(self.quoted[i].start for i in hits))
            end = max(end, *(self.quoted[i].end for i in hits))
            self.used.update(hits)
        mode = _mode(start, end, self.quoted, self.text)
        if mode == "direct" and len(hits) == 1:
            q = self.quoted[hits[0]]
            if _WORD.search(self.text[start:q.start]) or _WORD.search(self.text[q.end:end]):
                mode = "partial"  # "promised to end “the ... regime”": the words outside are content too
            else:
                start, end = quote_words(q, self.text)
        if end <= start:
            return
        span = speaker_span(speaker) if speaker is not None else None
        if span is not None and through is not None and through >= span[1]:
            span = (span[0], through + 1)  # "Chris Christie, who": the relative pronoun too
        head = speaker.i if speaker is not None else None
        self.out.append(RawQuote(start, end, cue, span, head, mode))

    def cues(self) -> None:
        """Reported speech and direct quotes attached to a cue verb."""
        for verb in self.doc:
            lemma = cue_lemma(verb)
            if verb.pos_ not in ("VERB", "AUX") or lemma not in CUE_VERBS:
                continue
            speaker = subject_of(verb)
            if speaker is not None and self._in_quote(speaker.idx):  # “... #Justdoit,” he wrote: two subjects
                speaker = next((c for c in verb.children if c.dep_ == "nsubj" and not self._in_quote(c.idx)), speaker)
            if (speaker is None or self._in_quote(speaker.idx)) and not self._in_quote(verb.idx):
                speaker = self._after_opening_quote(verb) or speaker
            if speaker is None or speaker.lower_ == "there":
                continue
            if speaker.lower_ == "it":
                # "it said" is a report or a statement speaking only next to its quote
                if lemma in SPEECH_VERBS and not self._in_quote(verb.idx):
                    self._adjacent_quote(verb, speaker, (verb.i, verb.i + 1))
                continue
            if self._in_quote(verb.idx):
                continue  # "I’m going to find out ..." inside a quote is part of that quote
            # the clause in the cue's own paragraph, nearest the verb ("..., Sanders said")
            clauses = sorted((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")
                              and self._paragraph(c.idx) == self._paragraph(verb.idx)),
                             key=lambda c: abs(c.i - verb.i))
            content = clauses[0] if clauses else None
            if content is None and verb.lemma_.lower() in XCOMP_CUES:
                content = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            cue = (verb.i, verb.i + 1)
            if lemma == "point" and not any(c.lower_ == "out" for c in verb.children):
                continue
            relative = next((c.i for c in verb.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE
                             and verb.dep_ == "relcl"), None)
            if content is not None and not (content.left_edge.i <= speaker.i <= content.right_edge.i):
                s, e = clause_span(content)
                s = min([s] + named_objects(verb, content))
                if e > s:
                    self.add(*_chars(self.doc, s, e), cue, speaker, relative)
                    self._other_side(verb, content, clauses[1:], speaker, cue)
                    self._second_half(verb, speaker, cue)
                    continue
            if lemma in SPEECH_VERBS:
                self._adjacent_quote(verb, speaker, cue)

    def _cue_after(self, q: Quoted) -> bool:
        """A speech verb follows the quote in its own sentence (“...,” Trump told reporters):
        the quote has its own cue, so it is not the previous sentence's."""
        for tok in self.doc[self.doc.char_span(q.start, q.end, alignment_mode="expand").end:]:
            if tok.text in (".", "!", "?") or tok.is_space and "\n" in tok.text or self._in_quote(tok.idx):
                return False  # the sentence (or the paragraph) ended, or another quote began
            if tok.pos_ == "VERB" and cue_lemma(tok) in SPEECH_VERBS:
                return True
        return False

    def _other_side(self, verb: Any, content: Any, others: list[Any], speaker: Any, cue: tuple[int, int]) -> None:
        """“We need someone who fights,” he said, “... nobody comes closer”: the parser gave
        the cue a quoted clause on each side; the farther one is reported too."""
        for other in others:
            if (other.i < verb.i) == (content.i < verb.i) or other.left_edge.i <= speaker.i <= other.right_edge.i:
                continue
            s, e = clause_span(other)
            if e > s and self._overlapping(*_chars(self.doc, s, e)):
                self.add(*_chars(self.doc, s, e), cue, speaker)
            return

    def _after_opening_quote(self, verb: Any) -> Any | None:
        """``“...,” Texas delegate Bill Eastland, wearing a hat, said``: where the parser took
        a word of the quote for the subject, or found none, the phrase right after the quote
        that opens the sentence is the speaker."""
        sent = verb.sent
        opening = next((q for q in self.quoted if q.end <= verb.idx and (q.start < sent.start_char < q.end or (
            q.start >= sent.start_char and not self.text[sent.start_char:q.start].strip()))), None)
        if opening is None:
            return None
        first = next((t for t in sent if t.idx >= opening.end and not (t.is_punct or t.is_space)), None)
        if first is None or first.i >= verb.i:
            return None
        head = first
        while head.head.i != head.i and first.i <= head.head.i < verb.i:
            head = head.head
        return head if head.pos_ in ("PROPN", "NOUN", "PRON") or head.is_title else None  # “...,” Will wrote

    def _second_half(self, verb: Any, speaker: Any, cue: tuple[int, int]) -> None:
        """“Europe is united,” he said, “and we will stay united.”: the quote after the cue."""
        end = max(verb.idx + len(verb), speaker.idx + len(speaker))
        for i, q in enumerate(self.quoted):
            if i not in self.used and q.start >= end and not self.text[end:q.start].strip(" ,;:\n"):
                self.add(*quote_words(q, self.text), cue, speaker)
                return

    def _adjacent_quote(self, verb: Any, speaker: Any, cue: tuple[int, int]) -> None:
        """``X said: “...”`` and ``“...,” X said`` where the parse did not link the quote."""
        sent = verb.sent
        para = self._paragraph(verb.idx)
        left = min(verb.idx, self.doc[speaker_span(speaker)[0]].idx)  # a closing mark may hang off the speaker
        for i, q in enumerate(self.quoted):
            if i in self.used or self._paragraph(q.start) not in (para, para + 1):
                continue
            lead = self.text[verb.idx + len(verb):q.start]
            # after: "said: “...”", "told reporters on Wednesday: “...”", "said “...”"
            after = q.start >= verb.idx + len(verb) and "." not in lead and (
                lead.rstrip().endswith((":", ",")) or not lead.strip()) and q.start <= sent.end_char + 2
            # "Sam Lau said in a statement. “There are no paper ballots ...”": the next sentence
            after = after or (self._paragraph(q.start) == para and q.start >= sent.end_char - 1
                              and not self.text[sent.end_char:q.start].strip()
                              and self.text[:sent.end_char].rstrip().endswith(".")
                              and not self._cue_after(q))
            # "Jared Potts echoed:" at the end of a paragraph, the quote in the next one
            after = after or (self._paragraph(q.start) == para + 1 and q.start == self.paragraphs[para + 1][0]
                              and self.text[verb.idx:self.paragraphs[para][1]].rstrip().endswith(":"))
            if after and any(t.lemma_.lower() in SPEECH_VERBS and t.i != verb.i and t.pos_ == "VERB"
                             for t in self.doc.char_span(verb.idx, q.start, alignment_mode="expand") or ()):
                after = False  # "When asked by reporters ..., Trump remarked: “...”": not the asker's
            # before: "“...,” Trump said" and "“...” said Trump": only marks and spaces between
            before = q.end <= left and not self.text[q.end:left].strip(" ,\n") and q.start < left
            # inside: "described the meeting as potentially “constructive”"
            inside = verb.left_edge.idx <= q.start and q.end <= verb.right_edge.idx + len(verb.right_edge) + 1 \
                and q.start > verb.idx
            if after or before or inside:
                part = self._complement(verb, q) if inside and not (after or before) else None
                self.add(*(part or quote_words(q, self.text)), cue, speaker)
                if before:  # “Honestly,” he continued, “we may be ...”: the other half too
                    self._second_half(verb, speaker, cue)
                return

    def _complement(self, verb: Any, q: Quoted) -> tuple[int, int] | None:
        """The words a cue reports around a quote inside its phrase: ``called the show “the
        news show of record”`` reports "the show “the news show of record”", ``promised to
        end “the ... regime”`` reports "to end “the ... regime”" (a partial quote)."""
        words = [m.start() for m in _WORD.finditer(self.text, q.inner_start, q.inner_end)]
        if not words:
            return None
        first, last = words[0], words[-1]  # the quote's words: its marks may hang elsewhere
        holder = next((c for c in verb.rights if c.left_edge.idx <= first
                       and last < c.right_edge.idx + len(c.right_edge)), None)
        if holder is None or holder.dep_ in ("punct", "conj", "cc", "advcl", "relcl"):
            return None
        start = min([holder.left_edge.i] + named_objects(verb, holder))
        s, e = trim_clause(self.doc, start, holder.right_edge.i + 1)
        return _chars(self.doc, s, e) if e > s else None

    def according_to(self) -> None:
        """``according to X, ...`` and ``..., according to X``."""
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc) or self.doc[tok.i + 1].lower_ != "to":
                continue
            to = self.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            if not objs:
                continue
            phrase = (tok.i, max(tok.right_edge.i, to.right_edge.i) + 1)
            sent = tok.sent
            before = (sent.start, phrase[0])
            after = (phrase[1], sent.end)
            s, e = after if after[1] - after[0] > before[1] - before[0] else before
            while s < e and (self.doc[s].is_punct and self.doc[s].text not in "“\"‘«"):
                s += 1
            while e > s and self.doc[e - 1].is_punct and self.doc[e - 1].text not in "”\"’»":
                e -= 1
            if e - s >= 3:
                self.add(*_chars(self.doc, s, e), (tok.i, tok.i + 2), objs[0])

    def continuations(self) -> None:
        """Quotes no cue attached: continue the previous speaker, or drop them."""
        for i, q in enumerate(self.quoted):
            if i in self.used:
                continue
            words = len(self.text[q.inner_start:q.inner_end].split())
            para = self._paragraph(q.start)
            starts_sentence = q.start == self.paragraphs[para][0] or self.text[:q.start].rstrip()[-1:] in ".!?:”\""
            prior = [k for k, r in enumerate(self.out) if r.end <= q.start and r.speaker_head is not None]
            prior_para = [k for k in prior if self._paragraph(self.out[k].start) == para]
            prior_prev = [k for k in prior if self._paragraph(self.out[k].start) == para - 1]
            follows = None
            if words >= 3 and starts_sentence and prior_para:
                follows = prior_para[-1]
            elif words >= 4 and q.start == self.paragraphs[para][0] and prior_prev:
                follows = prior_prev[-1]
            if follows is None:
                self.dropped["unattributed-quoted-text"] += 1
                continue
            self.used.add(i)
            start, end = quote_words(q, self.text)
            if end > start:
                base = self.out[follows]
                self.out.append(RawQuote(start, end, None, base.speaker, base.speaker_head, "direct", True))


def find_quotes(doc: Any, quoted: list[Quoted] | None = None) -> tuple[list[RawQuote], Counter[str]]:
    """Every quote in a parsed doc, in text order, and the counts of what was dropped.
    ``quoted`` is :func:`top_level_quotes` of the text, when the caller has it already."""
    finder = _Finder(doc, quoted)
    finder.transcript_turns()
    finder.cues()
    finder.according_to()
    finder.colon_quotes()
    finder.signatures()
    finder.out.sort(key=lambda r: r.start)
    finder.continuations()
    seen: set[tuple[int, int, int | None]] = set()
    unique: list[RawQuote] = []
    # where two cues give one content one speaker ("Asked ..., Trump said: ..."), keep "said"
    ranked = sorted(finder.out, key=lambda r: (r.start, r.end, r.speaker_head is None, r.cue is None or
                                               doc[r.cue[0]].lemma_.lower() not in PREFERRED_CUES))
    for raw in ranked:
        key = (raw.start, raw.end, raw.speaker_head)
        if key not in seen:
            seen.add(key)
            unique.append(raw)
    return unique, finder.dropped
