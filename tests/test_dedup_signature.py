"""Signatures: deterministic, parameter-carrying, and never compared across parameters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.dedup import SignatureParams, fingerprint, fingerprints
from newsfuse.dedup.text import exact_hash, normalise, sentences, shingle_set, tokens_of, words
from newsfuse.errors import SignatureMismatch
from newsfuse.model import Article, Provenance


def art(text: str, name: str = "a") -> Article:
    return Article(id=Article.make_id(text, name, None, None), provenance=Provenance(name, "text"),
                   text=text, title=None, outlet=name, url=None, published=None, language="en")


TEXT = "The quick brown fox jumps over the lazy dog near the quiet river bank at dawn today."


def test_dedup_signature_is_deterministic_and_batch_independent() -> None:
    params = SignatureParams()
    one = fingerprint(art(TEXT), params)
    batch = fingerprints([art("Something else entirely, with other words."), art(TEXT)], params)
    assert one == batch[1]
    assert len(one.values()) == params.num_perm


def test_dedup_signature_exact_hash_ignores_case_space_and_punctuation() -> None:
    assert exact_hash("The  Fox, jumps!") == exact_hash("the fox jumps")
    assert normalise("“Quoted”\n\ttext") == "quoted text"
    assert exact_hash("the fox jumps") != exact_hash("the fox jumped")


def test_dedup_signature_estimate_tracks_exact_jaccard() -> None:
    params = SignatureParams(num_perm=256)
    a = fingerprint(art(TEXT + " " + TEXT.upper()), params)
    b = fingerprint(art(TEXT + " and then it slept for a while"), params)
    assert a.jaccard(a) == 1.0
    assert 0.0 < b.jaccard(a) < 1.0


def test_dedup_signature_mismatched_params_raise_a_clear_error() -> None:
    a = fingerprint(art(TEXT), SignatureParams(seed=1))
    b = fingerprint(art(TEXT), SignatureParams(seed=2))
    with pytest.raises(SignatureMismatch, match="seed 1 vs 2"):
        a.jaccard(b)
    c = fingerprint(art(TEXT), SignatureParams(num_perm=64, shingle=3))
    with pytest.raises(SignatureMismatch, match="num_perm 128 vs 64, shingle 5 vs 3"):
        a.term_jaccard(c)


def test_dedup_signature_params_round_trip_through_json() -> None:
    params = SignatureParams(seed=9, num_perm=64, shingle=4)
    assert SignatureParams.from_json(params.to_json()) == params


def test_dedup_signature_short_and_empty_texts() -> None:
    assert len(shingle_set("two words", 5)) == 1
    assert len(shingle_set("", 5)) == 0
    assert fingerprint(art("   "), SignatureParams()).words == 0


def test_dedup_signature_sentences_are_exact_spans() -> None:
    text = 'WASHINGTON (Reuters) - Mr. Smith said the U.S. economy grew. "It is fine," he said today.\n\nNext one.'
    found = sentences(text, min_words=1)
    assert [s.text for s in found][:2] == ["WASHINGTON (Reuters) - Mr. Smith said the U.S. economy grew.",
                                           '"It is fine," he said today.']
    assert all(text[s.start:s.end] == s.text for s in found)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
       | st.text(alphabet="abc ,.;'\u201c\u201d\u2014\u00e9\u00a0\uff21\u0301_-", max_size=40))
def test_dedup_signature_fast_tokens_equal_the_regex_definition(text: str) -> None:
    assert tokens_of(text) == words(text)
