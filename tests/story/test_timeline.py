"""Temporal expressions resolved against publication dates, with precision, merged across articles."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from newsprism.config import AlignSettings, Settings
from newsprism.story.timeline import build_timeline, publication_dates, resolve, unplaceable_dates

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import GAZETTE, TIMES, article, parsed, seed_story  # noqa: E402

WED = date(2018, 9, 26)  # a Wednesday


@pytest.mark.parametrize(("expr", "future", "expected"), [
    ("Wednesday", False, ("2018-09-26", "day")),          # the publication day itself
    ("on Monday", False, ("2018-09-24", "day")),          # earlier in the same week
    ("Friday", False, ("2018-09-21", "day")),             # most recent Friday
    ("Friday", True, ("2018-09-28", "day")),              # future tense: the coming Friday
    ("next Wednesday", False, ("2018-10-03", "day")),
    ("last Wednesday", False, ("2018-09-19", "day")),
    ("yesterday", False, ("2018-09-25", "day")),
    ("earlier in the day", False, ("2018-09-26", "day")),
    ("last week", False, ("2018-09-17", "week")),
    ("this week", False, ("2018-09-24", "week")),
    ("next week", True, ("2018-10-01", "week")),
    ("earlier this month", False, ("2018-09", "month")),
    ("last month", False, ("2018-08", "month")),
    ("November", False, ("2018-11", "month")),
    ("in March", True, ("2019-03", "month")),
    ("March", False, ("2018-03", "month")),
    ("Sept. 12", False, ("2018-09-12", "day")),
    ("2016", False, ("2016", "year")),
    ("last year", False, ("2017", "year")),
    ("November 2016", False, ("2016-11", "month")),
    ("Oct. 24, 2016", False, ("2016-10-24", "day")),
    ("two weeks ago", False, ("2018-09-10", "week")),
])
def test_resolve(expr: str, future: bool, expected: tuple[str, str]) -> None:
    assert resolve(expr, WED, future) == expected


def test_without_publication_date_relative_expressions_stay_relative() -> None:
    assert resolve("last week", None) == (None, "relative")
    assert resolve("Wednesday", None) == (None, "relative")
    assert resolve("2016", None) == ("2016", "year")  # absolute dates need no anchor


def test_story_timeline_merges_equal_entries() -> None:
    arts = [article("a1", GAZETTE, "Gazette"), article("b1", TIMES, "Times")]
    tl = build_timeline(arts, parsed(arts), Settings())
    fire = [e for e in tl if e.date == "2024-03-12"]  # "Tuesday" of a Wednesday article
    assert len(fire) == 1 and fire[0].precision == "day"
    assert {s.article for s in fire[0].sources} == {"a1", "b1"}
    assert any(e.expression == "next week" and e.date == "2024-03-18" and e.precision == "week" for e in tl)
    assert any(e.expression == "earlier this month" and e.date == "2024-03" for e in tl)
    texts = {a.id: a.text for a in arts}
    for e in tl:
        for s in e.sources:
            assert texts[s.article][s.start:s.end] == s.text


def test_no_dates_resolve_keeps_expressions_relative() -> None:
    arts = [article("r1", "The mayor resigned on Tuesday. A new vote will follow next week.", "A", published=None)]
    tl = build_timeline(arts, parsed(arts), Settings())
    assert tl and all(e.date is None and e.precision == "relative" for e in tl)
    assert {e.expression for e in tl} == {"Tuesday", "next week"}


def test_publication_date_inferred_from_another_article_or_the_text() -> None:
    dated = article("d1", "The mayor resigned on Tuesday.", "A", published="2024-03-13")
    undated = article("d2", "The mayor quit on Tuesday, aides said.", "B", published=None)
    written = article("d3", "Posted March 1, 2024. The mayor resigned on Tuesday.", "C", published=None)
    pubs = publication_dates([dated, undated, written], Settings())
    assert pubs == {"d1": date(2024, 3, 13), "d2": date(2024, 3, 13), "d3": date(2024, 3, 1)}


def test_a_date_the_text_mentions_is_not_its_publication_date() -> None:
    # the sentencing came long after the bombing the article names: counting "Friday" back from the bombing's
    # date would put the sentencing before it
    told = article("m1", "Volkanov was sentenced to death on Friday for the April 15, 2013 bombing at the mall.",
                   "A", published=None)
    assert publication_dates([told], Settings()) == {"m1": None}
    tl = build_timeline([told], parsed([told]), Settings())
    assert any(e.expression == "Friday" and e.date is None for e in tl)


def test_contradictory_publication_dates_resolve_per_article() -> None:
    a = article("p1", "The mayor resigned on Tuesday.", "A", published="2024-03-13")
    b = article("p2", "The mayor resigned on Tuesday.", "B", published="2024-05-01")
    bad = article("p3", "The mayor resigned on Tuesday.", "C", published="2024-13-45")  # not a date: unknown
    tl = build_timeline([a, b, bad], parsed([a, b, bad]), Settings())
    dates = {(e.date, tuple(sorted(s.article for s in e.sources))) for e in tl}
    assert ("2024-03-12", ("p1", "p3")) in dates  # the malformed date falls back to the story's commonest date
    assert ("2024-04-30", ("p2",)) in dates


@pytest.mark.slow
def test_seed_timeline() -> None:
    seeds = seed_story()
    tl = build_timeline(seeds.articles, seeds.docs, seeds.settings)

    def find(date_: str, precision: str, *words: str) -> None:
        assert any(e.date == date_ and e.precision == precision and all(w in e.event for w in words) for e in tl), (
            date_, words)

    find("2018-09-26", "day", "Wednesday")                 # the UN remarks
    find("2018-09", "month", "Coats")                      # "earlier this month"
    find("2018-09-17", "week", "China has openly stated")  # the tweet "last week"
    find("2018-10-01", "week", "Pence")                    # the speech "next week"
    find("2018-11", "month", "November")                   # the midterms
    find("2016", "year", "Russia")                         # Russia's interference


def test_past_month_day_in_a_new_year_and_no_ages() -> None:
    assert resolve("Dec. 28", date(2015, 1, 5)) == ("2014-12-28", "day")
    arts = [article("y1", "The 15-year-old boy was found that day. He left on Friday.", "A", published=None)]
    tl = build_timeline(arts, parsed(arts), Settings())
    assert [e.expression for e in tl] == ["Friday"]


def test_reported_future_weekday_is_the_coming_one() -> None:
    # 2024-03-13 is a Wednesday: "would ... on Friday" is two days later, "said on Monday" two days earlier
    text = "Officials said on Monday that divers would examine the pier on Friday. It would have opened on Sunday."
    arts = [article("f1", text, "Ledger", published="2024-03-13")]
    tl = build_timeline(arts, parsed(arts), Settings())
    dates = {e.expression: e.date for e in tl}
    assert dates.get("Monday") == "2024-03-11"
    assert dates.get("Friday") == "2024-03-15"
    assert dates.get("Sunday") == "2024-03-10"


def test_as_planned_in_a_past_month_is_last_year() -> None:
    text = "The inspection was carried out as planned in October. A hearing is scheduled for Thursday."
    arts = [article("p1", text, "Ledger", published="2024-03-13")]
    tl = build_timeline(arts, parsed(arts), Settings())
    dates = {e.expression: e.date for e in tl}
    assert dates.get("October") == "2023-10"
    assert dates.get("Thursday") == "2024-03-14"


def test_time_expression_in_a_sentence_without_a_verb() -> None:
    # the parse of a verbless line has a noun as its root: finding the governing verb must stop there
    arts = [article("v1", "Council meeting on Friday.\n\nNext stop: the harbour in March.", "Ledger",
                    published="2024-03-13")]
    tl = build_timeline(arts, parsed(arts), Settings())
    assert {e.expression for e in tl} >= {"Friday"}


def test_the_years_a_publication_date_counts_in_are_a_setting() -> None:
    old = article("p1", "The mayor resigned on Tuesday.", "A", published="1750-03-13")
    assert publication_dates([old], Settings()) == {"p1": None}
    assert "outside 1800..2200" in unplaceable_dates([old], Settings())[0]
    wide = Settings(align=AlignSettings(placeable_years=(1700, 2200)))
    assert publication_dates([old], wide) == {"p1": date(1750, 3, 13)} and unplaceable_dates([old], wide) == []
