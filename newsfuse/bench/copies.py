"""``newsfuse bench copies``: fingerprint + index + query + verify, against anchors.

Corpus: Reuters-21578 stories with a body plus CNN/DM articles, shuffled with a fixed
seed (the same corpus as ``bench ingest``). For each size, each case runs in a fresh
``spawn`` process, so its peak RSS is its own (the corpus text itself is in it too,
reported as ``corpus_rss_mib``):

- ``newsfuse``: :func:`newsfuse.dedup.fingerprints` (over ``workers`` processes) then
  ``CopyDetector(rewrites=False).fit``: exact hash, near-dup LSH, exact Jaccard and
  containment verification, content-word candidates for partial copies, evidence.
- ``rensa-plain``: the chosen library as its README uses it, on the same word 5-gram
  shingles as strings: ``RMinHash(128, seed).update(shingles)``, then
  ``RMinHashLSH(threshold=0.8, num_perm=128, num_bands=16)`` query and insert.
- ``datasketch-plain`` (up to 10k): ``MinHash(128).update_batch`` + ``MinHashLSH(0.8)``.
- ``brute-force``: exact Jaccard of every pair (sparse product of the shingle
  incidence matrix), at 1k and 10k; its pairs with Jaccard >= 0.8 are the truth that
  the recall of the LSH paths is measured against.
"""

from __future__ import annotations

import time
from itertools import combinations
from pathlib import Path
from typing import Any

from newsfuse.bench.harness import in_fresh_process, wait_quiet

THRESHOLD = 0.8


def _articles(reuters: str, cnndm: str, n: int) -> list[Any]:
    from newsfuse.bench.ingest import build_corpus
    from newsfuse.model import Article, Provenance

    return [Article(id=r["id"], provenance=Provenance("bench", "jsonl", i), text=r["text"],
                    title=r.get("title"), outlet=r.get("outlet"), url=None, published=None,
                    language="en")
            for i, r in enumerate(build_corpus(Path(reuters), Path(cnndm))[:n])]


def _shingle_strings(text: str, size: int = 5) -> list[str]:
    from newsfuse.dedup.text import words

    tokens = words(text)
    if len(tokens) < size:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


def _rss() -> float:
    from newsfuse.bench.harness import peak_rss_mib

    return peak_rss_mib()


def _cpu() -> float:
    from newsfuse.bench.harness import _our_cpu

    return _our_cpu()


def _sig_chunk(articles: list[Any]) -> list[Any]:
    from newsfuse.dedup import SignatureParams, fingerprints

    return fingerprints(articles, SignatureParams())


def case_newsfuse(reuters: str, cnndm: str, n: int, workers: int) -> dict[str, Any]:
    """Runs in a fresh process."""
    from newsfuse.dedup import CopiesConfig, CopyDetector

    articles = _articles(reuters, cnndm, n)
    corpus_rss = _rss()
    c0, t0 = _cpu(), time.perf_counter()
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        size = max(200, len(articles) // (workers * 8))
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            signatures = [s for part in pool.map(_sig_chunk, chunks) for s in part]
    else:
        signatures = _sig_chunk(articles)
    t1 = time.perf_counter()
    detector = CopyDetector(CopiesConfig(rewrites=False)).fit(articles, signatures)
    t2 = time.perf_counter()
    pairs = sorted({(x.a, x.b) for x in detector.links_})
    return {"seconds": t2 - t0, "cpu_s": _cpu() - c0, "articles": len(articles),
            "fingerprint_s": t1 - t0, "index_query_verify_s": t2 - t1,
            "corpus_rss_mib": corpus_rss, "pairs": pairs,
            "links": {r: sum(1 for x in detector.links_ if x.relation == r)
                      for r in ("exact", "near", "partial")}}


def case_rensa_plain(reuters: str, cnndm: str, n: int) -> dict[str, Any]:
    import rensa

    articles = _articles(reuters, cnndm, n)
    corpus_rss = _rss()
    c0, t0 = _cpu(), time.perf_counter()
    lsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=128, num_bands=16)
    pairs = set()
    for key, article in enumerate(articles):
        minhash = rensa.RMinHash(num_perm=128, seed=42)
        minhash.update(_shingle_strings(article.text))
        for other in lsh.query(minhash):
            pairs.add(tuple(sorted((articles[other].id, article.id))))
        lsh.insert(key, minhash)
    return {"seconds": time.perf_counter() - t0, "cpu_s": _cpu() - c0, "articles": len(articles),
            "corpus_rss_mib": corpus_rss, "pairs": sorted(pairs)}


def case_datasketch_plain(reuters: str, cnndm: str, n: int) -> dict[str, Any]:
    from datasketch import MinHash, MinHashLSH

    articles = _articles(reuters, cnndm, n)
    corpus_rss = _rss()
    c0, t0 = _cpu(), time.perf_counter()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=128)
    pairs = set()
    for article in articles:
        minhash = MinHash(num_perm=128)
        minhash.update_batch([s.encode("utf-8") for s in _shingle_strings(article.text)])
        for other in lsh.query(minhash):
            pairs.add(tuple(sorted((other, article.id))))
        lsh.insert(article.id, minhash)
    return {"seconds": time.perf_counter() - t0, "cpu_s": _cpu() - c0, "articles": len(articles),
            "corpus_rss_mib": corpus_rss, "pairs": sorted(pairs)}


def case_brute_force(reuters: str, cnndm: str, n: int) -> dict[str, Any]:
    import numpy as np
    from scipy import sparse

    from newsfuse.dedup.text import shingle_set

    articles = _articles(reuters, cnndm, n)
    corpus_rss = _rss()
    c0, t0 = _cpu(), time.perf_counter()
    sets = [shingle_set(a.text, 5) for a in articles]
    vocab, inverse = np.unique(np.concatenate(sets), return_inverse=True)
    indptr = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in sets], out=indptr[1:])
    incidence = sparse.csr_matrix((np.ones(len(inverse), dtype=np.float32), inverse, indptr),
                                  shape=(len(sets), len(vocab)))
    common = sparse.triu(incidence @ incidence.T, k=1).tocoo()
    sizes = np.diff(indptr)
    jaccard = common.data / (sizes[common.row] + sizes[common.col] - common.data)
    keep = jaccard >= THRESHOLD
    pairs = sorted(tuple(sorted((articles[i].id, articles[j].id)))
                   for i, j in zip(common.row[keep], common.col[keep]))
    return {"seconds": time.perf_counter() - t0, "cpu_s": _cpu() - c0, "articles": len(articles),
            "corpus_rss_mib": corpus_rss, "pairs": pairs,
            "pairs_compared": len(articles) * (len(articles) - 1) // 2}


def _closure(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    from newsfuse.unionfind import UnionFind

    uf = UnionFind()
    for a, b in pairs:
        uf.union(a, b)
    groups: dict[str, list[str]] = {}
    for item in list(uf.parent):
        groups.setdefault(uf.find(item), []).append(item)
    return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}  # type: ignore[misc]


def bench_copies(reuters_dir: Path, cnndm_path: Path, sizes: list[int], workers: int = 2,
                 brute_max: int = 10_000, datasketch_max: int = 10_000, echo: Any = None) -> dict[str, Any]:
    """Run every case at every size; return the figures as one dict.

    Recall is measured against brute force (pairs with exact shingle Jaccard >= 0.8) where
    brute force ran: for newsfuse over the groups its exact/near/partial links form, for
    the plain libraries over the LSH candidate pairs they return.
    """
    say = echo or (lambda _msg: None)
    r, c = str(reuters_dir), str(cnndm_path)
    results: list[dict[str, Any]] = []
    for n in sizes:
        cases: list[tuple[str, Any, tuple[Any, ...]]] = [
            ("newsfuse", case_newsfuse, (r, c, n, workers)),
            ("newsfuse-1proc", case_newsfuse, (r, c, n, 1)),
            ("rensa-plain", case_rensa_plain, (r, c, n)),
        ]
        if n <= datasketch_max:
            cases.append(("datasketch-plain", case_datasketch_plain, (r, c, n)))
        if n <= brute_max:
            cases.append(("brute-force", case_brute_force, (r, c, n)))
        found: dict[str, dict[str, Any]] = {}
        for name, fn, args in cases:
            load = wait_quiet()
            out, _wall, cpu, rss = in_fresh_process(fn, *args)
            found[name] = out
            count = out["articles"]
            row = {"case": name, "size": n, "articles": count, "seconds": round(out["seconds"], 3),
                   "articles_per_s": round(count / out["seconds"], 1),
                   "stage_cpu_s": round(out["cpu_s"], 2),
                   "articles_per_cpu_s": round(count / max(out["cpu_s"], 1e-9), 1),
                   "process_cpu_s": round(cpu, 2), "peak_rss_mib": round(rss, 1),
                   "corpus_rss_mib": round(out["corpus_rss_mib"], 1),
                   "stage_rss_mib": round(rss - out["corpus_rss_mib"], 1),
                   "pairs": len(out["pairs"]), "other_load_before": round(load, 2)}
            for key in ("fingerprint_s", "index_query_verify_s", "links", "pairs_compared"):
                if key in out:
                    row[key] = out[key] if not isinstance(out[key], float) else round(out[key], 3)
            results.append(row)
        if "brute-force" in found:
            truth = set(map(tuple, found["brute-force"]["pairs"]))
            for row in results:
                if row["size"] == n and row["case"] != "brute-force" and truth:
                    pairs = [tuple(p) for p in found[row["case"]]["pairs"]]
                    got = _closure(pairs) if row["case"].startswith("newsfuse") else set(pairs)
                    row["recall_vs_brute_j08"] = round(len(truth & got) / len(truth), 4)
                    row["brute_pairs_j08"] = len(truth)
        for row in (x for x in results if x["size"] == n):
            say(f"{row['articles']:>6} {row['case']:<17} {row['articles_per_s']:>7.0f} art/s wall"
                f" {row['articles_per_cpu_s']:>7.0f} art/CPU-s  peak {row['peak_rss_mib']:>5.0f} MiB"
                f" (corpus {row['corpus_rss_mib']:>4.0f})  others {row['other_load_before']:.1f} cores"
                f"  pairs {row['pairs']:>5}"
                + (f"  recall@J>=0.8 {row['recall_vs_brute_j08']:.3f}" if "recall_vs_brute_j08" in row else ""))
    return {"corpus": {"reuters": r, "cnndm": c}, "workers": workers, "threshold": THRESHOLD,
            "goal": ">= 3000 articles/s at 70k on 2 cores (newsfuse); recall >= 0.95 vs brute force at 10k",
            "note": "wall rates are only comparable on a quiet box (see other_load_before, in cores "
                    "busy with other processes just before the case); articles_per_cpu_s is the "
                    "stage's own CPU time (self + worker processes)",
            "results": results}
