"""Fits the same-fact pair model (story/pairs.py) on labelled real clusters, cross-validated by cluster.

Positives are the labelled same-fact pairs and the labelled conflicts (two statements about one thing); negatives are
the labelled look-alikes (weighted up: they are the hard cases) and every unlabelled cross-article pair. The logistic
regression's scores are then calibrated on the labelled pairs alone (Platt scaling of the out-of-fold scores), so a
confidence reads as "how often such a pair states the same fact". The alignment threshold is the lowest confidence at
which the out-of-fold look-alikes are still kept apart at ``APART``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Settings
from .compare import cluster_articles, iter_pairs, load_gold

APART = 0.90  # share of look-alike pairs the threshold keeps apart; facts, which link each statement once, keep more
FOLDS = 6
LOOKALIKE_WEIGHT = 5.0


def pair_table(gold: str | Path, passages: str | Path, settings: Settings | None = None,
               progress: Callable[[str], None] | None = None,
               embeddings: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels ("same", "conflict", "different", "none") and cluster of every cross-article pair."""
    import re

    from ..nlp import parse
    from ..story.align import story_units
    from ..story.embed import embed
    from ..story.entities import build_entities
    from ..story.pairs import pair_features

    settings = settings or Settings()
    xs, labels, groups = [], [], []
    for d in load_gold(gold):
        articles = cluster_articles(Path(passages) / str(d["cluster"]), settings)
        docs = parse(articles, settings)
        units = story_units(articles, docs, build_entities(articles, docs, settings))
        passage = {a.id: int(m.group(1)) for a in articles if (m := re.search(r"p(\d+)\.txt$", a.source or ""))}
        feats = pair_features(units, embed([u.text for u in units]) if embeddings else None)
        for i, j, label in iter_pairs(d, [(passage.get(u.article), u.text) for u in units]):
            xs.append(feats[i, j])
            labels.append(label)
            groups.append(d["cluster"])
        if progress:
            progress(f"cluster {d['cluster']}: {len(units)} statements")
    return np.array(xs, dtype=np.float32), np.array(labels), np.array(groups)


def _fit_raw(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=1.0, max_iter=3000).fit((x - mean) / scale, y, sample_weight=w)
    return mean, scale, lr.coef_[0], float(lr.intercept_[0])


def _logit(x: np.ndarray, mean: np.ndarray, scale: np.ndarray, coef: np.ndarray, intercept: float) -> np.ndarray:
    z: np.ndarray = ((x - mean) / scale) @ coef + intercept
    return z


def fit(gold: str | Path, passages: str | Path, out: str | Path,
        progress: Callable[[str], None] | None = None, embeddings: bool = True) -> str:
    """Fits, cross-validates and writes the model; returns the cross-validated figures as text."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    from ..story.pairs import FEATURES

    x, labels, groups = pair_table(gold, passages, progress=progress, embeddings=embeddings)
    y = np.isin(labels, ["same", "conflict"]).astype(int)
    w = np.where(labels == "different", LOOKALIKE_WEIGHT, 1.0)
    oof = np.zeros(len(y))
    for train, test in GroupKFold(FOLDS).split(x, y, groups):
        oof[test] = _logit(x[test], *_fit_raw(x[train], y[train], w[train]))
    labelled = labels != "none"
    platt = LogisticRegression(C=1e4).fit(oof[labelled][:, None], y[labelled])
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    conf = 1.0 / (1.0 + np.exp(-(a * oof + b)))
    same, diff, none = conf[labels == "same"], conf[labels == "different"], conf[labels == "none"]
    threshold = float(np.quantile(diff, APART))
    mean, scale, coef, intercept = _fit_raw(x, y, w)
    model: dict[str, Any] = {
        "features": list(FEATURES), "mean": mean.tolist(), "scale": scale.tolist(), "coef": coef.tolist(),
        "intercept": intercept, "calibration": [a, b], "threshold": round(threshold, 4), "embeddings": embeddings,
        "fitted_on": {"clusters": int(len(set(groups.tolist()))), "pairs": int(len(y)), "positives": int(y.sum())}}
    Path(out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    def auc(p: np.ndarray, n: np.ndarray) -> float:
        return float(roc_auc_score(np.r_[np.ones(len(p)), np.zeros(len(n))], np.r_[p, n]))

    alone = ", ".join(f"{name} cosine alone {auc(x[labels == 'same', k], x[labels == 'different', k]):.3f}"
                      for name, k in (("embedding", FEATURES.index("embedding")), ("TF-IDF", FEATURES.index("lexical")))
                      if embeddings or name == "TF-IDF")
    return (f"pair model{'' if embeddings else ' without embeddings'}, {FOLDS}-fold by cluster ({alone}): ROC AUC same vs look-alike {auc(same, diff):.3f}, "
            f"same vs unlabelled {auc(same, none):.3f}; threshold {threshold:.3f} keeps {np.mean(diff < threshold):.2f} "
            f"of look-alikes apart and links {np.mean(same >= threshold):.2f} of same pairs "
            f"({int(np.sum(none >= threshold))} unlabelled pairs above it); written to {out}")
