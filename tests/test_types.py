"""The package type-checks under mypy --strict: mypy runs over src/newsprism as part of the test suite."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_strict_finds_no_issues() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed; run: pip install 'newsprism[test]'")
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(ROOT / "src" / "newsprism")],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
