"""Quote groups across outlets: identical, truncated, reworded with a word diff, paraphrased."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsprism.model import Article, DiffOp, Entity, Quote
from newsprism.story.quote_groups import compare, group_quotes, word_diff

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import seed_story  # noqa: E402

ARTS = [Article(id="a1", text="", outlet="One"), Article(id="a2", text="", outlet="Two")]
ENTS = [Entity(id="e1", name="Ana Ruiz", type="PERSON"), Entity(id="e2", name="Tomas Berg", type="PERSON")]


def q(qid: str, article: str, text: str, kind: str = "direct", entity: str | None = "e1") -> Quote:
    return Quote(id=qid, article=article, start=0, end=len(text), text=text, kind=kind,  # type: ignore[arg-type]
                 speaker="x", entity=entity)


def test_identical_ignores_marks_case_and_punctuation() -> None:
    groups = group_quotes([q("q1", "a1", "They want us to lose."), q("q2", "a2", "they want us to lose,")], ARTS, ENTS)
    assert [(g.agreement, g.quotes, g.entity) for g in groups] == [("identical", ["q1", "q2"], "e1")]


def test_truncated_when_one_is_inside_the_other() -> None:
    a = "Sadly, we found that the river has been rising for weeks,"
    b = "Sadly, we found that the river has been rising for weeks against all forecasts,"
    groups = group_quotes([q("q1", "a1", a), q("q2", "a2", b)], ARTS, ENTS)
    assert groups[0].agreement == "truncated" and groups[0].diff == []


def test_reworded_has_a_word_diff() -> None:
    a = "We did not and will not interfere in any country's affairs."
    b = "We do not and will not interfere in any countries’ affairs."
    groups = group_quotes([q("q1", "a1", a), q("q2", "a2", b)], ARTS, ENTS)
    assert groups[0].agreement == "reworded"
    changes = [d for d in groups[0].diff if d.op != "equal"]
    assert DiffOp("replace", "did", "do") in changes


def test_paraphrased_when_one_outlet_reports_indirectly() -> None:
    direct = q("q1", "a1", "The dam will be rebuilt before the spring floods arrive.")
    reported = q("q2", "a2", "the dam would be rebuilt before the spring floods", kind="indirect")
    groups = group_quotes([direct, reported], ARTS, ENTS)
    assert [(g.agreement, g.quotes) for g in groups] == [("paraphrased", ["q1", "q2"])]


def test_a_report_sharing_only_a_topic_is_no_paraphrase() -> None:
    direct = q("q1", "a1", "It is exciting that we will finally measure what happens in the solar wind.")
    reported = q("q2", "a2", "a fast solar wind", kind="indirect")
    assert group_quotes([direct, reported], ARTS, ENTS) == []


def test_no_group_for_other_speakers_same_article_or_unrelated_words() -> None:
    quotes = [
        q("q1", "a1", "We will win this fight."),
        q("q2", "a1", "We will win this fight."),  # same article
        q("q3", "a2", "We will win this fight.", entity="e2"),  # another speaker
        q("q4", "a2", "Bridges cost money that nobody has.", entity="e1"),  # unrelated
        q("q5", "a2", "We will win this fight.", entity=None),  # no entity
    ]
    assert group_quotes(quotes, ARTS, ENTS) == []


def test_compare_and_diff_helpers() -> None:
    assert compare("", "anything") is None
    assert compare("one two three four", "five six seven eight") is None
    assert word_diff("a b c", "a x c") == [DiffOp("equal", "a", "a"), DiffOp("replace", "b", "x"),
                                           DiffOp("equal", "c", "c")]


@pytest.mark.slow
def test_seed_groups() -> None:
    seeds = seed_story()
    arts, ents, quotes = seeds.articles, seeds.entities, seeds.quotes
    by_id = {x.id: x for x in quotes}
    groups = group_quotes(quotes, arts, ents)

    def group_of(fragment: str):
        return next(g for g in groups if g.agreement != "paraphrased"
                    and any(fragment in by_id[i].text for i in g.quotes))

    wang = group_of("will not interfere in any")
    assert wang.agreement == "reworded" and DiffOp("replace", "did", "do") in wang.diff
    assert group_of("Regrettably").agreement == "truncated"
    assert group_of("They do not want me or us to win").agreement == "identical"
