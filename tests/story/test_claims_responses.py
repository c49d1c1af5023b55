"""A response belongs to a claim only when it addresses it; furniture never claims."""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.config import Settings
from newsprism.story.claims import amounts, find_claims, other_figure

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import article, entity, parsed, quote  # noqa: E402

CLAIM = ("Researcher Lena Ortiz claimed the settlement under the mound is 10,000 years old, far older than "
         "any other site in the valley.\n\n")


def _claims(text: str, quotes_of: list[tuple[str, str, str, str, str]]) -> list:
    a = article("h1", text, "One")
    ents = [entity("ortiz", "Lena Ortiz", "PERSON", [a], r"\b(?:Lena )?Ortiz\b"),
            entity("hamm", "Giles Hamm", "PERSON", [a], r"\b(?:Giles )?Hamm\b")]
    quotes = [quote(a, t, qid, spk, eid, cue, kind="indirect" if cue == "supporting" else "direct")
              for t, qid, spk, eid, cue in quotes_of]
    return find_claims([a], parsed([a]), quotes, ents, Settings())


def test_figures_are_read_by_what_they_count() -> None:
    assert amounts("about 5,000 years and 12 graves") == {"year": {5000.0}, "grave": {12.0}}
    assert other_figure("it would reach back about 5,000 years", ["the mound is 10,000 years old"])
    assert not other_figure("it is 10,000 years old", ["the mound is 10,000 years old"])
    assert not other_figure("the mound is very old", ["the mound is 10,000 years old"])


def test_a_confirmation_of_another_figure_does_not_confirm_the_claim() -> None:
    text = CLAIM + ("Archaeologist Giles Hamm confirmed that he had thought the settlement would reach back about "
                    "5,000 years, no more.")
    claims = _claims(text, [])
    main = next(c for c in claims if "10,000" in c.text)
    assert not any(r.stance == "confirms" for r in main.responses)


def test_a_confirmation_of_the_same_figure_confirms_it() -> None:
    text = CLAIM + "Archaeologist Giles Hamm confirmed that the settlement under the mound is 10,000 years old."
    claims = _claims(text, [])
    main = next(c for c in claims if "10,000" in c.text)
    assert any(r.stance == "confirms" and r.entity == "hamm" for r in main.responses)


def test_player_controls_and_captions_are_never_claims() -> None:
    text = ("CLOSE Skip in Skip x Embed x Share Lena Ortiz claimed the mound is 10,000 years old.\n\n"
            "Image caption Lena Ortiz accused the ministry of hiding the finds\n\n"
            "The dig closed for the winter on Friday.")
    claims = _claims(text, [("the mound is 10,000 years old", "q1", "Lena Ortiz", "ortiz", "claimed")])
    assert not any("Skip" in c.text or "Image caption" in c.text or "hiding" in c.text for c in claims)


def test_words_someone_only_supports_or_hedges_on_are_not_their_claim() -> None:
    text = ("Lena Ortiz has faced criticism after she repeatedly hedged on supporting the survey's conclusion that "
            "the mound was looted in 1990.")
    claims = _claims(text, [("the survey's conclusion that the mound was looted in 1990", "q1", "Lena Ortiz",
                             "ortiz", "supporting")])
    assert not any(c.claimant == "ortiz" and "looted" in c.text for c in claims)
