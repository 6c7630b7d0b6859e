"""Copy links, copy groups and independent origins: what later stages read.

Pure-Python and dependency-free, so the store and the export can import it cheaply.
A link's ``a`` and ``b`` are always in sorted order (``a < b``), so the same pair gives
the same link whichever article arrived first; ``direction`` says who copied whom
relative to that order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from newsfuse.model import Article, Span
from newsfuse.unionfind import UnionFind

Relation = Literal["exact", "near", "rewrite", "partial"]
Direction = Literal["a->b", "b->a", "undirected"]
RELATIONS: tuple[str, ...] = ("exact", "near", "rewrite", "partial")
UNDIRECTED_EVIDENCE = "no evidence: undirected"


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """One aligned sentence pair: a sentence of ``a``, one of ``b``, and their similarity."""

    a: Span
    b: Span
    similarity: float


@dataclass(frozen=True, slots=True)
class CopyLink:
    """A copy relation between two articles, with how it was decided and the evidence.

    Attributes:
        a: the smaller article id of the pair.
        b: the larger article id of the pair.
        relation: ``exact`` (same normalised text), ``near`` (near-verbatim: high shingle
            Jaccard or containment), ``rewrite`` (most sentences paraphrased, in order),
            ``partial`` (part of one is copied or paraphrased in the other).
        direction: ``a->b`` (b copied a), ``b->a`` (a copied b) or ``undirected``.
        direction_evidence: why, e.g. ``published earlier``; ``no evidence: undirected``.
        score: the similarity behind the relation (Jaccard, containment or alignment share).
        method: how it was found, e.g. ``xxh3-128``, ``minhash-lsh+jaccard``, ``align``.
        params: the parameters used (seed, num_perm, shingle size, thresholds...).
        evidence: aligned sentence pairs, spans over each article's text.
    """

    a: str
    b: str
    relation: Relation
    direction: Direction
    direction_evidence: str
    score: float
    method: str
    params: Mapping[str, Any] = field(default_factory=dict)
    evidence: tuple[AlignedPair, ...] = ()

    @property
    def source(self) -> str | None:
        """The original of a directed link (the one copied from), else ``None``."""
        return {"a->b": self.a, "b->a": self.b}.get(self.direction)

    @property
    def copy(self) -> str | None:
        """The copy of a directed link, else ``None``."""
        return {"a->b": self.b, "b->a": self.a}.get(self.direction)

    def __hash__(self) -> int:  # params is a dict: hash the identity of the relation
        return hash((self.a, self.b, self.relation, self.direction))


def ordered(a: str, b: str, direction: Direction) -> tuple[str, str, Direction]:
    """Put a pair in canonical order, flipping a direction stated for (a, b)."""
    if a <= b:
        return a, b, direction
    flipped: Direction = {"a->b": "b->a", "b->a": "a->b"}.get(direction, "undirected")  # type: ignore[assignment]
    return b, a, flipped


def _span_dict(span: Span) -> dict[str, Any]:
    return {"article": span.article, "start": span.start, "end": span.end, "text": span.text}


def copy_link_dict(link: CopyLink) -> dict[str, Any]:
    """The JSON form of a link (export key ``copies``, and the store's evidence column).

    Example:
        >>> copy_link_dict(CopyLink("a1", "b2", "exact", "a->b", "published earlier",
        ...                         1.0, "xxh3-128"))["relation"]
        'exact'
    """
    return {
        "a": link.a,
        "b": link.b,
        "relation": link.relation,
        "direction": link.direction,
        "direction_evidence": link.direction_evidence,
        "score": round(float(link.score), 4),
        "method": link.method,
        "params": dict(link.params),
        "evidence": [
            {"a": _span_dict(p.a), "b": _span_dict(p.b), "similarity": round(float(p.similarity), 4)}
            for p in link.evidence
        ],
    }


def copy_link_from_dict(data: Mapping[str, Any]) -> CopyLink:
    """Inverse of :func:`copy_link_dict` (spans are rebuilt over the link's own ids)."""
    evidence = tuple(
        AlignedPair(
            Span(data["a"], p["a"]["start"], p["a"]["end"], p["a"]["text"]),
            Span(data["b"], p["b"]["start"], p["b"]["end"], p["b"]["text"]),
            float(p["similarity"]),
        )
        for p in data.get("evidence", ())
    )
    return CopyLink(data["a"], data["b"], data["relation"], data["direction"],
                    data["direction_evidence"], float(data["score"]), data["method"],
                    dict(data.get("params", {})), evidence)


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """Articles connected by copy links, with the one taken as the original."""

    canonical: str
    members: tuple[str, ...]


def _components(ids: Iterable[str], links: Iterable[CopyLink]) -> dict[str, list[str]]:
    uf = UnionFind()
    for i in ids:
        uf.find(i)
    for link in links:
        uf.union(link.a, link.b)
    groups: dict[str, list[str]] = {}
    for item in list(uf.parent):
        groups.setdefault(uf.find(item), []).append(item)
    return groups


def independent_origins(article_ids: Iterable[str], links: Iterable[CopyLink]) -> int:
    """How many independent sources a set of articles represents.

    Articles connected by copy links (of any relation, directly or through other
    articles in the set) count once: ten reprints of one wire story are one origin.
    Links to articles outside the set are ignored, so two outlets that each copied a
    third (absent) one still count as two; pass that one's id too to merge them.

    Example:
        >>> link = CopyLink("a", "b", "near", "a->b", "published earlier", 0.9, "minhash")
        >>> independent_origins(["a", "b", "c"], [link])
        2
    """
    ids = set(article_ids)
    inside = [link for link in links if link.a in ids and link.b in ids]
    return len(_components(ids, inside))


def _canonical(members: list[str], links: list[CopyLink], articles: Mapping[str, Article]) -> str:
    copied = {link.copy for link in links if link.copy is not None}
    candidates = [m for m in members if m not in copied] or members

    def key(member: str) -> tuple[datetime | str, int, str]:
        article = articles.get(member)
        published = article.published if article and article.published else None
        # earliest known publication first, then the longest text, then the id
        when: datetime | str = published.replace(tzinfo=None) if published else "~"
        return (when, -(len(article.text) if article else 0), member)

    dated = [m for m in candidates if (a := articles.get(m)) is not None and a.published]
    if dated:
        return min(dated, key=key)
    return min(candidates, key=lambda m: key(m)[1:])


def copy_groups(links: Sequence[CopyLink], articles: Iterable[Article] | Mapping[str, Article]) -> list[CopyGroup]:
    """Connected copy groups (two or more articles) with one canonical article each.

    The canonical article is one that copied nobody in its group (by the links'
    directions); among those, the earliest published, then the longest, then the
    smallest id. Groups come sorted by canonical id.
    """
    by_id = dict(articles) if isinstance(articles, Mapping) else {a.id: a for a in articles}
    ids = {x for link in links for x in (link.a, link.b)}
    out: list[CopyGroup] = []
    for members in _components(ids, links).values():
        if len(members) < 2:
            continue
        inside = set(members)
        group_links = [link for link in links if link.a in inside]
        members.sort()
        out.append(CopyGroup(_canonical(members, group_links, by_id), tuple(members)))
    return sorted(out, key=lambda g: g.canonical)
