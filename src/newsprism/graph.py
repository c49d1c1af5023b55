"""Connected components of positions joined by links, by scipy's graph routine: one place for every caller."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def linked(rows: np.ndarray, cols: np.ndarray, n: int) -> list[list[int]]:
    """The connected components of ``n`` positions under the links ``rows[i] - cols[i]`` (scipy's), each sorted,
    ordered by their first position."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if n == 0:
        return []
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    comps: dict[int, list[int]] = {}
    for p, lab in enumerate(labels.tolist()):
        comps.setdefault(lab, []).append(p)
    return sorted(comps.values(), key=lambda c: c[0])


def pairs_linked(pairs: Iterable[tuple[int, int]], n: int) -> list[list[int]]:
    """The connected components of ``n`` positions joined by the given pairs (see :func:`linked`)."""
    links = np.asarray(list(pairs), dtype=np.int64).reshape(-1, 2)
    return linked(links[:, 0], links[:, 1], n)
