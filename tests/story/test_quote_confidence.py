"""Quote confidence: how a speaker was found decides how sure the attribution is; groups are as sure as their least
sure quote, claims as their surest; the fitted table and its out-of-fold check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.eval.fit_quote_confidence import Row, fit_table, out_of_fold, run_confidence
from newsprism.model import Attribution, Claim, Quote, QuoteGroup, Span
from newsprism.story.quote_confidence import ROUTES, load_table, quote_confidence, rate_quotes, route


def _q(qid: str, said: str | None, speaker: str | None = "Ana Ruiz", entity: str | None = "e1",
       kind: str = "direct", anonymous: bool = False) -> Quote:
    span = Span("a1", 0, len(said), said) if said is not None else None
    return Quote(id=qid, article="a1", start=10, end=40, text="We will rebuild the dam.", kind=kind,  # type: ignore[arg-type]
                 speaker=speaker, entity=entity, anonymous=anonymous, speaker_span=span)


@pytest.mark.parametrize(("quote", "expected"), [
    (_q("q", "Ruiz"), "named"),
    (_q("q", "the mayor"), "role"),
    (_q("q", "she"), "pronoun"),
    (_q("q", "a senior official", speaker="a senior official", entity=None, anonymous=True), "anonymous"),
    (_q("q", "the engineers", speaker="the engineers", entity=None), "description"),
    (_q("q", None), "carried"),
    (_q("q", None, speaker=None, entity=None), "none"),
])
def test_the_route_says_how_the_speaker_was_found(quote: Quote, expected: str) -> None:
    assert route(quote) == expected


def test_the_packaged_table_has_every_cell_and_no_speaker_is_never_sure() -> None:
    rates = load_table()["rates"]
    assert set(rates) == {"direct", "other"} and all(set(rates[k]) == set(ROUTES) for k in rates)
    assert rates["direct"]["none"] == 0.0 and rates["other"]["none"] == 0.0
    assert all(0.0 <= v <= 1.0 for k in rates for v in rates[k].values())


def test_groups_take_their_least_sure_quote_and_claims_their_surest() -> None:
    table = {"rates": {k: {r: 0.5 for r in ROUTES} | {"named": 0.9, "pronoun": 0.6} for k in ("direct", "other")}}
    named, pronoun = _q("q1", "Ruiz"), _q("q2", "she")
    group = QuoteGroup(id="g1", entity="e1", quotes=["q1", "q2"], agreement="reworded")
    claim = Claim(id="c1", claimant="e1", text="the dam", quotes=["q1", "q2"])
    row = Attribution(speaker="Ana Ruiz", entity="e1", article="a1", outlet="One", quotes=["q1", "q2"])
    rate_quotes([named, pronoun], [group], [claim], [row], table=table)
    assert (named.confidence, pronoun.confidence, group.confidence, claim.confidence) == (0.9, 0.6, 0.6, 0.9)
    assert row.confidence == 0.75
    assert quote_confidence(_q("q3", "Ruiz", kind="indirect"), table) == 0.9


def test_a_table_missing_a_cell_names_the_file_and_the_fix(tmp_path: Path) -> None:
    bad = tmp_path / "table.json"
    bad.write_text(json.dumps({"rates": {"direct": {"named": 0.9}, "other": {}}}), encoding="utf-8")
    with pytest.raises(ValueError, match="refit it with 'newsprism eval confidence"):
        load_table(str(bad))


def test_the_fit_draws_rare_routes_towards_their_kind_and_never_trusts_no_speaker() -> None:
    rows = [Row(c, "direct", "named", True) for c in range(18)] + [Row(c, "direct", "named", False) for c in range(2)]
    rows += [Row(1, "direct", "pronoun", False), Row(2, "direct", "none", False)]
    rates = fit_table(rows)["rates"]["direct"]
    prior = 18 / 21
    assert rates["named"] == pytest.approx((18 + 4 * prior) / 24, abs=1e-3)
    assert rates["pronoun"] == pytest.approx(4 * prior / 5, abs=1e-3)  # one wrong of one, drawn to the kind's share
    assert rates["none"] == 0.0 and rates["carried"] == pytest.approx(prior, abs=1e-3)


def test_out_of_fold_scores_never_see_their_own_cluster() -> None:
    # roles are right everywhere but in cluster 99: a table that saw cluster 99 would score its rows lower
    rows = [Row(c, "direct", r, True) for c in range(12) for r in ("named", "role")]
    rows += [Row(99, "direct", "role", False), Row(99, "direct", "role", False)]
    scores = out_of_fold(rows)
    assert scores[-1] == scores[-2] and scores[-1] > 0.95
    assert fit_table(rows)["rates"]["direct"]["role"] < 0.9


def test_missing_labels_fail_with_the_path(tmp_path: Path) -> None:
    run = run_confidence(str(tmp_path / "none.jsonl"), str(tmp_path / "mn.jsonl"))
    assert run.code == 2 and "none.jsonl not found" in run.err()
