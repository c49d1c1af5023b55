"""The parsed story, made once: spaCy docs and a sentence vector for every statement, computed side by side.

Statements are embedded while spaCy parses the next articles: the ONNX model runs in a worker thread (it leaves
Python's lock while it computes), so a story's two heaviest steps share the machine's cores instead of queueing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..config import Settings
from ..model import Article
from ..nlp import load_spacy

if TYPE_CHECKING:
    from spacy.tokens import Doc

SpanKey = tuple[str, int, int]  # article id, start, end of a statement


@dataclass(slots=True)
class Parsed:
    """spaCy docs by article id, and statement vectors by (article, start, end)."""

    docs: dict[str, "Doc"]
    vectors: dict[SpanKey, np.ndarray] = field(default_factory=dict)


def parse_story(articles: Sequence[Article], settings: Settings) -> Parsed:
    """Parses the articles and embeds each one's statements as soon as it is parsed (unless embeddings are off)."""
    from .align import article_units
    from .embed import embed

    nlp = load_spacy(settings.spacy_model)
    docs: dict[str, "Doc"] = {}
    pending: list[tuple[list[SpanKey], Future[np.ndarray]]] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-embed") as pool:
        for article, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=settings.batch_size)):
            docs[article.id] = doc
            if not settings.embeddings:
                continue
            units = article_units(article, doc)
            keys = [(u.article, u.start, u.end) for u in units]
            pending.append((keys, pool.submit(embed, [u.text for u in units])))
        vectors: dict[SpanKey, np.ndarray] = {}
        for keys, fut in pending:
            vectors.update(zip(keys, fut.result()))
    return Parsed(docs, vectors)


def statement_vectors(texts: Sequence[str], keys: Sequence[SpanKey],
                      known: Mapping[SpanKey, np.ndarray] | None) -> np.ndarray:
    """Vectors of statements: those already computed, the rest embedded now."""
    from .embed import DIM, embed

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    missing = []
    for i, key in enumerate(keys):
        vec = known.get(key) if known else None
        if vec is None:
            missing.append(i)
        else:
            out[i] = vec
    if missing:
        out[missing] = embed([texts[i] for i in missing])
    return out
