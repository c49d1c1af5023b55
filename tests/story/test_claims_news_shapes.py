"""Claimants on shapes of real news copy: a people or a place that only describes who claims."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_claims_unseen import _claims  # noqa: E402


def test_a_nationality_describing_the_claimant_is_not_the_claimant() -> None:
    claims, names = _claims(
        "Cyprus is in crisis.\n\n"
        "In a somewhat stunning revelation, ENETEnglish reports that Cypriot newspaper Haravgi claims that current "
        "President Nicos Anastasiades' family businesses transferred dozens of millions from their Laiki Bank "
        "accounts to London just a week before the devastating depositor haircuts."
    )
    claimants = {names.get(c.claimant or "", c.claimant) for c in claims if "London" in c.text}
    assert "Cypriot" not in claimants


def test_declining_to_act_is_no_denial() -> None:
    claims, names = _claims(
        "PASOK insists that the new government should include other parties, including the leftist Syriza.\n\n"
        "Syriza has refused to join the other two parties in a government, saying it will not cooperate.\n\n"
        "Scudamore refused to elaborate on the other bidders for the government contract."
    )
    stances = [(names.get(r.entity or "", r.entity), r.stance) for c in claims for r in c.responses]
    assert not any(stance == "denies" for _, stance in stances)

