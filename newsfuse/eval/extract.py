"""Quality of the extract stage on public labelled data: entities (CoNLL-2003), quotes and
speakers (PolNeAR), temporal expressions (TimeML). Each function returns one dict of figures.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsfuse.datasets.conll import read_conll
from newsfuse.datasets.timeml import TimeMLDoc, read_timeml

if TYPE_CHECKING:
    from newsfuse.nlp.spacy_pipeline import NerWeights

GOALS = {
    "entities_f1": 0.80,
    "direct_quote_content_f1": 0.90,
    "speaker_accuracy": 0.85,
    "all_content_f1": 0.65,
    "timex_value_f1": 0.78,
}


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


# -- entities ----------------------------------------------------------------------------

CONLL_MAP = {"PERSON": "PER", "NORP": "MISC", "FAC": "LOC", "ORG": "ORG", "GPE": "LOC",
             "LOC": "LOC", "PRODUCT": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC",
             "LAW": "MISC", "LANGUAGE": "MISC"}


def eval_entities_conll(path: str | Path, limit: int | None = None,
                        ner: NerWeights = "combined") -> dict[str, Any]:
    """Entity-level P/R/F1 of the extract stage's entity mentions on a CoNLL-2003 file.

    spaCy labels are mapped to CoNLL's (PERSON->PER, GPE/LOC/FAC->LOC, ORG->ORG, NORP and
    the other name types->MISC; numbers and dates are not CoNLL entities). Sentences are
    given to spaCy as their gold tokens, so boundaries are compared token for token.
    ``ner="tuned"`` scores the CoNLL-trained NER weights (:mod:`newsfuse.nlp.ner_tuning`)
    instead of the small model's own, which extraction uses.
    """
    from newsfuse.extract.entities import conll_entities

    sentences = list(read_conll(path))[:limit]
    counts: Counter[tuple[str, str]] = Counter()
    for sentence, predicted in zip(sentences, conll_entities([s.words for s in sentences], ner=ner)):
        gold = sentence.spans()
        pred = {(s, e, CONLL_MAP[label]) for s, e, label in predicted if label in CONLL_MAP}
        for kind, items in (("tp", gold & pred), ("fp", pred - gold), ("fn", gold - pred)):
            for item in items:
                counts[(item[2], kind)] += 1
                counts[("all", kind)] += 1
    labels = ("PER", "LOC", "ORG", "MISC")
    return {
        "file": str(path), "sentences": len(sentences), "ner": ner,
        "gold_entities": counts[("all", "tp")] + counts[("all", "fn")],
        **prf(counts[("all", "tp")], counts[("all", "fp")], counts[("all", "fn")]),
        "by_type": {k: prf(counts[(k, "tp")], counts[(k, "fp")], counts[(k, "fn")]) for k in labels},
        "goal_f1": GOALS["entities_f1"], "reference": "~0.94 F1, best published systems",
    }


# -- temporal expressions -----------------------------------------------------------------


def eval_dates_timeml(directory: str | Path, limit: int | None = None) -> dict[str, Any]:
    """TIMEX3 detection (strict and relaxed) and value F1 on every ``.tml`` under ``directory``.

    Each document's creation time is its publication date. Value F1 counts a prediction
    correct when it overlaps a gold TIMEX3 and has the same value (TempEval-3's value F1);
    value accuracy is the share of relaxed matches with the right value.
    """
    from newsfuse.extract.annotate import paragraph_doc
    from newsfuse.nlp.spacy_pipeline import load_spacy

    docs = list(read_timeml(directory))[:limit]
    nlp = load_spacy()
    parsed_docs = nlp.pipe((paragraph_doc(nlp, d.text) for d in docs), batch_size=16)  # as annotate parses
    return {"directory": str(directory), **score_timexes(docs, parsed_docs)}


def predict_timexes(doc: TimeMLDoc, parsed: Any) -> list[tuple[int, int, str]]:
    """``(start, end, value)`` of every expression the extract stage finds in ``parsed``
    (the spaCy parse of ``doc.text``), normalised against the creation time."""
    from newsfuse.extract.dates import find_dates, is_quarterly
    from newsfuse.extract.timex import normalize

    quarterly = is_quarterly(doc.text)
    pred = []
    for found in find_dates(parsed):
        timex = normalize(doc.text[found.start:found.end], doc.creation, found.tense, quarterly)
        pred.append((found.start, found.end, timex.value if timex else ""))
    return pred


def score_timexes(docs: Sequence[TimeMLDoc], parsed_docs: Iterable[Any]) -> dict[str, Any]:
    """The figures of :func:`eval_dates_timeml` for ``docs`` and their spaCy parses."""
    c: Counter[str] = Counter()
    errors: Counter[tuple[str, str, str]] = Counter()
    for doc, parsed in zip(docs, parsed_docs):
        gold = list(doc.timexes)
        pred = predict_timexes(doc, parsed)
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        used: set[int] = set()
        for g in gold:
            strict = next((i for i, p in enumerate(pred) if (p[0], p[1]) == (g.start, g.end)), None)
            match = strict if strict is not None else next(
                (i for i, p in enumerate(pred) if i not in used and p[0] < g.end and g.start < p[1]), None)
            if match is None:
                errors[("missed", g.text.lower(), g.value)] += 1
                continue
            used.add(match)
            c["relaxed"] += 1
            c["strict"] += strict is not None
            if pred[match][2] == g.value:
                c["value"] += 1
            else:
                shown = doc.text[pred[match][0]:pred[match][1]]
                errors[("value", g.text.lower(), f"{shown!r}={pred[match][2]} != {g.value}")] += 1
        for i, p in enumerate(pred):
            if i not in used:
                errors[("spurious", doc.text[p[0]:p[1]].lower(), p[2])] += 1
    def scored(kind: str) -> dict[str, float]:  # true positives, false positives, false negatives
        return prf(c[kind], c["pred"] - c[kind], c["gold"] - c[kind])

    return {
        "documents": len(docs), "gold_timexes": c["gold"],
        "predicted": c["pred"],
        "strict": scored("strict"),
        "relaxed": scored("relaxed"),
        "value": scored("value"),
        "value_accuracy": round(c["value"] / c["relaxed"], 4) if c["relaxed"] else 0.0,
        "top_errors": [{"kind": k, "text": t, "detail": d, "count": n}
                       for (k, t, d), n in errors.most_common(400)],
        "goal_value_f1": GOALS["timex_value_f1"],
        "reference": "HeidelTime strict F1 0.813, value F1 0.776 (TempEval-3 test)",
    }


# -- quotes -------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def _tokens_of(spans: Iterable[tuple[int, int]], starts: list[int]) -> set[int]:
    """Start offsets of the word tokens whose first character lies in ``spans``
    (punctuation and quotation marks are not tokens, so "“x”" and "x" cover the same)."""
    out: set[int] = set()
    for start, end in spans:
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        out.update(starts[lo:hi])
    return out


def _is_direct(spans: Sequence[tuple[int, int]], inside: set[int], starts: list[int]) -> bool:
    """Direct when at least 90% of a content's tokens lie inside quotation marks (the same
    test decides for gold and predicted contents)."""
    tokens = _tokens_of(spans, starts)
    return bool(tokens) and len(tokens & inside) >= 0.9 * len(tokens)


def _overlaps(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def eval_quotes_polnear(directory: str | Path, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    """Attribution content F1 (token overlap) and speaker accuracy on a PolNeAR split.

    Content F1 pools, per document, the word tokens covered by gold contents against those
    covered by predicted quotes. "Direct" contents are those at least 90% inside quotation
    marks, decided by the same test for gold and predicted contents (so a predicted quote
    counts as direct by its words, not by the mode label the extractor gave it). Speaker accuracy: each predicted quote is paired
    with the gold attribution whose content it overlaps most; the speaker is right when the
    predicted speaker phrase overlaps the gold source (gold attributions without a source
    are left out of this figure). Pairing maximises token Jaccard, so a quote nested in
    another ("Trump said he feels ...") pairs with the nested gold attribution.
    """
    from newsfuse.datasets.polnear import read_polnear
    from newsfuse.extract.annotate import annotate_many
    from newsfuse.extract.quotemarks import find_quoted, top_level
    from newsfuse.extract.quotes import paragraphs_of
    from newsfuse.model import Article, Provenance

    docs = list(read_polnear(directory, split))[:limit]
    articles = [Article(id=d.name, provenance=Provenance(d.name, "text"), text=d.text, title=None, outlet=None,
                        url=None, published=None, language="en") for d in docs]
    c: Counter[str] = Counter()
    for doc, ext in zip(docs, annotate_many(articles)):
        starts = [m.start() for m in _TOKEN.finditer(doc.text)]
        inside = _tokens_of([(q.inner_start, q.inner_end) for p in paragraphs_of(doc.text)
                             for q in top_level(find_quoted(doc.text, *p))], starts)
        gold_all = _tokens_of([s for a in doc.attributions for s in a.content], starts)
        gold_direct = _tokens_of([s for a in doc.attributions if _is_direct(a.content, inside, starts)
                                  for s in a.content], starts)
        pred_all = _tokens_of([(q.content.start, q.content.end) for q in ext.quotes], starts)
        pred_direct = _tokens_of([(q.content.start, q.content.end) for q in ext.quotes
                                  if _is_direct([(q.content.start, q.content.end)], inside, starts)], starts)
        c["all_tp"] += len(pred_all & gold_all)
        c["all_pred"] += len(pred_all)
        c["all_gold"] += len(gold_all)
        c["direct_tp"] += len(pred_direct & gold_direct)
        c["direct_pred"] += len(pred_direct)
        c["direct_gold"] += len(gold_direct)
        c["gold_attributions"] += len(doc.attributions)
        c["quotes"] += len(ext.quotes)
        gold_tokens = [_tokens_of(a.content, starts) for a in doc.attributions]
        for q in ext.quotes:
            content = _tokens_of([(q.content.start, q.content.end)], starts)
            best, overlap = None, 0.0
            for a, tokens in zip(doc.attributions, gold_tokens):
                shared = len(content & tokens)
                jaccard = shared / len(content | tokens) if shared else 0.0
                if jaccard > overlap:  # Jaccard, so a nested quote pairs with the nested gold
                    best, overlap = a, jaccard
            if best is None or not best.source:
                continue
            c["matched"] += 1
            if q.speaker is not None and _overlaps([(q.speaker.start, q.speaker.end)], best.source):
                c["speaker_ok"] += 1
    all_ = prf(c["all_tp"], c["all_pred"] - c["all_tp"], c["all_gold"] - c["all_tp"])
    direct = prf(c["direct_tp"], c["direct_pred"] - c["direct_tp"], c["direct_gold"] - c["direct_tp"])
    return {
        "directory": str(directory), "split": split, "documents": len(docs),
        "gold_attributions": c["gold_attributions"], "predicted_quotes": c["quotes"],
        "content_all": all_, "content_direct": direct,
        "speaker_accuracy": round(c["speaker_ok"] / c["matched"], 4) if c["matched"] else 0.0,
        "speaker_pairs": c["matched"],
        "goals": {"direct_f1": GOALS["direct_quote_content_f1"], "speaker_accuracy": GOALS["speaker_accuracy"],
                  "all_f1": GOALS["all_content_f1"]},
        "reference": "direct quotes > 0.9 F1, overall attribution ~0.6-0.75 (PARC3 literature)",
    }
