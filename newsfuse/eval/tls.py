"""Timeline summarisation on Timeline17, scored as news-tls scores DATEWISE.

Protocol (news-tls ``experiments/evaluate.py``): every reference timeline is its own test
case; the system sees the articles of its ``<topic>_<outlet>`` folder published between the
reference's first and last date, and is told the reference's number of dates and its mean
sentences per date (rounded). Scores: AR-1/AR-2 = tilse ``align_date_content_costs_many_to_one``
ROUGE-1/2 and Date-F1 = exact-day F1; means are news-tls's (mean P, mean R, F of the means).
Metrics come from :mod:`newsfuse.eval.tilse_metrics`, a pure-Python reimplementation of tilse
0.2.1 + ROUGE-1.5.5 (real tilse needs a system Perl module; see that module).

Split: Timeline17 has no standard dev split (news-tls cross-validates by topic). The copy here
has 4 topics and 14 reference timelines. We fix **dev = H1N1, LibyaWar** (5 timelines) and
**train = bpoil, SyrianCrisis** (9 timelines); the date ranker is fitted on train only.
``all_topics`` also reports every topic leave-one-topic-out (ranker fitted on the other three).
Reference: DATEWISE 0.120 / 0.035 / 0.544 (AR1-F / AR2-F / Date-F1) on all of Timeline17.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsfuse.errors import InputError

DEV_TOPICS = ("H1N1", "LibyaWar")
TRAIN_TOPICS = ("bpoil", "SyrianCrisis")
REFERENCE = {"method": "DATEWISE (Ghalandari & Ifrim, ACL 2020), all of Timeline17",
             "ar1_f": 0.120, "ar2_f": 0.035, "date_f1": 0.544}
SCORER = ("newsfuse.eval.tilse_metrics: Python reimplementation of tilse 0.2.1 "
          "TimelineRougeEvaluator + ROUGE-1.5.5 (-n 2 -m -s -f A -t 2)")


@dataclass(frozen=True, slots=True)
class ReferenceTimeline:
    """One human timeline of a Timeline17 folder."""

    collection: str  # "<topic>_<outlet>"
    name: str  # file name without ".timeline.json"
    entries: dict[date, list[str]]

    @property
    def topic(self) -> str:
        return self.collection.partition("_")[0]

    def mean_sentences(self) -> int:
        """news-tls ``get_average_summary_length``: Python-rounded mean sentences per date."""
        return round(sum(len(s) for s in self.entries.values()) / len(self.entries))


def _split_sentences(text: str) -> list[str]:
    # the news-tls JSON form joins a date's sentences with two spaces
    return [s.strip() for s in re.split(r"\s{2,}", text) if s.strip()]


def read_reference_timelines(directory: str | Path) -> list[ReferenceTimeline]:
    """Every ``<topic>_<outlet>/*.timeline.json`` under ``directory``.

    Raises:
        InputError: no timeline file was found.
    """
    files = sorted(Path(directory).glob("*_*/*.timeline.json"))
    if not files:
        raise InputError(f"{directory}: no <topic>_<outlet>/*.timeline.json; pass the Timeline17 "
                         "folder (../shared/data/timeline17)")
    out = []
    for file in files:
        entries: dict[date, list[str]] = {}
        for item in json.loads(file.read_text(encoding="utf-8")):
            entries.setdefault(date.fromisoformat(str(item["date"])[:10]), []).extend(
                _split_sentences(str(item["text"])))
        out.append(ReferenceTimeline(file.parent.name, file.name.removesuffix(".timeline.json"),
                                     {d: s for d, s in sorted(entries.items()) if s}))
    return out


def _corpora(directory: str | Path, collections: set[str]) -> dict[str, Any]:
    from newsfuse.brief.tls_dates import prepare_corpus
    from newsfuse.datasets.timeline17 import read_timeline17

    articles: dict[str, list[Any]] = {}
    for item in read_timeline17(directory):
        key = f"{item.topic}_{item.outlet}"
        if key in collections:
            articles.setdefault(key, []).append(item.article())
    return {key: prepare_corpus(items) for key, items in articles.items()}


def _fit(refs: Sequence[ReferenceTimeline], corpora: dict[str, Any]) -> Any:
    from newsfuse.brief.tls import fit_date_ranker

    examples = [(corpora[r.collection], min(r.entries), max(r.entries), set(r.entries))
                for r in refs]
    return fit_date_ranker(examples, sorted({r.topic for r in refs}))


def _score(ref: ReferenceTimeline, corpus: Any, ranker: Any) -> dict[str, Any]:
    from newsfuse.brief.tls import TimelineParams, summarize_timeline
    from newsfuse.eval.tilse_metrics import date_prf, evaluate

    params = TimelineParams(max_dates=len(ref.entries), sents_per_date=ref.mean_sentences(),
                            start=min(ref.entries), end=max(ref.entries), ranker=ranker)
    pred = summarize_timeline(corpus, params).as_dict()
    rouge = evaluate(pred, ref.entries)
    return {"timeline": f"{ref.collection}/{ref.name}", "topic": ref.topic,
            "dates": len(pred), "gold_dates": len(ref.entries), "k": params.sents_per_date,
            "ar1": rouge["rouge_1"], "ar2": rouge["rouge_2"],
            "date": date_prf(pred, ref.entries), "predicted": pred}


def _summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    from newsfuse.eval.tilse_metrics import average

    ar1, ar2, dt = (average([r[k] for r in rows]) for k in ("ar1", "ar2", "date"))
    return {"timelines": len(rows), "ar1_f": ar1.f_score, "ar2_f": ar2.f_score,
            "date_f1": dt.f_score, "ar1": ar1.as_dict(), "ar2": ar2.as_dict(), "date": dt.as_dict()}


def _public(row: dict[str, Any], keep_timelines: bool) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k not in ("ar1", "ar2", "date", "predicted")}
    out.update(ar1_f=row["ar1"].f_score, ar2_f=row["ar2"].f_score, date_f1=row["date"].f_score)
    if keep_timelines:
        out["predicted"] = {d.isoformat(): s for d, s in sorted(row["predicted"].items())}
    return out


def eval_timeline17(directory: str | Path, topics: Sequence[str] = DEV_TOPICS,
                    train_topics: Sequence[str] = TRAIN_TOPICS, all_topics: bool = True,
                    keep_timelines: bool = False) -> dict[str, Any]:
    """DATEWISE-style timelines for ``topics``, ranker fitted on ``train_topics``, scored.

    Args:
        directory: the Timeline17 folder.
        topics: topics to test (default the dev split).
        train_topics: topics to fit the date ranker on; where none of them is in
            ``directory``, the packaged :data:`newsfuse.brief.tls.DEFAULT_RANKER` is used.
        all_topics: also score every topic leave-one-topic-out.
        keep_timelines: include the predicted timelines in the result.

    Returns:
        ``{"dev": {"per_timeline", "mean"}, "all_topics": {...}, "reference", "goals_met", ...}``.

    Raises:
        InputError: a requested topic is not in ``directory``.
    """
    from newsfuse.brief.tls import DEFAULT_RANKER

    began = time.perf_counter()
    refs = read_reference_timelines(directory)
    present = sorted({r.topic for r in refs})
    missing = [t for t in topics if t not in present]
    if missing:
        raise InputError(f"{directory}: no topic {', '.join(missing)}; present: {', '.join(present)}")
    overlap = set(topics) & set(train_topics)
    if overlap:
        raise InputError(f"topics {sorted(overlap)} are both test and training topics; "
                         "pass disjoint --topics and training topics")
    wanted = set(present) if all_topics else set(topics) | set(train_topics)
    corpora = _corpora(directory, {r.collection for r in refs if r.topic in wanted})
    refs = [r for r in refs if r.collection in corpora]
    train = [r for r in refs if r.topic in train_topics]
    ranker = _fit(train, corpora) if train else DEFAULT_RANKER
    dev_rows = [_score(r, corpora[r.collection], ranker) for r in refs if r.topic in topics]
    out: dict[str, Any] = {
        "split": {"test_topics": list(topics), "train_topics": sorted({r.topic for r in train}),
                  "ranker": "fitted on train topics" if train else "packaged DEFAULT_RANKER"},
        "dev": {"per_timeline": [_public(r, keep_timelines) for r in dev_rows],
                "mean": _summary(dev_rows)},
    }
    if all_topics:
        rows = []
        for topic in present:
            others = [r for r in refs if r.topic != topic]
            fold_ranker = _fit(others, corpora)
            rows += [_score(r, corpora[r.collection], fold_ranker) for r in refs if r.topic == topic]
        out["all_topics"] = {
            "protocol": "leave-one-topic-out (ranker fitted on the other topics)",
            "per_timeline": [_public(r, keep_timelines) for r in rows],
            "per_topic": {t: _summary([r for r in rows if r["topic"] == t]) for t in present},
            "mean": _summary(rows)}
    mean = out["dev"]["mean"]
    out["reference"] = REFERENCE
    out["goal"] = "dev mean >= DATEWISE on each of AR1-F, AR2-F, Date-F1"
    out["goals_met"] = all(mean[k] >= REFERENCE[k] for k in ("ar1_f", "ar2_f", "date_f1"))
    out["scorer"] = SCORER
    out["runtime_s"] = round(time.perf_counter() - began, 1)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m newsfuse.eval.tls DIR [--fit-ranker]``: print figures or the fitted ranker."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--fit-ranker", action="store_true",
                        help="print DEFAULT_RANKER fitted on the training topics")
    args = parser.parse_args(argv)
    if args.fit_ranker:
        refs = [r for r in read_reference_timelines(args.directory) if r.topic in TRAIN_TOPICS]
        print(_fit(refs, _corpora(args.directory, {r.collection for r in refs})))
        return
    print(json.dumps(eval_timeline17(args.directory), indent=2, default=str))


if __name__ == "__main__":
    main()
