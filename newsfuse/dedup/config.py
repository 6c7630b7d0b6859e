"""Parameters of the Copies stage (one frozen object; the pipeline builds it from config)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from newsfuse.dedup.signature import SignatureParams
from newsfuse.errors import ConfigError


@dataclass(frozen=True, slots=True)
class CopiesConfig:
    """Every threshold of copy detection, recorded in each link's ``params``.

    Attributes:
        signature: MinHash seed, number of permutations, shingle size.
        bands: LSH bands over the shingle MinHash.
        rows: MinHash values per band (``bands * rows <= num_perm``). 16 x 8 puts the
            50 %-collision point near Jaccard 0.7 and finds 95 % of pairs at 0.8.
        min_estimate: MinHash-estimated Jaccard below which an LSH candidate is not verified.
        near_jaccard: shingle Jaccard at or above which a pair is a near duplicate.
        near_containment: share of the shorter text's shingles found in the longer one
            at or above which a pair is a near duplicate (trimmed or extended copies)...
        near_containment_min_jaccard: ...provided the Jaccard is at least this.
        partial_containment: shingle containment of the shorter text making a verbatim
            partial copy (with at least ``min_aligned`` sentences matched word for word).
        min_words: texts with fewer words are only checked for exact copies.
        update_hours: two texts in one wording that state different figures are one
            report corrected or updated when published within this many hours of each
            other; further apart (or undated) they are one template reporting different
            facts (a daily market operation, an earnings table), not copies.
        rewrites: look for rewrites and partial rewrites among content-word candidates
            (needs sentence embeddings). Without it, partial copies are only found among
            the near-duplicate candidates (shingle overlap about 0.5 and above).
        term_bands: LSH bands over the content-word MinHash (partial and rewrite candidates).
        term_rows: rows per content-word band. 32 x 2 finds 87 % of pairs whose content
            words overlap by a quarter (a source and a merge of half of it).
        max_bucket: content-word buckets larger than this are skipped by queries.
        max_candidates: rewrite candidates checked per article (best estimated overlap).
        min_term_jaccard: estimated content-word Jaccard below which no rewrite is tried.
        align_threshold: paraphrase probability for two sentences to align.
        cross_encoder: decide close sentence pairs with the MSRP-trained cross-encoder too
            (:mod:`newsfuse.dedup.crossencoder`; the mean of its probability and the
            feature model's). Off, the feature model decides alone.
        rewrite_coverage: share of the copy's sentences that must align for a rewrite...
        rewrite_source_coverage: ...and share of the original's sentences.
        partial_coverage: share of either article's sentences aligned for a partial rewrite.
        min_aligned: fewest aligned sentences for any rewrite or partial link.
        min_order: share of aligned pairs that must be in the same order in both texts.
        evidence_pairs: aligned sentence pairs kept as evidence per link.
    """

    signature: SignatureParams = field(default_factory=SignatureParams)
    bands: int = 16
    rows: int = 8
    min_estimate: float = 0.3
    near_jaccard: float = 0.7
    near_containment: float = 0.9
    near_containment_min_jaccard: float = 0.5
    partial_containment: float = 0.5
    min_words: int = 8
    update_hours: float = 12.0
    rewrites: bool = True
    term_bands: int = 32
    term_rows: int = 2
    max_bucket: int = 256
    max_candidates: int = 8
    min_term_jaccard: float = 0.2
    align_threshold: float = 0.7
    cross_encoder: bool = True
    rewrite_coverage: float = 0.8
    rewrite_source_coverage: float = 0.4
    partial_coverage: float = 0.3
    min_aligned: int = 3
    min_order: float = 0.7
    evidence_pairs: int = 5

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> CopiesConfig:
        """Build from a flat mapping (a ``[copies]`` config section): ``seed``,
        ``num_perm`` and ``shingle`` go to the signature, the rest to the fields above.

        Raises:
            ConfigError: an unknown key, naming the known ones.
        """
        signature_keys = {"seed", "num_perm", "shingle"}
        known = {f.name for f in fields(cls)} - {"signature"}
        unknown = sorted(set(values) - known - signature_keys)
        if unknown:
            raise ConfigError(f"[copies]: unknown key(s) {', '.join(unknown)}; "
                              f"known: {', '.join(sorted(known | signature_keys))}")
        signature = SignatureParams(**{k: values[k] for k in signature_keys if k in values})
        return cls(signature=signature, **{k: values[k] for k in known if k in values})
