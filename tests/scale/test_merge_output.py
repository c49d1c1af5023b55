"""The global step's components and the atomic Parquet output."""

from __future__ import annotations

import os

import pytest

from newsprism.config import Settings
from newsprism.errors import NewsprismError
from newsprism.scale.batch import BatchSummary, article_components
from newsprism.scale.merge import components, pack
from newsprism.scale.output import AtomicOutput, read_output
from newsprism.scale.stages import PartKeys


def test_components_join_through_shared_keys() -> None:
    keys = [["a"], ["b"], ["a", "c"], ["d"], ["c"], []]
    assert components(keys) == [[0, 2, 4], [1], [3], [5]]


def test_pack_keeps_components_whole() -> None:
    groups = pack([[0, 1, 2], [3], [4, 5, 6, 7, 8], [9]], target=4)
    assert [g.positions for g in groups] == [[0, 1, 2, 3], [4, 5, 6, 7, 8], [9]]


def test_client_components_drop_repeated_ids_and_mix_key_kinds() -> None:
    parts = [
        PartKeys(0, ["x", "y"], [[1], [2]], [[10], [11]], []),
        PartKeys(1, ["x", "z", "w"], [[1], [2], [3]], [[99], [12], [11]], []),
    ]
    summary = BatchSummary()
    where, comps = article_components(parts, summary, Settings().cluster.stop_key_articles)
    assert summary.duplicates == 1
    assert where == [(0, 0), (0, 1), (1, 1), (1, 2)]
    # y-z share a near-duplicate key, y-w a story key; x shares nothing once its repeat is gone
    assert comps == [[0], [1, 2, 3]]


def _row(i: int) -> dict[str, object]:
    return {"story_id": f"s{i}", "report": "{}"}


def test_output_appears_only_on_success(tmp_path: str) -> None:
    out = os.path.join(tmp_path, "out")
    with pytest.raises(RuntimeError):
        with AtomicOutput(out) as w:
            w.write("reports.parquet", [_row(1)])
            raise RuntimeError("killed")
    assert not os.path.exists(out)
    assert os.listdir(tmp_path) == []  # the temporary directory went too
    with AtomicOutput(out) as w:
        w.write("reports.parquet", [_row(1), _row(2)])
    assert [r["story_id"] for r in read_output(out)["reports.parquet"]] == ["s1", "s2"]
    with AtomicOutput(out) as w:  # an earlier output is replaced whole
        w.write("reports.parquet", [_row(3)])
    assert [r["story_id"] for r in read_output(out)["reports.parquet"]] == ["s3"]
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_output_refuses_a_directory_of_other_files(tmp_path: str) -> None:
    with open(os.path.join(tmp_path, "notes.txt"), "w") as fh:
        fh.write("mine")
    with pytest.raises(NewsprismError, match="not an earlier batch output"):
        AtomicOutput(str(tmp_path))
    with pytest.raises(NewsprismError, match="not a complete batch output"):
        read_output(str(tmp_path))
