"""Partitions of JSONL, WARC and loose files read exactly what the local reader reads, in the same order."""

from __future__ import annotations

import json
import os

import pytest
import scale_corpus

from newsprism.config import Settings
from newsprism.errors import NewsprismError
from newsprism.ingest import iter_articles
from newsprism.scale.partition import jsonl_lines, jsonl_ranges, plan_partitions, warc_ranges
from newsprism.scale.stages import read_part


def _local(paths: list[str], settings: Settings) -> tuple[list[tuple[str, str, str | None]], list[str]]:
    arts, errs = [], []
    for item in iter_articles(paths, settings):
        if isinstance(item, Exception):
            errs.append(str(item))
        else:
            arts.append((item.id, item.source, item.published))
    return arts, errs


def _batched(paths: list[str], settings: Settings, size: int) -> tuple[list[tuple[str, str, str | None]], list[str]]:
    arts, errs = [], []
    for part in plan_partitions(paths, size):
        got = read_part(part, settings)
        arts.extend((a.id, a.source, a.published) for a in got.articles)
        errs.extend(got.errors)
    return arts, errs


@pytest.mark.parametrize("per_part", [1, 2, 3, 7, 100])
def test_jsonl_ranges_hold_every_line_once(tmp_path: str, per_part: int) -> None:
    path = os.path.join(tmp_path, "x.jsonl")
    lines = [json.dumps({"n": i}) for i in range(10)] + ["", "{\"last\": true}"]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))  # no newline after the last line
    ranges = jsonl_ranges(path, per_part)
    got = [(first + i, raw.decode().rstrip("\n"))
           for start, end, first in ranges for i, raw in enumerate(jsonl_lines(path, start, end))]
    assert got == list(enumerate(lines, start=1))


def test_partitions_read_what_the_local_reader_reads(tmp_path: str) -> None:
    records = scale_corpus.generate()[:40]
    paths = scale_corpus.write_corpus(str(tmp_path), jsonl_files=1, txt_files=6, warc_pages=9, records=records)
    with open(paths[-1], "a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"title": "No body"}) + "\n")
    settings = Settings(published=scale_corpus.txt_dates(str(tmp_path)))
    local_arts, local_errs = _local(paths, settings)
    assert len(local_arts) == 40 and len(local_errs) == 2
    for size in (2, 5, 64):
        arts, errs = _batched(paths, settings, size)
        assert arts == local_arts
        assert errs == local_errs


def test_warc_ranges_split_on_html_records(tmp_path: str) -> None:
    path = os.path.join(tmp_path, "c.warc.gz")
    scale_corpus.write_warc(path, scale_corpus.generate()[:5])
    ranges = warc_ranges(path, 2)
    assert len(ranges) == 3  # 5 HTML pages plus one image response, 2 response records a range
    assert ranges[0][0] == 0 and ranges[-1][1] == os.path.getsize(path)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))


def test_plan_keeps_input_order_and_size(tmp_path: str) -> None:
    paths = scale_corpus.write_corpus(str(tmp_path), jsonl_files=1, txt_files=5, warc_pages=0,
                                      records=scale_corpus.generate()[:12])
    parts = plan_partitions(paths, 2)
    assert [p.kind for p in parts] == ["files"] * 3 + ["jsonl"] * 4
    assert [p.index for p in parts] == list(range(len(parts)))
    assert parts[0].paths == (os.path.join(paths[0], "000.txt"), os.path.join(paths[0], "001.txt"))
    assert [p.first_line for p in parts[3:]] == [1, 3, 5, 7]


def test_plan_refuses_stdin_and_bad_size() -> None:
    with pytest.raises(NewsprismError, match="standard input"):
        plan_partitions(["-"], 4)
    with pytest.raises(NewsprismError, match="at least 1"):
        plan_partitions([], 0)


def test_missing_input_is_reported_like_the_local_path(tmp_path: str) -> None:
    missing = os.path.join(tmp_path, "nope.txt")
    arts, errs = _batched([missing], Settings(), 4)
    assert arts == [] and errs == _local([missing], Settings())[1]
