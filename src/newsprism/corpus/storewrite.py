"""Writing a batch of articles into the store: near-duplicates, then the clusterer's events applied to the tables.

Runs inside the store's open write transaction (see ``store.Store.add_articles``); the clusterer's state (document
frequencies, active stories, the stream's days) is read from the store once and saved back with every batch.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date, datetime, timezone
from typing import Any

import numpy as np

from ..config import ClusterSettings
from ..model import Article
from . import dedup
from .cluster import Clusterer, Event, Joined, Merged, Opened, Retired, Shed, Split
from .features import Features, article_day, extract
from .storystate import StoryState
from .vectors import DocFreq

Prepared = tuple[np.ndarray, Features, str | None]  # MinHash signature, features, why it is not an article


def now_utc() -> str:
    """The current time as the store writes it (UTC, to the second)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_day(day: int | None) -> str | None:
    """An ordinal day as an ISO date (None stays None)."""
    return date.fromordinal(day).isoformat() if day else None


def _meta(db: sqlite3.Connection, key: str) -> Any:
    """One value of the store's meta table (None when absent)."""
    row = db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def load_clusterer(db: sqlite3.Connection, params: ClusterSettings) -> Clusterer:
    """The clusterer, rebuilt from the store's document frequencies, stream state and active stories."""
    blob = _meta(db, "df")
    df = DocFreq.from_bytes(blob, int(_meta(db, "df_n") or 0)) if blob else DocFreq()
    cl = Clusterer(df, params)
    clock = _meta(db, "clock")
    cl.clock = int(clock) if clock is not None else None
    cl.recent_days.extend(json.loads(_meta(db, "recent_days") or "[]"))
    cl.seq = int(_meta(db, "cluster_seq") or 0)
    cl.apart = {frozenset(pair) for pair in json.loads(_meta(db, "apart") or "[]")}
    rows = db.execute("SELECT id, title, size, first_day, last_day, last_seq, centroid FROM stories "
                      "WHERE active=1").fetchall()
    cl.load(StoryState.from_json(cen, sid, size=size, first_day=fd, last_day=ld, last_seq=ls, title=title)
            for sid, title, size, fd, ld, ls, cen in rows)
    return cl


def save_clusterer(db: sqlite3.Connection, cl: Clusterer) -> None:
    """Saves the clusterer's own state (its stories are saved as they change)."""
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('df', ?), ('df_n', ?), ('clock', ?), "
               "('cluster_seq', ?), ('apart', ?), ('recent_days', ?)",
               (cl.df.to_bytes(), cl.df.n, cl.clock, cl.seq, json.dumps(sorted(sorted(k) for k in cl.apart)),
                json.dumps(list(cl.recent_days))))


class BatchWriter:
    """One batch written into the store's tables: articles, copies, stories and their dates, rejected inputs."""

    def __init__(self, db: sqlite3.Connection, cl: Clusterer, threshold: float) -> None:
        self.db = db
        self.cl = cl
        self.threshold = threshold
        self.now = now_utc()
        self.today = self.now[:10]
        self.counts = {"added": 0, "skipped": 0, "copies": 0, "stories_new": 0, "rejected": 0}
        self.rejected: list[tuple[str, str]] = []  # (source, reason) of the batch's inputs that are not articles
        self.touched: dict[str, StoryState] = {}  # stories whose state is saved at the end
        self.days: dict[str, list[str]] = {}  # story -> days of the batch's articles, written once at the end
        self.start = db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]

    def write(self, arts: Iterable[Article], prepared: Iterable[Prepared]) -> None:
        """Deduplicates, clusters and stores the articles (``prepared``: their signatures and features, in order)."""
        db = self.db
        for art, (sig, feats, junk) in zip(arts, prepared):
            if junk is not None:
                self.reject(art, junk)
                continue
            keys = dedup.band_keys(sig, self.threshold)
            kept = find_copy(db, sig, keys, self.threshold)
            if kept is not None:
                story = str(db.execute("SELECT story FROM articles WHERE id=?", (kept,)).fetchone()[0])
                self.counts["copies"] += 1
                self.insert(art, story, kept, None, iso_day(article_day(art.published, art.text, self.cl.params)))
            else:
                story = self.apply_all(self.cl.cluster(art.id, feats), art.id)
                self.insert(art, story, None, (sig, keys), iso_day(feats.day))

    def write_story(self, arts: Sequence[Article], copies: dict[str, str], state: StoryState) -> None:
        """Stores a story clustered elsewhere (a batch's story, with its near-duplicate copies) as it is: the
        clusterer takes it in and merges it with any active story it matches (``Clusterer.adopt``)."""
        clustered = [a for a in arts if a.id not in copies]
        feats = [extract(a, self.cl.params) for a in clustered]
        story = self.apply_all(self.cl.adopt(state, clustered[0].id, feats), clustered[0].id)
        day_of = {a.id: f.day for a, f in zip(clustered, feats)}
        for art in arts:
            kept = copies.get(art.id)
            if kept is not None:
                self.counts["copies"] += 1
                self.insert(art, story, kept, None, iso_day(article_day(art.published, art.text, self.cl.params)))
            else:
                sig = dedup.signature(art.text)
                self.insert(art, story, None, (sig, dedup.band_keys(sig, self.threshold)), iso_day(day_of[art.id]))

    def insert(self, art: Article, story: str, kept: str | None, minhash: tuple[np.ndarray, list[int]] | None,
               day: str | None) -> None:
        """Writes one article row (``kept``: the article it copies; ``minhash``: its signature and band keys when
        it is not a copy); ``day`` widens its story's dates (None: an undated article leaves them alone)."""
        db = self.db
        db.execute(
            "INSERT INTO articles (id, text, title, outlet, url, published, author, source, language, removed,"
            " copy_of, story, minhash, ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (art.id, art.text, art.title, art.outlet, art.url, art.published, art.author, art.source or "",
             art.language, json.dumps([asdict(r) for r in art.removed]), kept, story,
             None if minhash is None else minhash[0].astype("<u8").tobytes(), self.now))
        if minhash is not None:
            db.executemany("INSERT INTO lsh(band, key, article) VALUES (?,?,?)",
                           [(b, k, art.id) for b, k in enumerate(minhash[1])])
        db.execute("INSERT OR IGNORE INTO story_articles(story, article) VALUES (?,?)", (story, art.id))
        if day:
            self.days.setdefault(story, []).append(day)
        self.counts["added"] += 1

    def apply_all(self, events: Sequence[Event], article_id: str) -> str:
        """Applies the events of one article (or one adopted story): returns the story it ends in."""
        story = ""
        opened = None
        for ev in events:
            if isinstance(ev, Opened):
                opened = ev.story.id
            if isinstance(ev, Merged) and ev.gone.id == opened:
                self.counts["stories_new"] -= 1  # the story it opened was merged straight away
            story = self.apply(ev, story, article_id)
        self.touched[story] = self.cl.active[story]
        return story

    def apply(self, ev: Event, story: str, article_id: str | None = None) -> str:
        """Applies one clusterer event to the tables; returns the story of ``article_id`` after it."""
        db = self.db
        if isinstance(ev, Opened):
            self.counts["stories_new"] += 1
            db.execute("INSERT OR IGNORE INTO stories(id, created) VALUES (?,?)", (ev.story.id, self.today))
            return ev.story.id
        if isinstance(ev, Joined):
            return ev.story.id
        if isinstance(ev, Split):
            self.counts["stories_new"] += 1
            split_story(db, ev.old, ev.new, ev.moved, self.today, self.cl.params)
            self.touched[ev.new.id] = ev.new
            self.days.pop(ev.old.id, None)
            return ev.new.id if article_id in ev.moved else story
        if isinstance(ev, Merged):
            gone, keep = ev.gone.id, ev.keep.id
            merge_story(db, gone, keep)
            self.days.setdefault(keep, []).extend(self.days.pop(gone, []))
            self.touched.pop(gone, None)
            return keep if gone == story else story
        if isinstance(ev, Retired):
            db.execute("UPDATE stories SET active=0 WHERE id=?", (ev.story.id,))
        elif isinstance(ev, Shed):
            self.touched[ev.story.id] = ev.story
        return story

    def reject(self, art: Article, reason: str) -> None:
        """Keeps an input that is not a news article apart, with its reason (the table is made on first use)."""
        self.db.execute("CREATE TABLE IF NOT EXISTS rejected (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT,"
                        " reason TEXT NOT NULL, text TEXT NOT NULL, ingested TEXT NOT NULL)")
        self.db.execute("INSERT OR REPLACE INTO rejected VALUES (?,?,?,?,?,?)",
                        (art.id, art.source or "", art.title, reason, art.text, self.now))
        self.rejected.append((art.source or art.id, reason))
        self.counts["rejected"] += 1

    def finish(self) -> None:
        """Indexes the batch's text, widens its stories' dates, settles the clusterer and saves its state."""
        db = self.db
        db.execute("INSERT INTO articles_fts(rowid, title, text) SELECT seq, coalesce(title, ''), text FROM articles "
                   "WHERE seq > ?", (self.start,))
        for story, ds in self.days.items():
            if not ds:  # a merge of stories that had no dated article in this batch
                continue
            touch_dates(db, story, min(ds), self.today)
            touch_dates(db, story, max(ds), self.today)
        for ev in self.cl.settle():
            self.apply(ev, "")
        save_states(db, self.touched.values(), self.cl)
        save_clusterer(db, self.cl)


def find_copy(db: sqlite3.Connection, sig: np.ndarray, keys: list[int], threshold: float) -> str | None:
    """The stored article this one is a near-duplicate of (verified on the full signature), if any."""
    # band keys are salted per band, so one IN query over the keys finds every candidate
    q = ("SELECT a.id, a.minhash FROM lsh JOIN articles a ON a.id = lsh.article WHERE lsh.key IN (%s) "
         "ORDER BY a.seq" % ",".join("?" * len(keys)))
    seen: set[str] = set()
    for aid, blob in db.execute(q, keys):
        if aid in seen or blob is None:
            continue
        seen.add(aid)
        if dedup.similarity(sig, np.frombuffer(blob, dtype="<u8")) >= threshold:
            return str(aid)
    return None


def split_story(db: sqlite3.Connection, old: StoryState, new: StoryState, moved: Sequence[str], today: str,
                p: ClusterSettings) -> None:
    """Moves the articles ``moved`` (and their copies) from story ``old`` to the new story ``new``."""
    db.execute("INSERT OR IGNORE INTO stories(id, created) VALUES (?,?)", (new.id, today))
    for i in range(0, len(moved), 500):
        chunk = list(moved[i:i + 500])
        marks = ",".join("?" * len(chunk))
        # two statements, each on an index (id; story): "id IN .. OR copy_of IN .." scans the whole table
        db.execute(f"UPDATE articles SET story=? WHERE id IN ({marks})", (new.id, *chunk))
        db.execute(f"UPDATE articles SET story=? WHERE story=? AND copy_of IN ({marks})", (new.id, old.id, *chunk))
    db.execute("DELETE FROM story_articles WHERE story=? AND article IN (SELECT id FROM articles WHERE story=?)",
               (old.id, new.id))
    db.execute("INSERT OR IGNORE INTO story_articles(story, article) SELECT story, id FROM articles WHERE story=?",
               (new.id,))
    db.execute("DELETE FROM reports WHERE story=?", (old.id,))
    row = db.execute("SELECT coalesce(title, substr(text, 1, 120)) FROM articles WHERE story=? ORDER BY seq "
                     "LIMIT 1", (new.id,)).fetchone()
    if row and row[0]:
        new.title = row[0].strip().split("\n", 1)[0][:120] or None
    for st in (old, new):
        reset_dates(db, st.id, p)


def reset_dates(db: sqlite3.Connection, story: str, p: ClusterSettings) -> None:
    """Sets a story's date range from its stored articles' days (after a split; see ``features.article_day``)."""
    days = sorted(d for published, head in db.execute(
        "SELECT published, substr(text, 1, ?) FROM articles WHERE story=?", (p.dateline_chars, story))
        if (d := article_day(published, head, p)) is not None)
    db.execute("UPDATE stories SET first_seen=?, last_seen=? WHERE id=?",
               (iso_day(days[0]) if days else None, iso_day(days[-1]) if days else None, story))


def merge_story(db: sqlite3.Connection, gone: str, keep: str) -> None:
    """Moves every article of story ``gone`` to ``keep`` and drops ``gone`` (the clusterer merged them)."""
    db.execute("UPDATE articles SET story=? WHERE story=?", (keep, gone))
    db.execute("INSERT OR IGNORE INTO story_articles(story, article) SELECT ?, article FROM story_articles "
               "WHERE story=?", (keep, gone))
    db.execute("DELETE FROM story_articles WHERE story=?", (gone,))
    row = db.execute("SELECT first_seen, last_seen, created FROM stories WHERE id=?", (gone,)).fetchone()
    if row is not None:
        db.execute("INSERT OR IGNORE INTO stories(id, created) VALUES (?,?)", (keep, row[2]))
        for day in (row[0], row[1]):
            if day:
                touch_dates(db, keep, day, row[2])
    db.execute("DELETE FROM stories WHERE id=?", (gone,))
    db.execute("DELETE FROM stories_fts WHERE story=?", (gone,))
    db.execute("DELETE FROM reports WHERE story=?", (gone,))


def touch_dates(db: sqlite3.Connection, story: str, day: str | None, today: str) -> None:
    """Widens the story's date range by the article's day (None: an undated article leaves it as it is)."""
    db.execute("INSERT OR IGNORE INTO stories(id, created) VALUES (?,?)", (story, today))
    if day:
        db.execute("UPDATE stories SET first_seen=min(coalesce(first_seen, ?), ?), last_seen=max(coalesce("
                   "last_seen, ?), ?) WHERE id=?", (day, day, day, day, story))


def save_states(db: sqlite3.Connection, states: Iterable[StoryState], cl: Clusterer) -> None:
    """Saves the stories' clusterer states (active or not) and indexes a title given for the first time."""
    for st in states:
        active = 1 if st.id in cl.active else 0
        old = db.execute("SELECT title FROM stories WHERE id=?", (st.id,)).fetchone()
        db.execute("UPDATE stories SET title=coalesce(title, ?), size=?, first_day=?, last_day=?, last_seq=?,"
                   " active=?, centroid=? WHERE id=?",
                   (st.title, st.size, st.first_day, st.last_day, st.last_seq, active, st.to_json(), st.id))
        if old is None or old[0] is None:
            db.execute("DELETE FROM stories_fts WHERE story=?", (st.id,))
            db.execute("INSERT INTO stories_fts(story, title) VALUES (?,?)", (st.id, st.title or ""))
