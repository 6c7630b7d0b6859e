"""PolNeAR (Newell et al., LREC 2018): attribution annotations in brat standoff.

Layout: ``DIR/<split>/text/<name>.txt`` and ``DIR/<split>/attributions/<name>_<annotator>.ann``.
Each attribution is an ``E`` line joining ``Source``, ``Cue`` and ``Content`` text-bound
annotations (``T`` lines), whose offsets may be discontinuous (``12 20;25 40``). Where
several annotators labelled one text (the annotator-training files), the first annotation
file in name order is used, so the gold standard is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import InputError

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: Spans  # empty when the annotator marked no source
    cue: Spans
    content: Spans


@dataclass(frozen=True, slots=True)
class PolnearDoc:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _spans(field: str) -> Spans:
    out = []
    for part in field.split(";"):
        start, end = part.split()[-2:]
        out.append((int(start), int(end)))
    return tuple(out)


def parse_ann(raw: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one ``.ann`` file."""
    bounds: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, list[str]]] = []
    for line in raw.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            bounds[parts[0]] = (kind, _spans(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append(roles)
    def gather(roles: dict[str, list[str]], role: str) -> Spans:
        return tuple(s for ref in roles.get(role, []) if ref in bounds for s in bounds[ref][1])

    out = []
    for roles in events:
        content = gather(roles, "Content")
        if content:
            out.append(GoldAttribution(gather(roles, "Source"), gather(roles, "Cue"), content))
    return tuple(out)


def read_polnear(directory: str | Path, split: str = "dev") -> Iterator[PolnearDoc]:
    """Every annotated text of ``split`` (``train`` or ``dev``), in name order."""
    root = Path(directory) / split
    texts = sorted((root / "text").glob("*.txt"))
    if not texts:
        raise InputError(f"{root}: no text/*.txt files; pass the PolNeAR folder holding "
                         f"{split}/text and {split}/attributions")
    annotations: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    for path in texts:
        found = annotations.get(path.stem)
        if found is None:
            continue  # a text nobody annotated is not scored
        yield PolnearDoc(path.stem, path.read_text(encoding="utf-8"), parse_ann(found.read_text(encoding="utf-8")))
