"""Dated sentences for timeline summarisation: split articles, find the day each sentence
mentions, and count per-date evidence for the date ranker.

Day-level expressions only ("March 2", "2 March 2009", "on Tuesday", "yesterday"), found
by pattern and resolved against the publication date by newsfuse's timex normaliser
(:func:`newsfuse.extract.timex.normalize`); a sentence is dated by its first one, as news-tls
does with HeidelTime. Wire datelines ("TRIPOLI | Mon Feb 21, 2011 (Reuters) - ") are cut
from the sentence span, since they restate the publication date and are not content.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newsfuse.model import Article

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_EXPR = re.compile(
    rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b\.?(?:,?\s+\d{{4}}\b)?"
    rf"|\b(?:(?:last|next|this|on)\s+)?{_WEEKDAYS}\b"
    r"|\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow)\b"
    r"|\b\d{4}-\d{2}-\d{2}\b")
_FUTURE = re.compile(r"\b(?:will|'ll|shall|next|upcoming|scheduled|plans? to|due to|expected to|"
                     r"set to|is to|are to)\b", re.IGNORECASE)
_DATELINE = re.compile(r"^.{0,160}?\((?:Reuters|CNN|AP|AFP)\)\s*-{1,2}\s*")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

FEATURES = ("sents_total", "sents_before", "sents_after", "sents_same_day", "docs_total",
            "docs_before", "docs_after", "docs_published", "docs_published_next_day")


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence span over ``Article.text`` with its publication day and the day it mentions."""

    article_id: str
    start: int
    end: int
    text: str
    position: int  # index of the sentence in its article
    published: date
    mentioned: date | None


@dataclass(frozen=True, slots=True)
class DatedCorpus:
    """The dated sentences of a set of articles, in article then sentence order."""

    sentences: tuple[DatedSentence, ...]

    def within(self, start: date | None, end: date | None) -> DatedCorpus:
        """The sentences of articles published in ``[start, end]`` (news-tls input span)."""
        return DatedCorpus(tuple(
            s for s in self.sentences
            if (start is None or s.published >= start) and (end is None or s.published <= end)))


def _resolve(expr: str, anchor: date, future: bool) -> date | None:
    from newsfuse.extract.timex import normalize

    timex = normalize(expr, anchor, "future" if future else "past")
    if timex is None or not _ISO_DAY.match(timex.value):
        return None
    try:
        return date.fromisoformat(timex.value)
    except ValueError:
        return None


def mentioned_day(text: str, published: date) -> date | None:
    """The first day-level date ``text`` mentions, resolved against ``published``.

    Example:
        >>> mentioned_day("The rig exploded on Tuesday.", date(2010, 4, 22))
        datetime.date(2010, 4, 20)
    """
    future = bool(_FUTURE.search(text))
    for match in _DAY_EXPR.finditer(text):
        day = _resolve(match.group(0), published, future)
        if day is not None:
            return day
    return None


def dated_sentences(article: Article, min_words: int = 4) -> list[DatedSentence]:
    """Split one article into dated sentences (a per-article stage: pure, no model).

    Raises:
        ValueError: the article has no publication date.
    """
    from newsfuse.dedup.text import sentences

    if article.published is None:
        raise ValueError(f"article {article.id}: no publication date; timeline summarisation "
                         "needs Article.published")
    published = article.published.date()
    out: list[DatedSentence] = []
    for position, sent in enumerate(sentences(article.text, min_words=min_words)):
        start, text = sent.start, sent.text
        if position < 2 and (cut := _DATELINE.match(text)):
            start, text = start + cut.end(), text[cut.end():]
        if len(text.split()) < min_words:
            continue
        out.append(DatedSentence(article.id, start, sent.end, text, position, published,
                                 mentioned_day(text, published)))
    return out


def prepare_corpus(articles: Sequence[Article]) -> DatedCorpus:
    """Dated sentences of every article (articles without a date are an error)."""
    return DatedCorpus(tuple(s for a in articles for s in dated_sentences(a)))


def date_statistics(corpus: DatedCorpus) -> dict[date, Counter[str]]:
    """news-tls ``SupervisedDateRanker.extract_date_statistics`` plus publication counts.

    ``before`` counts mentions in articles published after the date (the date is before
    publication), ``after`` the reverse, as news-tls names them.
    """
    stats: dict[date, Counter[str]] = defaultdict(Counter)
    by_article: dict[str, list[DatedSentence]] = defaultdict(list)
    for s in corpus.sentences:
        by_article[s.article_id].append(s)
    for sents in by_article.values():
        pub = sents[0].published
        stats[pub]["docs_published"] += 1
        stats[pub - timedelta(days=1)]["docs_published_next_day"] += 1
        mentioned = {s.mentioned for s in sents if s.mentioned is not None}
        for s in sents:
            if s.mentioned is not None:
                side = "before" if s.mentioned < pub else "after" if s.mentioned > pub else "same_day"
                stats[s.mentioned]["sents_total"] += 1
                stats[s.mentioned][f"sents_{side}"] += 1
        for d in mentioned:
            stats[d]["docs_total"] += 1
            if d != pub:
                stats[d]["docs_before" if d < pub else "docs_after"] += 1
    return stats


def date_features(corpus: DatedCorpus, start: date | None = None,
                  end: date | None = None) -> tuple[list[date], Any]:
    """Candidate dates in ``[start, end]`` and their feature matrix.

    Each count of :data:`FEATURES` appears twice, as ``log1p(count)`` and as its share of
    the collection maximum, so a model fitted on one collection transfers to another of a
    different size (news-tls L2-normalises each column for the same reason).
    """
    import numpy as np

    stats = date_statistics(corpus)
    dates = sorted(d for d, c in stats.items() if (c["sents_total"] or c["docs_published"])
                   and (start is None or d >= start) and (end is None or d <= end))
    counts = np.array([[stats[d][f] for f in FEATURES] for d in dates], dtype=float)
    counts = counts.reshape(len(dates), len(FEATURES))
    top = counts.max(axis=0) if len(dates) else np.ones(len(FEATURES))
    share = counts / np.where(top > 0, top, 1.0)
    return dates, np.hstack([np.log1p(counts), share])
