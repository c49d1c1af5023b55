"""The parsed story, made once: spaCy docs and a sentence vector for every statement, computed side by side.

Statements are embedded while spaCy parses the next articles: the ONNX model runs in a worker thread (it leaves
Python's lock while it computes), so a story's two heaviest steps share the machine's cores instead of queueing.
A long story is shared with a second process instead (``newsprism.parallel``): it parses part of the articles,
then embeds and compares every statement (the ``StoryContext``) while this process finds entities and quotes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..config import AlignSettings, Settings
from ..model import Article
from ..nlp import load_spacy

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..parallel import Sharing

    from ..model import Entity
    from .statements import Unit

SpanKey = tuple[str, int, int]  # article id, start, end of a statement


_Pending = tuple[list[SpanKey], list[str], "Future[np.ndarray]"]


@dataclass(slots=True)
class Parsed:
    """spaCy docs by article id, and statement vectors by (article, start, end). Vectors still being computed when
    parsing ends go on in the background (while the next stages find entities and quotes) until ``vectors`` is read."""

    docs: dict[str, "Doc"]
    done: dict[SpanKey, np.ndarray] = field(default_factory=dict)
    pending: list[_Pending] = field(default_factory=list)
    align: AlignSettings | None = None  # how statements are embedded (``embed_max_tokens``, ``embed_batch``)
    sharing: "Sharing | None" = None  # the second process sharing this story, if any

    def ask_context(self, entities: Sequence["Entity"]) -> None:
        """Lets the second process, when the story has one, make the story context of these entities meanwhile."""
        if self.sharing is not None:
            self.sharing.ask_context(entities, [(keys, fut) for keys, _, fut in self.pending])

    def context(self, articles: Sequence[Article], entities: Sequence["Entity"], settings: Settings,
                ) -> "StoryContext":
        """The story context: the second process's when it made it, else made here (as ``story_context``)."""
        made = self.sharing.context() if self.sharing is not None else None
        self.close()
        return made if made is not None else story_context(articles, self.docs, entities, settings,
                                                           self.vectors if settings.embeddings else None)

    def close(self) -> None:
        """Frees the second process for the next story."""
        if self.sharing is not None:
            self.sharing.close()

    @property
    def vectors(self) -> dict[SpanKey, np.ndarray]:
        """Every statement's vector: those not started yet are embedded now, on every core."""
        late = [(keys, texts) for keys, texts, fut in self.pending if fut.cancel()]
        for keys, _, fut in self.pending:
            if not fut.cancelled():
                self.done.update(zip(keys, fut.result()))
        self.pending = []
        if late:
            keys = [k for ks, _ in late for k in ks]
            self.done.update(zip(keys, embed_by_article([t for _, ts in late for t in ts], keys, p=self.align)))
        return self.done


def parse_story(articles: Sequence[Article], settings: Settings) -> Parsed:
    """Parses the articles and embeds each one's statements as soon as it is parsed (unless embeddings are off), on
    one core while spaCy holds the other. A long story shares its articles with a second process
    (``newsprism.parallel``), which parses its part and then embeds and compares the statements of the whole story
    (``Parsed.context``) while this process goes on; call ``Parsed.close`` when the story is done."""
    from ..parallel import Sharing
    from .embed import embed
    from .statements import statement_bounds

    nlp = load_spacy(settings.spacy_model)
    sharing = Sharing(nlp, articles, settings)
    parsed = Parsed({}, align=settings.align, sharing=sharing)
    docs: dict[int, "Doc"] = {}
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-embed")
    try:
        for i, doc, helped in sharing.parse(1 if settings.embeddings else settings.batch_size):
            docs[i] = doc
            article = articles[i]
            if helped is None:
                sharing.give(i, doc)  # the helper makes the context from every article's doc
            if not settings.embeddings:
                continue
            if helped is not None:  # embedded by the helper (sent back, or kept there for the context it makes)
                if helped.bounds is not None and helped.vectors is not None:
                    parsed.done.update(zip([(article.id, a, b) for a, b in helped.bounds], helped.vectors))
                continue
            bounds = statement_bounds(article, doc)
            texts = [article.text[start:end] for start, end in bounds]
            parsed.pending.append(([(article.id, start, end) for start, end in bounds], texts,
                                   pool.submit(embed, texts, 1, settings.align)))
    except BaseException:
        sharing.close()
        raise
    finally:
        pool.shutdown(wait=False)  # what was queued still runs; ``Parsed.vectors`` collects it
    parsed.docs.update((articles[i].id, docs[i]) for i in range(len(articles)))  # in the story's order
    return parsed


def statement_vectors(texts: Sequence[str], keys: Sequence[SpanKey],
                      known: Mapping[SpanKey, np.ndarray] | None, p: AlignSettings | None = None) -> np.ndarray:
    """Vectors of statements: those already computed, the rest embedded now, article by article."""
    from .embed import DIM

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    missing = []
    for i, key in enumerate(keys):
        vec = known.get(key) if known else None
        if vec is None:
            missing.append(i)
        else:
            out[i] = vec
    if missing:
        out[missing] = embed_by_article([texts[i] for i in missing], [keys[i] for i in missing], p=p)
    return out


def embed_by_article(texts: Sequence[str], keys: Sequence[SpanKey], workers: int | None = None,
                     p: AlignSettings | None = None) -> np.ndarray:
    """Vectors of statements, each article's embedded together and apart from the others' (articles side by side on
    ``workers`` threads). The 8-bit graph scales its activations per batch, so a vector depends a little on the
    batch it was computed in: batching by article makes it depend on its article alone, never on the other articles
    of the story or the order they come in."""
    from .embed import DIM, embed

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key[0], []).append(i)

    def run(rows: list[int]) -> None:
        out[rows] = embed([texts[i] for i in rows], 1, p)

    n = workers if workers is not None else min(2, os.cpu_count() or 1)
    if n <= 1 or len(groups) < 2:
        for rows in groups.values():
            run(rows)
    else:
        with ThreadPoolExecutor(max_workers=n, thread_name_prefix="newsprism-embed") as pool:
            list(pool.map(run, groups.values()))
    return out


@dataclass(slots=True)
class StoryContext:
    """The statements of a story and P(same fact) between every two of them, computed once and read by facts, claims
    and the timeline alike. ``threshold`` is the probability at which two statements are aligned as one fact."""

    units: list["Unit"]
    prob: np.ndarray
    threshold: float
    index: dict[SpanKey, int] = field(default_factory=dict)

    def units_of(self, article: str) -> list["Unit"]:
        """The statements of one article, in order."""
        return [u for u in self.units if u.article == article]

    def same(self, a: "Unit", b: "Unit") -> float:
        """P(same fact) of two statements of the story (0 for a statement it does not hold, or within one article)."""
        i = self.index.get((a.article, a.start, a.end))
        j = self.index.get((b.article, b.start, b.end))
        return 0.0 if i is None or j is None else float(self.prob[i, j])


def story_context(articles: Sequence[Article], docs: Mapping[str, "Doc"], entities: Sequence["Entity"],
                  settings: Settings, vectors: Mapping[SpanKey, np.ndarray] | None = None) -> StoryContext:
    """Every statement of the story, embedded (unless embeddings are off) and compared pairwise by the pair model."""
    from .statements import story_units
    from .pairs import MODEL_PATH, WORDS_MODEL_PATH, fact_threshold, load_model, same_probability

    units = story_units(articles, dict(docs), entities)
    vecs = statement_vectors([u.text for u in units], [(u.article, u.start, u.end) for u in units], vectors,
                             settings.align) if settings.embeddings else None
    model = load_model(str(MODEL_PATH if settings.embeddings else WORDS_MODEL_PATH))
    threshold = settings.fact_threshold if settings.fact_threshold is not None else fact_threshold(model)
    index = {(u.article, u.start, u.end): i for i, u in enumerate(units)}
    return StoryContext(units, same_probability(units, vecs), threshold, index)
