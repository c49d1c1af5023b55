"""A figure of what may, would or was to happen (an expectation, a forecast, a plan) is another thing than a figure
of what happened: the two are no conflict. Two expectations, or two results, are still compared."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import aligned_pair  # noqa: E402
_pair = aligned_pair


def test_an_expected_figure_is_no_conflict_with_the_result() -> None:
    units, c = _pair("The mill was expected to cut 300 jobs at its plant in Harwick this spring.",
                     "The mill cut 180 jobs at its plant in Harwick this spring, the union said.")
    assert "300" in units[0].hypothetical and not units[1].hypothetical
    assert c is None


def test_a_figure_under_a_modal_is_no_conflict_with_the_result() -> None:
    _, c = _pair("Officials warned that the flood could destroy 40 homes along the Weller River.",
                 "The flood destroyed 12 homes along the Weller River, officials said.")
    assert c is None


def test_two_expectations_still_conflict() -> None:
    _, c = _pair("The mill is expected to cut 300 jobs at its plant in Harwick this spring.",
                 "The mill is expected to cut 180 jobs at its plant in Harwick this spring.")
    assert c is not None and c.kind == "number"


def test_two_results_still_conflict() -> None:
    units, c = _pair("The mill cut 300 jobs at its plant in Harwick this spring, the union said.",
                     "The mill cut 180 jobs at its plant in Harwick this spring, managers said.")
    assert not units[0].hypothetical and not units[1].hypothetical
    assert c is not None and c.kind == "number" and c.strength == "hard"


def test_a_count_of_a_part_or_a_wider_whole_is_no_conflict() -> None:
    for one, two in [("Police said two other victims were treated at the hospital in Marlow on Friday.",
                      "Police said three victims were treated at the hospital in Marlow on Friday."),
                     ("The ferry carried 420 passengers and crew when it ran aground near Tolsey.",
                      "The ferry carried 246 passengers when it ran aground near Tolsey."),
                     ("Another four people were hurt when the second wall of the depot in Ashby collapsed.",
                      "Nine people were hurt when the second wall of the depot in Ashby collapsed.")]:
        units, c = _pair(one, two)
        assert c is None, (one, two, c)
    units, c = _pair("Police said three victims were treated at the hospital in Marlow on Friday.",
                     "Police said five victims were treated at the hospital in Marlow on Friday.")
    assert c is not None and c.kind == "number"


def test_figures_told_over_different_scopes_are_not_compared() -> None:
    _, c = _pair("In 54 games with the Rovers she scored 13 goals and made 43 assists last season.",
                 "In a combined 157 games with the Rovers and the Blues she scored 33 goals and made 121 assists.")
    assert c is None


def test_a_count_that_describes_another_noun_is_not_a_count_of_its_own_noun() -> None:
    _, c = _pair("The Otters are on a three-game losing streak after the defeat at Kelby on Sunday.",
                 "The Otters have lost eight games after the defeat at Kelby on Sunday.")
    assert c is None
