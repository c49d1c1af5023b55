"""The corpus commands end to end: ingest (also killed mid-way), stories, show."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from newsprism.cli import main
from newsprism.model import Report

from .conftest import REHAB_A, REHAB_B, filler


def _write_inputs(folder, n_noise: int = 0) -> int:
    folder.mkdir(exist_ok=True)
    for i, (h, t) in enumerate(REHAB_A + REHAB_B):
        (folder / f"rehab{i}.txt").write_text(f"{h}\n\n{t}\n", encoding="utf-8")
    for i in range(n_noise):
        (folder / f"note{i:05d}.txt").write_text(f"Notes number {i}\n\n{filler(1000 + i, 60)}\n", encoding="utf-8")
    return len(REHAB_A + REHAB_B) + n_noise


def test_ingest_stories_show(tmp_path, capsys, monkeypatch):
    inputs = tmp_path / "in"
    _write_inputs(inputs)
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(inputs), "--store", db, "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "ingested 6 new articles" in out
    assert main(["ingest", str(inputs), "--store", db, "--no-progress"]) == 0
    assert "ingested 0 new articles" in capsys.readouterr().out
    assert main(["stories", "--store", db, "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert len(stories) == 2
    assert sorted(len(s["articles"]) for s in stories) == [3, 3]
    assert all(a["source"].endswith(".txt") for s in stories for a in s["articles"])
    assert main(["stories", "--store", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["STORY", "DATES", "ARTS", "OUTLETS", "TITLE"]
    assert [line.split()[2] for line in lines[1:]] == ["3", "3"]

    import newsprism.story.analyze as analyze_mod

    monkeypatch.setattr(analyze_mod, "analyze_story", lambda story, settings=None: Report(story=story))
    sid = stories[0]["id"]
    assert main(["show", sid, "--store", db, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["story"]["id"] == sid and len(report["story"]["articles"]) == 3


def test_story_list_cannot_drive_the_terminal(tmp_path, capsys):
    record = {"title": "Ferry strike \x1b[2J\x1b]0;owned\x07 ends \u202e", "outlet": "Bay Times",
              "text": "Ferry crews in Port Averly ended their strike on Friday after the operator agreed to a pay rise "
                      "of four percent, the union said. Sailings resume on Saturday morning, the operator said."}
    src = tmp_path / "feed.jsonl"
    src.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(src), "--store", db, "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["stories", "--store", db]) == 0
    out = capsys.readouterr().out
    assert "Ferry strike" in out and "ends" in out
    assert re.search(r"\sundated\s+1\s+Bay Times\s", out)  # no date in the record
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


def test_commands_on_a_bad_store(tmp_path, capsys):
    bad = tmp_path / "bad.db"
    bad.write_text("hello, not a database")
    assert main(["stories", "--store", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "not a newsprism store" in err and err.count("\n") == 1
    assert main(["stories", "--store", str(tmp_path / "missing.db")]) == 2
    assert "newsprism ingest" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.slow
def test_sigkill_mid_ingest_loses_nothing_reported(tmp_path):
    inputs = tmp_path / "in"
    total = _write_inputs(inputs, n_noise=1500)
    db = str(tmp_path / "k.db")
    cmd = [sys.executable, "-m", "newsprism.cli", "ingest", str(inputs), "--store", db, "--no-progress"]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    reported = 0
    deadline = time.monotonic() + 120
    assert proc.stderr is not None
    for line in proc.stderr:
        m = re.search(r"committed (\d+) new articles", line)
        if m:
            reported = int(m.group(1))
            if reported >= 200:
                break
        assert time.monotonic() < deadline, "ingest made no progress"
    helpers = _children_of(proc.pid) if os.path.isdir("/proc") else []
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < reported < total, "the kill must land mid-ingest"
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert stored >= reported
    deadline = time.monotonic() + 10
    while helpers and time.monotonic() < deadline:  # helper processes end with their parent
        helpers = [p for p in helpers if os.path.exists(f"/proc/{p}") and _state(p) != "Z"]
        time.sleep(0.2)
    assert not helpers, f"helper processes {helpers} outlived the killed ingest"
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == total
    assert con.execute("SELECT count(*) FROM articles WHERE story IS NULL").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM articles a LEFT JOIN stories s ON s.id = a.story "
                       "WHERE s.id IS NULL").fetchone()[0] == 0
    con.close()


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def _children_of(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def test_story_list_into_a_closed_pipe_stops_quietly(tmp_path):
    inputs = tmp_path / "in"
    _write_inputs(inputs)
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(inputs), "--store", db, "--no-progress"]) == 0
    # the reader is gone before the listing starts (as ``newsprism stories | head`` once head has its lines)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, "-m", "newsprism", "stories", "--store", db], stdout=write_end,
                              stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write_end)
    err = proc.stderr.decode()
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert proc.returncode == 141
