"""Claim mentions: the checkable sentences of one article, with actor, predicate, facts
and attribution, read from the extract stage's records (no parsing here).

A sentence that reports speech keeps its attribution: "X said Y" is a mention of the
claim *that X said Y*, and the aligner never merges it with what another named speaker
said.
"""

from __future__ import annotations

from collections import Counter
import re
from collections.abc import Mapping
from datetime import date

from newsfuse.crosscheck.facts import format_amount, has_negation, key_terms, quantities
from newsfuse.crosscheck.records import Attribution, ClaimMention, Fact
from newsfuse.extract.corpus import ArticleResult
from newsfuse.extract.records import AttributedQuote, Entity
from newsfuse.model import Article, Span, content_id

_ACTOR_ORDER = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
_CAPITALISED = re.compile(r"[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|von|der|van|al))*")
_TRAILING_SPEAKER = re.compile(
    r"[”\"],?\s+(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)\s+(?P<cue>said|says|told|informed|stated|"
    r"added|remarked|noted|warned|wrote|posted|insisted|argued|explained|replied)\b")
_LEADING_SPEAKER = re.compile(
    r"(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)\s+(?:\w+ly\s+)?(?P<cue>said|says|told|informed|"
    r"stated|added|remarked|noted|warned|wrote|posted|insisted|confirmed|reported|announced)\b")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_PRONOUN_START = ("he ", "she ", "they ", "it ", "his ", "her ")
# a sentence opening on a pronoun or a linking word ("They also agreed", "Moreover, ...")
# reads as a fragment once it is lifted out of its article
_CONTEXT_OPENERS = frozenset({
    "he", "she", "they", "it", "his", "her", "their", "its", "this", "these", "those", "that",
    "such", "both", "also", "moreover", "however", "but", "and", "meanwhile", "furthermore",
    "additionally", "still", "yet", "instead", "then", "so", "thus", "therefore", "besides",
})
_FIRST_WORD = re.compile(r"\W*(\w+)")


def stands_alone(sentence: str) -> bool:
    """Whether a sentence reads on its own: it does not open on a pronoun or a linking word."""
    first = _FIRST_WORD.match(sentence)
    return first is None or first.group(1).lower() not in _CONTEXT_OPENERS


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _repair_speaker(q: AttributedQuote, result: ArticleResult, entity_ids: tuple[str | None, ...],
                    names: Mapping[str, Entity], sent: tuple[int, int]) -> tuple[str | None, str, str]:
    """The quote's speaker, or, where the extract stage took a date ("Later that Monday,
    The Financial Times ... reported") for the speaker, the nearest named source before
    the cue."""
    speaker, name, kind = q.speaker, q.speaker_name, q.source_kind
    sp = q.quote.speaker
    ext = result.extraction
    if sp is not None and any(d.span.start < sp.end and sp.start < d.span.end for d in ext.dates):
        cue_start = q.quote.cue.start if q.quote.cue is not None else sent[1]
        best = None
        for i, m in enumerate(ext.mentions):
            if m.kind == "name" and m.label in ("ORG", "PERSON") and sent[0] <= m.span.start < cue_start \
                    and not any(d.span.start < m.span.end and m.span.start < d.span.end for d in ext.dates):
                best = i
        if best is not None:
            eid = entity_ids[best]
            entity = names.get(eid) if eid else None
            return eid, entity.name if entity else ext.mentions[best].span.text, "named"
    return speaker, name, kind


class AliasIndex:
    """Canonical people and organisations by the names articles use for them, to find an
    actor or speaker the entity recogniser missed in one sentence ("..., Trump informed
    reporters"). A one-word alias counts only when a single entity uses it."""

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        owners: dict[str, set[str]] = {}
        for e in entities.values():
            if e.label not in ("PERSON", "ORG"):
                continue
            for alias in e.aliases:
                owners.setdefault(alias.lower(), set()).add(e.id)
                last = alias.split()[-1].lower()
                if len(alias.split()) > 1 and len(last) > 2:
                    owners.setdefault(last, set()).add(e.id)
        self.ids = {alias: next(iter(ids)) for alias, ids in owners.items() if len(ids) == 1}
        self.entities = entities

    def find(self, text: str) -> tuple[int, int, str] | None:
        """The first known name in ``text``: (start, end, entity id)."""
        for m in _CAPITALISED.finditer(text):
            words = m.group().split()
            for i in range(len(words)):
                key = " ".join(words[i:]).lower().rstrip(".,;:’'s")
                eid = self.ids.get(key) or self.ids.get(" ".join(words[i:]).lower())
                if eid is not None:
                    return m.start(), m.end(), eid
        return None


def source_name(m: ClaimMention, names: AliasIndex) -> str:
    """Who a claim mention is attributed to, by the canonical name where the corpus knows
    the source ("Trump said" is Donald Trump); "" for the outlet's own voice or a pronoun
    nobody was found for."""
    a = m.attribution
    if a is None or a.source_kind == "unresolved":
        return ""
    if a.speaker is not None and a.speaker in names.entities:
        return names.entities[a.speaker].name
    found = names.find(a.speaker_name)  # a name the extract stage left unlinked ("Trump")
    if found is not None and found[:2] == (0, len(a.speaker_name)):
        return names.entities[found[2]].name
    return a.speaker_name


def _fallback_attribution(sentence: str, offset: int, article: str, names: AliasIndex) -> Attribution | None:
    """A speech cue next to a known name that the extract stage did not read as a quote."""
    for pattern in (_TRAILING_SPEAKER, _LEADING_SPEAKER):
        m = pattern.search(sentence)
        if m is None:
            continue
        found = names.find(m.group("name"))
        if found is None:
            continue
        eid = found[2]
        cue = Span(article, offset + m.start("cue"), offset + m.end("cue"), m.group("cue"))
        return Attribution(eid, names.entities[eid].name, "named", cue, None)
    return None


def article_mentions(article: Article, result: ArticleResult, entities: Mapping[str, Entity],
                     counters: Counter[str], names: AliasIndex | None = None) -> list[ClaimMention]:
    """The claim mentions of one article, in text order.

    Args:
        article: the cleaned article.
        result: its extract-stage record (``CorpusExtraction.articles``).
        entities: canonical entities by id.
        counters: ``dropped_<reason>`` counts are added here (see ``DROP_REASONS``).
        names: the corpus's alias index (built from ``entities`` when not given); it may name
            an entity of another article that ``entities`` lacks.
    """
    names = names if names is not None else AliasIndex(entities)
    ext = result.extraction
    text = article.text
    published: date | None = result.publication.published
    heads = article.headings
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(ext.mentions):
        by_sentence.setdefault(m.sentence, []).append(i)
    quotes = sorted(result.quotes, key=lambda q: q.quote.content.start)
    out: list[ClaimMention] = []
    last_actor: tuple[str | None, str] = (None, "")
    for index, (s0, e0) in enumerate(ext.sentences):
        s, e = _strip(text, s0, e0)
        sentence = text[s:e]
        if any(hs <= s < he for hs, he in heads):
            counters["dropped_heading"] += 1
            continue
        terms = key_terms(sentence)
        if len(sentence.split()) < 4 or not terms:
            counters["dropped_short"] += 1
            continue
        if sentence.rstrip("”\"’' ").endswith("?"):
            counters["dropped_question"] += 1
            continue
        span = Span(article.id, s, e, sentence)
        facts: list[Fact] = []
        for q in quantities(sentence):
            fs = Span(article.id, s + q.start, s + q.end, sentence[q.start:q.end])
            if any(d.span.start <= fs.start < d.span.end for d in ext.dates):
                continue  # "15 August", "2014": a date, read below
            value = f"{q.unit} {q.value:.0f}" if q.value.is_integer() else f"{q.unit} {q.value:g}"
            facts.append(Fact("amount" if q.money else "number", value, fs, q.unit,
                              format_amount(q.value, q.unit) if q.money else fs.text))
        for d in ext.dates:
            if s <= d.span.start < e and d.start is not None and d.value:
                facts.append(Fact("date", d.value, d.span, "", d.span.text))
        actor: tuple[str | None, str] = (None, "")
        actor_rank = 9
        mention_ids = by_sentence.get(index, [])
        for i in mention_ids:
            m = ext.mentions[i]
            target = m.refers_to if m.kind != "name" and m.refers_to is not None else i
            eid = result.entity_ids[target] if target < len(result.entity_ids) else None
            if eid is None:
                continue
            entity = entities.get(eid)
            label = entity.label if entity else m.label
            name = entity.name if entity else m.span.text
            if label in _PLACE_LABELS:
                facts.append(Fact("place", eid, m.span, "", name))
            if label == "PERSON":
                facts.append(Fact("person", eid, m.span, "", name))
            if _ACTOR_ORDER.get(label, 9) < actor_rank and not m.quoted:
                actor, actor_rank = (eid, name), _ACTOR_ORDER[label]
        for r in ext.roles:
            if s <= r.span.start < e and r.mention < len(result.entity_ids):
                eid = result.entity_ids[r.mention]
                if eid is not None:
                    name = entities[eid].name if eid in entities else ""
                    facts.append(Fact("role", f"{r.title}={eid}", r.span, r.title, name))
        attribution = None
        predicate = None
        for aq in quotes:
            c = aq.quote.content
            if s <= c.start < e:
                speaker, name, kind = _repair_speaker(aq, result, result.entity_ids, entities, (s, e))
                attribution = Attribution(speaker, name, kind, aq.quote.cue, aq.quote.id)
                predicate = aq.quote.cue.text.lower() if aq.quote.cue is not None else None
                if kind == "named":
                    break  # a named source wins over "according to officials" in one sentence
        if attribution is None:
            attribution = _fallback_attribution(sentence, s, article.id, names)
            if attribution is not None and attribution.cue is not None:
                predicate = attribution.cue.text.lower()
        speaker_is_person = attribution is not None and attribution.speaker is not None \
            and entities.get(attribution.speaker) is not None \
            and entities[attribution.speaker].label == "PERSON"
        if sentence.lower().startswith(_PRONOUN_START):
            # "He said ...": the speaker, else the sentence goes on about the last actor
            if speaker_is_person and attribution is not None:
                actor = (attribution.speaker, attribution.speaker_name)
            elif last_actor[0] is not None:
                actor = last_actor
        elif actor_rank > 0 and speaker_is_person and attribution is not None:
            actor = (attribution.speaker, attribution.speaker_name)  # who speaks acts
        if actor[0] is None:
            found = names.find(sentence)
            if found is not None:  # a corpus entity, maybe one this article's recogniser missed throughout
                actor = (found[2], names.entities[found[2]].name)
        if predicate is None:
            for h in ext.happenings:
                if h.sentence == index:
                    predicate = h.lemma
                    break
        actor_entity = entities.get(actor[0]) or names.entities.get(actor[0]) if actor[0] is not None else None
        if actor_entity is not None and actor_entity.label == "PERSON":
            last_actor = actor
        if not facts and actor[0] is None and len(terms) < 3:
            counters["dropped_no-facts"] += 1
            continue
        said_on = None
        if attribution is not None and attribution.quote is not None:
            said_on = next((q.said_on for q in quotes if q.quote.id == attribution.quote), None)
        facts.sort(key=lambda f: (f.span.start, f.kind))
        out.append(ClaimMention(
            id=content_id("claim-mention/v1", article.id, str(s), str(e)),
            sentence=span, actor=actor[0], actor_name=actor[1], predicate=predicate,
            facts=tuple(facts), attribution=attribution, negated=has_negation(sentence),
            terms=tuple(terms), published=published, said_on=said_on,
        ))
    return out
