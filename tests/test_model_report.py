"""The typed report: ``Report.from_dict(d).to_dict() == d`` for every report, and a clear error for a bad document."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "report"))  # the hand-built reports of the renderer tests
from sample_story import build_report, hostile_report  # noqa: E402

from newsprism.errors import ReportError  # noqa: E402
from newsprism.model import ArticleEntry, Conflict, DiffOp, Report  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _round_trip(d: dict[str, Any]) -> Report:
    typed = Report.from_dict(d)
    assert typed.to_dict() == d
    assert json.loads(json.dumps(typed.to_dict())) == d  # JSON-ready as it stands
    return typed


def test_hand_built_reports_round_trip_typed() -> None:
    typed = _round_trip(build_report())
    conflict = typed.facts[1].conflict
    assert isinstance(conflict, Conflict) and conflict.kind == "number" and conflict.values[1].text == "$15 million"
    assert typed.quote_groups[0].diff[1] == DiffOp("delete", "on our watch", "")
    assert isinstance(typed.story.articles[0], ArticleEntry) and typed.story.articles[0].text == ""
    assert typed.story.articles[0].removed[1].kind == "photo_credit"
    _round_trip(hostile_report()[0])


def test_a_partial_document_reads_with_empty_sections() -> None:
    typed = Report.from_dict({"schema": "newsprism.report/1", "story": {"id": "s1", "title": None, "articles": []}})
    assert typed.facts == [] and typed.story.copies == {}


@pytest.mark.parametrize(("doc", "message"), [
    ([], "not a JSON object"),
    ({"schema": "newsprism.report/1"}, "no 'story' object"),
    ({"schema": "other", "story": {}}, "report schema is 'other'"),
    ({"schema": "newsprism.report/1", "story": {"id": "s1", "title": None, "articles": [{"id": "a1"}]}},
     "report field story.articles[0].outlet: field required"),
])
def test_bad_documents_are_refused_with_what_is_wrong(doc: Any, message: str) -> None:
    with pytest.raises(ReportError, match=re.escape(message)):
        Report.from_dict(doc)


def test_cleaning_of_an_unknown_article_is_refused() -> None:
    d = build_report()
    d["cleaning"][0]["article"] = "a-elsewhere"
    with pytest.raises(ReportError, match="'a-elsewhere' is not in story.articles"):
        Report.from_dict(d)


@pytest.mark.slow
def test_examples_report_round_trips() -> None:
    import newsprism

    _round_trip(newsprism.analyze(str(ROOT / "examples")).to_dict())


@pytest.mark.slow
def test_seeds_report_round_trips() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed articles are not at {SEEDS}")
    import newsprism

    _round_trip(newsprism.analyze(str(SEEDS)).to_dict())


def _unique_articles(r: Report) -> bool:
    return len({a.id for a in r.story.articles}) == len(r.story.articles)


_REPORTS = st.from_type(Report).filter(_unique_articles)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
@given(_REPORTS)
def test_any_report_round_trips(report: Report) -> None:
    d = report.to_dict()
    # NaN is not equal to itself: compare the JSON text, which writes it the same way both times
    assert json.dumps(Report.from_dict(d).to_dict(), sort_keys=True) == json.dumps(d, sort_keys=True)
