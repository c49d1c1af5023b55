"""An article given with a story that is about something else: a page the crawl picked up by a shared word.

A story's articles share its names and its rare words. One that matches none of the others closely, while they
match each other, is not about the story: the AP brief on another war-crimes case sent with reports of one
suspect's death, the airline's press release on a different deal sent with reports of its new boarding process.
Similarity is the clustering's own (title-, lead- and name-weighted terms, idf over the articles and a background
of general English), so an article left out here is one the store's clustering would also keep apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..config import IngestSettings
from ..model import Article


def similarities(articles: Sequence[Article]) -> np.ndarray:
    """Cosine similarities of the articles' clustering vectors (idf over these articles and general English)."""
    from ..corpus.vectors import DocFreq, vectorize
    from ..corpus.features import extract

    feats = [extract(a) for a in articles]
    df = DocFreq()
    for f in feats:
        df.add(list(f.terms))
    vecs = [vectorize(f, df) for f in feats]
    n = len(vecs)
    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            small, big = (vecs[i], vecs[j]) if len(vecs[i]) < len(vecs[j]) else (vecs[j], vecs[i])
            sim[i, j] = sim[j, i] = sum(w * big.get(t, 0.0) for t, w in small.items())
    return sim


def off_topic(articles: Sequence[Article], press_releases: frozenset[str] = frozenset(),
              bounds: IngestSettings | None = None) -> dict[str, str]:
    """Reasons by article id for the articles that are not about the story the others tell (three or more needed).

    ``press_releases``: ids of articles that are a company's press release, held to a closer match (a company's
    own page is not reporting); ``bounds``: ``alone_below``, ``apart_ratio`` and ``release_alone_below``.
    """
    b = bounds or IngestSettings()
    if len(articles) < 3:
        return {}
    sim = similarities(articles)
    best = sim.max(axis=1)
    out: dict[str, str] = {}
    for i, art in enumerate(articles):
        others = np.delete(np.delete(sim, i, axis=0), i, axis=1)
        if others.size == 0:
            continue
        their = float(np.median(others.max(axis=1)))
        mine = float(best[i])
        release = art.id in press_releases
        if release and mine < b.release_alone_below and their > mine * 1.5:
            out[art.id] = "not about this story (a press release on something else)"
        elif mine < b.alone_below and their >= b.apart_ratio * mine:
            out[art.id] = f"not about this story (it shares little with the other articles: best match {mine:.2f})"
    return out
