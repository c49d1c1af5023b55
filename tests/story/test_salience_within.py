"""Offsets tested against many spans at once answer as one span at a time would, overlapping spans included."""

from __future__ import annotations

import random

from newsprism.story.reported import inside, within


def test_within_agrees_with_inside_on_random_spans() -> None:
    rng = random.Random(7)
    for _ in range(200):
        spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 200) for _ in range(rng.randint(0, 8)))]
        test = within(spans)
        assert all(test(i) == inside(i, spans) for i in range(-2, 240))
