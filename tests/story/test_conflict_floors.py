"""Least counts ("at least nine") against exact ones: a count below the floor cannot hold beside it, whatever
group it names, as long as it counts everyone the same verb concerns."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import aligned_pair  # noqa: E402


def _pair(one: str, two: str):
    return aligned_pair(one, two)[1]


def test_an_exact_count_below_a_floor_of_the_same_thing_is_hard() -> None:
    c = _pair("At least nine protesters were arrested outside the pumping station on the east side.",
              "Seven protesters were arrested outside the pumping station on the east side.")
    assert c is not None and c.kind == "number" and c.strength == "hard"


def test_an_exact_count_above_a_floor_is_no_hard_conflict() -> None:
    c = _pair("At least nine protesters were arrested outside the pumping station on the east side.",
              "Twelve protesters were arrested outside the pumping station on the east side.")
    assert c is None or c.strength == "soft"


def test_two_floors_are_no_hard_conflict() -> None:
    c = _pair("At least three people were injured when the scaffold collapsed on Main Street.",
              "At least six people were injured when the scaffold collapsed on Main Street.")
    assert c is None or c.strength == "soft"


def test_people_counted_below_a_floor_of_some_of_them_conflict() -> None:
    c = _pair("At least nine of the tenants were evicted by the county sheriff on the first morning.",
              "The county sheriff evicted seven people on the first morning of the operation.")
    assert c is not None and c.kind == "number" and c.strength == "hard"
    assert {v.text for v in c.values} == {"nine", "seven"}


def test_a_smaller_group_below_a_floor_of_people_is_no_conflict() -> None:
    # seven tenants among at least nine people evicted: both can hold
    c = _pair("At least nine people were evicted by the county sheriff on the first morning.",
              "The county sheriff evicted seven tenants on the first morning of the operation.")
    assert c is None


def test_counts_of_other_verbs_are_not_compared() -> None:
    c = _pair("At least nine of the tenants were evicted by the county sheriff on the first morning.",
              "Seven people were injured on the first morning of the county sheriff's operation.")
    assert c is None
