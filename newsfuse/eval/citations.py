"""``newsfuse eval citations``: does every brief sentence rest on what it cites?

A sentence is supported when its numbers, its names (capitalised words not at the start)
and its key terms all occur in the text of the spans it cites (taken together), and every
cited span is the article text at its offsets. Briefs come from a store (``--db``) or
from a :class:`~newsfuse.crosscheck.step.CrosscheckResult`. Goal: 100%.

A brief sentence is worded like one of its cited spans, so that figure mostly checks the
offsets. The stricter figure, ``share_citations_with_facts``, takes every citation on
its own: does that one span state the sentence's numbers and names? A span that does not
is another outlet's paraphrase at best, or a wrong alignment, and counting it as
corroboration would be wrong; the failures are listed for a person to judge.
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


def citation_facts(sentence: BriefSentence, span_text: str) -> list[str]:
    """The sentence's numbers and names that one cited span does not state."""
    numbers = set(_NUMBER.findall(span_text))
    lowered = span_text.lower()
    return [n for n in _NUMBER.findall(sentence.text) if n not in numbers] + \
        [name for name in _NAME.findall(sentence.text) if name.lower().rstrip("’'s") not in lowered]


def eval_briefs(briefs: Iterable[Brief], texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Share of supported brief sentences (summary, corroborated and single-source items),
    and share of single citations that state the sentence's numbers and names."""
    total = supported = citations = with_facts = 0
    failures: list[dict[str, Any]] = []
    weak: list[dict[str, Any]] = []
    n_briefs = 0
    for brief in briefs:
        n_briefs += 1
        for s in brief.summary + brief.corroborated + brief.single_source:
            total += 1
            ok, missing = sentence_support(s, texts)
            supported += ok
            if not ok and len(failures) < 20:
                failures.append({"brief": brief.id, "sentence": s.text, "missing": missing[:10]})
            for c in s.citations:
                citations += 1
                lacking = citation_facts(s, c.span.text)
                with_facts += not lacking
                if lacking and len(weak) < 20:
                    weak.append({"brief": brief.id, "sentence": s.text, "cited": c.span.text,
                                 "missing": lacking[:10]})
    return {"briefs": n_briefs, "sentences": total, "supported": supported,
            "share_supported": round(supported / total, 4) if total else None,
            "citations": citations,
            "share_citations_with_facts": round(with_facts / citations, 4) if citations else None,
            "goal": {"share_supported": 1.0}, "failures": failures, "citations_without_facts": weak}


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
