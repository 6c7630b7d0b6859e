"""Who copied whom: explicit credit, publication times, containment, else undirected."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsfuse.dedup.direction import credited_outlets, infer_direction, outlet_key
from newsfuse.model import Article, Provenance

T0 = datetime(2025, 8, 13, 9, tzinfo=timezone.utc)


def art(text: str, outlet: str | None, published: datetime | None = None, inferred: bool = False) -> Article:
    return Article(id=Article.make_id(text, outlet, None, None), provenance=Provenance("x", "text"), text=text,
                   title=None, outlet=outlet, url=None, published=published, language="en",
                   published_inferred=inferred)


def test_dedup_direction_explicit_credit_beats_times() -> None:
    source = art("Trump spoke.", "theguardian.com", T0 + timedelta(hours=2))
    copy = art("Putin will face consequences, the US president said, reports The Guardian.", "farm.example", T0)
    assert infer_direction(source, copy, 0.5, 0.5) == ("a->b", "explicit credit: the copy names 'theguardian.com'")
    assert infer_direction(copy, source, 0.5, 0.5)[0] == "b->a"


def test_dedup_direction_credit_forms() -> None:
    assert "nbcnews" in credited_outlets("Trump will not discuss land, according to NBC News on Tuesday.")
    assert "reuters" in credited_outlets("WASHINGTON (Reuters) - The Fed held rates.")
    assert outlet_key("https://www.nbcnews.com/politics") == outlet_key("NBC News") == "nbcnews"
    assert "nbcnews" not in credited_outlets("according to two European officials")


def test_dedup_direction_an_outlet_does_not_credit_itself() -> None:
    a = art("WASHINGTON (Reuters) - The Fed held rates.", "Reuters")
    b = art("WASHINGTON (Reuters) - The Fed held rates again.", "Reuters")
    assert infer_direction(a, b, 0.8, 0.8) == ("undirected", "no evidence: undirected")


def test_dedup_direction_from_publication_times() -> None:
    early, late = art("one", "a.example", T0), art("two", "b.example", T0 + timedelta(minutes=30))
    assert infer_direction(early, late, 0.9, 0.9) == ("a->b", "published earlier")
    assert infer_direction(late, early, 0.9, 0.9) == ("b->a", "published earlier")
    guessed = art("three", "c.example", T0 + timedelta(days=1), inferred=True)
    assert infer_direction(early, guessed, 0.9, 0.9) == ("a->b", "published earlier (inferred date)")
    naive = art("four", "d.example", datetime(2025, 8, 13, 10))
    assert infer_direction(early, naive, 0.9, 0.9)[0] == "a->b"  # naive and aware compare


def test_dedup_direction_from_containment_then_undirected() -> None:
    a, b = art("long original", "a.example"), art("short copy", "b.example")
    # b (the copy) is 0.97 contained in a; a only 0.71 in b
    assert infer_direction(a, b, 0.71, 0.97) == ("a->b", "containment 0.97 vs 0.71")
    assert infer_direction(a, b, 0.97, 0.71) == ("b->a", "containment 0.97 vs 0.71")
    assert infer_direction(a, b, 0.90, 0.95) == ("undirected", "no evidence: undirected")
