"""`batch --store`: a batch's stories go into a store as the batch clustered them, day after day."""

from __future__ import annotations

import os

import pytest
import scale_corpus

from newsprism.config import Settings
from newsprism.corpus.store import Store
from newsprism.scale.batch import run_local
from newsprism.scale.load import load_into_store
from newsprism.scale.output import read_output
from newsprism.scale.stages import Pipeline

NO_REPORTS = Pipeline(min_report_articles=10**6)  # the stories are what is loaded; reports are not needed here


def _batch(root: str, records: list[dict[str, object]]) -> str:
    """Runs the single-process batch over the records (one JSONL file); returns its output directory."""
    inputs = scale_corpus.write_corpus(root, jsonl_files=1, txt_files=0, warc_pages=0, records=records)
    out = os.path.join(root, "out")
    run_local(inputs, out, Settings(), NO_REPORTS)
    return out


def _groups(stories: list[list[str]]) -> list[list[str]]:
    return sorted(sorted(s) for s in stories)


def _store_groups(path: str) -> dict[str, list[str]]:
    with Store(path, create=False) as store:
        return {s["id"]: [a["id"] for a in s["articles"]] for s in store.list_stories(limit=1000)}


def test_a_batch_s_stories_are_stored_as_they_are(tmp_path: str) -> None:
    out = _batch(os.path.join(tmp_path, "day"), scale_corpus.generate())
    batch = {s["id"]: s["articles"] for s in read_output(out)["stories.parquet"]}
    db = os.path.join(tmp_path, "np.db")
    counts = load_into_store(out, db)
    assert counts["added"] == sum(len(a) for a in batch.values()) and counts["stories_new"] == len(batch)
    # the batch's own stories, under the batch's ids: nothing was clustered again
    assert {sid: sorted(a) for sid, a in _store_groups(db).items()} == {sid: sorted(a) for sid, a in batch.items()}
    with Store(db) as store:
        copies = sum(len(store.story_copies(sid)) for sid in batch)
    assert copies == sum(1 for r in read_output(out)["articles.parquet"] if r["copy_of"]) > 0
    again = load_into_store(out, db)  # the same output again: nothing new
    assert again["added"] == 0 and again["skipped"] == counts["added"] and again["stories_new"] == 0


def test_two_days_loaded_one_after_the_other_give_the_stories_of_one_batch(tmp_path: str) -> None:
    records = scale_corpus.generate()
    half = len(records) // 2
    whole = read_output(_batch(os.path.join(tmp_path, "both"), records))["stories.parquet"]
    db = os.path.join(tmp_path, "np.db")
    first = load_into_store(_batch(os.path.join(tmp_path, "day1"), records[:half]), db)
    second = load_into_store(_batch(os.path.join(tmp_path, "day2"), records[half:]), db)
    assert first["stories_new"] > 10 and second["added"] > 50
    # the second day's stories joined the first day's stories of the same events (the clusterer's merge step)
    assert second["stories_new"] < len(read_output(os.path.join(tmp_path, "day2", "out"))["stories.parquet"])
    assert _groups(list(_store_groups(db).values())) == _groups([s["articles"] for s in whole])


def test_loading_a_folder_that_is_no_batch_output_says_so(tmp_path: str) -> None:
    from newsprism.errors import NewsprismError

    with pytest.raises(NewsprismError, match="not a complete batch output"):
        load_into_store(os.path.join(tmp_path, "missing"), os.path.join(tmp_path, "np.db"))
    assert not os.path.exists(os.path.join(tmp_path, "np.db"))  # no store made for nothing


def test_a_store_and_a_batch_partition_apply_the_same_clusterer_events(tmp_path: str) -> None:
    from newsprism.corpus.cluster import cluster_articles
    from newsprism.corpus.dedup import find_copies
    from newsprism.ingest import iter_articles

    inputs = scale_corpus.write_corpus(str(tmp_path), jsonl_files=1, txt_files=0, warc_pages=0)
    arts = list({a.id: a for a in iter_articles(inputs, Settings()) if not isinstance(a, Exception)}.values())
    copies = find_copies(arts, Settings().dedup_threshold)
    story_of, _ = cluster_articles([a for a in arts if a.id not in copies], batch=50)
    db = os.path.join(tmp_path, "np.db")
    with Store(db) as store:
        for i in range(0, len(arts), 50):  # the store settles after each batch, as the partition does every 50
            store.add_articles(arts[i:i + 50])
        stored = {a["id"]: s["id"] for s in store.list_stories(limit=1000) for a in s["articles"]
                  if not a["copy_of"]}
    assert set(stored) == set(story_of) and len(copies) > 20
    batch: dict[str, list[str]] = {}
    for aid, sid in story_of.items():
        batch.setdefault(sid, []).append(aid)
    in_store: dict[str, list[str]] = {}
    for aid, sid in stored.items():
        in_store.setdefault(sid, []).append(aid)
    assert _groups(list(in_store.values())) == _groups(list(batch.values()))
    assert len(batch) >= 18
