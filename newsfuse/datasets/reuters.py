"""Reuters-21578 (SGML, latin-1): one record per ``<REUTERS>`` story."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsfuse.errors import InputError

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "BODY")}


@dataclass(frozen=True, slots=True)
class ReutersStory:
    newid: int
    date: datetime | None
    title: str
    body: str  # may be empty: some stories have a title only


def _field(name: str, text: str) -> str:
    match = _FIELD[name].search(text)
    return html.unescape(match.group(1)).strip() if match else ""


def _date(text: str) -> datetime | None:
    try:  # "26-FEB-1987 15:01:01.79", " 2-MAR-1987 11:49:17.45"
        return datetime.strptime(text.strip().split(".")[0], "%d-%b-%Y %H:%M:%S")
    except ValueError:
        return None


def read_reuters(directory: str | Path) -> Iterator[ReutersStory]:
    """Every story of every ``reut2-*.sgm`` file in ``directory``, in NEWID order per file."""
    files = sorted(Path(directory).glob("reut2-*.sgm"))
    if not files:
        raise InputError(f"{directory}: no reut2-*.sgm files; pass the Reuters-21578 folder")
    for path in files:
        raw = path.read_text(encoding="latin-1")
        for match in _STORY.finditer(raw):
            attrs, text = match.groups()
            newid = _NEWID.search(attrs)
            yield ReutersStory(
                newid=int(newid.group(1)) if newid else -1,
                date=_date(_field("DATE", text)),
                title=_field("TITLE", text),
                body=_field("BODY", text),
            )
