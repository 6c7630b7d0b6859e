"""Quotes laid out without a cue verb beside them: a colon intro (``Rep. Trey Gowdy:
"..."``), an interview transcript turn (``TAPPER: ...``), a signature line under a quote
paragraph (``- Sanders.``). A mixin of the quote finder in :mod:`newsfuse.extract.quotes`.
"""

from __future__ import annotations

import re
from typing import Any

from newsfuse.extract.cues import subject_of
from newsfuse.extract.quotemarks import Quoted, quote_words

# "TAPPER:" / "SEN. JOHN SMITH:" opening a transcript paragraph
_TURN = re.compile(r"([A-Z][A-Z.'’\- ]{1,40}[A-Z.]):\s+")
_SIGNATURE_NAMES = ("PERSON", "ORG", "NORP", "GPE")


class LayoutRules:
    """The layout rules; the finder supplies the doc, its quotes and :meth:`add`."""

    doc: Any
    text: str
    paragraphs: list[tuple[int, int]]
    quoted: list[Quoted]
    turns: list[tuple[int, int]]
    used: set[int]

    def add(self, start: int, end: int, cue: tuple[int, int] | None, speaker: Any | None,
            through: int | None = None) -> None:
        raise NotImplementedError

    def _overlapping(self, start: int, end: int) -> list[int]:
        return [i for i, q in enumerate(self.quoted) if q.start < end and start < q.end]

    def _paragraph(self, char: int) -> int:
        return next((i for i, (s, e) in enumerate(self.paragraphs) if s <= char <= e), -1)

    def colon_quotes(self) -> None:
        """``Rep. Trey Gowdy (R-S.C.): "..."`` and ``A footnote makes that clear: "..."``: a
        quote introduced by a colon is the words of the sentence's subject, or of the last
        name before the colon when the intro has no verb (transcripts, digests)."""
        for i, q in enumerate(self.quoted):
            if i in self.used:
                continue
            para = self._paragraph(q.start)
            before = self.text[self.paragraphs[para][0]:q.start].rstrip()
            if not before.endswith(":") and q.start == self.paragraphs[para][0] and para > 0:
                before = self.text[self.paragraphs[para - 1][0]:self.paragraphs[para - 1][1]].rstrip()
                colon_at = self.paragraphs[para - 1][0] + len(before) - 1
            else:
                colon_at = self.paragraphs[para][0] + len(before) - 1
            if not before.endswith(":"):
                continue
            colon = self.doc.char_span(colon_at, colon_at + 1, alignment_mode="expand")
            if colon is None:
                continue
            sent = colon[0].sent
            # a name right before the colon with no verb after it ("- Mark Blumenthal:") wins
            names = [t for t in sent if t.i < colon[0].i and t.ent_type_ in ("PERSON", "ORG")
                     and (t.i + 1 >= len(self.doc) or self.doc[t.i + 1].ent_iob_ != "I")]
            verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and names and names[-1].i < t.i < colon[0].i]
            speaker = names[-1] if names and not verbs else None
            cue = (colon[0].i, colon[0].i + 1)
            root = sent.root
            if speaker is None and root.pos_ in ("VERB", "AUX") and root.i < colon[0].i:
                speaker, cue = subject_of(root), (root.i, root.i + 1)
            elif speaker is None and not names and root.pos_ in ("NOUN", "PROPN") and root.i < colon[0].i \
                    and not self.text[colon_at + 1:q.start].strip():
                # a labelled block with no verb: "Transcript as follows:", "Full statement:"
                speaker = root
            if speaker is None or speaker.lower_ in ("it", "there", "this", "that"):
                continue
            self.add(*quote_words(q, self.text), cue, speaker)

    def transcript_turns(self) -> None:
        """``TAPPER: Do you think ...`` paragraphs of an interview transcript: the words after
        the capitalised speaker label are that speaker's, quotation marks or not."""
        for start, end in self.paragraphs:
            m = _TURN.match(self.text, start, end)
            if m is None:
                continue
            label = self.doc.char_span(start, m.end(1), alignment_mode="expand")
            colon = self.doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
            if label is None or colon is None or m.end() >= end:
                continue
            self.turns.append((m.end(), end))
            self.add(m.end(), end, (colon[0].i, colon[0].i + 1), label.root)

    def signatures(self) -> None:
        """A quote paragraph signed on the next line: ``“...”`` then ``- Sanders.``"""
        for index, (start, end) in enumerate(self.paragraphs[1:], 1):
            line = self.text[start:end]
            if line[:1] not in "-–—" or len(line.split()) > 12:
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            names = [e.root for e in span.ents if e.label_ in _SIGNATURE_NAMES] if span else []
            names = names or [t for t in span or () if t.pos_ == "PROPN"]  # "- Sanders." is too short for NER
            before = self.paragraphs[index - 1]
            hits = [i for i in self._overlapping(*before) if i not in self.used]
            if not names or not hits or self.quoted[hits[0]].start != before[0] \
                    or self.text[self.quoted[hits[-1]].end:before[1]].strip(" .”\""):
                continue
            dash = span[0]
            for i in hits:
                self.add(*quote_words(self.quoted[i], self.text), (dash.i, dash.i + 1), names[0])
