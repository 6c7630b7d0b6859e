"""TimeML ``.tml`` files (TempEval-3, TimeBank, AQUAINT): the text, its creation time and
its TIMEX3 annotations with character offsets over the tag-free text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsfuse.errors import InputError

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One TIMEX3 of the body: offsets over :attr:`TimeMLDoc.text` (end exclusive)."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    path: str
    creation: date | None  # the document creation time (DCT), the anchor of relative dates
    text: str  # the <TEXT> element with every tag removed
    timexes: tuple[GoldTimex, ...]


def parse_timeml(raw: str, path: str = "<string>") -> TimeMLDoc:
    """Parse one TimeML document (only the ``<TEXT>`` element is scored, as in TempEval-3)."""
    dct = None
    if m := _DCT.search(raw):
        value = dict(_ATTR.findall(m.group(1))).get("value", "")
        if re.match(r"\d{4}-\d{2}-\d{2}", value):
            dct = date.fromisoformat(value[:10])
    start, end = raw.find("<TEXT>"), raw.rfind("</TEXT>")
    if start < 0 or end < 0:
        raise InputError(f"{path}: no <TEXT> element; is this a TimeML file?")
    body = raw[start + len("<TEXT>"):end]
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos:tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing and not tag.group(4):
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif closing and open_timex is not None:
            begin, attrs = open_timex
            text = "".join(out)[begin:length]
            timexes.append(GoldTimex(begin, length, text, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return TimeMLDoc(path, dct, "".join(out), tuple(timexes))


def read_timeml(directory: str | Path) -> Iterator[TimeMLDoc]:
    """Every ``.tml`` file under ``directory``, recursively, in path order."""
    root = Path(directory)
    files = sorted(root.rglob("*.tml")) if root.is_dir() else []
    if not files:
        raise InputError(f"{directory}: no .tml files found under it; pass a TimeML folder "
                         "such as tempeval3/Training")
    for file in files:
        yield parse_timeml(file.read_text(encoding="utf-8"), str(file))
