"""eval mrpc on invented paraphrase pairs written in the MRPC file format."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.eval.mrpc import evaluate, format_table, load_mrpc, run_mrpc

PARAPHRASES = [
    ("The council approved the budget on Monday.", "On Monday the council passed the budget."),
    ("Police arrested three men after the robbery.", "Three men were arrested by police after the robbery."),
    ("The storm cut power to 20,000 homes.", "About 20,000 homes lost power in the storm."),
    ("The mayor said the bridge would reopen in May.", "The bridge will reopen in May, the mayor said."),
    ("Shares of the company fell 5 percent.", "The company's stock dropped 5 percent."),
    ("The museum will close for repairs next year.", "Next year the museum closes for repairs."),
]
DIFFERENT = [
    ("The council approved the budget on Monday.", "The council will debate the schools plan in June."),
    ("Police arrested three men after the robbery.", "The robbery was the third in the town this year."),
    ("The storm cut power to 20,000 homes.", "Schools stayed open despite the storm."),
    ("The mayor said the bridge would reopen in May.", "The mayor faces an election in November."),
    ("Shares of the company fell 5 percent.", "The company hired 300 workers in Ohio."),
    ("The museum will close for repairs next year.", "The museum's new director starts in March."),
]


def _write(path: Path, pairs: list[tuple[int, str, str]]) -> None:
    lines = ["\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String"]
    lines += [f"{q}\t{i}\t{i + 1000}\t{a}\t{b}" for i, (q, a, b) in enumerate(pairs)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_mrpc_figures_on_invented_pairs(tmp_path: Path, capsys) -> None:
    pairs = [(1, a, b) for a, b in PARAPHRASES] + [(0, a, b) for a, b in DIFFERENT]
    _write(tmp_path / "msr_paraphrase_train.txt", pairs)
    _write(tmp_path / "msr_paraphrase_test.txt", pairs[::2] + pairs[1::2])
    a, b, y = load_mrpc(tmp_path / "msr_paraphrase_test.txt")
    assert len(a) == len(b) == 12 and y.sum() == 6 and a[0] == PARAPHRASES[0][0]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"cluster": 1, "same": [{"a": {"p": 1, "quote": x}, "b": {"p": 2, "quote": z}}
                                                        for x, z in PARAPHRASES],
                                "different": [{"a": {"p": 1, "quote": x}, "b": {"p": 2, "quote": z}}
                                              for x, z in DIFFERENT]}) + "\n", encoding="utf-8")
    result = evaluate(tmp_path, gold)
    acc, f1 = result["mrpc_test"]["majority class"]
    assert (acc, round(f1, 3)) == (0.5, 0.667)
    # a sentence embedding tells these easy invented paraphrases from unrelated statements of the same topic
    assert result["mrpc_test"]["MiniLM-L3 cosine"][0] >= 0.9
    assert result["gold_auc"]["MiniLM-L3 cosine"] >= 0.9
    text = format_table(result)
    assert "MRPC test (12 pairs" in text and "6 same-fact vs 6 look-alike" in text
    run = run_mrpc(str(tmp_path / "missing"))
    assert run.code == 2 and "no msr_paraphrase_test.txt" in run.err()
