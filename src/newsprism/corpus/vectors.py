"""Term vectors of story clustering: hashed document frequencies, tf-idf vectors and the sparse and dense forms
the clusterer computes cosines on.

Document frequencies count the store's articles in a fixed array of hashed buckets (memory stays flat however
large the corpus) and add a background of general English (see ``background``), so a tiny corpus does not weigh
everyday words like names.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from operator import itemgetter
from sys import intern
from typing import ClassVar

import numpy as np

from ..config import ClusterSettings
from .background import background_counts
from .features import Features

DF_BUCKETS = 1 << 18
DEFAULTS = ClusterSettings()  # the background of general English (``background_docs`` ...) unless a run sets its own


def top(weights: dict[str, float], k: int) -> list[tuple[str, float]]:
    """The ``k`` heaviest items, heaviest first (ties in insertion order, as ``heapq.nlargest``; a C sort is faster
    than a heap for dicts of a few hundred terms)."""
    return sorted(weights.items(), key=itemgetter(1), reverse=True)[:k]


class DocFreq:
    """Document frequencies in a fixed array of hashed buckets, so memory stays flat however large the corpus."""

    _cache: ClassVar[dict[str, int]] = {}

    def __init__(self, counts: np.ndarray | None = None, n: int = 0) -> None:
        self.counts = counts if counts is not None else np.zeros(DF_BUCKETS, dtype=np.int32)
        self.n = n

    @classmethod
    def bucket(cls, term: str) -> int:
        """The term's bucket (stable across processes: CRC-32, not Python's salted hash)."""
        b = cls._cache.get(term)
        if b is None:
            if len(cls._cache) > 100_000:
                cls._cache.clear()
            b = cls._cache[term] = zlib.crc32(term.encode("utf-8")) & (DF_BUCKETS - 1)
        return b

    @classmethod
    def buckets(cls, terms: Sequence[str]) -> np.ndarray:
        """The terms' buckets, in order."""
        return np.fromiter((cls.bucket(t) for t in terms), dtype=np.int64, count=len(terms))

    def add(self, terms: Sequence[str], idx: np.ndarray | None = None) -> None:
        """Counts one document containing these terms (``idx``: their buckets, if already known)."""
        idx = self.buckets(terms) if idx is None else idx
        # fancy-index increment: a bucket listed twice (two terms hashed alike) still counts the document once
        self.counts[idx] += 1
        self.n += 1

    def add_counts(self, other: DocFreq) -> None:
        """Adds another corpus's counts (document frequencies are additive across partitions and batches)."""
        self.counts += other.counts
        self.n += other.n

    def idf(self, terms: Sequence[str], idx: np.ndarray | None = None, p: ClusterSettings = DEFAULTS) -> np.ndarray:
        """Smoothed inverse document frequency of each term, over the corpus and a background of general English
        documents (see ``background``; ``p.background_docs`` of ``p.background_length`` words), so a tiny corpus
        does not weigh everyday words like names."""
        idx = self.buckets(terms) if idx is None else idx
        df = self.counts[idx].astype(np.float64) + background_counts(terms, p.background_docs, p.background_length)
        result: np.ndarray = np.log((self.n + 1.0 + p.background_docs) / (df + 1.0)) + 1.0
        return result

    def to_bytes(self) -> bytes:
        """The counts, compressed, for the store."""
        return zlib.compress(self.counts.tobytes(), 1)

    @classmethod
    def from_bytes(cls, blob: bytes, n: int) -> DocFreq:
        """Counts read back from :meth:`to_bytes` (a blob of another size starts empty)."""
        arr = np.frombuffer(zlib.decompress(blob), dtype=np.int32).copy()
        if arr.size != DF_BUCKETS:
            arr = np.zeros(DF_BUCKETS, dtype=np.int32)
        return cls(arr, n)


def vectorize(features: Features, df: DocFreq, idx: np.ndarray | None = None,
              terms: list[str] | None = None, p: ClusterSettings = DEFAULTS) -> dict[str, float]:
    """Unit-length tf-idf vector of an article's features under the current document frequencies (``idx`` and
    ``terms``: the features' buckets and interned terms, when the caller already has them)."""
    if terms is None:
        terms = list(map(intern, features.terms))
    if not terms:
        return {}
    w = np.fromiter(features.terms.values(), dtype=np.float64, count=len(terms)) * df.idf(terms, idx, p)
    norm = float(np.sqrt((w * w).sum())) or 1.0
    # keys interned: articles read by a helper process arrive with their own copies of every term string, and member
    # vectors, centroids and the index would each keep one
    return dict(zip(terms, (w / norm).tolist()))


def sparse(weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """Term weights as two arrays: the terms' hashes, sorted, and their weights in that order. Python's string hash
    differs between processes, so the arrays never leave the process; two distinct terms sharing a 64-bit hash is
    too unlikely to matter."""
    ids = np.fromiter(map(hash, weights), dtype=np.int64, count=len(weights))
    w = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
    order = np.argsort(ids)
    return ids[order], w[order]


def sparse_cosines(vec: tuple[np.ndarray, np.ndarray], parts: Sequence[tuple[np.ndarray, np.ndarray]],
                   norms: np.ndarray) -> np.ndarray:
    """Cosine of a unit vector with each of several vectors (all as :func:`sparse` arrays, ``norms`` theirs),
    computed at once: each term of the others is looked up in the vector's sorted hashes."""
    ids, w = vec
    lens = np.fromiter((len(p[0]) for p in parts), dtype=np.int64, count=len(parts))
    cat_ids = np.concatenate([p[0] for p in parts])
    cat_w = np.concatenate([p[1] for p in parts])
    pos = np.minimum(np.searchsorted(ids, cat_ids), len(ids) - 1)
    prod = np.where(ids[pos] == cat_ids, w[pos] * cat_w, 0.0)
    starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    result: np.ndarray = np.add.reduceat(prod, starts) / norms
    return result


def dense(vecs: Sequence[dict[str, float]]) -> tuple[np.ndarray, dict[str, int]]:
    """Sparse vectors as the rows of one dense matrix, and the column of each term."""
    terms = [t for vec in vecs for t in vec]
    col = {t: j for j, t in enumerate(dict.fromkeys(terms))}
    m = np.zeros((len(vecs), len(col)))
    m[np.repeat(np.arange(len(vecs)), [len(v) for v in vecs]), [col[t] for t in terms]] = \
        [w for vec in vecs for w in vec.values()]
    return m, col


def unit_rows(m: np.ndarray) -> np.ndarray:
    """The matrix with each non-zero row scaled to unit length (in place)."""
    norms = np.linalg.norm(m, axis=1)
    m /= np.where(norms > 0, norms, 1.0)[:, None]
    return m


def rounded(weights: dict[str, float], digits: int) -> dict[str, float]:
    """The weights rounded for storage (vectorised: a story's state is saved after every batch it grew in)."""
    values = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
    return dict(zip(weights, np.round(values, digits).tolist()))
