"""Fits the reported-speech model (``story/reported_model.json``) on PolNeAR's training articles.

    newsprism eval quotes --fit-model ../shared/data/polnear/train --only polnear

A candidate (a verb and one complement, or a clause the hand rules report) is positive when its content overlaps a
gold content by more than 0.3 (the evaluation's rule). Logistic regression on the candidate features; the cut is
the one that maximises F1 of the rules' candidates over five folds of articles, and candidates only the model
proposes need the lowest cut at which they are 80% precise over those folds, and the hand rules' speech clauses,
otherwise all kept, are dropped under the highest cut below which at most 25% of them are right: all are chosen
on held-out articles, not on the fit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Settings
from .metrics import char_set, span_overlap
from .quotes import read_polnear

MODEL_PATH = Path(__file__).resolve().parents[1] / "story" / "reported_model.json"

if TYPE_CHECKING:
    from spacy.tokens import Doc


NEW_PRECISION = 0.75  # candidates the hand rules missed are added only where they are this precise (cross-validated)
RULE_FLOOR_PRECISION = 0.25  # the hand rules' speech clauses are dropped below the cut where they are this imprecise


def build_rows(root: str, limit: int | None = None, docs: dict[str, "Doc"] | None = None
               ) -> tuple[list[dict[str, float]], list[int], list[int]]:
    """(features, labels, article index) of every candidate of the training articles (parsed here unless given)."""
    from ..nlp import parse
    from ..story.quotes import find_segments
    from ..story.reported_model import all_candidates

    articles, gold = read_polnear(root, skip_bad=True)
    articles = articles[:limit] if limit else articles
    docs = docs if docs is not None else parse(articles, Settings())
    X: list[dict[str, float]] = []
    y: list[int] = []
    groups: list[int] = []
    for n, art in enumerate(articles):
        gsets = [char_set(art.text, g.content) for g in gold[art.id]]
        quoted = [s.outer for s in find_segments(art.text)]
        for c in all_candidates(docs[art.id], quoted, art.text):
            if "rule" not in c.features and "mostly_quoted" in c.features:
                continue  # never selected: the quotation is found as a quote
            cs = char_set(art.text, [(c.start, c.end)])
            hit = any(gs and not gs.isdisjoint(cs) and span_overlap(gs, cs) > 0.3 for gs in gsets)
            X.append(c.features)
            y.append(int(hit))
            groups.append(n)
    return X, y, groups


def _ruled_speech_row(x: dict[str, float]) -> bool:
    """A row of a speech or object verb's clause found by the hand rules, which no other cut applies to."""
    from ..story.reported_model import NEVER

    return "rule" in x and ("speech" in x or "object_verb" in x) and not NEVER.intersection(x)


def fit(X: list[dict[str, float]], y: list[int], groups: list[int]) -> dict[str, Any]:
    """Weights, bias and the F1-best cut from grouped cross-validation."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    vec = DictVectorizer()
    M = vec.fit_transform(X)
    Y = np.array(y)
    model = LogisticRegression(C=0.5, max_iter=2000)
    prob = cross_val_predict(model, M, Y, groups=groups, cv=GroupKFold(5), method="predict_proba")[:, 1]
    rule = np.array(["rule" in x for x in X])
    speech = np.array([_ruled_speech_row(x) for x in X])
    floor = 0.0
    for cut in np.arange(0.02, 0.6, 0.02):  # the highest cut under which the rules' speech clauses are mostly wrong
        low = speech & (prob < cut)
        if low.sum() >= 20 and float((low & (Y == 1)).sum()) / float(low.sum()) <= RULE_FLOOR_PRECISION:
            floor = float(cut)
    best = (0.0, 0.5)
    new_cut = 1.01
    for cut in np.arange(0.98, 0.1, -0.02):
        tp = float(((prob >= cut) & (Y == 1) & rule).sum())
        p = tp / max(1.0, float(((prob >= cut) & rule).sum()))
        r = tp / max(1.0, float((Y.astype(bool) & rule).sum()))
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        best = max(best, (f1, float(cut)))
        fresh = (prob >= cut) & ~rule  # what the model adds: taken while as precise as the goal asks
        if fresh.sum() >= 20 and float((fresh & (Y == 1)).sum()) / float(fresh.sum()) >= NEW_PRECISION:
            new_cut = float(cut)
    model.fit(M, Y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-4}
    return {"weights": weights, "bias": round(float(model.intercept_[0]), 4), "threshold": round(best[1], 2),
            "new_threshold": round(new_cut, 2), "rule_threshold": round(floor, 2),
            "cv_f1": round(best[0], 4), "candidates": len(y), "positives": int(Y.sum())}


def fit_model(root: str, out: Path = MODEL_PATH, limit: int | None = None) -> dict[str, Any]:
    """Fits on the PolNeAR folder ``root`` and writes the model to ``out`` (by default the shipped one, which the
    next analysis in this process then reads afresh); the model, for the command to describe."""
    from ..story.reported_model import load_model

    X, y, groups = build_rows(root, limit)
    model = fit(X, y, groups)
    out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    load_model.cache_clear()
    return model


def describe(model: dict[str, Any], out: Path = MODEL_PATH) -> str:
    """One line on a fitted model: where it went, what it was fitted on and its cuts."""
    return (f"{out}: {model['candidates']} candidates, {model['positives']} positive, cut {model['threshold']} "
            f"(new candidates {model['new_threshold']}, rules' speech floor {model['rule_threshold']}), "
            f"cross-validated F1 {model['cv_f1']}")
