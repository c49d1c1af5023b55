"""`newsprism eval junk`: labelled non-articles kept and real articles dropped, on invented clusters and, when the
data is present, on the real labelled clusters (none kept, none dropped)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.eval.junk import run_junk

SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLD = SHARED / "gold" / "compare-dev.jsonl"
CLUSTERS = [0, 9, 10, 11, 12, 13, 17, 18, 19, 20, 21, 22, 25, 26, 40, 41, 42, 44, 45, 46, 50, 62, 63, 65]

REPORTS = [
    "The Lakeview public library reopened on Monday, six weeks after a burst water main flooded its reading room "
    "and damaged more than 4,000 books, head librarian Ruth Okonkwo said. The council paid for new shelving.",
    "Lakeview's library is open again after a flood closed it for six weeks, librarian Ruth Okonkwo told "
    "reporters on Monday. More than 4,000 books were damaged when a water main burst under the reading room.",
    "A burst water main that flooded the Lakeview library six weeks ago damaged over 4,000 books, officials said "
    "on Monday as the building reopened. Council member Victor Hale said repairs cost about $85,000.",
]
PLAYER = ("Your browser does not support the video player. Enable JavaScript to watch the video.\n\nUp next\n\n"
          "Replay\n\nMute\n\nFull screen\n\nThis video is unavailable in your country at the moment.")


def _clusters(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "passages" / "7"
    folder.mkdir(parents=True)
    for n, text in enumerate([*REPORTS, PLAYER], start=1):
        (folder / f"p{n}.txt").write_text(text + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"cluster": 7, "junk": [4]}) + "\n", encoding="utf-8")
    return gold, tmp_path / "passages"


def test_the_player_text_is_left_out_and_the_reports_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, passages = _clusters(tmp_path)
    out = tmp_path / "junk.json"
    run = run_junk(str(gold), str(passages), json_out=str(out))
    assert run.code == 0 and capsys.readouterr() == ("", "")
    printed = run.out()
    assert "1 junk passages, 3 real articles" in printed and "WRONG" not in printed
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["systems"]["newsprism (read + screen)"] == {"junk_kept": 0, "real_dropped": 0}
    assert result["systems"]["reading alone"] == {"junk_kept": 1, "real_dropped": 0}
    assert "video player" in result["left_out"]["7/p4.txt"]


def test_a_real_article_labelled_junk_is_shown_wrong(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, passages = _clusters(tmp_path)
    gold.write_text(json.dumps({"cluster": 7, "junk": [1, 4]}) + "\n", encoding="utf-8")
    run = run_junk(str(gold), str(passages))
    assert run.code == 0 and "WRONG 7/p1.txt (junk): kept" in run.out()


def test_missing_passages_are_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, _ = _clusters(tmp_path)
    run = run_junk(str(gold), str(tmp_path / "nowhere"))
    assert run.code == 2
    err = run.err().strip().splitlines()
    assert len(err) == 1 and "nowhere" in err[0] and "mn_passages.py" in err[0]


@pytest.mark.slow
@pytest.mark.data
def test_real_labelled_clusters_no_junk_kept_no_article_dropped(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = SHARED / "data" / "multi_news" / "dev.jsonl"
    if not (GOLD.exists() and source.exists()):
        pytest.skip(f"labelled clusters or Multi-News dev not found under {SHARED}")
    passages = tmp_path / "passages"
    subprocess.run([sys.executable, str(SHARED / "tools" / "mn_passages.py"), str(source), str(passages),
                    *map(str, CLUSTERS)], check=True)
    out = tmp_path / "junk.json"
    assert run_junk(str(GOLD), str(passages), json_out=str(out)).code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["junk"] == 8 and result["real"] == 77
    assert result["systems"]["newsprism (read + screen)"] == {"junk_kept": 0, "real_dropped": 0}
