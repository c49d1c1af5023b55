"""Coverage by the user's outlet groups: each group's share of the facts and its blind spots."""

from __future__ import annotations

from pathlib import Path

from newsprism.config import AlignSettings
from newsprism.ingest.metadata_file import load_outlets
from newsprism.model import Article, Fact, Span
from newsprism.story.groups import group_coverage


def test_blind_spots_are_facts_most_others_report(tmp_path: Path) -> None:
    outlets = tmp_path / "outlets.csv"
    outlets.write_text("name,domain,lean\nLeft Daily,left.example,left\nRight Post,right.example,right\n"
                       "Centre Times,centre.example,centre\nRight Wire,,right\n", encoding="utf-8")
    arts = [Article(id=f"a{i}", text="x", outlet=o) for i, o in
            enumerate(["Left Daily", "Right Post", "Centre Times", "Right Wire"])]

    def fact(fid: str, *who: int) -> Fact:
        return Fact(id=fid, text=f"fact {fid}", status="shared" if len(who) > 1 else "unique",
                    support=[Span(f"a{i}", 0, 1, "x") for i in who])

    facts = [fact("f1", 0, 1, 2, 3), fact("f2", 0, 2), fact("f3", 1, 3), fact("f4", 2)]
    got = {(g.group, g.value): g for g in group_coverage(arts, facts, load_outlets(str(outlets)))}
    assert set(got) == {("lean", "left"), ("lean", "right"), ("lean", "centre")}
    right = got[("lean", "right")]
    assert right.outlets == ["Right Post", "Right Wire"] and (right.facts_covered, right.facts_total) == (2, 4)
    assert right.blind_spots == ["f2"]  # told by both other articles, by neither right-leaning one
    left = got[("lean", "left")]
    assert left.blind_spots == ["f3"] and left.blind_spot_texts == ["fact f3"]
    # how many blind spots are listed, and how many of the others must report a fact, are settings
    strict = group_coverage(arts, facts, load_outlets(str(outlets)), AlignSettings(blind_spot_share=1.0))
    assert {(g.group, g.value): g for g in strict}[("lean", "left")].blind_spots == []  # f3: two of the other three
    more = [*facts, fact("f5", 1, 3)]
    assert {(g.group, g.value): g.blind_spots for g in group_coverage(arts, more, load_outlets(str(outlets)))}[
        ("lean", "left")] == ["f3", "f5"]
    few = group_coverage(arts, more, load_outlets(str(outlets)), AlignSettings(blind_spots=1))
    assert {(g.group, g.value): g.blind_spots for g in few}[("lean", "left")] == ["f3"]
