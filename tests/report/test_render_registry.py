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
