"""``newsfuse eval ...`` and ``newsfuse bench ...`` on tiny slices of the real data sets.

Each test copies a few records of a ``../shared/data`` file into ``tmp_path`` (nothing of
the data is committed), runs the command through click's runner with ``--json``, and
checks the keys and that the figures are shares in [0, 1]. The tests skip where the
shared data is not there.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsfuse.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def data(*parts: str) -> Path:
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not here: {path}")
    return path


def invoke(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def invoke_table(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def share(value: Any) -> bool:
    return isinstance(value, (int, float)) and 0.0 <= value <= 1.0


def assert_prf(m: dict[str, Any]) -> None:
    for key in ("precision", "recall", "f1"):
        assert share(m[key]), (key, m)


@pytest.fixture(autouse=True)
def _no_quiet_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """The benches wait up to 20 s for a quiet machine before each case; not in tests."""
    import newsfuse.bench.copies
    import newsfuse.bench.extract

    for module in (newsfuse.bench.copies, newsfuse.bench.extract):
        monkeypatch.setattr(module, "wait_quiet", lambda *a, **k: 0.0)


# -- tiny inputs -----------------------------------------------------------------------------

@pytest.fixture
def reuters_dir(tmp_path: Path) -> Path:
    """The first 120 stories of reut2-000.sgm (real SGML, latin-1)."""
    raw = data("reuters21578", "reut2-000.sgm").read_text(encoding="latin-1")
    stories = re.findall(r"<REUTERS\b.*?</REUTERS>", raw, re.S)[:120]
    folder = tmp_path / "reuters"
    folder.mkdir()
    (folder / "reut2-000.sgm").write_text("\n".join(stories), encoding="latin-1")
    return folder


@pytest.fixture
def cnndm_file(tmp_path: Path) -> Path:
    path = tmp_path / "cnndm.jsonl.gz"
    with gzip.open(data("cnndm", "cnndm-partial.jsonl.gz"), "rt", encoding="utf-8") as src, \
            gzip.open(path, "wt", encoding="utf-8") as out:
        for _, line in zip(range(30), src):
            out.write(line)
    return path


@pytest.fixture
def polnear_dir(tmp_path: Path) -> Path:
    """Two dev documents with their attributions, in the PolNeAR layout."""
    src = data("polnear", "dev")
    root = tmp_path / "polnear"
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    for text in sorted((src / "text").glob("*.txt"))[:2]:
        shutil.copy(text, root / "dev" / "text")
        for ann in (src / "attributions").glob(f"{text.stem}_*.ann"):
            shutil.copy(ann, root / "dev" / "attributions")
    return root


# -- eval ------------------------------------------------------------------------------------

def test_cli_eval_entities_on_conll_sentences(tmp_path: Path) -> None:
    lines = data("conll2003", "valid.txt").read_text(encoding="utf-8").splitlines()[:120]
    conll = tmp_path / "valid.txt"
    conll.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = invoke("eval", "entities", "--conll", str(conll), "--limit", "10")
    assert r["sentences"] <= 10 and r["gold_entities"] > 0
    assert_prf(r)
    assert set(r["by_type"]) == {"PER", "LOC", "ORG", "MISC"}
    for m in r["by_type"].values():
        assert_prf(m)
    assert "goal F1 >= 0.80" in invoke_table("eval", "entities", "--conll", str(conll), "--limit", "10")


def test_cli_eval_dates_on_one_timeml_document(tmp_path: Path) -> None:
    tml = data("tempeval3", "Training", "TBAQ-cleaned", "TimeBank", "wsj_1073.tml")
    (tmp_path / "tml" / "nested").mkdir(parents=True)
    shutil.copy(tml, tmp_path / "tml" / "nested")
    r = invoke("eval", "dates", "--timeml", str(tmp_path / "tml"))
    assert r["documents"] == 1 and r["gold_timexes"] > 0
    for key in ("strict", "relaxed", "value"):
        assert_prf(r[key])
    assert share(r["value_accuracy"])
    assert {"kind", "text", "detail", "count"} <= set(r["top_errors"][0]) if r["top_errors"] else True


def test_cli_eval_quotes_on_two_polnear_documents(polnear_dir: Path) -> None:
    r = invoke("eval", "quotes", "--polnear", str(polnear_dir), "--split", "dev")
    assert r["documents"] == 2 and r["gold_attributions"] > 0
    assert_prf(r["content_all"])
    assert_prf(r["content_direct"])
    assert share(r["speaker_accuracy"])
    assert set(r["goals"]) == {"direct_f1", "speaker_accuracy", "all_f1"}


def test_cli_eval_copies_msrp_on_sixty_pairs(tmp_path: Path) -> None:
    lines = data("msrp", "msr_paraphrase_train.txt").read_text(encoding="utf-8-sig").splitlines()[:61]
    msrp = tmp_path / "msrp.txt"
    msrp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = invoke("eval", "copies", "--msrp", str(msrp))
    assert r["pairs"] == 60
    for key in ("held_out", "held_out_shipped_weights"):
        assert_prf(r[key])
        assert share(r[key]["accuracy"])
    assert share(r["cosine_only"]["accuracy"]) and share(r["majority_baseline"])


def test_cli_eval_copies_reuters_lists_pairs_to_judge(reuters_dir: Path) -> None:
    r = invoke("eval", "copies", "--reuters", str(reuters_dir), "--show", "3")
    assert r["stories_with_body"] > 50
    assert_prf(r["exact_near_pairs"])
    assert_prf(r["exact_only_pairs"])
    assert len(r["further_samples"]) <= 3
    assert "further_near_pairs" in r
    assert_prf(r["judged"])
    # judged gold holds the identical-body gold: it can only add true pairs
    assert r["judged"]["tp"] >= r["exact_near_pairs"]["tp"]


def test_reuters_judgments_are_well_formed() -> None:
    from newsfuse.eval.copies import JUDGED, read_judged

    judged = read_judged()
    assert len(judged) > 200
    assert set(judged.values()) <= {"dup", "not", "unsure"}
    assert all(a < b and a.startswith("reuters-") for a, b in judged)
    rows = [line.split("\t") for line in JUDGED.read_text(encoding="utf-8").splitlines()[1:]
            if line and not line.startswith(("#", "a\t"))]
    assert len(rows) == len(judged)  # no pair judged twice
    assert all(len(row) == 4 and row[3].strip() for row in rows)  # each verdict says why


def test_cli_eval_copies_synthetic_labels_every_figure(reuters_dir: Path) -> None:
    r = invoke("eval", "copies", "--synthetic", "3", "--reuters", str(reuters_dir))
    assert r["label"].startswith("SYNTHETIC") and r["copies"] == 3
    assert_prf(r["any_relation_pairs"])
    for m in r["per_relation"].values():
        assert_prf(m)
    assert share(r["direction"]["accuracy_all"])
    table = invoke_table("eval", "copies", "--synthetic", "3", "--reuters", str(reuters_dir))
    figure_lines = [x for x in table.splitlines() if re.search(r"\d\.\d{3}", x)]
    assert figure_lines and all("synthetic" in x.lower() for x in figure_lines)


def test_cli_eval_copies_needs_exactly_one_mode(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "copies"])
    assert result.exit_code == 2 and "exactly one of" in result.output


def test_cli_eval_events_timeline17_on_two_short_streams(tmp_path: Path) -> None:
    root = tmp_path / "t17"
    for name in ("bpoil_bbc", "H1N1_bbc"):
        records = json.loads(data("timeline17", name, "articles.json").read_text(encoding="utf-8"))
        (root / name).mkdir(parents=True)
        (root / name / "articles.json").write_text(json.dumps(records[:6]), encoding="utf-8")
    r = invoke("eval", "events", "--timeline17", str(root))
    assert r["data"]["articles"] == 12 and r["data"]["topics"] == 2
    assert_prf(r["storyline"])
    assert set(r["per_topic"]) == {"bpoil", "H1N1"}
    assert share(r["close_call_share"])


def test_cli_eval_events_ecbplus_on_one_small_topic(tmp_path: Path) -> None:
    src = data("ecbplus", "1")
    topic = tmp_path / "ecbplus" / "1"
    topic.mkdir(parents=True)
    for sub in ("ecb", "ecbplus"):
        for f in sorted(src.glob(f"1_*{sub}.xml"))[:2]:
            shutil.copy(f, topic)
    r = invoke("eval", "events", "--ecbplus", str(tmp_path / "ecbplus"), "--topics", "1",
               "--orders", "1", "--no-baselines")
    assert r["data"]["documents"] == 4
    for name in ("online", "no_time"):
        for level in ("event", "storyline"):
            for key in ("precision", "recall", "f1"):
                assert share(r[name][level][key]["mean"])
    assert set(r["goals_met"]) == {"event", "storyline"}


def test_cli_eval_events_samples_reports_the_split() -> None:
    seeds = ROOT / "examples" / "seeds"
    r = invoke("eval", "events", "--samples", *map(str, sorted(seeds.glob("*.txt"))))
    assert sorted(x for e in r["events"] for x in e) == ["000", "001", "002", "003", "004"]
    assert r["storylines"]


# -- bench -----------------------------------------------------------------------------------

def test_cli_bench_copies_small_corpus(reuters_dir: Path, cnndm_file: Path) -> None:
    r = invoke("bench", "copies", "--reuters", str(reuters_dir), "--cnndm", str(cnndm_file),
               "--sizes", "60", "--workers", "1")
    cases = {x["case"] for x in r["results"]}
    assert cases == {"newsfuse", "newsfuse-1proc", "rensa-plain", "datasketch-plain", "brute-force"}
    for x in r["results"]:
        assert x["articles"] == 60 and x["articles_per_s"] > 0
        if "recall_vs_brute_j08" in x:
            assert share(x["recall_vs_brute_j08"])


def test_cli_bench_events_small_corpus(reuters_dir: Path, cnndm_file: Path) -> None:
    r = invoke("bench", "events", "--reuters", str(reuters_dir), "--cnndm", str(cnndm_file),
               "--sizes", "40", "--embed-size", "8", "--synthetic", "3000",
               "--synthetic-queries", "100", "--repeat", "2")
    (size,) = r["sizes"]
    assert size["articles"] == 40 and share(size["agreement_b3_f1"])
    assert size["ann"]["latency_all"]["p99_ms"] >= size["ann"]["latency_all"]["p50_ms"] >= 0
    ann = size["ann"]
    assert ann["latency_last_with_signals"]["p99_ms"] >= ann["latency_last"]["p50_ms"] > 0
    reps = ann["latency_last_repetitions_p99_ms"]  # the last 4 placements, twice from one state
    assert 1 <= len(reps) <= 2 and round(ann["latency_last"]["p99_ms"], 3) in reps
    assert ann["signals"]["p50_ms"] > 0 and ann["cpu_latency_last"]["p50_ms"] > 0
    assert r["with_embedding"]["articles"] == 8
    assert r["with_embedding"]["batched"]["articles"] == 8
    batch = r["with_embedding"]["batched"]
    assert batch["articles_per_s_with_embedding"] > 0 and batch["repeat"] == 2
    assert 1 <= len(batch["repetitions_per_s"]) <= 2 and min(batch["repetitions_per_s"]) > 0
    model = r["with_embedding"]["model"]
    assert model.startswith("all-MiniLM-L6-v2")
    # a bf16 model is measured against the same model in fp32, in the same run
    assert ("batched_fp32" in r["with_embedding"]) == model.endswith("@bf16")
    assert share(r["synthetic"]["recall_at_k"]) and r["synthetic"]["vectors"] == 3000


def test_cli_bench_extract_two_articles(polnear_dir: Path) -> None:
    r = invoke("bench", "extract", "--texts", str(polnear_dir), "--articles", "2", "--workers", "1",
               "--repeat", "1")
    assert r["corpus"]["articles"] == 2
    for case in ("spacy_alone", "extract"):
        assert r[case]["seconds"] > 0 and r[case]["words_per_s"] > 0
    assert r["time_ratio"] > 0 and r["cpu_time_ratio"] > 0
