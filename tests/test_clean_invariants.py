"""Invariants of clean(): spans, determinism, rejections instead of exceptions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.clean import classify_lines, clean
from newsfuse.config import CleanConfig
from newsfuse.model import Article, LineLabel, Provenance, RawDocument, Rejection, RejectReason

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
NO_LANG = CleanConfig(detect_language=False)


def _text(body: str, **kwargs: object) -> RawDocument:
    return RawDocument(Provenance("doc.txt", "text", 3), "text", body, **kwargs)  # type: ignore[arg-type]


def _check_article(article: Article) -> None:
    paragraphs = article.paragraphs()
    for start, end in article.headings:
        assert 0 <= start < end <= len(article.text)
        assert (start, end) in paragraphs  # a heading is a whole paragraph
        assert article.text[start:end].strip() == article.text[start:end]
    for span in article.heading_spans():
        assert article.text[span.start : span.end] == span.text
    assert article.id == Article.make_id(article.text, article.outlet, article.url, article.title)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_clean_invariants_heading_spans_map_to_text(path: Path) -> None:
    article = clean(_text(path.read_text("utf-8")), NO_LANG)
    assert isinstance(article, Article)
    _check_article(article)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_clean_invariants_deterministic_ids(path: Path) -> None:
    body = path.read_text("utf-8")
    first, second = clean(_text(body)), clean(_text(body))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first == second
    assert first.id == second.id


def test_clean_invariants_id_depends_on_content() -> None:
    a = clean(_text("The council approved the budget on Monday after a long debate."), NO_LANG)
    b = clean(_text("The council rejected the budget on Monday after a long debate."), NO_LANG)
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id != b.id


@pytest.mark.parametrize(
    "body",
    ["", "\n\n\n", "   \t  ", "Share\nFacebook\nTwitter\nAdvertisement", "Home\nMenu\n© 2024 Example"],
)
def test_clean_invariants_no_content_is_a_rejection(body: str) -> None:
    result = clean(_text(body))
    assert isinstance(result, Rejection)
    assert result.reason is RejectReason.NO_CONTENT
    assert (result.source, result.offset) == ("doc.txt", 3)
    assert result.message


def test_clean_invariants_min_article_chars() -> None:
    body = "The council met."
    assert isinstance(clean(_text(body), NO_LANG), Article)
    result = clean(_text(body), CleanConfig(detect_language=False, min_article_chars=100))
    assert isinstance(result, Rejection) and result.reason is RejectReason.NO_CONTENT


def test_clean_invariants_garbage_text_does_not_raise() -> None:
    for body in ["\x00" * 100, "\ud800 broken surrogate", "🙂" * 500, "a\rb\r\nc", "|" * 1000]:
        result = clean(_text(body))
        assert isinstance(result, (Article, Rejection))


def test_clean_invariants_unsupported_content_type() -> None:
    raw = RawDocument(Provenance("x.bin", "text"), "pdf", "data")  # type: ignore[arg-type]
    result = clean(raw)
    assert isinstance(result, Rejection) and result.reason is RejectReason.UNSUPPORTED


def test_clean_invariants_one_decision_per_line() -> None:
    lines = ["", "Title here", "", "Body sentence one is long enough to count as prose here.", ""]
    decisions = classify_lines(lines)
    assert len(decisions) == len(lines)
    assert all(d.label is LineLabel.BODY and d.reason is None for d in decisions[::2])
    for d in decisions:
        assert (d.reason is not None) == (d.label is LineLabel.BOILERPLATE)


_words = st.sampled_from(
    "the a of said on Monday council budget Share Facebook Related posts Comments By Jane Doe "
    "cookies © 2024 . , : “ ” 📢 – WSJ Advertisement Home President talks ceasefire".split()
)
_line = st.one_of(
    st.text(max_size=80),
    st.lists(_words, max_size=40).map(" ".join),
    st.just(""),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, max_size=30), st.one_of(st.none(), _line))
def test_clean_invariants_property_never_raises(lines: list[str], title: str | None) -> None:
    body = "\n".join(lines)
    decisions = classify_lines(body.split("\n"), title=title)
    assert len(decisions) == len(body.split("\n"))
    result = clean(_text(body, title=title or None), NO_LANG)
    assert isinstance(result, (Article, Rejection))
    if isinstance(result, Article):
        _check_article(result)
        assert result.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.lists(_line, max_size=20))
def test_clean_invariants_property_html_never_raises(lines: list[str]) -> None:
    html = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    result = clean(RawDocument(Provenance("p.html", "html"), "html", html), NO_LANG)
    assert isinstance(result, (Article, Rejection))
    if isinstance(result, Article):
        _check_article(result)
