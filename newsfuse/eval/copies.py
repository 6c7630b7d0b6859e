"""``newsfuse eval copies``: MSRP paraphrase, Reuters-21578 duplicates, synthetic copies.

Each function returns one JSON-able dict; the CLI prints it. Figures from
:func:`eval_synthetic` are labelled synthetic, because the copies are made by rules.
"""

from __future__ import annotations

import csv
import dataclasses
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.dedup import CopiesConfig, CopyDetector
from newsfuse.dedup.align import PairScorer, combine
from newsfuse.dedup.crossencoder import CrossEncoder, TrainParams
from newsfuse.dedup.links import _components
from newsfuse.dedup.paraphrase import FEATURES, ParaphraseScorer, features, lexical
from newsfuse.errors import InputError
from newsfuse.model import Article, Provenance
from newsfuse.nlp.embeddings import Embedder


def prf(predicted: set[Any], gold: set[Any]) -> dict[str, float | int]:
    """Precision, recall and F1 of a predicted set against a gold set."""
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp,
            "predicted": len(predicted), "gold": len(gold)}


def _pairs_of(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(sorted(g), 2)}  # type: ignore[misc]


# -- MSRP ---------------------------------------------------------------------------
def read_msrp(path: str | Path) -> list[tuple[int, str, str]]:
    """(label, sentence 1, sentence 2) of an MSRP TSV file."""
    target = Path(path)
    if not target.is_file():
        raise InputError(f"{path}: no MSRP file; pass msr_paraphrase_train.txt")
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(int(r[0]), r[3], r[4]) for r in rows[1:] if len(r) >= 5 and r[0] in "01"]


def msrp_features(pairs: list[tuple[int, str, str]], embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """Feature matrix and labels of MSRP pairs (embeds every sentence once)."""
    texts = sorted({s for _, a, b in pairs for s in (a, b)})
    index = {t: i for i, t in enumerate(texts)}
    vectors = embedder.encode(texts, batch_size=64)
    rows = [features(float(vectors[index[a]] @ vectors[index[b]]), lexical(a), lexical(b))
            for _, a, b in pairs]
    return np.array(rows), np.array([label for label, _, _ in pairs])


def msrp_split(pairs: list[tuple[int, str, str]], seed: int = 13, train_share: float = 0.7
               ) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]]]:
    """The fixed-seed fit and held-out parts of MSRP pairs (every model is fitted on the
    first only: the logistic scorer here, the cross-encoder by ``newsfuse train paraphrase``)."""
    order = _split_order(len(pairs), seed, train_share)
    return [pairs[i] for i in order[0]], [pairs[i] for i in order[1]]


def _split_order(n: int, seed: int, train_share: float) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    cut = int(n * train_share)
    return order[:cut], order[cut:]


def _accuracy_f1(probability: np.ndarray, y: np.ndarray) -> dict[str, float]:
    predicted = probability >= 0.5
    tp = int(np.sum(predicted & (y == 1)))
    p = tp / max(1, int(predicted.sum()))
    r = tp / max(1, int((y == 1).sum()))
    return {"accuracy": round(float(np.mean(predicted == (y == 1))), 4),
            "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def eval_msrp(path: str | Path, embedder: Embedder | None = None, seed: int = 13,
              train_share: float = 0.7, cross: PairScorer | bool = True) -> dict[str, Any]:
    """Paraphrase accuracy and F1 on MSRP (train split only, split here for fitting).

    A fixed-seed ``train_share`` part fits the logistic regression; the rest is held out
    and is what the figures describe. Also reports cosine alone with its best threshold
    chosen on the fitting part, the shipped scorer (``MSRP_WEIGHTS``), the shipped
    cross-encoder ensemble (every member trained on the same fit part) and the two
    combined as copy detection decides (:func:`newsfuse.dedup.align.combine`), all on
    the same held-out part.
    ``cross``: the shipped ensemble (``True``), another scorer, or none (``False``).
    """
    if embedder is None:
        from newsfuse.nlp.embeddings import default_embedder

        embedder = default_embedder()
    pairs = read_msrp(path)
    t0 = time.perf_counter()
    x, y = msrp_features(pairs, embedder)
    seconds = time.perf_counter() - t0
    fit_idx, test_idx = _split_order(len(pairs), seed, train_share)
    fitted = ParaphraseScorer.fit(x[fit_idx], y[fit_idx])
    cos_fit = x[fit_idx, 0]
    thresholds = np.unique(np.round(cos_fit, 3))
    best = max(thresholds, key=lambda t: np.mean((cos_fit >= t) == (y[fit_idx] == 1)))
    cos_pred = x[test_idx, 0] >= best
    y_test = y[test_idx]
    shipped_p = ParaphraseScorer().probability(x[test_idx])
    crossed: dict[str, Any] = {}
    if cross is not False:
        from newsfuse.dedup.crossencoder import shipped_cross_encoder

        model = shipped_cross_encoder() if cross is True else cross
        t1 = time.perf_counter()
        cross_p = model.probability([(pairs[i][1], pairs[i][2]) for i in test_idx])
        seconds_cross = time.perf_counter() - t1
        crossed = {
            "held_out_cross_encoder": _accuracy_f1(cross_p, y_test),
            "held_out_combined": _accuracy_f1(combine(shipped_p, cross_p), y_test),
            "cross_encoder": {"pairs_per_second": round(len(test_idx) / seconds_cross, 1),
                              "params": repr(getattr(model, "params", None))},
        }
    return {
        "data": str(path), "pairs": len(pairs), "positives": int(y.sum()),
        "split": {"seed": seed, "fit": len(fit_idx), "held_out": len(test_idx)},
        "embedder": getattr(embedder, "name", type(embedder).__name__),
        "features": list(FEATURES),
        "held_out": _accuracy_f1(fitted.probability(x[test_idx]), y_test),
        "held_out_shipped_weights": _accuracy_f1(shipped_p, y_test),
        **crossed,
        "cosine_only": {"threshold": round(float(best), 3),
                        "accuracy": round(float(np.mean(cos_pred == (y[test_idx] == 1))), 4)},
        "majority_baseline": round(float(max(y[test_idx].mean(), 1 - y[test_idx].mean())), 4),
        "fitted": {"weights": [round(w, 4) for w in fitted.weights.tolist()],
                   "mean": [round(m, 4) for m in fitted.mean.tolist()],
                   "scale": [round(s, 4) for s in fitted.scale.tolist()]},
        "embedding_seconds": round(seconds, 1),
        "goal": "accuracy >= 0.80 on the held-out part (held_out_combined: what copy detection uses)",
    }


def cross_validate_recipe(fit: list[tuple[int, str, str]], seeds: Sequence[int], folds: int = 3,
                          params: TrainParams | None = None, embedder: Embedder | None = None,
                          log: Callable[[str], None] = lambda _: None, device: str = "cpu") -> dict[str, Any]:
    """Out-of-fold accuracy of the cross-encoder recipe *inside* the MSRP fit part.

    The fit part (never the held-out part) is cut into ``folds`` fixed-seed folds; for
    every model seed an adapter is trained on all folds but one and scores that one, and
    the feature scorer is refitted the same way. Reported: each seed alone and combined
    with the features (:func:`~newsfuse.dedup.align.combine`, as copy detection
    decides), and the ensembles of the first 1, 2, ... seeds (mean logit); the held-out
    fold's accuracy is logged after every epoch, and ``out_of_fold`` holds the labels and
    scores themselves. This is how the shipped ensemble's size was chosen without reading
    the held-out part.
    """
    if embedder is None:
        from newsfuse.nlp.embeddings import default_embedder

        embedder = default_embedder()
    base = params or TrainParams()
    x, y = msrp_features(fit, embedder)
    fold_of = np.random.default_rng(7).permutation(len(fit)) % folds
    feature_p = np.zeros(len(fit))
    for k in range(folds):
        feature_p[fold_of == k] = ParaphraseScorer.fit(x[fold_of != k], y[fold_of != k]).probability(
            x[fold_of == k])
    parts = [([p for p, f in zip(fit, fold_of) if f != k], [p for p, f in zip(fit, fold_of) if f == k])
             for k in range(folds)]  # (train, held out) per fold; the held-out fold is logged every epoch
    logits: dict[int, np.ndarray] = {}
    for seed in seeds:
        out = np.zeros(len(fit), dtype=np.float32)
        for k, (train, held) in enumerate(parts):
            model = CrossEncoder.train(train, dataclasses.replace(base, seed=seed), log=log, dev=held,
                                       device=device)
            out[fold_of == k] = model.logits([(a, b) for _, a, b in held])
            log(f"seed {seed}, fold {k + 1}/{folds} scored")
        logits[seed] = out

    def scored(z: np.ndarray) -> dict[str, Any]:
        cross_p = 1.0 / (1.0 + np.exp(-z))
        return {"cross_encoder": _accuracy_f1(cross_p, y)["accuracy"],
                "combined": _accuracy_f1(combine(feature_p, cross_p), y)["accuracy"]}

    return {"pairs": len(fit), "folds": folds, "params": repr(base),
            "features": _accuracy_f1(feature_p, y)["accuracy"],
            "seeds": {str(s): scored(logits[s]) for s in seeds},
            "ensembles": [{"seeds": list(seeds[: n + 1]),
                           **scored(np.mean([logits[s] for s in seeds[: n + 1]], axis=0))}
                          for n in range(len(seeds))],
            # the out-of-fold scores themselves, to study other combinations without retraining
            "out_of_fold": {"labels": y.astype(int).tolist(), "features": np.round(feature_p, 5).tolist(),
                            "logits": {str(s): np.round(logits[s], 5).tolist() for s in seeds}}}


# -- Reuters ------------------------------------------------------------------------
_TRAILER = re.compile(r"\s*reuter\s*$")


def reuters_gold_key(body: str) -> str:
    """The gold identity of a Reuters body: whitespace, case and trailing "Reuter" normalised."""
    return _TRAILER.sub("", " ".join(body.lower().split()))


def reuters_articles(directory: str | Path) -> list[Article]:
    """Reuters-21578 stories with a body, as articles (outlet Reuters, dates from the SGML)."""
    from newsfuse.datasets.reuters import read_reuters

    return [
        Article(id=f"reuters-{s.newid:05d}", provenance=Provenance(str(directory), "text", s.newid),
                text=s.body, title=s.title or None, outlet="Reuters", url=None, published=s.date,
                language="en")
        for s in read_reuters(directory) if s.body
    ]


JUDGED = Path(__file__).with_name("reuters_judged.tsv")


def read_judged(path: Path = JUDGED) -> dict[tuple[str, str], str]:
    """Reader judgments of Reuters pairs outside the identical-body gold: pair -> dup|not."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return {tuple(sorted((r["a"], r["b"]))): r["judgment"] for r in rows}  # type: ignore[misc]


def eval_reuters(directory: str | Path, config: CopiesConfig | None = None, show: int = 20) -> dict[str, Any]:
    """P/R/F1 of exact + near duplicate pairs on Reuters-21578 against identical bodies.

    Predicted pairs are those of the groups the exact and near links form (a group of
    k copies is k*(k-1)/2 pairs, as in the gold). Pairs outside the gold are counted
    against precision, and listed: many are real near duplicates (corrections,
    re-sends, trimmed versions) that the gold's identity rule cannot see.

    A second figure, ``judged``, adds to the gold the pairs a reader judged the same
    report (:data:`JUDGED`, pooled from this detector's output, so it can only help
    precision); a predicted pair nobody judged counts as wrong.
    """
    articles = reuters_articles(directory)
    by_id = {a.id: a for a in articles}
    gold_groups: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        gold_groups[reuters_gold_key(a.text)].append(a.id)
    gold = _pairs_of(g for g in gold_groups.values() if len(g) > 1)
    cfg = config or CopiesConfig(rewrites=False)
    t0 = time.perf_counter()
    detector = CopyDetector(cfg).fit(articles)
    seconds = time.perf_counter() - t0
    links = [link for link in detector.links_ if link.relation in ("exact", "near")]
    predicted = _pairs_of(m for m in _components(by_id.keys(), links).values() if len(m) > 1)
    direct = {(link.a, link.b) for link in links}
    further = sorted(direct - gold)
    link_of = {(link.a, link.b): link for link in links}
    samples = random.Random(0).sample(further, min(show, len(further)))
    judged = read_judged()
    judged_gold = gold | {p for p, verdict in judged.items() if verdict == "dup"}
    unjudged = {p for p in predicted - gold if p not in judged}
    return {
        "data": str(directory), "stories_with_body": len(articles),
        "gold_groups": sum(1 for g in gold_groups.values() if len(g) > 1),
        "gold_stories": sum(len(g) for g in gold_groups.values() if len(g) > 1),
        "exact_near_pairs": prf(predicted, gold),
        "judged": {**prf(predicted, judged_gold), "judged_pairs": len(judged), "unjudged_predicted": len(unjudged),
                   "gold_rule": "identical bodies plus pairs a reader judged the same report"},
        "exact_only_pairs": prf(_pairs_of(m for m in _components(
            by_id.keys(), [x for x in links if x.relation == "exact"]).values() if len(m) > 1), gold),
        "links": dict(Counter(link.relation for link in detector.links_)),
        "further_near_pairs": len(further),
        "further_samples": [
            {"a": a, "b": b, "relation": link_of[(a, b)].relation, "score": link_of[(a, b)].score,
             "a_text": by_id[a].text[:160], "b_text": by_id[b].text[:160]}
            for a, b in samples
        ],
        "params": cfg.to_dict(), "seconds": round(seconds, 2),
        "goal": "exact+near pair F1 >= 0.95",
    }


# -- synthetic ----------------------------------------------------------------------
def synthetic_corpus(reuters_dir: str | Path, n: int, seed: int = 0,
                     distractors: int | None = None) -> tuple[list[Article], list[Any]]:
    """Real Reuters sources (8+ sentences) plus ``n`` synthetic copies, shuffled.

    Copies cycle through the kinds of :mod:`newsfuse.dedup.synthetic`; each source is
    copied at most once. ``distractors`` further real articles (default ``n``) are added
    uncopied, so precision is measured against real unrelated and same-topic stories.
    """
    from newsfuse.datasets.reuters import read_reuters
    from newsfuse.dedup.synthetic import KINDS, make_copy, reuters_text
    from newsfuse.dedup.text import sentences

    rng = random.Random(seed)
    pool: list[Article] = []
    seen_texts: set[str] = set()
    for story in read_reuters(reuters_dir):
        text = reuters_text(story.body)
        key = reuters_gold_key(text)
        if key in seen_texts or len(sentences(text, min_words=8)) < 8:
            continue
        seen_texts.add(key)
        pool.append(Article(id=f"reuters-{story.newid:05d}", provenance=Provenance("reuters", "text", story.newid),
                            text=text, title=story.title or None, outlet="Reuters", url=None,
                            published=story.date, language="en"))
    rng.shuffle(pool)
    extra = n if distractors is None else distractors
    merges = sum(1 for i in range(n) if KINDS[i % len(KINDS)] == "merge")
    if len(pool) < n + merges + extra:
        raise InputError(f"{reuters_dir}: only {len(pool)} usable stories for {n} synthetic copies")
    sources, seconds, rest = pool[:n], pool[n : n + merges], pool[n + merges : n + merges + extra]
    copies = []
    second = iter(seconds)
    for i, source in enumerate(sources):
        kind = KINDS[i % len(KINDS)]
        other = next(second) if kind == "merge" else None
        copies.append(make_copy(kind, source, other, rng, f"{seed}-{i}"))
    corpus = sources + seconds + rest + [c.article for c in copies]
    rng.shuffle(corpus)
    return corpus, copies


def eval_synthetic(reuters_dir: str | Path, n: int = 200, seed: int = 0, config: CopiesConfig | None = None,
                   embedder: Embedder | None = None) -> dict[str, Any]:
    """P/R per relation and direction accuracy on synthetic copies of real Reuters stories.

    Every figure is labelled synthetic: the copies are made by rules
    (:mod:`newsfuse.dedup.synthetic`), not by people.
    """
    corpus, copies = synthetic_corpus(reuters_dir, n, seed)
    t0 = time.perf_counter()
    detector = CopyDetector(config or CopiesConfig(), embedder=embedder).fit(corpus)
    seconds = time.perf_counter() - t0
    gold: dict[tuple[str, str], tuple[str, str, str]] = {}  # pair -> (relation, source, kind)
    for c in copies:
        for source in c.sources:
            x, y = sorted((source, c.article.id))
            gold[(x, y)] = (c.relation, source, c.kind)
    found = {(x.a, x.b): x for x in detector.links_}
    per_relation = {}
    for relation in ("near", "rewrite", "partial"):
        predicted = {p for p, x in found.items() if x.relation == relation}
        per_relation[relation] = prf(predicted, {p for p, g in gold.items() if g[0] == relation})
    per_kind: dict[str, dict[str, Any]] = {}
    for kind in sorted({g[2] for g in gold.values()}):
        pairs = [p for p, g in gold.items() if g[2] == kind]
        got = [found[p] for p in pairs if p in found]
        per_kind[kind] = {"gold": len(pairs), "found": len(got),
                          "relations": dict(Counter(x.relation for x in got))}
    directions: Counter[str] = Counter()
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    for pair, (_, source, kind) in gold.items():
        link = found.get(pair)
        if link is None:
            continue
        outcome = "undirected" if link.source is None else "correct" if link.source == source else "wrong"
        directions[outcome] += 1
        why = re.sub(r" [\d.]+ vs [\d.]+| \(inferred date\)", "", link.direction_evidence.split(":")[0])
        evidence[why][outcome] += 1
    directed = directions["correct"] + directions["wrong"]
    false_links = [x for p, x in found.items() if p not in gold]
    return {
        "label": "SYNTHETIC: rule-made copies of real Reuters-21578 stories",
        "data": str(reuters_dir), "copies": n, "seed": seed, "articles": len(corpus),
        "any_relation_pairs": prf(set(found), set(gold)),
        "per_relation": per_relation, "per_kind": per_kind,
        "direction": {"found_gold_links": sum(directions.values()), **dict(directions),
                      "accuracy_all": round(directions["correct"] / max(1, sum(directions.values())), 4),
                      "accuracy_directed": round(directions["correct"] / max(1, directed), 4),
                      "by_evidence": {k: dict(v) for k, v in sorted(evidence.items())}},
        "false_links": [{"a": x.a, "b": x.b, "relation": x.relation, "score": x.score,
                         "method": x.method} for x in false_links[:10]],
        "seconds": round(seconds, 1),
        "goal": "rewrite F1 >= 0.90 (synthetic)",
    }
