"""Markdown report: GitHub-flavoured sections, footnoted citations, article text escaped."""

from __future__ import annotations

from typing import Any

from newsprism.report import render


def test_sections_and_citations(report: dict[str, Any], texts: dict[str, str]) -> None:
    out = render(report, "md", articles=texts)
    for heading in ("## Summary", "## Facts across outlets", "## Quotes by speaker",
                    "### How outlets quote the same words", "## Claims and evidence", "## Entities", "## Timeline",
                    "## Outlets compared", "## What cleaning removed", "## Notes"):
        assert heading in out, heading
    assert "next month.[^1][^2]" in out
    assert "[^1]: Harbor Ledger (article 1), chars 0–93: “Mayor Lena Ortiz said on Tuesday" in out
    assert "~~on our watch~~" in out
    assert "| **conflict** |" in out
    assert "_says no evidence was offered_" in out


def test_tables_keep_their_columns(report: dict[str, Any]) -> None:
    report["facts"][0]["text"] = "a | b | c"
    out = render(report, "md")
    facts_rows = [line for line in out.splitlines() if "a \\| b \\| c" in line]
    assert facts_rows and facts_rows[0].replace("\\|", "").count("|") == 5  # status, fact, two outlets


def test_unsafe_link_is_not_linked(report: dict[str, Any]) -> None:
    out = render(report, "md")
    assert "](https://ledger.example/bridge)" in out
    assert "](javascript:" not in out


def test_hostile_text_is_inert(hostile: tuple[dict[str, Any], dict[str, str]]) -> None:
    rep, texts = hostile
    out = render(rep, "md", articles=texts)
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out
    assert "](javascript:" not in out
