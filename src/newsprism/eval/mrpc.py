"""`newsprism eval mrpc`: how well sentence representations tell paraphrases apart, on MRPC and on real clusters.

The Microsoft Research Paraphrase Corpus gives 4,076 training and 1,725 test pairs of news sentences, each marked
paraphrase or not. Each representation's cosine is scored alone (its threshold chosen on the training pairs), beside
a logistic regression over sentence-pair features fitted on the training pairs. The same scores are then read on
the labelled same-fact and look-alike pairs of real multi-outlet clusters (``compare-dev.jsonl``), where the question
is the one the fact alignment asks: does a model trained on MRPC transfer to telling a shared fact from a look-alike?
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .outcome import EvalRun

_NUMBER = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\b")
FEATURES = ("embedding", "tfidf", "content", "names", "figures_agree", "figures_differ", "length_ratio")


def load_mrpc(path: str | Path) -> tuple[list[str], list[str], np.ndarray]:
    """First sentences, second sentences and labels (1 = paraphrase) of one MRPC split file."""
    a, b, y = [], [], []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            a.append(row["#1 String"])
            b.append(row["#2 String"])
            y.append(int(row["Quality"]))
    return a, b, np.array(y)


def gold_pairs(path: str | Path) -> tuple[list[str], list[str], np.ndarray]:
    """The labelled same-fact (1) and look-alike (0) sentence pairs of labelled real clusters."""
    a, b, y = [], [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        for key, label in (("same", 1), ("different", 0)):
            for pair in d.get(key, []):
                a.append(pair["a"]["quote"])
                b.append(pair["b"]["quote"])
                y.append(label)
    return a, b, np.array(y)


def _words(text: str, stop: frozenset[str]) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in stop and len(w) > 1}


def _jaccard(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x | y) if x | y else 0.0


def sentence_pair_features(a: Sequence[str], b: Sequence[str], vectorizer: Any) -> np.ndarray:
    """One row per pair of lone sentences (no article around them, unlike the story pair model's features):
    embedding and TF-IDF cosines, shared content words, names and figures, length ratio."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from ..story.embed import embed

    va, vb = embed(list(a)), embed(list(b))
    ta, tb = vectorizer.transform(a), vectorizer.transform(b)
    rows = []
    for i, (x, y) in enumerate(zip(a, b)):
        fx, fy = set(_NUMBER.findall(x)), set(_NUMBER.findall(y))
        both = bool(fx and fy)
        words = _jaccard(_words(x, ENGLISH_STOP_WORDS), _words(y, ENGLISH_STOP_WORDS))
        rows.append((float(va[i] @ vb[i]), float(ta[i].multiply(tb[i]).sum()), words,
                     _jaccard(set(_NAME.findall(x)), set(_NAME.findall(y))), float(both and fx == fy),
                     float(both and not fx & fy), min(len(x), len(y)) / max(len(x), len(y), 1)))
    return np.array(rows, dtype=np.float64)


def _best_threshold(score: np.ndarray, y: np.ndarray) -> float:
    """The cut on training scores with the best accuracy."""
    cuts = np.unique(score)
    acc = [(np.mean((score >= c) == y), c) for c in cuts[:: max(1, len(cuts) // 400)]]
    return float(max(acc)[1])


def _acc_f1(pred: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.metrics import f1_score

    return float(np.mean(pred == y)), float(f1_score(y, pred))


def evaluate(mrpc: str | Path, gold: str | Path | None = None) -> dict[str, Any]:
    """Accuracy and F1 on MRPC test of each cosine alone and of the fitted model; ROC AUC of each on the gold."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    folder = Path(mrpc)
    a, b, y = load_mrpc(folder / "msr_paraphrase_train.txt")
    ta, tb, ty = load_mrpc(folder / "msr_paraphrase_test.txt")
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(a + b)
    x, tx = sentence_pair_features(a, b, vectorizer), sentence_pair_features(ta, tb, vectorizer)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(x, y)
    out: dict[str, Any] = {"train_pairs": len(y), "test_pairs": len(ty), "mrpc_test": {}, "gold_auc": {}}
    out["mrpc_test"]["majority class"] = _acc_f1(np.ones_like(ty), ty)
    for name, k in (("TF-IDF cosine", 1), ("MiniLM-L3 cosine", 0)):
        out["mrpc_test"][name] = _acc_f1((tx[:, k] >= _best_threshold(x[:, k], y)).astype(int), ty)
    out["mrpc_test"]["logistic, fitted on MRPC train"] = _acc_f1(model.predict(tx), ty)
    if gold and Path(gold).exists():
        ga, gb, gy = gold_pairs(gold)
        gx = sentence_pair_features(ga, gb, vectorizer)
        out["gold_pairs"] = {"same": int(gy.sum()), "look-alike": int(len(gy) - gy.sum())}
        out["gold_auc"]["TF-IDF cosine"] = float(roc_auc_score(gy, gx[:, 1]))
        out["gold_auc"]["MiniLM-L3 cosine"] = float(roc_auc_score(gy, gx[:, 0]))
        out["gold_auc"]["logistic, fitted on MRPC train"] = float(roc_auc_score(gy, model.predict_proba(gx)[:, 1]))
    return out


def format_table(result: dict[str, Any]) -> str:
    lines = [f"MRPC test ({result['test_pairs']} pairs; fitted on {result['train_pairs']} train pairs)",
             f"{'':34} {'accuracy':>9} {'F1':>7}"]
    lines += [f"{name:34} {acc:9.3f} {f1:7.3f}" for name, (acc, f1) in result["mrpc_test"].items()]
    if result["gold_auc"]:
        g = result["gold_pairs"]
        lines.append(f"labelled real clusters: {g['same']} same-fact vs {g['look-alike']} look-alike pairs, ROC AUC")
        lines += [f"{name:34} {auc:9.3f}" for name, auc in result["gold_auc"].items()]
    return "\n".join(lines)


def run_mrpc(mrpc: str, gold: str | None = None, json_out: str | None = None) -> EvalRun:
    """`newsprism eval mrpc`: the table of accuracies (exit code 2 without the MRPC files)."""
    run = EvalRun()
    if not (Path(mrpc) / "msr_paraphrase_test.txt").exists():
        return run.fail(f"newsprism: eval mrpc: no msr_paraphrase_test.txt in {mrpc}; give the MRPC folder")
    result = evaluate(mrpc, gold)
    run.say(format_table(result))
    if json_out:
        Path(json_out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return run
