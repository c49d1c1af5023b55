"""Renderers read the typed report: only the JSON writer serialises it, and a report renders as its JSON does."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NoReturn

import pytest

from newsprism.config import ReportSettings
from newsprism.model import Article, Report
from newsprism.report import render
from newsprism.report.digest import build_digest
from newsprism.report.html import LIST_CAP, render_digest_html
from newsprism.report.records import SECTIONS
from newsprism.report.verify import count_texts, verify

MIN_CONFIDENCE = ReportSettings().min_confidence


def _fresh(report: dict[str, Any], texts: dict[str, str]) -> Report:
    """The report as the analysis hands it over: articles with their texts, confidences not yet rounded."""
    typed = Report.from_dict(report)
    articles = [Article(id=a.id, text=texts[a.id], title=a.title, outlet=a.outlet, url=a.url,
                        published=a.published, author=a.author, source=a.source, removed=a.removed)
                for a in typed.story.articles]
    typed.facts[1].confidence = MIN_CONFIDENCE - 0.0004  # the JSON states it as MIN_CONFIDENCE
    return replace(typed, story=replace(typed.story, articles=articles))


def _renders(report: Report, texts: dict[str, str]) -> list[str]:
    return [render(report, "text", color=False), render(report, "text", color=False, full=True),
            render(report, "md", articles=texts), render(report, "html", articles=texts),
            render(report, "html", articles=texts, per_page=1, pages={"facts": 2}), render_digest_html(report)]


def test_renderers_never_serialise_the_report(report: dict[str, Any], texts: dict[str, str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    typed = Report.from_dict(report)

    def refuse(self: Report) -> NoReturn:
        raise AssertionError("to_dict called outside the JSON writer")

    monkeypatch.setattr(Report, "to_dict", refuse)
    with pytest.raises(AssertionError, match="outside the JSON writer"):
        render(typed, "json")
    outputs = _renders(typed, texts)
    assert all(out.strip() for out in outputs)
    rows = {section: typed.records(section) for section in SECTIONS}
    assert rows["facts"] and rows["quotes"] and rows["evidence"]
    articles = [Article(id=aid, text=text) for aid, text in texts.items()]
    problems = verify(typed, articles)  # the invented summary shortens its sentences: only they differ
    assert [p.split(":")[0] for p in problems] == ["summary[0]", "summary[1]"] and count_texts(typed) > 0


def test_a_report_renders_as_its_json_read_back_does(report: dict[str, Any], texts: dict[str, str]) -> None:
    fresh = _fresh(report, texts)
    back = Report.from_dict(fresh.to_dict())
    assert len(build_digest(fresh).conflicts) == len(build_digest(back).conflicts) == 1
    assert _renders(fresh, texts) == _renders(back, texts)
    assert {s: fresh.records(s) for s in SECTIONS} == {s: back.records(s) for s in SECTIONS}


def test_paged_html_counts_what_each_item_leaves_out(report: dict[str, Any], texts: dict[str, str]) -> None:
    typed = Report.from_dict(report)
    group = typed.quote_groups[0]
    many = replace(group, quotes=group.quotes * 10)  # more members than a paged page lists under one item
    paged = render(replace(typed, quote_groups=[many]), "html", articles=texts, per_page=50)
    assert f'<li class="muted">and {len(many.quotes) - LIST_CAP} more</li>' in paged
    assert '<li class="muted">and' not in render(typed, "html", articles=texts, per_page=50)
