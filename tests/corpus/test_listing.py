"""The story list as readers ask for it: publication dates only, filters, orders, and the `stories` flags."""

from __future__ import annotations

from typing import Any

from newsprism.cli import main
from newsprism.corpus.listing import StoryFilter, published_range, story_title

from .conftest import REHAB_A
from .test_commands import _write_inputs


def _story(sid: str, title: str, days: list[str | None], outlets: list[str]) -> dict[str, Any]:
    return {"id": sid, "title": title, "first_seen": "2001-09-11", "last_seen": "2001-09-11",
            "articles": [{"id": f"{sid}{i}", "published": d, "outlet": o, "copy_of": None}
                         for i, (d, o) in enumerate(zip(days, outlets))]}


STORIES = [
    _story("s1", "Benghazi report", ["2015-11-23", "2016-08-10"], ["Post", "Times"]),
    _story("s2", "Ferry strike", ["2016-09-01", None, "2016-09-02"], ["Wire", "Wire", "Post"]),
    _story("s3", "Undated note", [None], ["Wire"]),
]


def test_dates_come_from_publication_only() -> None:
    assert published_range(STORIES[0]) == ("2015-11-23", "2016-08-10")  # not 2001-09-11 named in a text
    assert published_range(STORIES[2]) == (None, None)


def test_filters_and_orders() -> None:
    assert [s["id"] for s in StoryFilter().apply(STORIES)] == ["s2", "s1", "s3"]
    assert [s["id"] for s in StoryFilter(sort="articles").apply(STORIES)] == ["s2", "s1", "s3"]
    assert [s["id"] for s in StoryFilter(sort="title").apply(STORIES)] == ["s1", "s2", "s3"]
    assert [s["id"] for s in StoryFilter(min_articles=2, outlet="times").apply(STORIES)] == ["s1"]
    assert [s["id"] for s in StoryFilter(since="2016-01-01", until="2016-08-31").apply(STORIES)] == ["s1"]
    assert StoryFilter().apply(STORIES)[1]["first_seen"] == "2015-11-23"


def test_stories_flags(tmp_path, capsys) -> None:
    inputs = tmp_path / "in"
    _write_inputs(inputs)
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(inputs), "--store", db, "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["stories", "--store", db, "--min-articles", "2", "--limit", "1", "--sort", "articles"]) == 0
    got = capsys.readouterr()
    lines = got.out.splitlines()
    assert lines[0].startswith("STORY") and len(lines) == 2 and lines[1].split()[2] == "3"
    assert "1 of 2 matching stories (2 in the store); 1 more, raise --limit to see them" in got.err
    assert main(["stories", "--store", db, "--search", "nothingmatchesthis"]) == 0
    assert "no story of the 2" in capsys.readouterr().out


def _titled(stored: str | None, titles: list[str | None]) -> dict[str, Any]:
    return {"id": "s", "title": stored, "articles": [{"id": f"a{i}", "title": t} for i, t in enumerate(titles)]}


def test_a_story_is_listed_under_its_best_article_title_never_furniture() -> None:
    titles = ["Tweet with a location", "Getty Images House Speaker John Boehner", "Boehner to resign from Congress",
              "House Speaker John Boehner to resign from Congress in October"]
    assert story_title(_titled("Tweet with a location", titles)) in titles[2:]
    assert story_title(_titled("Boehner to resign", [None, "Boehner to resign from Congress"])) == titles[2]


def test_without_article_titles_the_stored_lead_title_or_none() -> None:
    assert story_title(_titled("LISTEN TO ARTICLE 4:34 SHARE THIS ARTICLE", [None, None])) is None
    lead = ("Speaker John Boehner told Republican lawmakers on Friday that he will resign from Congress at the end "
            "of October, ending a tenure marked by fights with conservatives")
    title = story_title(_titled(lead, [None]))
    assert title is not None and lead.startswith(title[:-1]) and title.endswith("…") and len(title) <= 91


def test_stories_lists_a_later_articles_headline_when_the_first_has_none(tmp_path, capsys) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a1.txt").write_text(f"Tweet with a location\n\n{REHAB_A[0][1]}\n", encoding="utf-8")
    for i, (head, text) in enumerate(REHAB_A[1:], start=2):
        (inputs / f"a{i}.txt").write_text(f"{head}\n\n{text}\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(inputs), "--store", db, "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["stories", "--store", db, "--format", "json"]) == 0
    import json

    (story,) = json.loads(capsys.readouterr().out)
    assert story["title"] in {h for h, _ in REHAB_A[1:]}
