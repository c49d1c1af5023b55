"""The corpus throughput benchmark runs end to end on a small corpus (it reads ../shared/data; skipped without it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
DATA = os.path.join(ROOT, "..", "shared", "data")


@pytest.mark.skipif(not os.path.isdir(os.path.join(DATA, "ecbplus")), reason="needs ../shared/data (not shipped)")
def test_bench_corpus_small_run():
    out = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "bench_corpus.py"), "--n", "600"],
                         capture_output=True, text=True, timeout=300, check=True).stdout
    assert re.search(r"ingest \+ dedup \+ clustering: 600 articles in [\d.]+ s = \d+ articles/s", out)
    assert "integrity: ok" in out
    copies = int(re.search(r"copies found: (\d+)", out).group(1))
    assert 10 <= copies <= 60  # one generated article in twenty is a reprint
    f1 = float(re.search(r"seed articles: [\d.]+/[\d.]+/([\d.]+)", out).group(1))
    assert f1 > 0.5
    assert re.search(r"RSS before ingest \d+ MB; peak during ingest \d+ MB", out)
