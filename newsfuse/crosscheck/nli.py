"""Natural-language inference behind one small interface.

No NLI model can be installed offline (see MODELS.md §3), so the default backend is a
heuristic and says so in every decision it makes (``method == "heuristic"``): it parses
the two sentences with spaCy and compares the polarity of the clause that governs a
topic both share ("a ceasefire is the priority" vs "I don't think a ceasefire is
necessary"), with negation raising ("don't think X" negates X), negative predicates
("resisted", "rejected") and conditional clauses ("if Putin does not agree") read as not
asserted. :class:`LocalModelNLI` plugs in a model from a local directory instead.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from newsfuse.crosscheck.facts import singular
from newsfuse.errors import MissingDependency, NewsfuseError

Label = Literal["entailment", "neutral", "contradiction"]
LABELS: tuple[Label, ...] = ("entailment", "neutral", "contradiction")


@dataclass(frozen=True, slots=True)
class NLIResult:
    """One decision: the label, its confidence, the backend's label, and on what topic."""

    label: Label
    score: float
    method: str
    topic: str = ""


class NLIBackend(Protocol):
    """Decides whether ``hypothesis`` follows from, contradicts or is neutral to ``premise``."""

    name: str

    def predict(self, premise: str, hypothesis: str, topics: tuple[str, ...] = ()) -> NLIResult: ...


_NEG_RAISING = {"think", "believe", "expect", "want", "seem", "suppose", "imagine", "plan", "intend"}
_NEGATIVE_PREDICATES = {"reject", "refuse", "resist", "oppose", "deny", "doubt", "skepticism",
                        "scepticism", "dismiss", "abandon", "drop", "block", "veto", "rule",
                        "unnecessary", "unlikely", "impossible", "against", "halt", "stop", "end"}
_ANTONYMS = {("accept", "reject"), ("agree", "refuse"), ("increase", "decrease"), ("rise", "fall"),
             ("win", "lose"), ("confirm", "deny"), ("support", "oppose"), ("allow", "ban"),
             ("open", "close"), ("approve", "reject"), ("necessary", "unnecessary"),
             ("likely", "unlikely"), ("possible", "impossible")}
_CONDITIONAL = {"if", "unless", "until", "whether", "once", "should"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "pobj", "obj", "dative", "oprd", "appos", "conj"}


class HeuristicNLI:
    """Polarity of the clause governing a shared topic, on the spaCy parse (labelled ``heuristic``)."""

    name = "heuristic"

    def __init__(self) -> None:
        self._nlp: Any = None
        self._docs: dict[str, Any] = {}

    def _parse(self, text: str) -> Any:
        if self._nlp is None:
            from newsfuse.nlp.spacy_pipeline import load_spacy

            self._nlp = load_spacy(exclude=("ner",))
        doc = self._docs.get(text)
        if doc is None:
            if len(self._docs) > 4096:  # a bounded cache: a sentence is compared with many
                self._docs.clear()
            doc = self._docs[text] = self._nlp(text)
        return doc

    @staticmethod
    def _polarity(token: Any) -> tuple[int, str, str] | None:
        """(+1 asserted / -1 negated, the governing predicate's lemma, the topic's role:
        ``subj`` or ``obj``); None when not asserted (conditional) or not an argument."""
        pol = 1
        if any(c.dep_ == "neg" or c.lower_ in ("no", "never") for c in token.children):
            pol = -pol
        if token.dep_ not in _ARGUMENT_DEPS:
            return None  # a modifier ("ceasefire deal"): the clause is about something else
        role = "subj" if token.dep_ in ("nsubj", "nsubjpass") else "obj"
        node, hops, predicate = token, 0, ""
        while node.head is not node and hops < 6:
            node = node.head
            hops += 1
            if node.pos_ in ("NOUN", "PROPN") and node.dep_ not in _ARGUMENT_DEPS | {"ROOT"}:
                return None
            if node.lemma_.lower() in _NEGATIVE_PREDICATES:
                pol = -pol
            if node.pos_ in ("VERB", "AUX", "ADJ") or node.dep_ == "ROOT":
                if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in node.children):
                    return None
                if any(c.dep_ == "neg" for c in node.children):
                    pol = -pol
                if node.dep_ in ("acomp", "attr") and any(c.dep_ == "neg" for c in node.head.children):
                    pol = -pol  # "is not safe for traffic": the copula carries the negation
                for c in node.children:  # "X is (not) necessary": the predicate adjective
                    if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _NEGATIVE_PREDICATES:
                        pol = -pol
                predicate = predicate or node.lemma_.lower()
                if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in _NEG_RAISING:
                    continue
                if node.dep_ in ("prep", "pcomp", "acl", "xcomp") and node.pos_ != "AUX":
                    continue
                return pol, predicate, role
        return (pol, predicate, role) if predicate else None

    def _topics(self, doc: Any, topics: tuple[str, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for t in doc:
            key = singular(t.lemma_.lower())
            if t.pos_ in ("NOUN", "PROPN") and (not topics or key in topics) and key not in out:
                out[key] = t
        return out

    def predict(self, premise: str, hypothesis: str, topics: tuple[str, ...] = ()) -> NLIResult:
        a, b = self._parse(premise), self._parse(hypothesis)
        ta, tb = self._topics(a, topics), self._topics(b, topics)
        for topic in sorted(set(ta) & set(tb)):
            pa, pb = self._polarity(ta[topic]), self._polarity(tb[topic])
            if pa is None or pb is None or pa[2] != pb[2]:
                continue
            same = pa[1] == pb[1]
            opposite = (pa[1], pb[1]) in _ANTONYMS or (pb[1], pa[1]) in _ANTONYMS
            # the same predicate with opposite polarity, or antonyms with the same polarity
            if (same and pa[0] != pb[0]) or (opposite and pa[0] == pb[0]):
                return NLIResult("contradiction", 0.6, self.name, topic)
        return NLIResult("neutral", 0.5, self.name)


class LocalModelNLI:
    """A model loaded from a local directory; nothing is fetched.

    Two layouts are read:
      * ``nli.pkl`` (+ optional ``labels.json``): a pickled scikit-learn-style pipeline with
        ``predict_proba`` over the text ``"<premise> [SEP] <hypothesis>"``; its
        ``classes_`` name the labels;
      * a Hugging Face sequence-classification directory (``config.json`` with
        ``id2label`` naming entailment / neutral / contradiction), read with
        ``transformers`` from the directory only.

    Example:
        >>> LocalModelNLI("/models/my-nli").predict("A is open.", "A is closed.")  # doctest: +SKIP
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = f"model:{self.path.name}"
        self._model: Any = None
        self._kind = ""

    def _load(self) -> None:
        if self._model is not None:
            return
        if (self.path / "nli.pkl").exists():
            with open(self.path / "nli.pkl", "rb") as fh:
                self._model = pickle.load(fh)  # a model the user put there; trusted like code
            self._kind = "sklearn"
        elif (self.path / "config.json").exists():
            try:
                import torch  # noqa: F401
                from transformers import AutoModelForSequenceClassification, AutoTokenizer
            except ImportError as exc:
                raise MissingDependency(exc.name or "transformers", purpose="a local NLI model") from None
            self._tokenizer = AutoTokenizer.from_pretrained(str(self.path), local_files_only=True)
            self._model = AutoModelForSequenceClassification.from_pretrained(str(self.path), local_files_only=True)
            self._model.eval()
            self._kind = "transformers"
        else:
            raise NewsfuseError(f"{self.path}: no NLI model here; expected nli.pkl (scikit-learn) or "
                                f"config.json (transformers). Point the NLI backend at a model directory.")

    def predict(self, premise: str, hypothesis: str, topics: tuple[str, ...] = ()) -> NLIResult:
        self._load()
        if self._kind == "sklearn":
            probs = self._model.predict_proba([f"{premise} [SEP] {hypothesis}"])[0]
            classes = [str(c) for c in self._model.classes_]
        else:
            import torch

            with torch.no_grad():
                enc = self._tokenizer(premise, hypothesis, return_tensors="pt", truncation=True)
                probs = torch.softmax(self._model(**enc).logits[0], dim=-1).tolist()
            id2label = self._model.config.id2label
            classes = [str(id2label[i]).lower() for i in range(len(probs))]
        best = max(range(len(probs)), key=lambda i: probs[i])
        label = classes[best] if classes[best] in LABELS else "neutral"
        return NLIResult(label, float(probs[best]), self.name)  # type: ignore[arg-type]


def nli_backend(spec: str | None = None) -> NLIBackend:
    """``None`` or ``"heuristic"``: the heuristic; anything else: a local model directory."""
    if spec in (None, "", "heuristic"):
        return HeuristicNLI()
    return LocalModelNLI(spec)


__all__ = ["LABELS", "HeuristicNLI", "LocalModelNLI", "NLIBackend", "NLIResult", "json", "nli_backend"]
