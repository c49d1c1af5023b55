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
