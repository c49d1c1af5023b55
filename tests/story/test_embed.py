"""Sentence vectors: the 8-bit graph is made once, in a cache folder, and reused; a folder that cannot be written
gives one clear error."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from newsprism.config import AlignSettings
from newsprism.errors import NewsprismError
from newsprism.story import embed


def test_the_quantised_graph_is_made_once_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    first = embed._graph_file()
    assert first.parent == tmp_path / "cache" and first.name.endswith(".int8.onnx")
    assert first.stat().st_size < embed._float_graph().stat().st_size / 2  # 8-bit weights
    stamp = first.stat().st_mtime_ns
    assert embed._graph_file() == first and first.stat().st_mtime_ns == stamp
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [first.name]  # no temporary file left behind


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes to read-only folders")
def test_an_unwritable_cache_is_named_in_the_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("NEWSPRISM_CACHE", str(locked / "cache"))
    with pytest.raises(NewsprismError, match="NEWSPRISM_CACHE"):
        embed._graph_file()


def test_a_file_where_the_cache_folder_should_be_is_named_in_the_error(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NEWSPRISM_CACHE", str(blocker))
    with pytest.raises(NewsprismError, match=str(blocker)):
        embed._graph_file()


def test_restatements_are_closer_than_other_sentences() -> None:
    v = embed.embed(["The council voted to close the bridge on Monday.",
                     "On Monday the council decided to shut the bridge.",
                     "A new library will open beside the school next spring."])
    assert v.shape == (3, embed.DIM) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2


def test_how_much_of_a_statement_is_read_is_a_setting() -> None:
    long = "The council voted on Monday to close the bridge, " + "citing cracks the engineers had found, " * 12
    short = "The council voted to close the bridge on Monday."
    cut = AlignSettings(embed_max_tokens=16)
    # a short statement is read whole either way (each text alone: the 8-bit graph scales activations per batch)
    assert np.allclose(embed.embed([short], 1), embed.embed([short], 1, cut), atol=1e-5)
    assert float(embed.embed([long], 1)[0] @ embed.embed([long], 1, cut)[0]) < 0.99  # the long one is cut
