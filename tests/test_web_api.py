"""The HTTP API returns what the store holds, in the export's forms, with one error shape.

The store is built once per session (shared with ``test_web_ui.py``) by ``newsfuse run``
over the five sample articles, a syndicated copy of sample 000 (so there is a copy link)
and a hostile JSONL article whose title, outlet, URL and text carry markup and script.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsfuse.cli.main import main
from newsfuse.config import load_config
from newsfuse.errors import StoreError
from newsfuse.store import open_store
from newsfuse.web.app import create_app
from newsfuse.web.errors import AmbiguousId, NotFound
from newsfuse.web.queries import resolve

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
HOSTILE_TEXT = (
    "The bakers of Lyon \U0001F35E gathered on Tuesday for the city's annual bread contest, which "
    "drew more than 300 visitors to the Place Bellecour.\n\n"
    "Marie Dupont, who won the contest, said: \"<img src=x onerror=window.__xss=4> is what a rival "
    "wrote on my sign, and I laughed.\"\n\n"
    "The organisers said the <script>window.__xss=5</script> prank would not change the result, and "
    "that the prize of 2,000 euros would be paid on Friday.\n\n"
    "Dupont said she would use the money to buy a new oven for her shop in the old town.")
HOSTILE = {"title": "<script>window.__xss=1</script>Bakery <b>contest</b> in Lyon",
           "outlet": "evil<img src=x onerror=window.__xss=2>.example",
           "url": "javascript:window.__xss=3", "published": "2025-09-02", "text": HOSTILE_TEXT}

_SEEDED: dict[str, str] = {}


def build_seed_store(factory: pytest.TempPathFactory) -> str:
    """The store URL of the web tests' corpus, run through every stage once per session."""
    if "url" not in _SEEDED:
        from newsfuse.engine.pipeline import run

        root = factory.mktemp("web")
        corpus = root / "in"
        shutil.copytree(SEEDS, corpus)
        original = min(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
        (corpus / "900_syndicated.txt").write_text(
            "Share this @syndication-partner.example\n\n" + original
            + "\n\nThis story was distributed by a news agency partner.\n", encoding="utf-8")
        (corpus / "950_hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
        url = f"sqlite:///{root / 'nf.db'}"
        store = open_store(url)
        run([corpus], store, load_config(environ={}, overrides={"run": {"progress": False}}))
        store.close()
        _SEEDED["url"] = url
    return _SEEDED["url"]


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_seed_store(tmp_path_factory)


@pytest.fixture(scope="module")
def store(seeded_url: str) -> Iterator[Any]:
    s = open_store(seeded_url)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(seeded_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_url)) as c:
        yield c


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def names(store: Any) -> dict[str, str]:
    """article id -> its input number (000 ... 004, 900, 950), from the source file."""
    return {a.id: Path(a.provenance.source).name[:3] for a in store.articles()}


def assert_error(response: Any, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    data = response.json()
    assert set(data) == {"error", "code"} and data["code"] == code and data["error"]
    return data


def test_web_api_health_counts_the_store(client: TestClient, store: Any) -> None:
    data = get(client, "/api/health")
    assert data["counts"]["articles"] == store.counts().articles == 7
    assert data["stages"] == {"copies": True, "events": True, "extract": True, "crosscheck": True}
    assert data["store"] == store.url


def test_web_api_articles_page_through_the_store_in_order(client: TestClient, store: Any) -> None:
    ids = [a.id for a in store.articles()]
    seen = []
    for offset in range(0, len(ids), 3):
        page = get(client, "/api/articles", offset=offset, limit=3)
        assert page["total"] == len(ids) and page["offset"] == offset and len(page["items"]) <= 3
        seen += [item["id"] for item in page["items"]]
    assert seen == ids
    assert "text" not in page["items"][0]


def test_web_api_articles_filter_by_outlet_text_and_event(client: TestClient, store: Any) -> None:
    by_name = {n: i for i, n in names(store).items()}
    hostile = get(client, "/api/articles", outlet=HOSTILE["outlet"])
    assert [a["id"] for a in hostile["items"]] == [by_name["950"]]
    assert hostile["items"][0]["title"] == HOSTILE["title"]
    bakers = get(client, "/api/articles", q="BAKERS OF LYON")
    assert [a["id"] for a in bakers["items"]] == [by_name["950"]]
    event = next(e for e in store.events() if by_name["900"] in e.article_ids)
    members = get(client, "/api/articles", event=event.id[:10])
    assert {a["id"] for a in members["items"]} == set(event.article_ids)


def test_web_api_article_by_prefix_has_text_dropped_lines_and_provenance(
        client: TestClient, store: Any) -> None:
    article = max(store.articles(), key=lambda a: len(a.dropped))
    assert article.dropped, "a sample article has dropped lines"
    data = get(client, f"/api/articles/{article.id[:7]}")
    assert data["id"] == article.id and data["text"] == article.text
    assert [(d["lineno"], d["line"], d["reason"]) for d in data["dropped"]] == [
        (d.lineno, d.line, d.reason.value) for d in article.dropped]
    assert data["source"] == {"path": article.provenance.source, "offset": article.provenance.offset,
                              "format": article.provenance.format}
    text = data["text"]
    assert all(text[h["start"]:h["end"]] == h["text"] for h in data["headings"])
    assert [(p["start"], p["end"]) for p in data["paragraphs"]] == article.paragraphs()
    assert data["events"] and data["events"][0]["id"] in {e.id for e in store.events()}


def test_web_api_events_match_the_store(client: TestClient, store: Any) -> None:
    why = {m.article_id: m.evidence.decision for m in store.event_memberships()}
    for event in store.events():
        data = get(client, f"/api/events/{event.id}")
        assert data["articles"] == list(event.article_ids)
        assert [m["id"] for m in data["members"]] == list(event.article_ids)
        assert data["label"] == event.label and data["independent_origins"] == event.origins
        assert data["start"] == (event.start.isoformat() if event.start else None)
        assert {a: w["decision"] for a, w in data["why"].items()} == {a: why[a] for a in event.article_ids}
        assert data["brief"]["url"] == f"/api/briefs/event/{event.id}"
        assert sum(data["claims_by_status"].values()) == len(store.claims(f"event:{event.id}"))


def test_web_api_storylines_list_their_events_in_time_order(client: TestClient, store: Any) -> None:
    listed = get(client, "/api/storylines")
    assert [s["id"] for s in listed] == [s.id for s in store.storylines()]
    for s in store.storylines():
        data = get(client, f"/api/storylines/{s.id[:9]}")
        assert [e["id"] for e in data["event_records"]] == list(s.event_ids) == data["events"]
    assert {e["id"] for e in get(client, "/api/events")} == {e.id for e in store.events()}


def test_web_api_copies_link_the_syndicated_copy_once(client: TestClient, store: Any) -> None:
    by_name = {n: i for i, n in names(store).items()}
    data = get(client, "/api/copies")
    assert data["checked"] is True
    assert [{link["a"], link["b"]} for link in data["copies"]] == [{by_name["000"], by_name["900"]}]
    assert [sorted(g["members"]) for g in data["copy_groups"]] == [sorted([by_name["000"], by_name["900"]])]
    link = data["copies"][0]
    assert link["relation"] in ("exact", "near") and link["evidence"]
    own = get(client, f"/api/articles/{by_name['900']}/copies")
    assert own["copies"] == data["copies"]
    assert get(client, f"/api/articles/{by_name['003']}/copies")["copies"] == []
    event = next(e for e in store.events() if by_name["900"] in e.article_ids)
    detail = get(client, f"/api/events/{event.id}")
    assert detail["copies"] == data["copies"]
    # the copy is not an independent confirmation
    assert detail["independent_origins"] == len(event.article_ids) - 1


def _assert_span(client: TestClient, span: dict[str, Any], texts: dict[str, str]) -> None:
    if span["article"] not in texts:
        texts[span["article"]] = get(client, f"/api/articles/{span['article']}")["text"]
    assert texts[span["article"]][span["start"]:span["end"]] == span["text"]


def test_web_api_brief_sentences_cite_spans_of_the_articles(client: TestClient, store: Any) -> None:
    briefs = get(client, "/api/briefs")
    assert {(b["level"], b["subject"]) for b in briefs} == {(b.level, b.subject) for b in store.briefs()}
    texts: dict[str, str] = {}
    cited = 0
    for ref in briefs:
        brief = get(client, ref["url"])
        assert brief["subject"] == ref["subject"] and brief["headline"] == ref["headline"]
        sources = {s["article"] for s in brief["sources"]}
        for sentence in brief["summary"] + brief["corroborated"] + brief["single_source"]:
            assert sentence["citations"], sentence["text"]
            for citation in sentence["citations"]:
                assert citation["article"] in sources
                _assert_span(client, citation["span"], texts)
                cited += 1
    assert cited > 20
    main_event = max(store.events(), key=lambda e: len(e.article_ids))
    assert get(client, f"/api/briefs/event/{main_event.id[:6]}")["summary"]


def test_web_api_brief_as_markdown(client: TestClient, store: Any) -> None:
    from newsfuse.brief import brief_markdown

    brief = store.briefs()[0]
    response = client.get(f"/api/briefs/{brief.level}/{brief.subject[:8]}", params={"format": "md"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/markdown")
    assert response.text == brief_markdown(brief)
    assert response.text.startswith(f"# {brief.headline}") and "## Summary" in response.text


def test_web_api_claims_filter_by_status_and_scope(client: TestClient, store: Any) -> None:
    event = max(store.events(), key=lambda e: len(e.article_ids))
    scope = f"event:{event.id}"
    everything = get(client, "/api/claims", event=event.id, limit=1000)
    assert everything["total"] == len(store.claims(scope)) > 0
    assert {c["id"] for c in everything["items"]} == {c.id for c in store.claims(scope)}
    corroborated = get(client, "/api/claims", scope=scope, status="corroborated", limit=1000)
    assert corroborated["total"] == len(store.claims(scope, "corroborated")) > 0
    assert all(c["status"] == "corroborated" and c["origins"] >= 2 for c in corroborated["items"])
    texts: dict[str, str] = {}
    for claim in corroborated["items"][:10]:
        assert claim["evidence"] and claim["reason"]
        for span in claim["evidence"]:
            _assert_span(client, span, texts)
    scores = [c["score"] for c in everything["items"]]
    assert scores == sorted(scores, reverse=True)
    assert len(get(client, "/api/discrepancies", event=event.id)) == len(store.discrepancies(scope))


def test_web_api_who_said_what_matches_the_store(client: TestClient, store: Any) -> None:
    assert get(client, "/api/quotes", limit=1)["total"] == len(store.extract_quotes())
    assert get(client, "/api/statements", limit=1)["total"] == len(store.extract_statements())
    assert get(client, "/api/timeline", limit=1)["total"] == len(store.extract_timeline())
    assert get(client, "/api/entities", limit=1)["total"] == len(store.extract_entities())
    dupont = get(client, "/api/quotes", speaker="dupont", limit=1000)["items"]
    assert dupont and all("Dupont" in q["speaker"]["name"] for q in dupont)
    assert any("<img src=x" in q["content"]["text"] for q in dupont)
    people = get(client, "/api/entities", label="PERSON", limit=1000)["items"]
    assert people and all(e["label"] == "PERSON" for e in people)
    counts = [len(e["mentions"]) for e in people]
    assert counts == sorted(counts, reverse=True)
    event = max(store.events(), key=lambda e: len(e.article_ids))
    dated = get(client, "/api/timeline", event=event.id, limit=1000)["items"]
    assert dated and all(t["article"] in event.article_ids for t in dated)
    days = [t["start"] for t in get(client, "/api/timeline", limit=1000)["items"]]
    assert days == sorted(days)


def test_web_api_runs_record_every_stage(client: TestClient, store: Any) -> None:
    runs = get(client, "/api/runs")
    assert [r["id"] for r in runs] == [r.id for r in sorted(store.runs(), key=lambda r: r.started,
                                                             reverse=True)]
    assert [s["stage"] for s in runs[0]["stages"]] == [s.stage for s in store.runs()[-1].stages]
    assert runs[0]["status"] == "done" and runs[0]["config_hash"]


def test_web_api_export_and_report_come_from_the_library(client: TestClient, store: Any) -> None:
    from newsfuse.export import export_dict

    assert get(client, "/api/export") == json.loads(json.dumps(export_dict(store)))
    report = client.get("/api/report", params={"format": "html"})
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert "&lt;script&gt;window.__xss=1" in report.text and "<script>window" not in report.text


def test_web_api_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/api/articles/zzzz", "/api/articles/zzzz/copies", "/api/events/zzzz",
                 "/api/storylines/zzzz", "/api/briefs/event/zzzz", "/api/claims?event=zzzz",
                 "/api/timeline?storyline=zzzz"):
        data = assert_error(client.get(path), 404, "not_found")
        assert "zzzz" in data["error"]
    assert "/docs" in assert_error(client.get("/api/nothing-here"), 404, "not_found")["error"]
    assert_error(client.post("/api/health"), 405, "method_not_allowed")


def test_web_api_bad_parameters_are_422(client: TestClient) -> None:
    for path, name in (("/api/articles?limit=0", "limit"), ("/api/articles?limit=5000", "limit"),
                       ("/api/articles?offset=-1", "offset"), ("/api/claims?status=maybe", "status"),
                       ("/api/briefs/chapter/x", "level"), ("/api/briefs/event/x?format=pdf", "format"),
                       ("/api/quotes?mode=shouted", "mode")):
        data = assert_error(client.get(path), 422, "invalid_request")
        assert name in data["error"], data


def test_web_api_id_prefix_resolution() -> None:
    assert resolve("event", ["abc1", "abd2"], "abc", "/x") == "abc1"
    assert resolve("event", ["abc", "abc2"], "abc", "/x") == "abc"  # an exact id wins
    with pytest.raises(AmbiguousId, match="matches 2 events"):
        resolve("event", ["abc1", "abc2"], "ab", "/x")
    with pytest.raises(NotFound, match="no event with id 'q'"):
        resolve("event", ["abc1"], "q", "/x")


def test_web_api_openapi_documents_the_endpoints(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    for path in ("/api/health", "/api/articles", "/api/articles/{article_id}", "/api/storylines/{storyline_id}",
                 "/api/events/{event_id}", "/api/copies", "/api/entities", "/api/quotes", "/api/statements",
                 "/api/timeline", "/api/claims", "/api/briefs/{level}/{subject}", "/api/runs"):
        operation = schema["paths"][path]["get"]
        assert operation["description"], path
    event = schema["paths"]["/api/events/{event_id}"]["get"]["responses"]
    assert "404" in event and event["200"]["content"]["application/json"]["schema"]


def test_web_api_docs_page_loads_its_files_from_the_app_not_a_cdn(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "/openapi.json" in page.text
    assert "cdn." not in page.text and "https://" not in page.text
    for asset in ("/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css"):
        response = client.get(asset)
        assert response.status_code == 200 and len(response.content) > 10_000, asset


def test_web_api_empty_store_answers_with_empty_lists(tmp_path: Path) -> None:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'empty.db'}")) as c:
        assert get(c, "/api/health")["counts"]["articles"] == 0
        assert get(c, "/api/storylines") == [] and get(c, "/api/articles")["total"] == 0
        assert get(c, "/api/copies") == {"checked": False, "copies": [], "copy_groups": []}
        assert_error(c.get("/api/briefs/event/x"), 404, "not_found")


def test_web_api_store_failures_are_503(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'broken.db'}"
    app = create_app(url)
    with TestClient(app) as c:
        app.state.gateway.call(lambda s: s.conn.execute("DROP TABLE runs"))
        data = assert_error(c.get("/api/runs"), 503, "store_error")
        assert url in data["error"] and "runs" in data["error"]


def test_web_api_in_memory_store_object_is_refused_clearly() -> None:
    store = open_store("sqlite:///:memory:")
    with pytest.raises(StoreError, match="in-memory SQLite store"):
        create_app(store)
    store.close()


def test_web_serve_refuses_a_missing_store_in_one_line(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.db"
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--db", f"sqlite:///{missing}"])
    err = capsys.readouterr().err
    assert exc.value.code == 3 and not missing.exists()
    assert err.count("\n") == 1 and "no store there" in err and "newsfuse run" in err


def test_web_serve_serves_the_api_until_interrupted(seeded_url: str) -> None:
    import signal
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "newsfuse.cli.main", "serve", "--db", seeded_url,
                             "--port", "0"], stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line.startswith("newsfuse: serving "), line
        base = line.split(" at ", 1)[1].split(" ", 1)[0]
        with urllib.request.urlopen(base + "api/health") as response:
            assert json.load(response)["counts"]["articles"] == 7
        with urllib.request.urlopen(base) as response:
            page = response.read().decode()
            assert '<script type="module" src="/static/app.js">' in page
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    finally:
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=60)[1]
    # Ctrl+C stops the server cleanly, with the CLI's exit code for an interrupt
    assert proc.returncode == 130 and "Traceback" not in rest and "interrupted" in rest
