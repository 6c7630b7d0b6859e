"""``newsfuse bench extract``: the whole extract stage against the spaCy pipeline alone.

Both run on the same articles with the same worker count (2 by default, the reference
box), each case in a fresh ``spawn``-ed process with its own worker pool, so peak memory
is per case. Workers load the model and parse a warm-up text before the clock starts.
Cases alternate (floor, extract, floor, extract, ...) and the medians are compared:
PERFORMANCE.md section 10. The extract case is annotate (per article, in the workers)
plus the corpus stage (entities, statements, publication dates, timeline) in the parent.
Both wall time and CPU time of the timed part are reported: on a shared box the CPU
ratio is the steadier one.

Corpus: real, cased news text, e.g. PolNeAR (``text/*.txt`` under its split folders);
any folder of ``.txt`` files works.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time
from pathlib import Path
from typing import Any

from newsfuse.bench.harness import in_fresh_process, wait_quiet
from newsfuse.errors import InputError
from newsfuse.nlp.spacy_pipeline import NerWeights

_WARMUP = ("US President Donald Trump told reporters on Wednesday that “a second meeting” "
           "with Zelenskyy could follow, according to two officials.")


def load_texts(folder: str | Path, limit: int) -> list[str]:
    """Up to ``limit`` ``.txt`` files under ``folder`` (recursively, in path order)."""
    files = sorted(Path(folder).rglob("*.txt"))
    if not files:
        raise InputError(f"{folder}: no .txt files under it; pass a folder of news texts "
                         "(for example the PolNeAR folder)")
    return [f.read_text(encoding="utf-8") for f in files[:limit]]


_NLP: Any = None


def _init_worker(ner: NerWeights = "combined") -> None:
    global _NLP
    from newsfuse.extract.annotate import annotate
    from newsfuse.model import Article, Provenance
    from newsfuse.nlp.spacy_pipeline import load_spacy

    _NLP = load_spacy(ner=ner)
    annotate(Article("w", Provenance("w", "text"), _WARMUP, None, None, None, None, "en"), _NLP)


def _spacy_chunk(texts: list[str]) -> tuple[int, float]:
    """Parse; return (tokens, CPU seconds this worker spent)."""
    cpu = time.process_time()
    tokens = sum(len(doc) for doc in _NLP.pipe(texts, batch_size=16))
    return tokens, time.process_time() - cpu


def _extract_chunk(texts: list[str]) -> tuple[list[Any], float]:
    """Annotate; return (extractions, CPU seconds this worker spent)."""
    from newsfuse.extract.annotate import annotate_many
    from newsfuse.model import Article, Provenance

    cpu = time.process_time()
    articles = [Article(f"b{hash(t)}", Provenance("bench", "text"), t, None, None, None, None, "en")
                for t in texts]
    extractions = list(annotate_many(articles, _NLP, batch_size=16))
    return extractions, time.process_time() - cpu


def _chunks(texts: list[str], n: int) -> list[list[str]]:
    size = max(1, -(-len(texts) // (n * 4)))  # a few chunks per worker to even the load
    return [texts[i:i + size] for i in range(0, len(texts), size)]


def run_case(mode: str, texts: list[str], workers: int) -> dict[str, float]:
    """One timed case in this (fresh) process: ``spacy`` (the pipeline extraction uses),
    ``stock`` (the small model as published, one NER) or ``extract``."""
    from newsfuse.extract.corpus import extract_corpus
    from newsfuse.model import Article, Provenance

    ctx = multiprocessing.get_context("spawn")
    ner: NerWeights = "stock" if mode == "stock" else "combined"
    with ctx.Pool(workers, initializer=_init_worker, initargs=(ner,)) as pool:
        pool.map(_spacy_chunk, [[_WARMUP]] * workers)  # every worker has loaded the model
        started = time.perf_counter()
        if mode in ("spacy", "stock"):
            cpu = sum(c for _, c in pool.map(_spacy_chunk, _chunks(texts, workers)))
            corpus_s = 0.0
        else:
            parts = pool.map(_extract_chunk, _chunks(texts, workers))
            cpu = sum(c for _, c in parts)
            extractions = [e for part, _ in parts for e in part]
            t0, c0 = time.perf_counter(), time.process_time()
            articles = [Article(f"b{hash(t)}", Provenance("bench", "text"), t, None, None, None, None, "en")
                        for t in texts]
            extract_corpus(articles, extractions)
            corpus_s = time.perf_counter() - t0
            cpu += time.process_time() - c0
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu_seconds": cpu, "corpus_stage_seconds": corpus_s}


def bench_extract(folder: str | Path, articles: int = 200, workers: int = 2, repeat: int = 3,
                  echo: Any = None) -> dict[str, Any]:
    """Words/s, articles/s and peak RSS of extraction and of spaCy alone; their time ratio."""
    say = echo or (lambda _msg: None)
    texts = load_texts(folder, articles)
    words = sum(len(t.split()) for t in texts)
    runs: dict[str, list[tuple[float, float, float, float]]] = {"stock": [], "spacy": [], "extract": []}
    for rep in range(repeat):
        for mode, timed in runs.items():
            wait_quiet()
            out, _, _, rss = in_fresh_process(run_case, mode, texts, workers)
            timed.append((out["seconds"], rss, out["corpus_stage_seconds"], out["cpu_seconds"]))
            say(f"rep {rep + 1}/{repeat} {mode:<8} {out['seconds']:7.2f} s wall  {out['cpu_seconds']:7.2f} s CPU  "
                f"{words / out['seconds']:8.0f} words/s  peak {rss:6.0f} MiB")

    def summary(mode: str) -> dict[str, float]:
        seconds = statistics.median(r[0] for r in runs[mode])
        cpu = statistics.median(r[3] for r in runs[mode])
        return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                "words_per_s": round(words / seconds, 1),
                "words_per_cpu_s": round(words / cpu, 1),
                "articles_per_s": round(len(texts) / seconds, 2),
                "peak_rss_mib": round(max(r[1] for r in runs[mode]), 1),
                "spread": round((max(r[0] for r in runs[mode]) - min(r[0] for r in runs[mode])) / seconds, 3),
                "corpus_stage_seconds": round(statistics.median(r[2] for r in runs[mode]), 3)}

    stock, spacy, extract = summary("stock"), summary("spacy"), summary("extract")
    ratio = extract["seconds"] / spacy["seconds"]
    cpu_ratio = extract["cpu_seconds"] / spacy["cpu_seconds"]
    say(f"extract / spaCy: wall time {ratio:.3f}, CPU time {cpu_ratio:.3f} (goal <= 1.3)")
    say(f"extract / stock spaCy (one NER): wall time {extract['seconds'] / stock['seconds']:.3f}, "
        f"CPU time {extract['cpu_seconds'] / stock['cpu_seconds']:.3f}")
    return {"corpus": {"folder": str(folder), "articles": len(texts), "words": words},
            "workers": workers, "repeat": repeat, "spacy_alone": spacy, "stock_spacy_alone": stock,
            "extract": extract, "time_ratio": round(ratio, 3), "cpu_time_ratio": round(cpu_ratio, 3),
            "stock_time_ratio": round(extract["seconds"] / stock["seconds"], 3),
            "stock_cpu_time_ratio": round(extract["cpu_seconds"] / stock["cpu_seconds"], 3),
            "goal": "extract time <= 1.3 x spaCy pipeline alone (the pipeline extraction runs: "
                    "the small model with its CoNLL-trained second NER)",
            "note": "CPU seconds (worker CPU during the timed part, plus the corpus stage) are "
                    "the steadier figure on a shared box; wall seconds are what a user waits"}
