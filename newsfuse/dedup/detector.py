"""``CopyDetector``: the Copies corpus stage, with a fit/assign split.

``fit`` indexes a corpus (and records the links found while doing so in ``links_``);
``assign`` checks one new article against the index, returns its links and then adds
it, so a later ingest is incremental. ``from_signatures`` rebuilds the index from
stored signatures without touching the corpus text. The detector never touches the
store: the pipeline stores the signatures and links it returns, and passes a
``lookup`` to read candidate articles back when the index was rebuilt from the store.

Decision order for a new article: exact hash; near duplicates (LSH candidates on the
shingle MinHash, verified with exact shingle Jaccard and containment, unless the two
state different figures in one wording days apart: one template, other facts); rewrites
and partial rewrites (LSH candidates on the content-word MinHash, best few by estimated
overlap, verified by sentence alignment with paraphrase scoring: the feature model, and
the cross-encoder for the close calls).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from newsfuse.dedup.align import (
    Alignment,
    PairScorer,
    SentenceView,
    align_lexical,
    align_paraphrase,
)
from newsfuse.dedup.config import CopiesConfig
from newsfuse.dedup.direction import comparable, infer_direction
from newsfuse.dedup.links import AlignedPair, CopyLink, Relation, ordered
from newsfuse.dedup.lsh import BandIndex, band_key_matrix, earlier_pairs
from newsfuse.dedup.paraphrase import ParaphraseScorer
from newsfuse.dedup.signature import Signature, fingerprints
from newsfuse.dedup.text import (
    conflicting_figures,
    jaccard_containment,
    sentences,
    shingle_set,
    tokens_of,
)
from newsfuse.errors import InputError
from newsfuse.model import Article, Span
from newsfuse.nlp.embeddings import Embedder

Lookup = Callable[[str], Article | None]


class _LRU(OrderedDict[str, Any]):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or(self, key: str, make: Callable[[], Any]) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = self[key] = make()
        if len(self) > self.size:
            self.popitem(last=False)
        return value


class _Rows:
    """Signature values of every indexed article in one growing matrix, so a query
    estimates its overlap with all its candidates in one vectorised comparison."""

    def __init__(self, width: int, terms: bool) -> None:
        self.width = width
        self.row: dict[str, int] = {}
        self.near = np.zeros((0, width), dtype=np.uint32)
        self.terms = np.zeros((0, width), dtype=np.uint32) if terms else None

    def reserve(self, extra: int) -> None:
        """Room for ``extra`` more rows (grows by half again at least: amortised O(1))."""
        need = len(self.row) + extra
        if need <= len(self.near):
            return
        size = max(need, len(self.near) * 3 // 2, 1024)
        self.near = np.concatenate([self.near, np.zeros((size - len(self.near), self.width), np.uint32)])
        if self.terms is not None:
            self.terms = np.concatenate([self.terms, np.zeros((size - len(self.terms), self.width), np.uint32)])

    def add(self, signature: Signature) -> None:
        n = len(self.row)
        self.reserve(1)
        self.near[n] = signature.values()
        if self.terms is not None:
            self.terms[n] = signature.term_values()
        self.row[signature.article] = n

    def estimates(self, ids: list[str], signature: Signature, terms: bool) -> np.ndarray:
        rows = [self.row[i] for i in ids]
        if terms and self.terms is not None:
            matrix, values = self.terms, signature.term_values()
        else:
            matrix, values = self.near, signature.values()
        return np.count_nonzero(matrix[rows] == values, axis=1) / self.width


class CopyDetector:
    """Finds exact copies, near duplicates, rewrites and partial rewrites.

    Args:
        config: thresholds and MinHash parameters.
        embedder: sentence embedder for rewrites; the shared MiniLM one when ``None``
            (loaded on the first rewrite check only).
        lookup: reads an indexed article by id. Without it the detector keeps the
            articles it has seen in memory; with it (e.g. ``store.article``) it keeps
            only their signatures.
        scorer: sentence-pair paraphrase model (MSRP-fitted by default).
        cross: cross-encoder for close sentence pairs; the shipped one when ``None`` and
            ``config.cross_encoder`` is on.

    Example:
        >>> detector = CopyDetector(CopiesConfig(rewrites=False)).fit(articles)  # doctest: +SKIP
        >>> links = detector.links_ + detector.assign(new_article)  # doctest: +SKIP
    """

    def __init__(self, config: CopiesConfig | None = None, *, embedder: Embedder | None = None,
                 lookup: Lookup | None = None, scorer: ParaphraseScorer | None = None,
                 cross: PairScorer | None = None) -> None:
        self.config = config or CopiesConfig()
        self.embedder = embedder
        self.lookup = lookup
        self.scorer = scorer
        self.cross = cross
        self.links_: list[CopyLink] = []
        self.signatures_: dict[str, Signature] = {}
        self._exact: dict[str, str] = {}
        self._rows = _Rows(self.config.signature.num_perm, terms=self.config.rewrites)
        self._near = BandIndex(self.config.bands, self.config.rows)
        self._terms = BandIndex(self.config.term_bands, self.config.term_rows)
        self._articles: dict[str, Article] = {}
        self._shingles = _LRU(4096)
        self._views = _LRU(512)

    # -- building ---------------------------------------------------------------
    def fit(self, articles: Sequence[Article], signatures: Sequence[Signature] | None = None) -> CopyDetector:
        """Index ``articles`` in order; the links found are in ``self.links_``.

        Gives the same links as assigning the articles one by one, but finds the
        near-duplicate candidates of the whole batch in one vectorised pass.
        """
        signatures = list(signatures) if signatures is not None else fingerprints(articles, self.config.signature)
        if len(signatures) != len(articles):
            raise ValueError(f"{len(articles)} articles but {len(signatures)} signatures")
        if len(self):  # an index exists already: assign one by one against it
            for article, signature in zip(articles, signatures):
                self.links_.extend(self.assign(article, signature))
            return self
        for signature in signatures:
            self.config.signature.check(signature.params, f"the signature of {signature.article} and the index")
        cfg = self.config
        fresh = [k for k, (a, s) in enumerate(zip(articles, signatures))
                 if a.id not in self.signatures_ and s.words >= cfg.min_words]
        values = np.array([signatures[k].values() for k in fresh], dtype=np.uint32).reshape(
            len(fresh), cfg.signature.num_perm)
        keys = band_key_matrix(values, cfg.bands, cfg.rows)
        first, second = earlier_pairs(keys)
        if len(first):
            agree = np.count_nonzero(values[first] == values[second], axis=1) / values.shape[1]
            keep = agree >= cfg.min_estimate
            first, second = first[keep], second[keep]
        batch: dict[int, list[str]] = {}
        for i, j in zip(first.tolist(), second.tolist()):
            batch.setdefault(fresh[j], []).append(articles[fresh[i]].id)
        key_rows = dict(zip(fresh, keys))
        self._rows.reserve(len(fresh))
        for k, (article, signature) in enumerate(zip(articles, signatures)):
            if article.id in self.signatures_:
                continue
            near = sorted(set(batch.get(k, ())))
            self.links_.extend(self._check(article, signature, near))
            if self.lookup is None:
                self._articles[article.id] = article
            self._index(signature, key_rows.get(k))
        return self

    @classmethod
    def from_signatures(cls, signatures: Iterable[Signature], config: CopiesConfig | None = None, *,
                        lookup: Lookup, embedder: Embedder | None = None,
                        scorer: ParaphraseScorer | None = None) -> CopyDetector:
        """Rebuild the index from stored signatures, in their order (no text is read).

        Raises:
            SignatureMismatch: a signature was made with other parameters than ``config``'s.
        """
        detector = cls(config, embedder=embedder, lookup=lookup, scorer=scorer)
        for signature in signatures:
            detector.config.signature.check(signature.params, f"the stored signature of {signature.article}")
            detector._index(signature)
        return detector

    def _index(self, signature: Signature, keys: np.ndarray | None = None) -> None:
        self.signatures_[signature.article] = signature
        self._exact.setdefault(signature.exact, signature.article)
        if signature.words >= self.config.min_words:
            self._rows.add(signature)
            self._near.add(signature.article, signature.values(), keys)
            if self.config.rewrites:
                self._terms.add(signature.article, signature.term_values())

    def __len__(self) -> int:
        return len(self.signatures_)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.signatures_

    # -- assigning --------------------------------------------------------------
    def assign(self, article: Article, signature: Signature | None = None) -> list[CopyLink]:
        """Links between ``article`` and the indexed articles; then index it.

        An article already indexed gets no links (assigning is idempotent).

        Raises:
            SignatureMismatch: ``signature`` was made with other parameters than the index.
        """
        if article.id in self.signatures_:
            return []
        signature = signature or fingerprints([article], self.config.signature)[0]
        self.config.signature.check(signature.params, f"the signature of {article.id} and the index")
        near = self._near_candidates(signature) if signature.words >= self.config.min_words else []
        links = self._check(article, signature, sorted(near))
        if self.lookup is None:
            self._articles[article.id] = article
        self._index(signature)
        return links

    def _article(self, article_id: str) -> Article:
        found = self._articles.get(article_id) or (self.lookup(article_id) if self.lookup else None)
        if found is None:
            raise InputError(f"article {article_id} is in the copy index but cannot be read back; "
                             "rebuild the index from the store")
        return found

    def _near_candidates(self, signature: Signature) -> list[str]:
        found = self._near.query(signature.values())
        if not found:
            return []
        estimate = self._rows.estimates(found, signature, terms=False)
        return [c for c, est in zip(found, estimate) if est >= self.config.min_estimate]

    def _check(self, article: Article, signature: Signature, near: list[str]) -> list[CopyLink]:
        cfg = self.config
        twin = self._exact.get(signature.exact)
        if twin is not None:
            other = self._article(twin)
            return [self._link(other, article, "exact", 1.0, "xxh3-128-normalised", 1.0, 1.0,
                               align_lexical(self._view(other), self._view(article), 0.99))]
        if signature.words < cfg.min_words:
            return []
        links: list[CopyLink] = []
        for candidate in near:
            other = self._article(candidate)
            link = self._upgrade(self._verbatim(other, article, "minhash-lsh+jaccard"), other, article)
            if link is not None:
                links.append(link)
        if not cfg.rewrites:
            return links
        # content-word candidates: partial copies and rewrites the shingle LSH cannot see
        seen = set(near)
        terms = [c for c in self._terms.query(signature.term_values(), max_bucket=cfg.max_bucket)
                 if c not in seen]
        if not terms:
            return links
        term_est = self._rows.estimates(terms, signature, terms=True)
        shingle_est = self._rows.estimates(terms, signature, terms=False)
        ranked = sorted(zip(term_est.tolist(), shingle_est.tolist(), terms), key=lambda e: (-e[0], e[2]))
        for term_j, shingle_j, candidate in ranked[: cfg.max_candidates]:
            if term_j < cfg.min_term_jaccard:
                break
            other = self._article(candidate)
            link = None
            if shingle_j >= 0.03:  # a few shingles in common: worth an exact verbatim check
                link = self._verbatim(other, article, "terms-lsh+jaccard")
            link = self._upgrade(link, other, article)
            if link is not None:
                links.append(link)
        return links

    # -- verification -----------------------------------------------------------
    def _shingle_set(self, article: Article) -> np.ndarray:
        return self._shingles.get_or(article.id, lambda: shingle_set(article.text, self.config.signature.shingle))

    def _view(self, article: Article) -> SentenceView:
        return self._views.get_or(article.id, lambda: SentenceView.of(sentences(article.text)))

    def _verbatim(self, old: Article, new: Article, method: str) -> CopyLink | None:
        cfg = self.config
        jaccard, in_old, in_new = jaccard_containment(self._shingle_set(old), self._shingle_set(new))
        # in_old: share of old's shingles found in new; in_new: share of new's found in old
        smaller = in_new if len(self._shingle_set(new)) <= len(self._shingle_set(old)) else in_old
        relation: Relation
        if jaccard >= cfg.near_jaccard:
            relation, score = "near", jaccard
        elif smaller >= cfg.near_containment and jaccard >= cfg.near_containment_min_jaccard:
            relation, score = "near", smaller
        elif smaller >= cfg.partial_containment:
            relation, score = "partial", smaller
        else:
            return None
        if not self._one_report(old, new) and conflicting_figures(tokens_of(old.text), tokens_of(new.text)):
            return None  # one template, different facts (a daily market report, an earnings table)
        alignment = align_lexical(self._view(old), self._view(new))
        if relation == "partial" and alignment.count < cfg.min_aligned:
            return None  # a shared template or boilerplate, not a copied passage
        return self._link(old, new, relation, score, method, in_old, in_new, alignment, jaccard=jaccard)

    def _one_report(self, old: Article, new: Article) -> bool:
        """Published close enough that differing figures are a correction or an update."""
        if old.published is None or new.published is None:
            return False
        t_old, t_new = comparable(old.published, new.published)
        return abs((t_new - t_old).total_seconds()) <= self.config.update_hours * 3600

    def _upgrade(self, link: CopyLink | None, old: Article, new: Article) -> CopyLink | None:
        """Sentence alignment decides between a verbatim partial copy and a rewrite: a
        text whose sentences are all lightly reworded shares many shingles too."""
        if not self.config.rewrites or (link is not None and link.relation != "partial"):
            return link
        rewrite = self._rewrite(old, new)
        if rewrite is not None and (link is None or rewrite.relation == "rewrite"):
            return rewrite
        return link

    def _embeddings(self, article: Article, view: SentenceView) -> np.ndarray:
        def encode() -> np.ndarray:
            if self.embedder is None:
                from newsfuse.nlp.embeddings import default_embedder

                self.embedder = default_embedder()
            return self.embedder.encode([s.text for s in view.sentences])

        return self._views.get_or("emb:" + article.id, encode)

    def _rewrite(self, old: Article, new: Article) -> CopyLink | None:
        cfg = self.config
        va, vb = self._view(old), self._view(new)
        if min(len(va), len(vb)) < cfg.min_aligned:
            return None
        if self.scorer is None:
            self.scorer = ParaphraseScorer()
        if self.cross is None and cfg.cross_encoder:
            from newsfuse.dedup.crossencoder import shipped_cross_encoder

            self.cross = shipped_cross_encoder()
        alignment = align_paraphrase(va, vb, self._embeddings(old, va), self._embeddings(new, vb),
                                     self.scorer, cfg.align_threshold, cross=self.cross)
        if alignment.count < cfg.min_aligned or alignment.in_order < cfg.min_order:
            return None
        copy_cov, source_cov = max(alignment.coverage_a, alignment.coverage_b), min(
            alignment.coverage_a, alignment.coverage_b)
        relation: Relation
        if copy_cov >= cfg.rewrite_coverage and source_cov >= cfg.rewrite_source_coverage:
            relation = "rewrite"
        elif copy_cov >= cfg.partial_coverage:
            relation = "partial"
        else:
            return None
        return self._link(old, new, relation, copy_cov, "terms-lsh+align", alignment.coverage_a,
                          alignment.coverage_b, alignment)

    def _link(self, old: Article, new: Article, relation: Relation, score: float, method: str,
              in_old: float, in_new: float, alignment: Alignment, **extra: float) -> CopyLink:
        cfg = self.config
        # shingle containment is exact; sentence-alignment coverage is noisier (a merge
        # covers half of each source and half of itself), so it must differ more to decide
        margin = 0.1 if relation in ("exact", "near") or method.endswith("jaccard") else 0.25
        direction, why = infer_direction(old, new, in_old, in_new, margin)
        a, b, direction = ordered(old.id, new.id, direction)
        va, vb = self._view(old), self._view(new)
        best = sorted(alignment.pairs, key=lambda p: -p[2])[: cfg.evidence_pairs]
        pairs = []
        for i, j, sim in sorted(best, key=lambda p: p[1]):
            so, sn = va.sentences[i], vb.sentences[j]
            span_old = Span(old.id, so.start, so.end, so.text)
            span_new = Span(new.id, sn.start, sn.end, sn.text)
            pairs.append(AlignedPair(span_old, span_new, sim) if a == old.id
                         else AlignedPair(span_new, span_old, sim))
        params: dict[str, Any] = {**cfg.signature.to_dict(), "bands": cfg.bands, "rows": cfg.rows}
        if relation in ("exact", "near") or method.endswith("jaccard"):
            params.update(near_jaccard=cfg.near_jaccard, near_containment=cfg.near_containment,
                          partial_containment=cfg.partial_containment)
        else:
            params.update(align_threshold=cfg.align_threshold, cross_encoder=self.cross is not None,
                          rewrite_coverage=cfg.rewrite_coverage,
                          partial_coverage=cfg.partial_coverage, min_aligned=cfg.min_aligned,
                          aligned=alignment.count, coverage_a=round(alignment.coverage_a, 3),
                          coverage_b=round(alignment.coverage_b, 3), in_order=round(alignment.in_order, 3))
        params.update({k: round(v, 4) for k, v in extra.items()})
        return CopyLink(a, b, relation, direction, why, round(float(score), 4), method, params, tuple(pairs))
