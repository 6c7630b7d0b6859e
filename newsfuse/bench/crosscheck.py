"""``newsfuse bench crosscheck``: time and peak RSS to cross-check and brief one event of
5, 50 and 500 articles, and a corpus (events of 50), with the growth ratios across sizes.

Articles are real CNN/DailyMail stories (``../shared/data/cnndm``), extracted once in the
parent (the extract stage is not what is timed); each case then runs
:func:`newsfuse.crosscheck.crosscheck_step` in a fresh spawned process, so its peak RSS
is its own. Random stories are a workload of many sentences and few alignments; the
alignment cost is bounded by nearest neighbours, so growth should stay near-linear.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsfuse.bench.harness import in_fresh_process
from newsfuse.cluster.model import Event, Storyline
from newsfuse.model import Article, Provenance

DEFAULT_CNNDM = Path("..") / "shared" / "data" / "cnndm"


def load_articles(path: str | Path, n: int) -> list[Article]:
    """The first ``n`` CNN/DM stories as articles (paragraphs kept as they are)."""
    from newsfuse.datasets.cnndm import read_cnndm

    out: list[Article] = []
    for i, row in enumerate(read_cnndm(path)):
        if len(out) >= n:
            break
        text = row["text"].strip()
        if len(text) < 200:
            continue
        url = f"bench://cnndm/{row['id']}"
        out.append(Article(Article.make_id(text, "cnndm", url, None), Provenance(url, "jsonl", i), text, None,
                           f"outlet{i % 7}", url, None, "en"))
    return out


def _case(articles: list[Article], corpus: Any, events_of: int, embedder_name: str) -> dict[str, Any]:
    from newsfuse.crosscheck import crosscheck_step
    from newsfuse.nlp.embeddings import HashingEmbedder, default_embedder

    embedder = HashingEmbedder(384) if embedder_name == "hashing" else default_embedder()
    events, story_ids = [], []
    for k in range(0, len(articles), events_of):
        ids = tuple(a.id for a in articles[k:k + events_of])
        events.append(Event(f"e{k}", f"s{k}", "", None, None, None, ids, None, (), (), k))
        story_ids.append(f"e{k}")
    storylines = [Storyline(f"s{k}", "", (f"e{k}",), events_of, None, None, (), (), k)
                  for k in range(0, len(articles), events_of)]
    t0 = time.perf_counter()
    result = crosscheck_step(articles, events, storylines, [], corpus, embedder=embedder)
    return {"seconds": time.perf_counter() - t0, "claims": len(result.claims), "briefs": len(result.briefs),
            "discrepancies": len(result.discrepancies)}


def bench_crosscheck(cnndm: str | Path = DEFAULT_CNNDM, sizes: Sequence[int] = (5, 50, 500),
                     corpus_size: int = 0, embedder: str = "minilm",
                     progress: Any = None) -> dict[str, Any]:
    """Run the cases; ``corpus_size`` > 0 adds a corpus of that many articles in events of 50."""
    from newsfuse.extract import extract_corpus

    need = max(list(sizes) + [corpus_size])
    articles = load_articles(cnndm, need)
    t0 = time.perf_counter()
    corpus = extract_corpus(articles)
    extract_s = time.perf_counter() - t0
    cases = []
    for n in sizes:
        if progress:
            progress(f"crosscheck: event of {n}")
        out, wall, cpu, peak = in_fresh_process(_case, articles[:n], _subset(corpus, articles[:n]), n, embedder)
        cases.append({"case": f"event of {n}", "articles": n, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                      "step_s": round(out["seconds"], 2), "peak_rss_mib": round(peak, 1),
                      "claims": out["claims"], "ms_per_article": round(1000 * out["seconds"] / n, 1)})
    if corpus_size:
        out, wall, cpu, peak = in_fresh_process(_case, articles[:corpus_size],
                                                _subset(corpus, articles[:corpus_size]), 50, embedder)
        cases.append({"case": f"corpus of {corpus_size} (events of 50)", "articles": corpus_size,
                      "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "step_s": round(out["seconds"], 2),
                      "peak_rss_mib": round(peak, 1), "claims": out["claims"],
                      "ms_per_article": round(1000 * out["seconds"] / corpus_size, 1)})
    ratios = []
    for a, b in zip(cases, cases[1:]):
        size = b["articles"] / a["articles"]
        ratios.append({"from": a["case"], "to": b["case"], "size_ratio": round(size, 1),
                       "time_ratio": round(b["step_s"] / max(a["step_s"], 1e-9), 2),
                       "per_article_ratio": round(b["ms_per_article"] / max(a["ms_per_article"], 1e-9), 2)})
    return {"dataset": "cnndm", "embedder": embedder, "extract_s_not_timed": round(extract_s, 1),
            "cases": cases, "ratios": ratios,
            "note": "step_s = crosscheck_step (event + storyline scope, briefs); per_article_ratio near 1 = linear"}


def _subset(corpus: Any, articles: Sequence[Article]) -> Any:
    from dataclasses import replace

    ids = {a.id for a in articles}
    return replace(corpus, articles=tuple(r for r in corpus.articles if r.extraction.article in ids),
                   statements=tuple(s for s in corpus.statements if any(v.article in ids for v in s.variants)),
                   timeline=tuple(t for t in corpus.timeline if t.article in ids))
