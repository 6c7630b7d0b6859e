"""``newsfuse eval events``: events and storylines against labelled data.

* ECB+: every document of the chosen topics is clustered together, fed online in
  random order (``orders`` seeded shuffles); B-cubed P/R/F1 and ARI at event level
  (gold = topic + ecb/ecbplus sub-topic) and storyline level (gold = topic), mean and
  spread (standard deviation) over the orders. Baselines in the same run: TF-IDF with
  average-link agglomerative clustering at its best single threshold *picked on the
  answers* (an oracle, offline), all-in-one and singletons. ECB+ documents have no
  publication dates: the time signal reads only dates the texts state, and the
  figures are also given with the time signal switched off.
* Timeline17: the dated multi-outlet streams replayed in publication order; storyline
  B-cubed (gold = topic) and events per storyline.
* The sample articles: which of them form one event and one storyline.

Every function returns a dict of figures; the CLI prints it as a table or JSON.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsfuse.cluster.online import EventClusterer
from newsfuse.cluster.params import FittedParams, LinearModel
from newsfuse.eval.clustering import adjusted_rand, bcubed
from newsfuse.model import Article
from newsfuse.nlp.embeddings import Embedder

GOALS = {"ecbplus_event_f1": 0.95, "ecbplus_storyline_f1": 0.97}


def _embedder(embedder: Embedder | str | None, cache: str | Path | None) -> Any:
    if embedder == "default":
        from newsfuse.nlp.embeddings import default_embedder

        embedder = default_embedder()
    if embedder is None or cache is None:
        return embedder
    from newsfuse.cluster.embedcache import CachingEmbedder

    return CachingEmbedder(embedder, cache)  # type: ignore[arg-type]


def _warm(embedder: Any, articles: Sequence[Article], lead_chars: int) -> None:
    """Encode every lead once in batches (close calls then hit the cache)."""
    if hasattr(embedder, "warm"):
        from newsfuse.cluster.features import signals

        embedder.warm([signals(a, (), lead_chars).lead for a in articles])
        embedder.save()


def without_time(params: FittedParams) -> FittedParams:
    """The same models with the time-gap coefficient set to zero."""
    def drop(m: LinearModel) -> LinearModel:
        return LinearModel(m.features, tuple(0.0 if f == "time_gap" else c
                                             for f, c in zip(m.features, m.coef)), m.intercept)

    return FittedParams(drop(params.event_full), drop(params.event_fast), drop(params.storyline_full),
                        drop(params.storyline_fast), params.close_call, params.split_margin,
                        params.provenance)


def _scores(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    out = bcubed(pred, gold)
    out["ari"] = adjusted_rand(pred, gold)
    out["clusters"] = float(len(set(pred.values())))
    return out


def _summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    keys = runs[0].keys()
    return {k: {"mean": statistics.fmean(r[k] for r in runs),
                "spread": statistics.pstdev(r[k] for r in runs) if len(runs) > 1 else 0.0}
            for k in keys}


def run_online(articles: Sequence[Article], gold_event: dict[str, str], gold_story: dict[str, str],
               embedder: Any, params: FittedParams | None = None) -> dict[str, Any]:
    """One online pass in the given order: scores at both levels and work counters."""
    clusterer = EventClusterer(params=params, embedder=embedder)
    started = time.perf_counter()
    clusterer.fit(articles)
    seconds = time.perf_counter() - started
    event_of = {a: e.id for e in clusterer.events.values() for a in e.articles}
    story_of = {a: e.storyline for e in clusterer.events.values() for a in e.articles}
    calls = clusterer.counters["event_fast"] + clusterer.counters["event_embedding"]
    return {
        "event": _scores(event_of, gold_event),
        "storyline": _scores(story_of, gold_story),
        "seconds": seconds,
        "close_call_share": clusterer.counters["event_embedding"] / max(1, calls),
        "merges": clusterer.counters["merge_event"] + clusterer.counters["merge_storyline"],
        "splits": clusterer.counters["split_storyline"],
    }


def _orders(articles: Sequence[Article], orders: int, seed: int) -> list[list[Article]]:
    out = []
    for k in range(orders):
        order = list(articles)
        random.Random(seed + k).shuffle(order)
        out.append(order)
    return out


def eval_ecbplus(directory: str | Path, topics: Sequence[int] | None = None, orders: int = 5,
                 seed: int = 0, embedder: Embedder | str | None = "default",
                 cache: str | Path | None = None, baselines: bool = True,
                 progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """ECB+ figures for ``topics`` (default: the dev topics); see the module docstring."""
    from newsfuse.cluster.params import ClusterConfig
    from newsfuse.datasets.ecbplus import DEV_TOPICS, read_ecbplus

    say = progress or (lambda _m: None)
    wanted = list(topics) if topics else list(DEV_TOPICS)
    present = {int(p.name) for p in Path(directory).iterdir() if p.is_dir() and p.name.isdigit()}
    chosen = [t for t in wanted if t in present]  # ECB+ has no topics 15 and 17
    docs = list(read_ecbplus(directory, chosen))
    articles = [d.article() for d in docs]
    gold_event = {a.id: d.event_label for a, d in zip(articles, docs)}
    gold_story = {a.id: d.storyline_label for a, d in zip(articles, docs)}
    emb = _embedder(embedder, cache)
    _warm(emb, articles, ClusterConfig().lead_chars)
    from newsfuse.cluster.fitted import FITTED

    result: dict[str, Any] = {
        "data": {"directory": str(directory), "topics": chosen,
                 "missing_topics": sorted(set(wanted) - present), "documents": len(docs),
                 "events": len(set(gold_event.values())), "storylines": len(set(gold_story.values()))},
        "orders": orders, "seed": seed,
        "time_signal": "ECB+ documents have no publication dates: the time signal reads only "
                       "dates stated in the texts; 'no_time' switches it off",
        "params": FITTED.provenance,
        "goals": GOALS,
    }
    for name, params in (("online", FITTED), ("no_time", without_time(FITTED))):
        runs = [run_online(order, gold_event, gold_story, emb, params)
                for order in _orders(articles, orders, seed)]
        result[name] = {
            "event": _summary([r["event"] for r in runs]),
            "storyline": _summary([r["storyline"] for r in runs]),
            "close_call_share": statistics.fmean(r["close_call_share"] for r in runs),
            "seconds_per_order": statistics.fmean(r["seconds"] for r in runs),
            "merges": statistics.fmean(r["merges"] for r in runs),
            "splits": statistics.fmean(r["splits"] for r in runs),
        }
        say(f"{name}: event F1 {result[name]['event']['f1']['mean']:.3f}, "
            f"storyline F1 {result[name]['storyline']['f1']['mean']:.3f}")
    if hasattr(emb, "save"):
        emb.save()
    online = result["online"]
    result["goals_met"] = {
        "event": online["event"]["f1"]["mean"] >= GOALS["ecbplus_event_f1"],
        "storyline": online["storyline"]["f1"]["mean"] >= GOALS["ecbplus_storyline_f1"],
    }
    if baselines:
        from newsfuse.eval.events_baselines import agglomerative_best, trivial

        result["baselines"] = {
            "tfidf_average_link_oracle": agglomerative_best(articles, gold_event, gold_story),
            **trivial(articles, gold_event, gold_story),
        }
    return result


def eval_timeline17(directory: str | Path, embedder: Embedder | str | None = "default",
                    cache: str | Path | None = None) -> dict[str, Any]:
    """Timeline17 replayed in publication order; storyline figures (gold = topic)."""
    from newsfuse.datasets.timeline17 import read_timeline17

    items = sorted(read_timeline17(directory), key=lambda x: (x.published, x.topic, x.outlet, x.uid))
    articles = [x.article() for x in items]
    gold = {a.id: x.topic for a, x in zip(articles, items)}
    emb = _embedder(embedder, cache)
    clusterer = EventClusterer(embedder=emb)
    started = time.perf_counter()
    clusterer.fit(articles)
    seconds = time.perf_counter() - started
    if hasattr(emb, "save"):
        emb.save()
    story_of = {a: e.storyline for e in clusterer.events.values() for a in e.articles}
    event_of = {a: e.id for e in clusterer.events.values() for a in e.articles}
    events_per_story = Counter(e.storyline for e in clusterer.events.values())
    per_topic = {}
    for topic in sorted(set(gold.values())):
        ids = [a for a, t in gold.items() if t == topic]
        stories = Counter(story_of[a] for a in ids)
        per_topic[topic] = {
            "articles": len(ids),
            "events": len({event_of[a] for a in ids}),
            "storylines": len(stories),
            "largest_storyline_share": stories.most_common(1)[0][1] / len(ids),
        }
    sizes = sorted(events_per_story.values())
    calls = clusterer.counters["event_fast"] + clusterer.counters["event_embedding"]
    return {
        "data": {"directory": str(directory), "articles": len(articles), "topics": len(per_topic)},
        "storyline": _scores(story_of, gold),
        "events": len(clusterer.events),
        "storylines": len(clusterer.storylines),
        "events_per_storyline": {"mean": statistics.fmean(sizes), "median": statistics.median(sizes),
                                 "max": sizes[-1]},
        "per_topic": per_topic,
        "close_call_share": clusterer.counters["event_embedding"] / max(1, calls),
        "merges": clusterer.counters["merge_event"] + clusterer.counters["merge_storyline"],
        "splits": clusterer.counters["split_storyline"],
        "seconds": seconds,
    }


def eval_samples(paths: Sequence[str | Path], embedder: Embedder | str | None = "default"
                 ) -> dict[str, Any]:
    """Cluster the sample articles (cleaned like any input) and say what went together."""
    from newsfuse.clean import clean
    from newsfuse.config import load_config
    from newsfuse.ingest import read_file
    from newsfuse.model import Rejection

    config = load_config(environ={})
    articles: list[Article] = []
    names: dict[str, str] = {}
    for path in sorted(Path(p) for p in paths):
        for raw in read_file(path, config.ingest):
            if isinstance(raw, Rejection):
                continue
            out = clean(raw, config.clean)
            if isinstance(out, Article):
                articles.append(out)
                names[out.id] = path.name[:3]
    clusterer = EventClusterer(embedder=_embedder(embedder, None))
    clusterer.fit(articles)
    events = sorted(sorted(names[a] for a in e.articles) for e in clusterer.events.values())
    stories = sorted(sorted(names[a] for e in clusterer.events.values() if e.storyline == s
                            for a in e.articles) for s in clusterer.storylines)
    return {"events": events, "storylines": stories,
            "labels": {e.label: sorted(names[a] for a in e.articles) for e in clusterer.events.values()}}


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m newsfuse.eval.events``: the figures as JSON; ``newsfuse eval events`` is the command."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecbplus", help="ECB+ folder")
    parser.add_argument("--topics", default="", help="e.g. 2,5,12 or 1-35 (default: dev topics)")
    parser.add_argument("--timeline17", help="Timeline17 folder")
    parser.add_argument("--samples", nargs="*", help="sample article files")
    parser.add_argument("--orders", type=int, default=5)
    parser.add_argument("--cache", help="embedding cache file (.npz)")
    args = parser.parse_args(argv)
    out: dict[str, Any] = {}
    if args.ecbplus:
        out["ecbplus"] = eval_ecbplus(args.ecbplus, parse_topics(args.topics), orders=args.orders,
                                      cache=args.cache)
    if args.timeline17:
        out["timeline17"] = eval_timeline17(args.timeline17, cache=args.cache)
    if args.samples:
        out["samples"] = eval_samples(args.samples)
    print(json.dumps(out, indent=2, default=str))


def parse_topics(text: str) -> list[int] | None:
    """``"2,5,12"`` or ``"1-35"`` (ranges and lists mix); empty means the default."""
    topics: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        lo, _, hi = part.partition("-")
        topics.extend(range(int(lo), int(hi) + 1) if hi else [int(lo)])
    return topics or None


if __name__ == "__main__":
    main()
