"""`newsprism analyze` with one good and one bad input: the good one is analysed, the bad one named, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.api import load
from newsprism.errors import EmptyInput, InputError


@pytest.fixture
def inputs(tmp_path: Path, body: str) -> tuple[str, str]:
    good = tmp_path / "good.txt"
    good.write_text("Lakeview library reopens after flood\n\n" + body, encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    return str(good), str(bad)


def test_load_reports_bad_input_and_keeps_good_one(inputs: tuple[str, str]) -> None:
    good, bad = inputs
    errors: list[InputError] = []
    articles = load([bad, good], errors=errors)
    assert [a.source for a in articles] == [good]
    assert len(errors) == 1 and isinstance(errors[0], EmptyInput) and errors[0].source == bad


@pytest.mark.slow
def test_cli_exit_code_2_with_one_bad_input(inputs: tuple[str, str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from newsprism.cli import main

    good, bad = inputs
    out = tmp_path / "report.json"
    code = main(["analyze", good, bad, "--format", "json", "-o", str(out)])
    err_lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert code == 2
    assert len(err_lines) == 1 and err_lines[0].startswith(f"newsprism: error: {bad}: ")
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [a["source"] for a in report["story"]["articles"]] == [good]
    assert report["story"]["articles"][0]["title"] == "Lakeview library reopens after flood"
    assert "cleaning" in report


@pytest.mark.slow
def test_cli_exit_code_2_when_nothing_is_readable(inputs: tuple[str, str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from newsprism.cli import main

    _, bad = inputs
    assert main(["analyze", bad]) == 2
    err = capsys.readouterr().err
    assert bad in err and "nothing to analyse" in err


def test_a_published_date_for_no_input_is_named(inputs: tuple[str, str]) -> None:
    from newsprism.api import unmatched_dates

    good, bad = inputs
    dates = {"good.txt": "2024-05-01", "godo.txt": "2024-05-01", good: "2024-05-01"}
    assert unmatched_dates(dates, [good, bad]) == ["godo.txt"]
    assert unmatched_dates({"empty.txt": "2024-05-01"}, [bad]) == []


def test_cli_warns_about_an_unused_published_date(inputs: tuple[str, str], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import newsprism.api as api
    from newsprism.cli import main
    from newsprism.model import Report

    from newsprism.story.analyze import make_story

    monkeypatch.setattr(api, "analyze", lambda articles, settings=None: Report(story=make_story(list(articles))))
    good, _ = inputs
    code = main(["analyze", good, "--format", "json", "-o", str(tmp_path / "r.json"),
                 "--published", "good.txt=2024-05-01", "--published", "god.txt=2024-05-02"])
    err = capsys.readouterr().err.splitlines()
    assert code == 0
    assert err == ["newsprism: warning: --published god.txt: no input has that name, so its date was not used; "
                   "give the file name or path as listed"]
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["story"]["articles"][0]["published"] == "2024-05-01"


def test_max_mb_option_sets_the_size_limit(tmp_path: Path, body: str, capsys: pytest.CaptureFixture[str]) -> None:
    from newsprism.cli import build_parser, main

    big = tmp_path / "big.txt"
    big.write_text("Lakeview library reopens after flood\n\n" + body * 40, encoding="utf-8")
    assert big.stat().st_size > 20_000
    code = main(["analyze", str(big), "--max-mb", "0.01"])
    err = capsys.readouterr().err
    assert code == 2 and "big.txt" in err and "--max-mb" in err
    from newsprism.config import Settings

    assert Settings.from_args(build_parser().parse_args(["ingest", "x", "--max-mb", "3"])).max_bytes == 3_000_000
