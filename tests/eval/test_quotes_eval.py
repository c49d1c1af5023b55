"""`newsprism eval quotes`: metrics, the brat reader, and a whole run on small invented data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import NewsprismError
from newsprism.eval.metrics import PRF, char_set, greedy_match, same_speaker, span_overlap, text_overlap
from newsprism.eval.quotes import read_polnear, run_quotes

TEXT = (
    "Mayor Ann Lee said on Monday that the bridge would reopen in May.\n\n"
    "“We have the money and the workers,” Lee told reporters. “Nothing can stop us now.”\n\n"
    "Critics disagreed."
)


def _brat(text: str, items: list[tuple[str | tuple[str, ...], str, str | None]]) -> str:
    """Brat lines for (content, cue, source) strings found in ``text``; a tuple of strings is a content in pieces."""
    lines: list[str] = []
    n = 0
    for e, (content, cue, source) in enumerate(items, 1):
        refs = []
        for label, s in (("Content", content), ("Cue", cue), ("Source", source)):
            if s is None:
                continue
            n += 1
            parts = (s,) if isinstance(s, str) else s
            ranges = ";".join(f"{text.index(x)} {text.index(x) + len(x)}" for x in parts)
            lines.append(f"T{n}\t{label} {ranges}\t{' '.join(parts)}")
            refs.append(f"{label}:T{n}")
        lines.append(f"E{e}\tAttribution:T0 " + " ".join(refs))
    return "\n".join(lines) + "\n"


@pytest.fixture()
def data(tmp_path: Path) -> dict[str, str]:
    pol = tmp_path / "polnear"
    (pol / "text").mkdir(parents=True)
    (pol / "attributions").mkdir()
    (pol / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    items: list[tuple[str | tuple[str, ...], str, str | None]] = [
        ("that the bridge would reopen in May", "said", "Mayor Ann Lee"),
        (("“We have the money and the workers,”", "“Nothing can stop us now.”"), "told", "Lee"),  # one quote
    ]
    (pol / "attributions" / "doc1_ab12.ann").write_text(_brat(TEXT, items), encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "story.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"doc": "story.txt", "kind": "direct", "speaker": "Ann Lee", "text": "We have the money and the workers,"},
        {"doc": "story.txt", "kind": "indirect", "speaker": "Ann Lee", "text": "the bridge would reopen in May."},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return {"polnear": str(pol), "seeds": str(seeds), "gold": str(gold)}


def test_overlap_metrics() -> None:
    text = "ab “cd ef” gh"
    g = char_set(text, [(3, 10)])
    p = char_set(text, [(4, 9)])
    assert g == p  # quotation marks and spaces are not counted
    assert span_overlap(g, p) == 1.0
    assert span_overlap(char_set(text, [(0, 6)]), char_set(text, [(4, 13)])) == pytest.approx(2 / 6)
    assert span_overlap(frozenset(), p) == 0.0
    assert text_overlap("We don’t stop.", "we dont stop") == 1.0
    assert greedy_match([(0.9, 0, 0), (0.8, 0, 1), (0.5, 1, 0), (0.4, 1, 1)], 0.3) == [(0, 0, 0.9), (1, 1, 0.4)]
    prf = PRF(tp=2, gold=4, pred=2)
    assert (prf.precision, prf.recall) == (1.0, 0.5) and prf.f1 == pytest.approx(2 / 3)
    assert PRF(0, 0, 0).f1 == 0.0
    assert same_speaker("Donald Trump", "Trump") and same_speaker("senior administration official", "the official")
    assert not same_speaker("Donald Trump", "Wang Yi") and not same_speaker("Trump", None)


def test_read_polnear_checks_offsets(data: dict[str, str]) -> None:
    arts, gold = read_polnear(data["polnear"])
    assert [a.id for a in arts] == ["doc1"] and len(gold["doc1"]) == 2
    assert len(gold["doc1"][1].content) == 2
    ann = Path(data["polnear"]) / "attributions" / "doc1_ab12.ann"
    ann.write_text(ann.read_text(encoding="utf-8").replace("\tsaid", "\tsays"), encoding="utf-8")
    with pytest.raises(NewsprismError, match="does not match"):
        read_polnear(data["polnear"])


def test_run_quotes_prints_both_systems_and_writes_json(data: dict[str, str], tmp_path: Path, capsys) -> None:
    pytest.importorskip("textacy", reason="textacy is the baseline; install newsprism[eval]")
    out = tmp_path / "res.json"
    run = run_quotes(gold=data["gold"], seeds=data["seeds"], polnear=data["polnear"], json_out=str(out))
    assert run.code == 0
    printed = run.out()
    assert "newsprism" in printed and "textacy" in printed and "content f1 % @0.8" in printed
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["seeds"]["newsprism"]["recall"] == 1.0
    assert res["seeds"]["newsprism"]["speaker_accuracy"] == 1.0
    assert res["seeds"]["textacy"]["recall"] <= 0.5  # no indirect quotes in the baseline
    pn = res["polnear"]["newsprism"]
    assert pn["@0.3"]["recall"] == 1.0 and pn["speaker_accuracy"] == 1.0


def test_run_quotes_only_runs_the_sets_named(data: dict[str, str], tmp_path: Path) -> None:
    pytest.importorskip("textacy", reason="textacy is the baseline; install newsprism[eval]")
    out = tmp_path / "res.json"
    run = run_quotes(gold=data["gold"], seeds=data["seeds"], polnear=data["polnear"], json_out=str(out),
                     only=["polnear"])
    assert run.code == 0 and "seeds:" not in run.out() and "PolNeAR:" in run.out() and "skipped" not in run.err()
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["seeds"] is None and res["compare"] is None and res["polnear"]["newsprism"]["@0.3"]["recall"] == 1.0


def test_run_quotes_without_data_says_what_to_pass(tmp_path: Path, capsys) -> None:
    missing = str(tmp_path / "none")
    run = run_quotes(gold=missing, seeds=missing, polnear=missing)
    assert run.code == 2 and "--polnear" in run.err()


def test_pieces_of_one_statement_are_scored_as_one() -> None:
    from newsprism.eval.quotes import Pred, statements

    preds = [Pred(0, 10, "Lee", id="q1"), Pred(20, 30, "Lee", id="q2", part_of="q1"),
             Pred(40, 50, "Berg", id="q3"), Pred(60, 70, None, id="q4", part_of="q9")]
    joined = statements(preds)
    assert [p.ranges for p in joined] == [[(0, 10), (20, 30)], [(40, 50)], [(60, 70)]]
    assert preds[0].pieces == []  # the system's own predictions are left as they were
