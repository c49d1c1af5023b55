"""`newsprism verify`: every cited text must be the article's text at its offsets."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from newsprism import api
from newsprism.cli import main
from newsprism.errors import ReportError
from newsprism.model import (
    Article, Claim, Entity, Evidence, Fact, Quote, Report, Span, Story, SummarySentence, TimelineEntry,
)
from newsprism.commands.verify import verify_command
from newsprism.report.verify import load_report, verify

A_TEXT = "The dam near Lowbridge failed on Sunday. \"Everyone got out in time,\" said fire chief Ola Brandt."
B_TEXT = "Lowbridge dam failed on Sunday night. Chief Ola Brandt said everyone was safe."


def _articles() -> list[Article]:
    return [Article(id="averify000001", text=A_TEXT, source="a.txt"),
            Article(id="averify000002", text=B_TEXT, source="b.txt")]


def _sp(a: Article, needle: str) -> Span:
    i = a.text.index(needle)
    return Span(a.id, i, i + len(needle), needle)


def _report() -> dict[str, Any]:
    a, b = _articles()
    first = "The dam near Lowbridge failed on Sunday."
    quote = "\"Everyone got out in time,\""
    r = Report(
        story=Story("s1", "Dam", [a, b]),
        summary=[SummarySentence(first, [_sp(a, first), _sp(b, "Lowbridge dam failed on Sunday night.")]),
                 SummarySentence("The dam failed and all were safe.", [_sp(b, "Chief Ola Brandt said everyone was safe.")],
                                 generated=True)],
        facts=[Fact("f1", "dam failed", "shared", [_sp(a, first), _sp(b, "Lowbridge dam failed on Sunday night.")])],
        quotes=[Quote("q1", a.id, A_TEXT.index(quote), A_TEXT.index(quote) + len(quote), quote, "direct",
                      speaker="Ola Brandt", speaker_span=_sp(a, "Ola Brandt"))],
        claims=[Claim("c1", "e1", "everyone got out", quotes=["q1"],
                      evidence=[Evidence(a.id, "supported", *_offsets(a, "Everyone got out in time")),
                                Evidence(b.id, "not_mentioned")])],
        entities=[Entity("e1", "Ola Brandt", "PERSON", spans=[_sp(a, "Ola Brandt"), _sp(b, "Ola Brandt")])],
        timeline=[TimelineEntry("2024-06-02", "day", "Sunday", "dam failed", [_sp(a, "on Sunday")])],
    )
    return r.to_dict()


def _offsets(a: Article, needle: str) -> tuple[int, int, str]:
    i = a.text.index(needle)
    return i, i + len(needle), needle


def _verify(report: dict[str, Any], articles: list[Article]) -> list[str]:
    return verify(Report.from_dict(report), articles)


def test_faithful_report_verifies() -> None:
    assert _verify(_report(), _articles()) == []


@pytest.mark.parametrize("path, value, expect", [
    (("facts", 0, "support", 1, "text"), "Lowbridge dam failed on Monday night.", "facts[0] f1.support[1]"),
    (("quotes", 0, "start"), 5, "quotes[0] q1"),
    (("quotes", 0, "speaker_span", "end"), 999, "outside article"),
    (("claims", 0, "evidence", 0, "text"), "Nobody got out", "claims[0] c1.evidence[0]"),
    (("claims", 0, "quotes", 0), "q404", "unknown quote id"),
    (("timeline", 0, "sources", 0, "article"), "anowhere00000", "unknown article id"),
    (("entities", 0, "spans", 1, "start"), 3, "entities[0] e1.spans[1]"),
    (("claims", 0, "evidence", 0, "start"), None, "offsets must be integers"),
    (("summary", 0, "text"), "The dam near Lowbridge held on Sunday.", "summary[0]"),
    (("summary", 1, "sources", 0, "end"), 10_000, "summary[1].sources[0]"),
    (("summary", 0, "sources", 0, "text"), "The dam", "summary[0].sources[0]"),
])
def test_each_kind_of_tampering_is_caught(path: tuple[Any, ...], value: Any, expect: str) -> None:
    report = copy.deepcopy(_report())
    node: Any = report
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    problems = _verify(report, _articles())
    assert problems and any(expect in p for p in problems), problems


def test_summary_without_sources_is_a_mismatch() -> None:
    report = _report()
    report["summary"][0]["sources"] = []
    assert _verify(report, _articles()) == ["summary[0]: no sources"]


def test_missing_article_makes_every_span_of_it_unknown() -> None:
    problems = _verify(_report(), _articles()[:1])
    assert problems and all("unknown article id 'averify000002'" in p for p in problems)


def _write(tmp_path: Path, report: dict[str, Any]) -> str:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    return str(path)


def test_command_ok_and_mismatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[list[str]] = []

    def fake_load(paths: list[str], settings: Any = None, errors: Any = None) -> list[Article]:
        seen.append(list(paths))
        return _articles()

    monkeypatch.setattr(api, "load", fake_load)
    good = _write(tmp_path, _report())
    assert verify_command(good, ["a.txt", "b.txt"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK:") and out.count("\n") == 1
    assert seen == [["a.txt", "b.txt"]]
    bad = _report()
    bad["quotes"][0]["text"] = "\"Nobody got out,\""
    assert main(["verify", _write(tmp_path, bad), "a.txt", "b.txt"]) == 1
    assert "quotes[0] q1" in capsys.readouterr().out


def test_command_names_a_missing_input_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(api, "load", lambda paths, settings=None, errors=None: _articles()[:1])
    assert verify_command(_write(tmp_path, _report()), ["a.txt"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["article averify000002 (b.txt): not among the inputs; give every file the report was made from"]


def test_report_to_a_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    from newsprism.commands.output import emit

    target = tmp_path / "no-such-dir" / "r.md"
    with pytest.raises(ReportError, match="cannot write the report"):
        emit(Report.from_dict(_report()), "md", str(target))
    assert not target.parent.exists()


def test_bad_report_files(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such report file"):
        load_report(str(tmp_path / "missing.json"))
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    with pytest.raises(ReportError, match="not JSON"):
        load_report(str(junk))
    wrong = _report()
    wrong["entities"][0]["spans"][1]["start"] = "third"
    typed = tmp_path / "typed.json"
    typed.write_text(json.dumps(wrong), encoding="utf-8")
    with pytest.raises(ReportError, match=r"entities\[0\]\.spans\[1\]\.start: input should be a valid integer"):
        load_report(str(typed))
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"schema": "something/9"}), encoding="utf-8")
    with pytest.raises(ReportError, match="not a newsprism report"):
        load_report(str(other))


def test_cli_reports_a_bad_report_file_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("[]", encoding="utf-8")
    assert main(["verify", str(junk), "a.txt"]) == 2
    assert "not a newsprism report" in capsys.readouterr().err


@pytest.mark.slow
def test_analyze_then_verify_real_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """End to end: the report of real files, written as JSON, verifies against the same files re-read."""
    a = tmp_path / "herald.txt"
    b = tmp_path / "courier.txt"
    a.write_text("Dam fails in Lowbridge\n\nThe dam near Lowbridge failed on Sunday, flooding twelve homes. "
                 "\"Everyone got out in time,\" said fire chief Ola Brandt. Repairs will take a year, "
                 "the county said.\n", encoding="utf-8")
    b.write_text("Lowbridge dam collapses\n\nThe Lowbridge dam failed on Sunday night and flooded twelve homes. "
                 "Fire chief Ola Brandt said everyone was safe. The county expects repairs to last a year.\n",
                 encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["analyze", str(a), str(b), "--format", "json", "-o", str(out),
                 "--published", f"{a}=2024-06-03"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]
    capsys.readouterr()
    assert main(["verify", str(out), str(a), str(b), "--published", f"{a}=2024-06-03"]) == 0
    assert capsys.readouterr().out.startswith("OK:")
