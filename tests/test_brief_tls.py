"""DATEWISE-style timeline summariser (newsfuse.brief.tls) on real Timeline17 articles."""

from datetime import date
from pathlib import Path

import pytest

from newsfuse.brief.tls import (
    DEFAULT_RANKER,
    FEATURE_NAMES,
    TimelineParams,
    fit_date_ranker,
    summarize_timeline,
)
from newsfuse.brief.tls_dates import dated_sentences, mentioned_day, prepare_corpus
from newsfuse.datasets.timeline17 import read_timeline17

T17 = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17"
needs_t17 = pytest.mark.skipif(not T17.is_dir(), reason="Timeline17 not at ../shared/data")


@pytest.fixture(scope="module")
def guardian_h1n1() -> list:
    return [a.article() for a in read_timeline17(T17) if a.topic == "H1N1" and a.outlet == "guardian"]


def test_mentioned_day_resolves_against_publication() -> None:
    assert mentioned_day("The rig exploded on Tuesday .", date(2010, 4, 22)) == date(2010, 4, 20)
    assert mentioned_day("Mexico confirmed its first deaths on April 24.", date(2009, 5, 2)) \
        == date(2009, 4, 24)
    assert mentioned_day("A summit will be held on Friday.", date(2009, 5, 6)) == date(2009, 5, 8)
    assert mentioned_day("The virus spread in May.", date(2009, 6, 2)) is None  # month, not a day


@needs_t17
def test_dated_sentences_cut_wire_datelines_and_keep_offsets() -> None:
    art = next(a.article() for a in read_timeline17(T17)
               if a.topic == "H1N1" and a.outlet == "reuters" and a.uid == "291")
    sents = dated_sentences(art)
    assert sents[0].text.startswith("Virtually all cases")  # "WASHINGTON | Mon Mar 2 ..." cut
    assert all(art.text[s.start:s.end] == s.text for s in sents)


@needs_t17
def test_summarize_timeline_respects_length_span_and_spans(guardian_h1n1: list) -> None:
    params = TimelineParams(max_dates=8, sents_per_date=2, start=date(2009, 4, 20),
                            end=date(2009, 6, 15))
    corpus = prepare_corpus(guardian_h1n1)
    tl = summarize_timeline(corpus, params)
    assert 1 <= len(tl.entries) <= 8
    assert [e.date for e in tl.entries] == sorted(e.date for e in tl.entries)
    texts = {a.id: a.text for a in guardian_h1n1}
    for entry in tl.entries:
        assert params.start <= entry.date <= params.end
        assert 1 <= len(entry.sentences) <= 2
        for s in entry.sentences:
            assert texts[s.article_id][s.start:s.end] == s.text
            assert params.start <= s.published <= params.end
    assert summarize_timeline(corpus, params) == tl  # deterministic
    assert summarize_timeline(guardian_h1n1, params).as_dict() == tl.as_dict()  # articles in


@needs_t17
def test_fit_date_ranker_prefers_much_mentioned_dates(guardian_h1n1: list) -> None:
    from newsfuse.eval.tls import read_reference_timelines

    ref = next(r for r in read_reference_timelines(T17) if r.collection == "H1N1_guardian")
    corpus = prepare_corpus(guardian_h1n1)
    ranker = fit_date_ranker([(corpus, min(ref.entries), max(ref.entries), set(ref.entries))],
                             ["H1N1"])
    assert len(ranker.coef) == len(FEATURE_NAMES) == len(DEFAULT_RANKER.coef)
    assert ranker.coef[FEATURE_NAMES.index("log_docs_total")] > 0
    assert ranker.trained_on == ("H1N1",)


def test_summarize_timeline_empty_and_undated_input() -> None:
    assert summarize_timeline([], TimelineParams()).entries == ()
    from newsfuse.model import Article, Provenance

    art = Article(id="a", provenance=Provenance("x", "jsonl", None), text="Some text here now.",
                  title=None, outlet=None, url=None, published=None, language="en")
    with pytest.raises(ValueError, match="no publication date"):
        summarize_timeline([art], TimelineParams())
