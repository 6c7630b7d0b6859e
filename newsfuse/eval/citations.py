"""``newsfuse eval citations``: does every brief sentence rest on what it cites?

A sentence is supported when its numbers, its names (capitalised words not at the start)
and its key terms all occur in the text of the spans it cites (taken together), and every
cited span is the article text at its offsets. Briefs come from a store (``--db``) or
from a :class:`~newsfuse.crosscheck.step.CrosscheckResult`. Goal: 100%.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from newsfuse.brief.records import Brief, BriefSentence
from newsfuse.crosscheck.facts import key_terms

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<=\s)[A-Z][\w’'-]+")


def sentence_support(sentence: BriefSentence, texts: Mapping[str, str] | None = None) -> tuple[bool, list[str]]:
    """Whether the sentence is supported by its citations, and what is missing."""
    cited = " ".join(c.span.text for c in sentence.citations)
    missing: list[str] = []
    if texts is not None:
        for c in sentence.citations:
            if texts.get(c.article, "")[c.span.start:c.span.end] != c.span.text:
                missing.append(f"span {c.article}@{c.span.start}-{c.span.end} does not match the article")
    lowered = cited.lower()
    numbers = set(_NUMBER.findall(cited))
    for n in _NUMBER.findall(sentence.text):
        if n not in numbers:
            missing.append(n)
    for name in _NAME.findall(sentence.text):
        if name.lower().rstrip("’'s") not in lowered:
            missing.append(name)
    terms = set(key_terms(cited))
    missing += [t for t in key_terms(sentence.text) if t not in terms]
    return (not sentence.citations or not missing) and bool(sentence.citations), missing


def eval_briefs(briefs: Iterable[Brief], texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Share of supported brief sentences (summary, corroborated and single-source items)."""
    total = supported = 0
    failures: list[dict[str, Any]] = []
    n_briefs = 0
    for brief in briefs:
        n_briefs += 1
        for s in brief.summary + brief.corroborated + brief.single_source:
            total += 1
            ok, missing = sentence_support(s, texts)
            supported += ok
            if not ok and len(failures) < 20:
                failures.append({"brief": brief.id, "sentence": s.text, "missing": missing[:10]})
    return {"briefs": n_briefs, "sentences": total, "supported": supported,
            "share_supported": round(supported / total, 4) if total else None,
            "goal": {"share_supported": 1.0}, "failures": failures}


def eval_citations(db: str) -> dict[str, Any]:
    """The citation check over every brief in the store at ``db``."""
    from newsfuse.store import open_store

    store = open_store(db)
    try:
        briefs = store.briefs()
        ids = {c.article for b in briefs for s in b.summary + b.corroborated + b.single_source for c in s.citations}
        texts = {}
        for aid in ids:
            article = store.article(aid)
            if article is not None:
                texts[aid] = article.text
        out = eval_briefs(briefs, texts)
    finally:
        store.close()
    out["db"] = db
    return out
