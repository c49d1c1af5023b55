"""Facts aligned across articles: shared, unique, conflicting, with exact support offsets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.model import Article
from newsprism.story.align import align_facts
from newsprism.story.statements import article_units, is_boilerplate

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import GAZETTE, TIMES, article, parsed, seed_story  # noqa: E402



@pytest.fixture(scope="module")
def story() -> tuple[list[Article], dict]:
    arts = [article("a1", GAZETTE, "Gazette"), article("b1", TIMES, "Times")]
    return arts, parsed(arts)


def _facts(arts, docs, **kw):
    return align_facts(arts, docs, [], Settings(**kw))


def test_shared_unique_and_number_conflict(story) -> None:
    arts, docs = story
    facts = _facts(arts, docs)
    by_text = {f.text: f for f in facts}
    emergency = next(f for f in facts if "state of emergency" in f.text)
    assert emergency.status == "shared"
    assert {s.article for s in emergency.support} == {"a1", "b1"}
    denial = next(f for f in facts if "Delta Chemicals" in f.text)
    assert denial.status == "shared"
    toll = next(f for f in facts if "killed" in f.text)
    assert toll.status == "conflict"
    assert toll.conflict is not None and toll.conflict.kind == "number"
    assert {(v.article, v.text) for v in toll.conflict.values} == {("a1", "12"), ("b1", "14")}
    uniques = [f for f in facts if f.status == "unique"]
    assert any("press conference" in f.text for f in uniques)
    assert any("inspection" in f.text for f in uniques)
    assert len(by_text) == len(facts)


def test_support_offsets_are_exact_and_cover_every_statement(story) -> None:
    arts, docs = story
    facts = _facts(arts, docs)
    texts = {a.id: a.text for a in arts}
    covered: dict[str, set[int]] = {a.id: set() for a in arts}
    for f in facts:
        for s in f.support:
            assert texts[s.article][s.start:s.end] == s.text
            covered[s.article].add(s.start)
    for a in arts:
        for u in article_units(a, docs[a.id]):
            assert u.start in covered[a.id]
    # the update note is page furniture, not a fact
    assert not any("has been updated" in s.text for f in facts for s in f.support)


def test_negation_conflict() -> None:
    arts = [article("n1", "The city council approved the $40 million budget for the new stadium on Monday.", "A"),
            article("n2", "The city council did not approve the $40 million budget for the new stadium on Monday.", "B")]
    facts = _facts(arts, parsed(arts))
    assert len(facts) == 1
    assert facts[0].status == "conflict"
    assert facts[0].conflict.kind == "negation"


def test_one_article_story_is_all_unique() -> None:
    arts = [article("s1", GAZETTE, "Gazette")]
    facts = _facts(arts, parsed(arts))
    assert facts and all(f.status == "unique" for f in facts)
    assert all(f.conflict is None for f in facts)


def test_identical_articles_are_all_shared() -> None:
    arts = [article("i1", TIMES, "One"), article("i2", TIMES, "Two")]
    facts = _facts(arts, parsed(arts))
    assert facts and all(f.status == "shared" for f in facts)
    assert all({s.article for s in f.support} == {"i1", "i2"} for f in facts)


def test_empty_and_missing_docs_do_not_crash() -> None:
    arts = [article("e1", "Short.", "A")]
    assert _facts(arts, {}) == []


def test_boilerplate_detection() -> None:
    a = article("b", "x", "A")
    a.title = "Mayor resigns"
    assert is_boilerplate("This story has been updated.", a)
    assert is_boilerplate("Jane Roe contributed reporting.", a)
    assert is_boilerplate("Mayor resigns", a)
    assert not is_boilerplate("The mayor resigned on Friday.", a)


@pytest.mark.slow
def test_seed_story_facts() -> None:
    seeds = seed_story()
    arts = seeds.articles
    assert len(arts) == 2
    facts = align_facts(arts, seeds.docs, seeds.entities, seeds.settings)
    hill = next(a.id for a in arts if "Wang Yi\u00a0is rejecting" in a.text or "is rejecting" in a.text)
    cnn = next(a.id for a in arts if a.id != hill)

    def status(*words: str) -> set[str]:
        hits = [f for f in facts if any(all(w in s.text for w in words) for s in f.support)]
        assert hits, words
        return {f.status if f.status != "unique" else "unique:" + next(iter({s.article for s in f.support}))
                for f in hits}

    shared = {"shared", "conflict"}
    assert status("Regrettably, we found") <= shared          # the accusation at the Security Council
    assert status("will not interfere") <= shared             # Wang Yi's denial
    assert status("did not say what evidence") <= shared      # the lack of evidence
    assert status("Russia", "2016 election") & shared         # the 2016 Russian interference
    assert status("Coats") <= shared                          # Coats' warning
    assert status("tariffs on $200 billion") == {"unique:" + cnn}
    assert status("Des Moines Register", "propaganda") == {"unique:" + cnn}
    assert status("Pence") == {"unique:" + cnn}
    assert status("executive order") == {"unique:" + hill}


@pytest.mark.slow
@pytest.mark.parametrize("case", ["one article", "identical", "no dates"])
def test_whole_story_bad_inputs(case: str) -> None:
    from newsprism.story.analyze import analyze_story, make_story

    if case == "one article":
        arts = [article("o1", GAZETTE, "Gazette")]
    elif case == "identical":
        arts = [article("d1", TIMES, "One"), article("d2", TIMES, "Two")]
    else:
        arts = [article("n1", GAZETTE, "A", published=None), article("n2", TIMES, "B", published=None)]
    report = analyze_story(make_story(arts), Settings()).to_dict()
    statuses = {f["status"] for f in report["facts"]}
    if case == "one article":
        assert statuses == {"unique"}
        assert report["outlets"][0]["unique_facts"] == len(report["facts"])
    elif case == "identical":
        assert statuses == {"shared"}
        assert all(o["unique_facts"] == 0 and o["facts_covered"] == len(report["facts"]) for o in report["outlets"])
    else:
        assert all(t["date"] is None and t["precision"] == "relative" for t in report["timeline"])
        assert report["timeline"]


def test_entity_conflict_but_not_for_spelling_variants() -> None:
    arts = [article("p1", "Police in Denver arrested John Smith after the robbery on Monday.", "A"),
            article("p2", "Police in Denver arrested Mark Jones after the robbery on Monday.", "B"),
            article("p3", "Police in Denver arrested Jon Smith after the robbery on Monday.", "C")]
    facts = _facts(arts[:2], parsed(arts[:2]))
    assert len(facts) == 1 and facts[0].status == "conflict"
    assert facts[0].conflict.kind == "entity"
    assert {v.text for v in facts[0].conflict.values} == {"John Smith", "Mark Jones"}
    variants = _facts([arts[0], arts[2]], parsed([arts[0], arts[2]]))
    assert len(variants) == 1 and variants[0].status == "shared"
