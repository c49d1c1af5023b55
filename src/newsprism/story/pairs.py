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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .align import tfidf
from .statements import STRONG_FRAMES, Unit
from .words import NORMAL, REPORTING

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

MODEL_PATH = Path(__file__).with_name("pair_model.json")
WORDS_MODEL_PATH = Path(__file__).with_name("pair_model_words.json")  # fitted without embeddings (faster)
MIN_CONTEXT = 6  # statements an article needs for "closest in its article" to mean something
CONTEXT = ("closest_either", "mutual", "margin_low", "margin_high", "earlier_position", "later_position")
FEATURES = ("embedding", "lexical", "bigram", "content", "names", "shared_names", "name_difference", "shared_figures",
            "figure_clash", "counted", "shorter_words", "longer_words", "closest_either", "mutual",
            "margin_low", "margin_high", "earlier_position", "later_position", "shared_stance",
            "stance_mismatch", "verbs", "shared_verbs")
BLOCK = 256  # statements whose features are computed at once: memory stays near BLOCK x n x features


def _sets(items: Iterable[Iterable[str]]) -> "csr_matrix":
    """Sparse 0/1 rows of each set's members."""
    from scipy.sparse import csr_matrix

    rows = list(items)
    vocab: dict[str, int] = {}
    r: list[int] = []
    c: list[int] = []
    for i, items in enumerate(rows):
        for t in set(items):
            r.append(i)
            c.append(vocab.setdefault(t, len(vocab)))
    return csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(len(rows), max(len(vocab), 1)))


@dataclass(slots=True)
class _Story:
    """What every block of pair features is computed from: per-statement rows, and each statement's closest
    statement in every article."""

    vectors: np.ndarray | None  # sentence embeddings; None: closeness is read from the words alone
    lexical: Any
    bigram: Any
    content: Any
    names: Any
    figures: Any
    counted: Any
    stance: Any
    verbs: Any
    words: np.ndarray
    pos: np.ndarray
    article: np.ndarray  # article index of each statement
    top: np.ndarray  # [i, a]: index of i's most similar statement in article a
    best: np.ndarray  # [i, a]: that similarity
    second: np.ndarray  # [i, a]: the runner-up's similarity


def _similar(vectors: np.ndarray | None, lexical: Any, rows: np.ndarray) -> np.ndarray:
    """Closeness of some statements to every statement: embedding cosine, or TF-IDF cosine without embeddings."""
    if vectors is None:
        return np.asarray((lexical[rows] @ lexical.T).toarray(), dtype=np.float32)
    cos: np.ndarray = vectors[rows] @ vectors.T
    return cos


def _prepare(units: Sequence[Unit], vectors: np.ndarray | None) -> _Story:
    docs = [[t for t in u.terms if not t.startswith("@")] for u in units]
    lexical = tfidf(docs)
    arts = {a: k for k, a in enumerate(dict.fromkeys(u.article for u in units))}
    article = np.array([arts[u.article] for u in units])
    n, n_arts = len(units), len(arts)
    top = np.zeros((n, n_arts), dtype=np.int64)
    best = np.full((n, n_arts), -1.0, dtype=np.float32)
    second = np.full((n, n_arts), -1.0, dtype=np.float32)
    for start in range(0, n, BLOCK):
        sims = _similar(vectors, lexical, np.arange(start, min(start + BLOCK, n)))
        for a in range(n_arts):
            cols = np.flatnonzero(article == a)
            sub = sims[:, cols]
            order = np.argsort(-sub, axis=1)
            top[start:start + BLOCK, a] = cols[order[:, 0]]
            best[start:start + BLOCK, a] = sub[np.arange(len(sub)), order[:, 0]]
            if len(cols) > 1:
                second[start:start + BLOCK, a] = sub[np.arange(len(sub)), order[:, 1]]
    per_article = Counter(u.article for u in units)
    return _Story(
        vectors=vectors, lexical=lexical, bigram=tfidf([[f"{a}_{b}" for a, b in zip(d, d[1:])] for d in docs]),
        content=tfidf([[t for t in u.content if not t.startswith("@")] for u in units]),
        names=_sets(u.names for u in units), figures=_sets({t for t in u.terms if t.startswith("#")} for u in units),
        counted=_sets(u.counted for u in units), stance=_sets(u.frames & STRONG_FRAMES for u in units),
        verbs=_sets({NORMAL.get(v, v) for v in (*u.affirmed, *u.negated)} - REPORTING for u in units),
        words=np.array([len(u.text.split()) for u in units], dtype=np.float32),
        pos=np.array([u.order / per_article[u.article] for u in units], dtype=np.float32),
        article=article, top=top, best=best, second=second)


def _block(st: _Story, rows: np.ndarray) -> np.ndarray:
    """Features of the pairs (row, every statement), shape (len(rows), n, len(FEATURES))."""
    def dot(m: Any) -> np.ndarray:
        return np.asarray((m[rows] @ m.T).toarray(), dtype=np.float32)

    def overlap(m: Any) -> np.ndarray:
        size = np.asarray(m.sum(axis=1)).ravel()
        low = np.minimum(size[rows][:, None], size[None, :])
        return np.where(low > 0, dot(m) / np.where(low > 0, low, 1.0), 0.0)

    n = len(st.words)
    emb = _similar(st.vectors, st.lexical, rows)
    shared_names = dot(st.names)
    n_names = np.asarray(st.names.sum(axis=1)).ravel()
    ni, nj = n_names[rows][:, None], n_names[None, :]
    shared_figs = dot(st.figures)
    has_fig = np.asarray(st.figures.sum(axis=1)).ravel() > 0
    cols = np.arange(n)
    closest = st.top[rows][:, st.article] == cols[None, :]  # j is i's closest in j's article
    back = st.top[:, st.article[rows]].T == rows[:, None]  # i is j's closest in i's article
    margin = emb - np.where(closest, st.second[rows][:, st.article], st.best[rows][:, st.article])
    emb_t = emb  # the similarity is symmetric: j's margin to i uses j's own best and runner-up in i's article
    margin_back = emb_t - np.where(back, st.second[:, st.article[rows]].T, st.best[:, st.article[rows]].T)
    has_stance = np.asarray(st.stance.sum(axis=1)).ravel() > 0
    wi, wj = st.words[rows][:, None], st.words[None, :]
    pi, pj = st.pos[rows][:, None], st.pos[None, :]
    feats = [emb, dot(st.lexical), dot(st.bigram), dot(st.content), overlap(st.names), np.minimum(shared_names, 4),
             (ni + nj - 2 * shared_names) / (1 + ni + nj), np.minimum(shared_figs, 3),
             (has_fig[rows][:, None] & has_fig[None, :] & (shared_figs == 0)).astype(np.float32), overlap(st.counted),
             np.log1p(np.minimum(wi, wj)), np.log1p(np.maximum(wi, wj)),
             (closest | back).astype(np.float32), (closest & back).astype(np.float32),
             np.minimum(margin, margin_back), np.maximum(margin, margin_back),
             np.minimum(pi, pj), np.maximum(pi, pj), (dot(st.stance) > 0).astype(np.float32),
             (has_stance[rows][:, None] != has_stance[None, :]).astype(np.float32), overlap(st.verbs),
             np.minimum(dot(st.verbs), 3)]
    return np.stack(feats, axis=-1).astype(np.float32)


def pair_features(units: Sequence[Unit], vectors: np.ndarray | None) -> np.ndarray:
    """An (n, n, len(FEATURES)) array of agreement features of every pair of statements, symmetric in the pair
    (same-article pairs too; callers mask them). For a story's own use, ``same_probability`` works in blocks."""
    if not units:
        return np.zeros((0, 0, len(FEATURES)), dtype=np.float32)
    st = _prepare(units, vectors)
    return np.concatenate([_block(st, np.arange(s, min(s + BLOCK, len(units))))
                           for s in range(0, len(units), BLOCK)])


def fact_threshold(model: dict[str, Any]) -> float:
    """P(same fact) at which the story aligns two statements into one fact: the fitted fact-level threshold (facts
    keep more look-alikes apart than single pairs), else the pair-level one."""
    return float(model.get("fact_threshold", model["threshold"]))


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
    prob: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(a * logit + b, -30, 30)))
    return prob


def same_probability(units: Sequence[Unit], vectors: np.ndarray | None,
                     model: dict[str, Any] | None = None) -> np.ndarray:
    """The (n, n) matrix of P(same fact) between statements of different articles (0 within one article), computed
    a block of statements at a time so that memory grows with n x n, not with n x n x features. Without
    ``vectors`` the model fitted without embeddings is used (``model`` overrides both, as when cross-validating)."""
    n = len(units)
    out = np.zeros((n, n), dtype=np.float32)
    if not n:
        return out
    model = model or load_model(str(MODEL_PATH if vectors is not None else WORDS_MODEL_PATH))
    st = _prepare(units, vectors)
    per_article = Counter(u.article for u in units)
    short = np.array([per_article[u.article] < MIN_CONTEXT for u in units])
    context = [FEATURES.index(name) for name in CONTEXT]
    stance, named = FEATURES.index("shared_stance"), FEATURES.index("shared_names")
    lift = float(model["threshold"])
    for start in range(0, n, BLOCK):
        rows = np.arange(start, min(start + BLOCK, n))
        feats = _block(st, rows)
        # In an article of a few statements, which one is closest, and which comes first, say little: there are
        # few to choose from, and every one is near the top. Such pairs get those features' average (no evidence
        # either way); the fit saw articles of dozens of statements.
        either = short[rows][:, None] | short[None, :]
        for k in context:
            feats[..., k] = np.where(either, model["mean"][k], feats[..., k])
        p = probability(feats, model)
        # Two outlets that both say a named participant denies, or offered no evidence, report one response to one
        # claim, however differently worded. The labelled clusters hold too few such pairs for the fit to learn
        # it, so it is a rule: such a pair is lifted to the alignment threshold.
        p = np.where((feats[..., stance] > 0) & (feats[..., named] > 0), np.maximum(p, lift), p)
        out[rows] = np.where(st.article[rows][:, None] != st.article[None, :], p, 0.0)
    return out
