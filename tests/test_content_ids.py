"""Ids come from content: the order the articles are given in changes no id of a report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsprism.model import (
    Article, Attribution, Claim, Entity, Fact, GroupCoverage, Quote, QuoteGroup, Report, Response, Span, Story,
)
from newsprism.story.analyze import with_content_ids

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
A = "The mayor said the bridge will close. \"It is unsafe,\" Ortiz said."
B = "\"It is unsafe,\" said Lena Ortiz, the mayor. The bridge closes in May."


def _report(order: int) -> Report:
    """The same invented story, its items numbered in input order the way the stages number them."""
    arts = [Article("a1", A), Article("b1", B)][::order]
    qa = (A.index('"It'), A.index('"It') + len('"It is unsafe,"'))
    qb = (B.index('"It'), B.index('"It') + len('"It is unsafe,"'))
    quotes = [Quote("", "a1", *qa, '"It is unsafe,"', "direct", "Ortiz"),
              Quote("", "b1", *qb, '"It is unsafe,"', "direct", "Lena Ortiz")][::order]
    for n, q in enumerate(quotes, 1):
        q.id, q.entity = f"q{n}", "e1"
    of = {q.article: q.id for q in quotes}
    ortiz = Entity("e1", "Lena Ortiz", "PERSON", spans=[Span("a1", A.index("Ortiz"), A.index("Ortiz") + 5),
                                                        Span("b1", B.index("Lena"), B.index("Lena") + 10)][::order])
    mayor = Entity("e2", "bridge", "FAC", spans=[Span("a1", 22, 28), Span("b1", B.index("bridge"),
                                                                            B.index("bridge") + 6)][::order])
    facts = [Fact("f1", "The bridge will close.", "shared", support=[Span("a1", 0, 37), Span("b1", 45, 70)][::order])]
    return Report(
        story=Story("s1", "Bridge", arts), facts=facts, quotes=quotes,
        quote_groups=[QuoteGroup("g1", "e1", [q.id for q in quotes], "identical")],
        claims=[Claim("c1", "e1", "the bridge is unsafe", quotes=[of["a1"]], sources=[Span("a1", *qa), Span("b1", *qb)],
                      responses=[Response("e1", "confirms", of["b1"])])],
        attribution=[Attribution("Lena Ortiz", "e1", "a1", None, quotes=["q1", "q2"])],
        entities=[ortiz, mayor][::order],
        groups=[GroupCoverage("lean", "left", ["X"], ["a1"], 1, 1, blind_spots=["f1"])],
    )


def _canonical(d: dict[str, Any]) -> dict[str, Any]:
    """Each item by id with the references it holds; list order left out, since it follows the input."""
    return {
        "quotes": {q["id"]: (q["article"], q["start"], q["entity"], q["part_of"]) for q in d["quotes"]},
        "facts": sorted(f["id"] for f in d["facts"]),
        "entities": {e["id"]: e["name"] for e in d["entities"]},
        "groups": {g["id"]: (g["entity"], sorted(g["quotes"])) for g in d["quote_groups"]},
        "claims": {c["id"]: (c["claimant"], sorted(c["quotes"])) for c in d["claims"]},
    }


def test_ids_and_references_do_not_depend_on_input_order() -> None:
    one, other = with_content_ids(_report(1)), with_content_ids(_report(-1))
    assert _canonical(one.to_dict()) == _canonical(other.to_dict())
    ids = {q.id for q in one.quotes}
    assert set(one.quote_groups[0].quotes) == ids and set(one.attribution[0].quotes) == ids
    assert one.claims[0].quotes[0] in ids and one.claims[0].responses[0].quote in ids
    entity = {e.name: e.id for e in one.entities}["Lena Ortiz"]
    assert {q.entity for q in one.quotes} == {entity} and one.claims[0].claimant == entity
    assert one.groups[0].blind_spots == [one.facts[0].id]
    assert all(q.id.startswith("q") and len(q.id) == 11 for q in one.quotes)


def test_two_items_of_the_same_content_keep_apart() -> None:
    r = _report(1)
    r.quotes.append(Quote("q9", r.quotes[0].article, r.quotes[0].start, r.quotes[0].end, "x", "partial"))
    ids = [q.id for q in with_content_ids(r).quotes]
    assert len(set(ids)) == 3 and ids[2] == ids[0] + "-2"


@pytest.mark.slow
def test_analyze_a_b_and_b_a_give_the_same_ids() -> None:
    import newsprism

    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    one = newsprism.analyze(files).to_dict()
    other = newsprism.analyze(files[::-1]).to_dict()
    assert [a["id"] for a in one["story"]["articles"]] == [a["id"] for a in other["story"]["articles"]][::-1]
    assert _canonical(one) == _canonical(other)


def _as_sets(value: Any) -> Any:
    """A report part with every list read as a set (lists follow the order of the inputs)."""
    import json

    if isinstance(value, dict):
        return {k: _as_sets(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_as_sets(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


@pytest.mark.slow
def test_analyze_a_b_and_b_a_say_the_same_things() -> None:
    # not only the ids: which statement words a fact, how claims group and which event a timeline entry names
    # must not depend on the order the articles are given in either
    import newsprism

    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    one = newsprism.analyze(files).to_dict()
    other = newsprism.analyze(files[::-1]).to_dict()
    for part in ("facts", "quotes", "claims", "entities", "timeline"):
        assert _as_sets(one[part]) == _as_sets(other[part]), part
    # a quote group's word diff reads from the first outlet to the next, so only its members and verdict compare
    groups = [{g["id"]: (sorted(g["quotes"]), g["agreement"]) for g in r["quote_groups"]} for r in (one, other)]
    assert groups[0] == groups[1]
