"""``newsfuse eval stance``: Emergent (Ferreira & Vlachos 2016), the stance of each article
headline towards its claim (for / against / observing).

Features in the manner of the paper: the headline's bag of words (unigrams and bigrams),
a question mark, hedging and refuting word lists (presence, and the dependency-tree
distance from the root to the nearest one), claim-headline word overlap, negation
mismatch, and the claim-headline sentence-embedding similarity (MiniLM standing in for
the paper's word2vec / PPDB alignment). A logistic regression, cross-validated with
folds grouped by claim (no claim is in both training and test). Reference: 73% accuracy.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.errors import InputError

REFUTING = ("fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denial", "not", "despite", "nope",
            "doubt", "doubts", "bogus", "debunk", "debunks", "debunked", "pranks", "prank", "retract", "retracts",
            "retracted", "no", "never", "rumor", "rumour", "refute", "refutes", "untrue", "myth", "misleading",
            "isn't", "isn’t", "wasn't", "won't", "didn't", "don't", "aren't", "reject", "rejects", "dismiss",
            "dismisses", "slams", "satire", "spoof", "claims", "phony", "fabricated", "wrong", "mistaken")
HEDGING = ("alleged", "allegedly", "apparently", "appear", "appears", "claim", "claims", "could", "evidently",
           "largely", "likely", "mainly", "may", "maybe", "might", "mostly", "perhaps", "presumably",
           "probably", "purported", "purportedly", "reported", "reportedly", "rumor", "rumour", "rumors",
           "rumours", "rumored", "rumoured", "says", "seem", "seems", "somewhat", "supposedly", "unconfirmed",
           "report", "reports", "according", "said", "suggests", "suggest", "possible", "possibly", "believed",
           "sources", "source", "if", "whether", "?", "could", "would", "unverified", "speculation")
_WORD = re.compile(r"[\w'’]+|\?")
LABELS = ("for", "against", "observing")


def load_emergent(path: str | Path) -> list[dict[str, str]]:
    """Rows of ``url-versions-2015-06-14-clean.csv`` (claimHeadline, articleHeadline,
    articleHeadlineStance, claimId); a folder finds the file inside."""
    p = Path(path)
    if p.is_dir():
        found = sorted(p.glob("*.csv"))
        if not found:
            raise InputError(f"{p}: no Emergent CSV here; pass the url-versions-*.csv file")
        p = found[0]
    if not p.exists():
        raise InputError(f"{p}: not found; pass the Emergent CSV (../shared/data/emergent/...)")
    with p.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("articleHeadlineStance") in LABELS]
    if not rows:
        raise InputError(f"{p}: no rows with a for/against/observing stance; is this the Emergent CSV?")
    return rows


def _tokens(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _root_distance(doc: Any, words: frozenset[str]) -> float:
    """Shortest distance from the root to a word of the list (the paper's feature), capped."""
    best = 10.0
    for tok in doc:
        if tok.lower_ in words:
            depth, node = 0, tok
            while node.head is not node and depth < 10:
                node, depth = node.head, depth + 1
            best = min(best, float(depth))
    return best / 10.0


def dense_features(claims: list[str], headlines: list[str], embed: bool = True,
                   parse: bool = True) -> np.ndarray:
    """The hand-made features per (claim, headline) pair, one row each."""
    refute, hedge = frozenset(REFUTING), frozenset(HEDGING)
    docs: list[Any] = [None] * len(headlines)
    if parse:
        from newsfuse.nlp.spacy_pipeline import load_spacy

        nlp = load_spacy(exclude=("ner",))
        docs = list(nlp.pipe(headlines, batch_size=128))
    sims = np.zeros(len(headlines), dtype=np.float32)
    if embed:
        from newsfuse.nlp.embeddings import default_embedder

        model = default_embedder()
        unique = sorted(set(claims) | set(headlines))
        vec = dict(zip(unique, model.encode(unique, batch_size=64)))
        sims = np.array([float(vec[c] @ vec[h]) for c, h in zip(claims, headlines)], dtype=np.float32)
    rows = []
    for i, (claim, head) in enumerate(zip(claims, headlines)):
        ht, ct = _tokens(head), _tokens(claim)
        hs, cs = set(ht), set(ct)
        neg_h = sum(w in ("not", "no", "never") or w.endswith("n't") for w in ht)
        neg_c = sum(w in ("not", "no", "never") or w.endswith("n't") for w in ct)
        row = [
            float("?" in head), float(bool(hs & refute)), float(bool(hs & hedge)),
            len(hs & refute) / 3.0, len(hs & hedge) / 3.0,
            len(hs & cs) / (len(hs | cs) or 1), len(hs & cs) / (len(cs) or 1),
            float(neg_h != neg_c), float(sims[i]),
        ]
        if parse:
            row += [_root_distance(docs[i], refute), _root_distance(docs[i], hedge)]
        rows.append(row)
    return np.asarray(rows, dtype=np.float64)


def eval_stance(path: str | Path, folds: int = 10, embed: bool = True, parse: bool = True,
                progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Grouped (by claim) cross-validated accuracy and macro-F1 on Emergent.

    Returns:
        ``{"accuracy", "macro_f1", "per_class", "folds", "rows", "claims", "reference", "goal", ...}``.
    """
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
    from sklearn.model_selection import GroupKFold

    t0 = time.perf_counter()
    rows = load_emergent(path)
    claims = [r["claimHeadline"] for r in rows]
    heads = [r["articleHeadline"] for r in rows]
    y = np.array([r["articleHeadlineStance"] for r in rows])
    groups = np.array([r["claimId"] for r in rows])
    if progress:
        progress(f"stance: features for {len(rows)} headlines")
    dense = dense_features(claims, heads, embed=embed, parse=parse)
    predicted = np.empty(len(rows), dtype=object)
    for train, test in GroupKFold(n_splits=folds).split(heads, y, groups):
        vectorizer = CountVectorizer(ngram_range=(1, 2), min_df=2, binary=True, token_pattern=r"[\w'’]+|\?")
        bow_train = vectorizer.fit_transform([heads[i] for i in train])
        bow_test = vectorizer.transform([heads[i] for i in test])
        x_train = hstack([bow_train, csr_matrix(dense[train] * 3.0)]).tocsr()
        x_test = hstack([bow_test, csr_matrix(dense[test] * 3.0)]).tocsr()
        model = LogisticRegression(C=0.5, max_iter=2000, class_weight=None)
        model.fit(x_train, y[train])
        predicted[test] = model.predict(x_test)
    p, r, f, n = precision_recall_fscore_support(y, predicted.astype(str), labels=list(LABELS), zero_division=0)
    return {
        "dataset": "emergent", "rows": len(rows), "claims": len(set(groups)), "folds": folds,
        "grouped_by": "claim", "features": "headline BoW 1-2g, ?, hedge/refute lists + root distance, "
                                          "overlap, negation mismatch" + (", MiniLM similarity" if embed else ""),
        "accuracy": round(float(accuracy_score(y, predicted.astype(str))), 4),
        "macro_f1": round(float(f1_score(y, predicted.astype(str), average="macro")), 4),
        "per_class": {lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                            "f1": round(float(f[i]), 4), "support": int(n[i])} for i, lab in enumerate(LABELS)},
        "reference": {"accuracy": 0.73, "source": "Ferreira & Vlachos 2016 (logistic regression)"},
        "goal": {"accuracy": 0.73}, "seconds": round(time.perf_counter() - t0, 1),
    }
