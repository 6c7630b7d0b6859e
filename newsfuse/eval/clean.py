"""Evaluate the clean stage on the Zyte (Scrapinghub) article-extraction benchmark.

The metric is the benchmark's own, re-implemented here from its ``evaluate.py``
(github.com/scrapinghub/article-extraction-benchmark, MIT): texts are tokenised
with ``\\w+``; each text becomes a multiset of 4-token shingles; per document,
TP/FP/FN are the multiset overlaps, normalised by their sum so long texts do not
weigh more; precision is averaged over documents that predicted something, recall
over documents whose truth has something, and F1 is the harmonic mean of those two
averages (not an average of per-document F1s). Precision and recall are 1 when
both texts are empty of shingles.

Three ways of producing the article body are scored against ``articleBody``:

* ``html``: ``clean()`` on the page as HTML (trafilatura, then the line classifier);
* ``text``: the page rendered to visible lines (what a scraper saves), then
  ``clean()`` on that plain text (the line classifier alone);
* ``keep_all``: every visible line, the baseline any cleaner must beat.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newsfuse.clean import clean, visible_lines
from newsfuse.config import CleanConfig
from newsfuse.errors import InputError
from newsfuse.model import Article, Provenance, RawDocument

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4

TpFpFn = tuple[float, float, float]


def _shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    # As in the benchmark: a text shorter than n tokens is one (short) shingle.
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def shingle_match(true: str, pred: str) -> TpFpFn:
    """Normalised (TP, FP, FN) of 4-token shingle multisets, as the benchmark computes."""
    truth, guess = _shingles(true), _shingles(pred)
    tp = fp = fn = 0
    for key in truth.keys() | guess.keys():
        t, p = truth.get(key, 0), guess.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    if total == 0:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def aggregate(matches: Iterable[TpFpFn]) -> dict[str, float]:
    """Benchmark precision, recall and F1 over documents."""
    items = list(matches)
    precisions = [_precision(*m) for m in items if m[0] + m[1] > 0]
    recalls = [_recall(*m) for m in items if m[0] + m[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _text_of(result: object) -> str:
    return result.text if isinstance(result, Article) else ""


def eval_clean_zyte(directory: Path, *, mode: str = "standard", progress: bool = False) -> dict:
    """Score the clean stage on a Zyte-benchmark directory.

    Args:
        directory: holds ``ground-truth.json`` (``{key: {"articleBody", "url"}}``)
            and ``html/<key>.html.gz``.
        mode: ``CleanConfig.html_mode`` for the HTML path.
        progress: show a progress bar.

    Returns:
        ``{"documents": n, "mode": mode, "html": {...}, "text": {...},
        "keep_all": {...}}``, each inner dict with precision, recall and f1.

    Raises:
        InputError: the directory does not have the benchmark layout.
    """
    directory = Path(directory)
    truth_path = directory / "ground-truth.json"
    try:
        truth = json.loads(truth_path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(
            f"{truth_path}: cannot read the benchmark ground truth ({exc}); "
            "point to a directory with ground-truth.json and html/<key>.html.gz"
        ) from None
    config = CleanConfig(html_mode=mode, detect_language=False)
    keys = sorted(truth)
    iterator: Iterable[str] = keys
    if progress:
        from tqdm import tqdm

        iterator = tqdm(keys, desc="zyte", unit="page", disable=None, leave=False)
    html_m: list[TpFpFn] = []
    text_m: list[TpFpFn] = []
    all_m: list[TpFpFn] = []
    for key in iterator:
        page = directory / "html" / f"{key}.html.gz"
        try:
            with gzip.open(page, "rt", encoding="utf-8", errors="replace") as fh:
                html = fh.read()
        except OSError as exc:
            raise InputError(f"{page}: cannot read benchmark page ({exc})") from None
        body = truth[key].get("articleBody", "") or ""
        url = truth[key].get("url")
        as_html = RawDocument(Provenance(str(page), "html"), "html", html, url=url)
        html_m.append(shingle_match(body, _text_of(clean(as_html, config))))
        lines = visible_lines(html)
        scraped = "\n".join(lines)
        as_text = RawDocument(Provenance(str(page), "text"), "text", scraped)
        text_m.append(shingle_match(body, _text_of(clean(as_text, config))))
        all_m.append(shingle_match(body, scraped))
    return {
        "documents": len(keys),
        "mode": mode,
        "html": aggregate(html_m),
        "text": aggregate(text_m),
        "keep_all": aggregate(all_m),
    }


if __name__ == "__main__":  # pragma: no cover - a convenience for developers
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data/zyte-dev")
    for name in sys.argv[2:] or ["standard"]:
        print(json.dumps(eval_clean_zyte(target, mode=name, progress=True), indent=2))
