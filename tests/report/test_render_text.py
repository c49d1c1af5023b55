"""Terminal report: every section present, readable at 100 columns, no escape codes off a TTY."""

from __future__ import annotations

import re
from typing import Any

from newsprism.report import render

ANSI = re.compile(r"\x1b\[")


def test_every_section_is_shown(report: dict[str, Any], texts: dict[str, str]) -> None:
    out = render(report, "text", articles=texts, color=False, full=True)
    for heading in ("Summary", "Facts across outlets", "Quotes by speaker", "How outlets quote the same words",
                    "Claims and evidence", "Entities", "Timeline", "Outlets compared", "What cleaning removed",
                    "Notes"):
        assert heading in out, heading
    assert "Riverside Bridge will close for repairs next month.[1][2]" in out
    assert "[3] Harbor Ledger (article 1), chars 267–366" in out
    assert "conflict" in out and "shared" in out and "unique" in out
    assert "[-on our watch-]" in out  # the wording diff reads without colour
    assert "says no evidence was offered" in out and "says nothing about evidence" in out
    assert "Lena Ortiz denies" in out
    assert "photo_credit: © Getty Images" in out
    assert "2024-03-05" in out and "unresolved" in out
    assert "3/4" in out


def test_fits_100_columns_without_colour(report: dict[str, Any], texts: dict[str, str]) -> None:
    out = render(report, "text", articles=texts, color=False, full=True)
    assert not ANSI.search(out)
    assert max(len(line) for line in out.splitlines()) <= 100


def test_colour_only_when_asked(report: dict[str, Any]) -> None:
    assert ANSI.search(render(report, "text", color=True, full=True))


def test_default_is_plain_when_stdout_is_not_a_tty(report: dict[str, Any]) -> None:
    # pytest captures stdout, so it is not a TTY here
    assert not ANSI.search(render(report, "text"))


def test_article_text_cannot_drive_the_terminal(report: dict[str, Any]) -> None:
    report["quotes"][0]["text"] = "\x1b[2J\x1b]0;owned\x07 [bold red]not markup[/] \u202eevil"
    out = render(report, "text", color=True, full=True)
    assert "\x1b[2J" not in out and "\x1b]0" not in out and "\x07" not in out and "\u202e" not in out
    assert "[bold red]not markup[/]" in out


def test_without_texts_citations_give_offsets_only(report: dict[str, Any]) -> None:
    out = render(report, "text", color=False, full=True)
    assert "[1] Harbor Ledger (article 1), chars 0–93" in out
    assert "chars 0–93:" not in out


def test_many_outlets_still_fit(report: dict[str, Any]) -> None:
    base = report["story"]["articles"][0]
    extra = [dict(base, id=f"a00000000000{i}", outlet=f"Outlet number {i} with a long name") for i in range(6)]
    report["story"]["articles"] += extra
    report["facts"][0]["support"] += [{"article": a["id"], "start": 0, "end": 5, "text": "Mayor"} for a in extra]
    out = render(report, "text", color=False, full=True)
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "✓" in out
