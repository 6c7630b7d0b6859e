"""Quotation-mark pairing (pure text, no model)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract.quotemarks import find_quoted, top_level


def texts(text: str) -> list[str]:
    return [text[q.start:q.end] for q in top_level(find_quoted(text))]


def test_extract_quotemarks_curly_straight_and_guillemets() -> None:
    assert texts("He said “no deal” and \"maybe\" and « peut-être ».") == ["“no deal”", '"maybe"', "« peut-être »"]


def test_extract_quotemarks_quote_within_quote_stays_inside() -> None:
    text = "“By ‘we’, I mean Europeans,” he said."
    found = find_quoted(text)
    assert [text[q.start:q.end] for q in found] == ["“By ‘we’, I mean Europeans,”", "‘we’"]
    assert [q.depth for q in found] == [0, 1]
    assert texts(text) == ["“By ‘we’, I mean Europeans,”"]


def test_extract_quotemarks_apostrophes_are_not_quotes() -> None:
    assert texts("Trump’s plan and O’Malley’s campaign, the ’80s") == []


def test_extract_quotemarks_single_quotes_open_after_space() -> None:
    assert texts("a so-called ‘trilateral’ meeting") == ["‘trilateral’"]


def test_extract_quotemarks_unclosed_quote_runs_to_paragraph_end() -> None:
    text = "“The first paragraph of a long quote\n\n“continues here.”"
    first = find_quoted(text, 0, text.index("\n\n"))
    assert len(first) == 1 and not first[0].closed
    assert text[first[0].inner_start:first[0].inner_end] == "The first paragraph of a long quote"


def test_extract_quotemarks_closing_double_mark_closes_the_single_inside() -> None:
    # the inner quote closed with a straight mark, then the outer one: two quotes, not one
    text = "“I had my hands up, sort of, ‘Don’t hit me, please,'” Nicklaus said. “I liked that picture.”"
    assert texts(text) == ["“I had my hands up, sort of, ‘Don’t hit me, please,'”", "“I liked that picture.”"]
    straight = "\"He stopped and said, 'We’ve got to win Loudoun.’\" Will Estrada said. \"Later.\""
    assert texts(straight) == ["\"He stopped and said, 'We’ve got to win Loudoun.’\"", '"Later."']


def test_extract_quotemarks_single_mark_typed_for_the_closing_double() -> None:
    text = "Schumer tweeted: “Let’s go. We can stop gun violence.’ She was in the East Room."
    assert texts(text) == ["“Let’s go. We can stop gun violence.’"]
    assert texts("“By ‘we’, I mean Europeans,” he said.") == ["“By ‘we’, I mean Europeans,”"]


def test_extract_quotemarks_opening_mark_typed_after_a_word_closes() -> None:
    text = "He called them “rapists“ while calling for a wall. “There’s great danger,” Trump said."
    assert texts(text) == ["“rapists“", "“There’s great danger,”"]


def test_extract_quotemarks_markup_attribute_values_are_not_quotes() -> None:
    text = '<tweet id="7566429" author="@TimKaine">I\'m thrilled, he said “so thrilled.”'
    assert texts(text) == ["“so thrilled.”"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”‘’\"'«»")), max_size=60))
def test_extract_quotemarks_offsets_always_in_bounds(text: str) -> None:
    for q in find_quoted(text):
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
