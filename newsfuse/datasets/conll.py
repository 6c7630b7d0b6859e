"""CoNLL-2003 English NER files: ``token POS chunk NER`` per line, blank line between sentences.

Tags may be IOB1 or IOB2; spans are decoded so both give the same entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import InputError


@dataclass(frozen=True, slots=True)
class ConllSentence:
    """One sentence: its tokens and their NER tags (``O``, ``B-PER``, ``I-LOC``, ...)."""

    words: tuple[str, ...]
    tags: tuple[str, ...]

    def spans(self) -> set[tuple[int, int, str]]:
        """Gold entities as ``(start token, end token, type)``, end exclusive."""
        return tags_to_spans(self.tags)


def tags_to_spans(tags: tuple[str, ...] | list[str]) -> set[tuple[int, int, str]]:
    """Decode IOB1/IOB2 tags into ``(start, end, type)`` spans (end exclusive)."""
    spans: set[tuple[int, int, str]] = set()
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        # an entity ends at O, at an explicit B-, or where the type changes (IOB1)
        if start is not None and (prefix in ("O", "B") or label != kind):
            spans.add((start, i, kind))
            start = None
        if prefix in ("B", "I") and start is None:
            start, kind = i, label
    return spans


def read_conll(path: str | Path) -> Iterator[ConllSentence]:
    """Every sentence of a CoNLL-2003 file (``-DOCSTART-`` lines are skipped)."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{path}: not a file; pass a CoNLL-2003 file such as valid.txt")
    words: list[str] = []
    tags: list[str] = []
    with file.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if words:
                    yield ConllSentence(tuple(words), tuple(tags))
                    words, tags = [], []
                continue
            if len(parts) < 2:
                raise InputError(f"{path}:{lineno}: expected 'token POS chunk NER', got {line!r}")
            words.append(parts[0])
            tags.append(parts[-1])
    if words:
        yield ConllSentence(tuple(words), tuple(tags))
