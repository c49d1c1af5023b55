"""The command line explains itself: help with defaults and examples, --version, bare `newsprism` prints help."""

from __future__ import annotations

import re

import pytest

import newsprism
from newsprism.cli import build_parser, main

COMMANDS = ("analyze", "verify", "ingest", "stories", "show", "serve", "batch", "eval")


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    return capsys.readouterr().out


def test_bare_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "usage: newsprism" in out and all(c in out for c in COMMANDS)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert _help(["--version"], capsys).strip() == f"newsprism {newsprism.__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_examples_and_every_option_a_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = _help([command, "--help"], capsys)
    assert "examples:" in out and f"newsprism {command}" in out.split("examples:")[1]
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]  # type: ignore[union-attr]
    for action in sub._actions:
        assert action.help, (command, action.dest)


def test_defaults_are_shown(capsys: pytest.CaptureFixture[str]) -> None:
    out = " ".join(_help(["analyze", "--help"], capsys).split())
    assert "(default: text)" in out and "(default: 120)" in out and "(default: 20.0)" in out
    assert re.search(r"article metadata:.*--outlet FILE=NAME.*--meta FILE.csv.*--name-pattern", out)
    assert "output:" in out and "--full" in out
    serve = " ".join(_help(["serve", "--help"], capsys).split())
    assert "(default: 127.0.0.1)" in serve and "(default: 8000)" in serve and "(default: newsprism.db)" in serve
