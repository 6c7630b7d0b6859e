"""A union-find over string ids: copy groups, one person's surname spellings, the origins
of a claim's reports. Each set is named by its smallest member, so results do not depend
on the order of the unions."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets of strings; an id is its own set until joined.

    Example:
        >>> uf = UnionFind()
        >>> uf.union("b", "c"); uf.union("c", "a")
        >>> uf.find("b")
        'a'
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            self.parent[x] = self.parent.setdefault(parent, parent)
            x, parent = parent, self.parent[parent]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
