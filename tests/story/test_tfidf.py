"""Statement TF-IDF is scikit-learn's sublinear, smoothed, L2-normalised TF-IDF, equal to the formula it replaced."""

from __future__ import annotations

import random

import numpy as np
from scipy.sparse import csr_matrix

from newsprism.story.align import tfidf


def _by_formula(docs: list[list[str]]) -> np.ndarray:
    """(1 + log tf) x (log((1 + n) / (1 + df)) + 1), each row scaled to unit length; columns by first use."""
    vocab = {t: i for i, t in enumerate(dict.fromkeys(t for d in docs for t in d))}
    out = np.zeros((len(docs), max(len(vocab), 1)))
    for i, d in enumerate(docs):
        for t in d:
            out[i, vocab[t]] += 1
    df = (out > 0).sum(axis=0)
    idf = np.log((1.0 + len(docs)) / (1.0 + df)) + 1.0
    with np.errstate(divide="ignore"):
        out = np.where(out > 0, (1.0 + np.log(out)) * idf, 0.0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


def test_tfidf_equals_the_formula_on_random_statements() -> None:
    rng = random.Random(3)
    words = [f"w{i}" for i in range(60)]
    for _ in range(100):
        docs = [[rng.choice(words) for _ in range(rng.randint(0, 25))] for _ in range(rng.randint(1, 30))]
        got = tfidf(docs)
        assert isinstance(got, csr_matrix) and got.dtype == np.float32
        assert np.allclose(got.toarray(), _by_formula(docs), rtol=0, atol=1e-7)


def test_statements_without_words_give_zero_rows() -> None:
    got = tfidf([[], []])
    assert got.shape == (2, 1) and got.nnz == 0
    assert np.allclose(tfidf([["bridge", "bridge"], []]).toarray(), [[1.0], [0.0]])
