"""The CLI end to end on the sample articles and on bad input: one line per problem, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfuse.cli.main import _ingest_table, main


def newsfuse(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsfuse.cli.main", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seeded_db(tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = f"sqlite:///{tmp_path / 'nf.db'}"
    code, out, err = call(capsys, "run", str(seeds_dir), "--db", db, "--out", str(tmp_path / "report"))
    assert code == 0, err
    return db


def test_cli_run_on_samples_stores_five_articles_and_writes_the_report(
        seeded_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "articles", "--db", seeded_db, "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 5
    assert {r["outlet"] for r in rows} >= {"internewscast.com", "london-news-net.preview-domain.com"}
    report = tmp_path / "report"
    assert {p.name for p in report.iterdir()} == {"report.md", "report.html", "report.json", ".newsfuse-report"}
    html = (report / "report.html").read_text()
    assert html.count("<article ") == 5 and "<script" not in html
    exported = json.loads((report / "report.json").read_text())
    assert exported["schema_version"] == "1.0" and len(exported["articles"]) == 5


def test_cli_export_spans_match_the_text(seeded_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "export", "--db", seeded_db)
    data = json.loads(out)
    assert code == 0
    by_id = {a["id"]: a for a in data["articles"]}
    headings = [h for a in data["articles"] for h in a["headings"]]
    assert headings, "sample 004 has section headings"
    for h in headings:
        assert by_id[h["article"]]["text"][h["start"]:h["end"]] == h["text"]
    for article in data["articles"]:
        assert set(article) >= {"id", "source", "outlet", "title", "published", "published_inferred",
                                "language", "text", "headings", "dropped"}


def test_cli_export_jsonl_has_typed_records(seeded_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "export", "--db", seeded_db, "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and records[0] == {"type": "meta", "schema_version": "1.0"}
    assert sum(r["type"] == "article" for r in records) == 5


def test_cli_articles_show_lists_dropped_lines_with_reasons(
        seeded_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = call(capsys, "articles", "--db", seeded_db, "--json")
    target = next(r for r in json.loads(out) if r["outlet"] == "london-news-net.preview-domain.com")
    code, out, _ = call(capsys, "articles", "show", target["id"][:10], "--db", seeded_db)
    assert code == 0
    assert "site-header" in out and "cookie" in out and "related" in out


def test_cli_articles_show_unknown_id_is_one_line(seeded_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(capsys, "articles", "show", "nope", "--db", seeded_db)
    assert code == 2 and err.count("\n") == 1 and "newsfuse articles" in err


def test_cli_rerun_adds_nothing(seeded_db: str, seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "ingest", str(seeds_dir), "--db", seeded_db, "--json")
    summary = json.loads(out)
    assert code == 0 and summary["articles_new"] == 0 and summary["files_unchanged"] == 5


def test_cli_bad_inputs_are_reported_one_line_each_and_the_run_goes_on(
        tmp_path: Path, seeds_dir: Path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (bad / "good.txt").write_text((seeds_dir / "001_ac81a4b7085afc94.txt").read_text())
    db = f"sqlite:///{tmp_path / 'nf.db'}"
    result = newsfuse("ingest", str(bad), str(tmp_path / "missing.txt"), "--db", db, "--json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [x for x in result.stderr.splitlines() if x.startswith("newsfuse: rejected")]
    assert len(lines) == 3
    assert any("empty.txt" in x and "empty" in x for x in lines)
    assert any("image.txt" in x and "binary" in x for x in lines)
    assert any("missing.txt" in x and "missing" in x for x in lines)
    assert json.loads(result.stdout)["articles_new"] == 1
    exported = json.loads(newsfuse("export", "--db", db).stdout)
    assert {r["reason"] for r in exported["rejected"]} == {"empty", "binary", "missing"}


def test_cli_bad_store_url_is_one_line_without_traceback(tmp_path: Path) -> None:
    result = newsfuse("articles", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    result = newsfuse("articles", "--db", "mysql://x")
    assert result.returncode == 3 and "unknown store scheme" in result.stderr


def test_cli_unknown_config_key_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "newsfuse.toml").write_text("[run]\nbatch = 3\n")
    result = newsfuse("articles", "--db", f"sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path)
    assert result.returncode == 2 and "unknown key run.batch" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--help"], ["run", "--help"], ["ingest", "--help"], ["articles", "--help"],
                 ["articles", "show", "--help"], ["report", "--help"], ["export", "--help"],
                 ["eval", "--help"], ["eval", "clean", "--help"], ["bench", "--help"],
                 ["bench", "ingest", "--help"]):
        code, out, _ = call(capsys, *args)
        assert code == 0 and "Usage:" in out


def test_ingest_summary_keeps_long_reasons_apart_from_their_counts() -> None:
    table = _ingest_table({"files": 3, "files_unchanged": 0, "documents": 2, "articles_new": 2,
                           "articles_known": 0, "rejected": 1, "seconds": 0.5,
                           "rejections_by_reason": {"malformed-jsonl": 1},
                           "dropped_lines_by_reason": {"not-main-content": 2, "share": 12}})
    rows = table.splitlines()
    assert "  malformed-jsonl 1" in rows
    assert "  not-main-content 2" in rows
    assert "  share           12" in rows


def test_ingest_summary_says_how_many_documents_repeated_an_article_of_this_run() -> None:
    data = {"files": 2, "files_unchanged": 0, "documents": 2, "articles_new": 2, "articles_known": 0,
            "rejected": 0, "seconds": 0.5, "rejections_by_reason": {}, "dropped_lines_by_reason": {}}
    assert "articles          2 (2 new, 0 already stored)" in _ingest_table(data).splitlines()
    data.update(articles_new=1, articles_repeated=1, documents=2)
    assert "articles          2 (1 new, 0 already stored, 1 repeated in this run)" in _ingest_table(data).splitlines()


def test_cli_run_in_the_input_folder_never_reads_its_own_store_or_report(
        tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "pile"
    work.mkdir()
    for p in sorted(seeds_dir.glob("*.txt"))[:2]:
        (work / p.name).write_bytes(p.read_bytes())
    monkeypatch.chdir(work)  # the defaults: ./newsfuse.db and ./report/, inside the folder read
    first = call(capsys, "run", ".")
    assert first[0] == 0, first[2]
    assert (work / "newsfuse.db").exists() and (work / "report" / "report.md").exists()
    code, out, err = call(capsys, "run", ".")
    assert code == 0, err
    assert "rejected" not in err
    assert "files read        0 (2 unchanged, skipped)" in out.splitlines()
    code, out, _ = call(capsys, "articles", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    # a later ingest of the folder, which knows nothing of --out, skips the report too
    code, out, err = call(capsys, "ingest", "--clean-only", ".", "--json")
    assert code == 0 and "rejected" not in err
    assert (json.loads(out)["files"], json.loads(out)["articles_new"]) == (2, 0)
    # named on purpose, a report page is an HTML page like any other: lines of its extracted
    # text that cannot be located on the page share a line number, and are all stored
    code, out, err = call(capsys, "ingest", "--clean-only", "report/report.html", "--json")
    assert code == 0 and json.loads(out)["articles_new"] == 1, err
    code, out, _ = call(capsys, "articles", "--json")
    page = next(r for r in json.loads(out) if r["source"].endswith("report.html"))
    code, out, _ = call(capsys, "articles", "show", page["id"], "--json")
    linenos = [d["lineno"] for d in json.loads(out)["dropped"]]
    assert len(linenos) > len(set(linenos))


def test_cli_why_answers_for_an_article_an_event_a_claim_and_a_discrepancy(
        seeded_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(capsys, "export", "--db", seeded_db)
    exported = json.loads(out)
    internewscast = next(a for a in exported["articles"] if a["outlet"] == "internewscast.com")
    code, out, _ = call(capsys, "why", internewscast["id"][:10], "--db", seeded_db)
    assert code == 0 and out.startswith(f"article {internewscast['id']}")
    assert "share 1" in out and "copies: none found" in out
    assert "joined" in out or "opened" in out  # how it was placed in its event
    event = next(e for e in exported["events"] if e["article_count"] == 4)
    code, out, _ = call(capsys, "why", event["id"], "--db", seeded_db, "--json")
    data = json.loads(out)
    assert data["kind"] == "event" and set(data["why"]) == set(event["articles"])
    assert sum(w["decision"] == "opened" for w in data["why"].values()) == 1
    claim = next(c for c in exported["claims"] if c["status"] == "corroborated")
    code, out, _ = call(capsys, "why", claim["id"], "--db", seeded_db)
    assert code == 0 and "corroborated" in out and "independent origins" in out and "rests on:" in out
    conflict = next(d for b in exported["briefs"] for d in b["disputed"])
    code, out, _ = call(capsys, "why", conflict["id"], "--db", seeded_db)
    assert code == 0 and out.startswith(f"discrepancy {conflict['id']}") and conflict["note"] in out


def test_cli_why_an_unknown_or_ambiguous_id_is_one_line(seeded_db: str) -> None:
    for needle, words in (("zzzz", "no single article, event"), ("", "give an id")):
        result = newsfuse("why", needle, "--db", seeded_db)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    digits = "0123456789abcdef"
    result = next(r for r in (newsfuse("why", d, "--db", seeded_db) for d in digits) if "starts" in r.stderr)
    assert result.returncode == 2 and "give more characters" in result.stderr
