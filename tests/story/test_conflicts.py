"""Conflicts: incompatible values of one thing only, hedged ones soft, each with a confidence; and the story's own
warnings when there is nothing to compare."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from newsprism.config import AlignSettings, Settings
from newsprism.story.align import align_facts
from newsprism.story.statements import article_units
from newsprism.story.entities import build_entities

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import aligned_pair, article, parsed  # noqa: E402


def _pair(one: str, two: str, p: AlignSettings | None = None):
    """The conflict find_conflict reports between two single-statement articles taken as aligned."""
    return aligned_pair(one, two, p)[1]


def test_a_count_of_the_same_thing_conflicts_hard() -> None:
    c = _pair("Four people are in custody after the attack at the airport, police said.",
              "Three people are in custody after the attack at the airport, police said.")
    assert c is not None and c.kind == "number" and c.strength == "hard"
    assert {v.text for v in c.values} == {"Four", "Three"}
    assert 0.5 <= c.confidence <= 1.0


def test_hedged_counts_are_a_softer_possible_difference() -> None:
    hard = _pair("Three people were injured in the warehouse fire on the docks.",
                 "Six people were injured in the warehouse fire on the docks.")
    soft = _pair("At least three people were injured in the warehouse fire on the docks.",
                 "At least six people were injured in the warehouse fire on the docks.")
    assert soft is not None and soft.strength == "soft" and soft.kind == "number"
    assert soft.confidence < hard.confidence


@pytest.mark.parametrize("one,two", [
    ("Twelve people were hurt in the crash on the bypass.", "12 people were hurt in the crash on the bypass."),
    # different quantities of time, not one count told two ways
    ("The tools were made about 50,000 years ago in the valley.", "The site was used for about 5,000 years."),
    # the same moment in other words
    ("The inquiry will open next week, the minister said.", "The minister said the inquiry would open next week."),
    # negation alone, without the same predicate and arguments
    ("I knew there was crime here, the shop owner said.", "We don't know yet, the shop owner said."),
    # two weekdays of two different events
    ("The singer died on Saturday in a hospital in Edinburgh.", "Friends paid tribute to the singer on Monday."),
    # two days' tolls: other counts on other days are two events
    ("Five protesters were killed in the capital on Thursday, medics said.",
     "At least 16 protesters were killed in the capital on Wednesday, medics said."),
    # two days of one month dating two different events
    ("The new parliament is due to hold its first session on Jan. 23 in the capital.",
     "The uprising against the old regime broke out on Jan. 25 in the capital."),
    # a time that bounds or rounds the other one, and a time that dates what was known
    ("Crews were called to the depot shortly before 9pm on Friday, police said.",
     "Crews were called to the depot at 8.49pm on Friday, police said."),
    ("The cyclist was struck on the bridge at about 7 p.m., police said.",
     "The cyclist was struck on the bridge at 7:01 p.m., police said."),
    ("As of 11 p.m. officers were still searching the woods for the driver.",
     "Officers began searching the woods for the driver at about 3:30 p.m."),
    # a day part on an event noun dates that event
    ("The gunman was arrested after a chase a few hours after the Monday morning shootings at the office.",
     "The gunman was arrested Monday afternoon after a chase along the interstate."),
    # a date that modifies an event noun dates that event, not the verb of the sentence
    ("Police arrested the officer after the Dec. 6 shooting of the boy in the capital.",
     "Police arrested the officer in the capital on Dec. 7."),
    # one clock time set with spaces around its colon, or with a British point
    ("The lights failed at 9: 10 p. m. across the valley, the operator said.",
     "The lights failed at 9:10 p.m. across the valley, the operator said."),
    ("The warehouse fire broke out at 8.49pm on Friday, police said.",
     "The warehouse fire broke out at 8:49 p.m. on Friday, police said."),
    # a score is no count
    ("Friday night's 88-72 loss in Cleveland was apparently the last straw for the coach.",
     "An 88-72 road loss to the Cavaliers in Cleveland on Friday was apparently the last straw for the coach."),
    # a model's name is no count
    ("Officers seized six AK-47 rifles and a pistol from the boat.",
     "Officers seized six AK 47 rifles and a pistol from the boat."),
    # a bound that the other figure meets: both can hold
    ("At least two ladder trucks were sent to the blaze on Main Street.",
     "Three ladder trucks were sent to the blaze on Main Street."),
    ("As many as 80 people were hurt in the quake, officials said.",
     "50 people were hurt in the quake, officials said."),
    ("Deputies chased him at speeds of more than 100 mph before he pulled over, the sheriff said.",
     "Deputies chased him at speeds of up to 120 mph before he pulled over, the sheriff said."),
    # seasons of a career are spans of time, not one count told two ways
    ("The coach spent four seasons with the club as director of scouting.",
     "The coach spent 19 seasons with the club."),
    # two sources speaking on two days, or two sources saying one thing
    ("The ferry's owner said Thursday the crossing would resume next week.",
     "A port spokesman said Friday the crossing would resume next week."),
    ("The ferry's owner said Saturday morning the crossing would resume next week.",
     "A port spokesman said Saturday night the crossing would resume next week."),
    ("The deputies chased the van for 30 miles before the driver finally pulled over, Sheriff Robert Brown said.",
     "The deputies chased the van for 30 miles before the driver finally pulled over, Undersheriff James Miller said."),
])
def test_no_conflict(one: str, two: str) -> None:
    assert _pair(one, two) is None


def test_clock_times_of_one_moment_conflict() -> None:
    c = _pair("The explosion shook the harbour at 4:20 a.m., the coast guard said.",
              "The explosion shook the harbour at 4:30 a.m., the coast guard said.")
    assert c is not None and c.kind == "time" and c.strength == "hard"
    about = _pair("The explosion shook the harbour at about 4:20 a.m., the coast guard said.",
                  "The explosion shook the harbour at 4:30 a.m., the coast guard said.")
    assert about is not None and about.strength == "soft"


def test_clock_times_with_a_british_point_or_spaced_colon_conflict() -> None:
    c = _pair("The warehouse fire broke out at 8.49pm on Friday, police said.",
              "The warehouse fire broke out at 9.30pm on Friday, police said.")
    assert c is not None and c.kind == "time" and {v.text for v in c.values} == {"8.49pm", "9.30pm"}
    spaced = _pair("The call came in at 3: 30 a. m., the fire chief said.",
                   "The call came in at 3: 45 a. m., the fire chief said.")
    assert spaced is not None and spaced.kind == "time" and spaced.strength == "hard"


def test_a_bound_the_other_figure_breaks_still_conflicts() -> None:
    c = _pair("As many as 80 people were hurt in the quake, officials said.",
              "90 people were hurt in the quake, officials said.")
    assert c is not None and c.kind == "number"


def test_estimates_of_one_moment_conflict_when_rounding_cannot_explain_the_gap() -> None:
    far = _pair("The climber fell from the scaffolding at about 11:15 p.m., the police said.",
                "The climber fell from the scaffolding around 10:40 p.m., the police said.")
    assert far is not None and far.kind == "time" and far.strength == "hard"
    near = _pair("The climber fell from the scaffolding at about 11:15 p.m., the police said.",
                 "The climber fell from the scaffolding around 11:30 p.m., the police said.")
    assert near is not None and near.strength == "soft"
    bound = _pair("The climber fell from the scaffolding before 11:15 p.m., the police said.",
                  "The climber fell from the scaffolding at 10:15 p.m., the police said.")
    assert bound is None or bound.strength == "soft"


def test_a_figure_after_its_noun_is_a_label_not_a_count() -> None:
    assert _pair("Passengers in the first groups will board the plane through lane 1, the airline said.",
                 "The airline said passengers will board the plane using two lanes at every gate.") is None
    c = _pair("At least nine of the protesters were arrested outside the plant on Thursday.",
              "Police arrested two protesters outside the plant on Thursday.")
    assert c is not None and c.kind == "number"
    assert {v.text for v in c.values} == {"nine", "two"}


def test_parts_of_one_day_conflict() -> None:
    c = _pair("The store manager reported a strong smell from the column on Saturday afternoon.",
              "The store manager reported a strong smell from the column on Saturday morning.")
    assert c is not None and c.kind == "time" and c.strength == "hard"
    assert {v.text for v in c.values} == {"Saturday afternoon", "Saturday morning"}
    assert _pair("The storm reached the coast on Friday evening, forecasters said.",
                 "The storm reached the coast on Friday night, forecasters said.") is None
    assert _pair("Protests began on Saturday morning and went on until Saturday night in the square.",
                 "Protests began on Saturday afternoon in the square, police said.") is None


def test_counts_of_different_things_and_both_people_named_are_no_conflict() -> None:
    assert _pair("The probe will make seven flybys of Venus on its way to the sun.",
                 "The probe will make 24 flybys of the sun on its way, engineers said.") is None
    assert _pair("Lambach pleaded not guilty to human trafficking, while VanWert pleaded not guilty to conspiracy.",
                 "Van Wert pleaded not guilty to conspiracy to commit human trafficking.") is None


def test_shares_from_different_polls_are_no_conflict() -> None:
    assert _pair("The latest Rasmussen poll found 55 percent of Americans approving of the governor.",
                 "A Gallup survey found 39 percent of Americans approving of the governor.") is None
    assert _pair("Trump cited the latest Rasmussen poll, which found 55 percent of Americans approving of him.",
                 "According to a Pew Research Center survey, 39 percent of Americans approve of him.") is None
    c = _pair("The Gallup survey found 55 percent of Americans approving of the governor.",
              "The Gallup survey found 39 percent of Americans approving of the governor.")
    assert c is not None and c.kind == "number"


def test_a_wire_photo_caption_is_no_statement() -> None:
    arts = [article("w1", "The president took questions at a news conference on Thursday.\n\n"
                    "President Ann Lee points to a reporter during a news conference in the East Room of the "
                    "White House in Washington, Thursday, Feb. 16, 2017.", "A")]
    units = article_units(arts[0], parsed(arts)["w1"])
    assert [u.text for u in units] == ["The president took questions at a news conference on Thursday."]


def test_days_of_one_event_conflict() -> None:
    c = _pair("The soldiers seized power on March 21 in the capital.", "The soldiers seized power on March 22 in the capital.")
    assert c is not None and c.kind == "date"
    w = _pair("Divers will explore the wreck on Sunday if the weather allows.",
              "Divers will explore the wreck on Saturday if the weather allows.")
    assert w is not None and w.kind == "date"


def test_a_name_spelled_two_ways_is_a_conflict_fact() -> None:
    arts = [article("s1", "The study was led by archaeologist Alison Brooks of the university.\n\n"
                    "Alison Brooks said the tools were carefully made.", "A"),
            article("s2", "Archaeologist Allison Brooks has long argued that the view was too narrow.\n\n"
                    "The team found the tools in a dry lake bed.", "B")]
    docs = parsed(arts)
    settings = Settings()
    facts = align_facts(arts, docs, build_entities(arts, docs, settings), settings)
    names = [f for f in facts if f.conflict and f.conflict.kind == "name"]
    assert len(names) == 1 and names[0].status == "conflict"
    assert {v.text for v in names[0].conflict.values} == {"Alison Brooks", "Allison Brooks"}
    assert {s.article for s in names[0].support} == {"s1", "s2"}


def _names(one: str, two: str, settings: Settings | None = None):
    arts = [article("s1", one, "A"), article("s2", two, "B")]
    docs = parsed(arts)
    settings = settings or Settings()
    facts = align_facts(arts, docs, build_entities(arts, docs, settings), settings)
    return [f for f in facts if f.conflict and f.conflict.kind == "name"]


def test_regional_spelling_and_unattested_romanizations_are_no_conflict() -> None:
    # British and American spelling of one word in a name is a house style
    assert not _names("Rabbi Marvin Hier of the Simon Wiesenthal Center said the man had died.",
                      "Rabbi Marvin Hier of the Simon Wiesenthal Centre said the man had died.")
    # a rare name whose spellings general English does not know, and two romanizations of a known one
    assert not _names("Transport official Djoko Murdjatmodjo said the airline had broken its permit.",
                      "Transport official Djoko Murjatmodjo said the airline had broken its permit.")
    assert not _names("Rebels said forces loyal to Moammar Gaddafi had fled the city.",
                      "Rebels said forces loyal to Moammar Gadhafi had fled the city.")
    # "y" for "i", and doubled letters in a name that is not a common one, are romanizations too
    assert not _names("Provincial governor Heidar Alishvandi said rescue teams had reached the villages.",
                      "Provincial governor Heydar Alishvandi said rescue teams had reached the villages.")
    assert not _names("Emergency chief Masoud Dalman said tents would reach every family by nightfall.",
                      "Emergency chief Massoud Dalman said tents would reach every family by nightfall.")


def test_conflict_bounds_come_from_the_settings() -> None:
    # estimates 35 minutes apart disagree outright, unless rounding may explain an hour
    far = ("The climber fell from the scaffolding at about 11:15 p.m., the police said.",
           "The climber fell from the scaffolding around 10:40 p.m., the police said.")
    assert _pair(*far).strength == "hard"
    assert _pair(*far, AlignSettings(estimate_minutes=60)).strength == "soft"
    # a rare surname spelled two ways is a conflict, unless every word counts as unknown to general English
    okorafor = ("Transport official Tamsin Okorafor said the airline had broken its permit.",
                "Transport official Tamsin Okorofor said the airline had broken its permit.")
    assert len(_names(*okorafor)) == 1
    assert not _names(*okorafor, Settings(align=AlignSettings(unattested=8.0)))


def test_every_fact_carries_a_confidence() -> None:
    arts = [article("c1", "Police said four men were in custody after the knife attack at Dover airport.\n\n"
                    "The airport reopened on Tuesday.", "A"),
            article("c2", "Police said three men were in custody after the knife attack at Dover airport.\n\n"
                    "A bakery in the town square sold out of bread.", "B")]
    facts = align_facts(arts, parsed(arts), [], Settings())
    assert all(0.0 <= f.confidence <= 1.0 for f in facts)
    custody = next(f for f in facts if "custody" in f.text)
    assert custody.status == "conflict" and custody.conflict.confidence >= Settings().conflict_threshold
    # a high threshold keeps the same difference as a possible difference on a shared fact
    strict = align_facts(arts, parsed(arts), [], Settings(conflict_threshold=0.99))
    kept = next(f for f in strict if "custody" in f.text)
    assert kept.status == "shared" and kept.conflict is not None


@pytest.mark.slow
@pytest.mark.parametrize("case", ["one article", "all copies", "nothing in common", "only quotes", "thirty"])
def test_story_warnings_and_odd_stories(case: str) -> None:
    from newsprism.api import analyze

    fire = "A fire destroyed a warehouse on the docks of Port Ellery on Tuesday night, the fire service said."
    if case == "one article":
        arts = [article("o1", fire, "A")]
    elif case == "all copies":
        arts = [article(f"k{i}", fire + "\n\nNobody was hurt, a spokesman said.", f"O{i}") for i in range(3)]
    elif case == "nothing in common":
        arts = [article("u1", fire, "A"),
                article("u2", "The new phone has a larger screen and a faster chip than last year's model.", "B")]
    elif case == "only quotes":
        arts = [article("q1", "\u201cA fire destroyed our warehouse on the docks of Port Ellery on Tuesday night.\u201d"
                                "\n\n\u201cWe lost everything, and the roof fell in within minutes.\u201d", "A"),
                article("q2", fire, "B")]
    else:
        arts = [article(f"t{i}", fire + f"\n\nCrews stayed at the scene for {i + 2} hours.", f"O{i}") for i in range(30)]
    report = analyze(arts)
    notes = " ".join(report.notes)
    if case in ("one article", "all copies"):
        assert "nothing can be compared" in notes
    elif case == "nothing in common":
        assert report.other_stories  # the phone review is named as another story, not compared with the fire
        forced = analyze(arts, one_story=True)
        assert any("share no statement" in n for n in forced.notes)
    elif case == "only quotes":
        assert "nothing can be compared" not in notes
        assert {f.status for f in report.facts} <= {"shared", "unique"}  # quoted words are no conflict
    else:
        assert "nothing can be compared" not in notes and "share no statement" not in notes
        assert any(f.status == "shared" for f in report.facts)
        assert not any(f.status == "conflict" for f in report.facts)  # "2 hours" and "3 hours" are spans of time


def test_wording_inside_one_quotation_is_for_quote_groups() -> None:
    assert _pair('"We will hire 300 new nurses this year," the health minister said on the radio.',
                 '"We will hire 400 new nurses this year," the health minister said on the radio.') is None


def test_one_event_dated_on_two_days_across_facts() -> None:
    # each outlet's announcement is linked to a closer statement of the other outlet, yet the two date one event
    from newsprism.story.conflicts import dated_conflicts

    arts = [article("d1", "The water department announced a $1 million fund on Tuesday for residents behind on bills.", "A"),
            article("d2", "The water department on Wednesday announced plans to use $1 million to help residents "
                    "behind on bills.", "B")]
    docs = parsed(arts)
    units = [article_units(a, docs[a.id])[0] for a in arts]
    prob = np.array([[0.0, 0.85], [0.85, 0.0]])
    facts = dated_conflicts(units, [[0], [1]], prob, 0.77, 0.5)
    assert len(facts) == 1 and facts[0].status == "conflict" and facts[0].conflict.kind == "date"
    assert {v.text for v in facts[0].conflict.values} == {"Tuesday", "Wednesday"}
    assert {s.article for s in facts[0].support} == {"d1", "d2"}
    assert not dated_conflicts(units, [[0, 1]], prob, 0.77, 0.5)  # already one fact: find_conflict reads it
    assert not dated_conflicts(units, [[0], [1]], prob * 0.8, 0.77, 0.5)  # not aligned


def test_aligned_statements_in_other_facts_that_time_one_event_differently_conflict() -> None:
    from newsprism.story.conflicts import dated_conflicts

    arts = [article("t1", "The climber fell from the hotel scaffolding at about 11:15 p.m., police said.", "A"),
            article("t2", "The climber slipped and fell onto the hotel roof around 10:40 p.m., police said.", "B")]
    docs = parsed(arts)
    units = [article_units(a, docs[a.id])[0] for a in arts]
    prob = np.array([[0.0, 0.85], [0.85, 0.0]])
    facts = dated_conflicts(units, [[0], [1]], prob, 0.77, 0.5)
    assert len(facts) == 1 and facts[0].conflict.kind == "time" and facts[0].conflict.strength == "hard"
    near = [article("t3", "The climber fell from the hotel scaffolding at about 11:15 p.m., police said.", "A"),
            article("t4", "The climber slipped and fell onto the hotel roof around 11:30 p.m., police said.", "B")]
    docs = parsed(near)
    units = [article_units(a, docs[a.id])[0] for a in near]
    assert not dated_conflicts(units, [[0], [1]], prob, 0.77, 0.5)  # a soft difference needs a shared fact


def test_a_clock_time_alone_is_no_statement() -> None:
    arts = [article("a", "4: 14 p. m. EDT\n\nThe ferry struck the pier at dawn, the harbour master said.", "A")]
    units = article_units(arts[0], parsed(arts)["a"])
    assert [u.text for u in units] == ["The ferry struck the pier at dawn, the harbour master said."]
