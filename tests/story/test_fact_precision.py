"""Facts hold only statements that say the same thing; dates and number words conflict; claims name real entities."""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.config import Settings
import numpy as np

from newsprism.story.align import align_facts, link_statements
from newsprism.story.statements import Unit
from newsprism.story.claims import contestable, find_claims

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import article, entity, parsed, quote  # noqa: E402

HERALD = ("A freight train derailed on the Orton viaduct, the only rail link between Lowbury and the coast.\n\n"
          "The rail operator's chief engineer said the train had been cleared to run despite a speed warning.\n\n"
          "Twelve people were taken to hospital, according to the ambulance service.\n\n"
          "A council hearing on the derailment is scheduled for Thursday.")
POST = ("The Orton viaduct is the only rail crossing between Lowbury and the coast.\n\n"
        "Chief engineer Paul Marsh said inspectors would examine the damaged track on Wednesday.\n\n"
        "A spokesperson for Lowbury General Hospital said 14 people had been treated for injuries.\n\n"
        "The city council will hold a public hearing on the derailment next month.")
LEDGER = ("The Orton viaduct has carried traffic across the harbour since 1962.\n\n"
          "The viaduct reopened to freight traffic last spring.")


def _story():
    arts = [article("h1", HERALD, "Herald"), article("p1", POST, "Post"), article("l1", LEDGER, "Ledger")]
    return arts, parsed(arts)


def _fact_with(facts, text):
    return next(f for f in facts if any(text in s.text for s in f.support))


def test_every_member_states_the_fact() -> None:
    arts, docs = _story()
    facts = align_facts(arts, docs, [], Settings())
    link = _fact_with(facts, "only rail link")
    assert not any("since 1962" in s.text for s in link.support)
    cleared = _fact_with(facts, "cleared to run")
    assert not any("examine the damaged track" in s.text for s in cleared.support)
    for f in facts:  # at most two statements of one outlet in a fact
        for a in arts:
            assert sum(1 for s in f.support if s.article == a.id) <= 2


def test_a_chain_of_neighbours_does_not_make_one_fact() -> None:
    units = [Unit("a", 0, 0, 5, "aaaaa"), Unit("b", 0, 0, 5, "bbbbb"), Unit("c", 0, 0, 5, "ccccc")]
    prob = np.array([[1.0, 0.9, 0.2], [0.9, 1.0, 0.85], [0.2, 0.85, 1.0]])
    assert sorted(map(sorted, link_statements(units, prob, 0.76))) == [[0, 1], [2]]  # c is unlike a
    prob[0, 2] = prob[2, 0] = 0.6  # likely a's fact too, yet the fact's pairs fall short on average
    assert sorted(map(sorted, link_statements(units, prob, 0.76))) == [[0, 1], [2]]
    prob[0, 2] = prob[2, 0] = 0.7  # one weaker wording: on average the three state one fact
    assert sorted(map(sorted, link_statements(units, prob, 0.76))) == [[0, 1, 2]]
    assert sorted(map(sorted, link_statements(units, prob, 0.76, floor=0.76))) == [[0, 1], [2]]  # complete linkage


def test_a_second_statement_of_one_outlet_must_add_to_the_fact() -> None:
    def unit(art: str, order: int, terms: list[str]) -> Unit:
        return Unit(art, order, order * 10, order * 10 + 5, " ".join(terms), terms=terms)

    sim = np.array([[1.0, 0.5, 0.7], [0.5, 1.0, 0.4], [0.7, 0.4, 1.0]])
    aside = [unit("a", 0, ["win", "trade", "challenge", "china"]), unit("a", 1, ["win", "trade"]),
             unit("b", 0, ["win", "trade", "challenge", "china"])]
    assert sorted(map(sorted, link_statements(aside, sim, 0.3, floor=0.3))) == [[0, 2], [1]]
    split = [unit("a", 0, ["ship", "strike", "pier"]), unit("a", 1, ["twelve", "injure"]),
             unit("b", 0, ["ship", "strike", "pier", "twelve", "injure"])]
    assert sorted(map(sorted, link_statements(split, sim, 0.3, floor=0.3))) == [[0, 1, 2]]


def test_date_and_number_word_conflicts() -> None:
    arts, docs = _story()
    facts = align_facts(arts, docs, [], Settings())
    hearing = _fact_with(facts, "scheduled for Thursday")
    # a day this week against next month is a possible difference (a date may move): soft, and below the
    # conflict threshold it stays on the shared fact rather than being shown as a conflict
    assert hearing.conflict.kind == "date" and hearing.conflict.strength == "soft"
    assert {v.text for v in hearing.conflict.values} == {"Thursday", "next month"}
    assert hearing.status == "shared" and hearing.conflict.confidence < Settings().conflict_threshold
    injured = _fact_with(facts, "Twelve people")
    assert any("14 people" in s.text for s in injured.support)
    assert injured.status == "conflict" and injured.conflict.kind == "number"


def test_same_time_in_other_words_is_no_conflict() -> None:
    one = article("x1", "The inquiry into the derailment will open next week, the transport minister said.", "X")
    two = article("y1", "The transport minister said the inquiry into the derailment would open next week.", "Y")
    arts = [one, two]
    facts = align_facts(arts, parsed(arts), [], Settings())
    fact = _fact_with(facts, "inquiry into the derailment will open")
    assert fact.status == "shared"


def test_no_conflict_for_the_same_thing_in_other_words() -> None:
    one = article("x2", "The mayor decided against going to the ceremony in Pittsfield on Friday.\n\n"
                  "Twelve people were hurt in the crash.", "X")
    two = article("y2", "The mayor decided not to go to the ceremony in Berkshire County on Friday.\n\n"
                  "12 people were hurt in the crash, police said.", "Y")
    arts = [one, two]
    facts = align_facts(arts, parsed(arts), [], Settings())
    for text in ("decided against going", "Twelve people"):
        fact = _fact_with(facts, text)
        assert fact.status == "shared", fact.conflict


def test_claim_entities_exist_and_boasts_are_no_claims() -> None:
    text = ("Mayor Ann Holt accused the rail operator of hiding safety reports.\n\n"
            "\"We are winning on safety. We are winning at every level,\" Holt said.\n\n"
            "The operator rejected the accusation, according to officials.")
    a = article("m1", text, "Herald")
    docs = parsed([a])
    holt = entity("e1", "Ann Holt", "PERSON", [a], r"Ann Holt|Holt")
    quotes = [quote(a, "We are winning on safety. We are winning at every level,", "q1", "Holt", "e1", "said"),
              quote(a, "hiding safety reports", "q2", "to", None, "accused", kind="indirect")]
    claims = find_claims([a], docs, quotes, [holt], Settings())
    ids = {"e1"}
    for c in claims:
        assert c.claimant is None or c.claimant in ids
        assert all(r.entity is None or r.entity in ids for r in c.responses)
        assert "winning on safety" not in c.text
    assert not contestable("We are winning on trade. We don't want them to meddle in our election.")
    assert contestable("They are trying to interfere in our election.")
