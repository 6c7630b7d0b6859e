"""Synthetic copies of real articles, for evaluating the Copies stage (figures are synthetic).

Made by rules, never by a model, from real source articles (Reuters-21578 in the eval):

- ``syndicated``: the whole text under a new header and footer (sometimes crediting
  the source), expected relation ``near``;
- ``trimmed``: the first 60-85 % of the sentences, expected ``near``;
- ``rewritten-lead``: the lead sentence(s) paraphrased, the rest kept, expected ``near``;
- ``paraphrase``: every sentence paraphrased, expected ``rewrite``;
- ``merge``: the paraphrased first half of one source and second half of another,
  expected ``partial`` with each source.

The paraphraser is a small news "spinner": synonym swaps, moving the reporting clause
("X said Y." becomes "Y, X said."), number and unit rewording, dropped tickers. It is
a stand-in for human rewriting and is labelled as such wherever its figures appear.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsfuse.dedup.text import sentences
from newsfuse.model import Article, Provenance

KINDS: tuple[str, ...] = ("syndicated", "trimmed", "rewritten-lead", "paraphrase", "merge")
EXPECTED = {"syndicated": "near", "trimmed": "near", "rewritten-lead": "near",
            "paraphrase": "rewrite", "merge": "partial"}
OUTLETS = ("dailywire.example", "metro-times.example", "newsdigest.example", "valleypost.example",
           "contentfarm.example", "worldbriefs.example")

_SYNONYMS = {
    "said": ["stated", "noted", "added"], "says": ["states", "notes"], "rose": ["climbed", "increased"],
    "fell": ["dropped", "declined"], "increase": ["rise", "gain"], "decrease": ["decline", "drop"],
    "company": ["firm", "group"], "companies": ["firms"], "announced": ["unveiled", "disclosed"],
    "expects": ["anticipates", "forecasts"], "expected": ["forecast", "anticipated"],
    "about": ["around", "roughly"], "buy": ["purchase", "acquire"], "sell": ["dispose of"],
    "help": ["assist", "aid"], "begin": ["start"], "began": ["started"], "start": ["begin"],
    "also": ["additionally"], "agreed": ["consented"], "plans": ["intends"], "major": ["big", "leading"],
    "large": ["big", "sizeable"], "big": ["large"], "government": ["administration"],
    "officials": ["authorities"], "increased": ["raised", "lifted"], "reduced": ["cut", "lowered"],
    "total": ["overall"], "profit": ["earnings"], "results": ["figures"], "purchase": ["acquisition"],
    "talks": ["negotiations"], "meeting": ["session"], "because": ["as"], "however": ["but"],
    "shares": ["stock"], "told": ["informed"], "statement": ["release"],
    "report": ["account"], "strong": ["robust", "solid"], "weak": ["soft"],
    "would": ["will"], "could": ["might"], "approximately": ["about"], "received": ["got"],
}
_UNITS = [(r"\bmln\b", "million"), (r"\bbln\b", "billion"), (r"\bdlrs\b", "dollars"),
          (r"\bpct\b", "per cent"), (r"\bcts\b", "cents"), (r"\bqtr\b", "quarter")]
_SAID = re.compile(r"^(?P<who>[A-Z][^,;:]{2,60}?) (?P<verb>said|says|told reporters) (?:that )?(?P<what>.{20,})\.$")
_SAID_TAIL = re.compile(r"^(?P<what>.{20,}), (?P<who>[^,]{3,60}?) (?P<verb>said|says)\.$")
_LEADING = {"The", "A", "An", "It", "This", "These", "Those", "Its", "There", "They", "He", "She", "We"}
_TICKER = re.compile(r"\s*<[A-Z.]+>")


def paraphrase_sentence(sentence: str, rng: random.Random) -> str:
    """A rule-based rewording of one sentence (deterministic for a given ``rng`` state)."""
    text = _TICKER.sub("", sentence.strip())
    for pattern, repl in _UNITS:
        if rng.random() < 0.8:
            text = re.sub(pattern, repl, text)
    said = _SAID.match(text)
    tail = _SAID_TAIL.match(text)
    if said and rng.random() < 0.8:
        what = said.group("what")
        text = f"{what[0].upper()}{what[1:]}, {said.group('who')} {said.group('verb')}."
    elif tail and rng.random() < 0.8:
        what = tail.group("what")
        if what.split(" ", 1)[0] in _LEADING:
            what = what[0].lower() + what[1:]
        text = f"{tail.group('who')} {tail.group('verb')} that {what}."
        text = text[0].upper() + text[1:]

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        options = _SYNONYMS.get(word.lower())
        if not options or rng.random() > 0.75:
            return word
        choice = rng.choice(options)
        return choice.capitalize() if word[0].isupper() else choice

    before = text
    text = re.sub(r"[A-Za-z]+", swap, text)
    if text == before:  # a paraphrase changes every sentence it can: force the first swap
        for match in re.finditer(r"[A-Za-z]+", text):
            options = _SYNONYMS.get(match.group(0).lower())
            if options:
                choice = rng.choice(options)
                choice = choice.capitalize() if match.group(0)[0].isupper() else choice
                text = text[: match.start()] + choice + text[match.end() :]
                break
    return text


def reuters_text(body: str) -> str:
    """A Reuters body as cleaned article text: wrapped lines joined, paragraphs split
    at indented lines, the trailing "Reuter" signature dropped."""
    body = re.sub(r"\s*Reuter\s*$", "", body)
    paragraphs = re.split(r"\n\s{2,}", body)
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


@dataclass(frozen=True, slots=True)
class SyntheticCopy:
    """A generated copy and what it is expected to be linked to."""

    article: Article
    kind: str
    sources: tuple[str, ...]  # ids of the articles it copies
    relation: str


def _article(text: str, outlet: str, published: datetime | None, tag: str) -> Article:
    return Article(id=Article.make_id(text, outlet, None, tag), provenance=Provenance(f"synthetic/{tag}", "text"),
                   text=text, title=None, outlet=outlet, url=None, published=published, language="en")


def _sentences(article: Article) -> list[str]:
    return [s.text for s in sentences(article.text)]


def make_copy(kind: str, source: Article, other: Article | None, rng: random.Random, tag: str) -> SyntheticCopy:
    """One synthetic copy of ``source`` (``other`` is the second source of a merge)."""
    sents = _sentences(source)
    outlet = rng.choice(OUTLETS)
    dates = [a.published for a in (source, other) if a is not None and a.published is not None]
    # a copy appears after every source it copies (a merge after both)
    later = max(dates) + timedelta(hours=rng.randint(1, 48)) if dates else None
    published = later if rng.random() < 0.5 else None
    credit = rng.random() < 0.5
    if kind == "syndicated":
        header = f"By {outlet.split('.')[0].title()} Staff | Wire service"
        footer = ("This story was originally published by Reuters." if credit
                  else "Copyright 2025. All rights reserved. Distributed by a news partner.")
        text = f"{header}\n\n{source.text}\n\n{footer}"
    elif kind == "trimmed":
        keep = max(3, round(len(sents) * rng.uniform(0.6, 0.85)))
        text = "\n\n".join(sents[:keep])
    elif kind == "rewritten-lead":
        lead = 1 if len(sents) < 10 else 2
        text = "\n\n".join([paraphrase_sentence(s, rng) for s in sents[:lead]] + sents[lead:])
    elif kind == "paraphrase":
        body = [paraphrase_sentence(s, rng) for s in sents]
        if credit:
            body[0] = body[0].rstrip(".") + ", Reuters reported."
        text = "\n\n".join(body)
    elif kind == "merge" and other is not None:
        second = _sentences(other)
        half_a, half_b = sents[: max(3, len(sents) // 2)], second[len(second) // 2 :]
        text = "\n\n".join(paraphrase_sentence(s, rng) for s in half_a + half_b)
        return SyntheticCopy(_article(text, outlet, published, tag), kind, (source.id, other.id), "partial")
    else:
        raise ValueError(f"unknown synthetic copy kind {kind!r}")
    return SyntheticCopy(_article(text, outlet, published, tag), kind, (source.id,), EXPECTED[kind])
