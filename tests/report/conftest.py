"""Fixtures of the renderer tests: a hand-built report of an invented story, and a hostile one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixture module importable
from sample_story import TEXTS, build_report, hostile_report  # noqa: E402


@pytest.fixture()
def report() -> dict[str, Any]:
    return build_report()


@pytest.fixture()
def texts() -> dict[str, str]:
    return dict(TEXTS)


@pytest.fixture()
def hostile() -> tuple[dict[str, Any], dict[str, str]]:
    return hostile_report()
