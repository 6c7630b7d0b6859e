"""The corpus stage of extract: canonical entities, publication dates, statements and the
timeline, with ``fit`` on a corpus and ``assign`` for one more article (STYLE rule 3).

It never parses: it works on the per-article :class:`ArticleExtraction` s, so the
pipeline can annotate in parallel and run this once.

Example:
    >>> from newsfuse.extract import annotate_many, extract_corpus     # doctest: +SKIP
    >>> corpus = extract_corpus(articles, list(annotate_many(articles)))  # doctest: +SKIP
    >>> corpus.statements[0].variants                                  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from newsfuse.extract.canonical import EntityResolver
from newsfuse.extract.dates import is_quarterly
from newsfuse.extract.pubdate import PublicationDateInference, reanchor
from newsfuse.extract.records import (
    ArticleExtraction,
    AttributedQuote,
    Entity,
    PublicationDate,
    Statement,
    TimelineEntry,
)
from newsfuse.extract.statements import QuoteItem, StatementGrouper
from newsfuse.extract.timeline import sort_timeline, timeline_entries
from newsfuse.model import Article


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What the corpus stage decided for one article."""

    extraction: ArticleExtraction  # dates resolved against the (possibly inferred) date
    publication: PublicationDate
    entity_ids: tuple[str | None, ...]  # per mention
    quotes: tuple[AttributedQuote, ...]
    timeline: tuple[TimelineEntry, ...]


@dataclass(frozen=True, slots=True)
class CorpusExtraction:
    """The extract stage's output for a corpus."""

    articles: tuple[ArticleResult, ...]
    entities: tuple[Entity, ...]
    statements: tuple[Statement, ...]
    timeline: tuple[TimelineEntry, ...]

    @property
    def quotes(self) -> tuple[AttributedQuote, ...]:
        return tuple(q for a in self.articles for q in a.quotes)

    @property
    def publication_dates(self) -> tuple[PublicationDate, ...]:
        return tuple(a.publication for a in self.articles)


class ExtractCorpus:
    """Fit the corpus-level models on articles and their extractions; assign articles."""

    def __init__(self, statement_threshold: float = 0.45) -> None:
        self._names: dict[str, str] = {}
        self._fitted: dict[str, ArticleResult] = {}
        self.entities_model = EntityResolver()
        self.dates_model = PublicationDateInference()
        self.statements_model = StatementGrouper(statement_threshold)

    def fit(self, articles: Sequence[Article], extractions: Sequence[ArticleExtraction],
            groups: Mapping[str, str] | None = None,
            storylines: Mapping[str, str] | None = None) -> ExtractCorpus:
        """Learn entities, publication-date references and statements from the corpus.

        Args:
            articles: the articles, in any order.
            extractions: ``annotate(article)`` of each, in the same order.
            groups: optional article id -> event id (from the events stage); publication
                dates are inferred within an event. Without it the corpus is one event.
        """
        if len(articles) != len(extractions):
            raise ValueError(f"{len(articles)} articles but {len(extractions)} extractions")
        self.entities_model.fit(extractions, {a.id: a.outlet for a in articles})
        self.dates_model.fit(articles, extractions, groups, storylines)
        self._names = self.entities_model.names()
        partial = [self._resolve(a, e) for a, e in zip(articles, extractions)]
        self._fitted = {r.extraction.article: r for r in partial}
        self.statements_model.fit([self._item(a, q) for a, r in zip(articles, partial) for q in r.quotes])
        return self

    def _resolve(self, article: Article, ext: ArticleExtraction) -> ArticleResult:
        publication = self.dates_model.assign(article, ext)
        if publication.inferred and publication.published is not None:
            ext = reanchor(ext, publication.published, is_quarterly(article.text))
        ids = tuple(self.entities_model.assign(ext))
        names = self._names
        quotes = []
        for q in ext.quotes:
            # the corpus resolution of a role speaker ("the US president") wins over the article's
            speaker = ids[q.speaker_mention] if q.speaker_mention is not None else None
            kind = "named" if speaker is not None else ("unnamed" if q.source_kind == "unnamed" else "unresolved")
            if speaker is not None and speaker not in names:  # a name first seen in assign()
                names = self._names = self.entities_model.names()
            name = names.get(speaker, "") if speaker else _source_words(q.speaker.text if q.speaker else "")
            said = ext.dates[q.said_on].start if q.said_on is not None else None
            quotes.append(AttributedQuote(q, article.outlet, speaker, name, kind, said))  # type: ignore[arg-type]
        timeline = timeline_entries(ext, ids, article.text)
        return ArticleResult(ext, publication, ids, tuple(quotes), tuple(timeline))

    @staticmethod
    def _item(article: Article, q: AttributedQuote) -> QuoteItem:
        return QuoteItem(q.quote, article.outlet, q.speaker, q.speaker_name, q.said_on)

    def assign(self, article: Article, extraction: ArticleExtraction) -> ArticleResult:
        """Resolve one more article against the fitted corpus (its quotes join or start
        statements)."""
        result = self._resolve(article, extraction)
        quotes = tuple(replace(q, statement=self.statements_model.assign(self._item(article, q)))
                       for q in result.quotes)
        return replace(result, quotes=quotes)

    def result(self, articles: Sequence[Article], extractions: Sequence[ArticleExtraction]) -> CorpusExtraction:
        """The fitted corpus's full output (entities, statements, timeline)."""
        results = [self._fitted[e.article] if self._fitted.get(e.article, None) is not None
                   and self._fitted[e.article].extraction.quotes == e.quotes else self._resolve(a, e)
                   for a, e in zip(articles, extractions)]
        statements = self.statements_model.statements()
        statement_of = {v.quote: s.id for s in statements for v in s.variants}
        results = [replace(r, quotes=tuple(replace(q, statement=statement_of.get(q.quote.id)) for q in r.quotes))
                   for r in results]
        published = {r.extraction.article: (r.publication.published, r.publication.inferred) for r in results}
        entities = self.entities_model.entities([r.extraction for r in results],
                                                [r.entity_ids for r in results], published)
        timeline = sort_timeline([t for r in results for t in r.timeline])
        return CorpusExtraction(tuple(results), tuple(entities), tuple(statements), tuple(timeline))


def _source_words(text: str) -> str:
    """An unnamed source's words without a trailing relative pronoun ("officials who")."""
    words = text.rstrip(" ,").split()
    while words and words[-1].lower() in ("who", "that", "which"):
        words.pop()
    return " ".join(words).rstrip(" ,")


def extract_corpus(articles: Sequence[Article], extractions: Sequence[ArticleExtraction] | None = None,
                   groups: Mapping[str, str] | None = None,
                   storylines: Mapping[str, str] | None = None) -> CorpusExtraction:
    """Run the whole corpus stage (annotating first when ``extractions`` is not given)."""
    if extractions is None:
        from newsfuse.extract.annotate import annotate_many

        extractions = list(annotate_many(articles))
    model = ExtractCorpus().fit(articles, extractions, groups, storylines)
    return model.result(articles, extractions)


def with_inferred_dates(articles: Sequence[Article],
                        dates: CorpusExtraction | Iterable[PublicationDate]) -> list[Article]:
    """The articles with inferred publication dates filled in (``published_inferred=True``),
    from a corpus result or from :func:`~newsfuse.extract.pubdate.infer_publication_dates`;
    articles that had a date are returned as they are."""
    found = dates.publication_dates if isinstance(dates, CorpusExtraction) else dates
    inferred = {p.article: p for p in found if p.inferred and p.published}
    out = []
    for a in articles:
        p = inferred.get(a.id)
        if p is not None and a.published is None and p.published is not None:
            a = replace(a, published=datetime(p.published.year, p.published.month, p.published.day),
                        published_inferred=True)
        out.append(a)
    return out
