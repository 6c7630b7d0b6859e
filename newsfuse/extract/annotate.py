"""The per-article extract stage: a pure function of one :class:`~newsfuse.model.Article`.

One spaCy pass (``load_spacy()``), then rules over the parse: names and their roles,
role mentions and pronouns resolved within the article, quotes with speakers, dates
normalised against the publication date, and the dated happenings of the timeline.

Example:
    >>> ext = annotate(article)                        # doctest: +SKIP
    >>> [q.content.text for q in ext.quotes]           # doctest: +SKIP
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from newsfuse.extract.dates import EVENT_NOUNS, event_tense, find_dates, is_quarterly
from newsfuse.extract.entities import name_spans
from newsfuse.extract.names import name_key, surname_key
from newsfuse.extract.quotes import find_quotes, paragraphs_of, top_level_quotes
from newsfuse.extract.records import (
    ArticleExtraction,
    DateMention,
    Happening,
    Mention,
    Quote,
    RoleMention,
)
from newsfuse.extract.roles import normalize_title, resolve_role, role_refs, stated_roles
from newsfuse.extract.speakers import LocalRef, classify_speaker, resolve_pronoun
from newsfuse.extract.timex import normalize
from newsfuse.model import Article, Span, content_id

_CLAUSE_CUT = {"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "acl", "cc", "punct"}
_MAX_CLAUSE = 30
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def _happening_clause(doc: Any, governor: Any) -> tuple[int, int]:
    """The words of what happened: the governing verb with its arguments, without its
    subordinate clauses when the whole would be long."""
    start, end = governor.left_edge.i, governor.right_edge.i + 1
    if end - start <= _MAX_CLAUSE:
        return start, end
    keep = [governor.i]
    for child in governor.children:
        if child.dep_ not in _CLAUSE_CUT:
            keep += [child.left_edge.i, child.right_edge.i]
    start, end = min(keep), max(keep) + 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


class _Builder:
    """Holds the doc while the records of one article are built."""

    def __init__(self, article: Article, doc: Any) -> None:
        self.article = article
        self.doc = doc
        self.text = article.text
        self.sent_bounds = [(s.start_char, s.end_char) for s in doc.sents]
        self.sent_starts = [s for s, _ in self.sent_bounds]
        self.para_starts = [s for s, _ in paragraphs_of(self.text)]
        self.mentions: list[Mention] = []
        self.dropped: Counter[str] = Counter()
        self.quoted_passages = top_level_quotes(self.text)
        self.quoted = [(q.inner_start, q.inner_end) for q in self.quoted_passages]
        self.quoted_starts = [s for s, _ in self.quoted]

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.quoted_starts, char) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    def span(self, start: int, end: int) -> Span:
        return Span(self.article.id, start, end, self.text[start:end])

    def tspan(self, start: int, end: int) -> Span:
        return self.span(self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1]))

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def build(self) -> ArticleExtraction:
        names = name_spans(self.doc)
        name_at: dict[int, int] = {}
        for index, n in enumerate(names):
            span = self.tspan(n.start, n.end)
            self.mentions.append(Mention(span, n.label, "name", name_key(span.text, n.label),
                                         self.sentence_of(span.start), quoted=self.in_quote(span.start)))
            name_at.update({i: index for i in range(n.start, n.end)})
        labels = [m.label for m in self.mentions]
        roles = self._roles(names)
        role_at = self._role_mentions(names, roles)
        dates = self._dates()
        quotes = self._quotes(name_at, labels, role_at, dates)
        return ArticleExtraction(
            article=self.article.id,
            published=self.article.published,
            sentences=tuple((s, e) for s, e in self.sent_bounds),
            mentions=tuple(self.mentions),
            roles=tuple(roles),
            quotes=tuple(quotes),
            dates=tuple(d for d, _ in dates),
            happenings=tuple(self._happenings(dates, name_at)),
            dropped=dict(self.dropped),
        )

    def _roles(self, names: list[Any]) -> list[RoleMention]:
        out = []
        for role in stated_roles(self.doc, names):
            span = self.tspan(role.start, role.end)
            out.append(RoleMention(span, role.name, normalize_title(span.text)))
        return out

    def _role_mentions(self, names: list[Any], roles: list[RoleMention]) -> dict[int, tuple[int, int | None]]:
        """Resolve "the US president" to the nearest earlier person whose stated titles
        (anywhere in this article, under any spelling of the surname) fit."""
        titles: dict[str, set[str]] = {}
        for role in roles:
            titles.setdefault(surname_key(self.mentions[role.mention].span.text), set()).add(role.title)
        persons = [(n.start, i, sorted(titles.get(surname_key(self.mentions[i].span.text), ())))
                   for i, n in enumerate(names) if n.label == "PERSON" and not self.mentions[i].quoted]
        taken = {i for n in names for i in range(n.start, n.end)}
        for role in roles:
            first = self.doc.char_span(role.span.start, role.span.end, alignment_mode="expand")
            taken.update(range(first.start, first.end))
        role_at: dict[int, tuple[int, int | None]] = {}
        for ref in role_refs(self.doc, taken):
            target = resolve_role(ref.start, ref, persons)
            span = self.tspan(ref.start, ref.end)
            label = self.mentions[target].label if target is not None else "PERSON"
            self.mentions.append(Mention(span, label, "role", " ".join((*ref.modifiers, ref.head)),
                                         self.sentence_of(span.start), target, self.in_quote(span.start)))
            role_at.update({i: (len(self.mentions) - 1, target) for i in range(ref.start, ref.end)})
        return role_at

    def _dates(self) -> list[tuple[DateMention, int]]:
        """Date mentions with the token they attach to."""
        published = self.article.published
        anchor = published.date() if published else None
        quarterly = is_quarterly(self.text)
        out = []
        for found in find_dates(self.doc):
            timex = normalize(self.text[found.start:found.end], anchor, found.tense, quarterly)
            out.append((DateMention(
                span=self.span(found.start, found.end), label=found.label,
                type=timex.type if timex else found.label, value=timex.value if timex else None,
                start=timex.start if timex else None, end=timex.end if timex else None,
                tense=found.tense, sentence=self.sentence_of(found.start), anchor=anchor,
                anchor_inferred=self.article.published_inferred and anchor is not None,
                relative=timex.relative if timex else False), found.governor))
        return out

    def _quotes(self, name_at: dict[int, int], labels: list[str], role_at: dict[int, tuple[int, int | None]],
                dates: list[tuple[DateMention, int]]) -> list[Quote]:
        raws, dropped = find_quotes(self.doc, self.quoted_passages)
        self.dropped.update(dropped)
        date_of = {gov: i for i, (_, gov) in reversed(list(enumerate(dates)))}
        persons: list[LocalRef] = []
        for i, m in enumerate(self.mentions):
            if m.quoted:
                continue  # names inside someone's quote are not what "he" in the narrative means
            if m.kind == "name" and m.label == "PERSON" or m.kind == "role" and m.refers_to is not None:
                tok = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand").root.i
                target = i if m.kind == "name" else m.refers_to
                assert target is not None
                persons.append(LocalRef(tok, target, self.paragraph_of(m.span.start), m.sentence, m.label))
        persons.sort(key=lambda p: p.token)
        pronouns: dict[int, int] = {}  # pronoun token -> its pronoun mention
        speakers: list[LocalRef] = []
        out: list[Quote] = []
        for raw in raws:
            mention, kind, speaker = None, "unresolved", None
            if raw.speaker_head is not None and raw.speaker is not None:
                speaker = self.tspan(*raw.speaker)
                result = classify_speaker(self.doc, raw.speaker_head, raw.speaker, name_at, labels, role_at)
                mention, kind = result.mention, result.kind
                if result.pronoun:
                    head = self.doc[raw.speaker_head]
                    if head.i not in pronouns:
                        named_inside = {p.mention for p in persons if raw.start <= self.doc[p.token].idx < raw.end}
                        excluded = {i for i, m in enumerate(self.mentions) if m.kind == "name" and any(
                            surname_key(m.span.text) == surname_key(self.mentions[j].span.text)
                            for j in named_inside)}
                        resolved = resolve_pronoun(head.i, self.paragraph_of(head.idx), self.sentence_of(head.idx),
                                                   persons, speakers, excluded)
                        self.mentions.append(Mention(self.tspan(head.i, head.i + 1), "PERSON", "pronoun",
                                                     head.lower_, self.sentence_of(head.idx), resolved,
                                                     self.in_quote(head.idx)))
                        pronouns[head.i] = len(self.mentions) - 1
                    mention = pronouns[head.i]
                    kind = "named" if self.mentions[mention].refers_to is not None else "unresolved"
                name = None if mention is None else (
                    mention if self.mentions[mention].kind == "name" else self.mentions[mention].refers_to)
                if name is not None and self.mentions[name].label == "PERSON":
                    speakers.append(LocalRef(raw.speaker_head, name, self.paragraph_of(raw.start),
                                             self.sentence_of(self.doc[raw.speaker_head].idx), "PERSON"))
            cue = self.tspan(*raw.cue) if raw.cue else None
            said_on = date_of.get(raw.cue[0]) if raw.cue else None
            content = self.span(raw.start, raw.end)
            out.append(Quote(content_id("quote/v1", self.article.id, str(raw.start), str(raw.end),
                                        speaker.text if speaker else ""),
                             content, cue, speaker, mention, kind, raw.mode, said_on))  # type: ignore[arg-type]
        return out

    def _happening(self, date: int | None, governor: Any, name_at: dict[int, int],
                   tense: Any) -> Happening:
        start, end = _happening_clause(self.doc, governor)
        para = paragraphs_of(self.text)[self.paragraph_of(governor.idx)]
        while start < governor.i and self.doc[start].idx < para[0]:
            start += 1  # a clause never leaves its paragraph
        while end > governor.i + 1 and self.doc[end - 1].idx >= para[1]:
            end -= 1
        actors = tuple(sorted({name_at[i] for i in range(start, end) if i in name_at
                               and self.mentions[name_at[i]].label in _ACTOR_LABELS}))
        return Happening(date, self.sentence_of(governor.idx), self.tspan(governor.i, governor.i + 1),
                         governor.lemma_.lower(), self.tspan(start, end), actors, tense)

    def _happenings(self, dates: list[tuple[DateMention, int]], name_at: dict[int, int]) -> list[Happening]:
        """Dated clauses, and undated event nouns with a before/after cue (publication-date
        inference uses those to place an article relative to an event)."""
        headings = self.article.headings
        out = []
        dated_governors = set()
        for index, (date_mention, governor) in enumerate(dates):
            # relative dates of undated articles stay: the corpus stage resolves them later
            if date_mention.value is None or date_mention.type == "SET" \
                    or any(s <= date_mention.span.start < e for s, e in headings):
                continue
            if date_mention.type == "DURATION" and not _windowed(date_mention):
                continue
            dated_governors.add(governor)
            out.append(self._happening(index, self.doc[governor], name_at, date_mention.tense))
        for tok in self.doc:
            if tok.lemma_.lower() in EVENT_NOUNS and tok.pos_ == "NOUN" and tok.i not in dated_governors:
                tense = event_tense(tok)
                if tense is not None:
                    happening = self._happening(None, tok, name_at, tense)
                    if happening.actors:
                        out.append(happening)
        return out


def _windowed(mention: DateMention) -> bool:
    """A duration that marks a window from the anchor ("the next 10 days"), not a length."""
    timex = normalize(mention.span.text, _PROBE, mention.tense)
    return timex is not None and timex.start is not None


_PROBE = date(2000, 1, 3)


def annotate_doc(article: Article, doc: Any) -> ArticleExtraction:
    """The extraction of ``article`` from its spaCy ``doc`` (parsed from ``article.text``)."""
    if doc.text != article.text:
        raise ValueError(f"article {article.id}: the doc was not parsed from this article's text")
    return _Builder(article, doc).build()


def paragraph_doc(nlp: Any, text: str) -> Any:
    """A tokenised doc whose paragraphs (blank-line separated) start sentences, so the
    parser never joins the last words of one paragraph to the next (it respects
    sentence starts set before it runs)."""
    doc = nlp.make_doc(text)
    after_break = False
    for token in doc:
        if token.is_space and "\n\n" in token.text:
            after_break = True
        elif after_break:
            token.is_sent_start = True
            after_break = False
    return doc


def annotate(article: Article, nlp: Any = None) -> ArticleExtraction:
    """Entities, roles, quotes, dates and happenings of one article (pure: same article,
    same result). ``nlp`` defaults to the shared ``load_spacy()`` pipeline."""
    if nlp is None:
        from newsfuse.nlp.spacy_pipeline import load_spacy

        nlp = load_spacy()
    return annotate_doc(article, nlp(paragraph_doc(nlp, article.text)))


def annotate_many(articles: Iterable[Article], nlp: Any = None, batch_size: int = 16) -> Iterator[ArticleExtraction]:
    """:func:`annotate` over many articles with ``nlp.pipe`` batching (same results)."""
    if nlp is None:
        from newsfuse.nlp.spacy_pipeline import load_spacy

        nlp = load_spacy()
    pairs = ((paragraph_doc(nlp, a.text), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield annotate_doc(article, doc)
