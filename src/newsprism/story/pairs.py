"""How likely two statements of different articles state the same fact: a calibrated model over agreement features.

Sentence embeddings alone do not tell a restatement from a look-alike (two sentences about the same people that
say different things), nor do shared words. The model combines them with what the statements assert: the names,
figures and counted things they share or not, whether each is the other's closest statement in its article, and
where both stand in their articles. It is a logistic regression fitted on the labelled real clusters
(``newsprism eval compare --fit-pairs``), cross-validated so that no cluster scores itself; its weights live in
``pair_model.json`` beside this module.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .align import NORMAL, REPORTING, STRONG_FRAMES, Unit, binary_rows, overlap_matrix, similarity_matrix, tfidf

MODEL_PATH = Path(__file__).with_name("pair_model.json")
MIN_CONTEXT = 6  # statements an article needs for "closest in its article" to mean something
CONTEXT = ("closest_either", "mutual", "margin_low", "margin_high", "earlier_position", "later_position")
FEATURES = ("embedding", "lexical", "bigram", "content", "names", "shared_names", "name_difference", "shared_figures",
            "figure_clash", "counted", "shorter_words", "longer_words", "closest_either", "mutual",
            "margin_low", "margin_high", "earlier_position", "later_position", "similarity", "shared_stance",
            "stance_mismatch", "verbs", "shared_verbs")


def pair_features(units: Sequence[Unit], vectors: np.ndarray) -> np.ndarray:
    """An (n, n, len(FEATURES)) array of agreement features of every pair of statements, symmetric in the pair
    (same-article pairs too; callers mask them)."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0, len(FEATURES)), dtype=np.float32)
    docs = [[t for t in u.terms if not t.startswith("@")] for u in units]
    x = tfidf(docs)
    lexical = (x @ x.T).toarray()
    xb = tfidf([[f"{a}_{b}" for a, b in zip(d, d[1:])] for d in docs])
    bigram = (xb @ xb.T).toarray()
    xc = tfidf([[t for t in u.content if not t.startswith("@")] for u in units])
    content = (xc @ xc.T).toarray()
    emb = vectors @ vectors.T
    nm = binary_rows([u.names for u in units])
    shared_names = nm @ nm.T
    n_names = nm.sum(axis=1)
    name_diff = (n_names[:, None] + n_names[None, :] - 2 * shared_names) / (1 + n_names[:, None] + n_names[None, :])
    figs = binary_rows([{t for t in u.terms if t.startswith("#")} for u in units])
    shared_figs = figs @ figs.T
    has_fig = figs.sum(axis=1) > 0
    clash = has_fig[:, None] & has_fig[None, :] & (shared_figs == 0)
    words = np.array([len(u.text.split()) for u in units], dtype=np.float32)
    closest, margin = _closest(units, emb)
    per_article = Counter(u.article for u in units)
    pos = np.array([u.order / per_article[u.article] for u in units], dtype=np.float32)
    stance = binary_rows([u.frames & STRONG_FRAMES for u in units])
    verbs = [{NORMAL.get(v, v) for v in (*u.affirmed, *u.negated)} - REPORTING for u in units]  # what is done
    vb = binary_rows(verbs)
    has_stance = stance.sum(axis=1) > 0
    feats = [emb, lexical, bigram, content, overlap_matrix([u.names for u in units]), np.minimum(shared_names, 4),
             name_diff, np.minimum(shared_figs, 3), clash.astype(np.float32),
             overlap_matrix([u.counted for u in units]),
             np.log1p(np.minimum(words[:, None], words[None, :])), np.log1p(np.maximum(words[:, None], words[None, :])),
             np.maximum(closest, closest.T), closest * closest.T, np.minimum(margin, margin.T),
             np.maximum(margin, margin.T),
             np.minimum(pos[:, None], pos[None, :]), np.maximum(pos[:, None], pos[None, :]),
             similarity_matrix(units), (stance @ stance.T > 0).astype(np.float32),
             (has_stance[:, None] != has_stance[None, :]).astype(np.float32),
             overlap_matrix(verbs), np.minimum(vb @ vb.T, 3)]
    return np.stack(feats, axis=-1).astype(np.float32)


def _closest(units: Sequence[Unit], emb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[i, j] = 1 when j is i's most similar statement in j's article, and how far j stands above the runner-up
    (or below the best)."""
    n = len(units)
    arts = np.array([u.article for u in units])
    closest = np.zeros((n, n), dtype=np.float32)
    margin = np.zeros((n, n), dtype=np.float32)
    for art in dict.fromkeys(arts.tolist()):
        cols = np.flatnonzero(arts == art)
        sub = emb[:, cols]
        top = sub.max(axis=1, keepdims=True)
        second = np.sort(sub, axis=1)[:, -2:-1] if len(cols) > 1 else np.zeros((n, 1))
        is_top = sub >= top - 1e-6
        closest[:, cols] = is_top
        margin[:, cols] = sub - np.where(is_top, second, top)
    return closest, margin


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> dict[str, Any]:
    """The fitted weights: feature means and scales, coefficients, intercept, and the chosen thresholds."""
    with open(path, encoding="utf-8") as fh:
        model: dict[str, Any] = json.load(fh)
    if list(model.get("features", [])) != list(FEATURES):
        raise ValueError(f"{path} was fitted on other features; refit it with newsprism eval compare --fit-pairs")
    return model


def probability(feats: np.ndarray, model: dict[str, Any] | None = None) -> np.ndarray:
    """Calibrated P(same fact) for every pair of a feature array (any leading shape)."""
    m = model or load_model()
    z = (feats - np.asarray(m["mean"], dtype=np.float32)) / np.asarray(m["scale"], dtype=np.float32)
    logit = z @ np.asarray(m["coef"], dtype=np.float32) + float(m["intercept"])
    a, b = m["calibration"]
    return 1.0 / (1.0 + np.exp(-np.clip(a * logit + b, -30, 30)))


def same_probability(units: Sequence[Unit], vectors: np.ndarray) -> np.ndarray:
    """The (n, n) matrix of P(same fact) between statements of different articles (0 within one article)."""
    if not units:
        return np.zeros((0, 0))
    feats = pair_features(units, vectors)
    model = load_model()
    # In an article of a few statements, which one is closest, and which comes first, say little: there are few to
    # choose from, and every one is near the top. Such pairs get those features' average (no evidence either way);
    # the fit saw articles of dozens of statements.
    per_article = Counter(u.article for u in units)
    short = np.array([per_article[u.article] < MIN_CONTEXT for u in units])
    either = short[:, None] | short[None, :]
    for name in CONTEXT:
        k = FEATURES.index(name)
        feats[..., k] = np.where(either, model["mean"][k], feats[..., k])
    p = probability(feats, model)
    # Two outlets that both say a named participant denies, or offered no evidence, report one response to one
    # claim, however differently worded. The labelled clusters hold too few such pairs for the fit to learn it, so
    # it is a rule: such a pair is lifted to the alignment threshold.
    stance = feats[..., FEATURES.index("shared_stance")] > 0
    named = feats[..., FEATURES.index("shared_names")] > 0
    lift = float(model["threshold"])
    p = np.where(stance & named, np.maximum(p, lift), p)
    arts = np.array([u.article for u in units])
    return np.where(arts[:, None] != arts[None, :], p, 0.0)
