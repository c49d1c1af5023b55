"""Facts across outlets: sentences and clauses that say the same thing, aligned into shared, unique and conflicting facts."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..config import Settings, SimilarityWeights
from ..model import Article, Conflict, Entity, Fact, Span
from .statements import QUOTE_CHARS, STRONG_FRAMES, Unit

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from spacy.tokens import Doc

    from .context import StoryContext


def similarity_matrix(units: Sequence[Unit], weights: SimilarityWeights | None = None) -> np.ndarray:
    """Pairwise similarity of units: TF-IDF cosine of content lemmas and lemma pairs, plus shared names, numbers
    and predicate classes (denial, lack of evidence) between articles."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0))
    w = weights or SimilarityWeights()
    docs = [[t for t in u.terms if not t.startswith("@")] for u in units]
    x = tfidf(docs)
    cos = (x @ x.T).toarray()
    # ordered pairs of neighbouring content words reward the same phrasing of the same predicate
    xb = tfidf([[f"{a}_{b}" for a, b in zip(d, d[1:])] for d in docs])
    cos2 = (xb @ xb.T).toarray()
    sim = w.unigram * cos + w.bigram * cos2
    if w.containment:
        sim = np.maximum(sim, w.containment * _containment(docs, w.min_terms))
    arts = np.array([u.article for u in units])
    cross = (arts[:, None] != arts[None, :]) & (cos >= 0.08)
    names = overlap_matrix([u.names for u in units])
    numbers = overlap_matrix([{t for t in u.terms if t.startswith("#")} for u in units])
    strong = binary_rows([u.frames & STRONG_FRAMES for u in units])
    shared_frame = (strong @ strong.T) > 0
    frame_ok = shared_frame & ((names > 0) | (cos > 0.15))
    counted = overlap_matrix([u.counted for u in units]) > 0
    sim = sim + cross * (w.names * names + w.numbers * numbers + w.frames * frame_ok + w.counted * counted)
    # statements that share their attribution ("the chief executive said …") but none of what they state
    content = [[t for t in u.content if not t.startswith("@")] for u in units]
    has = np.array([bool(c) for c in content])
    said = np.array([len(c) < len([t for t in u.terms if not t.startswith("@")]) for c, u in zip(content, units)])
    xc = tfidf(content)
    unstated = ((xc @ xc.T).toarray() <= 0.0) & has[:, None] & has[None, :] & (said[:, None] | said[None, :]) \
        & ~(shared_frame | counted)
    sim = np.where(cross & unstated, sim * w.unstated, sim)
    # a denial or a lack of evidence against a plain statement of the matter: a response, not the same fact
    one_frame = (strong.sum(axis=1) > 0)
    mismatch = one_frame[:, None] != one_frame[None, :]
    out: np.ndarray = np.where(cross & mismatch, sim * w.stance, sim)
    return out


def _containment(docs: Sequence[Sequence[str]], min_terms: int) -> np.ndarray:
    """For each pair, the IDF mass of the shorter statement's distinct terms that the other one also has."""
    m = binary_rows([set(d) for d in docs])
    df = m.sum(axis=0)
    idf = np.log((1.0 + len(docs)) / (1.0 + df)) + 1.0
    weighted = m * idf
    inter = weighted @ m.T  # [i, j]: idf mass of i's terms found in j
    mass = weighted.sum(axis=1)
    frac = np.where(mass[:, None] > 0, inter / np.where(mass[:, None] > 0, mass[:, None], 1.0), 0.0)
    sizes = m.sum(axis=1)
    shorter_is_i = sizes[:, None] <= sizes[None, :]
    both = np.where(shorter_is_i, frac, frac.T)
    ok = np.minimum(sizes[:, None], sizes[None, :]) >= min_terms
    return np.where(ok, both, 0.0)


def binary_rows(sets: Sequence[Iterable[str]]) -> np.ndarray:
    """Rows of 0/1 membership of each set's items."""
    vocab: dict[str, int] = {}
    rows = [list(x) for x in sets]
    for r in rows:
        for t in r:
            vocab.setdefault(t, len(vocab))
    m = np.zeros((len(rows), max(len(vocab), 1)), dtype=np.float32)
    for i, r in enumerate(rows):
        for t in r:
            m[i, vocab[t]] = 1.0
    return m


def overlap_matrix(sets: Sequence[Iterable[str]]) -> np.ndarray:
    """Overlap coefficient |A∩B| / min(|A|, |B|) of every pair of sets (0 when either is empty)."""
    m = binary_rows(sets)
    inter = m @ m.T
    size = m.sum(axis=1)
    low = np.minimum(size[:, None], size[None, :])
    return np.where(low > 0, inter / np.where(low > 0, low, 1.0), 0.0)


def tfidf(docs: Sequence[Sequence[str]]) -> "csr_matrix":
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf) of token lists, sparse: scikit-learn's, its columns
    in the order the terms first come (so sums run in the order they always have)."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    vocab = {t: i for i, t in enumerate(dict.fromkeys(t for d in docs for t in d))}
    if not vocab:
        return csr_matrix((len(docs), 1), dtype=np.float32)
    # the terms come lower-cased where they should be: names keep their case, so no lower-casing here
    x = TfidfVectorizer(analyzer=list, vocabulary=vocab, sublinear_tf=True, lowercase=False).fit_transform(docs)
    return csr_matrix(x, dtype=np.float32)


EVEN_ODDS = 0.5  # P(same fact) of a calibrated model at which a pair is as likely the same fact as not


def link_statements(units: Sequence[Unit], score: np.ndarray, threshold: float,
                    one_per_article: bool = True, floor: float = EVEN_ODDS) -> list[list[int]]:
    """Greedy linking of the highest-scoring cross-article pairs; with ``one_per_article`` a fact holds one statement
    of each article, or a few consecutive ones (an outlet splitting a sentence in two). Two groups join when their
    pairs score ``threshold`` on average and none below ``floor`` (``floor=threshold``: complete linkage)."""
    n = len(units)
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    arts: dict[int, set[str]] = {i: {units[i].article} for i in range(n)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    iu, ju = np.triu_indices(n, k=1)
    scores = score[iu, ju] if n > 1 else np.zeros(0)
    keep = scores >= threshold
    order = np.argsort(-scores[keep], kind="stable")
    pairs = list(zip(iu[keep][order].tolist(), ju[keep][order].tolist()))
    for i, j in pairs:
        if units[i].article == units[j].article:
            continue
        ri, rj = find(i), find(j)
        if ri == rj or (one_per_article and not _contiguous(units, members[ri], members[rj], arts[ri] & arts[rj])):
            continue
        # every member must state the fact: the two groups' statements of different outlets are the same fact on
        # average (average linkage) and each pair more likely than not, so that a chain of near neighbours ("A like
        # B, B like C") does not pull in a C unlike A, while one weaker wording does not keep a fact apart
        cross = [float(score[a, b]) for a in members[ri] for b in members[rj] if units[a].article != units[b].article]
        if min(cross) < floor or sum(cross) / len(cross) < threshold:
            continue
        if not all(_each_adds(units, members[ri] + members[rj], art) for art in arts[ri] & arts[rj]):
            continue
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
        arts[ri] |= arts.pop(rj)
    return [sorted(m) for m in members.values()]


def _each_adds(units: Sequence[Unit], group: Sequence[int], article: str) -> bool:
    """True when every statement of one outlet in the group brings words of the other outlets' statements that its
    other statements lack: the halves of a split sentence, not a restatement plus an aside."""
    mine = [i for i in group if units[i].article == article]
    if len(mine) < 2:
        return True
    others = {t for j in group if units[j].article != article for t in units[j].terms}
    covered = [set(units[i].terms) & others for i in mine]
    return all(c - set().union(*(d for k, d in enumerate(covered) if k != n)) for n, c in enumerate(covered))


def _contiguous(units: Sequence[Unit], a: list[int], b: list[int], common: set[str]) -> bool:
    """Two groups may merge when they share no article, or only consecutive statements of one (an outlet that
    splits over two sentences what another says in one)."""
    for art in common:
        orders = sorted(units[i].order for i in (*a, *b) if units[i].article == art)
        if orders[-1] - orders[0] != len(orders) - 1 or len(orders) > 2:
            return False
    return True


def _clarity(u: Unit) -> float:
    """Lower is clearer: plain reported statements of moderate length beat quotes, fragments and pronoun openers."""
    words = len(u.text.split())
    score = abs(words - 24) / 24
    score += sum(u.text.count(c) for c in "\"“”") * 0.3
    if u.text[:1] in QUOTE_CHARS:
        score += 0.5
    if re.match(r"(?:he|she|they|it|this|that|but|and)\b", u.text, re.I):
        score += 0.5
    if not u.text[:1].isupper() and u.text[:1] not in QUOTE_CHARS:
        score += 1.0  # starts mid-sentence: a fragment
    if u.text.count('"') % 2 or u.text.count("“") != u.text.count("”"):
        score += 1.0  # a quotation mark left open
    if not u.text.rstrip(QUOTE_CHARS + ")").endswith((".", "!", "?")):
        score += 0.5
    return score


def fact_id(spans: Sequence[Span]) -> str:
    """A fact's id from the spans it holds."""
    key = "|".join(f"{s.article}:{s.start}:{s.end}" for s in spans)
    return "f" + hashlib.sha1(key.encode()).hexdigest()[:10]


ConflictFinder = Callable[[Sequence[Unit], np.ndarray], "Conflict | None"]


def facts_from_groups(units: Sequence[Unit], groups: Sequence[Sequence[int]], score: np.ndarray,
                      find_conflict: ConflictFinder, conflict_threshold: float = 0.5) -> list[Fact]:
    """One fact per group of aligned statements, shared ones first. A shared fact's confidence is its weakest
    cross-article link; a unique one's is how far its statement stands from every other outlet's closest one. A
    difference below ``conflict_threshold`` stays on a shared fact as a possible difference."""
    article_rank: dict[str, int] = {}
    for u in units:
        article_rank.setdefault(u.article, len(article_rank))
    arts = np.array([u.article for u in units])
    out: list[tuple[tuple[int, int, int], Fact]] = []
    for members in groups:
        idx = sorted(members, key=lambda i: (article_rank[units[i].article], units[i].start))
        group = [units[i] for i in idx]
        support: list[Span] = []
        for u in group:
            support.append(Span(u.article, u.start, u.end, u.text))
            support.extend(u.extra)
        n_articles = len({u.article for u in group})
        sub = score[np.ix_(idx, idx)]
        cross = arts[idx][:, None] != arts[idx][None, :]
        if n_articles > 1:
            confidence = float(sub[cross].min())
            conflict = find_conflict(group, sub)
        else:
            row = score[idx[0]][arts != group[0].article]
            confidence = float(1.0 - row.max()) if row.size else 1.0
            conflict = None
        # a difference with a reason to doubt it (a toll told on other days) stays a possible difference
        sure = conflict is not None and conflict.confidence >= conflict_threshold and not conflict.reason
        status = "unique" if n_articles == 1 else ("conflict" if sure else "shared")
        best = min(group, key=lambda u: (_clarity(u), u.article, u.start))  # ties: not by input order
        fact = Fact(id=fact_id(support), text=best.text, status=status,  # type: ignore[arg-type]
                    support=support, conflict=conflict, confidence=confidence)
        first = group[0]
        out.append(((-n_articles, article_rank[first.article], first.start), fact))
    out.sort(key=lambda x: x[0])
    return [a for _, a in out]


def align_units(units: Sequence[Unit], threshold: float, vectors: np.ndarray | None = None,
                one_per_article: bool = True, conflict_threshold: float = 0.5, embeddings: bool = True) -> list[Fact]:
    """Facts from statements already extracted: P(same fact) for every pair, linked above ``threshold``; without
    ``embeddings`` the model fitted on words, names and figures alone."""
    from .conflicts import find_conflict
    from .embed import embed
    from .pairs import same_probability

    vecs = None if not embeddings else embed([u.text for u in units]) if vectors is None else vectors
    prob = same_probability(units, vecs)
    groups = link_statements(units, prob, threshold, one_per_article)
    return facts_from_groups(units, groups, prob, find_conflict, conflict_threshold)






def align_facts(articles: Sequence[Article], docs: dict[str, "Doc"], entities: Sequence[Entity],
                settings: Settings, vectors: Mapping[tuple[str, int, int], np.ndarray] | None = None,
                context: "StoryContext | None" = None) -> list[Fact]:
    """Facts of a story: every statement of every article, aligned across articles; shared ones first. ``context``
    holds the story's statements and their pairwise P(same fact) when already computed; else it is computed here,
    reusing the statement ``vectors`` of ``context.parse_story``."""
    from .conflicts import dated_conflicts, find_conflict, spelling_conflicts, story_dates
    from .context import story_context

    ctx = context or story_context(articles, docs, entities, settings, vectors)
    groups = link_statements(ctx.units, ctx.prob, ctx.threshold)
    story = story_dates(articles, ctx.units)
    facts = facts_from_groups(ctx.units, groups, ctx.prob, lambda g, sc: find_conflict(g, sc, settings.align, story),
                              settings.conflict_threshold)
    return (spelling_conflicts(ctx.units, entities, settings.conflict_threshold, settings.align)
            + dated_conflicts(ctx.units, groups, ctx.prob, ctx.threshold, settings.conflict_threshold, settings.align,
                              story)
            + facts)
