"""The corpus commands: ``newsprism ingest``, ``newsprism stories`` and ``newsprism show``."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..model import Article
from ..report._format import one_line
from .store import Store

BATCH = 200
BATCH_SECONDS = 2.0


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    """A rich progress bar on a terminal; None when disabled or not a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True), transient=False) as bar:
        yield bar


def ingest_command(inputs: Sequence[str], store: str, settings: Settings | None = None, progress: bool = True) -> int:
    """`newsprism ingest`: read inputs, commit articles in batches (dedup + clustering), report what was stored."""
    from ..ingest import iter_articles

    settings = settings or Settings()
    totals = {"added": 0, "skipped": 0, "copies": 0, "stories_new": 0}
    errors = 0
    workers = 1 if (os.cpu_count() or 1) >= 2 else 0  # one helper process hashes and tokenizes alongside
    with Store(store, settings, workers=workers) as db, _progress(progress) as bar:
        task = bar.add_task("ingesting", total=None) if bar is not None else None
        batch: list[Article] = []
        started = time.monotonic()

        def flush() -> None:
            nonlocal started
            if not batch:
                return
            counts = db.add_articles(batch)
            for k in totals:
                totals[k] += counts[k]
            done = totals["added"] + totals["skipped"]
            if bar is not None:
                bar.update(task, completed=done)
            else:
                print(f"newsprism: ingest: committed {totals['added']} new articles ({done} read)", file=sys.stderr)
            batch.clear()
            started = time.monotonic()

        for item in iter_articles(list(inputs), settings):
            if isinstance(item, InputError):
                errors += 1
                msg = f"newsprism: error: {item}"
                if bar is not None:
                    bar.console.print(msg, markup=False, highlight=False)
                else:
                    print(msg, file=sys.stderr)
                continue
            batch.append(item)
            if len(batch) >= BATCH or time.monotonic() - started > BATCH_SECONDS:
                flush()
        flush()
        stories = db.count_stories()
    print(f"ingested {totals['added']} new articles ({totals['copies']} near-duplicate copies), skipped "
          f"{totals['skipped']} already stored; {totals['stories_new']} new {'story' if totals['stories_new'] == 1 else 'stories'}, {stories} in {store}")
    return 2 if errors else 0


def stories_command(store: str, fmt: str = "text") -> int:
    """`newsprism stories`: every story of the store, newest first, as text or JSON."""
    with Store(store, create=False) as db:
        stories: list[dict[str, Any]] = []
        while True:
            page = db.list_stories(limit=500, offset=len(stories))
            stories.extend(page)
            if len(page) < 500:
                break
    if fmt == "json":
        sys.stdout.write(json.dumps(stories, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not stories:
        print(f"no stories in {store}; add articles with: newsprism ingest FILES --store {store}")
        return 0
    for s in stories:
        n = len(s["articles"])
        copies = sum(1 for a in s["articles"] if a["copy_of"])
        dates = s["first_seen"] or "undated"
        if s["last_seen"] and s["last_seen"] != s["first_seen"]:
            dates += f"..{s['last_seen']}"
        extra = f", {copies} cop{'y' if copies == 1 else 'ies'}" if copies else ""
        title = one_line(s["title"]) or "(untitled)"  # titles come from articles: no terminal escapes
        print(f"{s['id']}  {dates}  {n} article{'s' if n != 1 else ''}{extra}  {title}")
    return 0


def show_command(story: str, store: str, fmt: str = "text", output: str | None = None) -> int:
    """`newsprism show`: the report of one story (computed once, then served from the store's cache)."""
    from ..report import emit

    with Store(store, create=False) as db:
        report = db.story_report(story)
        texts = {a.id: a.text for a in db.story_articles(story)}
    emit(report, fmt, output, articles=texts)
    return 0
