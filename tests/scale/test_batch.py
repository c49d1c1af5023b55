"""The Dask batch on a local cluster of 2 workers equals the single-process result, even when a worker dies."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import scale_corpus

from newsprism.cli import main
from newsprism.config import Settings
from newsprism.scale import Pipeline, read_output, run_batch, run_local
from newsprism.scale.batch import connect

pytestmark = pytest.mark.slow


def _settings(root: str) -> Settings:
    return Settings(published=scale_corpus.txt_dates(root))


def _rows(path: str) -> dict[str, list[str]]:
    """Each output file's rows as sorted JSON strings: equal up to ordering."""
    return {name: sorted(json.dumps(r, sort_keys=True) for r in rows) for name, rows in read_output(path).items()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = str(tmp_path_factory.mktemp("crawl"))
    inputs = scale_corpus.write_corpus(root)
    local = os.path.join(root, "local-out")
    summary = run_local(inputs, local, _settings(root), Pipeline(min_report_articles=2))
    return {"root": root, "inputs": inputs, "local": local, "summary": summary, "rows": _rows(local)}


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with connect(None, 2) as c:
        yield c


def _plain_stories(inputs: list[str], settings: Settings) -> list[list[str]]:
    """Stories of the whole corpus clustered in one pass with no blocking: the corpus functions on everything."""
    from newsprism.corpus.cluster import cluster_articles, merge_clusters
    from newsprism.corpus.dedup import find_copies
    from newsprism.ingest import iter_articles

    arts, seen = [], set()
    for a in iter_articles(inputs, settings):
        if not isinstance(a, Exception) and a.id not in seen:
            seen.add(a.id)
            arts.append(a)
    copies = find_copies(arts, settings.dedup_threshold)
    params = settings.cluster
    story_of, states = cluster_articles([a for a in arts if a.id not in copies], params)
    merged = merge_clusters(states, params)
    groups: dict[str, list[str]] = {}
    for a in arts:
        groups.setdefault(merged[story_of[copies.get(a.id, a.id)]], []).append(a.id)
    return sorted(sorted(g) for g in groups.values())


def test_batch_equals_single_process(corpus: dict[str, Any], client: Any, tmp_path: str) -> None:
    out = os.path.join(tmp_path, "batch-out")
    summary = run_batch(corpus["inputs"], out, settings=_settings(corpus["root"]), partition_size=24,
                        pipeline=Pipeline(min_report_articles=2), client=client)
    local = corpus["summary"]
    assert summary.partitions > 5 and summary.components > 5  # the work really was split
    assert (summary.articles, summary.copies, summary.stories, summary.reports) == (
        local.articles, local.copies, local.stories, local.reports)
    assert local.articles > 180 and local.copies >= 40 and local.reports >= 15
    rows = _rows(out)
    for name in ("articles.parquet", "stories.parquet", "reports.parquet"):
        assert rows[name] == corpus["rows"][name], name
    # every event of the corpus is one story, with the outlets' copies listed in it, and blocking lost nothing:
    # the stories are those of one unblocked clustering pass over the whole corpus
    stories = read_output(out)["stories.parquet"]
    assert sum(1 for s in stories if s["size"] >= 5) == 18
    assert sorted(sorted(s["articles"]) for s in stories) == _plain_stories(corpus["inputs"],
                                                                            _settings(corpus["root"]))
    reports = [json.loads(r["report"]) for r in read_output(out)["reports.parquet"]]
    assert all(r["schema"] == "newsprism.report/1" and r["story"]["copies"] for r in reports if len(
        r["story"]["articles"]) >= 5)


def test_killed_worker_loses_and_duplicates_nothing(corpus: dict[str, Any], client: Any, tmp_path: str) -> None:
    from newsprism.scale.stages import story_report

    marker = os.path.join(tmp_path, "killed")
    pipeline = Pipeline(report=scale_corpus.KillOnce(marker, story_report), min_report_articles=2)
    out = os.path.join(tmp_path, "batch-out")
    summary = run_batch(corpus["inputs"], out, settings=_settings(corpus["root"]), partition_size=24,
                        pipeline=pipeline, client=client)
    assert os.path.exists(marker)  # a worker really died mid-job
    rows = read_output(out)
    ids = [r["id"] for r in rows["articles.parquet"]]
    local_ids = [json.loads(r)["id"] for r in corpus["rows"]["articles.parquet"]]
    assert len(ids) == len(set(ids)) == summary.articles
    assert sorted(ids) == sorted(local_ids)
    assert _rows(out) == corpus["rows"]


def test_batch_command_writes_parquet_and_loads_the_store(tmp_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    from newsprism.corpus.store import Store

    root = os.path.join(tmp_path, "small")
    records = [r for r in scale_corpus.generate() if "Ferry" in str(r["title"]) or "Port Alder" in str(r["title"])]
    inputs = scale_corpus.write_corpus(root, jsonl_files=1, txt_files=0, warc_pages=0, records=records)
    out, db = os.path.join(tmp_path, "out"), os.path.join(tmp_path, "np.db")
    unique = len({str(r["text"]) for r in records})
    code = main(["batch", *inputs, "--output", out, "--workers", "1", "--partition-size", "4", "--store", db])
    assert code == 0
    said = capsys.readouterr().out
    assert f"batch: {unique} articles" in said and "loaded into" in said
    rows = read_output(out)
    assert len(rows["articles.parquet"]) == unique and len(rows["reports.parquet"]) == 1
    with Store(db) as store:
        assert store.count_articles() == unique
    code = main(["batch", inputs[-1], "--output", os.path.join(tmp_path, "small", "crawl-0.jsonl")])
    assert code == 2
    assert "not an earlier batch output" in capsys.readouterr().err
