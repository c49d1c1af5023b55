"""Fits the same-fact pair model (story/pairs.py) on labelled real clusters, cross-validated by cluster.

Positives are the labelled same-fact pairs and the labelled conflicts (two statements about one thing); negatives are
the labelled look-alikes (weighted up: they are the hard cases) and every unlabelled cross-article pair. The logistic
regression's scores are then calibrated on the labelled pairs alone (Platt scaling of the out-of-fold scores), so a
confidence reads as "how often such a pair states the same fact". The alignment threshold is the lowest confidence at
which the out-of-fold look-alikes are still kept apart at ``APART``. Facts link each statement once and only when
every member agrees with every other, so they keep more look-alikes apart than single pairs do: the threshold the
story uses to align statements into facts (``fact_threshold``) is chosen the same way at the level of facts, by
linking each held-out cluster with the model fitted on the other folds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import Settings
from .compare import cluster_articles, iter_pairs, load_gold

if TYPE_CHECKING:
    from ..story.statements import Unit

APART = 0.90  # share of look-alike pairs the threshold keeps apart; facts, which link each statement once, keep more
# share of look-alike pairs the facts of held-out clusters keep apart: the aim of 0.90 with a margin, since clusters
# the fit never saw score lower than its folds
FACT_APART = 0.92
FACT_GRID = tuple(round(0.60 + 0.01 * k, 2) for k in range(26))  # candidate fact thresholds, 0.60 to 0.85
FOLDS = 6
LOOKALIKE_WEIGHT = 5.0


@dataclass(slots=True)
class LabelledStory:
    """One labelled cluster as the story sees it: its statements, their vectors and each article's passage."""

    label: dict[str, Any]
    units: list["Unit"]
    vectors: np.ndarray | None
    passage: dict[str, int]


def pair_table(gold: str | Path, passages: str | Path, settings: Settings | None = None,
               progress: Callable[[str], None] | None = None, embeddings: bool = True,
               stories: list[LabelledStory] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels ("same", "conflict", "different", "none") and cluster of every cross-article pair; each
    cluster's statements are also appended to ``stories`` when given."""
    import re

    from ..nlp import parse
    from ..story.statements import story_units
    from ..story.context import statement_vectors
    from ..story.entities import build_entities
    from ..story.pairs import pair_features

    settings = settings or Settings()
    xs, labels, groups = [], [], []
    for d in load_gold(gold):
        articles = cluster_articles(Path(passages) / str(d["cluster"]), settings)
        docs = parse(articles, settings)
        units = story_units(articles, docs, build_entities(articles, docs, settings))
        passage = {a.id: int(m.group(1)) for a in articles if (m := re.search(r"p(\d+)\.txt$", a.source or ""))}
        vectors = statement_vectors([u.text for u in units], [(u.article, u.start, u.end) for u in units], None) \
            if embeddings else None
        feats = pair_features(units, vectors)
        if stories is not None:
            stories.append(LabelledStory(d, units, vectors, passage))
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

    stories: list[LabelledStory] = []
    x, labels, groups = pair_table(gold, passages, progress=progress, embeddings=embeddings, stories=stories)
    y = np.isin(labels, ["same", "conflict"]).astype(int)
    w = np.where(labels == "different", LOOKALIKE_WEIGHT, 1.0)
    oof = np.zeros(len(y))
    folds = []  # each fold's model and the clusters it never saw, for the fact-level threshold below
    for train, test in GroupKFold(FOLDS).split(x, y, groups):
        raw = _fit_raw(x[train], y[train], w[train])
        oof[test] = _logit(x[test], *raw)
        folds.append((raw, set(groups[test].tolist())))
    labelled = labels != "none"
    platt = LogisticRegression(C=1e4).fit(oof[labelled][:, None], y[labelled])
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    conf = 1.0 / (1.0 + np.exp(-(a * oof + b)))
    same, diff, none = conf[labels == "same"], conf[labels == "different"], conf[labels == "none"]
    threshold = float(np.quantile(diff, APART))
    facts, fact_counts = fact_threshold(stories, folds, [a, b], threshold)
    mean, scale, coef, intercept = _fit_raw(x, y, w)
    model: dict[str, Any] = {
        "features": list(FEATURES), "mean": mean.tolist(), "scale": scale.tolist(), "coef": coef.tolist(),
        "intercept": intercept, "calibration": [a, b], "threshold": round(threshold, 4),
        "fact_threshold": facts, "embeddings": embeddings,
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
            f"({int(np.sum(none >= threshold))} unlabelled pairs above it); facts of held-out clusters at "
            f"{facts:.2f}: {fact_counts[1]}/{fact_counts[2]} look-alikes apart, {fact_counts[0]}/{fact_counts[3]} "
            f"same pairs in one fact; written to {out}")


def fact_threshold(stories: Sequence[LabelledStory],
                   folds: Sequence[tuple[tuple[np.ndarray, np.ndarray, np.ndarray, float], set[int]]],
                   calibration: list[float], pair_threshold: float) -> tuple[float, tuple[int, int, int, int]]:
    """The lowest threshold of ``FACT_GRID`` at which the facts of every held-out cluster, linked with the model of
    the other folds, keep ``FACT_APART`` of the look-alikes apart; with (same found, apart, look-alikes, same)."""
    from ..story.align import link_statements
    from ..story.pairs import FEATURES, same_probability
    from .compare import both

    counts = np.zeros((len(FACT_GRID), 4), dtype=int)
    for (mean, scale, coef, intercept), held in folds:
        model = {"features": list(FEATURES), "mean": mean.tolist(), "scale": scale.tolist(), "coef": coef.tolist(),
                 "intercept": intercept, "calibration": calibration, "threshold": pair_threshold}
        for st in (s for s in stories if s.label["cluster"] in held):
            prob = same_probability(st.units, st.vectors, model)
            for k, t in enumerate(FACT_GRID):
                sides = [[(st.passage.get(st.units[i].article), st.units[i].text) for i in g]
                         for g in link_statements(st.units, prob, t) if len(g) > 1]
                counts[k] += (sum(any(both(sd, p) for sd in sides) for p in st.label["same"]),
                              sum(not any(both(sd, p) for sd in sides) for p in st.label["different"]),
                              len(st.label["different"]), len(st.label["same"]))
    ok = [k for k in range(len(FACT_GRID)) if counts[k, 1] >= FACT_APART * counts[k, 2]]
    k = ok[0] if ok else len(FACT_GRID) - 1
    return FACT_GRID[k], (int(counts[k, 0]), int(counts[k, 1]), int(counts[k, 2]), int(counts[k, 3]))
