"""The corpus stage's fit/assign split and the pipeline helpers (no model)."""

from __future__ import annotations

from newsfuse.extract.corpus import ExtractCorpus, extract_corpus, with_inferred_dates
from newsfuse.extract.dicts import entities_dict, quotes_dict, statements_dict, timeline_dict
from newsfuse.extract.names import name_key
from newsfuse.extract.records import ArticleExtraction, Mention, Quote
from newsfuse.model import Article, Provenance, Span


def article_with_quote(article_id: str, outlet: str, text: str, content: str) -> tuple[Article, ArticleExtraction]:
    article = Article(article_id, Provenance(f"{article_id}.txt", "text"), text, None, outlet, None, None, "en")
    name_at = text.index("Donald Trump")
    start = text.index(content)
    mention = Mention(Span(article_id, name_at, name_at + 12, "Donald Trump"), "PERSON", "name",
                      name_key("Donald Trump", "PERSON"), 0)
    quote = Quote(f"q-{article_id}", Span(article_id, start, start + len(content), content), None,
                  mention.span, 0, "named", "partial")
    return article, ArticleExtraction(article_id, None, ((0, len(text)),), (mention,), (), (quote,))


def test_extract_corpus_assign_joins_an_existing_statement() -> None:
    a = article_with_quote("a", "A", "Donald Trump warned Russia would face “severe consequences” if Putin balked.",
                           "Russia would face “severe consequences” if Putin balked")
    b = article_with_quote("b", "B", "Donald Trump said Putin will face “very severe consequences” soon.",
                           "Putin will face “very severe consequences” soon")
    model = ExtractCorpus().fit([a[0]], [a[1]])
    fitted = model.result([a[0]], [a[1]])
    result = model.assign(*b)
    assert result.quotes[0].statement == fitted.statements[0].id
    assert result.quotes[0].speaker == fitted.entities[0].id


def test_extract_corpus_dicts_are_plain_and_spans_match() -> None:
    a = article_with_quote("a", "A", "Donald Trump said the call was “very good” on the whole.",
                           "the call was “very good” on the whole")
    corpus = extract_corpus([a[0]], [a[1]])
    quotes = quotes_dict(corpus)
    assert quotes[0]["speaker"]["name"] == "Donald Trump" and quotes[0]["mode"] == "partial"
    span = quotes[0]["content"]
    assert a[0].text[span["start"]:span["end"]] == span["text"]
    assert entities_dict(corpus)[0]["name"] == "Donald Trump"
    assert statements_dict(corpus)[0]["variants"][0]["outlet"] == "A"
    assert timeline_dict(corpus) == []


def test_extract_corpus_with_inferred_dates_marks_articles() -> None:
    a = article_with_quote("a", "A", "Donald Trump said it was fine.", "it was fine")
    corpus = extract_corpus([a[0]], [a[1]])
    assert with_inferred_dates([a[0]], corpus) == [a[0]]  # nothing to infer from: left as it was


def test_extract_corpus_export_from_store_matches_the_corpus(tmp_path) -> None:
    from newsfuse.extract.dicts import export_from_store
    from newsfuse.store import WriteBatch, open_store

    a = article_with_quote("a", "A", "Donald Trump said the call was “very good” on the whole.",
                           "the call was “very good” on the whole")
    corpus = extract_corpus([a[0]], [a[1]])
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    store.write(WriteBatch(articles=[a[0]]))
    store.write_extract(corpus)
    exported = export_from_store(store)
    assert exported["quotes"] == quotes_dict(corpus)
    assert exported["statements"] == statements_dict(corpus)
    assert exported["entities"] == entities_dict(corpus)
    store.close()
