"""ECB+ (Cybulska & Vossen, LREC 2014): token XML, one document per file.

Each topic holds two different real-world events of the same kind: the ``ecb`` and the
``ecbplus`` sub-topic (file names ``<topic>_<n>ecb.xml`` and ``<topic>_<n>ecbplus.xml``).
The gold document clusters are therefore (topic, sub-topic) for events and topic for
storylines.

The documents carry no publication date. Most ``ecbplus`` documents begin with the
tokenised URL they were fetched from; the reader moves it out of the text into
``url`` (it is metadata, and it would give the sub-topic away: ``ecb`` documents have
none). Dates the text itself mentions stay in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.model import Article, Provenance

DEV_TOPICS: tuple[int, ...] = (2, 5, 12, 18, 21, 23, 34, 35)
"""The standard ECB+ development topics (Cybulska & Vossen 2015; Barhom et al. 2019)."""

_TOKEN = re.compile(r'<token\b[^>]*\bsentence="(\d+)"[^>]*>(.*?)</token>', re.DOTALL)
_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ document with its gold labels."""

    name: str  # file name, e.g. "1_10ecbplus.xml"
    path: str
    topic: int
    subtopic: str  # "ecb" or "ecbplus"
    text: str  # detokenised; sentences separated by single spaces
    url: str | None

    @property
    def event_label(self) -> str:
        """Gold event cluster: topic plus sub-topic."""
        return f"{self.topic}/{self.subtopic}"

    @property
    def storyline_label(self) -> str:
        """Gold storyline cluster: the topic."""
        return str(self.topic)

    def article(self) -> Article:
        """This document as a newsfuse :class:`Article` (no title, no date, no outlet)."""
        return Article(
            id=Article.make_id(self.text, None, self.url, self.name),
            provenance=Provenance(self.path, "text", None),
            text=self.text,
            title=None,
            outlet=None,
            url=self.url,
            published=None,
            language="en",
        )


def detokenize(tokens: Sequence[str]) -> str:
    """Join ECB+ tokens into readable text (spaces before punctuation removed).

    Example:
        >>> detokenize(["Reid", "'s", "rep", "said", ",", "``", "no", "''", "."])
        'Reid\\'s rep said, "no".'
    """
    text = " ".join(tokens)
    text = re.sub(r"``\s*", '"', text)
    text = re.sub(r"\s*''", '"', text)
    text = re.sub(r" (?=[.,;:!?%)\]]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)", "", text)
    return re.sub(r"([(\[$]) ", r"\1", text)


def _split_url(sentences: list[list[str]]) -> tuple[str | None, list[str]]:
    """Take the URL out: ECB+ tokenised it as the document's whole first sentence."""
    first = sentences[0] if sentences else []
    if first and first[0].lower() in ("http", "https", "www"):
        return "".join(first), [tok for sentence in sentences[1:] for tok in sentence]
    return None, [tok for sentence in sentences for tok in sentence]


def read_document(path: str | Path) -> EcbDocument:
    """Parse one ECB+ XML file."""
    file = Path(path)
    match = _NAME.match(file.name)
    if not match:
        raise InputError(f"{file}: not an ECB+ document name (<topic>_<n>ecb[plus].xml)")
    raw = file.read_text(encoding="utf-8")
    sentences: dict[int, list[str]] = {}
    for sentence, tok in _TOKEN.findall(raw):
        sentences.setdefault(int(sentence), []).append(_unescape(tok))
    url, body = _split_url([sentences[k] for k in sorted(sentences)])
    return EcbDocument(
        name=file.name,
        path=str(file),
        topic=int(match.group(1)),
        subtopic=match.group(3),
        text=detokenize(body),
        url=url,
    )


def _unescape(token: str) -> str:
    for entity, char in _ENTITIES.items():
        token = token.replace(entity, char)
    return token.strip()


def read_ecbplus(directory: str | Path, topics: Sequence[int] | None = None) -> Iterator[EcbDocument]:
    """Every document of the chosen topics (all topics when ``None``), in file-name order.

    Args:
        directory: the ECB+ folder with one sub-folder per topic (``1/``, ``2/``, ...).
        topics: topic numbers to read.

    Raises:
        InputError: the folder holds no ECB+ topic, or a chosen topic is missing.
    """
    root = Path(directory)
    present = sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit()) \
        if root.is_dir() else []
    if not present:
        raise InputError(f"{directory}: no ECB+ topic folders (1/, 2/, ...); pass the ECB+ folder")
    wanted = present if topics is None else list(topics)
    missing = sorted(set(wanted) - set(present))
    if missing:
        raise InputError(f"{directory}: ECB+ topics {missing} are not there "
                         f"(present: {present[0]}-{present[-1]}, {len(present)} topics)")
    for topic in wanted:
        for file in sorted((root / str(topic)).glob("*.xml")):
            if _NAME.match(file.name):
                yield read_document(file)
