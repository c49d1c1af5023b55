"""`newsprism eval summarize`: data loading, one budget rule for all systems, baselines, the table and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import NewsprismError
from newsprism.eval import tokenize
from newsprism.eval.summarize import (
    cluster_articles, evaluate, lead, load_clusters, run_summarize, sumy_rank, truncate,
)
from newsprism.model import Sentence

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "multi_news" / "dev.jsonl"

P1 = ("A storm knocked out power to 40,000 homes in Carver County on Friday. NEWLINE_CHAR NEWLINE_CHAR "
      "Crews worked through the night to restore lines, the utility said. NEWLINE_CHAR NEWLINE_CHAR "
      "Schools will stay closed on Monday.")
P2 = ("Power was cut to about 40,000 homes across Carver County when a storm hit on Friday. NEWLINE_CHAR "
      "The utility expects most homes to have power again by Sunday. NEWLINE_CHAR "
      "Follow us on Twitter for updates")
REF = "A Friday storm cut power to 40,000 Carver County homes. The utility hopes to restore it by Sunday."


def _file(tmp_path: Path, n: int = 2) -> Path:
    path = tmp_path / "mn.jsonl"
    rows = [{"id": f"c{i}", "context": f"Passage 1:\n{P1}\nPassage 2:\n{P2}\n", "summary": REF} for i in range(n)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_load_clusters_splits_passages_and_line_breaks(tmp_path: Path) -> None:
    clusters = load_clusters(str(_file(tmp_path, 3)), limit=2)
    assert len(clusters) == 2
    c = clusters[0]
    assert len(c.passages) == 2 and "NEWLINE_CHAR" not in c.passages[0]
    assert c.passages[0].splitlines()[0] == "A storm knocked out power to 40,000 homes in Carver County on Friday."
    arts = cluster_articles(c)
    assert arts[0].id.startswith("a") and len(arts[0].id) == 13 and arts[0].id != arts[1].id


def test_bad_data_file(tmp_path: Path) -> None:
    with pytest.raises(NewsprismError, match="no such file"):
        load_clusters(str(tmp_path / "none.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"context": "x"}\n', encoding="utf-8")
    with pytest.raises(NewsprismError, match="context and summary"):
        load_clusters(str(bad))


def test_truncate_is_one_rule_for_all() -> None:
    assert truncate(["one two three", "four five six"], 4) == ["one two three", "four"]
    assert truncate(["one two"], 10) == ["one two"]
    assert truncate(["one two", "three"], 2) == ["one two"]


def test_lead_takes_first_sentences_in_turn() -> None:
    s = {k: [Sentence(k, i, 0, 1, f"{k}{i}") for i in range(n)] for k, n in (("a", 3), ("b", 1))}
    assert lead(s, ["a", "b"]) == ["a0", "b0", "a1", "a2"]


def test_sumy_baselines_rank_every_sentence_without_nltk_data() -> None:
    texts = ["A cat slept on the porch.", "The storm cut power to many homes in the county.",
             "Power cuts hit homes across the county after the storm.", "The county said the storm cut power."]
    for kind in ("lexrank", "textrank"):
        ranked = sumy_rank(kind, texts)
        assert sorted(ranked) == sorted(texts)
    assert sumy_rank("textrank", texts)[0] != "A cat slept on the porch."


def test_tokenizer() -> None:
    assert tokenize.words("It's 40,000 homes, the U.S. said.") == ["It's", "40,000", "homes", "the", "U.S", "said"]
    assert tokenize.sentences("Mr. Lee left at 5 p.m. on Friday. He said \"no.\" Then he went home.") == [
        "Mr. Lee left at 5 p.m. on Friday.", "He said \"no.\"", "Then he went home."]


def test_run_gives_table_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    seen: list[tuple[int, int]] = []
    run = run_summarize(str(_file(tmp_path)), words=30, json_out=str(out),
                        progress=lambda n, total: seen.append((n, total)))
    assert run.code == 0 and capsys.readouterr() == ("", "") and seen == [(1, 2), (2, 2)]
    table = run.out()
    for name in ("newsprism", "lead", "lexrank", "textrank", "R-1", "LB R-L", "verify:"):
        assert name in table
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["words"] == 30 and result["clusters"] == 2
    for sc in result["systems"].values():
        assert sc["words"] <= 30 and 0 < sc["rouge1"] <= 100
    assert result["verify"]["rate"] == 1.0


def test_words_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(NewsprismError, match="--words"):
        run_summarize(str(_file(tmp_path)), words=0)


@pytest.mark.slow
@pytest.mark.data
def test_multi_news_quality_gate() -> None:
    """On the first dev clusters the summary beats every baseline of the same run, and every sentence verifies."""
    if not DATA.exists():
        pytest.skip(f"{DATA} is absent; the Multi-News dev data is needed for this gate")
    result = evaluate(load_clusters(str(DATA), limit=12), words=250)
    ours = result["systems"]["newsprism"]
    best = max(v["rouge1"] for k, v in result["systems"].items() if not k.startswith("newsprism"))
    assert ours["rouge1"] > best
    assert ours["rouge1"] >= 41.0
    assert result["verify"]["rate"] == 1.0
