"""Near-duplicate detection: MinHash signatures of word shingles, banded for LSH lookups."""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..model import Article

NUM_PERM = 128
SHINGLE = 3
SEED = 1
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """One MinHash whose permutations are reused, since building them is the slow part."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity)


def shingle_hashes(text: str, k: int = SHINGLE) -> list[int]:
    """32-bit hashes of the text's distinct lower-cased word k-grams (CRC-32 per word, mixed per k-gram).

    Hashing words once and mixing them in numpy is several times faster than hashing every k-gram string.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return []
    wh = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    if len(words) < k:
        return [int(x) for x in np.unique(wh)]
    h = np.zeros(len(words) - k + 1, dtype=np.uint64)
    for i in range(k):
        h = (h * np.uint64(0x9E3779B1) + wh[i:len(words) - k + 1 + i]) & np.uint64(0xFFFFFFFF)
    return [int(x) for x in np.unique(h)]


def _identity(x: int) -> int:
    return x


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint64 values) of the text's word shingles."""
    tmpl = _template()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=tmpl.permutations, scheme=tmpl.scheme,
                hashfunc=_identity)
    hashes = shingle_hashes(text)
    if hashes:
        m.update_batch(hashes)
    return np.asarray(m.hashvalues, dtype=np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / float(len(a))


@lru_cache(maxsize=16)
def bands_for(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) for LSH at this Jaccard threshold: datasketch's own choice, weighting misses (0.7) over false
    candidates (0.3), since every candidate is verified; one band of all rows (copies with equal signatures) where
    the threshold is so high that datasketch allows no two bands."""
    try:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.3, 0.7))
    except ValueError:
        return 1, num_perm
    return int(lsh.b), int(lsh.r)


def band_keys(sig: np.ndarray, threshold: float) -> list[int]:
    """One signed 63-bit key per LSH band; equal keys in the same band make two articles candidates."""
    b, r = bands_for(round(threshold, 3))
    keys = []
    for i in range(b):
        chunk = sig[i * r:(i + 1) * r].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=struct.pack("<Q", i)).digest()
        keys.append(struct.unpack("<q", digest)[0])
    return keys


def find_copies(articles: Sequence[Article], threshold: float) -> dict[str, str]:
    """Copies among the articles (syndicated wire copies, reposts): copy id -> id of the first article kept.

    The first article of each group (in the given order) is kept; every other member points to it.
    """
    out: dict[str, str] = {}
    buckets: dict[tuple[int, int], list[int]] = {}
    kept: list[tuple[str, np.ndarray]] = []
    for art in articles:
        if art.id in out or any(k == art.id for k, _ in kept):
            continue
        sig = signature(art.text)
        keys = band_keys(sig, threshold)
        match: str | None = None
        seen: set[int] = set()
        for band, key in enumerate(keys):
            for idx in buckets.get((band, key), ()):
                if idx in seen:
                    continue
                seen.add(idx)
                if similarity(sig, kept[idx][1]) >= threshold:
                    match = kept[idx][0]
                    break
            if match:
                break
        if match:
            out[art.id] = match
            continue
        kept.append((art.id, sig))
        for band, key in enumerate(keys):
            buckets.setdefault((band, key), []).append(len(kept) - 1)
    return out
