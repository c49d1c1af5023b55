"""Conflicts a fact-checker would reject, seen on unseen real clusters: tolls told on other days, counts of other
groups, one member of a group, conversions, sequences of clock times and of days, relative dates of other events."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.story.align import align_facts

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import aligned_pair, article, parsed  # noqa: E402

TOLL = ("The explosions at the fireworks depot killed 41 people, the regional governor said.",
        "The explosions at the fireworks depot killed 44 people, the regional governor said.")


def test_a_toll_told_on_one_day_conflicts_hard() -> None:
    c = aligned_pair(*TOLL)[1]
    assert c is not None and c.kind == "number" and c.strength == "hard" and not c.reason


def test_a_toll_told_on_other_or_unknown_days_is_a_possible_difference_with_its_reason() -> None:
    for published in (None, "other days"):
        if published is None:
            c = aligned_pair(*TOLL, published=None)[1]
        else:
            arts = [article("a", TOLL[0], "A", "2024-03-13"), article("b", TOLL[1], "B", "2024-03-15")]
            facts = align_facts(arts, parsed(arts), [], Settings())
            c = next(f.conflict for f in facts if f.conflict is not None)
        assert c is not None and c.strength == "soft" and "change as news comes in" in c.reason
        assert c.to_dict()["reason"] == c.reason


def test_a_running_total_is_a_possible_difference() -> None:
    c = aligned_pair("Police have carried out 793 raids on suspected militants since the bombing, the ministry said.",
                     "Police carried out 168 raids on suspected militants, the ministry said.", published=None)[1]
    assert c is not None and c.strength == "soft" and c.reason


@pytest.mark.parametrize("one,two", [
    # casualties and people who did or underwent something else are other groups
    ("Of the 80 people admitted to hospital after the blast, 29 remain in intensive care.",
     "At least 130 people have died in the blast, with many in intensive care."),
    ("One attacker was killed inside the theatre during the siege.",
     "Two attackers set off suicide vests outside the theatre during the siege."),
    # one member of a group counts nothing; a conversion repeats the figure before it; a part out of a whole
    ("Two of the three suicide bombers had passed through Greece, prosecutors said.",
     "Omar Lasri was one of the suicide bombers, prosecutors said."),
    ("The search moved to an area 1,100 kilometres (700 miles) north-east of the previous zone.",
     "The search moved to an area 1,100 kilometres (680 miles) north-east of the previous zone."),
    ("Three out of the four major carriers have blocked the download feature.",
     "Those three major carriers have blocked the download feature."),
])
def test_counts_of_other_groups_members_and_conversions_do_not_conflict(one: str, two: str) -> None:
    assert aligned_pair(one, two)[1] is None


def test_clock_times_hours_apart_are_other_events() -> None:
    units, c = aligned_pair("The plane's last satellite signal came at 8.11am on Saturday over the ocean.",
                            "The plane's last known position came at 2.15am on Saturday over the strait.")
    assert all(u.times for u in units) and (c is None or c.kind != "time")


def test_a_time_the_other_outlet_gives_elsewhere_times_another_event() -> None:
    one = article("a", "The assault began at 9:20 p.m. when the first bomber blew himself up near the stadium gate.",
                  "A")
    two = article("b", "The first bomber blew himself up at 9:20 p.m. near Gate D.\n\n"
                       "The second bomber blew himself up at 9:30 p.m. near the stadium gate.", "B")
    facts = align_facts([one, two], parsed([one, two]), [], Settings())
    assert not any(f.conflict is not None and f.conflict.kind == "time" for f in facts)
    alone = article("c", "The second bomber blew himself up at 9:30 p.m. near the stadium gate.", "C")
    facts = align_facts([one, alone], parsed([one, alone]), [], Settings())
    assert any(f.conflict is not None and f.conflict.kind == "time" for f in facts)


def test_weekdays_of_what_began_compare_what_began() -> None:
    units, c = aligned_pair("As searchers began a deep-sea hunt for the missing jet on Monday, new maps were released.",
                            "As crews began day 30 of the search for the missing jet on Sunday, new maps were released.")
    assert c is None or c.kind != "date"
    units, c = aligned_pair("The search for the missing jet began on Monday, officials said.",
                            "The search for the missing jet began on Sunday, officials said.")
    assert c is not None and c.kind == "date"


def test_a_relative_date_of_another_event_is_no_difference() -> None:
    units, c = aligned_pair("The first lady graces the cover of next month's Vogue, the magazine said.",
                            "The first lady made a surprise appearance on Sunday's Oscars telecast, the network said.")
    assert c is None


@pytest.mark.parametrize("one,two", [
    # a line without a verb (a specification sheet's entry) states nothing to contradict
    ("31mm focal length (35mm equivalent)",
     "The phone has a focal length of 4.8mm, up from 4.24mm on the older model."),
    # a magnitude named without a figure is a milestone, not a count
    ("The first phone took over 80 days to reach the million mark.",
     "It took 16 years for smartphones to reach the 1 billion mark."),
    # an estimate of a result and the result are two different things
    ("Official projections showed the Liberal party with 30 percent of the vote and 128 seats.",
     "The Liberal party gained 129 seats with 30 percent of the vote."),
])
def test_specifications_milestones_and_projections_do_not_conflict(one: str, two: str) -> None:
    assert aligned_pair(one, two)[1] is None


def test_a_toll_told_on_other_days_stays_a_possible_difference_however_sure() -> None:
    arts = [article("a", "The bombing at the market killed 35 people, the governor said.", "A", "2024-03-13"),
            article("b", "The bombing at the market killed 41 people, the governor said.", "B", "2024-03-15")]
    facts = align_facts(arts, parsed(arts), [], Settings(conflict_threshold=0.01))
    fact = next(f for f in facts if f.conflict is not None)
    assert fact.status == "shared" and fact.conflict.reason


def test_figures_of_acts_by_other_named_actors_do_not_conflict() -> None:
    assert aligned_pair("Chelsea have completed the signing of striker Ivan Petrov from Porto for a fee of about £30m.",
                        "Liverpool have signed striker Tom Hale from Leeds for a club record fee of about £35m.")[1] is None
    c = aligned_pair("Chelsea have completed the signing of striker Ivan Petrov from Porto for a fee of £30m.",
                     "Chelsea have completed the signing of striker Ivan Petrov from Porto for a fee of £35m.")[1]
    assert c is not None and c.kind == "number"


def test_different_reporters_of_one_count_still_conflict() -> None:
    c = aligned_pair("Belgian authorities arrested three people in Molenbeek on Saturday, said prosecutor Ann Roos.",
                     "Belgian television says five people were arrested in Molenbeek on Saturday.")[1]
    assert c is not None and c.kind == "number"
