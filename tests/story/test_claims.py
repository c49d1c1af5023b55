"""Claims with their responses and what each article says about evidence."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.story.claims import find_claims

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import article, entity, parsed, quote, seed_story  # noqa: E402


ONE = ("Governor Alice Raman accused Delta Chemicals of ignoring safety warnings before the fire.\n\n"
       "\"Delta ignored every warning we gave them,\" Raman said.\n\n"
       "Raman offered no evidence to back up the accusation.\n\n"
       "Delta spokesman Tom Ruiz rejected the accusation.\n\n"
       "\"We did not ignore any warning,\" Ruiz said.")
TWO = ("Governor Alice Raman said Delta Chemicals had ignored safety warnings.\n\n"
       "According to documents obtained by the Times, state inspectors flagged the plant's valves twice.\n\n"
       "The company has not commented.")
THREE = "The fire at the Millbrook chemical plant was put out on Wednesday after nine hours."


@pytest.fixture(scope="module")
def story():
    a, b, c = article("c1", ONE, "One"), article("c2", TWO, "Two"), article("c3", THREE, "Three")
    arts = [a, b, c]
    ents = [entity("raman", "Alice Raman", "PERSON", arts, r"\b(?:Alice )?Raman\b"),
            entity("ruiz", "Tom Ruiz", "PERSON", arts, r"\b(?:Tom )?Ruiz\b"),
            entity("delta", "Delta Chemicals", "ORG", arts, r"\bDelta(?: Chemicals)?\b")]
    quotes = [quote(a, "Delta ignored every warning we gave them", "q1", "Raman", "raman", "said"),
              quote(a, "We did not ignore any warning", "q2", "Ruiz", "ruiz", "said"),
              quote(b, "Delta Chemicals had ignored safety warnings", "q3", "Governor Alice Raman", "raman", "said",
                    kind="indirect")]
    return arts, parsed(arts), quotes, ents


def test_claim_response_and_evidence(story) -> None:
    arts, docs, quotes, ents = story
    claims = find_claims(arts, docs, quotes, ents, Settings())
    main = claims[0]
    assert main.claimant == "raman"
    assert "ignor" in main.text
    assert {"q1", "q3"} <= set(main.quotes)
    assert any(r.entity == "ruiz" and r.stance == "denies" for r in main.responses)
    assert not any(r.entity == "raman" for r in main.responses)
    status = {}
    for e in main.evidence:
        status.setdefault(e.article, set()).add(e.status)
    assert "none_offered" in status["c1"]
    assert "disputed" in status["c1"]
    assert status["c2"] == {"supported"}
    assert status["c3"] == {"not_mentioned"}
    texts = {a.id: a.text for a in arts}
    for e in main.evidence:
        if e.start is not None:
            assert texts[e.article][e.start:e.end] == e.text
    for s in main.sources:
        assert texts[s.article][s.start:s.end] == s.text


def test_no_quotes_no_claim_verbs_means_no_claims() -> None:
    arts = [article("x1", THREE, "Three")]
    assert find_claims(arts, parsed(arts), [], [], Settings()) == []


@pytest.mark.slow
def test_seed_claim() -> None:
    seeds = seed_story()
    arts, docs, ents, quotes, settings = seeds.articles, seeds.docs, seeds.entities, seeds.quotes, seeds.settings
    claims = find_claims(arts, docs, quotes, ents, settings)
    names = {e.id: e.name for e in ents}
    main = next(c for c in claims if "interfere" in c.text and "China" in c.text)
    assert "Trump" in names.get(main.claimant or "", main.claimant or "")
    assert any(r.stance == "denies" and "Wang" in names.get(r.entity or "", r.entity or "") for r in main.responses)
    for a in arts:  # both outlets say no evidence was offered
        assert any(e.article == a.id and e.status == "none_offered" for e in main.evidence)


def test_photo_caption_is_never_a_claim() -> None:
    text = ("Photo | Getty Trump blames 'disgusting' media for the report.\n\n"
            "The fire at the plant was put out on Wednesday.")
    a = article("cap", text, "Cap")
    ents = [entity("trump", "Donald Trump", "PERSON", [a], r"\bTrump\b")]
    q = quote(a, "disgusting", "q1", "Trump", "trump", "blames", kind="partial")
    claims = find_claims([a], parsed([a]), [q], ents, Settings())
    assert not any("Getty" in c.text or "disgusting" in c.text for c in claims)
