"""Claims and responses in court and police copy: rulings on requests, interviews, passives and "neither ... nor"."""

from __future__ import annotations

from newsprism.config import Settings
from newsprism.model import Article, Claim
from newsprism.nlp import parse
from newsprism.story.claims import find_claims
from newsprism.story.entities import build_entities
from newsprism.story.quotes import extract_quotes


def _claims(text: str) -> tuple[list[Claim], dict[str, str]]:
    arts = [Article(id="a1", text=text, outlet="One")]
    docs = parse(arts)
    ents = build_entities(arts, docs)
    quotes = extract_quotes(arts, docs, ents)
    return find_claims(arts, docs, quotes, ents, Settings()), {e.id: e.name for e in ents}


def test_a_ruling_on_a_motion_or_an_interview_is_no_response() -> None:
    claims, names = _claims(
        "Prosecutor Kelly Hale alleged that Jose Orlando shot Deputy Jerry Ortega at the apartment during a gang "
        "investigation and deserves the death sentence.\n\n"
        "Deputy Jerry Ortega had gone to the apartment during a gang investigation to question a woman about a "
        "shooting.\n\n"
        "On Thursday Judge Philip Hickman denied a motion by the defense to reduce the death sentence of Jose Orlando."
    )
    responses = [(names.get(r.entity or "", r.entity), r.stance) for c in claims for r in c.responses]
    assert ("Philip Hickman", "denies") not in responses
    assert ("Jerry Ortega", "disputes") not in responses


def test_the_accused_and_those_who_never_claimed_are_no_claimants() -> None:
    claims, names = _claims(
        "Jose Orlando, who lives in Hawaiian Gardens, is charged with murdering a sheriff's deputy in June.\n\n"
        "Neither Stan Perlo nor his co-counsel, Robin Yanes, ever claimed their client's innocence."
    )
    claimants = {names.get(c.claimant or "", c.claimant) for c in claims}
    assert not claimants & {"Jose Orlando", "Hawaiian Gardens", "Stan Perlo", "Robin Yanes"}


def test_a_headline_participle_has_no_claimant() -> None:
    claims, names = _claims(
        "Hawaiian Gardens Gang Member\nCharged with Murdering Sheriff ’ s Deputy\nJuly 26, 2005\n\n"
        "District Attorney Steve Cooley alleged that Jose Orlando murdered the sheriff's deputy outside an apartment."
    )
    assert all("Charged with" not in c.text for c in claims)


def test_a_headline_line_claims_nothing() -> None:
    claims, _ = _claims(
        "Kraft Shooting: Yvonne Hiller Charged With Two Counts Of Murder\n\n"
        "Prosecutors alleged that Hiller shot three co-workers at the plant after she was suspended."
    )
    assert all("Two Counts" not in c.text for c in claims)
