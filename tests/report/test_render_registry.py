"""The renderer registry: every format is reachable, JSON round-trips, bad calls fail clearly."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsprism.errors import ReportError
from newsprism.report import formats, render


def test_formats_are_the_cli_choices() -> None:
    from newsprism.cli import FORMATS

    assert set(formats()) == set(FORMATS)


def test_json_round_trips_unicode(report: dict[str, Any]) -> None:
    out = render(report, "json")
    assert json.loads(out) == report
    assert "\u00a9 Getty Images" in out  # ensure_ascii=False keeps characters readable


def test_unknown_format_names_the_choices(report: dict[str, Any]) -> None:
    with pytest.raises(ReportError, match="text, md, html, json"):
        render(report, "pdf")


def test_not_a_report_is_refused() -> None:
    with pytest.raises(ReportError, match="not a newsprism report"):
        render({"summary": []}, "text")


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_empty_report_renders(fmt: str) -> None:
    empty = {"schema": "newsprism.report/1", "story": {"id": "s1", "title": None, "articles": []}}
    out = render(empty, fmt)
    assert out.strip()


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_sparse_and_odd_fields_do_not_break_rendering(report: dict[str, Any], texts: dict[str, str], fmt: str) -> None:
    report["summary"][0]["sources"] = None
    report["facts"][1]["conflict"] = "amounts differ"
    report["facts"][0]["support"].append({"article": "a-unknown", "start": None, "end": None, "text": None})
    report["quotes"][0].update(speaker=None, entity=None, cue=None)
    report["quote_groups"][0]["diff"] = [["-", "old words"], ["+", "new words"], {"tag": "equal", "a": ["x", "y"]}]
    report["claims"][0]["claimant"] = "e-missing"
    report["timeline"][0]["sources"] = None
    del report["outlets"][0]["facts_total"]
    report["cleaning"][0]["removed"] = None
    report["notes"] = None
    out = render(report, fmt, articles=texts)
    assert "amounts differ" in out
    assert "old words" in out and "new words" in out
