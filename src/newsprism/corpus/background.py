"""How common a clustering term is in English at large, so idf means something before the corpus is big.

Document frequencies counted over a few dozen articles say little: in a pile of 40 articles "electric", "rear" and
"car" may each appear in two, and then weigh as much as the name of the car. The clusterer therefore counts, next
to the corpus, ``background_docs`` background documents of general English, ``background_length`` words each, and
expects a term in a share of them given by its frequency in English (word frequencies from the ``wordfreq``
package, its large English list: news, books, subtitles, web text). A word with frequency ``f`` per word turns up in
a document of ``L`` words with probability ``1 - exp(-f * L)``. A name of several words is as common as its words
together (the reciprocal of the sum of their reciprocal frequencies, so one rare word makes the name rare); a word
the list lacks, a number or a year is taken to be in none. As the corpus grows, its own counts outweigh the
background.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

_CACHE_LIMIT = 200_000

_freq: dict[str, float] | None = None
_cache: dict[tuple[str, float], float] = {}  # (term, document length) -> share


def _frequencies() -> dict[str, float]:
    """English word frequencies (loaded once, on first use)."""
    global _freq
    if _freq is None:
        from wordfreq import get_frequency_dict

        _freq = get_frequency_dict("en", wordlist="large")
    return _freq


def frequency(term: str) -> float:
    """Frequency per word in general English of a clustering term ('quake', 'E:tara reid'); 0 for numbers, years
    and words the list lacks."""
    if not term or term[0] == "#" or term.startswith("Y:"):
        return 0.0
    text = term[2:] if term.startswith("E:") else term
    freq = _frequencies()
    words = text.replace("-", " ").split()
    if not words:
        return 0.0
    inverse = 0.0
    for w in words:
        f = max(freq.get(w, 0.0), _unstemmed(w, freq))
        if f <= 0.0:
            return 0.0
        inverse += 1.0 / f
    return 1.0 / inverse


def _unstemmed(word: str, freq: dict[str, float]) -> float:
    """Frequency of the plural a feature stem may have come from ('crisi' from 'crisis', 'sery' from 'series')."""
    forms = [word + "s"] + ([word[:-1] + "ies"] if word.endswith("y") else [])
    return max((freq.get(f, 0.0) for f in forms), default=0.0)


def share(term: str, length: float) -> float:
    """Share of the background documents (of ``length`` words) that hold the term."""
    key = (term, length)
    s = _cache.get(key)
    if s is None:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        s = _cache[key] = -math.expm1(-frequency(term) * length)
    return s


def background_counts(terms: Sequence[str], docs: float, length: float) -> np.ndarray:
    """How many of the ``docs`` background documents of ``length`` words hold each term, in order."""
    return np.fromiter((share(t, length) for t in terms), dtype=np.float64, count=len(terms)) * docs
