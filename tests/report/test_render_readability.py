"""What a reader sees: untitled articles named by file, conflicts by outlet, facts tables without repetition."""

from __future__ import annotations

from typing import Any

from sample_story import A1, A2

from newsprism.report import render


def test_untitled_article_shows_its_file_name_not_its_path(report: dict[str, Any]) -> None:
    report["story"]["articles"][1].update(title=None, source="/home/desk/crawl/2024/valley-post.txt")
    for fmt in ("text", "md", "html"):
        out = render(report, fmt, color=False, full=True)
        assert "(untitled) valley-post.txt" in out, fmt
    text = render(report, "text", color=False, full=True)
    assert "/home/desk/crawl/2024/" not in text


def test_conflict_values_listed_per_article_read_as_outlet_and_wording(report: dict[str, Any]) -> None:
    assert [v["article"] for v in report["facts"][1]["conflict"]["values"]] == [A1, A2]
    for fmt in ("text", "md", "html"):
        out = " ".join(render(report, fmt, color=False, full=True).replace("\\$", "$").split())
        assert "values: Harbor Ledger: $12 million; Valley Post: $15 million" in out, fmt
        assert "article: " not in out and "text: $12" not in out and "statement: " not in out, fmt


def test_side_by_side_facts_do_not_repeat_the_fact_in_its_own_column(report: dict[str, Any]) -> None:
    out = render(report, "text", color=False, full=True)
    block = out.split("Told by several outlets", 1)[1].split("Only in", 1)[0]
    header = block.strip().splitlines()[0]
    assert "Fact" not in header and "[1] Harbor Ledger" in header and "[2] Valley Post" in header
    assert "kind: number" in block  # the conflict is still explained


def test_many_outlets_give_the_fact_room_and_number_the_columns(report: dict[str, Any]) -> None:
    base = report["story"]["articles"][0]
    extra = [dict(base, id=f"a00000000000{i}", outlet=f"Outlet number {i} with a long name") for i in range(4)]
    report["story"]["articles"] += extra
    report["facts"][0]["support"] += [{"article": a["id"], "start": 0, "end": 5, "text": "Mayor"} for a in extra]
    out = render(report, "text", color=False, full=True)
    block = out.split("Told by several outlets", 1)[1].split("Only in", 1)[0]
    header = block.strip().splitlines()[1]
    assert header.split()[:2] == ["Status", "Fact"] and "[6]" in header and "long name" not in header
    fact = report["facts"][0]["text"]
    assert fact[:40] in " ".join(block.split())  # the fact reads on a line or two, not one word per line
    assert max(len(line) for line in out.splitlines()) <= 100


def test_outlets_silent_on_a_claim_share_one_line(report: dict[str, Any]) -> None:
    base = report["story"]["articles"][0]
    extra = [dict(base, id=f"a00000000000{i}", outlet=f"Outlet {i}") for i in range(2)]
    report["story"]["articles"] += extra
    report["claims"][0]["evidence"] += [{"article": a["id"], "status": "not_mentioned", "start": None, "end": None,
                                         "text": None} for a in extra]
    text = render(report, "text", color=False, full=True)
    assert "[2] [3] [4]: says nothing about evidence" in text and "Valley Post: says nothing" not in text
    assert "Harbor Ledger: says no evidence was offered" in text
    md = render(report, "md")
    assert "\\[2\\] \\[3\\] \\[4\\]: _says nothing about evidence_" in md and "Outlet 0: _says nothing" not in md
