"""The report says what the store holds, escapes all article text, and shows dropped lines."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from newsfuse.model import Article, DroppedLine, DropReason, Provenance, Rejection, RejectReason
from newsfuse.report import ReportView, render_html, render_markdown, write_report
from newsfuse.report.view import heading_of
from newsfuse.store import WriteBatch, open_store

HOSTILE = 'He said "<script>alert(1)</script>" & left.'


def article(text: str, **kw: object) -> Article:
    fields: dict = dict(provenance=Provenance("in/a.txt", "text"), text=text, title="T <b>",
                        outlet=None, url=None, published=None, language="en")
    fields.update(kw)
    return Article(id=Article.make_id(text, fields["outlet"], fields["url"], fields["title"]), **fields)


def test_report_render_html_escapes_article_text() -> None:
    a = article(f"Intro.\n\nA Heading\n\n{HOSTILE}", headings=((8, 17),),
                dropped=(DroppedLine(0, "<img src=x onerror=alert(2)>", DropReason.PROMO),))
    html = render_html(ReportView([a], []))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "<h3>A Heading</h3>" in html


def test_report_render_says_unknown_when_unknown() -> None:
    a = article("Body text here.")
    md = render_markdown(ReportView([a], []))
    assert "outlet unknown" in md and "date unknown" in md
    dated = article("Body.", published=datetime(2025, 8, 13, tzinfo=timezone.utc),
                    published_inferred=True, outlet="x.com")
    assert "2025-08-13 (inferred)" in render_markdown(ReportView([dated], []))


def test_report_render_lists_rejections_and_drop_reasons() -> None:
    a = article("Body.", dropped=(DroppedLine(3, "Accept cookies", DropReason.COOKIE),))
    r = Rejection("in/x.png.txt", RejectReason.BINARY, "binary data, not text")
    md = render_markdown(ReportView([a], [r]))
    assert "| 4 | cookie | Accept cookies |" in md
    assert "in/x.png.txt" in md and "binary" in md and "Lines dropped while cleaning: cookie 1." in md


def test_report_write_creates_three_files_from_the_store(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    store.write(WriteBatch(articles=[article("One.\n\nTwo.")]))
    paths = write_report(store, tmp_path / "out")
    assert sorted(p.name for p in paths) == ["report.html", "report.json", "report.md"]
    assert all(p.stat().st_size > 0 for p in paths)
    store.close()


def test_report_render_names_an_untitled_article_by_its_opening_words(seeds_dir: Path) -> None:
    # the seeds' scraped texts start with their lead, no headline line
    text = (seeds_dir / "000_47d6b5ad0e7ee394.txt").read_text(encoding="utf-8")
    untitled = article(text, title=None)
    md = render_markdown(ReportView([untitled], []))
    html = render_html(ReportView([untitled], []))
    expected = "“US President Donald Trump warned after speaking to European leaders…” (untitled)"
    assert f"### {expected}" in md
    assert f"<h2>{expected}</h2>" in html
    assert heading_of(article("Body.")) == "T <b>"  # a title wins
    assert "(untitled)" in render_markdown(ReportView([article("   ", title=None)], []))
