"""The CoNLL-trained NER (opt-in): training targets, the packaged weights, and rebuilding them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.datasets.conll import ConllSentence, read_conll
from newsfuse.errors import InputError, NewsfuseError
from newsfuse.nlp import spacy_pipeline
from newsfuse.nlp.ner_tuning import (
    NAME_LABELS,
    TUNED_NER,
    NerTrainParams,
    conll_targets,
    rehearsal_targets,
    rehearsal_texts,
    save_ner,
    train_ner,
    typographic,
)

CONLL_TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "conll2003" / "train.txt"


def _doc(words: list[str], ents: list[tuple[int, int, str]]):  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc, Span

    nlp = spacy_pipeline.load_spacy(exclude=("parser", "tagger", "attribute_ruler", "lemmatizer"))
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_targets_map_conll_names_keep_the_stock_dates_and_leave_unknown_misc_unannotated() -> None:
    words = ["Ajax", "of", "Amsterdam", "beat", "Old", "Trafford", "side", "on", "Sunday", "at",
             "the", "Euro", "Cup", ",", "Dutch", "fans", "and", "Ronaldo", "said", "."]
    tags = ["B-ORG", "O", "B-LOC", "O", "B-LOC", "I-LOC", "O", "O", "O", "O",
            "O", "B-MISC", "I-MISC", "O", "B-MISC", "O", "O", "B-PER", "O", "O"]
    sentence = ConllSentence(tuple(words), tuple(tags))
    # the stock model: Ajax a person, Old Trafford a facility, Sunday a date, Dutch NORP,
    # "Euro Cup" not found, "fans" wrongly a name
    stock = _doc(words, [(0, 1, "PERSON"), (4, 6, "FAC"), (8, 9, "DATE"), (14, 15, "NORP"),
                         (15, 16, "ORG")])
    assert conll_targets(sentence, stock) == [
        "U-ORG", "O", "U-GPE", "O", "B-FAC", "L-FAC", "O", "O", "U-DATE", "O",
        "O", "-", "-", "O", "U-NORP", "O", "O", "U-PERSON", "O", "O"]


def test_a_stock_number_inside_a_conll_name_gives_way_to_the_name() -> None:
    words = ["the", "1996", "Olympics", "opened"]
    sentence = ConllSentence(tuple(words), ("O", "B-MISC", "I-MISC", "O"))
    stock = _doc(words, [(1, 2, "DATE"), (2, 3, "EVENT")])
    assert conll_targets(sentence, stock) == ["O", "-", "-", "O"]


def test_rehearsal_keeps_the_stock_dates_and_full_names_and_leaves_other_names_open() -> None:
    words = ["Volodymyr", "Zelensky", "met", "Trump", "in", "Kyiv", "on", "Friday", "for", "two", "hours"]
    stock = _doc(words, [(0, 2, "PERSON"), (3, 4, "PERSON"), (5, 6, "GPE"), (7, 8, "DATE"), (9, 11, "TIME")])
    assert rehearsal_targets(stock) == [
        "B-PERSON", "L-PERSON", "O", "-", "O", "-", "O", "U-DATE", "O", "B-TIME", "L-TIME"]
    assert rehearsal_targets(stock, names="all")[3:6] == ["U-PERSON", "O", "U-GPE"]


def test_typographic_curls_apostrophes_and_pairs_quotation_marks() -> None:
    assert typographic(["He", "said", '"', "Ukraine", "'s", "war", '"', "and", '"', "no", '"']) == \
        ["He", "said", "“", "Ukraine", "’s", "war", "”", "and", "“", "no", "”"]


def test_rehearsal_texts_are_the_paragraphs_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Too short.\nThe talks ended on Friday with no deal.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("  Trump met Putin in Alaska for three hours.  \n", encoding="utf-8")
    assert rehearsal_texts(tmp_path) == ["Trump met Putin in Alaska for three hours.",
                                         "The talks ended on Friday with no deal."]
    with pytest.raises(InputError, match="no .txt files"):
        rehearsal_texts(tmp_path / "none")


def test_the_shipped_weights_are_loaded_over_the_stock_ones_and_keep_its_labels() -> None:
    assert (TUNED_NER / "model").is_file() and (TUNED_NER / "training.json").is_file()
    assert spacy_pipeline.load_spacy() is spacy_pipeline.load_spacy()  # one per process
    tuned, stock = spacy_pipeline.load_spacy(ner="tuned").get_pipe("ner"), \
        spacy_pipeline.load_spacy(ner="stock").get_pipe("ner")
    assert tuned.labels == stock.labels
    assert tuned.to_bytes(exclude=["vocab"]) != stock.to_bytes(exclude=["vocab"])


def test_the_shipped_weights_beat_the_stock_ones_on_newswire_they_never_saw() -> None:
    valid = CONLL_TRAIN.with_name("valid.txt")
    if not valid.is_file():
        pytest.skip(f"shared data not here: {valid}")
    sentences = list(read_conll(valid))[:400]
    exclude = ("parser", "tagger", "attribute_ruler", "lemmatizer")
    tuned, stock = spacy_pipeline.load_spacy(exclude, ner="tuned"), spacy_pipeline.load_spacy(exclude, ner="stock")
    assert _f1(tuned, sentences) > _f1(stock, sentences) + 0.15  # 0.84 and 0.51 when written
    combined = spacy_pipeline.load_spacy(exclude)  # what extraction runs
    assert _f1(combined, sentences) > _f1(stock, sentences) + 0.15


def test_extraction_takes_names_from_the_trained_ner_and_dates_from_the_stock_one() -> None:
    combined, tuned, stock = (spacy_pipeline.load_spacy(ner=n) for n in ("combined", "tuned", "stock"))
    assert combined.pipe_names[-3:] == ["newsfuse_keep_figures", "ner_names", "newsfuse_merge_names"]
    texts = ["The market in Kyiv opens each Thursday at dawn, Volodymyr Zelensky said on Friday, Oct. 23.",
             "“We will see,” Trump told reporters on Wednesday, as 40 percent of the $2 billion was spent.",
             "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY ."]

    def ents(nlp, text, labels):  # type: ignore[no-untyped-def]
        return [(e.start, e.end, e.label_) for e in nlp(text).ents if e.label_ in labels]

    for text in texts:
        figures = spacy_pipeline.FIGURE_LABELS
        assert ents(combined, text, figures) == ents(stock, text, figures)
    names = NAME_LABELS
    # the trained model's names where it finds any ...
    assert ents(combined, texts[0], names) == ents(tuned, texts[0], names)
    assert ents(combined, texts[2], names) == ents(tuned, texts[2], names) != ents(stock, texts[2], names)
    # ... and the stock model's person where it finds nothing: "Trump" after the quote
    assert ents(tuned, texts[1], {"PERSON"}) == []
    assert ents(combined, texts[1], {"PERSON"}) == ents(stock, texts[1], {"PERSON"}) == [(6, 7, "PERSON")]


def test_the_shipped_weights_still_find_dates_and_figures() -> None:
    doc = spacy_pipeline.load_spacy(ner="tuned")(
        "On Friday, 15 August 2025, Trump met Putin at Joint Base Elmendorf-Richardson for three hours "
        "and said 40 percent of the $2 billion was spent last week.")
    labels = {e.label_ for e in doc.ents}
    assert {"DATE", "TIME", "PERCENT", "MONEY", "PERSON"} <= labels


def test_missing_weights_are_a_one_line_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("newsfuse.nlp.ner_tuning.TUNED_NER", tmp_path / "nothing")
    with pytest.raises(NewsfuseError, match="shipped NER weights are missing.*newsfuse train ner"):
        spacy_pipeline.fresh_spacy(exclude=("parser", "tagger", "attribute_ruler", "lemmatizer"), ner="tuned")


def _f1(nlp, sentences: list[ConllSentence]) -> float:  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc

    from newsfuse.eval.extract import CONLL_MAP

    tp = fp = fn = 0
    for s, doc in zip(sentences, nlp.pipe(Doc(nlp.vocab, words=list(s.words)) for s in sentences)):
        pred = {(e.start, e.end, CONLL_MAP[e.label_]) for e in doc.ents if e.label_ in CONLL_MAP}
        tp, fp, fn = tp + len(pred & s.spans()), fp + len(pred - s.spans()), fn + len(s.spans() - pred)
    return 2 * tp / (2 * tp + fp + fn)


def test_training_is_deterministic_and_learns_the_training_sentences(tmp_path: Path) -> None:
    if not CONLL_TRAIN.is_file():
        pytest.skip(f"shared data not here: {CONLL_TRAIN}")
    sentences = list(read_conll(CONLL_TRAIN))[:200]
    params = NerTrainParams(epochs=2, extra={"sentences": len(sentences)})
    trained = train_ner(sentences, params)
    first = save_ner(trained, params, tmp_path / "a")
    second = save_ner(train_ner(sentences, params), params, tmp_path / "b")
    assert (first / "model").read_bytes() == (second / "model").read_bytes()
    assert '"epochs": 2' in (first / "training.json").read_text(encoding="utf-8")
    stock = spacy_pipeline.fresh_spacy(exclude=("parser", "tagger", "attribute_ruler", "lemmatizer"),
                                       ner="stock")
    assert _f1(trained, sentences) > _f1(stock, sentences) + 0.1
