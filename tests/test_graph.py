"""Connected components by scipy: the one routine the batch's global step and the quote groups share."""

from __future__ import annotations

import numpy as np

from newsprism.graph import linked, pairs_linked


def test_components_are_sorted_and_ordered_by_their_first_position() -> None:
    assert pairs_linked([(4, 1), (2, 5), (5, 0)], 7) == [[0, 2, 5], [1, 4], [3], [6]]
    assert pairs_linked([], 3) == [[0], [1], [2]]
    assert pairs_linked([], 0) == []
    assert linked(np.array([1]), np.array([2]), 3) == [[0], [1, 2]]
