"""The report model, settings, commands, renderers and web app type-check under ``mypy --strict``."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "newsprism"
STRICT = ["model.py", "config.py", "api.py", "cli.py", "errors.py", "report", "web", "commands", "story/analyze.py"]


@pytest.mark.slow
def test_mypy_strict_finds_no_issues_in_these_modules() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed; run: pip install 'newsprism[test]'")
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", *(str(PKG / m) for m in STRICT)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    # --strict follows imports into the other modules; only errors in the modules listed count here
    mine = [line for line in run.stdout.splitlines()
            if any(line.startswith(f"src/newsprism/{m}") for m in STRICT) and ": error:" in line]
    assert not mine, "\n".join(mine)
