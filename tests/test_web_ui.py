"""The web UI in real headless Chromium, served by uvicorn from the app on a free port.

Chromium is Debian's (``/usr/bin/chromium``, or ``NEWSFUSE_CHROMIUM``); playwright's own
browser download is not used. A missing browser fails these tests with the install
command, so a broken UI cannot hide behind a skip; ``NEWSFUSE_SKIP_BROWSER=1`` skips them.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

import pytest
from test_web_api import HOSTILE, build_seed_store, names

from newsfuse.report.view import heading_of
from newsfuse.store import open_store
from newsfuse.web.app import create_app

CHROMIUM = os.environ.get("NEWSFUSE_CHROMIUM", "/usr/bin/chromium")


class Server:
    """The app under uvicorn in a background thread, on a free port of 127.0.0.1."""

    def __init__(self, url: str) -> None:
        import uvicorn

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(url), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 60  # a guard against a hang, not a timing assertion
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join()
        self.sock.close()


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_seed_store(tmp_path_factory)


@pytest.fixture(scope="module")
def store(seeded_url: str) -> Iterator[Any]:
    s = open_store(seeded_url)
    yield s
    s.close()


@pytest.fixture(scope="module")
def server(seeded_url: str) -> Iterator[Server]:
    with Server(seeded_url) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if os.environ.get("NEWSFUSE_SKIP_BROWSER") == "1":
        pytest.skip("NEWSFUSE_SKIP_BROWSER=1: the browser tests of the web UI are skipped")
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium`, "
                    "point NEWSFUSE_CHROMIUM at it, or set NEWSFUSE_SKIP_BROWSER=1 to skip", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


class Page:
    """A fresh browser page that records console errors and uncaught exceptions."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        """A dialog (say, an injected alert()) is an error of the page."""
        self.errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def open(self, hash_path: str) -> Any:
        self.page.goto(f"{self.base}/{hash_path}")
        self.loaded()
        return self.page

    def loaded(self) -> None:
        self.page.wait_for_selector("#main[aria-busy=false]")


@pytest.fixture
def ui(browser: Any, server: Server) -> Iterator[Page]:
    page = Page(browser, server.base)
    yield page
    page.context.close()


def cited_text(store: Any, link: Any) -> tuple[str, str]:
    """(article id, article.text[start:end]) of a citation link's target."""
    target = urlsplit(link.get_attribute("href").lstrip("#"))
    query = parse_qs(target.query)
    article = store.article(target.path.rsplit("/", 1)[1])
    return article.id, article.text[int(query["start"][0]):int(query["end"][0])]


def test_web_ui_storyline_event_citation_opens_the_cited_span(ui: Page, store: Any) -> None:
    event = max(store.events(), key=lambda e: len(e.article_ids))
    storyline = next(s for s in store.storylines() if event.id in s.event_ids)
    page = ui.open("")
    page.click(f"#storylines a[href='#/storyline/{storyline.id}']")
    page.wait_for_selector("#events")
    ui.loaded()
    rows = page.locator("#events tbody tr")
    assert rows.count() == len(storyline.event_ids)
    assert [rows.nth(i).locator("a").get_attribute("href") for i in range(rows.count())] == [
        f"#/event/{e}" for e in storyline.event_ids]
    page.click(f"#events a[href='#/event/{event.id}']")
    page.wait_for_selector("#brief")
    ui.loaded()
    assert page.inner_text("#event-label") == event.label
    citation = page.locator("#brief .summary a.cite").first
    article_id, expected = cited_text(store, citation)
    assert expected and citation.get_attribute("title").endswith(expected)
    citation.click()
    page.wait_for_selector("#cited")
    ui.loaded()
    assert page.url.split("#", 1)[1].startswith(f"/article/{article_id}?start=")
    assert page.locator("#cited").text_content() == expected
    assert page.locator("mark").count() == 1
    text = page.locator(".article-text").text_content()
    assert expected in text and len(text) > 5 * len(expected)
    assert ui.errors == []


def test_web_ui_event_page_shows_why_copies_claims_quotes_and_timeline(ui: Page, store: Any) -> None:
    by_name = {n: i for i, n in names(store).items()}
    event = next(e for e in store.events() if by_name["900"] in e.article_ids)
    page = ui.open(f"#/event/{event.id}")
    members = page.locator("#members tbody tr")
    assert members.count() == len(event.article_ids)
    decisions = {m.article_id: m.evidence.decision for m in store.event_memberships(event.article_ids)}
    assert sorted(members.nth(i).locator("td").nth(3).inner_text() for i in range(members.count())) == sorted(
        decisions[a] for a in event.article_ids)
    # the copy graph: one edge between the copy and its original, and the link in words
    assert page.locator("svg.copy-graph line").count() == 1
    [link] = store.copy_links(event.article_ids)
    copies = page.locator("ul.copies > li")
    said = copies.first.inner_text()
    assert copies.count() == 1 and f"{link.relation}, score {round(link.score, 4)}" in said
    assert (" copy each other" in said) == (link.direction == "undirected")
    assert {Path(store.article(i).provenance.source).name for i in (link.a, link.b)} <= {
        w for w in said.split() if w.endswith(".txt")}
    claims = store.claims(f"event:{event.id}")
    assert page.locator("table.claims tbody tr").count() == len(claims)
    shown = {page.locator("table.claims .status").nth(i).inner_text()
             for i in range(page.locator("table.claims .status").count())}
    assert shown == {c.status for c in claims}
    assert page.locator("table.quotes tbody tr").count() == len(store.extract_quotes(event.article_ids))
    timeline = [t for t in store.extract_timeline() if t.article in event.article_ids]
    assert page.locator("table.timeline tbody tr").count() == len(timeline)
    assert ui.errors == []


def test_web_ui_article_page_lists_dropped_lines_with_reasons(ui: Page, store: Any) -> None:
    article = max(store.articles(), key=lambda a: len(a.dropped))
    page = ui.open(f"#/article/{article.id[:8]}")
    rows = page.locator("#dropped tbody tr")
    assert rows.count() == len(article.dropped)
    assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())] == [
        d.reason.value for d in article.dropped]
    assert rows.first.locator("td").nth(2).inner_text() == article.dropped[0].line
    assert page.locator(".article-text").text_content() == "".join(
        article.text[s:e] for s, e in article.paragraphs())
    assert ui.errors == []


def test_web_ui_article_page_heads_an_untitled_article_with_its_opening_words(ui: Page, store: Any) -> None:
    untitled = [a for a in store.articles() if not a.title]
    assert untitled  # most seeds are scraped texts with no headline line
    page = ui.open(f"#/article/{untitled[0].id[:8]}")
    assert page.inner_text("#article-title") == heading_of(untitled[0])
    assert page.inner_text("#article-title").endswith("” (untitled)")
    assert ui.errors == []


def test_web_ui_shows_hostile_text_as_text(ui: Page, store: Any) -> None:
    by_name = {n: i for i, n in names(store).items()}
    article = store.article(by_name["950"])
    quote = next(q.quote.content for q in store.extract_quotes([article.id])
                 if "<img" in q.quote.content.text)
    assert article.text.index("\U0001F35E") < quote.start  # code-point offsets after an emoji
    page = ui.open(f"#/article/{article.id}?start={quote.start}&end={quote.end}")
    assert page.inner_text("#article-title") == HOSTILE["title"]
    assert page.locator("#cited").text_content() == quote.text
    assert page.locator("#main img, #main script, #main b").count() == 0
    assert page.locator(f"#main a[href='{HOSTILE['url']}']").count() == 0
    for path in ("#/articles", "#/quotes?speaker=Dupont", f"#/event/{store.events()[-1].id}"):
        ui.open(path)
        assert page.locator("#main img, #main script, #main b").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert ui.errors == []


def test_web_ui_list_pages_filter_and_render(ui: Page, store: Any) -> None:
    page = ui.open("#/claims")
    page.select_option("select[name=status]", "conflicting")
    page.click("form.filters button")
    page.wait_for_url("**#/claims?status=conflicting")
    ui.loaded()
    badges = page.locator("table.claims .status")
    assert badges.count() == min(50, len(store.claims(status="conflicting"))) > 0
    assert {badges.nth(i).inner_text() for i in range(badges.count())} == {"conflicting"}
    for path, selector, expected in (
            ("#/articles", "#articles tbody tr", store.counts().articles),
            ("#/runs", "main section", len(store.runs())),
            ("#/statements", "ul.cards > li", min(50, len(store.extract_statements()))),
            ("#/timeline", "table.timeline tbody tr", min(50, len(store.extract_timeline()))),
            ("#/entities", "main tbody tr", min(50, len(store.extract_entities()))),
            ("#/copies", "ul.copies > li", len(store.copy_links()))):
        ui.open(path)
        assert page.locator(selector).count() == expected, path
    assert ui.errors == []


def test_web_ui_empty_store_says_what_to_do(browser: Any, tmp_path: Path) -> None:
    with Server(f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        page = Page(browser, empty.base)
        main = page.open("").inner_text("#main")
        assert "no articles yet" in main and "newsfuse run PATH --db" in main
        page.context.close()
        assert page.errors == []
