"""``newsfuse bench events``: cost of assigning one article as the store grows.

Corpus: Reuters-21578 stories with a body plus CNN/DM articles, shuffled with a fixed
seed (the same mix as ``bench ingest``), replayed in that order. Per size, in the same
run and on the same articles:

* ``ann``: the clusterer as shipped (exact scan below 2,048 clusters, HNSW above);
* ``brute``: the same clusterer with an exact numpy scan over *every* cluster's sketch
  (the G8 anchor of PERFORMANCE.md); agreement is the B-cubed F1 between the two
  final event partitions.

Latency is per article, with the time spent inside the sentence embedder subtracted
("embedding excluded"); the last placements, which the goal reads, are placed ``repeat``
times from one saved state and the median repetition counts. The article's own signal
reading (terms, names, dates: :meth:`EventClusterer.signals`, a pure per-article step
that ``assign`` runs ahead for the whole batch) is timed apart and reported beside it,
alone and added back. The assignment's CPU time on its thread is reported too ("cpu
p99"): other processes on a shared box stretch wall-clock percentiles, not it
(PERFORMANCE.md section 10). Close calls are embedded by the hashing embedder so the
large sizes stay affordable (the decision work is the same). Throughput *including*
embedding uses all-MiniLM-L6-v2 on the first ``embed_size`` articles, placed one by one
(close calls encoded one at a time) and, as ``newsfuse ingest`` runs the stage, in one
``assign`` call (close calls encoded in batches); the goal is read on the latter, the
median of ``repeat`` quiet repetitions (:mod:`newsfuse.bench.harness`). Where the model
runs in bf16 (:mod:`newsfuse.nlp.embeddings`), the batched case is run again in fp32 as
the baseline. Finally the
candidate search and exact scoring alone are timed over ``synthetic`` random vectors
(1M by default) in HNSW and by brute force.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.bench.harness import measure, peak_rss_mib
from newsfuse.cluster.online import EventClusterer
from newsfuse.cluster.params import ClusterConfig
from newsfuse.cluster.tracking import Tracker
from newsfuse.eval.clustering import bcubed
from newsfuse.model import Article, Provenance
from newsfuse.nlp.embeddings import Embedder, HashingEmbedder

GOALS = {"p99_ms_70k": 5.0, "p99_ms_1m": 20.0, "articles_per_s_with_embedding": 100.0}


class TimedEmbedder:
    """Counts the seconds spent embedding, so they can be taken out of a latency."""

    def __init__(self, base: Embedder) -> None:
        self.base, self.name, self.dim = base, base.name, base.dim
        self.seconds = 0.0
        self.cpu_seconds = 0.0  # this thread's CPU time inside the embedder
        self.texts = 0

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return self.base.encode(texts, batch_size)
        finally:
            self.seconds += time.perf_counter() - started
            self.cpu_seconds += time.thread_time() - cpu
            self.texts += len(texts)


def corpus(reuters_dir: Path, cnndm_path: Path, seed: int = 0) -> list[Article]:
    """Reuters (dated) and CNN/DM (undated) articles, shuffled, then in publication
    order as the clusterer sees them (undated ones keep their shuffled neighbours)."""
    from newsfuse.bench.ingest import build_corpus

    out = []
    for i, r in enumerate(build_corpus(reuters_dir, cnndm_path, seed)):
        published = datetime.fromisoformat(r["published"]) if r.get("published") else None
        url = f"bench://{r['id']}"
        out.append(Article(id=Article.make_id(r["text"], r["outlet"], url, r.get("title")),
                           provenance=Provenance(url, "jsonl", i), text=r["text"],
                           title=r.get("title"), outlet=r["outlet"], url=url,
                           published=published, language="en"))
    from newsfuse.cluster.features import publication_order

    return publication_order(out)


def _percentiles(values: list[float]) -> dict[str, float]:
    a = np.asarray(values) * 1e3
    return {"p50_ms": float(np.percentile(a, 50)), "p99_ms": float(np.percentile(a, 99)),
            "mean_ms": float(a.mean())}


def replay(articles: Sequence[Article], config: ClusterConfig, embedder: Embedder | None,
           say: Callable[[str], None], repeat: int = 1) -> tuple[dict[str, Any], EventClusterer]:
    """Place every article one by one; latency per article with embedding time removed.

    The last articles (the pool at its largest: 1,000, or a tenth of a small corpus) are
    the window the goal reads. With ``repeat`` > 1 that window is placed ``repeat`` times
    from one saved state (a pickled copy of the clusterer, index graph included) under
    the protocol of :mod:`newsfuse.bench.harness`; its figures are those of the
    repetition with the median p99, and every repetition's p99 is reported."""
    timed = TimedEmbedder(embedder) if embedder is not None else None
    clusterer = EventClusterer(config=config, embedder=timed)
    window = max(1, min(1000, len(articles) // 10))
    head, tail = articles[: len(articles) - window], articles[len(articles) - window:]
    latencies, reading = [], []
    started = time.perf_counter()
    for i, article in enumerate(head):
        spent, read, _cpu = _place_timed(clusterer, article)
        latencies.append(spent)
        reading.append(read)
        if i % 512 == 511:
            clusterer.track = Tracker()  # place() collects memberships; nobody reads them here
        if i % 10_000 == 9_999:
            say(f"  {i + 1} articles, {len(clusterer.events)} events, index {clusterer.event_index.kind}")
    head_wall, head_embed = time.perf_counter() - started, timed.seconds if timed else 0.0
    clusterer.track = Tracker()
    saved = pickle.dumps(clusterer) if repeat > 1 else b""
    left = [repeat]

    def window_once() -> dict[str, Any]:
        left[0] -= 1  # the copies first; the last repetition continues the clusterer itself
        c = pickle.loads(saved) if left[0] > 0 else clusterer
        own = c.embedder_choice if isinstance(c.embedder_choice, TimedEmbedder) else None
        embedded_before, t0 = (own.seconds if own else 0.0), time.perf_counter()
        out = [_place_timed(c, article) for article in tail]
        return {"placements": out, "wall": time.perf_counter() - t0,
                "embed": (own.seconds if own else 0.0) - embedded_before}

    timing = measure(window_once, repeat=repeat, quiet=repeat > 1)
    p99s = [_percentiles([x[0] for x in r["placements"]])["p99_ms"] for r in timing.results]
    chosen = timing.results[sorted(range(len(p99s)), key=p99s.__getitem__)[len(p99s) // 2]]
    tail_spent = [x[0] for x in chosen["placements"]]
    latencies += tail_spent
    reading += [x[1] for x in chosen["placements"]]
    wall, embed = head_wall + chosen["wall"], head_embed + chosen["embed"]
    calls = clusterer.counters["event_fast"] + clusterer.counters["event_embedding"]
    return {
        "articles": len(articles),
        "events": len(clusterer.events),
        "storylines": len(clusterer.storylines),
        "index": clusterer.event_index.kind,
        "index_size": len(clusterer.event_index),
        "latency_all": _percentiles(latencies),
        "latency_last": _percentiles(tail_spent),
        "latency_last_repetitions_p99_ms": [round(p, 3) for p in p99s],
        "latency_last_contended": timing.contended,
        "signals": _percentiles(reading),
        "latency_last_with_signals": _percentiles([x[0] + x[1] for x in chosen["placements"]]),
        "cpu_latency_last": _percentiles([x[2] for x in chosen["placements"]]),
        "articles_per_s_without_embedding": len(articles) / max(1e-9, wall - embed),
        "articles_per_s_with_embedding": len(articles) / wall,
        "embedding_seconds": embed,
        "embedded_texts": timed.texts if timed else 0,  # the clusterer's own run
        "close_call_share": clusterer.counters["event_embedding"] / max(1, calls),
    }, clusterer


def _place_timed(clusterer: EventClusterer, article: Article) -> tuple[float, float, float]:
    """(assignment seconds with embedding removed, signal reading seconds, assignment
    CPU seconds of this thread) of placing one article."""
    timed = clusterer.embedder_choice if isinstance(clusterer.embedder_choice, TimedEmbedder) else None
    t0 = time.perf_counter()
    sig = clusterer.signals(article)  # per article, no state: computed ahead in assign()
    read = time.perf_counter() - t0
    before, before_cpu = (timed.seconds, timed.cpu_seconds) if timed else (0.0, 0.0)
    t0, c0 = time.perf_counter(), time.thread_time()
    clusterer.place(article, sig=sig)
    spent = time.perf_counter() - t0 - ((timed.seconds - before) if timed else 0.0)
    cpu = time.thread_time() - c0 - ((timed.cpu_seconds - before_cpu) if timed else 0.0)
    return spent, read, cpu


def batched(articles: Sequence[Article], embedder: Embedder, repeat: int = 3) -> dict[str, Any]:
    """Throughput including embedding the way the pipeline runs the stage: one
    :meth:`EventClusterer.assign` call over the batch, whose likely close calls are
    encoded together (:mod:`newsfuse.cluster.batching`), signal reading included.

    Measured ``repeat`` times under the protocol of :mod:`newsfuse.bench.harness` (wait
    for a quiet box, drop repetitions during which other processes used more than 0.2
    of a core): the rate is the median of the clean repetitions, with their spread."""
    def once() -> dict[str, Any]:
        timed = TimedEmbedder(embedder)
        clusterer = EventClusterer(embedder=timed)
        clusterer.fit(articles)
        calls = clusterer.counters["event_fast"] + clusterer.counters["event_embedding"]
        return {"embedding_seconds": timed.seconds, "embedded_texts": timed.texts,
                "close_call_share": clusterer.counters["event_embedding"] / max(1, calls)}

    timing = measure(once, repeat=repeat)
    return {"articles": len(articles), "articles_per_s_with_embedding": len(articles) / timing.wall,
            "repetitions_per_s": [round(len(articles) / w, 1) for w in timing.walls],
            "repeat": repeat, "spread": timing.spread, "contended": timing.contended,
            "other_cores": [round(o, 2) for o in timing.others], **timing.results[-1]}


def _partition(clusterer: EventClusterer) -> dict[str, str]:
    return {a: e.id for e in clusterer.events.values() for a in e.articles}


def synthetic(n: int, dim: int, pool: EventClusterer, k: int, queries: int = 2000,
              seed: int = 0, say: Callable[[str], None] = print) -> dict[str, Any]:
    """HNSW vs brute force over ``n`` clustered random unit vectors: candidate search
    plus exact scoring of ``k`` real clusters (drawn from ``pool``) per query."""
    from newsfuse.cluster.aggregate import similarities
    from newsfuse.cluster.index import ann_index

    rng = np.random.default_rng(seed)
    centers = rng.standard_normal((max(1, n // 20), dim)).astype(np.float32)
    index = ann_index(dim)
    matrix = np.empty((n, dim), dtype=np.float32)
    started = time.perf_counter()
    for lo in range(0, n, 10_000):
        hi = min(n, lo + 10_000)
        x = centers[rng.integers(0, len(centers), hi - lo)] + 0.6 * rng.standard_normal((hi - lo, dim))
        x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
        matrix[lo:hi] = x
        if hasattr(index, "add_many"):
            index.add_many(np.arange(lo, hi), x)
        else:
            for j in range(hi - lo):
                index.upsert(lo + j, x[j])
        if hi % 100_000 == 0:
            say(f"  synthetic index: {hi} vectors")
    build = time.perf_counter() - started
    events = list(pool.events.values())
    probe = rng.choice(len(events), size=min(len(events), 200), replace=False)
    probes = [events[i].agg for i in probe]
    ann_lat, brute_lat, recall = [], [], []
    for q in range(queries):
        query = matrix[rng.integers(0, n)] + 0.2 * rng.standard_normal(dim).astype(np.float32)
        query /= np.linalg.norm(query)
        agg = probes[q % len(probes)]
        t0 = time.perf_counter()
        found = index.search(query, k)
        for key in found:
            similarities(agg, events[key % len(events)].agg)
        ann_lat.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        scores = matrix @ query
        top = np.argpartition(-scores, k)[:k]
        for key in top:
            similarities(agg, events[int(key) % len(events)].agg)
        brute_lat.append(time.perf_counter() - t0)
        recall.append(len(set(found) & {int(t) for t in top}) / k)
    return {"vectors": n, "dim": dim, "index": getattr(index, "kind", "ann"),
            "build_vectors_per_s": n / build, "ann": _percentiles(ann_lat),
            "brute": _percentiles(brute_lat), "recall_at_k": float(np.mean(recall)), "k": k}


def bench_events(reuters_dir: Path, cnndm_path: Path, sizes: Sequence[int] = (10_000, 70_000),
                 embed_size: int = 2_000, synthetic_n: int = 1_000_000,
                 echo: Callable[[str], None] | None = None,
                 synthetic_queries: int = 2_000, repeat: int = 3) -> dict[str, Any]:
    """Every case of the module docstring; returns the figures as one dict."""
    say = echo or (lambda _m: None)
    articles = corpus(reuters_dir, cnndm_path)
    say(f"corpus: {len(articles)} articles")
    results: list[dict[str, Any]] = []
    largest: EventClusterer | None = None
    for size in sizes:
        chosen = articles[: min(size, len(articles))]
        runs: dict[str, Any] = {}
        for name, config in (("ann", ClusterConfig()), ("brute", ClusterConfig(index="exact"))):
            say(f"{len(chosen)} articles, {name}")
            runs[name], clusterer = replay(chosen, config, HashingEmbedder(), say, repeat)
            if name == "ann":
                ann_partition, largest = _partition(clusterer), clusterer
            else:
                runs["agreement_b3_f1"] = bcubed(_partition(clusterer), ann_partition)["f1"]
        runs["articles"] = len(chosen)
        runs["speedup_p99"] = runs["brute"]["latency_last"]["p99_ms"] / runs["ann"]["latency_last"]["p99_ms"]
        results.append(runs)
    with_embedding = None
    if embed_size:
        from newsfuse.nlp.embeddings import MiniLMEmbedder, default_embedder

        model = default_embedder()
        say(f"{embed_size} articles with {model.name} close calls")
        model.encode(["warm up"])  # load once, outside the timing
        with_embedding, _ = replay(articles[:embed_size], ClusterConfig(), model, say)
        with_embedding["model"] = model.name
        say(f"{embed_size} articles with {model.name} close calls, in batches as ingest runs them")
        with_embedding["batched"] = batched(articles[:embed_size], model, repeat)
        if getattr(model, "precision", "fp32") != "fp32":  # the same model in fp32, as a baseline
            exact = MiniLMEmbedder(precision="fp32")
            say(f"{embed_size} articles with {exact.name} close calls (fp32 baseline), in batches")
            exact.encode(["warm up"])
            with_embedding["batched_fp32"] = batched(articles[:embed_size], exact, repeat)
    synth = None
    if synthetic_n and largest is not None:
        say(f"synthetic: {synthetic_n} vectors")
        synth = synthetic(synthetic_n, ClusterConfig().sketch_dim, largest, ClusterConfig().candidates,
                          queries=synthetic_queries, say=say)
    return {"corpus": {"reuters": str(reuters_dir), "cnndm": str(cnndm_path), "articles": len(articles)},
            "goals": GOALS, "sizes": results, "with_embedding": with_embedding, "synthetic": synth,
            "peak_rss_mib": peak_rss_mib()}



def main(argv: Sequence[str] | None = None) -> None:
    """``python -m newsfuse.bench.events``: the figures as JSON; ``newsfuse bench events`` is the command."""
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", default="../shared/data/reuters21578")
    parser.add_argument("--cnndm", default="../shared/data/cnndm")
    parser.add_argument("--sizes", default="10000,70000")
    parser.add_argument("--embed-size", type=int, default=2000)
    parser.add_argument("--synthetic", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    result = bench_events(Path(args.reuters), Path(args.cnndm),
                          [int(s) for s in args.sizes.split(",")], args.embed_size, args.synthetic,
                          echo=lambda m: print(m, file=sys.stderr, flush=True))
    print(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
