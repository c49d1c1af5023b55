"""`newsprism eval compare` scores reports by the labels' rules, and agrees with the shared scoring script."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newsprism.eval.compare import measures, score_report, stands_for

SCRIPT = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "score_compare.py"

A1 = "The council voted to close the old bridge on Monday after engineers found cracks."
A2 = "Seven people were hurt when the bus left the road near the bridge."
B1 = "Engineers found cracks in the old bridge, and the council voted on Monday to close it."
B2 = "Five people were hurt when the bus left the road near the bridge."
B3 = "The mayor will visit the school on Friday to open a new library."
LABEL = {"cluster": 7, "junk": [3],
         "conflicts": [{"a": {"p": 1, "quote": A2}, "b": {"p": 2, "quote": B2}, "strength": "hard", "kind": "number"}],
         "same": [{"a": {"p": 1, "quote": A1}, "b": {"p": 2, "quote": B1}}],
         "different": [{"a": {"p": 1, "quote": A1}, "b": {"p": 2, "quote": B3}}],
         "quotes": [{"p": 1, "quote": "we will not reopen it this year", "speaker": "Mayor Ann Holt"},
                    {"p": 2, "quote": "nobody saw the cracks coming at all", "speaker": "an engineer"}]}


def _span(article: str, text: str) -> dict:
    return {"article": article, "start": 0, "end": len(text), "text": text}


REPORT = {"story": {"articles": [{"id": "x1", "source": "c/p1.txt"}, {"id": "x2", "source": "c/p2.txt"},
                                 {"id": "x3", "source": "c/p3.txt"}]},
          "facts": [{"status": "shared", "support": [_span("x1", A1), _span("x2", B1)]},
                    {"status": "conflict", "support": [_span("x1", A2), _span("x2", B2)]},
                    {"status": "conflict", "support": [_span("x2", B3), _span("x1", A1)]}],
          "quotes": [{"article": "x1", "text": "We will not reopen it this year", "speaker": "Holt"},
                     {"article": "x2", "text": "Nobody saw the cracks coming", "speaker": "the mayor"}],
          "notes": []}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "p" / "7"
    folder.mkdir(parents=True)
    for n in (1, 2, 3):
        (folder / f"p{n}.txt").write_text("text", encoding="utf-8")
    return folder


def test_counts_follow_the_label_rules(tmp_path: Path) -> None:
    c = score_report(LABEL, REPORT, _folder(tmp_path))
    assert (c["pred"], c["pred_right"], c["hard"], c["hard_found"]) == (2, 1, 1, 1)
    assert (c["same_found"], c["different_apart"]) == (1, 0)  # the false conflict holds the look-alike pair
    assert (c["junk_kept"], c["real_dropped"]) == (1, 0)
    assert (c["quotes_found"], c["speakers_right"]) == (2, 1)
    m = measures(c)
    assert m["conflict_precision"] == 0.5 and m["speaker_accuracy"] == 0.5
    noted = dict(REPORT, notes=["p3.txt: not a news article (video player text)"])
    assert score_report(LABEL, noted, _folder(tmp_path / "n"))["junk_kept"] == 0


def test_standing_for_needs_most_of_the_shorter_sentence() -> None:
    assert stands_for(A1, B1)
    assert not stands_for(A1, B3)
    assert stands_for("the bridge", A1)  # a sentence shorter than four words must be there whole
    assert not stands_for("the road", A1)


def test_agrees_with_the_shared_scoring_script(tmp_path: Path) -> None:
    if not SCRIPT.exists():
        pytest.skip(f"{SCRIPT} not found: the shared evaluation tools sit beside the repository")
    spec = importlib.util.spec_from_file_location("score_compare", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    folder = _folder(tmp_path)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(LABEL) + "\n", encoding="utf-8")
    reports = tmp_path / "r"
    reports.mkdir()
    (reports / "7.json").write_text(json.dumps(REPORT), encoding="utf-8")
    theirs = mod.score(str(gold), str(folder.parent), str(reports))["counts"]
    ours = score_report(LABEL, REPORT, folder)
    assert {k: ours.get(k, 0) for k in theirs} == dict(theirs)
