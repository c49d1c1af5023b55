"""Fitting the reported-speech model: rows labelled from brat annotations, a model returned and written, nothing
printed (the command prints)."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.eval.fit_quotes import describe, fit_model

# Five texts a folder of GroupKFold(5) needs, each with one attribution and one verb that reports nothing.
TEXTS = [
    ("Mayor Ann Lee said the bridge would reopen in May. The river rose over the old road.",
     "the bridge would reopen in May", "said", "Mayor Ann Lee"),
    ("Governor Tom Berg argued that taxes must fall next year. Workers painted the new school.",
     "taxes must fall next year", "argued", "Governor Tom Berg"),
    ("The minister warned that prices would rise sharply. The farmers planted wheat in April.",
     "prices would rise sharply", "warned", "The minister"),
    ("Senator Ruth Hale claimed the vote had been rigged. The council built a new library.",
     "the vote had been rigged", "claimed", "Senator Ruth Hale"),
    ("The chairman insisted that the deal was fair to everyone. The company opened a new plant.",
     "the deal was fair to everyone", "insisted", "The chairman"),
    ("Judge Mary Cole said the trial would start in June. The storm closed the airport.",
     "the trial would start in June", "said", "Judge Mary Cole"),
]


def _folder(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for n, (text, content, cue, source) in enumerate(TEXTS):
        (root / "text" / f"doc{n}.txt").write_text(text, encoding="utf-8")
        lines = []
        for k, (label, s) in enumerate((("Content", content), ("Cue", cue), ("Source", source)), 1):
            lines.append(f"T{k}\t{label} {text.index(s)} {text.index(s) + len(s)}\t{s}")
        lines.append("E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3")
        (root / "attributions" / f"doc{n}_ab12.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_fit_writes_and_returns_the_model_and_prints_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "model.json"
    model = fit_model(str(_folder(tmp_path / "polnear")), out=out)
    assert capsys.readouterr() == ("", "")
    assert json.loads(out.read_text(encoding="utf-8")) == model
    assert model["positives"] >= len(TEXTS) and model["candidates"] > model["positives"]
    assert model["weights"]["lemma=say"] > 0 > model["weights"].get("lemma=plant", -1.0)
    assert 0.0 < model["threshold"] < 1.0 and str(out) in describe(model, out)
