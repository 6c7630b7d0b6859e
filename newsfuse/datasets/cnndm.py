"""CNN / Daily Mail articles as gzipped JSONL ``{id, text, highlights}``."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from newsfuse.errors import InputError


def read_cnndm(path: str | Path) -> Iterator[dict[str, str]]:
    """Records of a CNN/DM ``*.jsonl.gz`` file, or of every such file in a folder."""
    target = Path(path)
    files = sorted(target.glob("*.jsonl.gz")) if target.is_dir() else [target]
    if not files or not files[0].exists():
        raise InputError(f"{path}: no CNN/DM *.jsonl.gz file found")
    for file in files:
        with gzip.open(file, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)
