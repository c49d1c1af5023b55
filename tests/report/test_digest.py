"""The differences digest: what differs first, each outlet's own sentence, never a low-confidence item first."""

from __future__ import annotations

import copy
from typing import Any

from newsprism.config import ReportSettings, Settings
from newsprism.model import Report
from newsprism.report import render
from newsprism.report.digest import build_digest
from newsprism.report.html import render_digest_html

MIN_CONFIDENCE = ReportSettings().min_confidence
UNIQUE_PER_OUTLET = ReportSettings().unique_per_outlet


def test_conflict_shows_each_outlets_own_sentence_side_by_side(report: dict[str, Any]) -> None:
    d = build_digest(Report.from_dict(report))
    assert len(d.conflicts) == 1
    voices = {v.outlet: v.text for v in d.conflicts[0].voices}
    assert voices == {"Harbor Ledger": "The repairs will cost $12 million",
                      "Valley Post": "The work is expected to cost $15 million"}
    out = render(report, "text", color=False)
    assert out.index("Where the outlets disagree") < out.index("Only one outlet reports")
    assert "[1] Harbor Ledger: The repairs will cost $12 million" in out
    assert "[2] Valley Post: The work is expected to cost $15 million" in out


def test_low_confidence_conflicts_are_left_to_the_full_report(report: dict[str, Any]) -> None:
    unsure = copy.deepcopy(report)
    unsure["facts"][1]["confidence"] = MIN_CONFIDENCE / 2
    d = build_digest(Report.from_dict(unsure))
    assert d.conflicts == [] and d.conflicts_hidden == 1
    out = render(unsure, "text", color=False)
    assert "$15 million" not in out and "1 more of lower confidence in --full" in out
    assert "$15 million" in render(unsure, "text", color=False, full=True)


def test_the_digest_threshold_and_caps_are_settings_every_renderer_reads(report: dict[str, Any]) -> None:
    unsure = copy.deepcopy(report)
    unsure["facts"][1]["confidence"] = 0.3
    bold = Settings(report=ReportSettings(min_confidence=0.25, unique_per_outlet=1, max_speakers=1)).report
    typed = Report.from_dict(unsure)
    assert build_digest(typed).conflicts == [] and len(build_digest(typed, limits=bold).conflicts) == 1
    cut = {"text": ("", "--full"), "md": ("## What differs", "## Articles"), "html": ('id="digest"', 'id="articles"')}
    for fmt, (start, end) in cut.items():
        for limits, shown in ((None, False), (bold, True)):
            out = render(unsure, fmt, limits=limits)
            assert ("$15 million" in out[out.index(start):out.index(end)]) is shown, fmt
    out = render(unsure, "text", color=False, limits=bold)
    assert "the 1 most telling facts of each" in out and "Lena Ortiz 2, 1 more" in out


def test_conflicts_lead_in_order_of_confidence(report: dict[str, Any]) -> None:
    two = copy.deepcopy(report)
    second = copy.deepcopy(two["facts"][1]) | {"id": "f9", "confidence": 0.9}
    second["support"][0]["text"] = "Repairs start in May"
    two["facts"][1]["confidence"] = 0.6
    two["facts"].append(second)
    d = build_digest(Report.from_dict(two))
    assert [c.confidence for c in d.conflicts] == [0.9, 0.6]


def test_reworded_quote_shows_its_word_diff(report: dict[str, Any]) -> None:
    out = render(report, "text", color=False)
    assert "Lena Ortiz  reworded, [1] Harbor Ledger vs [2] Valley Post" in out
    assert "[-on our watch-]" in out


def test_unique_facts_are_ranked_and_capped(report: dict[str, Any]) -> None:
    many = copy.deepcopy(report)
    base = many["facts"][2]
    filler = [dict(base, id=f"u{i}", text=f"it was a day like many {i}") for i in range(6)]
    many["facts"] += filler
    d = build_digest(Report.from_dict(many))
    ledger = d.outlets[0]
    assert ledger.unique_total == 7 and len(ledger.top) == UNIQUE_PER_OUTLET
    assert ledger.top[0].text == "The bridge opened in 1962."  # a year and a name beat a lower-case fragment


def test_who_quotes_whom(report: dict[str, Any]) -> None:
    d = build_digest(Report.from_dict(report))
    assert dict(d.outlets[1].speakers) == {"Lena Ortiz": 2, "a city official": 1}


def test_unsure_attributions_are_left_to_the_full_report(report: dict[str, Any]) -> None:
    unsure = copy.deepcopy(report)
    for g in unsure["quote_groups"]:
        g["confidence"] = MIN_CONFIDENCE / 2
    for q in unsure["quotes"]:
        if q["speaker"] == "a city official":
            q["confidence"] = MIN_CONFIDENCE / 2
    d = build_digest(Report.from_dict(unsure))
    assert d.quotes == []
    assert dict(d.outlets[1].speakers) == {"Lena Ortiz": 2}
    assert "Lena Ortiz  reworded" not in render(unsure, "text", color=False)


def test_digest_opens_markdown_and_html(report: dict[str, Any], texts: dict[str, str]) -> None:
    md = render(report, "md")
    assert md.index("## What differs") < md.index("## Articles")
    assert "Valley Post: The work is expected to cost \\$15 million" in md
    html = render(report, "html", articles=texts)
    assert html.index('id="digest"') < html.index('id="articles"')
    fragment = render_digest_html(Report.from_dict(report))
    assert fragment.startswith('<div class="np-digest">') and "$15 million" in fragment


def test_unrelated_stories_are_named_first(report: dict[str, Any]) -> None:
    mixed = copy.deepcopy(report)
    mixed["other_stories"] = [{"title": "Phone review", "articles": ["a9"], "sources": ["phone.txt"]}]
    out = render(mixed, "text", color=False)
    assert "2 unrelated stories; this is the largest" in out.splitlines()[3]
    assert "Phone review (phone.txt)" in " ".join(out.split())


def test_groups_show_coverage_and_blind_spots(report: dict[str, Any]) -> None:
    grouped = copy.deepcopy(report)
    grouped["groups"] = [{"group": "lean", "value": "left", "outlets": ["Valley Post"], "articles": ["a2"],
                          "facts_covered": 3, "facts_total": 4, "blind_spots": ["f3"],
                          "blind_spot_texts": ["The bridge opened in 1962."]}]
    out = render(grouped, "text", color=False)
    assert "lean = left  Valley Post · 3/4 facts" in out and "The bridge opened in 1962." in out


def test_the_complete_report_marks_an_unsure_speaker_in_every_format(report: dict[str, Any]) -> None:
    unsure = copy.deepcopy(report)
    low = next(q for q in unsure["quotes"] if q["speaker"] == "a city official")
    low["confidence"] = 0.25
    for out in (render(unsure, "md"), render(unsure, "text", color=False, full=True), render(unsure, "html")):
        assert out.count("speaker unsure, 0.25") == 1
    assert "speaker unsure" not in render(report, "md")
