"""What the clusterer keeps of a story (a pruned centroid, its size, days and, while small, its members' vectors)
and the JSON form the store saves it in."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..config import ClusterSettings
from .vectors import rounded, sparse, sparse_cosines, top

DEFAULTS = ClusterSettings()  # how much of a story is kept (``centroid_terms``, ``max_members`` ...) unless given

Members = dict[str, tuple[int | None, dict[str, float]]]  # article id -> (day, pruned vector)
Cut = tuple[frozenset[str], frozenset[str]]


def new_story_id(first_article_id: str) -> str:
    """Stable story id derived from the article that opened the story."""
    return "s" + hashlib.sha1(first_article_id.encode()).hexdigest()[:12]


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
    members: Members = field(default_factory=dict)
    # the two groups of the last re-check's cut when they nearly made two events (``ClusterSettings.again_ratio``)
    cut: Cut | None = None
    # each member's JSON, made once: a member never changes, and small stories are saved after every batch
    _member_json: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # the centroid as sorted term hashes and weights (see ``vectors.sparse``), and what it was made from
    _sparse: tuple[tuple[int, int, float], np.ndarray, np.ndarray] | None = field(default=None, repr=False,
                                                                                   compare=False)

    def add(self, vec: dict[str, float], day: int | None, seq: int, title: str | None,
            article_id: str | None = None, p: ClusterSettings = DEFAULTS) -> None:
        """Folds one article vector into the centroid, pruning it to the strongest terms (``p``: how many are
        kept, of the centroid and of each member while the story is small)."""
        if article_id is not None and self.size == len(self.members) and self.size < p.max_members:
            kept = vec if len(vec) <= p.member_terms else dict(top(vec, p.member_terms))
            self.members[article_id] = (day, kept)
        else:
            self.drop_members()
        c = self.centroid
        for t, w in vec.items():
            c[t] = c.get(t, 0.0) + w
        if len(c) > p.centroid_terms * 2:
            self.centroid = c = dict(top(c, p.centroid_terms))
        self.norm = math.sqrt(sum(w * w for w in c.values()))
        self.size += 1
        self.last_seq = max(self.last_seq, seq)
        if day is not None:
            self._widen(day)
        if not self.title and title:
            self.title = title

    def _widen(self, day: int) -> None:
        """Widens the story's days to hold ``day``."""
        self.first_day = day if self.first_day is None else min(self.first_day, day)
        self.last_day = day if self.last_day is None else max(self.last_day, day)

    def merge(self, other: StoryState, p: ClusterSettings = DEFAULTS) -> None:
        """Folds another story's centroid, size and days into this one."""
        self.cut = None
        for t, w in other.centroid.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + w
        if len(self.centroid) > p.centroid_terms * 2:
            self.centroid = dict(top(self.centroid, p.centroid_terms))
        self.norm = math.sqrt(sum(w * w for w in self.centroid.values()))
        if self.size == len(self.members) and other.size == len(other.members) \
                and self.size + other.size <= p.max_members:
            self.members.update(other.members)
        else:
            self.drop_members()
        self.size += other.size
        self.last_seq = max(self.last_seq, other.last_seq)
        for d in (other.first_day, other.last_day):
            if d is not None:
                self._widen(d)
        self.title = self.title or other.title

    def copy(self) -> StoryState:
        """An independent copy (centroid and members copied), for a merge that must leave its inputs alone."""
        return StoryState(id=self.id, centroid=dict(self.centroid), size=self.size, first_day=self.first_day,
                          last_day=self.last_day, last_seq=self.last_seq, title=self.title,
                          norm=self.norm or math.sqrt(sum(w * w for w in self.centroid.values())),
                          members=dict(self.members))

    def take(self, other: StoryState) -> None:
        """Becomes ``other`` in all but id and title (the part of a split story that keeps its id)."""
        self.centroid, self.norm, self.size, self.members, self.cut = \
            other.centroid, other.norm, other.size, other.members, None
        self.first_day, self.last_day = other.first_day, other.last_day

    def sparse(self) -> tuple[np.ndarray, np.ndarray]:
        """The centroid as ``vectors.sparse`` arrays, made again only after the centroid changed (a new dict, or
        more weight added: the norm grows)."""
        key = (id(self.centroid), len(self.centroid), self.norm)
        if self._sparse is None or self._sparse[0] != key:
            self._sparse = (key, *sparse(self.centroid))
        return self._sparse[1], self._sparse[2]

    def drop_members(self) -> None:
        """Forgets the kept member vectors (the story can no longer be re-checked for a split)."""
        self.members.clear()
        self._member_json.clear()
        self.cut = None

    def keeps_members(self) -> bool:
        """Whether every member's vector is kept (the story can be re-checked and compared member by member)."""
        return len(self.members) == self.size

    def index_terms(self, p: ClusterSettings = DEFAULTS) -> list[str]:
        """The centroid's strongest terms, under which the clusterer's index finds the story."""
        return [t for t, _ in top(self.centroid, p.index_terms)]

    def to_json(self) -> str:
        """The centroid (and the members kept for a re-check, and the last near cut) as JSON, for the store."""
        c = json.dumps(rounded(self.centroid, 5), separators=(",", ":"))
        if not self.members or len(self.members) != self.size:
            return '{"c":' + c + "}"
        cache = self._member_json
        for a in cache.keys() - self.members.keys():
            del cache[a]
        for a, (d, vec) in self.members.items():
            if a not in cache:
                cache[a] = json.dumps({a: [d, rounded(vec, 4)]}, separators=(",", ":"))[1:-1]
        cut = "" if self.cut is None else ',"k":' + json.dumps([sorted(side) for side in self.cut])
        return '{"c":' + c + ',"m":{' + ",".join(cache[a] for a in self.members) + "}" + cut + "}"

    @classmethod
    def from_json(cls, text: str, sid: str, *, size: int, first_day: int | None, last_day: int | None,
                  last_seq: int, title: str | None) -> StoryState:
        """A story state read back from :meth:`to_json` and the story's stored fields."""
        raw = json.loads(text)
        centroid = {k: float(v) for k, v in raw.get("c", {}).items()}
        members = {a: (d, {k: float(v) for k, v in vec.items()}) for a, (d, vec) in raw.get("m", {}).items()}
        cut = raw.get("k")
        return cls(id=sid, centroid=centroid, size=size, first_day=first_day, last_day=last_day,
                   last_seq=last_seq, title=title, members=members,
                   cut=(frozenset(cut[0]), frozenset(cut[1])) if cut else None,
                   norm=float(np.sqrt(sum(w * w for w in centroid.values()))))


def fold(states: Sequence[StoryState], p: ClusterSettings = DEFAULTS) -> StoryState:
    """One state of stories merged into one (as the partition merge joins them: largest first), inputs unchanged."""
    order = sorted(states, key=lambda s: (-s.size, s.id))
    out = order[0].copy()
    for st in order[1:]:
        out.merge(st, p)
    return out


def to_record(st: StoryState) -> str:
    """The whole state as one JSON document (its fields and :meth:`StoryState.to_json`), to carry between runs;
    terms in sorted order, so two processes write the same state alike (a term's place in a vector follows
    Python's string hashing, which differs between processes)."""
    state = json.loads(st.to_json())
    state["c"] = dict(sorted(state["c"].items()))
    if "m" in state:
        state["m"] = {a: [d, dict(sorted(vec.items()))] for a, (d, vec) in state["m"].items()}
    return json.dumps({"id": st.id, "size": st.size, "first_day": st.first_day, "last_day": st.last_day,
                       "title": st.title, "state": state}, separators=(",", ":"))


def from_record(text: str) -> StoryState:
    """A state read back from :func:`to_record` (its sequence number is the reader's to set)."""
    raw = json.loads(text)
    return StoryState.from_json(json.dumps(raw["state"]), raw["id"], size=raw["size"], first_day=raw["first_day"],
                                last_day=raw["last_day"], last_seq=0, title=raw["title"])


def rebuilt(sid: str, members: Members, like: StoryState, p: ClusterSettings = DEFAULTS) -> StoryState:
    """A story state rebuilt from member vectors (a part of a split story)."""
    st = StoryState(id=sid, last_seq=like.last_seq, title=like.title)
    for aid, (day, vec) in members.items():
        st.add(vec, day, like.last_seq, None, aid, p)
    return st


def cosines(vec: tuple[np.ndarray, np.ndarray], stories: Sequence[StoryState]) -> np.ndarray:
    """Cosine of a unit vector (as ``vectors.sparse`` arrays) with each story's centroid, all at once."""
    out = np.zeros(len(stories))
    live = [i for i, st in enumerate(stories) if st.norm and st.centroid]
    if not len(vec[0]) or not live:
        return out
    norms = np.fromiter((stories[i].norm for i in live), dtype=np.float64, count=len(live))
    out[live] = sparse_cosines(vec, [stories[i].sparse() for i in live], norms)
    return out
