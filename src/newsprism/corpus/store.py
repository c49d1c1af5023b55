"""The embedded SQLite store: articles, near-duplicate links, stories, cached reports and full-text search."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import MISSING, Field, asdict, fields, is_dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from threadpoolctl import threadpool_limits

from ..config import FLAT, ClusterSettings, IngestSettings, Settings
from ..errors import StoreError
from ..ingest.notarticle import page_reason
from ..model import Article, Removal, Story
from . import dedup
from .cluster import Clusterer
from .features import Features, extract
from .storefile import WriterLock, connect
from .storystate import StoryState
from .storewrite import BatchWriter, Prepared, load_clusterer, now_utc
from .vectors import DocFreq

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

SCHEMA_VERSION = 1
_STORY_COLS = "SELECT id, title, first_seen, last_seen"
REPORT_VERSION = "2"  # the report's form; the analysis behind it is keyed by ``analysis_version`` too


@functools.lru_cache(maxsize=1)
def analysis_version() -> str:
    """What a stored report was computed with: the package's version and the fitted models the analysis reads, so a
    store opened by a newer newsprism analyses its stories again instead of serving reports of the older one."""
    from importlib.resources import files

    from .. import __version__

    digest = hashlib.sha1(__version__.encode())
    for name in ("pair_model.json", "pair_model_words.json", "reported_model.json", "quote_confidence.json"):
        digest.update(files("newsprism.story").joinpath(name).read_bytes())
    return digest.hexdigest()[:12]
_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    title TEXT, outlet TEXT, url TEXT, published TEXT, author TEXT,
    source TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en',
    removed TEXT NOT NULL DEFAULT '[]',
    copy_of TEXT,
    story TEXT,
    minhash BLOB,
    ingested TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story);
CREATE TABLE lsh (band INTEGER NOT NULL, key INTEGER NOT NULL, article TEXT NOT NULL);
CREATE INDEX lsh_key ON lsh(key);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_seen TEXT, last_seen TEXT, created TEXT NOT NULL,
    size INTEGER NOT NULL DEFAULT 0,
    first_day INTEGER, last_day INTEGER, last_seq INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    centroid TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX stories_active ON stories(active);
CREATE INDEX stories_recent ON stories(last_seen, size);
CREATE TABLE story_articles (
    story TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (story, article)
) WITHOUT ROWID;
CREATE TABLE reports (story TEXT PRIMARY KEY, key TEXT NOT NULL, report TEXT NOT NULL, created TEXT NOT NULL);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq');
CREATE VIRTUAL TABLE stories_fts USING fts5(story UNINDEXED, title);
"""


def _store_error(path: str, exc: sqlite3.Error) -> StoreError:
    """A clear message for an SQLite failure on the store file."""
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        return StoreError(f"store {path} is locked by another process; wait for it to finish (or stop it) and retry")
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return StoreError(f"store {path} is corrupt ({exc}); it was left untouched: restore it from a backup "
                          "or pass another --store path")
    if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
        return StoreError(f"store {path} cannot be written ({exc}); check the path and its permissions")
    return StoreError(f"store {path}: {exc}")


class Store:
    """A newsprism corpus in one SQLite file (WAL mode). Use as a context manager or call ``close()``."""

    def __init__(self, path: str, settings: Settings | None = None, *, timeout: float = 10.0,
                 create: bool = True, workers: int = 0, wait: float | None = None,
                 on_wait: Callable[[str], None] | None = None) -> None:
        """Opens the store. ``create`` opens it for writing: one writing process at a time holds the store (a second
        one waits up to ``wait`` seconds, default ``Settings.store_wait``, telling ``on_wait`` once), a new store is
        created whole or not at all, and an existing one is checked before anything is written to it. Without
        ``create`` the store is only read, and a store on read-only media can be read."""
        self.path = str(path)
        self.workers = workers  # processes computing signatures and features alongside the database work
        self._pool: ProcessPoolExecutor | None = None
        self.last_rejected: list[tuple[str, str]] = []  # (source, reason) of the last batch's rejected inputs
        if not create and not os.path.exists(self.path):
            raise StoreError(f"no store at {self.path}; create one with: newsprism ingest FILES --store {self.path}")
        self.settings = settings or Settings()
        self._lock = threading.RLock()
        self._clusterer: Clusterer | None = None
        self._seen_version: int | None = None  # PRAGMA data_version after this connection's last commit
        self._writer: WriterLock | None = None
        self.readonly = False
        self._check_file()
        if create:
            self._writer = WriterLock(self.path, self.settings.store_wait if wait is None else wait, on_wait)
        try:
            self._db, self.readonly = connect(self.path, timeout, create)
        except sqlite3.Error as exc:
            self._release()
            raise _store_error(self.path, exc) from exc
        try:
            self._open(create)
        except (sqlite3.Error, StoreError) as exc:
            self._db.close()
            self._release()
            if isinstance(exc, StoreError):
                raise
            raise _store_error(self.path, exc) from exc

    # -- opening ---------------------------------------------------------------------------------------------
    def _check_file(self) -> None:
        """Refuses a file that is not an SQLite database before SQLite can touch it."""
        if os.path.isdir(self.path):
            raise StoreError(f"store {self.path} is a directory; pass a file path to --store")
        if os.path.exists(self.path) and os.path.getsize(self.path) > 0:
            with open(self.path, "rb") as fh:
                head = fh.read(len(_MAGIC))
            if head != _MAGIC:
                raise StoreError(f"store {self.path} is not a newsprism store (not an SQLite database); it was left "
                                 "untouched: pass another --store path")

    def _open(self, create: bool) -> None:
        db = self._db
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"store {self.path} was written by a newer newsprism (schema {version}, this one reads "
                             f"up to {SCHEMA_VERSION}); upgrade newsprism to open it")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version == 0 and tables:
            raise StoreError(f"store {self.path} is an SQLite database but not a newsprism store; it was left "
                             "untouched: pass another --store path")
        if version == 0 and not create:
            raise StoreError(f"store {self.path} is empty (no ingest has finished creating it); add articles with: "
                             f"newsprism ingest FILES --store {self.path}")
        if create and version:
            self._check_integrity()  # before the first write: a damaged store is refused, not written into
        if not self.readonly:
            mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"store {self.path} could not be switched to WAL mode (got {mode}); use a local disk")
            db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        if version == 0:
            with self._tx():
                db.execute("BEGIN IMMEDIATE")
                # another process may have created it since the version was read: the schema is written once, whole
                if db.execute("PRAGMA user_version").fetchone()[0] == 0:
                    for statement in _SCHEMA.split(";"):  # not executescript: it would commit the open transaction
                        if statement.strip():
                            db.execute(statement)
                    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                db.execute("COMMIT")
        else:
            db.execute("SELECT count(*) FROM meta").fetchone()

    def _check_integrity(self) -> None:
        """Refuses a store whose file is damaged (SQLite's quick check), leaving it as it is."""
        problems = [str(r[0]) for r in self._db.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise StoreError(f"store {self.path} is corrupt ({'; '.join(problems)[:300]}); it was left untouched: "
                             "restore it from a backup, or pass another --store path")

    def _release(self) -> None:
        if self._writer is not None:
            self._writer.release()
            self._writer = None

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back whole on any error."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.rollback()
                raise _store_error(self.path, exc) from exc
            except BaseException:
                if self._db.in_transaction:
                    self._db.rollback()
                raise

    @property
    def _prepare_one(self) -> Callable[[Article], Prepared]:
        """``prepare`` under this store's ingest bounds (a partial, so worker processes can take it)."""
        return functools.partial(prepare, bounds=self.settings.ingest, cluster=self.settings.cluster)

    def _prepare(self, arts: list[Article]) -> Iterator[Prepared]:
        """Signatures and features of the articles, in order; computed by worker processes when configured."""
        if self.workers <= 0 or len(arts) < 8:
            return map(self._prepare_one, arts)
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the parent holds an SQLite connection and may run threads (progress bar, web)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_exit_with_parent, initargs=(os.getpid(),))
        # small chunks: the batch waits for the first chunk before it can start, and the helper idles meanwhile
        return self._pool.map(self._prepare_one, arts, chunksize=4)

    def close(self) -> None:
        """Closes the database; the clusterer state is already saved with each batch."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._release()  # after SQLite has closed the file (see ``WriterLock``)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ----------------------------------------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article]) -> dict[str, int]:
        """Adds the articles in one transaction: new ones are deduplicated and clustered; known ids are skipped.

        Returns counts: ``added``, ``skipped`` (id already stored or repeated), ``copies`` (near-duplicates of a
        stored article), ``stories_new``, ``rejected`` (not news articles: kept apart with their reason, never
        clustered; ``last_rejected`` lists this batch's sources and reasons).
        """
        arts = list(articles)
        self.last_rejected = []
        if not arts:
            return {"added": 0, "skipped": 0, "copies": 0, "stories_new": 0, "rejected": 0}
        with self._writing() as writer:
            todo = self._unknown(writer.db, arts, writer.counts)
            writer.write(todo, self._prepare(todo))
        self.last_rejected = writer.rejected
        return writer.counts

    @contextmanager
    def _writing(self) -> Iterator[BatchWriter]:
        """One batch's write transaction and the clusterer it applies, committed with the clusterer's state, or
        rolled back whole (the in-memory state, then ahead of the database, dropped)."""
        # one BLAS thread: the re-check's products are small, and a second thread spinning for them takes the core
        # the helper process computing features needs
        with self._tx() as db, threadpool_limits(limits=1, user_api="blas"):
            try:
                db.execute("BEGIN IMMEDIATE")
                writer = BatchWriter(db, self.clusterer(), self.settings.dedup_threshold)
                yield writer
                writer.finish()
                db.execute("COMMIT")
                self._seen_version = db.execute("PRAGMA data_version").fetchone()[0]
            except BaseException:
                self._clusterer = None
                raise

    def add_stories(self, stories: Iterable[tuple[Sequence[Article], dict[str, str], StoryState]]) -> dict[str, int]:
        """Adds stories clustered elsewhere (a batch's: articles in order, copy id -> kept id, clusterer state) in
        one transaction, as they are: each is merged with an active story it matches, never clustered again.

        A story some of whose articles are stored already has its other articles added one by one, as
        :meth:`add_articles` does. Returns the same counts as :meth:`add_articles`.
        """
        with self._writing() as writer:
            for arts, copies, state in stories:
                todo = self._unknown(writer.db, arts, writer.counts)
                if len(todo) == len(arts):
                    writer.write_story(arts, copies, state)
                elif todo:
                    writer.write(todo, map(self._prepare_one, todo))
        return writer.counts

    def clusterer(self) -> Clusterer:
        """The clusterer the next batch applies, read again from the store when another connection wrote since."""
        with self._lock:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            if self._clusterer is None or version != self._seen_version:
                self._clusterer = load_clusterer(self._db, self.settings.cluster)
                self._seen_version = version
            return self._clusterer

    @staticmethod
    def _unknown(db: sqlite3.Connection, arts: Sequence[Article], counts: dict[str, int]) -> list[Article]:
        """The articles whose ids are neither stored nor repeated in the batch (the others count as skipped)."""
        ids = [a.id for a in arts]
        known: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = "SELECT id FROM articles WHERE id IN (%s)" % ",".join("?" * len(chunk))
            known.update(r[0] for r in db.execute(q, chunk))
        todo: dict[str, Article] = {}
        for art in arts:
            if art.id in known or art.id in todo:
                counts["skipped"] += 1
            else:
                todo[art.id] = art
        return list(todo.values())

    def rejected(self) -> list[dict[str, Any]]:
        """The inputs kept apart as not news articles: id, source, title and reason, in the order they came."""
        if not self._read("SELECT 1 FROM sqlite_master WHERE type='table' AND name='rejected'"):
            return []
        rows = self._read("SELECT id, source, title, reason FROM rejected ORDER BY rowid")
        return [dict(zip(("id", "source", "title", "reason"), r)) for r in rows]

    # -- reading ---------------------------------------------------------------------------------------------
    def _read(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                raise _store_error(self.path, exc) from exc

    def _story_dicts(self, rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        members: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = ("SELECT story, id, source, title, outlet, published, copy_of FROM articles WHERE story IN (%s) "
                 "ORDER BY seq" % ",".join("?" * len(chunk)))
            for story, aid, source, title, outlet, published, copy_of in self._read(q, chunk):
                members[story].append({"id": aid, "source": source, "title": title, "outlet": outlet,
                                       "published": published, "copy_of": copy_of})
        return [{"id": sid, "title": title, "first_seen": fs, "last_seen": ls, "articles": members[sid]}
                for sid, title, fs, ls in rows]

    def list_stories(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stories, most recent first (then largest; undated stories last)."""
        rows = self._read(_STORY_COLS + " FROM stories ORDER BY last_seen IS NULL, last_seen DESC, size DESC, id"
                          " LIMIT ? OFFSET ?", (int(limit), int(offset)))
        return self._story_dicts(rows)

    def count_stories(self) -> int:
        return int(self._read("SELECT count(*) FROM stories")[0][0])

    def count_articles(self) -> int:
        return int(self._read("SELECT count(*) FROM articles")[0][0])

    def search_stories(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Stories whose title, or one of whose articles, matches an FTS5 query (words, "phrases", AND/OR/NOT)."""
        if not query or not query.strip():
            return []
        sql = ("SELECT story, min(r) FROM ("
               " SELECT story, bm25(stories_fts) - 5.0 AS r FROM stories_fts WHERE stories_fts MATCH ?"
               " UNION ALL"
               " SELECT a.story, bm25(articles_fts) AS r FROM articles_fts"
               " JOIN articles a ON a.seq = articles_fts.rowid"
               " WHERE articles_fts MATCH ?"
               ") GROUP BY story ORDER BY min(r) LIMIT ?")
        with self._lock:
            try:
                hits = self._db.execute(sql, (query, query, int(limit))).fetchall()
            except sqlite3.OperationalError as exc:
                msg = str(exc)
                if any(m in msg for m in ("fts5", "syntax", "no such column", "unterminated", "special query")):
                    raise StoreError(f"bad search query {query!r} ({msg}); use plain words, \"quoted phrases\", "
                                     "AND, OR, NOT") from exc
                raise _store_error(self.path, exc) from exc
            except sqlite3.Error as exc:
                raise _store_error(self.path, exc) from exc
        order = [h[0] for h in hits if h[0]]
        if not order:
            return []
        q = _STORY_COLS + " FROM stories WHERE id IN (%s)" % ",".join("?" * len(order))
        rows = {r[0]: r for r in self._read(q, order)}
        return self._story_dicts([rows[i] for i in order if i in rows])

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        """One story dict, or None when the id is unknown."""
        rows = self._read(_STORY_COLS + " FROM stories WHERE id=?", (story_id,))
        out = self._story_dicts(rows)
        return out[0] if out else None

    def _article(self, row: tuple[Any, ...]) -> Article:
        aid, text, title, outlet, url, published, author, source, language, removed = row
        return Article(id=aid, text=text, title=title, outlet=outlet, url=url, published=published, author=author,
                       source=source, language=language, removed=[Removal(**r) for r in json.loads(removed)])

    _ACOLS = "id, text, title, outlet, url, published, author, source, language, removed"

    def get_article(self, article_id: str) -> Article | None:
        """One stored article, or None."""
        rows = self._read(f"SELECT {self._ACOLS} FROM articles WHERE id=?", (article_id,))
        return self._article(rows[0]) if rows else None

    def story_articles(self, story_id: str) -> list[Article]:
        """The story's articles in ingest order, copies included."""
        rows = self._read(f"SELECT {self._ACOLS} FROM articles WHERE story=? ORDER BY seq", (story_id,))
        return [self._article(r) for r in rows]

    def story_copies(self, story_id: str) -> dict[str, str]:
        """Copy article id -> kept article id, within the story."""
        return {a: k for a, k in self._read("SELECT id, copy_of FROM articles WHERE story=? AND copy_of IS NOT NULL",
                                             (story_id,))}

    def story_report(self, story_id: str, settings: Settings | None = None) -> dict[str, Any]:
        """The story's report dict; computed once per (articles, settings) and cached in the store."""
        settings = settings or self.settings
        info = self.get_story(story_id)
        if info is None:
            raise StoreError(f"no story {story_id!r} in store {self.path}; list them with: newsprism stories "
                             f"--store {self.path}")
        articles = self.story_articles(story_id)
        copies = self.story_copies(story_id)
        key = _report_key(articles, copies, settings)
        rows = self._read("SELECT key, report FROM reports WHERE story=?", (story_id,))
        if rows and rows[0][0] == key:
            cached: dict[str, Any] = json.loads(rows[0][1])
            return cached
        from ..api import with_date_notes
        from ..ingest.article import within_limits
        from ..story.analyze import analyze_story

        kept, notes = within_limits(articles, settings.ingest)
        if not kept:
            raise StoreError(f"story {story_id} holds only articles longer than one article can be; "
                             "ingest them split into their articles")
        ids = {a.id for a in kept}
        story = Story(id=story_id, title=info["title"], articles=kept,
                      copies={c: k for c, k in copies.items() if c in ids and k in ids})
        result = with_date_notes(analyze_story(story, settings), settings)
        result.notes.extend(notes)
        report = result.to_dict()
        if self.readonly:
            return report  # a store that cannot be written is read as it is: reports are computed, not cached
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO reports(story, key, report, created) VALUES (?,?,?,?)",
                       (story_id, key, json.dumps(report), now_utc()))
        return report

    def integrity(self) -> str:
        """SQLite's integrity check result ('ok' when the file is sound)."""
        return str(self._read("PRAGMA integrity_check")[0][0])


def _exit_with_parent(parent: int) -> None:
    """Ends a helper process once the ingesting process is gone (even killed with SIGKILL), leaving no orphans."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def prepare(article: Article, bounds: IngestSettings | None = None, cluster: ClusterSettings | None = None) -> Prepared:
    """MinHash signature and clustering features of one article (with the features' document-frequency buckets),
    and why it is not a news article, if it is not: the CPU-heavy part of ingest, free of the store."""
    reason = page_reason(article.text, article.title, bounds)
    feats = extract(article, cluster or ClusterSettings())
    feats.buckets = DocFreq.buckets(list(feats.terms))
    return dedup.signature(article.text), feats, (f"not a news article ({reason})" if reason else None)


def _default(f: "Field[Any]") -> Any:
    """A settings field's default, made when it is a nested section of weights."""
    return f.default_factory() if f.default is MISSING and f.default_factory is not MISSING else f.default


def _plain(value: Any) -> Any:
    """A knob's value as JSON can hold it (nested weights as a dict)."""
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else value


def _report_key(articles: Sequence[Article], copies: dict[str, str], settings: Settings) -> str:
    """Cache key of a report: which articles, which copies, the analysis settings and the report version."""
    s = settings.flat()
    for private in ("llm_api_key", "fetch_timeout", "fetch_deadline", "fetch_concurrency", "allow_private",
                    "max_bytes", "batch_size", "published", "store_wait"):
        s.pop(private, None)
    key: dict[str, Any] = {"v": REPORT_VERSION, "m": analysis_version(), "a": sorted(a.id for a in articles),
                           "c": copies, "s": s}
    # knobs of a section without a flat name (alignment's quote shares, the article length bounds) count when set
    flat = {(section, name) for section, name in FLAT.values()}
    changed = {f"{section}.{f.name}": _plain(getattr(part, f.name)) for section in ("align", "ingest", "summary", "llm")
               for part in [getattr(settings, section)] for f in fields(part)
               if (section, f.name) not in flat and getattr(part, f.name) != _default(f)}
    if changed:
        key["x"] = changed
    payload = json.dumps(key, sort_keys=True)
    return hashlib.sha1(payload.encode()).hexdigest()
