"""The global step: joins articles that share a blocking key into components, and packs components into groups.

Every pairwise decision that near-duplicate detection or story clustering can take is between two articles that
share at least one blocking key (an LSH band key of the text, or a clustering candidate key). Articles of different
components are therefore never compared, and running the same functions per component, in the global reading
order, gives exactly the single-process result. Only the keys (a few hundred bytes per article) travel to the
client; the article text stays on the workers until its group is assembled.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field


class UnionFind:
    """Disjoint sets over article positions, with path halving and union by size."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]


def components(keys: Sequence[Iterable[Hashable]]) -> list[list[int]]:
    """Positions joined by any shared key, each component sorted, components ordered by their first position."""
    uf = UnionFind(len(keys))
    owner: dict[Hashable, int] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            j = owner.setdefault(k, i)
            if j != i:
                uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(keys)):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


@dataclass(slots=True)
class Group:
    """Components packed into one task: the positions it holds, and which partitions hold them."""

    index: int
    positions: list[int] = field(default_factory=list)
    components: list[list[int]] = field(default_factory=list)


def pack(comps: Sequence[list[int]], target: int) -> list[Group]:
    """Greedy packing of components into groups of about ``target`` articles; a large component stays whole."""
    groups: list[Group] = []
    current = Group(0)
    for comp in comps:
        if current.positions and len(current.positions) + len(comp) > target:
            groups.append(current)
            current = Group(len(groups))
        current.positions.extend(comp)
        current.components.append(comp)
    if current.positions:
        groups.append(current)
    return groups
