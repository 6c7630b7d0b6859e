"""MinHash signatures that carry their seed and parameters.

A :class:`Signature` is the per-article fingerprint of the Copies stage: the exact hash
of the normalised text, a MinHash over word shingles (near duplicates) and a MinHash
over content words (rewrite candidates). It is a pure function of one article
(:func:`fingerprint`), can be stored and read back losslessly, and refuses to be
compared with a signature made under other parameters (:class:`SignatureMismatch`),
because such a comparison silently returns a meaningless similarity.

MinHash itself is rensa's ``RMinHash`` over pre-hashed shingles (rensa 0.5.0 is ~100x
faster than datasketch here, see ``newsfuse bench copies``); rensa's permutations are
part of its implementation, so the implementation name is part of the parameters.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields

import numpy as np

from newsfuse.dedup.text import NORMALISATION, analyse, normalise, shingle_hashes
from newsfuse.errors import MissingDependency, SignatureMismatch
from newsfuse.model import Article

IMPLEMENTATION = "rensa-rminhash-0.5"


@dataclass(frozen=True, slots=True)
class SignatureParams:
    """Everything that decides a signature's values; two signatures compare only if equal.

    Attributes:
        seed: seed of the MinHash permutations.
        num_perm: number of MinHash values per signature.
        shingle: words per shingle for the near-duplicate MinHash.
        normalisation: version of :func:`newsfuse.dedup.text.normalise`.
        implementation: the MinHash implementation (its permutations differ from others').
    """

    seed: int = 1
    num_perm: int = 128
    shingle: int = 5
    normalisation: str = NORMALISATION
    implementation: str = IMPLEMENTATION

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SignatureParams:
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def check(self, other: SignatureParams, what: str = "signatures") -> None:
        """Raise :class:`SignatureMismatch` unless ``other`` has the same parameters."""
        if self == other:
            return
        diff = ", ".join(
            f"{f.name} {getattr(self, f.name)!r} vs {getattr(other, f.name)!r}"
            for f in fields(self)
            if getattr(self, f.name) != getattr(other, f.name)
        )
        raise SignatureMismatch(
            f"cannot compare {what} made with different MinHash parameters ({diff}); "
            "rebuild the copy index with one configuration (re-fingerprint the stored "
            "articles, or set dedup parameters back to those the store was built with)"
        )


@dataclass(frozen=True, slots=True)
class Signature:
    """The Copies fingerprint of one article.

    Attributes:
        article: the article id.
        params: the parameters every value below was made with.
        exact: xxh3-128 of the normalised text (equal for exact copies).
        minhash: ``num_perm`` uint32 MinHash values over word shingles, little-endian bytes.
        terms: ``num_perm`` uint32 MinHash values over content words, little-endian bytes.
        words: number of words (the near-dup check skips texts too short to judge).
    """

    article: str
    params: SignatureParams
    exact: str
    minhash: bytes
    terms: bytes
    words: int = 0
    _cache: dict[str, np.ndarray] = field(default_factory=dict, init=False, compare=False, repr=False)

    def values(self) -> np.ndarray:
        """The shingle MinHash as a uint32 array."""
        if "m" not in self._cache:
            self._cache["m"] = np.frombuffer(self.minhash, dtype="<u4")
        return self._cache["m"]

    def term_values(self) -> np.ndarray:
        """The content-word MinHash as a uint32 array."""
        if "t" not in self._cache:
            self._cache["t"] = np.frombuffer(self.terms, dtype="<u4")
        return self._cache["t"]

    def jaccard(self, other: Signature) -> float:
        """Estimated word-shingle Jaccard similarity.

        Raises:
            SignatureMismatch: the two signatures were made with different parameters.
        """
        self.params.check(other.params, f"the signatures of {self.article} and {other.article}")
        return float(np.mean(self.values() == other.values()))

    def term_jaccard(self, other: Signature) -> float:
        """Estimated content-word Jaccard similarity (same parameter check)."""
        self.params.check(other.params, f"the signatures of {self.article} and {other.article}")
        return float(np.mean(self.term_values() == other.term_values()))


def _minhash_rows(sets: Sequence[np.ndarray], params: SignatureParams) -> np.ndarray:
    try:
        import rensa
    except ImportError:
        raise MissingDependency("rensa==0.5.0", purpose="MinHash signatures") from None
    lengths = np.fromiter((len(s) for s in sets), dtype=np.uint64, count=len(sets))
    offsets = np.zeros(len(sets) + 1, dtype=np.uint64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        flat, offsets, params.num_perm, params.seed
    )
    rows = np.array(matrix.to_rows(), dtype="<u4").reshape(len(sets), params.num_perm)
    # rensa gives an empty set all-max values; equal for every empty text, so mask them.
    rows[lengths == 0] = 0
    return rows


def fingerprints(articles: Sequence[Article], params: SignatureParams, batch: int = 1024) -> list[Signature]:
    """Signatures of many articles (one rensa call per ``batch``: faster than one each,
    and memory bounded by the batch's shingles, not the corpus's).

    A pure function: the result for an article never depends on the rest of the batch.
    """
    out: list[Signature] = []
    for start in range(0, len(articles), batch):
        chunk = articles[start : start + batch]
        shingles: list[np.ndarray] = []
        terms: list[np.ndarray] = []
        counts: list[int] = []
        exacts: list[str] = []
        for article in chunk:
            digest, tokens, hashes, content = analyse(article.text)
            shingles.append(shingle_hashes(hashes, params.shingle))
            terms.append(content)
            counts.append(len(tokens))
            exacts.append(digest)
        rows = _minhash_rows(shingles, params)
        term_rows = _minhash_rows(terms, params)
        out.extend(Signature(a.id, params, exacts[i], rows[i].tobytes(), term_rows[i].tobytes(), counts[i])
                   for i, a in enumerate(chunk))
    return out


def fingerprint(article: Article, params: SignatureParams) -> Signature:
    """The signature of one article (the per-article stage; see :func:`fingerprints`)."""
    return fingerprints([article], params)[0]


__all__ = ["Signature", "SignatureParams", "fingerprint", "fingerprints", "normalise"]
