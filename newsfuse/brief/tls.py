"""Timeline summarisation in the manner of DATEWISE (Ghalandari & Ifrim, ACL 2020; news-tls).

Three steps, each as news-tls ``datewise.py`` does it:

1. **Date ranking**: every day mentioned in a sentence or carrying publications is scored by
   a logistic regression over mention and publication counts (:class:`DateRanker`), fitted
   on training topics only (:func:`fit_date_ranker`).
2. **Candidate sentences per date** ("PM-Mean"): sentences that mention the date, and lead
   sentences without a date of articles published that day or the day after; both groups
   are compared with a date centroid that keeps only terms both share, and the sentences
   above the knee of the similarity curve are kept.
3. **Summary per date** ("CentroidOpt"): greedy choice of the sentences whose sum is most
   similar to the TF-IDF centroid of the candidates, skipping exact repeats.

The number of dates and of sentences per date are parameters (news-tls takes them from the
reference timeline, as does :mod:`newsfuse.eval.tls`). Output sentences are stand-off spans
over ``Article.text``.

Example:
    >>> tl = summarize_timeline(articles, TimelineParams(max_dates=10, sents_per_date=2))
    >>> tl.as_dict()  # doctest: +SKIP
    {datetime.date(2010, 4, 20): ['An explosion on the Deepwater Horizon rig ...'], ...}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsfuse.brief.tls_dates import (
    FEATURES,
    DatedCorpus,
    DatedSentence,
    date_features,
    prepare_corpus,
)
from newsfuse.model import Article

__all__ = ["DateRanker", "DatedSummary", "Timeline", "TimelineParams", "fit_date_ranker",
           "summarize_timeline", "DEFAULT_RANKER"]

FEATURE_NAMES = tuple(f"log_{f}" for f in FEATURES) + tuple(f"share_{f}" for f in FEATURES)


@dataclass(frozen=True, slots=True)
class DateRanker:
    """A linear date scorer over :func:`newsfuse.brief.tls_dates.date_features`."""

    coef: tuple[float, ...]
    intercept: float
    trained_on: tuple[str, ...] = ()  # the collections it was fitted on, for the record

    def score(self, features: Any) -> Any:
        """Log-odds that each row's date belongs in the timeline."""
        import numpy as np

        if features.shape[1] != len(self.coef):
            raise ValueError(f"date ranker expects {len(self.coef)} features, got "
                             f"{features.shape[1]}; refit it with fit_date_ranker")
        return features @ np.asarray(self.coef) + self.intercept


# Fitted by fit_date_ranker on the Timeline17 training topics (bpoil, SyrianCrisis; 9 reference
# timelines) and used when no training topics are at hand. Refit with
# ``python -m newsfuse.eval.tls --fit-ranker``.
DEFAULT_RANKER = DateRanker(
    coef=(0.7989, -0.2505, -0.4674, -0.4936, 1.1323, -0.0149, -0.4843, 0.5894, -0.3649,
          0.1201, -0.1643, 0.2280, 0.5177, -2.4213, 0.7101, 1.0383, -0.7222, 0.5444),
    intercept=-1.9431, trained_on=("SyrianCrisis", "bpoil"))


@dataclass(frozen=True, slots=True)
class TimelineParams:
    """How long the timeline is and where candidate dates and sentences come from.

    Attributes:
        max_dates: dates in the timeline (news-tls: the reference timeline's length).
        sents_per_date: sentences per date (news-tls: the reference's mean, rounded).
        start, end: only articles published, and dates, in ``[start, end]`` (news-tls: the
            reference's first and last date).
        clip_sents: undated sentences among the first ``clip_sents + 1`` of an article stand
            for its publication day (news-tls ``clip_sents=5``).
        pub_end: ... and for the ``pub_end - 1`` days before it (news-tls ``pub_end=2``).
        min_words, max_words: summary sentences outside this length are not used.
        ranker: the date scorer; :data:`DEFAULT_RANKER` when ``None``.
    """

    max_dates: int = 10
    sents_per_date: int = 1
    start: date | None = None
    end: date | None = None
    clip_sents: int = 5
    pub_end: int = 2
    min_words: int = 5
    max_words: int = 60
    ranker: DateRanker | None = field(default=None)


@dataclass(frozen=True, slots=True)
class DatedSummary:
    """The summary of one date: sentences as spans over their articles."""

    date: date
    sentences: tuple[DatedSentence, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Dated summaries in date order."""

    entries: tuple[DatedSummary, ...]

    def as_dict(self) -> dict[date, list[str]]:
        """``{date: [sentence text, ...]}``, the form tilse scores."""
        return {e.date: [s.text for s in e.sentences] for e in self.entries}


def fit_date_ranker(examples: Sequence[tuple[DatedCorpus, date | None, date | None, set[date]]],
                    names: Sequence[str] = (), c: float = 1.0) -> DateRanker:
    """Fit a logistic-regression date ranker: is a candidate date in the reference timeline?

    Args:
        examples: ``(corpus, start, end, reference dates)`` per training timeline.
        names: collection names recorded in the ranker.
        c: inverse regularisation strength.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    xs: list[Any] = []
    ys: list[Any] = []
    for corpus, start, end, gold in examples:
        dates, x = date_features(corpus, start, end)
        xs.append(x)
        ys.extend(int(d in gold) for d in dates)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(np.vstack(xs), np.array(ys))
    return DateRanker(tuple(float(v) for v in model.coef_[0]), float(model.intercept_[0]),
                      tuple(names))


def _knee(values: Any) -> int:
    """Index of the point of a descending curve farthest from its first-last chord."""
    import numpy as np

    n = len(values)
    if n < 3:
        return 0
    points = np.column_stack([np.arange(n), values])
    line = points[-1] - points[0]
    norm = np.linalg.norm(line)
    if norm == 0:
        return 0
    line = line / norm
    rel = points - points[0]
    dist = np.linalg.norm(rel - np.outer(rel @ line, line), axis=1)
    return int(np.argmax(dist))


def _candidates(day: date, ment: list[int], pub: list[int], x: Any) -> list[int]:
    """news-tls ``PM_Mean_SentenceCollector`` for one date (indices into ``x``)."""
    import numpy as np
    from sklearn.metrics.pairwise import cosine_similarity

    if not ment or not pub:
        return ment or pub
    c_ment = np.asarray(x[ment].sum(axis=0)).ravel()
    c_pub = np.asarray(x[pub].sum(axis=0)).ravel()
    both = (c_ment > 0) & (c_pub > 0)
    centroid = np.where(both, c_pub / len(pub) + c_ment / len(ment), 0.0)
    if not centroid.any():
        return ment + pub
    idx = ment + pub
    sims = cosine_similarity(x[idx], centroid.reshape(1, -1)).ravel()
    ordered = np.sort(sims)[::-1]
    thresh = ordered[_knee(ordered)]
    kept = [i for i, s in zip(idx, sims, strict=True) if s > 0 and s > thresh]
    return kept or idx


def _centroid_opt(idx: list[int], x: Any, k: int, allowed: Any = None,
                  max_sim: float = 0.9999) -> list[int]:
    """news-tls ``CentroidOpt``: greedily add the sentence that brings the summary's sum
    closest (cosine) to the candidates' centroid; skip near-exact repeats and sentences
    ``allowed`` rejects (news-tls ``sent_filter``)."""
    import numpy as np

    sub = x[idx]
    centroid = np.asarray(sub.sum(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return []
    centroid /= norm
    rows = sub.toarray() if hasattr(sub, "toarray") else np.asarray(sub)
    to_c = rows @ centroid
    sq = (rows * rows).sum(axis=1)
    chosen: list[int] = []
    total = np.zeros(rows.shape[1])
    remaining = set(range(len(idx)))
    while remaining and len(chosen) < k:
        dot = rows @ total
        num = total @ centroid + to_c
        den = np.sqrt(np.maximum(total @ total + 2 * dot + sq, 1e-12))
        scores = num / den
        for j in sorted(remaining, key=lambda j: (-scores[j], j)):
            remaining.discard(j)
            if allowed is not None and not allowed(idx[j]):
                continue
            if any(rows[j] @ rows[c] > max_sim for c in chosen):
                continue
            chosen.append(j)
            total = total + rows[j]
            break
    return [idx[j] for j in chosen]


def summarize_timeline(articles: Sequence[Article] | DatedCorpus,
                       params: TimelineParams = TimelineParams()) -> Timeline:
    """A DATEWISE timeline of ``articles``: the best-ranked dates, each with its summary.

    Args:
        articles: newsfuse articles (with ``published``), or a corpus already made by
            :func:`newsfuse.brief.tls_dates.prepare_corpus`.
        params: length, span and ranker.

    Returns:
        At most ``params.max_dates`` dated summaries of at most ``params.sents_per_date``
        sentences, in date order; dates with no usable sentence are passed over.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    corpus = articles if isinstance(articles, DatedCorpus) else prepare_corpus(articles)
    corpus = corpus.within(params.start, params.end)
    sents = corpus.sentences
    if not sents or params.max_dates <= 0:
        return Timeline(())
    ranker = params.ranker or DEFAULT_RANKER
    dates, feats = date_features(corpus, params.start, params.end)
    if not dates:
        return Timeline(())
    scores = ranker.score(feats)
    ranked = [d for _, d in sorted(zip(-scores, dates, strict=True))]

    x = TfidfVectorizer(stop_words="english", lowercase=True).fit_transform([s.text for s in sents])
    ment: dict[date, list[int]] = defaultdict(list)
    pub: dict[date, list[int]] = defaultdict(list)
    for i, s in enumerate(sents):
        if s.mentioned is not None:
            ment[s.mentioned].append(i)
        elif s.position <= params.clip_sents:
            for back in range(params.pub_end):
                pub[s.published - timedelta(days=back)].append(i)

    def usable(i: int) -> bool:
        return params.min_words <= len(sents[i].text.split()) <= params.max_words

    entries: list[DatedSummary] = []
    for day in ranked:
        if len(entries) >= params.max_dates:
            break
        cands = _candidates(day, ment.get(day, []), pub.get(day, []), x)
        chosen = _centroid_opt(cands, x, params.sents_per_date, usable) if cands else []
        if chosen:
            entries.append(DatedSummary(day, tuple(sents[i] for i in chosen)))
    return Timeline(tuple(sorted(entries, key=lambda e: e.date)))
