"""The SQLite store: idempotent, copies grouped, and bad files refused without being touched."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from newsprism.config import Settings
from newsprism.corpus import store as store_mod
from newsprism.corpus.store import SCHEMA_VERSION, Store
from newsprism.errors import StoreError
from newsprism.model import Report

from .conftest import filler, make

KEYS = {"id", "title", "first_seen", "last_seen", "articles"}
ART_KEYS = {"id", "source", "title", "outlet", "published", "copy_of"}


def test_ingest_is_idempotent(tmp_path, rehab):
    a, b = rehab
    path = str(tmp_path / "s.db")
    with Store(path) as s:
        first = s.add_articles(a + b)
        assert first["added"] == 6
        again = s.add_articles(a + b)
        assert again == {"added": 0, "skipped": 6, "copies": 0, "stories_new": 0, "rejected": 0}
        assert s.count_articles() == 6
    with Store(path) as s:  # and across processes / reopenings
        assert s.add_articles(a)["added"] == 0
        assert s.integrity() == "ok"


def test_duplicate_ids_in_one_batch(tmp_path, rehab):
    a, _ = rehab
    with Store(str(tmp_path / "s.db")) as s:
        counts = s.add_articles([a[0], a[0], a[1]])
        assert counts["added"] == 2 and counts["skipped"] == 1
        assert s.count_articles() == 2


def test_stories_and_copies(tmp_path, rehab):
    a, b = rehab
    wire = make(a[0].text + " " + a[1].text, title="Wire copy", outlet="Wire", source="wire.txt")
    reprint = make(a[0].text + " " + a[1].text + " (AP)", title="Reprint", outlet="Daily", source="daily.txt")
    with Store(str(tmp_path / "s.db")) as s:
        counts = s.add_articles(a + [wire] + b + [reprint])
        assert counts["copies"] == 1
        stories = s.list_stories()
        assert len(stories) == 2
        for st in stories:
            assert set(st) == KEYS
            assert all(set(x) == ART_KEYS for x in st["articles"])
        by_article = {x["id"]: st for st in stories for x in st["articles"]}
        assert by_article[reprint.id]["id"] == by_article[wire.id]["id"] == by_article[a[0].id]["id"]
        rep = next(x for x in by_article[reprint.id]["articles"] if x["id"] == reprint.id)
        assert rep["copy_of"] == wire.id and rep["source"] == "daily.txt"
        sid = by_article[wire.id]["id"]
        assert s.get_story(sid)["id"] == sid
        assert {x.id for x in s.story_articles(sid)} == {x.id for x in a} | {wire.id, reprint.id}
        assert s.story_copies(sid) == {reprint.id: wire.id}
        assert s.get_article(wire.id).outlet == "Wire"
        assert s.get_story("nope") is None


def test_articles_without_dates_leave_story_dates_alone(tmp_path, rehab):
    a, _ = rehab
    dated = make(a[0].text, title=a[0].title, published="2021-03-04")
    undated = make(filler(3), title="Harbour notes")
    datelined = make("Updated: June 9, 2019. " + filler(11), title="Ferry timetable")
    with Store(str(tmp_path / "s.db")) as s:
        s.add_articles([dated, a[1], a[2], undated, datelined])
        stories = s.list_stories()
    by_article = {x["id"]: st for st in stories for x in st["articles"]}
    rehab_story = by_article[dated.id]
    assert rehab_story["first_seen"] == rehab_story["last_seen"] == "2021-03-04"
    assert [x["published"] for x in rehab_story["articles"]] == ["2021-03-04", None, None]
    # an unrelated undated article does not take the day of the articles ingested beside it
    assert by_article[undated.id]["first_seen"] is None and by_article[undated.id]["last_seen"] is None
    assert by_article[datelined.id]["first_seen"] == "2019-06-09"  # the dateline in its text
    assert stories[-1]["id"] == by_article[undated.id]["id"]  # undated stories are listed last


def test_search(tmp_path, rehab):
    a, b = rehab
    with Store(str(tmp_path / "s.db")) as s:
        s.add_articles(a + b + [make(filler(7), title="Harbour notes")])
        hits = s.search_stories("Lohan")
        assert hits and all(any("Lohan" in (x["title"] or "") for x in h["articles"]) for h in hits[:1])
        assert s.search_stories("zzzunknownword") == []
        with pytest.raises(StoreError, match="bad search query"):
            s.search_stories('"unbalanced')
        for odd in ("*", "AND OR", "'; DROP TABLE stories", "NEAR(", "title:"):  # a typo is the user's, not the store's
            try:
                s.search_stories(odd)
            except StoreError as exc:
                assert str(exc).startswith("bad search query") and str(tmp_path) not in str(exc), odd
        assert s.search_stories("Lohan")  # nothing was dropped


def test_corrupt_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "bad.db"
    garbage = b"this is not a database\x00" * 100
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match="not a newsprism store"):
        Store(str(path))
    assert path.read_bytes() == garbage


def test_damaged_sqlite_file_is_refused(tmp_path, rehab):
    path = tmp_path / "s.db"
    with Store(str(path)) as s:
        s.add_articles(rehab[0])
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StoreError, match="corrupt"):
        with Store(str(path)) as s:
            s.list_stories()
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE x (y)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a newsprism store"):
        Store(str(path))


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store(str(path)).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer newsprism"):
        Store(str(path))


def test_locked_store_gives_a_clear_error(tmp_path, rehab):
    path = str(tmp_path / "s.db")
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        with Store(path, timeout=0.2) as s:
            with pytest.raises(StoreError, match="locked"):
                s.add_articles(rehab[0])
            assert s.count_articles() == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(path) as s:  # the store works once the lock is gone
        assert s.add_articles(rehab[0])["added"] == 3


def test_missing_store_is_not_created_for_reading(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no store"):
        Store(str(path), create=False)
    assert not path.exists()


def test_story_report_is_cached(tmp_path, rehab, monkeypatch):
    import newsprism.story.analyze as analyze_mod

    calls = []

    def fake_analyze(story, settings=None):
        calls.append(story.id)
        return Report(story=story, notes=[f"{len(story.articles)} articles"])

    monkeypatch.setattr(analyze_mod, "analyze_story", fake_analyze)
    a, _ = rehab
    with Store(str(tmp_path / "s.db")) as s:
        s.add_articles(a[:2])
        sid = s.list_stories()[0]["id"]
        r1 = s.story_report(sid)
        r2 = s.story_report(sid)
        assert r1 == r2 and r1["story"]["id"] == sid and len(calls) == 1
        s.add_articles([a[2]])  # the story changed: the cached report is stale
        r3 = s.story_report(sid)
        assert len(calls) == 2 and r3["notes"] == ["3 articles"]
        with pytest.raises(StoreError, match="no story"):
            s.story_report("sdoesnotexist")
    assert store_mod.REPORT_VERSION


def test_helper_process_gives_the_same_stories(tmp_path, rehab):
    a, b = rehab
    arts = a + b + [make(filler(i), title=f"Notes {i}") for i in range(10)]
    with Store(str(tmp_path / "one.db")) as s:
        s.add_articles(arts)
        plain = sorted(sorted(x["id"] for x in st["articles"]) for st in s.list_stories())
    with Store(str(tmp_path / "two.db"), workers=1) as s:
        s.add_articles(arts)
        helped = sorted(sorted(x["id"] for x in st["articles"]) for st in s.list_stories())
    assert plain == helped


def test_split_story_moves_articles_and_copies(tmp_path, rehab):
    from newsprism.corpus.store import Store

    a, b = rehab
    a = [make(x.text, title=x.title, published=day) for x, day in zip(a, ("2009-02-03", "2009-02-02", None))]
    b = [make("May 14, 2008. " + b[0].text, title=b[0].title)] + [make(x.text, title=x.title) for x in b[1:]]
    copy = make(b[0].text, title="Wire: " + (b[0].title or ""))
    order = [a[0], a[1], b[0], a[2], copy, b[1], b[2]]
    path = str(tmp_path / "c.db")
    with Store(path) as store:
        cl = store.clusterer()
        # every article joins the first story until the re-check splits it
        cl.params = replace(cl.params, join_threshold=0.0)
        cl.candidates = lambda vec: list(cl.active.values())  # type: ignore[method-assign]
        counts = store.add_articles(order)
        assert counts["added"] == 7 and counts["copies"] == 1
        stories = store.list_stories()
    with Store(path) as store:
        again = store.list_stories()
    for got in (stories, again):
        groups = sorted(sorted(x["id"] for x in s["articles"]) for s in got)
        assert groups == sorted([sorted(x.id for x in a), sorted([copy.id] + [x.id for x in b])])
        assert all(s["title"] for s in got)
    by_id = {x["id"]: x for s in stories for x in s["articles"]}
    assert by_id[copy.id]["copy_of"] == b[0].id
    # after the split each story's dates come from its own articles (publication dates, else datelines)
    dates = {frozenset(x["id"] for x in s["articles"]): (s["first_seen"], s["last_seen"]) for s in stories}
    assert dates[frozenset(x.id for x in a)] == ("2009-02-02", "2009-02-03")
    assert dates[frozenset([copy.id] + [x.id for x in b])] == ("2008-05-14", "2008-05-14")


def test_stories_found_to_be_two_events_stay_apart_across_runs(tmp_path, rehab):
    a, b = rehab
    path = str(tmp_path / "s.db")
    with Store(path) as s:
        s.add_articles(a + b)
        ids = sorted(st["id"] for st in s.list_stories())
        assert len(ids) == 2
        s.clusterer().apart.add(frozenset(ids))
        s.add_articles([make(filler(7), title="Harbour budget")])  # a batch saves the clusterer's state
    with Store(path) as s:
        assert frozenset(ids) in s.clusterer().apart


def test_the_horizon_survives_reopening(tmp_path, rehab):
    a, _ = rehab
    path = str(tmp_path / "s.db")
    dated = [make(filler(40 + i), title=f"Harbour notes {i}", published=f"2019-03-{10 + i}") for i in range(5)]
    with Store(path) as s:
        s.add_articles(a + dated)
        days = list(s.clusterer().recent_days)
        horizon = s.clusterer().horizon()
    assert len(days) == 5 and horizon is not None
    with Store(path) as s:  # a later run retires stories by the same horizon
        assert list(s.clusterer().recent_days) == days
        assert s.clusterer().horizon() == horizon


def test_a_report_is_analysed_again_when_a_knob_without_a_flat_name_changes() -> None:
    from newsprism.config import AlignSettings

    key = store_mod._report_key
    arts = [make(filler(1), title="One"), make(filler(2), title="Two")]
    plain = key(arts, {}, Settings())
    assert key(arts, {}, Settings(align=AlignSettings())) == plain  # defaults: the key stored reports already have
    assert key(arts, {}, Settings(align=AlignSettings(paraphrase_share=0.7))) != plain
    from newsprism.config import SimilarityWeights, SummarySettings, SummaryWeights

    assert key(arts, {}, Settings(align=AlignSettings(similarity=SimilarityWeights(names=0.3)))) != plain
    assert key(arts, {}, Settings(summary=SummarySettings(weights=SummaryWeights(redundancy=0.4)))) != plain
    assert key(arts, {}, Settings(summary=SummarySettings(weights=SummaryWeights()))) == plain
    from newsprism.config import LLMSettings

    assert key(arts, {}, Settings(llm=LLMSettings(max_sources=20))) != plain
    assert key(arts, {}, Settings(align=AlignSettings(same_event=0.7))) != plain
    from newsprism.config import SalienceWeights

    assert key(arts, {}, Settings(align=AlignSettings(salience=SalienceWeights(topic=2.0)))) != plain
    assert key(arts, {}, Settings(align=AlignSettings(placeable_years=(1700, 2200)))) != plain
    assert key(arts, {}, Settings(summary=SummarySettings(weights=SummaryWeights(max_joined=8)))) != plain


def test_a_report_of_another_analysis_version_is_analysed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = [make(filler(1), title="One"), make(filler(2), title="Two")]
    before = store_mod._report_key(arts, {}, Settings())
    assert len(store_mod.analysis_version()) == 12
    monkeypatch.setattr(store_mod, "analysis_version", lambda: "a newer model")
    assert store_mod._report_key(arts, {}, Settings()) != before
