"""Helpers of the web tests: a store double backed by real SQLite FTS5, and a live server on 127.0.0.1."""

from __future__ import annotations

import socket
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "report"))  # the hand-built report fixtures
from sample_story import A1, TEXTS, build_report, hostile_report  # noqa: E402, F401

from newsprism.errors import StoreError  # noqa: E402
from newsprism.model import Article, Removal  # noqa: E402


class FakeStore:
    """The Store's read API over fixed stories and reports; search runs a real FTS5 MATCH so bad queries fail alike."""

    def __init__(self, stories: list[tuple[dict[str, Any], dict[str, str]]]) -> None:
        self.reports: dict[str, dict[str, Any]] = {}
        self.articles: dict[str, Article] = {}
        self.members: dict[str, list[str]] = {}
        self.report_calls = 0
        self.closed = False
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute("CREATE VIRTUAL TABLE fts USING fts5(story UNINDEXED, title, text)")
        self.lock = threading.Lock()
        for report, texts in stories:
            sid = report["story"]["id"]
            self.reports[sid] = report
            self.members[sid] = []
            removed = {c["article"]: [Removal(r["kind"], r["text"]) for r in c["removed"]]
                       for c in report.get("cleaning") or []}
            for meta in report["story"]["articles"]:
                art = Article(removed=removed.get(meta["id"], []), id=meta["id"], text=texts[meta["id"]], title=meta["title"], outlet=meta["outlet"],
                              url=meta["url"], published=meta["published"], author=meta["author"],
                              source=meta["source"])
                self.articles[art.id] = art
                self.members[sid].append(art.id)
                self.db.execute("INSERT INTO fts VALUES (?,?,?)", (sid, report["story"]["title"], art.text))

    def _story(self, sid: str) -> dict[str, Any]:
        rep = self.reports[sid]
        copies = rep["story"].get("copies") or {}
        return {"id": sid, "title": rep["story"]["title"], "first_seen": "2024-03-05", "last_seen": "2024-03-06",
                "articles": [{"id": a.id, "source": a.source, "title": a.title, "outlet": a.outlet,
                              "published": a.published, "copy_of": copies.get(a.id)}
                             for a in (self.articles[i] for i in self.members[sid])]}

    def list_stories(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return [self._story(s) for s in list(self.reports)[offset:offset + limit]]

    def search_stories(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        with self.lock:
            try:
                rows = self.db.execute("SELECT DISTINCT story FROM fts WHERE fts MATCH ? LIMIT ?",
                                       (query, limit)).fetchall()
            except sqlite3.OperationalError as exc:
                raise StoreError(f"bad search query {query!r} ({exc}); use plain words, \"quoted phrases\", "
                                 "AND, OR, NOT") from exc
        return [self._story(r[0]) for r in rows]

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        return self._story(story_id) if story_id in self.reports else None

    def story_articles(self, story_id: str) -> list[Article]:
        return [self.articles[i] for i in self.members.get(story_id, [])]

    def get_article(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)

    def story_report(self, story_id: str, settings: Any = None) -> dict[str, Any]:
        self.report_calls += 1
        if story_id not in self.reports:
            raise StoreError(f"no story {story_id!r}")
        return self.reports[story_id]

    def close(self) -> None:
        self.closed = True
        self.db.close()


BRIDGE = build_report()
HOSTILE, HOSTILE_TEXTS = hostile_report()
BRIDGE_ID = BRIDGE["story"]["id"]
HOSTILE_ID = HOSTILE["story"]["id"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
