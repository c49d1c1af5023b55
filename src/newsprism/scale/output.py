"""Parquet output of a batch, written into a temporary directory and renamed into place as a whole.

A job killed at any point leaves either the previous output or the new one, never a mix or a partial file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any

from ..corpus.storystate import StoryState, to_record
from ..errors import NewsprismError
from ..model import Article, Story

FILES = ("articles.parquet", "stories.parquet", "reports.parquet")
MARKER = "_NEWSPRISM_BATCH"


def _pa() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - the scale extra brings it
        from ..errors import MissingDependency

        raise MissingDependency("pyarrow", "scale") from exc
    return pa, pq


def schemas() -> dict[str, Any]:
    """The Arrow schema of each output file."""
    pa, _ = _pa()
    s = pa.string()
    return {
        "articles.parquet": pa.schema([
            ("id", s), ("seq", pa.int64()), ("story_id", s), ("copy_of", s), ("source", s), ("title", s), ("outlet", s), ("url", s),
            ("published", s), ("author", s), ("language", s), ("words", pa.int64()), ("text", s), ("removed", s),
        ]),
        "stories.parquet": pa.schema([
            ("id", s), ("title", s), ("first_seen", s), ("last_seen", s), ("size", pa.int64()),
            ("articles", pa.list_(s)), ("copies", s), ("state", s),
        ]),
        "reports.parquet": pa.schema([("story_id", s), ("report", s)]),
    }


def article_rows(story: Story) -> list[dict[str, Any]]:
    """One row per article of the story, copies included and pointing at the article they copy."""
    return [
        {
            "id": a.id, "story_id": story.id, "copy_of": story.copies.get(a.id), "source": a.source,
            "title": a.title, "outlet": a.outlet, "url": a.url, "published": a.published, "author": a.author,
            "language": a.language, "words": a.words, "text": a.text,
            "removed": json.dumps([{"kind": r.kind, "text": r.text} for r in a.removed], ensure_ascii=False),
        }
        for a in story.articles
    ]


def story_row(story: Story, state: StoryState) -> dict[str, Any]:
    """The story's row: its articles in reading order, its copies, the span of publication dates, and its clusterer
    state (see ``storystate.to_record``)."""
    dates = sorted(a.published for a in story.articles if a.published)
    return {
        "id": story.id, "title": story.title, "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None, "size": len(story.articles),
        "articles": [a.id for a in story.articles], "copies": json.dumps(story.copies, sort_keys=True),
        "state": to_record(state),
    }


def report_row(story_id: str, report: dict[str, Any]) -> dict[str, Any]:
    return {"story_id": story_id, "report": json.dumps(report, ensure_ascii=False, sort_keys=True)}


class AtomicOutput:
    """Writers for the three files in a temporary sibling directory, moved onto ``path`` only on success."""

    def __init__(self, path: str) -> None:
        self.path = os.path.abspath(path)
        if os.path.exists(self.path) and not _replaceable(self.path):
            raise NewsprismError(f"{path} exists and is not an earlier batch output; choose an empty or new --output")
        parent = os.path.dirname(self.path)
        os.makedirs(parent, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix=f".{os.path.basename(self.path)}.tmp-", dir=parent)
        _, pq = _pa()
        self._schemas = schemas()
        self._writers = {name: pq.ParquetWriter(os.path.join(self.tmp, name), self._schemas[name]) for name in FILES}
        self.counts = dict.fromkeys(FILES, 0)

    def write(self, name: str, rows: Sequence[dict[str, Any]]) -> None:
        """Appends rows (one row group) to one of the files."""
        if not rows:
            return
        pa, _ = _pa()
        table = pa.Table.from_pylist(list(rows), schema=self._schemas[name])
        self._writers[name].write_table(table)
        self.counts[name] += len(rows)

    def commit(self) -> None:
        """Closes the files and swaps the directory into place (the previous output is removed after the swap)."""
        for w in self._writers.values():
            w.close()
        with open(os.path.join(self.tmp, MARKER), "w", encoding="utf-8") as fh:
            json.dump(self.counts, fh)
        old = None
        if os.path.exists(self.path):
            old = self.tmp + ".old"
            os.rename(self.path, old)
        os.rename(self.tmp, self.path)
        if old:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Drops everything written so far."""
        for w in self._writers.values():
            try:
                w.close()
            except Exception:  # a writer that failed mid-write may refuse to close; the directory goes anyway
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> "AtomicOutput":
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        if et is None:
            self.commit()
        else:
            self.abort()


def _replaceable(path: str) -> bool:
    """An empty directory or an earlier batch output may be replaced; anything else is the user's data."""
    if not os.path.isdir(path):
        return False
    entries = set(os.listdir(path))
    return not entries or MARKER in entries


def read_output(path: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of a batch output directory, by file name (for tests, loading and inspection)."""
    _, pq = _pa()
    if not os.path.exists(os.path.join(path, MARKER)):
        raise NewsprismError(f"{path} is not a complete batch output (no {MARKER}); re-run newsprism batch")
    return {name: pq.read_table(os.path.join(path, name)).to_pylist() for name in FILES}


def articles_from_rows(rows: Iterable[dict[str, Any]]) -> list[Article]:
    """Articles rebuilt from rows of articles.parquet."""
    from ..model import Removal

    return [
        Article(
            id=r["id"], text=r["text"], title=r["title"], outlet=r["outlet"], url=r["url"],
            published=r["published"], author=r["author"], source=r["source"] or "", language=r["language"] or "en",
            removed=[Removal(x["kind"], x["text"]) for x in json.loads(r["removed"] or "[]")],
        )
        for r in rows
    ]
