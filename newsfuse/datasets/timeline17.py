"""Timeline17 (Tran et al. 2013) in the news-tls JSON form: dated multi-outlet streams.

Each folder ``<topic>_<outlet>/`` holds ``articles.json``, a list of
``{uid, dct, dates, text}`` (``dct`` is the publication date; ``text`` is tokenised
and cased), and a human ``*.timeline.json``. The gold storyline of an article is its
topic (the part of the folder name before the first ``_``).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from newsfuse.datasets.ecbplus import detokenize
from newsfuse.errors import InputError
from newsfuse.model import Article, Provenance

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


@dataclass(frozen=True, slots=True)
class T17Article:
    """One Timeline17 article with its gold topic."""

    topic: str  # e.g. "bpoil"
    outlet: str  # e.g. "bbc"
    uid: str
    published: date
    mentioned: tuple[date, ...]  # the data set's own date annotations (not used for clustering)
    text: str  # detokenised

    def article(self) -> Article:
        """This article as a newsfuse :class:`Article`, dated at midnight UTC of ``published``."""
        published = datetime(self.published.year, self.published.month, self.published.day,
                             tzinfo=UTC)
        url = f"timeline17://{self.topic}_{self.outlet}/{self.uid}"
        return Article(
            id=Article.make_id(self.text, self.outlet, url, None),
            provenance=Provenance(url, "jsonl", None),
            text=self.text,
            title=None,
            outlet=self.outlet,
            url=url,
            published=published,
            language="en",
        )


def _dates(raw: Any) -> tuple[date, ...]:
    items: Any = ast.literal_eval(raw) if isinstance(raw, str) else raw
    out: list[date] = []
    for item in items or ():
        try:
            out.append(date.fromisoformat(str(item)[:10]))
        except ValueError:
            continue  # the annotations hold a few partial values ("2011-XX"); not needed
    return tuple(out)


def _text(tokens: str) -> str:
    words = [_BRACKETS.get(tok, tok) for tok in tokens.split()]
    return re.sub(r"\s+", " ", detokenize(words)).strip()


def read_timeline17(directory: str | Path) -> Iterator[T17Article]:
    """Every article of every ``<topic>_<outlet>/articles.json`` under ``directory``.

    Raises:
        InputError: no ``articles.json`` was found.
    """
    files = sorted(Path(directory).glob("*_*/articles.json"))
    if not files:
        raise InputError(f"{directory}: no <topic>_<outlet>/articles.json; pass the Timeline17 folder")
    for file in files:
        topic, _, outlet = file.parent.name.partition("_")
        for record in json.loads(file.read_text(encoding="utf-8")):
            yield T17Article(
                topic=topic,
                outlet=outlet,
                uid=str(record["uid"]),
                published=date.fromisoformat(str(record["dct"])[:10]),
                mentioned=_dates(record.get("dates")),
                text=_text(str(record["text"])),
            )
