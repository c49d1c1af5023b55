"""One writer at a time, atomic creation, no writing into a damaged store, and reading from read-only media."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from newsprism.cli import main
from newsprism.corpus.store import Store
from newsprism.errors import StoreError

from .conftest import REHAB_A, REHAB_B, filler, make


def _cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "newsprism", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _write(folder, prefix: str, n: int, seed: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"{prefix}{i:03d}.txt").write_text(f"{prefix} notes {i}\n\n{filler(seed + i, 70)}\n")


def test_second_writer_waits_for_the_first_and_says_so(tmp_path, rehab):
    path = str(tmp_path / "s.db")
    told: list[str] = []
    first = Store(path)
    first.add_articles(rehab[0])
    opened = threading.Event()

    def second() -> None:
        with Store(path, wait=20, on_wait=told.append) as s:
            opened.set()
            s.add_articles(rehab[1])

    t = threading.Thread(target=second)
    t.start()
    time.sleep(0.5)
    assert not opened.is_set(), "a second writer must not open the store while the first holds it"
    assert told and "is being written by another process; waiting up to 20 s" in told[0] and path in told[0]
    first.close()
    t.join(20)
    assert opened.is_set()
    with Store(path, create=False) as s:
        assert s.count_articles() == 6


def test_second_writer_gives_up_after_its_wait(tmp_path, rehab):
    path = str(tmp_path / "s.db")
    with Store(path):
        t0 = time.monotonic()
        with pytest.raises(StoreError, match=r"being written by another process .* still after 0.3 s; run this"):
            Store(path, wait=0.3)
        assert time.monotonic() - t0 < 3
    with Store(path, wait=0) as s:  # free again once the first writer closed it
        assert s.add_articles(rehab[0])["added"] == 3


def test_readers_are_not_blocked_by_a_writer(tmp_path, rehab):
    path = str(tmp_path / "s.db")
    with Store(path) as w:
        w.add_articles(rehab[0])
        with Store(path, create=False) as r:
            assert r.count_articles() == 3


def test_two_ingest_processes_into_one_new_store(tmp_path):
    """Two ingests started at once into a store that does not exist yet: every article once, in one story, every
    story's size its article count, no empty story."""
    _write(tmp_path / "a", "alpha", 40, 100)
    _write(tmp_path / "b", "beta", 40, 500)
    for i, (h, t) in enumerate(REHAB_A + REHAB_B):
        (tmp_path / ("a" if i % 2 else "b") / f"rehab{i}.txt").write_text(f"{h}\n\n{t}\n")
    db = str(tmp_path / "new.db")
    procs = [_cli("ingest", str(tmp_path / d), "--store", db, "--no-progress") for d in ("a", "b")]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    assert any("being written by another process; waiting" in err for _, err in outs)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (86, 86)
    assert con.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 86
    assert con.execute("SELECT count(*) FROM (SELECT article FROM story_articles GROUP BY article "
                       "HAVING count(*) > 1)").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM articles a JOIN story_articles sa ON sa.article = a.id "
                       "WHERE sa.story != a.story").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a "
                       "WHERE a.story = s.id)").fetchone()[0] == 0
    sizes = con.execute("SELECT s.size, (SELECT count(*) FROM articles a WHERE a.story = s.id AND a.copy_of IS NULL)"
                        " FROM stories s WHERE s.active = 1").fetchall()
    assert sizes and all(size == members for size, members in sizes), sizes
    con.close()


def test_writer_reloads_state_another_connection_wrote(tmp_path, rehab):
    """Should two writers ever share a store (an old newsprism without the lock), the second one's clusterer
    follows what the first committed rather than overwriting it with its stale state."""
    path = str(tmp_path / "s.db")
    with Store(path) as a:
        a.add_articles(rehab[0][:1])
        a._release()  # as if the other writer took no lock
        with Store(path, wait=0) as b:
            b.add_articles(rehab[0][1:])
        follow = rehab[0][2]
        a.add_articles([make(follow.text + " Her representative said she would stay for several weeks.",
                             title=follow.title)])
    con = sqlite3.connect(path)
    sizes = dict(con.execute("SELECT id, size FROM stories"))
    members = dict(con.execute("SELECT story, count(*) FROM articles WHERE copy_of IS NULL GROUP BY story"))
    con.close()
    assert sizes == members


def _sha(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_ingest_refuses_a_store_with_garbage_inside_and_leaves_it_untouched(tmp_path, capsys):
    inputs = tmp_path / "in"
    _write(inputs, "alpha", 30, 7)
    db = tmp_path / "s.db"
    assert main(["ingest", str(inputs), "--store", str(db), "--no-progress"]) == 0
    size = db.stat().st_size
    assert size > 40_000
    with open(db, "r+b") as fh:  # 8 KB of garbage in the middle of the file
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(os.urandom(8192))
    before = _sha(db)
    (tmp_path / "more.txt").write_text("Another note\n\n" + filler(9999, 70))
    capsys.readouterr()
    assert main(["ingest", str(tmp_path / "more.txt"), "--store", str(db), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is corrupt" in err[0] and "left untouched" in err[0]
    assert _sha(db) == before


@pytest.fixture
def read_only_store(tmp_path, rehab):
    """A store in a folder that a read-only bind mount shows (as read-only media would); skipped where mounts
    cannot be made."""
    if not shutil.which("unshare"):
        pytest.skip("unshare is not available to mount a folder read-only")
    folder = tmp_path / "media"
    folder.mkdir()
    with Store(str(folder / "s.db")) as s:
        s.add_articles(rehab[0] + rehab[1])
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount --bind -o ro {folder} {folder} && "
                            f"touch {folder}/x"], capture_output=True, text=True)
    if "Read-only file system" not in probe.stderr:
        pytest.skip(f"a read-only mount could not be made here ({probe.stderr.strip()[:100]})")
    return folder


@pytest.mark.parametrize("command", [["stories", "--format", "json"], ["show", "FIRST", "--format", "json"]])
def test_store_on_read_only_media_can_be_read(read_only_store, command):
    folder = read_only_store
    con = sqlite3.connect(folder / "s.db")
    first = con.execute("SELECT id FROM stories ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    args = " ".join(first if a == "FIRST" else a for a in command)
    run = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount --bind -o ro {folder} {folder} && "
                          f"{sys.executable} -m newsprism {args} --store {folder}/s.db"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out if command[0] == "stories" else out["story"]["id"] == first
    assert not os.path.exists(folder / "x")


def test_ingest_into_read_only_media_is_refused_in_one_line(read_only_store, tmp_path):
    folder = read_only_store
    (tmp_path / "n.txt").write_text("A note\n\n" + filler(3, 70))
    run = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount --bind -o ro {folder} {folder} && "
                          f"{sys.executable} -m newsprism ingest {tmp_path}/n.txt --store {folder}/s.db --no-progress"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"newsprism: error: store {folder}/s.db cannot be written")


def test_an_overlong_article_stored_before_the_limit_is_left_out_with_a_note(tmp_path, rehab, monkeypatch):
    import newsprism.story.analyze as analyze_mod
    from newsprism.config import IngestSettings
    from newsprism.ingest.article import within_limits
    from newsprism.model import Report

    MAX_WORDS = IngestSettings().max_words

    seen: list[list[str]] = []

    def fake(story, settings=None):
        seen.append([a.id for a in story.articles])
        return Report(story=story)

    monkeypatch.setattr(analyze_mod, "analyze_story", fake)
    long_one = make(" ".join([rehab[0][0].text] * (MAX_WORDS // 20)), title=rehab[0][0].title)
    kept, notes = within_limits([long_one, *rehab[0]])
    assert kept == rehab[0] and len(notes) == 1 and "left out of this analysis" in notes[0]
    path = str(tmp_path / "s.db")
    with Store(path) as s:
        s.add_articles([long_one])
        (story,) = s.list_stories()
        with pytest.raises(StoreError, match="only articles longer than one article can be"):
            s.story_report(story["id"])
    assert seen == []
