"""``newsfuse bench ingest``: ingest + clean + SQLite store, against the read-and-decode floor.

Corpus: the Reuters-21578 stories that have a body, plus the CNN/DM articles, shuffled
with a fixed seed so every size has the same mix, written as JSONL (and, for the text
path, as one ``.txt`` file per article). Baseline in the same run: reading the same
JSONL and ``json.loads`` of every line, without newsfuse.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from newsfuse.bench.harness import in_fresh_process, measure
from newsfuse.datasets.cnndm import read_cnndm
from newsfuse.datasets.reuters import read_reuters


def build_corpus(reuters_dir: Path, cnndm_path: Path, seed: int = 0) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = [
        {"id": f"reuters-{s.newid}", "title": s.title.title() or None, "text": s.body,
         "published": s.date.isoformat() if s.date else None, "outlet": "Reuters"}
        for s in read_reuters(reuters_dir) if s.body
    ]
    records += [{"id": r["id"], "text": r["text"], "outlet": "cnn-dailymail"}
                for r in read_cnndm(cnndm_path)]
    random.Random(seed).shuffle(records)
    return records


def write_jsonl(records: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_text_dir(records: list[dict[str, Any]], folder: Path) -> Path:
    folder.mkdir()
    for i, record in enumerate(records):
        head = f"{record['title']}\n\n" if record.get("title") else ""
        (folder / f"{i:06d}.txt").write_text(head + record["text"], encoding="utf-8")
    return folder


def floor_read_decode(path: Path) -> int:
    """The baseline: read the JSONL and decode every line, nothing else."""
    n = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            json.loads(line)
            n += 1
    return n


def newsfuse_ingest(path: str, db: str, workers: int) -> dict[str, Any]:
    """Runs in a fresh process: ingest into a new SQLite store."""
    from newsfuse.config import load_config
    from newsfuse.engine.pipeline import ingest
    from newsfuse.store import open_store

    config = load_config(overrides={"run": {"workers": workers, "progress": False}},
                         environ={})
    store = open_store(f"sqlite:///{db}")
    t0 = time.perf_counter()
    summary = ingest([path], store, config)
    seconds = time.perf_counter() - t0
    store.close()
    return {"articles": summary.documents, "rejected": summary.rejected, "seconds": seconds}


def bench_ingest(reuters_dir: Path, cnndm_path: Path, sizes: list[int | None],
                 workers: list[int], formats: list[str], repeat: int = 1,
                 echo: Any = None) -> dict[str, Any]:
    """Run every (size, format, workers) case; return the figures as one dict."""
    say = echo or (lambda _msg: None)
    corpus = build_corpus(reuters_dir, cnndm_path)
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="newsfuse-bench-") as tmp:
        for size in sizes:
            n = len(corpus) if size is None else min(size, len(corpus))
            records = corpus[:n]
            jsonl = write_jsonl(records, Path(tmp) / f"corpus-{n}.jsonl")
            floor = measure(lambda: floor_read_decode(jsonl), repeat=max(3, repeat))
            floor_rate = n / floor.wall
            for fmt in formats:
                source = jsonl if fmt == "jsonl" else write_text_dir(records, Path(tmp) / f"txt-{n}")
                for w in workers:
                    runs = []
                    for rep in range(repeat):
                        db = Path(tmp) / f"store-{n}-{fmt}-{w}-{rep}.db"
                        out, wall, cpu, rss = in_fresh_process(newsfuse_ingest, str(source), str(db), w)
                        runs.append((out["seconds"], cpu, rss, out))
                    runs.sort(key=lambda r: r[0])
                    seconds, cpu, rss, out = runs[len(runs) // 2]
                    rate = out["articles"] / seconds
                    row = {
                        "articles": n, "format": fmt, "workers": w,
                        "seconds": round(seconds, 3), "articles_per_s": round(rate, 1),
                        "cpu_s": round(cpu, 2), "peak_rss_mib": round(rss, 1),
                        "floor_articles_per_s": round(floor_rate, 1),
                        "ratio_vs_floor": round(rate / floor_rate, 4),
                        "stored": out["articles"], "rejected": out["rejected"],
                    }
                    results.append(row)
                    say(f"{n:>7} {fmt:<5} workers={w}  {rate:>8.0f} articles/s  "
                        f"peak {rss:>6.0f} MiB  floor {floor_rate:>8.0f}/s  "
                        f"ratio {rate / floor_rate:.3f}")
    return {"corpus": {"reuters": str(reuters_dir), "cnndm": str(cnndm_path),
                       "articles": len(corpus)},
            "goal": ">= 2000 articles/s for text/JSONL on 2 cores; peak memory flat in corpus size",
            "results": results}
