"""Incremental story clustering: each article joins the most similar active story or opens a new one.

Articles are compared by tf-idf cosine of title-, lead- and name-weighted terms (see ``features`` and ``vectors``)
against story centroids (see ``storystate``); a story's pull fades, slowly (``time_fade``), once an article's day
is more than ``story_window_days`` from the story's days, and undated articles may join any story. The clusterer
keeps only *active* stories in memory: a story retires when its days fall that window behind the stream's
:meth:`Clusterer.horizon` (after a grace of ``grace_articles`` further articles, since dates arrive out of order),
when ``window_articles`` articles passed without it, or past ``max_active``; the rest live in the store, and member
vectors kept for the re-check are capped in all (``member_budget``), so memory stays flat as the corpus grows.
While a story is small, :meth:`Clusterer.recheck` may split it in two (see ``recheck``). A story of one or two
articles is re-compared with growing stories much as an arriving article is, so an early article that missed its
event's story can still join it.

:meth:`Clusterer.cluster` is the one loop: it takes an article's features and returns what happened as events
(:class:`Opened`, :class:`Joined`, :class:`Split`, :class:`Merged`); :meth:`Clusterer.settle`, called after each
batch, returns :class:`Retired` and :class:`Shed`. The store applies them to its tables, :func:`cluster_articles`
(a partition of the Dask batch) to a map of article -> story; :func:`merge_clusters` then joins stories that
different partitions opened for one event.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from sys import intern

from ..config import ClusterSettings
from ..model import Article
from .features import Features, extract
from .recheck import nearest_member, separable, split_of
from .storystate import StoryState, cosines, new_story_id, rebuilt
from .vectors import DocFreq, sparse, top, vectorize


@dataclass(frozen=True, slots=True)
class Placed:
    """Where an article went: the story it is now in."""

    article: str
    story: StoryState


@dataclass(frozen=True, slots=True)
class Opened(Placed):
    """An article opened a new story."""


@dataclass(frozen=True, slots=True)
class Joined(Placed):
    """An article joined an active story."""


@dataclass(frozen=True, slots=True)
class Split:
    """The re-check split ``old`` in two: the articles ``moved`` left it for the new story ``new``."""

    old: StoryState
    new: StoryState
    moved: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Merged:
    """Story ``gone`` was merged into ``keep`` (every article of ``gone`` now belongs to ``keep``)."""

    gone: StoryState
    keep: StoryState


@dataclass(frozen=True, slots=True)
class Settled:
    """A story the clusterer changed after a batch."""

    story: StoryState


@dataclass(frozen=True, slots=True)
class Retired(Settled):
    """A story left the active set (it lives on in the store, but no article joins it any more)."""


@dataclass(frozen=True, slots=True)
class Shed(Settled):
    """A story gave up its members' vectors (memory budget): its saved state changes."""


Event = Opened | Joined | Split | Merged | Retired | Shed


def time_factor(day: int | None, story: StoryState, p: ClusterSettings) -> float:
    """1 inside the story's window, fading to 0 as the article's day moves away from it; 1 when undated."""
    if day is None or story.last_day is None or story.first_day is None:
        return 1.0
    gap = max(story.first_day - day, day - story.last_day, 0)
    if gap <= p.story_window_days:
        return 1.0
    return max(0.0, 1.0 - (gap - p.story_window_days) / p.time_fade)


def range_factor(a: StoryState, b: StoryState, p: ClusterSettings) -> float:
    """Time factor between two stories: 1 when their day ranges come within the window, fading beyond."""
    if a.first_day is None or a.last_day is None:
        return 1.0
    return max(time_factor(a.first_day, b, p), time_factor(a.last_day, b, p))


def assign(vec: dict[str, float], day: int | None, active: Iterable[StoryState], *,
           threshold: float, params: ClusterSettings) -> tuple[str | None, float]:
    """The id of the active story this article vector belongs to (None: open a new one) and its score."""
    best: str | None = None
    best_score = threshold
    near = [(story, f) for story in active if (f := time_factor(day, story, params)) > 0.0]
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

    def __init__(self, df: DocFreq | None = None, params: ClusterSettings | None = None) -> None:
        self.df = df or DocFreq()
        self.params = params or ClusterSettings()
        self.active: dict[str, StoryState] = {}
        self.index: dict[str, set[str]] = {}
        self.indexed: dict[str, list[str]] = {}
        self.clock: int | None = None  # newest day seen
        # days of the latest dated articles (as many as the grace), for the horizon
        self.recent_days: deque[int] = deque(maxlen=max(self.params.grace_articles, 1))
        self.seq = 0
        self.apart: set[frozenset[str]] = set()  # pairs of stories found to be two events: never merged

    def load(self, states: Iterable[StoryState]) -> None:
        """Adds stories (e.g. read back from the store) to the active set."""
        for st in states:
            self.active[st.id] = st
            self._reindex(st)

    def _unindex(self, sid: str) -> None:
        """Takes a story out of the term index (it changed, left or was merged away)."""
        for t in self.indexed.pop(sid, ()):
            ids = self.index.get(t)
            if ids is not None:
                ids.discard(sid)
                if not ids:
                    del self.index[t]

    def _reindex(self, st: StoryState) -> None:
        """Files a story under its centroid's strongest terms as they are now."""
        self._unindex(st.id)
        terms = st.index_terms(self.params)
        self.indexed[st.id] = terms
        for t in terms:
            self.index.setdefault(t, set()).add(st.id)

    def candidates(self, vec: dict[str, float]) -> list[StoryState]:
        """Active stories sharing one of the article's strongest terms."""
        hits: dict[str, float] = {}
        for t, w in top(vec, self.params.query_terms):
            for sid in self.index.get(t, ()):
                hits[sid] = hits.get(sid, 0.0) + w
        return [self.active[i] for i, _ in top(hits, self.params.max_candidates)]

    def cluster(self, article_id: str, features: Features) -> list[Event]:
        """Clusters one article: where it went (opened or joined), then any split and merges that followed."""
        st, created = self.add(article_id, features)
        events: list[Event] = [Opened(article_id, st) if created else Joined(article_id, st)]
        home = st
        split = self.recheck(st)
        if split is not None:
            new, moved = split
            events.append(Split(st, new, tuple(moved)))
            if article_id in moved:
                home = new
        events.extend(self._absorb_all(home))
        return events

    def _absorb_all(self, st: StoryState) -> list[Event]:
        """Merges what now matches the story an article or a batch's story went to (see :meth:`absorb`)."""
        return [Merged(gone, keep) for gone, keep in self.absorb(st)]

    def adopt(self, state: StoryState, first_article: str, features: Sequence[Features]) -> list[Event]:
        """Takes in a story clustered elsewhere (a batch's story, ``features``: its clustered articles' in order)
        as if its articles had just come in: opened, then merged with any active story it matches."""
        for f in features:
            self.seq += 1
            self.df.add(list(map(intern, f.terms)), f.buckets)
            if f.day is not None:
                self.clock = f.day if self.clock is None else max(self.clock, f.day)
                self.recent_days.append(f.day)
        state.last_seq = self.seq
        self.active[state.id] = state
        self._reindex(state)
        return [Opened(first_article, state), *self._absorb_all(state)]

    def settle(self) -> list[Event]:
        """Retires the stories that left the window, then sheds member vectors over the budget (after a batch)."""
        events: list[Event] = [Retired(st) for st in self.retire()]
        events.extend(Shed(st) for st in self.shed_members())
        return events

    def add(self, article_id: str, features: Features) -> tuple[StoryState, bool]:
        """Places one article: returns its story state and whether the story is new."""
        self.seq += 1
        day = features.day  # undated articles match any story; they age out by ingest order instead
        if day is not None:
            self.clock = day if self.clock is None else max(self.clock, day)
            self.recent_days.append(day)
        terms = list(map(intern, features.terms))
        idx = features.buckets if features.buckets is not None and len(features.buckets) == len(terms) \
            else self.df.buckets(terms)
        vec = vectorize(features, self.df, idx, terms, self.params)
        self.df.add(terms, idx)
        sid, _ = assign(vec, day, self.candidates(vec), threshold=self.params.join_threshold,
                        params=self.params)
        created = sid is None
        if sid is None:
            st = StoryState(id=new_story_id(article_id))
            self.active[st.id] = st
        else:
            st = self.active[sid]
        st.add(vec, day, self.seq, features.title, article_id, self.params)
        self._reindex(st)
        return st, created

    def recheck(self, st: StoryState) -> tuple[StoryState, list[str]] | None:
        """Splits ``st`` in two when its articles form two events that would not be joined (see
        ``recheck.split_of``); returns (new story, the article ids moved to it), or None."""
        groups = split_of(st, self.params)
        if groups is None:
            return None
        left, right = groups
        a = rebuilt(st.id, {i: st.members[i] for i in left}, st, self.params)
        b = rebuilt(st.id, {i: st.members[i] for i in right}, st, self.params)
        first = next(iter(st.members))
        (kept, _), (new, move) = ((a, left), (b, right)) if first in left else ((b, right), (a, left))
        new.id = new_story_id(f"{move[0]}:{self.seq}")
        new.title = None  # the caller names it after its first article
        st.take(kept)
        self.active[new.id] = new
        self.apart.add(frozenset((st.id, new.id)))
        self._reindex(st)
        self._reindex(new)
        return new, list(move)

    def absorb(self, st: StoryState) -> list[tuple[StoryState, StoryState]]:
        """Merges into ``st`` every active story whose centroid now matches it, or that holds one or two articles
        one of which matches an article of the other closely (:meth:`edge_article`); returns (gone, kept) pairs.

        Single-pass assignment depends on arrival order; a story that grew may reveal that two stories opened for
        one event belong together, which articles alone could not show.
        """
        merged: list[tuple[StoryState, StoryState]] = []
        if st.size < 2 or not st.norm:
            return merged
        ids, w = st.sparse()
        near = self.candidates(st.centroid)  # the same stories as for the unit centroid: only the ranking counts
        # every cosine with the centroid as it was: only ``st`` or a story that leaves changes within the loop
        sims = cosines((ids, w / st.norm), near).tolist()
        for other, sim in zip(near, sims):
            if other.id == st.id or other.id not in self.active:
                continue
            f = range_factor(st, other, self.params)
            if f > 0 and (sim * f >= self.pair_threshold(st, other) or self.edge_article(st, other, sim, f)) \
                    and not self._apart(st, other):
                keep, gone = (st, other) if (st.size, other.id) >= (other.size, st.id) else (other, st)
                keep.merge(gone, self.params)
                self._drop(gone.id)
                self._reindex(keep)
                merged.append((gone, keep))
                if gone is st:
                    break
        return merged

    def edge_article(self, a: StoryState, b: StoryState, sim: float, f: float) -> bool:
        """Whether, of two stories whose centroids match at ``sim`` (``f``: their time factor), one holds one or two
        articles and belongs to the other, a grown story, by matching one of its articles closely (see
        ``nearest_member``); both must keep their members' vectors."""
        few, story = (a, b) if a.size <= b.size else (b, a)
        if few.size > 2 or story.size < self.params.min_part or sim * f < self.params.member_floor or not few.keeps_members() \
                or not story.keeps_members():
            return False
        return nearest_member(few, story) * f >= self.params.nearest_member

    def _apart(self, a: StoryState, b: StoryState) -> bool:
        """Whether two stories are two events; once found so (or split apart), they stay apart."""
        key = frozenset((a.id, b.id))
        if key in self.apart:
            return True
        if separable(a, b, self.params):
            self.apart.add(key)
            return True
        return False

    def pair_threshold(self, a: StoryState, b: StoryState) -> float:
        """How closely two stories must match to merge: a story of one or two articles is compared much as an
        arriving article is (its centroid is hardly more than an article vector), larger ones need
        ``merge_threshold``."""
        small = min(a.size, b.size)
        p = self.params
        if small >= p.min_part:
            return p.merge_threshold
        return p.join_threshold + (p.merge_threshold - p.join_threshold) * p.orphan_steps[min(small, 2) - 1]

    def _drop(self, sid: str) -> None:
        """Forgets a story that retired or was merged away."""
        self.active.pop(sid, None)
        self._unindex(sid)

    def horizon(self) -> int | None:
        """The day the stream has moved past: a low quantile (``horizon_quantile``) of the latest dated articles'
        days. In a stream that runs forward in time it trails the newest day by little; in a pile read in no
        order of time (a crawl, a shuffled archive) it stays near the oldest days, so stories are not dropped by
        day just because one article from much later came by."""
        if not self.recent_days:
            return None
        days = sorted(self.recent_days)
        return days[int(self.params.horizon_quantile * (len(days) - 1))]

    def retire(self) -> list[StoryState]:
        """Drops stories that left the window (by day, by article count, or over the cap); returns them."""
        p = self.params
        gone: list[StoryState] = []
        horizon = self.horizon()
        for st in list(self.active.values()):
            idle = self.seq - st.last_seq
            old_day = horizon is not None and st.last_day is not None \
                and st.last_day < horizon - p.story_window_days
            # dates arrive out of order, so a story past the window by day also waits out a grace of articles
            if (old_day and idle > p.grace_articles) or idle > p.window_articles:
                gone.append(st)
        if len(self.active) - len(gone) > p.max_active:
            rest = sorted((s for s in self.active.values() if s not in gone), key=lambda s: s.last_seq)
            gone.extend(rest[:len(rest) - p.max_active])
        for st in gone:
            self._drop(st.id)
        if gone:
            self.apart = {k for k in self.apart if all(i in self.active for i in k)}
        return gone

    def shed_members(self) -> list[StoryState]:
        """Drops the kept member vectors of the stories that grew least recently while more than
        ``member_budget`` are kept in all; returns the stories changed."""
        budget = self.params.member_budget
        kept = sum(len(st.members) for st in self.active.values())
        shed: list[StoryState] = []
        if kept <= budget:
            return shed
        for st in sorted((s for s in self.active.values() if s.members), key=lambda s: s.last_seq):
            kept -= len(st.members)
            st.drop_members()
            shed.append(st)
            if kept <= budget:
                break
        return shed


def cluster_articles(articles: Iterable[Article], params: ClusterSettings | None = None, *,
                     batch: int | None = None) -> tuple[dict[str, str], list[StoryState]]:
    """Clusters one batch (e.g. a partition) from scratch, settling every ``batch`` articles (default:
    ``batch_articles``) as a store does:
    article id -> story id, and the states of every story (active or retired).

    Feed the states of every partition to :func:`merge_clusters` to join stories across partitions.
    """
    cl = Clusterer(params=params)
    every = batch or cl.params.batch_articles
    story_of: dict[str, str] = {}
    retired: dict[str, StoryState] = {}
    members: dict[str, list[str]] = {}  # story id -> its articles, so a merge or split moves only those

    def apply(ev: Event) -> None:
        if isinstance(ev, Placed):
            story_of[ev.article] = ev.story.id
            members.setdefault(ev.story.id, []).append(ev.article)
        elif isinstance(ev, Split):
            moved = set(ev.moved)
            members[ev.old.id] = [a for a in members[ev.old.id] if a not in moved]
            members[ev.new.id] = list(ev.moved)
            for aid in ev.moved:
                story_of[aid] = ev.new.id
        elif isinstance(ev, Merged):
            for aid in members.pop(ev.gone.id, []):
                story_of[aid] = ev.keep.id
                members[ev.keep.id].append(aid)
        elif isinstance(ev, Retired):
            retired[ev.story.id] = ev.story

    for n, art in enumerate(articles, start=1):
        for ev in cl.cluster(art.id, extract(art, cl.params)):
            apply(ev)
        if n % every == 0:
            for ev in cl.settle():
                apply(ev)
    for ev in cl.settle():
        apply(ev)
    return story_of, list(cl.active.values()) + list(retired.values())


def merge_clusters(states: Sequence[StoryState], params: ClusterSettings | None = None, *,
                   threshold: float | None = None) -> dict[str, str]:
    """Joins stories opened separately (e.g. by different partitions) for one event: story id -> merged id.

    States are taken largest first; each joins the most similar earlier kept story whose centroid cosine reaches
    ``threshold`` (default ``merge_threshold``; and whose days overlap within ``story_window_days``) unless, as in
    :meth:`Clusterer.absorb`, their articles form two events (``recheck.separable``); else it is kept. Kept stories
    map to themselves. The input states are not changed.
    """
    p = params or ClusterSettings()
    floor = p.merge_threshold if threshold is None else threshold
    kept: dict[str, StoryState] = {}
    out: dict[str, str] = {}
    for st in sorted(states, key=lambda s: (-s.size, s.id)):
        norm = st.norm or math.sqrt(sum(w * w for w in st.centroid.values()))
        unit = {t: w / norm for t, w in st.centroid.items()} if norm else {}
        ruled_out: set[str] = set()
        while True:
            best, _ = assign(unit, st.last_day, [k for k in kept.values() if k.id not in ruled_out],
                             threshold=floor, params=p)
            if best is None or not separable(kept[best], st, p):
                break
            ruled_out.add(best)
        if best is None:
            kept[st.id] = st.copy()
            out[st.id] = st.id
        else:
            kept[best].merge(st, p)
            out[st.id] = best
    return out
