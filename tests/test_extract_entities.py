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
