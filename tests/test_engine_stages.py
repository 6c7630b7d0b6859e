"""The corpus stages inside the pipeline, on the sample articles: what ``newsfuse run``
stores, exports and reports, incremental ingest, and copies collapsing into origins."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from newsfuse.config import load_config
from newsfuse.engine.pipeline import run
from newsfuse.export import export_dict
from newsfuse.store import open_store


def _config(**stages: bool) -> Any:
    return load_config(environ={}, overrides={"run": {"progress": False}, "stages": stages})


def _names(store: Any) -> dict[str, str]:
    """article id -> the sample number (000 ... 004), from the source file name."""
    return {a.id: Path(a.provenance.source).name[:3] for a in store.articles()}


def _partition(store: Any) -> list[list[str]]:
    names = _names(store)
    return sorted(sorted(names[a] for a in e.article_ids) for e in store.events())


def _first_and_later(root: Path, seeds: Path) -> tuple[Path, Path]:
    """The sample articles in two folders: 003 (Monday's meeting) later, the rest first."""
    first, later = root / "first", root / "later"
    first.mkdir()
    later.mkdir()
    for path in sorted(seeds.glob("*.txt")):
        shutil.copy(path, (later if path.name.startswith("003") else first) / path.name)
    return first, later


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any], Path]:
    root = tmp_path_factory.mktemp("samples")
    store = open_store(f"sqlite:///{root / 'nf.db'}")
    seeds = Path(__file__).resolve().parents[1] / "examples" / "seeds"
    summary = run([seeds], store, _config(), out_dir=root / "report")
    return store, {"summary": summary, "export": export_dict(store)}, root


def test_engine_stages_run_records_every_stage(sample_run: tuple[Any, dict[str, Any], Path]) -> None:
    store, data, _ = sample_run
    stages = [s.stage for s in data["summary"].run.stages]
    assert stages == ["ingest+clean", "copies", "events", "extract", "crosscheck"]
    stored = store.runs()[-1].stages
    assert [(s.stage, s.items_in, s.counters) for s in stored] == [
        (s.stage, s.items_in, s.counters) for s in data["summary"].run.stages]


def test_engine_stages_samples_split_into_two_events_of_one_storyline(
        sample_run: tuple[Any, dict[str, Any], Path]) -> None:
    store, _, _ = sample_run
    assert _partition(store) == [["000", "001", "002", "004"], ["003"]]
    storylines = store.storylines()
    assert len(storylines) == 1 and len(storylines[0].event_ids) == 2
    # every membership says why the article is where it is
    assert len(store.event_memberships()) == 5
    assert all(m.evidence.decision in ("opened", "joined") for m in store.event_memberships())


def test_engine_stages_samples_are_five_independent_reports(sample_run: tuple[Any, dict[str, Any], Path]) -> None:
    store, data, _ = sample_run
    assert store.copy_links() == []
    assert data["export"]["copies"] == [] and data["export"]["copy_groups"] == []
    assert sorted(e.origins for e in store.events()) == [1, 4]


def test_engine_stages_entities_quotes_and_dates_reach_the_store(sample_run: tuple[Any, dict[str, Any], Path]) -> None:
    store, data, _ = sample_run
    zelensky = [e for e in store.extract_entities() if {"Zelensky", "Zelenskyy"} & set(e.aliases)]
    assert len(zelensky) == 1 and {"Zelensky", "Zelenskyy"} <= set(zelensky[0].aliases)
    names = _names(store)
    consequences = [s for s in store.extract_statements()
                    if "consequences" in s.text and {names[v.article] for v in s.variants} >= {"000", "001", "002"}]
    assert consequences, "Trump's threat of consequences is one statement across 000, 001 and 002"
    published = {names[p.article]: p.published.isoformat() for p in store.extract_publication_dates() if p.published}
    assert published["000"] == published["001"] == published["002"] == "2025-08-13"
    assert published["003"] == "2025-08-18"  # the Monday after the Friday summit
    summit = [t for t in store.extract_timeline() if t.start.isoformat() == "2025-08-15"]
    assert summit, "the summit resolves to Friday 15 August 2025"
    # the export fills the inferred dates in, marked as inferred
    assert all(a["published_inferred"] for a in data["export"]["articles"])


def test_engine_stages_every_exported_span_matches_its_article(sample_run: tuple[Any, dict[str, Any], Path]) -> None:
    _, data, _ = sample_run
    export = data["export"]
    texts = {a["id"]: a["text"] for a in export["articles"]}
    checked = 0

    def walk(value: Any) -> None:
        nonlocal checked
        if isinstance(value, dict):
            if {"article", "start", "end", "text"} <= value.keys() and value["article"] in texts:
                assert texts[value["article"]][value["start"]:value["end"]] == value["text"]
                checked += 1
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for key in ("entities", "quotes", "statements", "timeline", "events", "claims", "briefs"):
        walk(export.get(key, []))
    assert checked > 500


def test_engine_stages_report_shows_stories_people_quotes_and_timeline(
        sample_run: tuple[Any, dict[str, Any], Path]) -> None:
    _, _, root = sample_run
    md = (root / "report" / "report.md").read_text(encoding="utf-8")
    html = (root / "report" / "report.html").read_text(encoding="utf-8")
    for heading in ("## Stories", "## People, places and organisations", "## Who said what", "## Timeline"):
        assert heading in md
    assert "No copy relations among these articles" in md
    assert "Volodymyr Zelenskyy" in md and "Volodymyr Zelenskyy" in html
    assert "<script" not in html
    assert md.count("event brief") == 2 and "storyline brief" in md


def test_engine_stages_briefs_cite_stored_spans(sample_run: tuple[Any, dict[str, Any], Path]) -> None:
    store, data, _ = sample_run
    briefs = data["export"]["briefs"]
    assert sorted(b["level"] for b in briefs) == ["event", "event", "storyline"]
    assert {c["scope"].split(":")[0] for c in data["export"]["claims"]} == {"event", "storyline"}
    statuses = {c["status"] for c in data["export"]["claims"]}
    assert {"corroborated", "single-source", "conflicting"} <= statuses


def test_engine_stages_rerun_adds_nothing(sample_run: tuple[Any, dict[str, Any], Path]) -> None:
    store, data, root = sample_run
    seeds = Path(__file__).resolve().parents[1] / "examples" / "seeds"
    again = run([seeds], store, _config())
    assert again.ingest.articles_new == 0
    assert export_dict(store) == data["export"]
    extract = next(s for s in again.stages if s.stage == "extract")
    assert extract.counters["articles_parsed"] == 0, "the parse cache serves every stored article"
    assert extract.counters["parses_reused"] == 5
    first = next(s for s in data["summary"].stages if s.stage == "crosscheck")
    crosscheck = next(s for s in again.stages if s.stage == "crosscheck")
    assert first.counters["sentences_embedded"] > 100 and first.counters["sentences_from_store"] == 0
    assert crosscheck.counters["sentences_embedded"] == 0, "the stored sentence vectors serve the rerun"
    assert crosscheck.counters["sentences_from_store"] == first.counters["sentences_embedded"]


def test_engine_stages_later_ingest_places_new_articles_and_keeps_ids(tmp_path: Path, seeds_dir: Path) -> None:
    first, later = _first_and_later(tmp_path, seeds_dir)
    store = open_store(f"sqlite:///{tmp_path / 'nf.db'}")
    run([first], store, _config(crosscheck=False))
    before = {e.id: set(e.article_ids) for e in store.events()}
    assert _partition(store) == [["000", "001", "002", "004"]]
    second = run([later], store, _config(crosscheck=False))
    assert _partition(store) == [["000", "001", "002", "004"], ["003"]]
    extract = next(s for s in second.stages if s.stage == "extract")
    assert (extract.counters["articles_parsed"], extract.counters["parses_reused"]) == (1, 4)
    after = {e.id: set(e.article_ids) for e in store.events()}
    assert all(after[eid] >= members for eid, members in before.items()), "event ids stay stable"
    store.close()


def test_engine_stages_a_syndicated_copy_is_linked_and_counts_once(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(seeds_dir, corpus)
    original = sorted(seeds_dir.glob("000_*.txt"))[0].read_text(encoding="utf-8")
    (corpus / "900_syndicated.txt").write_text(
        "Share this @syndication-partner.example\n\n" + original
        + "\n\nThis story was distributed by a news agency partner.\n", encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'nf.db'}")
    run([corpus], store, _config(crosscheck=False))
    names = _names(store)
    links = store.copy_links()
    assert [sorted((names[link.a], names[link.b])) for link in links] == [["000", "900"]]
    assert links[0].relation in ("exact", "near") and links[0].evidence is not None
    event = next(e for e in store.events() if any(names[a] == "900" for a in e.article_ids))
    assert {names[a] for a in event.article_ids} == {"000", "001", "002", "004", "900"}
    assert event.origins == 4  # the copy is not an independent confirmation
    why = {m.article_id: m.evidence for m in store.event_memberships()}
    pair = {a for a, n in names.items() if n in ("000", "900")}
    # one of the two is clustered, the other attaches to it as a copy (which is which
    # is the copy group's canonical choice: undated, the longer text is the original)
    decisions = sorted(why[a].decision for a in pair)
    assert decisions[0] == "copy" and decisions[1] in ("joined", "opened")
    copy = next(a for a in pair if why[a].decision == "copy")
    assert why[copy].copy_of in pair - {copy}
    store.close()


def test_engine_stages_events_built_with_other_parameters_are_rebuilt(
        tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsfuse.cluster import EventClusterer

    first, later = _first_and_later(tmp_path, seeds_dir)
    store = open_store(f"sqlite:///{tmp_path / 'nf.db'}")
    with monkeypatch.context() as m:  # the events stored by a newsfuse with other parameters
        m.setattr(EventClusterer, "fingerprint", lambda self: "older-parameters")
        run([first], store, _config(crosscheck=False))
    assert store.events_state().globals["fingerprint"] == "older-parameters"
    said: list[str] = []
    second = run([later], store, _config(crosscheck=False), say=said.append)
    events = next(s for s in second.stages if s.stage == "events")
    # every stored article placed again with today's parameters, none twice
    assert (events.items_in, events.counters["rebuilt_for_new_parameters"]) == (5, 1)
    assert any("rebuilding them from the 5 stored articles" in line for line in said)
    assert _partition(store) == [["000", "001", "002", "004"], ["003"]]
    assert sorted(m.article_id for m in store.event_memberships()) == sorted(_names(store))
    assert store.events_state().globals["fingerprint"] == EventClusterer(embedder=None).fingerprint()
    third = run([later], store, _config(crosscheck=False))
    events = next(s for s in third.stages if s.stage == "events")
    assert events.items_in == 0 and "rebuilt_for_new_parameters" not in events.counters
    store.close()


def test_engine_stages_copy_index_made_with_other_parameters_is_rebuilt(
        tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse.dedup
    from newsfuse.dedup import CopiesConfig
    from newsfuse.dedup.signature import SignatureParams

    corpus, later = tmp_path / "in", tmp_path / "later"
    shutil.copytree(seeds_dir, corpus)
    later.mkdir()
    original = sorted(seeds_dir.glob("000_*.txt"))[0].read_text(encoding="utf-8")
    (later / "900_syndicated.txt").write_text(
        "Share this @syndication-partner.example\n\n" + original, encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'nf.db'}")
    older = SignatureParams(seed=7)
    with monkeypatch.context() as m:  # signatures stored by a newsfuse with other MinHash parameters
        m.setattr(newsfuse.dedup, "CopiesConfig", lambda **kw: CopiesConfig(signature=older, **kw))
        run([corpus], store, _config(crosscheck=False, events=False))
    assert {s.params for s in store.copy_signatures()} == {older}
    said: list[str] = []
    second = run([later], store, _config(crosscheck=False, events=False), say=said.append)
    copies = next(s for s in second.stages if s.stage == "copies")
    assert (copies.items_in, copies.counters["rebuilt_for_new_parameters"]) == (6, 1)
    assert any("rebuilding the copy index from the 6 stored articles" in line for line in said)
    assert {s.params for s in store.copy_signatures()} == {SignatureParams()}
    assert len(list(store.copy_signatures())) == 6
    names = _names(store)
    assert [sorted((names[x.a], names[x.b])) for x in store.copy_links()] == [["000", "900"]]
    store.close()
