"""The re-check's maths: whether a story's articles, or two stories' articles, are two events.

An event's first article can only be compared with the stories already open, so the first articles of a second,
similar event (the same boxer's next title defence) tend to join the first one's story. While a story is small its
members' vectors are kept, and at a few sizes (``ClusterSettings.split_sizes``) the clusterer re-checks it: terms are weighed by
how they divide the story (:func:`contrast`: what all members share, the topic, counts for nothing; names, numbers
and years held by part of them count most), the members are cut in two by average-link agglomeration
(:func:`two_way`, then :func:`refine` moves each member to the group it matches more on average), and the cut splits
the story when the two groups barely match across (:func:`two_events`), or match across a little more
(:func:`nearly_two_events`) and the same cut was found at the re-check before (:func:`same_cut`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage, to_tree
from scipy.spatial.distance import squareform

from ..config import ClusterSettings
from .storystate import Cut, Members, StoryState
from .vectors import dense, unit_rows

DEFAULTS = ClusterSettings()  # the split bounds (``split_ratio``, ``min_part`` ...) unless a run sets its own


def contrast(members: Members, p: ClusterSettings = DEFAULTS) -> np.ndarray:
    """Cosine similarities between the members (in their order), their vectors re-weighted by how they divide the
    story.

    A term every member holds (the story's topic: the boxer, the island) or only one member holds says nothing
    about sub-groups and drops out; a term held by part of the members (the opponent, the year, the toll) counts
    by log(members / holders), names, numbers and years ``p.specific_boost`` times more. Two events told with one
    topic's vocabulary then match across far less than within.
    """
    m, col = dense([vec for _, vec in members.values()])
    n = m.shape[0]
    held = (m > 0).sum(axis=0)
    boost = np.fromiter((p.specific_boost if specific(t) else 1.0 for t in col), dtype=np.float64, count=len(col))
    weight = np.where((held >= 2) & (held < n), np.log(n / np.maximum(held, 1)) * boost, 0.0)
    m = unit_rows(m * weight)
    result: np.ndarray = m @ m.T
    return result


def specific(term: str) -> bool:
    """Whether a feature term is a name, a number or a year (see ``features``)."""
    return term[0] == "#" or term.startswith(("E:", "Y:"))


def nearest_member(few: StoryState, story: StoryState) -> float:
    """The highest cosine between an article of ``few`` and an article of ``story`` (both keeping their members'
    vectors; 0 when either does not)."""
    if not few.members or not story.members:
        return 0.0
    m = unit_rows(dense([vec for _, vec in few.members.values()] + [vec for _, vec in story.members.values()])[0])
    k = len(few.members)
    return float((m[:k] @ m[k:].T).max())


def two_way(sim: np.ndarray, p: ClusterSettings = DEFAULTS) -> tuple[list[int], list[int]]:
    """Splits items into two groups by average-link agglomeration on their similarities (merging the closest
    groups until two remain), which keeps a small second event whole where 2-means would pull members of the
    larger one into it. The group holding item 0 comes first; the second is empty when nothing tells the items
    apart (all similarities equal).

    When the last merge joins fewer than ``p.min_part`` items to the rest (an outlier: a one-line brief that matches
    nothing, merged last), the cut is taken at the last merge that joins two groups of ``p.min_part`` or more instead,
    and the items merged above it join the group they match more on average; else the outlier would stand alone
    as the second group and hide two events behind it."""
    n = sim.shape[0]
    if n < 2:
        return list(range(n)), []
    dist = 1.0 - sim
    dist = np.maximum((dist + dist.T) / 2.0, 0.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    label = fcluster(tree, 2, criterion="maxclust")
    left = [i for i in range(n) if label[i] == label[0]]
    right = [i for i in range(n) if label[i] != label[0]]
    if not right or min(len(left), len(right)) >= p.min_part:
        return left, right
    node, rest = to_tree(tree), []
    while not node.is_leaf() and min(node.left.count, node.right.count) < p.min_part:
        big, small = (node.left, node.right) if node.left.count >= node.right.count else (node.right, node.left)
        rest.extend(small.pre_order())
        node = big
    if node.is_leaf():
        return left, right
    groups: tuple[list[int], list[int]] = (node.left.pre_order(), node.right.pre_order())
    for i in rest:
        to_a, to_b = (float(sim[i, g].mean()) for g in groups)
        groups[0 if to_a >= to_b else 1].append(i)
    a, b = sorted(groups[0]), sorted(groups[1])
    return (a, b) if 0 in a else (b, a)


def refine(sim: np.ndarray, left: Sequence[int], right: Sequence[int],
           p: ClusterSettings = DEFAULTS) -> tuple[list[int], list[int]]:
    """Improves a two-way cut by moving each item to the group it matches more on average, a few rounds over.

    Agglomeration merges greedily: an article that matched one member of the wrong group best (a shared quote, a
    shared agency line) stays there even when it matches the rest of its own event more. Each group keeps at least
    ``p.min_part`` items; ``p.refine_rounds`` rounds at most; the group holding item 0 comes first.
    """
    n = sim.shape[0]
    if not len(left) or not len(right):
        return list(left), list(right)
    s = sim.astype(np.float64, copy=True)
    np.fill_diagonal(s, 0.0)
    on_right = np.zeros(n, dtype=bool)
    on_right[list(right)] = True
    for _ in range(p.refine_rounds):
        # mean similarity of each item to each group, itself left out
        n_right = on_right.sum() - on_right
        n_left = (n - on_right.sum()) - ~on_right
        to_right = s[:, on_right].sum(axis=1) / np.maximum(n_right, 1)
        to_left = s[:, ~on_right].sum(axis=1) / np.maximum(n_left, 1)
        moved = to_right > to_left
        if (moved == on_right).all() or min(moved.sum(), n - moved.sum()) < p.min_part:
            break
        on_right = moved
    a = [i for i in range(n) if not on_right[i]]
    b = [i for i in range(n) if on_right[i]]
    return (b, a) if on_right[0] else (a, b)


def recheck_cut(sim: np.ndarray, p: ClusterSettings = DEFAULTS) -> tuple[list[int], list[int]]:
    """The re-check's two-way cut of a story's members: agglomeration (:func:`two_way`), then :func:`refine`."""
    return refine(sim, *two_way(sim, p), p)


def mean_sim(sim: np.ndarray, a: Sequence[int], b: Sequence[int] | None = None) -> float:
    """Mean similarity over the pairs within ``a`` (or across ``a`` and ``b``)."""
    if b is not None:
        return float(sim[np.ix_(a, b)].mean()) if len(a) and len(b) else 0.0
    if len(a) < 2:
        return 0.0
    block = sim[np.ix_(a, a)]
    return float((block.sum() - np.trace(block)) / (len(a) * (len(a) - 1)))


def cut_match(sim: np.ndarray, left: Sequence[int], right: Sequence[int]) -> tuple[float, float]:
    """How two groups (indexes into the contrast similarities) match: mean similarity across them, and within the
    tighter one."""
    return mean_sim(sim, left, right), max(mean_sim(sim, left), mean_sim(sim, right))


def two_events(sim: np.ndarray, left: Sequence[int], right: Sequence[int], p: ClusterSettings = DEFAULTS) -> bool:
    """Whether two groups (indexes into the contrast similarities) are two events: they share little, in absolute
    terms (``split_cross``) and against how the tighter group holds together (``split_ratio``)."""
    if len(left) < p.min_part or len(right) < p.min_part:
        return False
    cross, within = cut_match(sim, left, right)
    return cross < p.split_cross and cross < p.split_ratio * within


def nearly_two_events(sim: np.ndarray, left: Sequence[int], right: Sequence[int],
                      p: ClusterSettings = DEFAULTS) -> bool:
    """Whether two groups pass the looser bounds a cut must pass at two re-checks in a row (``again_ratio``)."""
    if len(left) < p.again_part or len(right) < p.again_part:
        return False
    cross, within = cut_match(sim, left, right)
    return cross < p.again_cross and cross < p.again_ratio * within


def same_cut(before: Cut | None, now: Cut) -> bool:
    """Whether a cut keeps an earlier cut's groups: each earlier group lies within one group of the cut, not the
    same one."""
    if before is None:
        return False
    (a, b), (x, y) = before, now
    return (a <= x and b <= y) or (a <= y and b <= x)


def split_of(st: StoryState, p: ClusterSettings = DEFAULTS) -> tuple[list[str], list[str]] | None:
    """The two groups of article ids a story of ``p.split_sizes`` articles splits into (the first article's group
    first), or None; records the story's near cut for the next re-check (``st.cut``)."""
    if st.size not in p.split_sizes or not st.keeps_members():
        return None
    ids = list(st.members)
    sim = contrast(st.members, p)
    li, ri = recheck_cut(sim, p)
    if not two_events(sim, li, ri, p):
        cut = (frozenset(ids[i] for i in li), frozenset(ids[i] for i in ri)) \
            if nearly_two_events(sim, li, ri, p) else None
        seen_before = cut is not None and same_cut(st.cut, cut)
        st.cut = cut
        if not seen_before:
            return None
    return [ids[i] for i in li], [ids[i] for i in ri]


def separable(a: StoryState, b: StoryState, p: ClusterSettings = DEFAULTS) -> bool:
    """Whether two stories' articles are two events (False unless both stories still keep their members)."""
    if a.size < p.min_part or b.size < p.min_part or not a.keeps_members() or not b.keeps_members() \
            or a.members.keys() & b.members.keys():
        return False
    sim = contrast({**a.members, **b.members}, p)
    return two_events(sim, range(a.size), range(a.size, a.size + b.size), p)
