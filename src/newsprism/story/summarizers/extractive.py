"""Extractive summary: greedy coverage of the story's cross-outlet content, lead-biased, redundancy-free, cited."""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ...config import Settings, SummaryWeights
from ...model import Article, Fact, Quote, Span, SummarySentence
from . import Summarizer, register
from .units import STOP, Unit, balanced, build_units

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class Scored:
    unit: Unit
    concepts: dict[str, float]
    prior: float
    support: set[str]  # articles that support it, its own included
    cited: list[Span]
    row: int
    sims: "np.ndarray"  # cosine of this candidate to every candidate, by row


def _numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(text))


def _concepts(u: Unit) -> list[str]:
    """Content unigrams and bigrams (a bigram needs one content word): what ROUGE-like overlap rewards."""
    out = list(u.lemmas)
    toks = u.tokens
    for a, b in zip(toks, toks[1:]):
        if a not in STOP or b not in STOP:
            out.append(a + " " + b)
    return out


_EMPTY = np.zeros(0, dtype=np.float32)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _similarities(bags: Sequence[Counter[str]]) -> "np.ndarray":
    """Pairwise cosine of content-word bags, computed sparse (stories have thousands of distinct words)."""
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, b in enumerate(bags):
        norm = math.sqrt(sum(v * v for v in b.values())) or 1.0
        for w, v in b.items():
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
            vals.append(v / norm)
    m = csr_matrix((vals, (rows, cols)), shape=(len(bags), max(len(vocab), 1)), dtype=np.float32)
    return np.asarray((m @ m.T).toarray(), dtype=np.float32)


def _span_units(units: Sequence[Unit]) -> Callable[[Span], list[int]]:
    """A lookup of the units a span overlaps; units are sorted, so bisect."""
    by_article: dict[str, list[int]] = {}
    for k, u in enumerate(units):
        by_article.setdefault(u.article, []).append(k)
    starts = {a: [units[k].start for k in ks] for a, ks in by_article.items()}

    def overlapping(sp: Span) -> list[int]:
        ks = by_article.get(sp.article)
        if not ks:
            return []
        out = []
        j = bisect.bisect_left(starts[sp.article], sp.end) - 1
        while j >= 0 and units[ks[j]].end > sp.start:
            out.append(ks[j])
            j -= 1
        return out

    return overlapping


def _fact_support(units: Sequence[Unit], facts: Sequence[Fact]) -> list[list[Fact]]:
    """The facts each unit states (a fact's support span overlaps the unit)."""
    overlapping = _span_units(units)
    out: list[list[Fact]] = [[] for _ in units]
    seen: set[tuple[int, int]] = set()
    for fi, f in enumerate(facts):
        for sp in f.support:
            for k in overlapping(sp):
                if (k, fi) not in seen:
                    seen.add((k, fi))
                    out[k].append(f)
    return out


# A statement of another article that a fact links to a sentence is cited for it only when they share at least this
# much of their words (cosine of lemma bags): a fact may hold a loosely linked statement that says something else.
CITE_FLOOR = 0.2


def score_units(units: Sequence[Unit], facts: Sequence[Fact], p: SummaryWeights) -> list[Scored]:
    """Concept weights, priors and supporting spans of every usable candidate."""
    n_articles = len({u.article for u in units}) or 1
    df: Counter[str] = Counter()
    tf: dict[str, float] = {}
    unit_concepts = [_concepts(u) for u in units]
    seen_in: dict[str, set[str]] = {}
    for u, cs in zip(units, unit_concepts):
        for c in cs:
            tf[c] = tf.get(c, 0.0) + 1.0
        for c in set(cs):
            seen_in.setdefault(c, set()).add(u.article)
    for c, arts in seen_in.items():
        df[c] = len(arts)
    weight: dict[str, float] = {}
    for c, n in tf.items():
        base = p.bigram_weight if " " in c else p.unigram_weight
        spread = (df[c] / n_articles) ** p.df_power if n_articles > 1 else 1.0
        weight[c] = base * spread * (1.0 + math.log(n))
    bags = [Counter(u.lemmas) for u in units]
    sims = _similarities(bags)
    fact_lists = _fact_support(units, facts)
    overlapping = _span_units(units)
    out: list[Scored] = []
    for i, (u, cs) in enumerate(zip(units, unit_concepts)):
        weights = {c: weight[c] for c in cs}
        support = {u.article}
        cited = [Span(u.article, u.start, u.end, u.text)]
        for f in fact_lists[i]:
            if f.status != "shared":  # a conflict's other spans say something else; they do not support it
                continue
            for sp in f.support:
                if sp.article != u.article and sp not in cited:
                    support.add(sp.article)
                    if max((float(sims[i, k]) for k in overlapping(sp)), default=0.0) >= CITE_FLOOR:
                        cited.append(sp)
        out.append(Scored(u, weights, 0.0, support, cited, i, _EMPTY))
    # sentences of other articles saying nearly the same thing also support it (facts may be missing)
    for i, j in np.argwhere(sims >= p.cite_similarity):
        s, t = out[i], out[j]
        if t.unit.article in s.support or _numbers(s.unit.text) != _numbers(t.unit.text):
            continue  # "12 killed" and "14 killed" read alike but disagree
        s.support.add(t.unit.article)  # weighs in selection; cited only when the aligned facts say it is the same
    for s in out:
        s.sims = sims[s.row]
        u = s.unit
        position = 1.0 + p.position_weight * math.exp(-u.index / p.position_decay)
        position *= 1.0 + p.relative_weight * (1.0 - u.index / max(u.count, 1))
        s.prior = position * (1.0 + p.support_weight * (len(s.support) - 1))
    return out


def candidates(scored: Sequence[Scored], p: SummaryWeights) -> list[Scored]:
    """The candidates worth reading: no page debris, neither fragments nor walls of text."""
    pool = [s for s in scored if not s.unit.debris and balanced(s.unit.text)
            and p.min_words <= s.unit.words <= p.max_words]
    if not pool:  # tiny or messy stories: any whole, reasonably sized stretch will do
        pool = [s for s in scored if s.unit.words <= p.max_words * 2]
    return pool


def _predecessors(scored: Sequence[Scored]) -> dict[int, int]:
    """Row of each candidate -> row of the candidate just before it in its article."""
    out: dict[int, int] = {}
    last: dict[str, Scored] = {}
    for sc in sorted(scored, key=lambda x: (x.unit.article, x.unit.start)):
        if sc.unit.article in last:
            out[sc.row] = last[sc.unit.article].row
        last[sc.unit.article] = sc
    return out


def select(scored: Sequence[Scored], budget: int, p: SummaryWeights) -> list[Scored]:
    """Greedy budgeted coverage: each step takes the candidate adding the most uncovered weight per word. A
    sentence that leans on the one before it (a pronoun or connective first) waits until that one is chosen.

    Gains only shrink as words get covered, so a lazy heap re-scores just the candidates that reach the top.
    """
    pool = candidates(scored, p)
    before = _predecessors(scored)
    covered: set[str] = set()
    chosen: list[Scored] = []
    chosen_rows: set[int] = set()
    waiting: dict[int, list[int]] = {}  # row of a predecessor -> pool positions of the candidates leaning on it
    used = 0

    def gain(s: Scored) -> float:
        total = sum(w for c, w in s.concepts.items() if c not in covered)
        return float(total * s.prior / (s.unit.words ** p.length_power))

    heap = [(-gain(s), n) for n, s in enumerate(pool)]
    heapq.heapify(heap)
    while heap:
        _, n = heapq.heappop(heap)
        s = pool[n]
        if s.unit.words > budget - used or any(s.sims[c.row] > p.redundancy for c in chosen):
            continue  # the budget only shrinks and the chosen only grow: it will never fit again
        g = gain(s)
        if g <= 0:
            continue
        if heap and g < -heap[0][0]:
            heapq.heappush(heap, (-g, n))
            continue
        if s.unit.leaning and before.get(s.row) not in chosen_rows:
            if s.row in before:
                waiting.setdefault(before[s.row], []).append(n)
            continue
        chosen.append(s)
        chosen_rows.add(s.row)
        covered.update(s.concepts)
        used += s.unit.words
        for m in waiting.pop(s.row, []):
            heapq.heappush(heap, (-gain(pool[m]), m))
    return chosen


def order(chosen: Sequence[Scored]) -> list[Scored]:
    """Reading order: earlier in its article first (news is written top-down), then older article first; a sentence
    that leans on the one before it comes right after that one."""
    ranked = sorted(chosen, key=lambda s: (s.unit.index / max(s.unit.count, 1), s.unit.article_rank, s.unit.start))
    before = _predecessors(chosen)
    followers: dict[int, list[Scored]] = {}
    for s in ranked:
        if s.unit.leaning and s.row in before:
            followers.setdefault(before[s.row], []).append(s)
    out: list[Scored] = []

    def place(s: Scored) -> None:
        out.append(s)
        for f in followers.get(s.row, []):
            place(f)

    for s in ranked:
        if not (s.unit.leaning and s.row in before):
            place(s)
    return out


def extractive(articles: Sequence[Article], docs: Mapping[str, "Doc"], facts: Sequence[Fact],
               quotes: Sequence[Quote], settings: Settings, params: SummaryWeights | None = None
               ) -> tuple[list[SummarySentence], list[str]]:
    """The cited extractive summary within ``settings.summary_words`` words, and notes on what could not be done."""
    p = params or settings.summary.weights
    units = build_units(articles, docs, quotes, p.max_joined)
    notes: list[str] = []
    if not units:
        return [], ["summary: the articles have no sentences to summarise"]
    budget = settings.summary_words
    scored = score_units(units, facts, p)
    pool = candidates(scored, p)
    shortest = min((s.unit.words for s in pool), default=0)
    if not pool:
        return [], ["summary: the articles have no whole sentence short enough to quote"]
    if budget < shortest:
        return [], [f"summary: a budget of {budget} words is below the shortest usable sentence ({shortest} words); "
                    f"use --summary-words {shortest} or more"]
    chosen = order(select(pool, budget, p))
    return [SummarySentence(text=s.unit.text, sources=_sources(s)) for s in chosen], notes


def _sources(s: Scored) -> list[Span]:
    """The chosen stretch first, then one or more supporting spans per other article."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Span] = []
    for sp in s.cited:
        key = (sp.article, sp.start, sp.end)
        if key not in seen:
            seen.add(key)
            out.append(sp)
    return out


@register("extractive")
def _factory() -> Summarizer:
    return extractive
