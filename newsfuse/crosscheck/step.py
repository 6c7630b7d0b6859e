"""The crosscheck stage as a pure step function the pipeline calls once per run.

Signature (what the pipeline calls)::

    crosscheck_step(
        articles: Sequence[Article],
        events: Sequence[Event],
        storylines: Sequence[Storyline],
        copy_links: Sequence[CopyLink],
        extract: CorpusExtraction,
        *,
        embedder: Embedder | None = None,      # default: MiniLM (default_embedder())
        nli: NLIBackend | None = None,         # default: HeuristicNLI ("heuristic")
        params: CrosscheckParams = CrosscheckParams(),
    ) -> CrosscheckResult                      # .claims, .discrepancies, .briefs, .counters

Each event and each storyline is one *scope*: its articles' sentences become claim
mentions, are aligned into claims, and each claim gets a status counting independent
origins only (:func:`newsfuse.dedup.independent_origins` over the copy links; reports
that repeat one unquoted sentence word for word count once too). A storyline's scope
spans its events, so it finds what only shows across them (a role given to two people;
a stance that changed). It never touches the store.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from newsfuse.cluster.model import Event, Storyline
from newsfuse.crosscheck.align import AlignParams, align
from newsfuse.crosscheck.claims import AliasIndex, article_mentions, source_name, stands_alone
from newsfuse.crosscheck.conflicts import (
    amount_discrepancies,
    polarity_discrepancies,
    role_discrepancies,
    wording_discrepancies,
)
from newsfuse.crosscheck.nli import HeuristicNLI, NLIBackend
from newsfuse.crosscheck.records import Claim, ClaimMention, ClaimStatus, Discrepancy, ScopeCheck
from newsfuse.dedup.links import CopyLink, copy_groups
from newsfuse.extract.corpus import ArticleResult, CorpusExtraction
from newsfuse.extract.cues import DOUBLE_MARKS
from newsfuse.model import Article, Span, content_id
from newsfuse.unionfind import UnionFind

if TYPE_CHECKING:
    from newsfuse.brief.records import Brief
    from newsfuse.nlp.embeddings import Embedder


@dataclass(frozen=True, slots=True)
class CrosscheckParams:
    """Parameters of the stage (the run records them with the config hash)."""

    align: AlignParams = AlignParams()
    amount_similarity: float = 0.45
    amount_max_ratio: float = 2.0
    role_window_days: int = 60
    wording_overlap: float = 0.3
    polarity_similarity: float = 0.38
    summary_sentences: int = 8


@dataclass(frozen=True, slots=True)
class CrosscheckResult:
    """What the stage produced: claims and discrepancies of every scope, one brief per
    scope, and counters (``claims_<status>``, ``discrepancies_<kind>``, ``dropped_<reason>``)."""

    claims: tuple[Claim, ...]
    discrepancies: tuple[Discrepancy, ...]
    briefs: tuple[Brief, ...]
    counters: dict[str, int] = field(default_factory=dict)


class _Origins:
    """Independent origins of article sets, from the copy groups (computed once)."""

    def __init__(self, links: Sequence[CopyLink], articles: Mapping[str, Article]) -> None:
        self.canonical: dict[str, str] = {}
        for group in copy_groups(links, articles):
            for member in group.members:
                self.canonical[member] = group.canonical
        self.links = links

    def of(self, article_ids: Sequence[str]) -> tuple[str, ...]:
        """One article per origin. Two copies of one absent original still count as one
        here: the copy group is global, so it is never split by the scope."""
        return tuple(sorted({self.canonical.get(a, a) for a in article_ids}))

    def of_reports(self, mentions: Sequence[ClaimMention]) -> tuple[str, ...]:
        """The origins of a claim's reports: as :meth:`of`, and reports that repeat one
        sentence word for word (:func:`_verbatim_key`) count as one origin, for a press
        release's boilerplate or a wire sentence pasted into a story is not independent
        confirmation, even where the articles are too different to be copies."""
        same = UnionFind()
        holder: dict[str, str] = {}  # the words of a sentence -> the origin that first wrote it
        for m in mentions:
            origin = self.canonical.get(m.article, m.article)
            key = _verbatim_key(m.sentence.text)
            if key is not None:
                same.union(origin, holder.setdefault(key, origin))
        return tuple(sorted({same.find(self.canonical.get(m.article, m.article)) for m in mentions}))


_WORDS = re.compile(r"\w+")


def _verbatim_key(sentence: str, min_words: int = 12) -> str | None:
    """A sentence's words, when two reports sharing them word for word shows copying: 12
    words or more and no quotation (two reports may quote one speaker alike)."""
    if any(q in sentence for q in DOUBLE_MARKS):
        return None
    words = _WORDS.findall(sentence.lower())
    return " ".join(words) if len(words) >= min_words else None


def _status(mentions: Sequence[ClaimMention], origins: tuple[str, ...], conflicted: bool) -> tuple[ClaimStatus, str]:
    n_art = len({m.article for m in mentions})
    copies = n_art - len(origins)
    if conflicted:
        return "conflicting", f"conflicting reports (see discrepancies); {len(origins)} independent origin(s)"
    if len(origins) >= 2:
        extra = f"; {copies} copied article(s) not counted" if copies else ""
        return "corroborated", f"{len(origins)} independent origins in {n_art} article(s){extra}"
    extra = f" ({n_art} articles, all copies of one origin)" if n_art > 1 else ""
    return "single-source", f"one independent origin{extra}"


def crosscheck_scope(scope: str, article_ids: Sequence[str], articles: Mapping[str, Article],
                     results: Mapping[str, ArticleResult], extract: CorpusExtraction, origins: _Origins,
                     embedder: Embedder, nli: NLIBackend, params: CrosscheckParams = CrosscheckParams(),
                     names: AliasIndex | None = None,
                     cache: dict[str, tuple[list[ClaimMention], np.ndarray]] | None = None) -> ScopeCheck:
    """Claims and discrepancies of one scope (an event or a storyline)."""
    counters: Counter[str] = Counter()
    entities = {e.id: e for e in extract.entities}
    names = names if names is not None else AliasIndex(entities)
    mentions: list[ClaimMention] = []
    blocks: list[np.ndarray] = []
    for aid in article_ids:
        if aid not in results or aid not in articles:
            counters["dropped_missing-extraction"] += 1
            continue
        if cache is not None and aid in cache:
            ms, vec = cache[aid]
        else:
            ms = article_mentions(articles[aid], results[aid], entities, counters, names)
            vec = embedder.encode([m.sentence.text for m in ms]) if ms else np.zeros((0, embedder.dim), np.float32)
            if cache is not None:
                cache[aid] = (ms, vec)
        mentions += ms
        blocks.append(vec)
    vectors = np.vstack(blocks) if blocks else np.zeros((0, embedder.dim), np.float32)
    ids = set(article_ids)
    discrepancies = (
        amount_discrepancies(scope, mentions, vectors, params.amount_similarity, params.amount_max_ratio,
                             lambda a: origins.canonical.get(a, a), lambda m: source_name(m, names))
        + role_discrepancies(scope, ids, extract.entities, mentions, params.role_window_days)
        + wording_discrepancies(scope, ids, extract.statements, params.wording_overlap)
        + polarity_discrepancies(scope, mentions, vectors, nli, entities, params.polarity_similarity,
                                 lambda a: origins.canonical.get(a, a))
    )
    discrepancies = list({d.id: d for d in discrepancies}.values())
    touched: dict[tuple[str, int], list[Discrepancy]] = {}
    for d in discrepancies:
        for side in d.sides:
            touched.setdefault((side.sentence.article, side.sentence.start), []).append(d)
    claims = []
    for group in align(mentions, vectors, params.align):
        ms = [mentions[i] for i in group]
        found = {d.id: d for m in ms for d in touched.get((m.article, m.sentence.start), [])}
        conflicted = any(d.is_conflict for d in found.values())
        claim_origins = origins.of_reports(ms)
        status, reason = _status(ms, claim_origins, conflicted)
        first = {o: next(m for m in ms if origins.canonical.get(m.article, m.article) == o) for o in claim_origins}
        evidence: list[Span] = [first[o].sentence for o in claim_origins]
        for d in found.values():
            evidence += [s.sentence for s in d.sides if s.sentence not in evidence]
        centroid = vectors[group].sum(axis=0)
        # the most typical wording among those that read on their own ("They also agreed ..." does not)
        readable = [i for i in group if stands_alone(mentions[i].sentence.text)] or group
        medoid = mentions[readable[int(np.argmax(vectors[readable] @ centroid))]]
        # an unresolved pronoun ("they said") names nobody: it is not listed as a source; a
        # known speaker is listed once, by the canonical name ("Trump" is Donald Trump); the
        # source of the sentence shown (the medoid's) comes first
        attributions = tuple(dict.fromkeys(source_name(m, names) for m in (medoid, *ms)))
        facts = len({f.value for m in ms for f in m.facts})
        claims.append(Claim(
            id=content_id("claim/v1", scope, *sorted(m.id for m in ms)), scope=scope, text=medoid.sentence.text,
            status=status, mentions=tuple(ms), origins=len(claim_origins), origin_articles=claim_origins,
            attributions=attributions, discrepancies=tuple(sorted(found)), evidence=tuple(evidence),
            reason=reason, score=round(len(claim_origins) + 0.1 * min(facts, 5) + 0.01 * len(ms), 4),
        ))
        counters[f"claims_{status}"] += 1
    for d in discrepancies:
        counters[f"discrepancies_{d.kind}"] += 1
    counters["claim_mentions"] = len(mentions)
    return ScopeCheck(scope, tuple(article_ids), len(origins.of(list(article_ids))), tuple(claims),
                      tuple(discrepancies), dict(counters))


def _rescope(check: ScopeCheck, scope: str) -> ScopeCheck:
    """The same check under another scope name (ids follow the scope)."""
    from newsfuse.crosscheck.conflicts import _did

    new_ids = {d.id: _did(scope, d.kind, d.sides) for d in check.discrepancies}
    found = tuple(replace(d, id=new_ids[d.id], scope=scope) for d in check.discrepancies)
    claims = tuple(replace(c, id=content_id("claim/v1", scope, *sorted(m.id for m in c.mentions)), scope=scope,
                           discrepancies=tuple(sorted(new_ids[x] for x in c.discrepancies)))
                   for c in check.claims)
    return replace(check, scope=scope, claims=claims, discrepancies=found)


def crosscheck_step(articles: Sequence[Article], events: Sequence[Event], storylines: Sequence[Storyline],
                    copy_links: Sequence[CopyLink], extract: CorpusExtraction, *,
                    embedder: Embedder | None = None, nli: NLIBackend | None = None,
                    params: CrosscheckParams = CrosscheckParams()) -> CrosscheckResult:
    """Cross-check every event and storyline and brief each (see the module docstring).

    Args:
        articles: the run's articles (every article of the events must be here).
        events: the events stage's events.
        storylines: its storylines (scopes over their events' articles).
        copy_links: the copies stage's links (origins count copies once).
        extract: the extract stage's corpus output over the same articles.
        embedder: sentence embedder for alignment (MiniLM by default).
        nli: the polarity backend (the labelled heuristic by default).
        params: thresholds.
    """
    from newsfuse.brief.build import build_brief

    if embedder is None:
        from newsfuse.nlp.embeddings import default_embedder

        embedder = default_embedder()
    nli = nli if nli is not None else HeuristicNLI()
    by_id = {a.id: a for a in articles}
    results = {r.extraction.article: r for r in extract.articles}
    origins = _Origins(copy_links, by_id)
    names = AliasIndex({e.id: e for e in extract.entities})
    cache: dict[str, tuple[list[ClaimMention], np.ndarray]] = {}
    event_by_id = {e.id: e for e in events}
    claims: list[Claim] = []
    found: list[Discrepancy] = []
    briefs: list[Brief] = []
    counters: Counter[str] = Counter()
    scopes: list[tuple[str, str, tuple[str, ...], Event | Storyline]] = []
    for e in events:
        scopes.append((f"event:{e.id}", "event", e.article_ids, e))
    for s in storylines:
        ids = tuple(dict.fromkeys(a for eid in s.event_ids if eid in event_by_id for a in event_by_id[eid].article_ids))
        scopes.append((f"storyline:{s.id}", "storyline", ids, s))
    done: dict[tuple[str, ...], ScopeCheck] = {}
    statements_of: dict[str, list] = {}
    for st in extract.statements:
        for aid in dict.fromkeys(v.article for v in st.variants):
            statements_of.setdefault(aid, []).append(st)
    entities_of: dict[str, list] = {}
    for ent in extract.entities:
        for aid in dict.fromkeys([m.article for m in ent.mentions] + [r.span.article for r in ent.roles]):
            entities_of.setdefault(aid, []).append(ent)
    timeline_of: dict[str, list] = {}
    for t in extract.timeline:
        timeline_of.setdefault(t.article, []).append(t)
    for scope, level, ids, subject in scopes:
        # the scope's own slice of the corpus records, so the cost follows the scope's size
        own = {s.id: s for aid in ids for s in statements_of.get(aid, ())}
        scoped = replace(extract, articles=tuple(results[a] for a in ids if a in results),
                         statements=tuple(own.values()),
                         entities=tuple({e.id: e for aid in ids for e in entities_of.get(aid, ())}.values()),
                         timeline=tuple(t for aid in ids for t in timeline_of.get(aid, ())))
        if ids in done:  # a storyline of one event: the same articles, checked once
            check = _rescope(done[ids], scope)
        else:
            check = crosscheck_scope(scope, ids, by_id, results, scoped, origins, embedder, nli, params, names, cache)
            done[ids] = check
        claims += check.claims
        found += check.discrepancies
        briefs.append(build_brief(check, subject, level, by_id, scoped, copy_links, params.summary_sentences))
        for key, value in check.counters.items():
            if not key.startswith("dropped_") or level == "event":  # count drops once per article
                counters[key] += value
    counters["scopes"] = len(scopes)
    counters["briefs"] = len(briefs)
    return CrosscheckResult(tuple(claims), tuple(found), tuple(briefs), dict(counters))
