"""Canonical entity merging and statement grouping on hand-built records (no model)."""

from __future__ import annotations

from newsfuse.extract.canonical import EntityResolver
from newsfuse.extract.names import name_key, surname_key
from newsfuse.extract.records import ArticleExtraction, Mention, Quote, RoleMention
from newsfuse.extract.statements import QuoteItem, StatementGrouper
from newsfuse.model import Span


def extraction(article: str, names: list[tuple[str, str]], roles: list[tuple[int, str]] = (),
               refs: list[str] = ()) -> ArticleExtraction:
    """An extraction whose text is the names joined by " | " (offsets are real)."""
    mentions, pos = [], 0
    for text, label in names:
        mentions.append(Mention(Span(article, pos, pos + len(text), text), label, "name",
                                name_key(text, label), 0))
        pos += len(text) + 3
    for text in refs:
        mentions.append(Mention(Span(article, pos, pos + len(text), text), "PERSON", "role",
                                " ".join(text.split()[1:]), 0))
        pos += len(text) + 3
    role_mentions = tuple(RoleMention(Span(article, 0, 0, ""), index, title) for index, title in roles)
    return ArticleExtraction(article, None, ((0, pos),), tuple(mentions), role_mentions)


def test_extract_canonical_keys_fold_spelling_variants() -> None:
    assert surname_key("Zelenskyy") == surname_key("Zelensky") == surname_key("Zelenskiy")
    assert name_key("J.D. Vance", "PERSON") == name_key("JD Vance", "PERSON")
    assert name_key("Elmendorf–Richardson", "FAC") == name_key("Elmendorf-Richardson", "FAC")
    assert name_key("President Putin", "PERSON") == "putin"


def test_extract_canonical_merges_people_places_and_labels() -> None:
    exts = [
        extraction("a", [("Volodymyr Zelensky", "PERSON"), ("Zelensky", "PERSON"), ("U.S.", "GPE"),
                         ("Donald Trump", "PERSON")]),
        extraction("b", [("Zelenskyy", "GPE"), ("Volodymyr Zelenskyy", "PERSON"), ("the United States", "GPE"),
                         ("Trump", "ORG"), ("Trump", "PERSON")]),
    ]
    resolver = EntityResolver().fit(exts)
    ids = [resolver.assign(e) for e in exts]
    assert len({ids[0][0], ids[0][1], ids[1][0], ids[1][1]}) == 1  # every Zelensky spelling
    assert ids[0][2] == ids[1][2]  # U.S. and the United States
    assert ids[0][3] == ids[1][3] == ids[1][4]  # Trump, even where spaCy said ORG
    entities = resolver.entities(exts, ids, {})
    zelensky = next(e for e in entities if e.id == ids[0][0])
    assert zelensky.label == "PERSON" and len(zelensky.mentions) == 4


def test_extract_canonical_surname_joins_the_person_named_in_the_same_article() -> None:
    exts = [extraction("a", [("Bill Clinton", "PERSON"), ("Clinton", "PERSON")]),
            extraction("b", [("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")])]
    resolver = EntityResolver().fit(exts)
    a, b = resolver.assign(exts[0]), resolver.assign(exts[1])
    assert a[0] == a[1] and b[0] == b[1] and a[0] != b[0]


def test_extract_canonical_role_mentions_use_corpus_titles() -> None:
    titled = extraction("a", [("Donald Trump", "PERSON")], roles=[(0, "us president")])
    untitled = extraction("b", [("Donald Trump", "PERSON"), ("Emmanuel Macron", "PERSON")],
                          refs=["the us president"])
    resolver = EntityResolver().fit([titled, untitled])
    ids = resolver.assign(untitled)
    assert ids[2] == ids[0]  # "the US president" is Trump, not the nearer Macron


def quote(article: str, text: str, mode: str = "partial") -> Quote:
    return Quote(f"q-{article}-{len(text)}", Span(article, 0, len(text), text), None, None, None,
                 "named", mode)  # type: ignore[arg-type]


def test_extract_canonical_statement_variants_and_differences() -> None:
    items = [
        QuoteItem(quote("a", "he would impose “very serious consequences” if Putin did not agree"), "A", "trump", "Trump"),
        QuoteItem(quote("b", 'Putin will face "very severe consequences" if he refuses to agree'), "B", "trump", "Trump"),
        QuoteItem(quote("c", "Russia will face “severe consequences” if Putin doesn’t agree"), "C", "trump", "Trump"),
        QuoteItem(quote("d", "the talks on land went very well and were productive"), "D", "trump", "Trump"),
        QuoteItem(quote("e", "Russia will face “severe consequences” if Putin doesn’t agree"), "E", "macron", "Macron"),
    ]
    statements = StatementGrouper().fit(items).statements()
    threat = next(s for s in statements if len(s.variants) == 3)
    assert {v.outlet for v in threat.variants} == {"A", "B", "C"}
    diffs = {v.outlet: [d.text for d in v.differences] for v in threat.variants}
    assert "impose “very serious" in diffs["A"] or "serious" in " ".join(diffs["A"])
    for v in threat.variants:
        for d in v.differences:
            assert v.content.text[d.start - v.content.start:d.end - v.content.start] == d.text
    assert len(statements) == 3  # the other Trump quote and Macron's stay apart


def test_extract_canonical_romanisations_of_one_name_merge_across_outlets() -> None:
    exts = [extraction("a", [("Muammar Gaddafi", "PERSON"), ("Gaddafi", "PERSON")]),
            extraction("b", [("Moammar Gadhafi", "PERSON"), ("Gadhafi", "PERSON")]),
            extraction("c", [("Saif al-Islam Gaddafi", "PERSON")]),
            extraction("d", [("Saif al-Islam Gadhafi", "PERSON")])]
    resolver = EntityResolver().fit(exts, {"a": "Reuters", "b": "CNN", "c": "Reuters", "d": "CNN"})
    a, b, c, d = (resolver.assign(e) for e in exts)
    assert a[0] == a[1] == b[0] == b[1]  # the father, four spellings
    assert c[0] == d[0] != a[0]  # the son, two spellings, still another person
    unknown = EntityResolver().fit(exts)  # outlets not known: the spellings are not read as one
    assert unknown.assign(exts[0])[0] != unknown.assign(exts[1])[0]


def test_extract_canonical_near_spellings_of_two_people_stay_apart() -> None:
    exts = [extraction("a", [("John Jacob", "PERSON")]),
            extraction("b", [("John Jacobi", "PERSON")]),  # one vowel more, but the same outlet
            extraction("c", [("James Coyle", "PERSON")]),
            extraction("d", [("James Boyle", "PERSON")])]  # other outlets, but not a romanisation
    resolver = EntityResolver().fit(exts, {"a": "CNN", "b": "CNN", "c": "BBC", "d": "NBC"})
    a, b, c, d = (resolver.assign(e)[0] for e in exts)
    assert a != b and c != d


def test_extract_canonical_a_place_named_often_is_not_a_person_for_one_misread_full_name() -> None:
    exts = [extraction(f"p{i}", [("Libya", "GPE"), ("Tripoli", "GPE")]) for i in range(6)]
    exts.append(extraction("x", [("Gaddafi Libya", "PERSON"), ("Libya", "GPE")]))
    exts.append(extraction("t", [("Donald Trump", "PERSON"), ("Trump", "ORG"), ("Trump", "ORG")]))
    resolver = EntityResolver().fit(exts)
    assert resolver.label_of["libya"] == "GPE"
    assert resolver.label_of["trump"] == "PERSON"  # the small model's ORG, against the full name
    ids = [resolver.assign(e) for e in exts]
    assert ids[0][0] == ids[-2][1] != ids[-2][0]


def test_extract_canonical_a_name_holding_an_abbreviation_gives_no_acronym() -> None:
    exts = [extraction("a", [("U.S. Northeast", "LOC"), ("U.N.", "ORG")]),
            extraction("b", [("United Nations", "ORG"), ("UN", "ORG")])]
    resolver = EntityResolver().fit(exts)
    a, b = resolver.assign(exts[0]), resolver.assign(exts[1])
    assert a[0] != a[1] and a[1] == b[0] == b[1]
