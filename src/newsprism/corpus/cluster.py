"""Incremental story clustering: each article joins the most similar active story or opens a new one.

Articles are compared by tf-idf cosine of title-, lead- and name-weighted terms (see ``features``; idf counts the
store's articles and a background of general English, see ``background``) against story centroids; a story's pull
fades, slowly (``TIME_FADE``), once an article's day is more than ``window_days`` from the story's days, and undated
articles may join any story. The clusterer keeps only *active* stories in memory: a story retires when its days fall
``window_days`` behind the stream's :meth:`Clusterer.horizon` (after a grace of ``grace_articles`` further articles,
since dates arrive out of order), when ``window_articles`` articles passed without it, or past ``max_active``; the
rest live in the store, and member vectors kept for the re-check are capped in all (``MEMBER_BUDGET``), so memory
stays flat as the corpus grows. An event's first article can only be compared with the stories already open, so the
first articles of a second, similar event (the same boxer's next title defence) tend to join the first one's story;
while a story is small its members' vectors are kept, and at a few sizes :meth:`Clusterer.recheck` splits it in two.
The split weighs terms by how they divide the story (:func:`contrast`: what all members share, the topic, counts for
nothing; names, numbers and years held by part of them count most), cuts by average-link agglomeration (then
:func:`refine` moves each member to the group it matches more on average), and keeps the cut only when the two groups
barely match across, or match across a little more but the same cut was found at the re-check before; the absorb
step will not join them again. A story of one or two articles is re-compared with growing stories much as an
arriving article is, so an early article that missed its event's story can still join it.
The same pieces serve a partitioned job: cluster each partition with :func:`cluster_articles` (or a
:class:`Clusterer`), then call :func:`merge_clusters` on all partitions' story states to join stories that different
partitions opened for the same event. :func:`assign` is the single decision (article vector -> story or None).
"""

from __future__ import annotations

import hashlib
import json
import math
import zlib
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from sys import intern

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage, to_tree
from scipy.spatial.distance import squareform

from ..model import Article
from .background import BACKGROUND_DOCS, background_counts
from .features import Features, extract

DF_BUCKETS = 1 << 18
CENTROID_TERMS = 150
INDEX_TERMS = 25
QUERY_TERMS = 60
MAX_CANDIDATES = 20  # stories scored per article, the ones sharing most of its strongest terms
THRESHOLD = 0.20
MERGE_THRESHOLD = 0.40
# Days beyond the window over which a story's pull fades to nothing. A follow-up (the trial, the verdict, the
# anniversary) can come years after the event and still belongs to its story while that story is active; the gap
# only weakens the match, so it must then match the story more closely than a same-week article does.
TIME_FADE = 1826.0
# Two groups of a story's members are two events when, weighed by contrast (see :func:`contrast`), they match
# across less than SPLIT_RATIO of how they match within and less than SPLIT_CROSS in absolute terms.
SPLIT_RATIO = 0.2
SPLIT_CROSS = 0.05
# A cut found at two re-checks in a row, each group keeping its articles, splits under looser bounds: one
# measurement of a cut is noisy, the same cut seen again as more articles came in is better evidence.
AGAIN_RATIO = 0.25
AGAIN_CROSS = 0.08
AGAIN_PART = 4  # articles each group needs for that
SPECIFIC_BOOST = 2.0  # contrast weight of names, numbers and years (an event's specifics) over plain words
MIN_PART = 3  # articles each group needs before a story is split (and before two groups count as two events)
MAX_MEMBERS = 48  # a story is re-checked for a split while it has at most this many articles
# where a story of one or two articles needs to match another, as a share of the way from THRESHOLD (an arriving
# article) to MERGE_THRESHOLD (two grown stories)
ORPHAN_STEP = {1: 0.25, 2: 0.5}
# A story of one or two articles also joins a grown story when one of its articles matches one of the story's this
# closely (with the story's centroid at MEMBER_FLOOR or more): an article on the edge of an event (the tremor felt in
# the next country, the coach's earlier troubles) shares much with one or two of its reports, little with the rest.
NEAREST_MEMBER = 0.25
MEMBER_FLOOR = 0.15
MEMBER_TERMS = 100  # terms kept of each member's vector for that re-check
# member vectors kept across all active stories; past it, the stories that grew least recently drop theirs (and with
# them the re-check), so memory stays flat when many stories stay active (a pile read in no order of time)
MEMBER_BUDGET = 5000
HORIZON_QUANTILE = 0.02  # see :meth:`Clusterer.horizon`
SPLIT_SIZES = frozenset({6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48})  # story sizes at which the re-check runs


def _top(weights: dict[str, float], k: int) -> list[tuple[str, float]]:
    """The ``k`` heaviest items, heaviest first (ties in insertion order, as ``heapq.nlargest``; a C sort is faster
    than a heap for dicts of a few hundred terms)."""
    return sorted(weights.items(), key=itemgetter(1), reverse=True)[:k]


def new_story_id(first_article_id: str) -> str:
    """Stable story id derived from the article that opened the story."""
    return "s" + hashlib.sha1(first_article_id.encode()).hexdigest()[:12]


class DocFreq:
    """Document frequencies in a fixed array of hashed buckets, so memory stays flat however large the corpus."""

    def __init__(self, counts: np.ndarray | None = None, n: int = 0) -> None:
        self.counts = counts if counts is not None else np.zeros(DF_BUCKETS, dtype=np.int32)
        self.n = n

    _cache: dict[str, int] = {}

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

    def idf(self, terms: Sequence[str], idx: np.ndarray | None = None) -> np.ndarray:
        """Smoothed inverse document frequency of each term, over the corpus and a background of general English
        documents (see ``background``), so a tiny corpus does not weigh everyday words like names."""
        idx = self.buckets(terms) if idx is None else idx
        df = self.counts[idx].astype(np.float64) + background_counts(terms)
        return np.log((self.n + 1.0 + BACKGROUND_DOCS) / (df + 1.0)) + 1.0

    def to_bytes(self) -> bytes:
        return zlib.compress(self.counts.tobytes(), 1)

    @classmethod
    def from_bytes(cls, blob: bytes, n: int) -> "DocFreq":
        arr = np.frombuffer(zlib.decompress(blob), dtype=np.int32).copy()
        if arr.size != DF_BUCKETS:
            arr = np.zeros(DF_BUCKETS, dtype=np.int32)
        return cls(arr, n)


@dataclass(slots=True)
class StoryState:
    """What the clusterer keeps of a story: a pruned centroid, its size and when it was last seen."""

    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first_day: int | None = None
    last_day: int | None = None
    last_seq: int = 0
    title: str | None = None
    norm: float = 0.0
    # article id -> (day, pruned vector) while the story is small enough to be re-checked for a split
    members: dict[str, tuple[int | None, dict[str, float]]] = field(default_factory=dict)
    # the two groups of the last re-check's cut when they nearly made two events (see ``AGAIN_RATIO``), else None
    cut: tuple[frozenset[str], frozenset[str]] | None = None
    # each member's JSON, made once: a member never changes, and small stories are saved after every batch
    _member_json: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # the centroid as sorted term hashes and weights (see :func:`sparse`), and what it was made from
    _sparse: tuple[tuple[int, int, float], np.ndarray, np.ndarray] | None = field(default=None, repr=False,
                                                                                   compare=False)

    def add(self, vec: dict[str, float], day: int | None, seq: int, title: str | None,
            article_id: str | None = None) -> None:
        """Folds one article vector into the centroid, pruning it to the strongest terms."""
        if article_id is not None and self.size == len(self.members) and self.size < MAX_MEMBERS:
            kept = vec if len(vec) <= MEMBER_TERMS else dict(_top(vec, MEMBER_TERMS))
            self.members[article_id] = (day, kept)
        else:
            self.drop_members()
        c = self.centroid
        for t, w in vec.items():
            c[t] = c.get(t, 0.0) + w
        if len(c) > CENTROID_TERMS * 2:
            keep = _top(c, CENTROID_TERMS)
            self.centroid = c = dict(keep)
        self.norm = math.sqrt(sum(w * w for w in c.values()))
        self.size += 1
        self.last_seq = max(self.last_seq, seq)
        if day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)
        if not self.title and title:
            self.title = title

    def merge(self, other: "StoryState") -> None:
        """Folds another story's centroid, size and days into this one."""
        self.cut = None
        for t, w in other.centroid.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + w
        if len(self.centroid) > CENTROID_TERMS * 2:
            self.centroid = dict(_top(self.centroid, CENTROID_TERMS))
        self.norm = math.sqrt(sum(w * w for w in self.centroid.values()))
        if self.size == len(self.members) and other.size == len(other.members) \
                and self.size + other.size <= MAX_MEMBERS:
            self.members.update(other.members)
        else:
            self.drop_members()
        self.size += other.size
        self.last_seq = max(self.last_seq, other.last_seq)
        for d in (other.first_day, other.last_day):
            if d is not None:
                self.first_day = d if self.first_day is None else min(self.first_day, d)
                self.last_day = d if self.last_day is None else max(self.last_day, d)
        self.title = self.title or other.title

    def sparse(self) -> tuple[np.ndarray, np.ndarray]:
        """The centroid as :func:`sparse` arrays, made again only after the centroid changed (a new dict, or more
        weight added: the norm grows)."""
        key = (id(self.centroid), len(self.centroid), self.norm)
        if self._sparse is None or self._sparse[0] != key:
            self._sparse = (key, *sparse(self.centroid))
        return self._sparse[1], self._sparse[2]

    def drop_members(self) -> None:
        """Forgets the kept member vectors (the story can no longer be re-checked for a split)."""
        self.members.clear()
        self._member_json.clear()
        self.cut = None

    def index_terms(self) -> list[str]:
        return [t for t, _ in _top(self.centroid, INDEX_TERMS)]

    def to_json(self) -> str:
        """The centroid (and the members kept for a re-check) as JSON, for the store."""
        c = json.dumps(_rounded(self.centroid, 5), separators=(",", ":"))
        if not self.members or len(self.members) != self.size:
            return '{"c":' + c + "}"
        cache = self._member_json
        for a in cache.keys() - self.members.keys():
            del cache[a]
        for a, (d, vec) in self.members.items():
            if a not in cache:
                cache[a] = json.dumps({a: [d, _rounded(vec, 4)]}, separators=(",", ":"))[1:-1]
        cut = "" if self.cut is None else ',"k":' + json.dumps([sorted(side) for side in self.cut])
        return '{"c":' + c + ',"m":{' + ",".join(cache[a] for a in self.members) + "}" + cut + "}"

    @staticmethod
    def centroid_from_json(text: str) -> dict[str, float]:
        """The centroid read back from :meth:`to_json`."""
        return {k: float(v) for k, v in json.loads(text).get("c", {}).items()}

    @staticmethod
    def members_from_json(text: str) -> dict[str, tuple[int | None, dict[str, float]]]:
        """The members read back from :meth:`to_json` (empty when none were kept)."""
        raw = json.loads(text).get("m", {})
        return {a: (d, {k: float(v) for k, v in vec.items()}) for a, (d, vec) in raw.items()}

    @staticmethod
    def cut_from_json(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
        """The last re-check's near cut read back from :meth:`to_json` (None when there was none)."""
        raw = json.loads(text).get("k")
        return (frozenset(raw[0]), frozenset(raw[1])) if raw else None


def _rounded(weights: dict[str, float], digits: int) -> dict[str, float]:
    """The weights rounded for storage (vectorised: a story's state is saved after every batch it grew in)."""
    values = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
    return dict(zip(weights, np.round(values, digits).tolist()))


def _state_of(sid: str, members: dict[str, tuple[int | None, dict[str, float]]], like: StoryState) -> StoryState:
    """A story state rebuilt from member vectors (after a split)."""
    st = StoryState(id=sid, last_seq=like.last_seq, title=like.title)
    for aid, (day, vec) in members.items():
        st.add(vec, day, like.last_seq, None, aid)
    return st


def contrast(members: dict[str, tuple[int | None, dict[str, float]]]) -> np.ndarray:
    """Cosine similarities between the members (in their order), their vectors re-weighted by how they divide the
    story.

    A term every member holds (the story's topic: the boxer, the island) or only one member holds says nothing
    about sub-groups and drops out; a term held by part of the members (the opponent, the year, the toll) counts
    by log(members / holders), names, numbers and years ``SPECIFIC_BOOST`` times more. Two events told with one
    topic's vocabulary then match across far less than within.
    """
    m, col = _dense([vec for _, vec in members.values()])
    n = m.shape[0]
    held = (m > 0).sum(axis=0)
    boost = np.fromiter((SPECIFIC_BOOST if _specific(t) else 1.0 for t in col), dtype=np.float64, count=len(col))
    weight = np.where((held >= 2) & (held < n), np.log(n / np.maximum(held, 1)) * boost, 0.0)
    m = _unit_rows(m * weight)
    return m @ m.T


def _dense(vecs: Sequence[dict[str, float]]) -> tuple[np.ndarray, dict[str, int]]:
    """Sparse vectors as the rows of one dense matrix, and the column of each term."""
    terms = [t for vec in vecs for t in vec]
    col = {t: j for j, t in enumerate(dict.fromkeys(terms))}
    m = np.zeros((len(vecs), len(col)))
    m[np.repeat(np.arange(len(vecs)), [len(v) for v in vecs]), [col[t] for t in terms]] = \
        [w for vec in vecs for w in vec.values()]
    return m, col


def _unit_rows(m: np.ndarray) -> np.ndarray:
    """The matrix with each non-zero row scaled to unit length (in place)."""
    norms = np.linalg.norm(m, axis=1)
    m /= np.where(norms > 0, norms, 1.0)[:, None]
    return m


def nearest_member(few: StoryState, story: StoryState) -> float:
    """The highest cosine between an article of ``few`` and an article of ``story`` (both keeping their members'
    vectors; 0 when either does not)."""
    if not few.members or not story.members:
        return 0.0
    m = _unit_rows(_dense([vec for _, vec in few.members.values()] + [vec for _, vec in story.members.values()])[0])
    k = len(few.members)
    return float((m[:k] @ m[k:].T).max())


def _specific(term: str) -> bool:
    """Whether a feature term is a name, a number or a year (see ``features``)."""
    return term[0] == "#" or term.startswith(("E:", "Y:"))


def two_way(sim: np.ndarray) -> tuple[list[int], list[int]]:
    """Splits items into two groups by average-link agglomeration on their similarities (merging the closest
    groups until two remain), which keeps a small second event whole where 2-means would pull members of the
    larger one into it. The group holding item 0 comes first; the second is empty when nothing tells the items
    apart (all similarities equal).

    When the last merge joins fewer than ``MIN_PART`` items to the rest (an outlier: a one-line brief that matches
    nothing, merged last), the cut is taken at the last merge that joins two groups of ``MIN_PART`` or more instead,
    and the items merged above it join the group they match more on average; else the outlier would stand alone
    as the second group and hide two events behind it."""
    n = sim.shape[0]
    if n < 2:
        return list(range(n)), []
    dist = 1.0 - sim
    dist = np.maximum((dist + dist.T) / 2.0, 0.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    label = fcluster(tree, 2, criterion="maxclust")
    left = [i for i in range(n) if label[i] == label[0]]
    right = [i for i in range(n) if label[i] != label[0]]
    if not right or min(len(left), len(right)) >= MIN_PART:
        return left, right
    node, rest = to_tree(tree), []
    while not node.is_leaf() and min(node.left.count, node.right.count) < MIN_PART:
        big, small = (node.left, node.right) if node.left.count >= node.right.count else (node.right, node.left)
        rest.extend(small.pre_order())
        node = big
    if node.is_leaf():
        return left, right
    groups = (node.left.pre_order(), node.right.pre_order())
    for i in rest:
        to_a, to_b = (float(sim[i, g].mean()) for g in groups)
        groups[0 if to_a >= to_b else 1].append(i)
    a, b = sorted(groups[0]), sorted(groups[1])
    return (a, b) if 0 in a else (b, a)


REFINE_ROUNDS = 5  # rounds of :func:`refine` after the agglomerative cut


def refine(sim: np.ndarray, left: Sequence[int], right: Sequence[int]) -> tuple[list[int], list[int]]:
    """Improves a two-way cut by moving each item to the group it matches more on average, a few rounds over.

    Agglomeration merges greedily: an article that matched one member of the wrong group best (a shared quote, a
    shared agency line) stays there even when it matches the rest of its own event more. Each group keeps at least
    ``MIN_PART`` items; the group holding item 0 comes first.
    """
    n = sim.shape[0]
    if not len(left) or not len(right):
        return list(left), list(right)
    s = sim.astype(np.float64, copy=True)
    np.fill_diagonal(s, 0.0)
    on_right = np.zeros(n, dtype=bool)
    on_right[list(right)] = True
    for _ in range(REFINE_ROUNDS):
        # mean similarity of each item to each group, itself left out
        n_right = on_right.sum() - on_right
        n_left = (n - on_right.sum()) - ~on_right
        to_right = s[:, on_right].sum(axis=1) / np.maximum(n_right, 1)
        to_left = s[:, ~on_right].sum(axis=1) / np.maximum(n_left, 1)
        moved = to_right > to_left
        if (moved == on_right).all() or min(moved.sum(), n - moved.sum()) < MIN_PART:
            break
        on_right = moved
    a = [i for i in range(n) if not on_right[i]]
    b = [i for i in range(n) if on_right[i]]
    return (b, a) if on_right[0] else (a, b)


def recheck_cut(sim: np.ndarray) -> tuple[list[int], list[int]]:
    """The re-check's two-way cut of a story's members: agglomeration (:func:`two_way`), then :func:`refine`."""
    return refine(sim, *two_way(sim))


def _mean_sim(sim: np.ndarray, a: Sequence[int], b: Sequence[int] | None = None) -> float:
    """Mean similarity over the pairs within ``a`` (or across ``a`` and ``b``)."""
    if b is not None:
        return float(sim[np.ix_(a, b)].mean()) if len(a) and len(b) else 0.0
    if len(a) < 2:
        return 0.0
    block = sim[np.ix_(a, a)]
    return float((block.sum() - np.trace(block)) / (len(a) * (len(a) - 1)))


def cut_match(sim: np.ndarray, left: Sequence[int], right: Sequence[int]) -> tuple[float, float]:
    """How two groups (indexes into the contrast similarities) match: mean similarity across them, and within the
    tighter one."""
    return _mean_sim(sim, left, right), max(_mean_sim(sim, left), _mean_sim(sim, right))


def two_events(sim: np.ndarray, left: Sequence[int], right: Sequence[int]) -> bool:
    """Whether two groups (indexes into the contrast similarities) are two events: they share little, in absolute
    terms and against how the tighter group holds together."""
    if len(left) < MIN_PART or len(right) < MIN_PART:
        return False
    cross, within = cut_match(sim, left, right)
    return cross < SPLIT_CROSS and cross < SPLIT_RATIO * within


def nearly_two_events(sim: np.ndarray, left: Sequence[int], right: Sequence[int]) -> bool:
    """Whether two groups pass the looser bounds a cut must pass at two re-checks in a row (``AGAIN_RATIO``)."""
    if len(left) < AGAIN_PART or len(right) < AGAIN_PART:
        return False
    cross, within = cut_match(sim, left, right)
    return cross < AGAIN_CROSS and cross < AGAIN_RATIO * within


def same_cut(before: tuple[frozenset[str], frozenset[str]] | None,
             now: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether a cut keeps an earlier cut's groups: each earlier group lies within one group of the cut, not the
    same one."""
    if before is None:
        return False
    (a, b), (x, y) = before, now
    return (a <= x and b <= y) or (a <= y and b <= x)


def vectorize(features: Features, df: DocFreq, idx: np.ndarray | None = None,
              terms: list[str] | None = None) -> dict[str, float]:
    """Unit-length tf-idf vector of an article's features under the current document frequencies (``idx`` and
    ``terms``: the features' buckets and interned terms, when the caller already has them)."""
    if terms is None:
        terms = list(map(intern, features.terms))
    if not terms:
        return {}
    w = np.fromiter(features.terms.values(), dtype=np.float64, count=len(terms)) * df.idf(terms, idx)
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


def cosines(vec: tuple[np.ndarray, np.ndarray], stories: Sequence[StoryState]) -> np.ndarray:
    """Cosine of a unit vector (as :func:`sparse` arrays) with each story's centroid, computed for all the stories
    at once: each centroid term is looked up in the vector's sorted hashes."""
    ids, w = vec
    out = np.zeros(len(stories))
    live = [i for i, st in enumerate(stories) if st.norm and st.centroid]
    if not len(ids) or not live:
        return out
    parts = [stories[i].sparse() for i in live]
    lens = np.fromiter((len(p[0]) for p in parts), dtype=np.int64, count=len(parts))
    cat_ids = np.concatenate([p[0] for p in parts])
    cat_w = np.concatenate([p[1] for p in parts])
    pos = np.minimum(np.searchsorted(ids, cat_ids), len(ids) - 1)
    prod = np.where(ids[pos] == cat_ids, w[pos] * cat_w, 0.0)
    starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    norms = np.fromiter((stories[i].norm for i in live), dtype=np.float64, count=len(live))
    out[live] = np.add.reduceat(prod, starts) / norms
    return out


def time_factor(day: int | None, story: StoryState, window_days: int) -> float:
    """1 inside the story's window, fading to 0 as the article's day moves away from it; 1 when undated."""
    if day is None or story.last_day is None or story.first_day is None:
        return 1.0
    gap = max(story.first_day - day, day - story.last_day, 0)
    if gap <= window_days:
        return 1.0
    return max(0.0, 1.0 - (gap - window_days) / TIME_FADE)


def separable(a: StoryState, b: StoryState) -> bool:
    """Whether two stories' articles are two events (False unless both stories still keep their members)."""
    if a.size < MIN_PART or b.size < MIN_PART or len(a.members) != a.size or len(b.members) != b.size \
            or a.members.keys() & b.members.keys():
        return False
    sim = contrast({**a.members, **b.members})
    return two_events(sim, range(a.size), range(a.size, a.size + b.size))


def _range_factor(a: StoryState, b: StoryState, window_days: int) -> float:
    """Time factor between two stories: 1 when their day ranges come within the window, fading beyond."""
    if a.first_day is None or a.last_day is None:
        return 1.0
    f1 = time_factor(a.first_day, b, window_days)
    f2 = time_factor(a.last_day, b, window_days)
    return max(f1, f2)



def assign(vec: dict[str, float], day: int | None, active: Iterable[StoryState], *,
           threshold: float = THRESHOLD, window_days: int = 7) -> tuple[str | None, float]:
    """The id of the active story this article vector belongs to (None: open a new one) and its score."""
    best: str | None = None
    best_score = threshold
    near = [(story, f) for story in active if (f := time_factor(day, story, window_days)) > 0.0]
    if not near:
        return None, 0.0
    sims = cosines(sparse(vec), [story for story, _ in near]).tolist()
    for (story, f), sim in zip(near, sims):
        s = sim * f
        if s >= best_score:
            best, best_score = story.id, s
    return best, (best_score if best else 0.0)


class Clusterer:
    """Single-pass clustering over a stream, with an inverted index over the active stories' top terms."""

    def __init__(self, df: DocFreq | None = None, *, window_days: int = 7, window_articles: int = 5000,
                 grace_articles: int = 500, max_active: int = 2000, threshold: float = THRESHOLD,
                 merge_threshold: float = MERGE_THRESHOLD) -> None:
        self.df = df or DocFreq()
        self.window_days = window_days
        self.window_articles = window_articles
        self.grace_articles = grace_articles
        self.max_active = max_active
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.active: dict[str, StoryState] = {}
        self.index: dict[str, set[str]] = {}
        self.indexed: dict[str, list[str]] = {}
        self.clock: int | None = None  # newest day seen
        # days of the latest dated articles (as many as the grace), for the horizon
        self.recent_days: deque[int] = deque(maxlen=max(grace_articles, 1))
        self.seq = 0
        self.apart: set[frozenset[str]] = set()  # pairs of stories found to be two events: never merged

    def load(self, states: Iterable[StoryState]) -> None:
        """Adds stories (e.g. read back from the store) to the active set."""
        for st in states:
            self.active[st.id] = st
            self._reindex(st)

    def _reindex(self, st: StoryState) -> None:
        for t in self.indexed.pop(st.id, ()):
            ids = self.index.get(t)
            if ids is not None:
                ids.discard(st.id)
                if not ids:
                    del self.index[t]
        terms = st.index_terms()
        self.indexed[st.id] = terms
        for t in terms:
            self.index.setdefault(t, set()).add(st.id)

    def candidates(self, vec: dict[str, float]) -> list[StoryState]:
        """Active stories sharing one of the article's strongest terms."""
        top = _top(vec, QUERY_TERMS)
        hits: dict[str, float] = {}
        for t, w in top:
            for sid in self.index.get(t, ()):
                hits[sid] = hits.get(sid, 0.0) + w
        best = _top(hits, MAX_CANDIDATES)
        return [self.active[i] for i, _ in best]

    def add(self, article_id: str, features: Features) -> tuple[StoryState, bool]:
        """Clusters one article: returns its story state and whether the story is new."""
        self.seq += 1
        day = features.day  # undated articles match any story; they age out by ingest order instead
        if features.day is not None:
            self.clock = features.day if self.clock is None else max(self.clock, features.day)
            self.recent_days.append(features.day)
        terms = list(map(intern, features.terms))
        idx = features.buckets if features.buckets is not None and len(features.buckets) == len(terms) \
            else self.df.buckets(terms)
        vec = vectorize(features, self.df, idx, terms)
        self.df.add(terms, idx)
        sid, _ = assign(vec, day, self.candidates(vec), threshold=self.threshold, window_days=self.window_days)
        created = sid is None
        if sid is None:
            st = StoryState(id=new_story_id(article_id))
            self.active[st.id] = st
        else:
            st = self.active[sid]
        st.add(vec, day, self.seq, features.title, article_id)
        self._reindex(st)
        return st, created

    def recheck(self, st: StoryState) -> tuple[StoryState, list[str]] | None:
        """Splits ``st`` in two when its articles form two events that would not be joined; returns (new story,
        the article ids moved to it), or None.

        An event's first article can only be compared with the stories already open, so the first articles of a
        second, similar event may join the first one's story; once both events have a few articles the story shows
        two groups, and the re-check (run at a few sizes while the story is small) separates them: when the cut
        passes :func:`two_events`, or when it passes the looser :func:`nearly_two_events` at two re-checks in a row
        with each earlier group kept whole on its own side (:func:`same_cut`).
        """
        if st.size not in SPLIT_SIZES or len(st.members) != st.size:
            return None
        ids = list(st.members)
        sim = contrast(st.members)
        li, ri = recheck_cut(sim)
        if not two_events(sim, li, ri):
            cut = (frozenset(ids[i] for i in li), frozenset(ids[i] for i in ri)) \
                if nearly_two_events(sim, li, ri) else None
            seen_before = cut is not None and same_cut(st.cut, cut)
            st.cut = cut
            if not seen_before:
                return None
        left, right = [ids[i] for i in li], [ids[i] for i in ri]
        a = _state_of(st.id, {i: st.members[i] for i in left}, st)
        b = _state_of(st.id, {i: st.members[i] for i in right}, st)
        first = next(iter(st.members))
        (kept, _), (new, move) = ((a, left), (b, right)) if first in left else ((b, right), (a, left))
        new.id = new_story_id(f"{move[0]}:{self.seq}")
        new.title = None  # the caller names it after its first article
        st.centroid, st.norm, st.size, st.members, st.cut = kept.centroid, kept.norm, kept.size, kept.members, None
        st.first_day, st.last_day = kept.first_day, kept.last_day
        self.active[new.id] = new
        self.apart.add(frozenset((st.id, new.id)))
        self._reindex(st)
        self._reindex(new)
        return new, list(move)

    def absorb(self, st: StoryState) -> list[tuple[str, str]]:
        """Merges into ``st`` every active story whose centroid now matches it, or that holds one or two articles
        one of which matches an article of the other closely (:meth:`_edge_article`); returns (gone id, kept id)
        pairs.

        Single-pass assignment depends on arrival order; a story that grew may reveal that two stories opened for
        one event belong together, which articles alone could not show.
        """
        merged: list[tuple[str, str]] = []
        if st.size < 2 or not st.norm:
            return merged
        ids, w = st.sparse()
        near = self.candidates(st.centroid)  # the same stories as for the unit centroid: only the ranking counts
        # every cosine with the centroid as it was: only ``st`` or a story that leaves changes within the loop
        sims = cosines((ids, w / st.norm), near).tolist()
        for other, sim in zip(near, sims):
            if other.id == st.id or other.id not in self.active:
                continue
            f = _range_factor(st, other, self.window_days)
            if f > 0 and (sim * f >= self._pair_threshold(st, other) or self._edge_article(st, other, sim, f)) \
                    and not self._apart(st, other):
                keep, gone = (st, other) if (st.size, other.id) >= (other.size, st.id) else (other, st)
                keep.merge(gone)
                self._drop(gone.id)
                self._reindex(keep)
                merged.append((gone.id, keep.id))
                if gone is st:
                    break
        return merged

    @staticmethod
    def _edge_article(a: StoryState, b: StoryState, sim: float, f: float) -> bool:
        """Whether, of two stories whose centroids match at ``sim`` (``f``: their time factor), one holds one or two
        articles and belongs to the other, a grown story, by matching one of its articles closely (see
        ``NEAREST_MEMBER``); both must keep their members' vectors."""
        few, story = (a, b) if a.size <= b.size else (b, a)
        if few.size > 2 or story.size < MIN_PART or sim * f < MEMBER_FLOOR or len(few.members) != few.size \
                or len(story.members) != story.size:
            return False
        return nearest_member(few, story) * f >= NEAREST_MEMBER

    def _apart(self, a: StoryState, b: StoryState) -> bool:
        """Whether two stories are two events; once found so (or split apart), they stay apart."""
        key = frozenset((a.id, b.id))
        if key in self.apart:
            return True
        if separable(a, b):
            self.apart.add(key)
            return True
        return False

    def _pair_threshold(self, a: StoryState, b: StoryState) -> float:
        """How closely two stories must match to merge: a story of one or two articles is compared much as an
        arriving article is (its centroid is hardly more than an article vector), larger ones need ``merge_threshold``.
        """
        small = min(a.size, b.size)
        if small >= MIN_PART:
            return self.merge_threshold
        return self.threshold + (self.merge_threshold - self.threshold) * ORPHAN_STEP[small]

    def _drop(self, sid: str) -> None:
        self.active.pop(sid, None)
        for t in self.indexed.pop(sid, ()):
            ids = self.index.get(t)
            if ids is not None:
                ids.discard(sid)
                if not ids:
                    del self.index[t]

    def horizon(self) -> int | None:
        """The day the stream has moved past: a low quantile (``HORIZON_QUANTILE``) of the latest dated articles'
        days. In a stream that runs forward in time it trails the newest day by little; in a pile read in no
        order of time (a crawl, a shuffled archive) it stays near the oldest days, so stories are not dropped by
        day just because one article from much later came by."""
        if not self.recent_days:
            return None
        days = sorted(self.recent_days)
        return days[int(HORIZON_QUANTILE * (len(days) - 1))]

    def retire(self) -> list[StoryState]:
        """Drops stories that left the window (by day, by article count, or over the cap); returns them."""
        gone: list[StoryState] = []
        horizon = self.horizon()
        for st in list(self.active.values()):
            idle = self.seq - st.last_seq
            old_day = horizon is not None and st.last_day is not None and st.last_day < horizon - self.window_days
            # dates arrive out of order, so a story past the window by day also waits out a grace of articles
            if (old_day and idle > self.grace_articles) or idle > self.window_articles:
                gone.append(st)
        if len(self.active) - len(gone) > self.max_active:
            rest = sorted((s for s in self.active.values() if s not in gone), key=lambda s: s.last_seq)
            gone.extend(rest[:len(rest) - self.max_active])
        for st in gone:
            self._drop(st.id)
        if gone:
            self.apart = {k for k in self.apart if all(i in self.active for i in k)}
        return gone

    def shed_members(self) -> list[StoryState]:
        """Drops the kept member vectors of the stories that grew least recently while more than ``MEMBER_BUDGET``
        are kept in all; returns the stories changed."""
        kept = sum(len(st.members) for st in self.active.values())
        shed: list[StoryState] = []
        if kept <= MEMBER_BUDGET:
            return shed
        for st in sorted((s for s in self.active.values() if s.members), key=lambda s: s.last_seq):
            kept -= len(st.members)
            st.drop_members()
            shed.append(st)
            if kept <= MEMBER_BUDGET:
                break
        return shed


def cluster_articles(articles: Iterable[Article], window_days: int = 7) -> tuple[dict[str, str], list[StoryState]]:
    """Clusters one batch (e.g. a partition) from scratch: article id -> story id, and the stories' states.

    Feed the states of every partition to :func:`merge_clusters` to join stories across partitions.
    """
    cl = Clusterer(window_days=window_days)
    story_of: dict[str, str] = {}
    for art in articles:
        st, _ = cl.add(art.id, extract(art))
        story_of[art.id] = st.id
        split = cl.recheck(st)
        if split is not None:
            for aid in split[1]:
                story_of[aid] = split[0].id
        for gone, keep in cl.absorb(st):
            for aid, sid in story_of.items():
                if sid == gone:
                    story_of[aid] = keep
    return story_of, list(cl.active.values())


def merge_clusters(states: Sequence[StoryState], *, threshold: float = MERGE_THRESHOLD,
                   window_days: int = 7) -> dict[str, str]:
    """Joins stories opened separately (e.g. by different partitions) for one event: story id -> merged id.

    States are taken largest first; each joins the most similar earlier kept story whose centroid cosine reaches
    ``threshold`` (and whose days overlap within ``window_days``) unless, as in :meth:`Clusterer.absorb`, their
    articles form two events (:func:`separable`); else it is kept. Kept stories map to themselves. The input
    states are not changed.
    """
    kept: dict[str, StoryState] = {}
    out: dict[str, str] = {}
    for st in sorted(states, key=lambda s: (-s.size, s.id)):
        norm = st.norm or math.sqrt(sum(w * w for w in st.centroid.values()))
        unit = {t: w / norm for t, w in st.centroid.items()} if norm else {}
        ruled_out: set[str] = set()
        while True:
            best, _ = assign(unit, st.last_day, [k for k in kept.values() if k.id not in ruled_out],
                             threshold=threshold, window_days=window_days)
            if best is None or not separable(kept[best], st):
                break
            ruled_out.add(best)
        if best is None:
            kept[st.id] = StoryState(id=st.id, centroid=dict(st.centroid), size=st.size, first_day=st.first_day,
                                     last_day=st.last_day, last_seq=st.last_seq, title=st.title, norm=norm,
                                     members=dict(st.members))
            out[st.id] = st.id
        else:
            kept[best].merge(st)
            out[st.id] = best
    return out
