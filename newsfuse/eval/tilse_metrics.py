"""Timeline ROUGE (concat, agreement, align, align+, align+ m:1) and date F1, as tilse scores them.

A pure-Python reimplementation of ``tilse.evaluation.rouge.TimelineRougeEvaluator``
(tilse 0.2.1 as released on PyPI, Martschat & Markert, EACL 2017; github.com/smartschat/tilse,
``tilse/evaluation/rouge.py`` with its default ``rouge_computation="original"``, and
``tilse/evaluation/util.py``) together with the part of
ROUGE-1.5.5 it calls (``pyrouge.Rouge155(average="raw", stem=True, ignore_stopwords=True)``,
i.e. ``ROUGE-1.5.5.pl -n 2 -x -f A -m -s -t 2``): lower-casing, ``[^A-Za-z0-9-]`` to
space, SMART stopwords removed, tokens of more than three characters stemmed through the
WordNet 2.0 exception list and then ROUGE's Porter stemmer (with CYL's 2004 ``-ement`` change),
n-grams over the whole summary (sentences joined), clipped hit counts.

Why not tilse itself: ``pip install tilse==0.2.1`` installs, but its scorer shells out to
the bundled ``ROUGE-1.5.5.pl``, which needs the system Perl module ``XML::Parser``
(``apt-get install libxml-parser-perl``, not pip-installable) and pulls spaCy, textacy and
numba into the environment. This module gives the same numbers with no Perl; it was checked
against tilse 0.2.1 + ROUGE-1.5.5 on every predicted Timeline17 timeline (see
``newsfuse/eval/tls.py``). ``date_prf`` and :func:`average` follow news-tls
(``experiments/evaluate.py``: ``evaluate_dates``, ``get_average_results``).

The stopword list and WordNet exceptions are ROUGE-1.5.5's own data files, stored in
``rouge155_data.json.gz`` beside this module.

Example:
    >>> from datetime import date
    >>> pred = {date(2010, 1, 1): ["Just a test ."]}
    >>> ref = {date(2010, 1, 2): ["Just a test ."]}
    >>> round(evaluate(pred, ref, "align_date_costs")["rouge_1"].f_score, 3)
    0.5
"""

from __future__ import annotations

import gzip
import json
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

Timeline = Mapping[date, Sequence[str]]

METRICS = ("concat", "agreement", "align_date_costs", "align_date_content_costs",
           "align_date_content_costs_many_to_one")
# news-tls reports AR-1/AR-2 with this variant ("align+ m:1" in Martschat & Markert 2017)
NEWS_TLS_METRIC = "align_date_content_costs_many_to_one"
_DATA = Path(__file__).with_name("rouge155_data.json.gz")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # Perl tr/A-Z/a-z/


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f_score: float

    @staticmethod
    def of(precision: float, recall: float) -> PRF:
        """F1 from precision and recall (0 when both are 0), as ``tilse.evaluation.util``."""
        total = precision + recall
        return PRF(precision, recall, 0.0 if total == 0 else 2 * precision * recall / total)

    def as_dict(self) -> dict[str, float]:
        """``{"precision", "recall", "f_score"}``."""
        return {"precision": self.precision, "recall": self.recall, "f_score": self.f_score}


# -- ROUGE-1.5.5 tokenisation and stemming ----------------------------------------------

@lru_cache(maxsize=1)
def _resources() -> tuple[frozenset[str], dict[str, str]]:
    with gzip.open(_DATA, "rt", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return frozenset(data["stopwords"]), dict(data["exceptions"])


_C = "[^aeiou][^aeiouy]*"  # consonant sequence
_V = "[aeiouy][aeiou]*"  # vowel sequence
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")  # measure > 0
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")  # measure == 1
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")  # measure > 1
_VOWEL_IN = re.compile(f"^({_C})?[aeiouy]")
_CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")
_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
          "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize",
          "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful",
          "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "",
          "ness": ""}
_STEP2_RE = re.compile("(" + "|".join(_STEP2) + ")$")
_STEP3_RE = re.compile("(" + "|".join(_STEP3) + ")$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


@lru_cache(maxsize=200_000)
def porter_stem(word: str) -> str:
    """ROUGE-1.5.5's Porter stemmer (Porter 1980, with its ``-ement`` rule change).

    Regex-driven like the Perl original, so leftmost-match semantics agree.
    """
    if len(word) < 3:
        return word
    initial_y = word[0] == "y"
    w = "Y" + word[1:] if initial_y else word
    if m := re.search("(ss|i)es$", w):
        w = w[:m.start()] + m.group(1)
    elif m := re.search("([^s])s$", w):
        w = w[:m.start()] + m.group(1)
    if w.endswith("eed"):
        if _MGR0.search(w[:-3]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        stem = w[:m.start()]
        if _VOWEL_IN.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    if w.endswith("y") and _VOWEL_IN.search(w[:-1]):
        w = w[:-1] + "i"
    if (m := _STEP2_RE.search(w)) and _MGR0.search(w[:m.start()]):
        w = w[:m.start()] + _STEP2[m.group(1)]
    if (m := _STEP3_RE.search(w)) and _MGR0.search(w[:m.start()]):
        w = w[:m.start()] + _STEP3[m.group(1)]
    if (m := _STEP4_RE.search(w)) and _MGR1.search(w[:m.start()]):
        w = w[:m.start()]
    if w.endswith("ment") and _MGR1.search(w[:-4]):
        w = w[:-4]
    if w.endswith("ent"):
        if _MGR1.search(w[:-3]):
            w = w[:-3]
    elif (m := re.search("(s|t)(ion)$", w)) and _MGR1.search(w[:m.start()] + m.group(1)):
        w = w[:m.start()] + m.group(1)
    if w.endswith("e"):
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    return "y" + w[1:] if initial_y else w


def rouge_tokens(sentences: Iterable[str]) -> list[str]:
    """The tokens ROUGE-1.5.5 (``-m -s``) counts for a summary given as sentences.

    Each sentence is whitespace-normalised and written into ROUGE's SEE html line, which
    reads up to the first ``<`` (pyrouge writes ``^`` as ``&circ;``); the sentences are
    joined, lower-cased, non-alphanumerics become spaces, stopwords go, and words longer
    than three characters are stemmed.
    """
    stopwords, exceptions = _resources()
    kept: list[str] = []
    for sentence in sentences:
        text = " ".join(sentence.split()).replace("^", "&circ;").split("<", 1)[0]
        if text:
            kept.append(text)
    text = " ".join(kept).translate(_ASCII_LOWER).replace("-", " - ")
    text = re.sub(r"[^a-z0-9\-]", " ", text)
    out: list[str] = []
    for token in text.split():
        if token in stopwords or not re.match(r"[a-z0-9$]", token):
            continue
        out.append((exceptions.get(token) or porter_stem(token)) if len(token) > 3 else token)
    return out


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def rouge_counts(pred: Sequence[str], ref: Sequence[str], n: int) -> tuple[int, int, int]:
    """``(hits, peer n-grams, model n-grams)`` of ROUGE-n for one summary and one reference."""
    p, m = _ngrams(rouge_tokens(pred), n), _ngrams(rouge_tokens(ref), n)
    hits = sum(min(count, m[gram]) for gram, count in p.items() if gram in m)
    return hits, sum(p.values()), sum(m.values())


# -- timeline metrics ---------------------------------------------------------------------

def _rouge_approximation(pred: Sequence[str], ref: Sequence[str]) -> float:
    """``tilse.evaluation.util.compute_rouge_approximation`` (0.2.1) for one reference: F1 of
    raw whitespace-token overlap (case-sensitive, no stemming), used only in alignment costs.
    Like tilse it drops tokens that are substrings of ``string.punctuation``."""
    p = Counter(t for sent in pred for t in sent.split() if t not in string.punctuation)
    r = Counter(t for sent in ref for t in sent.split() if t not in string.punctuation)
    match = sum(min(c, r[tok]) for tok, c in p.items())
    prec = match / sum(p.values()) if p else 0.0
    rec = match / sum(r.values()) if r else 0.0
    return PRF.of(prec, rec).f_score


def _date_factor(a: date, b: date) -> float:
    return 1 - 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _assign(costs: Any, many_to_one: bool) -> list[tuple[int, int]]:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if costs.size == 0:
        return []
    if many_to_one:
        return [(i, int(np.argmin(row))) for i, row in enumerate(costs)]
    rows, cols = linear_sum_assignment(costs)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True)]


def _aligned(pred: Timeline, ref: Timeline, content: bool, many_to_one: bool,
             ns: Sequence[int]) -> dict[str, PRF]:
    import numpy as np

    pdates, rdates = sorted(pred), sorted(ref)

    def cost(pd: date, rd: date) -> float:
        factor = _date_factor(pd, rd)
        return factor * (1 - _rouge_approximation(pred[pd], ref[rd])) if content else factor

    matrix = np.array([[cost(pd, rd) for rd in rdates] for pd in pdates]).reshape(
        len(pdates), len(rdates))
    prec_pairs = _assign(matrix, many_to_one)
    rec_pairs = _assign(matrix.T, many_to_one)
    out: dict[str, PRF] = {}
    for n in ns:
        p_num = p_den = r_num = r_den = 0.0
        for i, j in prec_pairs:
            hits, peer, _ = rouge_counts(pred[pdates[i]], ref[rdates[j]], n)
            p_num += hits / (abs(pdates[i].toordinal() - rdates[j].toordinal()) + 1)
            p_den += peer
        for i in set(range(len(pdates))) - {i for i, _ in prec_pairs}:
            p_den += rouge_counts(pred[pdates[i]], [""], n)[1]
        for i, j in rec_pairs:
            hits, _, model = rouge_counts(pred[pdates[j]], ref[rdates[i]], n)
            r_num += hits / (abs(pdates[j].toordinal() - rdates[i].toordinal()) + 1)
            r_den += model
        for i in set(range(len(rdates))) - {i for i, _ in rec_pairs}:
            r_den += rouge_counts([""], ref[rdates[i]], n)[2]
        out[f"rouge_{n}"] = PRF.of(p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)
    return out


def _concat(pred: Timeline, ref: Timeline, ns: Sequence[int]) -> dict[str, PRF]:
    psents = [s for d in sorted(pred) for s in pred[d]]
    rsents = [s for d in sorted(ref) for s in ref[d]]
    out = {}
    for n in ns:
        hits, peer, model = rouge_counts(psents, rsents, n)
        out[f"rouge_{n}"] = PRF.of(hits / peer if peer else 0.0, hits / model if model else 0.0)
    return out


def _agreement(pred: Timeline, ref: Timeline, ns: Sequence[int]) -> dict[str, PRF]:
    out = {}
    for n in ns:
        hits_p = peer = hits_r = model = 0
        for d in set(pred) | set(ref):
            h, p, m = rouge_counts(pred.get(d, ()), ref.get(d, ()), n)
            if d in pred:
                hits_p, peer = hits_p + h, peer + p
            if d in ref:
                hits_r, model = hits_r + h, model + m
        out[f"rouge_{n}"] = PRF.of(hits_p / peer if peer else 0.0, hits_r / model if model else 0.0)
    return out


def _strip(tl: Timeline) -> dict[date, list[str]]:
    # tilse's Timeline strips every sentence on construction
    return {d: [s.strip() for s in sents] for d, sents in tl.items()}


def evaluate(pred: Timeline, ref: Timeline, metric: str = NEWS_TLS_METRIC,
             ns: Sequence[int] = (1, 2)) -> dict[str, PRF]:
    """Score a predicted timeline against one reference timeline.

    Args:
        pred: date -> sentences of the system timeline.
        ref: date -> sentences of the human timeline (news-tls scores each reference of a
            topic on its own, so one reference per call).
        metric: one of :data:`METRICS`; ``align_date_costs`` is "align", ``..._content_costs``
            "align+", ``..._many_to_one`` "align+ m:1" (what news-tls calls AR-n).
        ns: the ROUGE n-gram sizes.

    Returns:
        ``{"rouge_1": PRF, "rouge_2": PRF}`` (one key per ``n``).

    Raises:
        ValueError: unknown ``metric``.
    """
    pred, ref = _strip(pred), _strip(ref)
    if metric == "concat":
        return _concat(pred, ref, ns)
    if metric == "agreement":
        return _agreement(pred, ref, ns)
    variants: dict[str, Callable[[], dict[str, PRF]]] = {
        "align_date_costs": lambda: _aligned(pred, ref, False, False, ns),
        "align_date_content_costs": lambda: _aligned(pred, ref, True, False, ns),
        "align_date_content_costs_many_to_one": lambda: _aligned(pred, ref, True, True, ns),
    }
    if metric not in variants:
        raise ValueError(f"unknown timeline metric {metric!r}; use one of {', '.join(METRICS)}")
    return variants[metric]()


def date_prf(pred: Iterable[date], ref: Iterable[date]) -> PRF:
    """Date selection precision/recall/F1 (exact day match), as news-tls ``evaluate_dates``."""
    p, r = set(pred), set(ref)
    shared = len(p & r)
    return PRF.of(shared / len(p) if p else 0.0, shared / len(r) if r else 0.0)


def average(scores: Sequence[PRF]) -> PRF:
    """news-tls averaging: mean precision and mean recall over timelines, F1 of the means."""
    if not scores:
        return PRF(0.0, 0.0, 0.0)
    return PRF.of(sum(s.precision for s in scores) / len(scores),
                  sum(s.recall for s in scores) / len(scores))
