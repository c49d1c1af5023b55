"""The renderer registry: every format is reachable, JSON round-trips, bad calls fail clearly."""

from __future__ import annotations

import json
import re
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


@pytest.mark.parametrize(("change", "field"), [
    (lambda r: r["summary"][0].update(sources=None), "summary[0].sources"),
    (lambda r: r["facts"][1].update(conflict="amounts differ"), "facts[1].conflict"),
    (lambda r: r["quote_groups"][0].update(diff=[["-", "old words"]]), "quote_groups[0].diff[0]"),
    (lambda r: r["outlets"][0].pop("facts_total"), "outlets[0].facts_total"),
    (lambda r: r["story"]["articles"][1].update(words="many"), "story.articles[1].words"),
    (lambda r: r.update(verdict="biased"), "verdict"),
])
def test_a_document_off_the_contract_is_refused_naming_the_field(report: dict[str, Any], change: Any,
                                                                 field: str) -> None:
    change(report)
    with pytest.raises(ReportError, match=re.escape(f"report field {field}:")):
        render(report, "text")


def test_another_schema_is_refused(report: dict[str, Any]) -> None:
    report["schema"] = "newsprism.report/2"
    with pytest.raises(ReportError, match="newsprism.report/2"):
        render(report, "md")
