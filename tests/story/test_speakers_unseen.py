"""Speakers on shapes common in wire copy: passive cues, pronouns after a name in apposition, "they" for a group."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_quotes import run  # noqa: E402


def _about(quotes: list, fragment: str) -> list:
    return [q for q in quotes if fragment in q.text]


def test_the_subject_of_a_passive_cue_is_not_the_speaker() -> None:
    _, quotes = run(
        "Dana Wirth checked into a clinic on Friday, her lawyer said.\n\n"
        "In 2010, Wirth was accused of attacking a nurse at the same clinic, but she was never charged.\n\n"
        "Her manager, Carl Ebbe, is believed to be seeking a new contract for her."
    )
    assert all(q.speaker != "Dana Wirth" for q in _about(quotes, "attacking a nurse"))
    assert all(q.speaker != "Carl Ebbe" for q in _about(quotes, "seeking a new contract"))


def test_the_agent_of_a_passive_cue_is_the_speaker() -> None:
    _, quotes = run(
        "The singer Mara Lind has died at 91.\n\n"
        "It has been confirmed by publicist Harlan Voss that the singer died in her sleep on Thursday."
    )
    (q,) = _about(quotes, "died in her sleep")
    assert q.speaker == "Harlan Voss"


def test_a_ship_is_never_the_he_who_speaks() -> None:
    _, quotes = run(
        "The pirates had surrounded the cargo ship when INS Talwar warship intervened and drove them off, "
        "a navy spokesman said.\n\n"
        "The pirates had fired at the vessel with rifles before the warship arrived, he said."
    )
    (q,) = _about(quotes, "fired at the vessel")
    assert q.speaker != "INS Talwar"


def test_who_after_an_apposition_is_the_named_person() -> None:
    _, quotes = run(
        "\"Ohio is a cautious state,\" said Barry Flemming, a Republican who argued last year that judges should "
        "approve death sentences alone.\n\n"
        "\"There are people who will try to nullify the law.\""
    )
    assert {q.speaker for q in _about(quotes, "judges should approve")} == {"Barry Flemming"}
    assert {q.speaker for q in _about(quotes, "nullify the law")} == {"Barry Flemming"}


def test_they_is_the_group_not_the_official_named_before() -> None:
    _, quotes = run(
        "The head of the province's disaster service, Abbas Jaziri, said that the situation on the island was "
        "under control. He said relief workers had sent tents and blankets to all villages.\n\n"
        "But residents of the village of Gavar complained that relief operations were slow. "
        "Speaking to reporters, they said they had not received any aid a day after the quake."
    )
    (q,) = _about(quotes, "had not received any aid")
    assert q.speaker != "Abbas Jaziri"
    assert q.speaker is not None and "residents" in q.speaker


def test_he_in_a_joined_clause_is_the_man_just_named() -> None:
    _, quotes = run(
        "Yvette Holler, 43, is charged with shooting three co-workers at the bakery.\n\n"
        "Her neighbour Tom Baker saw her leave at noon.\n\n"
        "A local station has interviewed another co-worker of hers, Kenneth Dorr, and he said he had talked "
        "with her about her faith and even wished her a happy Ramadan."
    )
    (q,) = _about(quotes, "talked with her about her faith")
    assert q.speaker == "Kenneth Dorr"


def test_a_place_in_the_apposition_of_an_untagged_name_does_not_speak() -> None:
    _, quotes = run(
        "Voters in Ashgabat said little about the vote.\n\n"
        "\"I still don't know who I'm supposed to vote for,\" Maral, a resident of Ashgabat who declined to give "
        "her surname, told the Associated Press news agency."
    )
    assert all(q.speaker != "Ashgabat" for q in quotes)


def test_a_rank_split_from_its_name_is_the_named_officer() -> None:
    _, quotes = run(
        "A gunman shot three people at a suburban Detroit office building Monday morning, and officers were "
        "searching for the shooter, police said.\n\n"
        "The victims' conditions weren't immediately known, said Troy police Lt. Gerry Scherlinck."
    )
    assert {q.speaker for q in quotes if "conditions" in q.text} == {"Gerry Scherlinck"}


def test_a_piece_of_a_spaced_contraction_never_speaks() -> None:
    _, quotes = run(
        "\"Oh man, she was bad, \" one man told Schuck.\n\n"
        "\" There was nothing we could do.\n\n"
        "Everybody was just standing there all confused, like they can ’ t believe that this happened over here.\n\n"
        "She was out cold. \""
    )
    assert all(q.speaker != "t" for q in quotes)
