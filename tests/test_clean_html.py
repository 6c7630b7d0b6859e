"""HTML cleaning (trafilatura + classifier) and the visible-lines renderer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsfuse.clean import clean, visible_lines
from newsfuse.config import CleanConfig
from newsfuse.errors import ConfigError
from newsfuse.model import Article, DropReason, Provenance, RawDocument, Rejection, RejectReason

FIXTURE = Path(__file__).parent / "fixtures" / "clean" / "harbour.html"
BODY_START = "The harbour bridge will close to cars for six weeks"


def _page(**kwargs: object) -> RawDocument:
    return RawDocument(
        Provenance(str(FIXTURE), "html"), "html", FIXTURE.read_text("utf-8"), **kwargs  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("mode", ["standard", "fast", "precision"])
def test_clean_html_main_text_in_every_mode(mode: str) -> None:
    article = clean(_page(), CleanConfig(html_mode=mode, detect_language=False))
    assert isinstance(article, Article)
    assert article.text.startswith(BODY_START)
    assert article.text.endswith("the state of the region's bridges.")
    for boilerplate in ("Subscribe", "Tunnel tolls", "All rights reserved", "cookies", "Hidden"):
        assert boilerplate not in article.text


def test_clean_html_metadata_from_the_page() -> None:
    article = clean(_page(), CleanConfig(detect_language=False))
    assert isinstance(article, Article)
    assert article.title == "Harbour bridge to close for repairs"
    assert article.outlet == "Northport Herald"
    assert article.author == "Lena Okafor"
    assert article.url == "https://northport-herald.example/local/harbour-bridge-repairs"
    assert article.published is not None and article.published.date() == datetime(2024, 5, 6).date()


def test_clean_html_raw_metadata_wins() -> None:
    article = clean(_page(outlet="herald", title="Bridge closes"), CleanConfig(detect_language=False))
    assert isinstance(article, Article)
    assert (article.outlet, article.title) == ("herald", "Bridge closes")


def test_clean_html_heading_marked() -> None:
    article = clean(_page(), CleanConfig(detect_language=False))
    assert isinstance(article, Article)
    assert [article.text[s:e] for s, e in article.headings] == ["Why the joints must be replaced"]


def test_clean_html_dropped_lines_are_the_rest_of_the_page() -> None:
    article = clean(_page(), CleanConfig(detect_language=False))
    assert isinstance(article, Article)
    page = visible_lines(FIXTURE.read_text("utf-8"))
    dropped = {d.lineno: d for d in article.dropped}
    assert dropped[0].line == "Home" and dropped[0].reason is DropReason.NOT_MAIN_CONTENT
    assert any(d.line.startswith("We use cookies") for d in article.dropped)
    for d in article.dropped:
        assert page[d.lineno].startswith(d.line)
        assert len(d.line) <= 300
    # Every visible line is accounted for: in the text, the title, or dropped.
    for n, line in enumerate(page):
        assert line in article.text or line == article.title or n in dropped


def test_clean_html_promo_inside_main_text_dropped() -> None:
    html = FIXTURE.read_text("utf-8").replace(
        "<h2>Why the joints",
        "<p>📢 SHOCKING: Celebrity chef reveals secret diet – Daily Buzz</p><h2>Why the joints",
    )
    raw = RawDocument(Provenance("promo.html", "html"), "html", html)
    article = clean(raw, CleanConfig(detect_language=False))
    assert isinstance(article, Article)
    assert "Celebrity chef" not in article.text
    assert any(d.reason is DropReason.PROMO for d in article.dropped)


@pytest.mark.parametrize("body", ["", "   \n ", "<html></html>", "<html><body></body></html>"])
def test_clean_html_empty_pages_are_rejections(body: str) -> None:
    result = clean(RawDocument(Provenance("e.html", "html"), "html", body))
    assert isinstance(result, Rejection)
    assert result.reason in (RejectReason.MALFORMED_HTML, RejectReason.NO_CONTENT)
    assert result.source == "e.html"


def test_clean_html_binary_garbage_is_a_rejection() -> None:
    garbage = "\x00\x01\x02<<<>>>\ufffd" * 50
    result = clean(RawDocument(Provenance("g.html", "html", 7), "html", garbage))
    assert isinstance(result, Rejection)
    assert result.offset == 7


def test_clean_html_tiny_page_falls_back_to_the_line_classifier() -> None:
    html = "<p>The committee approved the new budget on Monday after a long debate.</p>"
    result = clean(RawDocument(Provenance("t.html", "html"), "html", html), CleanConfig(detect_language=False))
    assert isinstance(result, Article)
    assert result.text == "The committee approved the new budget on Monday after a long debate."


def test_clean_html_unknown_mode_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="html_mode"):
        clean(_page(), CleanConfig(html_mode="turbo"))


def test_clean_html_visible_lines_render_blocks_only() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<div>One <b>bold</b> word<br>Two</div><!-- note -->"
        "<p>a<!-- inline -->b</p><script>var x;</script><noscript>n</noscript>"
        "<template>t</template><p hidden>h</p><p style='display: none'>s</p>"
        "<ul><li>  item\n one </li><li>item two</li></ul><table><tr><td>c1</td><td>c2</td></tr></table>"
        "</body></html>"
    )
    assert visible_lines(html) == ["One bold word", "Two", "ab", "item one", "item two", "c1", "c2"]


def test_clean_html_visible_lines_of_garbage_is_empty() -> None:
    assert visible_lines("") == []
    assert visible_lines("   ") == []


def test_clean_html_xml_declaration_accepted() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Hello there.</p></body></html>'
    assert visible_lines(html) == ["Hello there."]


def test_clean_html_a_page_of_menu_and_footer_is_no_article() -> None:
    page = ("<html><body><nav>Home | News | Sport | Weather</nav>"
            "<footer>© 2025 Cookie settings</footer></body></html>")
    out = clean(RawDocument(Provenance("menu.html", "html"), "html", page), CleanConfig(detect_language=False))
    assert isinstance(out, Rejection) and out.reason is RejectReason.NO_CONTENT
    assert "navigation" in out.message


def test_clean_text_a_menu_line_between_bars_or_bullets_is_navigation() -> None:
    body = ("World · Europe · Politics · Business\n\n"
            "The harbour bridge will close to cars for six weeks from Monday, the council said.")
    out = clean(RawDocument(Provenance("menu.txt", "text"), "text", body), CleanConfig(detect_language=False))
    assert isinstance(out, Article)
    assert [(d.line, d.reason) for d in out.dropped] == [("World · Europe · Politics · Business", DropReason.NAVIGATION)]
    assert out.text == "The harbour bridge will close to cars for six weeks from Monday, the council said."
