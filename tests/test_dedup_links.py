"""Copy links as data: JSON round trips, canonical order, groups and independent origins."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import assume, given
from hypothesis import strategies as st

from newsfuse.dedup import CopyLink, copy_groups, copy_link_dict, copy_link_from_dict, independent_origins
from newsfuse.dedup.links import AlignedPair, ordered
from newsfuse.model import Article, Provenance, Span


def art(i: str, published: datetime | None = None, text: str = "Some text here.") -> Article:
    return Article(id=i, provenance=Provenance("x", "text"), text=text, title=None, outlet=None, url=None,
                   published=published, language="en")


def link(a: str, b: str, direction: str = "undirected", relation: str = "near") -> CopyLink:
    return CopyLink(a, b, relation, direction, "published earlier", 0.9, "minhash-lsh+jaccard")  # type: ignore[arg-type]


def test_dedup_links_dict_round_trip_keeps_spans() -> None:
    a, b = art("a", text="Alpha beta. Gamma delta."), art("b", text="Gamma delta. Epsilon.")
    pair = AlignedPair(Span.of(a, 12, 24), Span.of(b, 0, 12), 0.98765)
    original = CopyLink("a", "b", "partial", "a->b", "containment 0.97 vs 0.71", 0.5, "terms-lsh+jaccard",
                        {"seed": 1, "num_perm": 128}, (pair,))
    data = copy_link_dict(original)
    assert data["evidence"][0]["a"] == {"article": "a", "start": 12, "end": 24, "text": "Gamma delta."}
    back = copy_link_from_dict(data)
    assert back.evidence[0].a == pair.a and back.evidence[0].similarity == 0.9877
    assert (back.a, back.b, back.relation, back.direction, back.params) == ("a", "b", "partial", "a->b",
                                                                             {"seed": 1, "num_perm": 128})


@given(a=st.text(min_size=1, max_size=5), b=st.text(min_size=1, max_size=5),
       direction=st.sampled_from(["a->b", "b->a", "undirected"]))
def test_dedup_links_canonical_order_is_symmetric(a: str, b: str, direction: str) -> None:
    assume(a != b)
    x, y, d = ordered(a, b, direction)  # type: ignore[arg-type]
    x2, y2, d2 = ordered(b, a, {"a->b": "b->a", "b->a": "a->b"}.get(direction, "undirected"))  # type: ignore[arg-type]
    assert (x, y, d) == (x2, y2, d2) and x <= y
    source = {"a->b": a, "b->a": b}.get(direction)
    assert {"a->b": x, "b->a": y}.get(d) == source


def test_dedup_links_independent_origins_counts_copy_groups_once() -> None:
    links = [link("a", "b", "a->b"), link("b", "c", "a->b"), link("d", "e")]
    assert independent_origins(["a", "b", "c", "d", "e", "f"], links) == 3
    assert independent_origins(["a", "c"], links) == 2  # the link through b is outside the set
    assert independent_origins([], links) == 0


def test_dedup_links_groups_pick_the_uncopied_earliest_canonical() -> None:
    t = lambda d: datetime(2025, 8, d, tzinfo=timezone.utc)  # noqa: E731
    articles = [art("a", t(3)), art("b", t(1)), art("c", t(2)), art("x"), art("y", text="A longer text than the others.")]
    links = [link("a", "b", "b->a"), link("b", "c"), link("x", "y")]
    groups = copy_groups(links, articles)
    assert [(g.canonical, g.members) for g in groups] == [("b", ("a", "b", "c")), ("y", ("x", "y"))]


def test_dedup_links_directed_copy_is_never_canonical() -> None:
    t = datetime(2025, 8, 1, tzinfo=timezone.utc)
    links = [link("a", "b", "a->b")]  # b copied a, although b claims an earlier date
    [group] = copy_groups(links, [art("a"), art("b", t)])
    assert group.canonical == "a"
