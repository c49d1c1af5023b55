"""`newsprism eval align`: labels, metrics, and a run on a small invented cluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import NewsprismError
from newsprism.eval.align import LABELS, evaluate, load_cluster, load_labels, prf, run_align, sentence_hash
from newsprism.model import Article
from newsprism.nlp import parse, sentences

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "multi_news" / "dev.jsonl"

ONE = ("The storm knocked out power to 40,000 homes in Clarksville on Sunday. NEWLINE_CHAR NEWLINE_CHAR "
       "Crews expect to restore service by Tuesday night. NEWLINE_CHAR The mayor opened two shelters downtown.")
TWO = ("About 40,000 homes in Clarksville lost power when the storm hit on Sunday. NEWLINE_CHAR "
       "Schools will stay closed on Monday. NEWLINE_CHAR The mayor opened two shelters in the city centre.")


def test_label_file_is_well_formed() -> None:
    pairs = load_labels(LABELS)
    assert len({p.cluster for p in pairs}) >= 10
    assert {p.same for p in pairs} == {True, False}
    assert {p.split for p in pairs} == {"tune", "test"}
    assert not {p.cluster for p in pairs if p.split == "tune"} & {p.cluster for p in pairs if p.split == "test"}
    for p in pairs:
        assert p.a[0] != p.b[0]
        assert len(p.a[3]) == len(p.b[3]) == 10


def test_prf() -> None:
    m = prf([True, True, False, False], [True, False, True, False])
    assert (m["precision"], m["recall"], m["f1"], m["tp"], m["fp"], m["fn"]) == (0.5, 0.5, 0.5, 1, 1, 1)
    assert prf([False], [True])["f1"] == 0.0


def _write_cluster(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "dev.jsonl"
    data.write_text(json.dumps({"id": "x", "context": f"Passage 1:\n{ONE}\nPassage 2:\n{TWO}", "summary": ""}) + "\n",
                    encoding="utf-8")
    arts = load_cluster(str(data), 0)
    docs = parse(arts)
    sents = {a.id: sentences(a, docs[a.id]) for a in arts}
    s1, s2 = sents["c0p1"], sents["c0p2"]

    def ref(passage: int, s) -> list:  # type: ignore[no-untyped-def]
        return [passage, s.start, s.end, sentence_hash(s.text)]

    rows = []
    for split in ("tune", "test"):
        rows += [
            {"cluster": 0, "a": ref(1, s1[0]), "b": ref(2, s2[0]), "label": "same fact", "split": split},
            {"cluster": 0, "a": ref(1, s1[2]), "b": ref(2, s2[2]), "label": "same fact", "split": split},
            {"cluster": 0, "a": ref(1, s1[1]), "b": ref(2, s2[1]), "label": "not", "split": split},
        ]
    stale = dict(rows[0])
    stale["a"] = [1, s1[0].start, s1[0].end, "0000000000"]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in [*rows, stale]) + "\n", encoding="utf-8")
    return data, labels


def test_evaluate_small_cluster(tmp_path: Path) -> None:
    data, labels = _write_cluster(tmp_path)
    arts = load_cluster(str(data), 0)
    assert [a.id for a in arts] == ["c0p1", "c0p2"] and all(isinstance(a, Article) for a in arts)
    assert "NEWLINE_CHAR" not in arts[0].text
    result = evaluate(labels, str(data))
    assert result["pairs"] == 6 and result["stale"] == 1
    for section in ("test", "all"):
        for m in result[section].values():
            assert 0.0 <= m["precision"] <= 1.0 and 0.0 <= m["recall"] <= 1.0
    assert result["test"]["newsprism (default threshold)"]["f1"] == 1.0


def test_run_align_gives_both_systems_and_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, labels = _write_cluster(tmp_path)
    out = tmp_path / "r.json"
    run = run_align(str(labels), str(data), json_out=str(out))
    assert run.code == 0 and capsys.readouterr() == ("", "")
    text = run.out()
    assert "newsprism" in text and "tfidf" in text
    assert json.loads(out.read_text())["pairs"] == 6


def test_bad_inputs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    with pytest.raises(NewsprismError, match="not a label line"):
        load_labels(bad)
    with pytest.raises(NewsprismError, match="cannot read"):
        load_labels(tmp_path / "missing.jsonl")
    data, labels = _write_cluster(tmp_path)
    with pytest.raises(NewsprismError, match="not found"):
        evaluate(labels, str(tmp_path / "nope.jsonl"))


@pytest.mark.slow
def test_labels_match_the_data() -> None:
    if not DATA.exists():
        pytest.skip(f"evaluation data not found at {DATA}")
    result = evaluate(LABELS, str(DATA))
    assert result["stale"] == 0
    assert result["pairs"] >= 150
    # quality gate: newsprism stays at least as good as the TF-IDF baseline on the held-out test pairs
    assert result["test"]["newsprism (default threshold)"]["f1"] >= 0.72
