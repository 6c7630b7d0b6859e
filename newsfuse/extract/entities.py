"""Named-entity mentions of one parsed article, with the fix-ups the small spaCy model needs.

spaCy's ``en_core_web_sm`` splits names at en dashes ("Joint Base Elmendorf" + "Richardson")
and at nobiliary particles ("Ursula von der" + "Leyen"), and labels the same name
differently within one article ("Trump" as PERSON, then ORG). Within an article a name
gets one label: the majority of its occurrences, and PERSON when it is the surname of a
person named in full there. All-capital sentences (headlines) are tagged again as the
article writes their words elsewhere (:func:`truecase`), where the model is much better.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsfuse.extract.names import PARTICLES, name_key, surname_key

if TYPE_CHECKING:
    from newsfuse.nlp.spacy_pipeline import NerWeights

NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
               "WORK_OF_ART", "LAW", "LANGUAGE")
_JOINERS = {"-", "–", "—", "‑", "‐"}


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name in token coordinates of one doc (end exclusive)."""

    start: int
    end: int
    label: str


def _merge_adjacent(doc: Any, ents: list[NameSpan]) -> list[NameSpan]:
    """Join names split at a dash written without spaces, or after "von der"."""
    out: list[NameSpan] = []
    for ent in ents:
        if out:
            prev = out[-1]
            gap = ent.start - prev.end
            dash = gap == 1 and doc[prev.end].text in _JOINERS and not doc[prev.end - 1].whitespace_ \
                and not doc[prev.end].whitespace_
            # "Ursula von der" + "Leyen", "Ursula von" + "der" + "Leyen"
            tail = [doc[i].lower_ for i in range(prev.end - 1, ent.start)]
            particle = gap <= 2 and prev.label == "PERSON" and all(w in PARTICLES for w in tail)
            if dash or particle:
                out[-1] = NameSpan(prev.start, ent.end, prev.label)
                continue
        out.append(ent)
    return out


def _trim(doc: Any, ent: NameSpan) -> NameSpan | None:
    """Drop a leading "the" and trailing possessives or punctuation from a name."""
    start, end = ent.start, ent.end
    if ent.label == "PERSON":  # "Trump’s Message" (a headline) is Trump
        cut = next((i for i in range(start + 1, end) if doc[i].lower_ in ("'s", "’s")), None)
        end = cut if cut is not None else end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'")):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].text == "the"):
        start += 1  # "the Philadelphia Eagles" is the name "Philadelphia Eagles"
    return NameSpan(start, end, ent.label) if end > start else None


# Labels whose names can hold a comma or end in a number ("Eat, Pray, Love", "Boeing 747",
# "Article 5", "Terminal 3"); the others are cut there.
_TITLE_LIKE = {"WORK_OF_ART", "LAW", "PRODUCT", "EVENT", "FAC"}
_CUT_AT = {",", "(", ")", "[", "]", ";"}


def _is_number(token: Any) -> bool:
    text = token.text
    return any(c.isdigit() for c in text) and all(c.isdigit() or c in ".,:/+-–—" for c in text)


def _pieces(doc: Any, ent: NameSpan) -> list[NameSpan]:
    """Cut a span the model ran over several things: at a comma ("Grace Road,
    Leicestershire" is a ground and a county), a bracket ("Scott Draper (Australia"),
    a dash with spaces round it ("Romania - Cosmin Contra") and figures ("Pohang 3
    Ulsan"), and drop the figures before or after a name ("Surrey 429-7", "MOSCOW
    1996-08-30", "2 - Rodney Eyles")."""
    if ent.label in _TITLE_LIKE:
        return [ent]
    cuts, start = [], ent.start
    for i in range(ent.start, ent.end):
        token = doc[i]
        spaced_dash = token.text in _JOINERS and token.whitespace_ and i > 0 and doc[i - 1].whitespace_
        if token.text in _CUT_AT or spaced_dash or _is_number(token):
            cuts.append((start, i))
            start = i + 1
    cuts.append((start, ent.end))
    out = []
    for lo, hi in cuts:
        while lo < hi and (_is_number(doc[lo]) or doc[lo].text in _JOINERS):
            lo += 1
        while hi > lo and (_is_number(doc[hi - 1]) or doc[hi - 1].text in _JOINERS):
            hi -= 1
        if hi > lo:
            out.append(NameSpan(lo, hi, ent.label))
    return out


def raw_names(doc: Any) -> list[NameSpan]:
    """spaCy's name entities, merged, cut and trimmed, before any relabelling."""
    ents = [NameSpan(e.start, e.end, e.label_) for e in doc.ents if e.label_ in NAME_LABELS]
    pieces = [p for e in _merge_adjacent(doc, ents) for p in _pieces(doc, e)]
    return [t for t in (_trim(doc, p) for p in pieces) if t is not None]


def consistent_labels(texts: Sequence[str], labels: Sequence[str]) -> list[str]:
    """One label per name within a text: the most frequent label of its key, and PERSON
    for a one-word name that is the surname of a person named in full.

    Args:
        texts: the surface form of each name, in order.
        labels: spaCy's label for each.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    keys = [name_key(t, lab) for t, lab in zip(texts, labels)]
    for key, label in zip(keys, labels):
        votes[key][label] += 1
    surnames = {surname_key(t) for t, lab in zip(texts, labels) if lab == "PERSON" and len(t.split()) > 1}
    out: list[str] = []
    for text, key, label in zip(texts, keys, labels):
        if len(text.split()) == 1 and surname_key(text) in surnames and label in ("ORG", "GPE", "NORP", "LOC"):
            out.append("PERSON")
            continue
        best, n = votes[key].most_common(1)[0]
        out.append(best if n > votes[key][label] else label)
    return out


def name_spans(doc: Any) -> list[NameSpan]:
    """The doc's names after merging, trimming, in-article label consistency, and the
    other mentions of each name that the model missed."""
    words = token_texts(doc)
    names = _retag_shouting(doc, raw_names(doc), words)
    texts = [doc[n.start:n.end].text for n in names]
    labels = consistent_labels(texts, [n.label for n in names])
    found = [NameSpan(n.start, n.end, lab) for n, lab in zip(names, labels)]
    return propagate([words], [found])[0]


_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’.-]*[A-Z]\b\W+\b[A-Z][A-Z'’.-]*[A-Z]\b")


def token_texts(doc: Any) -> list[str]:
    """Every token's text, read off the doc's arrays (iterating the doc builds a token
    object each, which cost more than the rest of the name fix-ups together)."""
    from spacy.attrs import IDX, LENGTH

    text = doc.text
    return [text[i:i + n] for i, n in doc.to_array([IDX, LENGTH]).tolist()]


def _retag_shouting(doc: Any, names: list[NameSpan], words: list[str]) -> list[NameSpan]:
    """The names of the doc's all-capitals sentences, tagged again on their
    :func:`truecase` d words, which replace theirs in ``words`` (the doc's own text is
    never changed: only the names' token offsets are taken from the second pass)."""
    if not doc.has_annotation("SENT_START") or not _CAPS_RUN.search(doc.text):
        return names  # no two capital-letter words in a row: nothing shouts
    sents = list(doc.sents)
    # sentence texts first: building token objects for every sentence of every article
    # cost more than the rest of this step
    shouting = [sent for sent in sents if _is_shouting(sent.text.split())]
    if not shouting:
        return names
    from spacy.tokens import Doc

    from newsfuse.nlp.spacy_pipeline import load_spacy, ner_pipes

    nlp = load_spacy()  # the pipeline that parsed the doc (loaded once); its NER alone runs
    casing = casing_table([words[sent.start:sent.end] for sent in sents])
    for sent in shouting:
        cased = truecase(words[sent.start:sent.end], casing)
        words[sent.start:sent.end] = cased
        again = Doc(nlp.vocab, words=cased, spaces=[bool(t.whitespace_) for t in sent])
        for name in ("tok2vec", *ner_pipes(nlp)):
            again = nlp.get_pipe(name)(again)
        names = [n for n in names if not sent.start <= n.start < sent.end] + \
            [NameSpan(n.start + sent.start, n.end + sent.start, n.label) for n in raw_names(again)]
    return sorted(names, key=lambda n: n.start)


def propagate(token_lists: Sequence[Sequence[str]], names: Sequence[Sequence[NameSpan]]
              ) -> list[list[NameSpan]]:
    """Add the mentions of a name the model tagged elsewhere in the same text but missed
    here ("Alexander Lebed ... Lebed said"): the same capitalised words, outside any
    name, get that name's label; so does the surname of a person named in full.

    Args:
        token_lists: the words of each sentence (or one list for a whole doc).
        names: the names found in each, in token coordinates of its list.
    """
    known: dict[tuple[str, ...], str] = {}
    for words, found in zip(token_lists, names):
        for n in found:
            key = tuple(words[n.start:n.end])
            if _propagatable(key):
                known.setdefault(key, n.label)
            if n.label == "PERSON" and n.end - n.start >= 2 and _propagatable(key[-1:]):
                known.setdefault(key[-1:], "PERSON")
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for key, label in sorted(known.items(), key=lambda kv: -len(kv[0])):  # longest first
        by_first[key[0]].append((key, label))
    out: list[list[NameSpan]] = []
    for words, found in zip(token_lists, names):
        taken = [False] * len(words)
        for n in found:
            taken[n.start:n.end] = [True] * (n.end - n.start)
        added: list[NameSpan] = []
        i = 0
        while i < len(words):
            match = None if taken[i] else next(
                ((key, label) for key, label in by_first.get(words[i], ())
                 if tuple(words[i:i + len(key)]) == key and not any(taken[i:i + len(key)])
                 and not _inside_name(words, i, len(key))), None)
            if match is None:
                i += 1
                continue
            added.append(NameSpan(i, i + len(match[0]), match[1]))
            i += len(match[0])
        out.append(sorted([*found, *added], key=lambda n: n.start))
    return out


def _propagatable(key: tuple[str, ...]) -> bool:
    """Names whose bare words are safe to look for: capitalised, not a lone short word."""
    if not key or not all(w[:1].isupper() for w in key if w[:1].isalpha()) or not key[0][:1].isupper():
        return False
    return len(key) > 1 or (len(key[0]) >= 3 and key[0].isalpha() and not key[0].isupper())


def _inside_name(words: Sequence[str], start: int, length: int) -> bool:
    """The words continue a longer capitalised run ("Lebed" in "Lebed Foundation")."""
    before = words[start - 1] if start > 0 else ""
    after = words[start + length] if start + length < len(words) else ""
    return (before[:1].isupper() and before.isalpha() and start > 0) or (after[:1].isupper() and after.isalpha())


def _is_shouting(words: Sequence[str]) -> bool:
    letters = [w for w in words if any(c.isalpha() for c in w)]
    return len(letters) >= 2 and sum(w.isupper() for w in letters) >= 0.8 * len(letters)


def casing_table(sentences: Iterable[Sequence[str]]) -> dict[str, str]:
    """How the text writes each word when it is not shouting: lower-case form -> the
    most frequent spelling, from every sentence that is not all capitals (the first word
    of a sentence is capitalised whatever it is, so it does not count)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for words in sentences:
        if _is_shouting(words):
            continue
        for word in words[1:]:
            if any(c.isalpha() for c in word):
                seen[word.lower()][word] += 1
    return {key: forms.most_common(1)[0][0] for key, forms in seen.items()}


def truecase(words: Sequence[str], casing: Mapping[str, str]) -> list[str]:
    """An all-capitals sentence (a headline) written as the text around it writes its
    words ("SHEARER NAMED AS ENGLAND CAPTAIN" -> "Shearer named as England captain"),
    where the model is much better. Words the text does not use elsewhere are most often
    common words (an article names the people of its headline again): up to three
    letters they are kept (acronyms: "US", "NFL"), longer ones go to lower case, and
    so do stop words. Every word keeps its length, so token offsets do not move.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    out = []
    for word in words:
        form = word
        if word.isupper():
            key = word.lower()
            known = casing.get(key)
            if known is not None:
                form = known
            elif key in STOP_WORDS or len(word) > 3:
                form = key
        out.append(form if len(form) == len(word) else word)
    return out


def conll_entities(sentences: Iterable[Sequence[str]], batch_size: int = 256, window: int = 12,
                   context: int = 12, ner: NerWeights = "combined") -> list[list[tuple[int, int, str]]]:
    """Names of pre-tokenised sentences as ``(start, end, label)`` token spans (for CoNLL).

    Runs the same fix-ups as articles. Sentences are grouped in windows of ``window``
    consecutive sentences for label consistency, since CoNLL files keep document order
    but (in the copy used here) not document boundaries. ``ner`` picks the NER weights
    (see :func:`newsfuse.nlp.spacy_pipeline.load_spacy`).
    """
    from spacy.tokens import Doc

    from newsfuse.nlp.spacy_pipeline import load_spacy

    nlp = load_spacy(exclude=("parser", "tagger", "attribute_ruler", "lemmatizer"), ner=ner)
    given = [list(s) for s in sentences]

    def words_of(i: int) -> list[str]:
        if not _is_shouting(given[i]):
            return given[i]
        # a headline's words as its article writes them (the sentences round it)
        return truecase(given[i], casing_table(given[max(0, i - context):i + 2 * context]))

    cased = [words_of(i) for i in range(len(given))]
    docs = (Doc(nlp.vocab, words=words) for words in cased)
    per_sentence: list[list[NameSpan]] = []
    texts: list[list[str]] = []
    for sentence, doc in zip(given, nlp.pipe(docs, batch_size=batch_size)):
        names = raw_names(doc)
        per_sentence.append(names)
        texts.append([" ".join(sentence[n.start:n.end]) for n in names])
    out: list[list[tuple[int, int, str]]] = []
    for lo in range(0, len(per_sentence), window):
        group = per_sentence[lo:lo + window]
        flat_texts = [t for ts in texts[lo:lo + window] for t in ts]
        labels = iter(consistent_labels(flat_texts, [n.label for ns in group for n in ns]))
        relabelled = [[NameSpan(n.start, n.end, next(labels)) for n in names] for names in group]
        spread = propagate(cased[lo:lo + window], relabelled)
        out.extend([(n.start, n.end, n.label) for n in names] for names in spread)
    return out
