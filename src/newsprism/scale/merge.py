"""The global step: joins articles that share a blocking key into components, and packs components into groups.

Every pairwise decision that near-duplicate detection or story clustering can take is between two articles that
share at least one blocking key (an LSH band key of the text, or a clustering candidate key). Articles of different
components are therefore never compared, and running the same functions per component, in the global reading
order, gives exactly the single-process result. Only the keys (a few hundred bytes per article) travel to the
client; the article text stays on the workers until its group is assembled.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from ..graph import linked

T = TypeVar("T")


def components(keys: Sequence[Iterable[Hashable]]) -> list[list[int]]:
    """Positions joined by any shared key, each component sorted, components ordered by their first position."""
    owner: dict[Hashable, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, ks in enumerate(keys):
        for k in ks:
            j = owner.setdefault(k, i)
            if j != i:
                rows.append(i)
                cols.append(j)
    return linked(np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64), len(keys))


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


def chunked(items: Iterable[T], size: Callable[[T], int], target: int) -> Iterator[list[T]]:
    """Consecutive items in chunks of about ``target`` (by ``size``); an item larger than that makes its own."""
    chunk: list[T] = []
    total = 0
    for item in items:
        if chunk and total + size(item) > target:
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += size(item)
    if chunk:
        yield chunk
