"""A newswire-trained NER: the small spaCy model's own NER component, trained further on CoNLL-2003.

``en_core_web_sm`` was trained on OntoNotes. On Reuters-style newswire it confuses people,
organisations and places on unfamiliar names (cricketers, clubs, small towns) and reads
all-capital headlines badly; CoNLL-2003 entity F1 is 0.71 with the stock weights. Its NER
component has its own token-to-vector layer, so it can be trained further on CoNLL-2003
*train* without touching the tagger or the parser, and without changing the model's
architecture or label set: the result is a drop-in ``ner`` component of the same size,
shipped as package data (``newsfuse/nlp/models/ner/``), loaded beside the stock one by
``load_spacy()`` and over it by ``load_spacy(ner="tuned")``.

Status: extraction runs it beside the stock NER, for names only
(:mod:`newsfuse.nlp.spacy_pipeline`, ``ner="combined"``): on CoNLL valid that reads
entity F1 0.870 (stock 0.713; this model alone 0.873). Alone it would move dates
(TimeML value F1 0.775, stock 0.783, goal 0.78) and miss a few names of today's news the
stock model finds ("Trump told reporters" after a quote), so the stock weights keep the
dates and figures, and a stock PERSON stands where this model finds nothing. Seven
variants were tried for a single model (no rehearsal; dates only, full names or every
name rehearsed; 3 or 5 epochs; PolNeAR and Reuters text; weights interpolated with the
stock model at 0.25-0.6): CoNLL F1 0.80-0.88, dates 0.769-0.781, and none kept both the
date goal and the sample articles' checks.

What it is trained to produce (:func:`conll_targets`), per CoNLL sentence:

- CoNLL's names under OntoNotes labels: PER -> PERSON, ORG -> ORG, LOC -> the stock
  model's GPE, LOC or FAC for that span, else GPE. MISC is split by OntoNotes into NORP,
  EVENT, PRODUCT, WORK_OF_ART, LAW and LANGUAGE; where the stock model gives the span one
  of those it is kept, otherwise the tokens are left *unannotated* (no gradient), since the
  right OntoNotes label is not known.
- Outside CoNLL's names, the stock model's own dates, times, numbers, money, percentages
  and quantities (CoNLL does not annotate them; OntoNotes does, and the date and figure
  stages read them). Stock names that CoNLL does not mark are taught as not names.

Trained on CoNLL alone, the model drifts on dates ("Friday, Oct. 23" comes out as two
dates; TimeML value F1 0.783 -> 0.769), so it also rehearses the stock model's dates and
figures, and its people named in full, on ordinary news text (:func:`rehearsal_targets`;
the shipped weights used the PolNeAR *train* texts, 16k paragraphs, which no eval
scores). Half the CoNLL sentences are typed with curly apostrophes and quotation marks
(:func:`typographic`), as web news is: "Ukraine’s Volodymyr Zelensky" was missed without.

``newsfuse train ner --conll train.txt --rehearse DIR`` rebuilds the packaged weights
(about 3.5 minutes an epoch on one core); ``newsfuse eval entities --ner tuned`` scores
them on ``valid.txt``, which training never reads.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsfuse.datasets.conll import ConllSentence
from newsfuse.errors import InputError

TUNED_NER = Path(str(resources.files("newsfuse.nlp").joinpath("models", "ner")))
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                         "WORK_OF_ART", "LAW", "LANGUAGE"})
_MISC = frozenset({"NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_UNKNOWN = None  # a span whose OntoNotes label is not known: left unannotated


@dataclass(frozen=True, slots=True)
class NerTrainParams:
    """How the shipped NER was trained (recorded next to the weights)."""

    epochs: int = 5
    dropout: float = 0.2
    seed: int = 0
    batch_from: float = 8.0  # minibatch sizes compound from this ...
    batch_to: float = 64.0  # ... to this
    batch_rate: float = 1.001
    rehearse_names: str = "people"  # or "all": every stock name is rehearsed
    extra: dict[str, Any] = field(default_factory=dict)


def _target_label(kind: str, stock: str | None) -> str | None:
    if kind == "PER":
        return "PERSON"
    if kind == "ORG":
        return "ORG"
    if kind == "LOC":
        return stock if stock in _PLACES else "GPE"
    return stock if stock in _MISC else _UNKNOWN


def _tag(tags: list[str], start: int, end: int, label: str | None) -> None:
    """Write one span into ``tags`` as BILUO (``-`` over it when ``label`` is unknown)."""
    if label is None:
        tags[start:end] = ["-"] * (end - start)
    elif end - start == 1:
        tags[start] = f"U-{label}"
    else:
        tags[start:end] = [f"B-{label}", *[f"I-{label}"] * (end - start - 2), f"L-{label}"]


def conll_targets(sentence: ConllSentence, stock_doc: Any) -> list[str]:
    """BILUO tags for one CoNLL sentence (``-`` marks unannotated tokens), given the
    stock model's doc of the same tokens; see the module docstring for the rules."""
    stock = {(e.start, e.end): e.label_ for e in stock_doc.ents}
    tags = ["O"] * len(sentence.words)
    covered = [False] * len(sentence.words)
    spans: list[tuple[int, int, str | None]] = []
    for start, end, kind in sorted(sentence.spans()):
        covered[start:end] = [True] * (end - start)
        spans.append((start, end, _target_label(kind, stock.get((start, end)))))
    spans += [(e.start, e.end, e.label_) for e in stock_doc.ents
              if e.label_ not in NAME_LABELS and not any(covered[e.start:e.end])]
    for start, end, label in spans:
        _tag(tags, start, end, label)
    return tags


def rehearsal_targets(stock_doc: Any, names: str = "people") -> list[str]:
    """BILUO tags that keep the stock model's dates and figures on ordinary text: its
    non-name entities as they are, and its people named in full ("Volodymyr Zelensky",
    where it is rarely wrong); its other names unannotated, everything else ``O``."""
    tags = ["O"] * len(stock_doc)
    for e in stock_doc.ents:
        open_name = names != "all" and e.label_ in NAME_LABELS and not (e.label_ == "PERSON" and len(e) >= 2)
        _tag(tags, e.start, e.end, None if open_name else e.label_)
    return tags


_CURLY = {"'s": "’s", "'": "’", "`": "‘"}


def typographic(words: Sequence[str]) -> list[str]:
    """CoNLL's words as web news types them: curly apostrophes ("Ukraine’s") and
    quotation marks, opening and closing in turn."""
    out: list[str] = []
    opened = False
    for word in words:
        if word == '"':
            out.append("”" if opened else "“")
            opened = not opened
        else:
            out.append(_CURLY.get(word, word))
    return out


def rehearsal_texts(folder: str | Path, min_words: int = 5, stories: int = 1500) -> list[str]:
    """Ordinary news text for :func:`train_ner` to rehearse the stock model on: the
    paragraphs (lines of at least ``min_words`` words) of every ``*.txt`` file in
    ``folder``, in file-name order, or, for a Reuters-21578 folder (``reut2-*.sgm``), the
    bodies of its first ``stories`` stories that have one."""
    if any(Path(folder).glob("reut2-*.sgm")):
        from newsfuse.datasets.reuters import read_reuters

        bodies = (s.body for s in read_reuters(folder) if s.body.strip())
        return [" ".join(body.split()) for body, _ in zip(bodies, range(stories))]
    files = sorted(Path(folder).glob("*.txt"))
    if not files:
        raise InputError(f"{folder}: no .txt files (or Reuters-21578 .sgm files) to rehearse on; pass a "
                         "folder of news texts such as ../shared/data/polnear/train/text")
    return [line.strip() for file in files for line in file.read_text(encoding="utf-8").splitlines()
            if len(line.split()) >= min_words]


def train_ner(sentences: Sequence[ConllSentence], params: NerTrainParams, rehearse: Sequence[str] = (),
              log: Callable[[str], None] = lambda line: None) -> Any:
    """The stock spaCy NER trained further on ``sentences``, and on the stock model's own
    dates, figures and full names in the ``rehearse`` texts (so that training on CoNLL, which marks
    none, does not move them); returns the ``Language`` (only its ``ner`` component has
    changed). Deterministic for a given seed."""
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import compounding, fix_random_seed, minibatch

    from newsfuse.nlp.spacy_pipeline import fresh_spacy

    fix_random_seed(params.seed)
    nlp = fresh_spacy(exclude=("parser", "tagger", "attribute_ruler", "lemmatizer"), ner="stock")
    order = random.Random(params.seed)
    # half the sentences typed as web news types them (CoNLL has no curly quotes)
    sentences = [ConllSentence(tuple(typographic(s.words)), s.tags) if order.random() < 0.5 else s
                 for s in sentences]
    stock_docs = nlp.pipe((Doc(nlp.vocab, words=list(s.words)) for s in sentences), batch_size=256)
    examples = [Example.from_dict(Doc(nlp.vocab, words=list(s.words)), {"entities": conll_targets(s, d)})
                for s, d in zip(sentences, stock_docs)]
    for doc in nlp.pipe(rehearse, batch_size=64):
        words = [t.text for t in doc]
        spaces = [bool(t.whitespace_) for t in doc]
        examples.append(Example.from_dict(Doc(nlp.vocab, words=words, spaces=spaces),
                                          {"entities": rehearsal_targets(doc, params.rehearse_names)}))
    optimizer = nlp.resume_training()
    for epoch in range(1, params.epochs + 1):
        order.shuffle(examples)
        losses: dict[str, float] = {}
        with nlp.select_pipes(enable=["ner"]):
            for batch in minibatch(examples, size=compounding(params.batch_from, params.batch_to,
                                                              params.batch_rate)):
                nlp.update(batch, sgd=optimizer, drop=params.dropout, losses=losses)
        log(f"epoch {epoch}/{params.epochs}: loss {losses.get('ner', 0.0):.0f}")
    return nlp


def save_ner(nlp: Any, params: NerTrainParams, out: str | Path = TUNED_NER) -> Path:
    """Write ``nlp``'s NER component to ``out`` with a ``training.json`` of ``params``."""
    target = Path(out)
    nlp.get_pipe("ner").to_disk(target, exclude=["vocab"])
    (target / "training.json").write_text(json.dumps(asdict(params), indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")
    return target
