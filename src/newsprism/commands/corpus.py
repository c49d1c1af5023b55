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
from ..model import Article, Report
from ..report.display import one_line
from ..corpus.listing import StoryFilter, outlets_of
from ..corpus.store import Store


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    """A rich progress bar on a terminal, with the remaining time once the total is known; None otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True),
                  transient=False) as bar:
        yield bar


def count_files(inputs: Sequence[str]) -> int | None:
    """How many files the inputs name (directories expanded), or None when one is a URL or stdin."""
    from ..ingest.sources import dir_files

    total = 0
    for item in inputs:
        if os.path.isdir(item):
            total += len(dir_files(item))
        elif os.path.isfile(item):
            total += 1
        else:
            return None
    return total


def ingest_command(inputs: Sequence[str], store: str, settings: Settings | None = None, progress: bool = True) -> int:
    """`newsprism ingest`: read inputs, commit articles in batches (dedup + clustering), report what was stored."""
    from ..ingest import iter_articles

    settings = settings or Settings()
    totals = {"added": 0, "skipped": 0, "copies": 0, "stories_new": 0, "rejected": 0}
    errors = 0
    workers = 1 if (os.cpu_count() or 1) >= 2 else 0  # one helper process hashes and tokenizes alongside
    files_seen: set[str] = set()
    with Store(store, settings, workers=workers, on_wait=_tell) as db, _progress(progress) as bar:
        task = bar.add_task("files read", total=count_files(inputs)) if bar is not None else None
        batch: list[Article] = []
        started = time.monotonic()

        def flush() -> None:
            nonlocal started
            if not batch:
                return
            counts = db.add_articles(batch)
            for k in totals:
                totals[k] += counts[k]
            for source, why in db.last_rejected:  # kept in the store apart, with the reason, never clustered
                msg = f"newsprism: warning: {source}: {why}; kept apart, not in any story"
                if bar is not None:
                    bar.console.print(msg, markup=False, highlight=False)
                else:
                    print(msg, file=sys.stderr)
            done = totals["added"] + totals["skipped"]
            if bar is None:
                print(f"newsprism: ingest: committed {totals['added']} new articles ({done} read)", file=sys.stderr)
            batch.clear()
            started = time.monotonic()

        for item in iter_articles(list(inputs), settings):
            files_seen.add(item.source.partition("#")[0])
            if bar is not None:
                bar.update(task, completed=len(files_seen))
            if isinstance(item, InputError):
                errors += 1
                msg = f"newsprism: error: {item}"
                if bar is not None:
                    bar.console.print(msg, markup=False, highlight=False)
                else:
                    print(msg, file=sys.stderr)
                continue
            batch.append(item)
            if len(batch) >= settings.cluster.batch_articles \
                    or time.monotonic() - started > settings.cluster.batch_seconds:
                flush()
        flush()
        stories = db.count_stories()
    apart = f", set apart {totals['rejected']} that are not news articles" if totals["rejected"] else ""
    print(f"ingested {totals['added']} new articles ({totals['copies']} near-duplicate copies), skipped "
          f"{totals['skipped']} already stored{apart}; {totals['stories_new']} new {'story' if totals['stories_new'] == 1 else 'stories'}, {stories} in {store}")
    return 2 if errors else 0


def _tell(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def stories_command(store: str, fmt: str = "text", *, limit: int | None = None, min_articles: int = 1,
                    search: str | None = None, sort: str = "recent", outlet: str | None = None) -> int:
    """`newsprism stories`: the store's stories, dated by publication, filtered and sorted, as text or JSON."""
    wanted = StoryFilter(min_articles=min_articles, outlet=outlet, sort=sort)
    with Store(store, create=False) as db:
        if search:
            found = db.search_stories(search, limit=max(db.count_stories(), 1))
        else:
            found = []
            while True:
                page = db.list_stories(limit=500, offset=len(found))
                found.extend(page)
                if len(page) < 500:
                    break
        total = db.count_stories()
    stories = wanted.apply(found, keep_order=bool(search) and sort == "recent")
    shown = stories[:limit] if limit else stories
    if fmt == "json":
        sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not shown:
        if not total:
            print(f"no stories in {store}; add articles with: newsprism ingest FILES --store {store}")
        else:
            print(f"no story of the {total} in {store} matches; loosen --search, --min-articles or --outlet")
        return 0
    print(f"{'STORY':<14} {'DATES':<22} {'ARTS':>4} {'OUTLETS':<28} TITLE")
    for s in shown:
        print(_story_line(s))
    more = f"; {len(stories) - len(shown)} more, raise --limit to see them" if len(shown) < len(stories) else ""
    print(f"{len(shown)} of {len(stories)} matching stories ({total} in the store){more}", file=sys.stderr)
    return 0


def _story_line(s: dict[str, Any]) -> str:
    """One story as a row under the ``stories`` header: id, publication dates, size, outlets, title."""
    n = len(s["articles"])
    copies = sum(1 for a in s["articles"] if a.get("copy_of"))
    dates = s["first_seen"] or "undated"
    if s["last_seen"] and s["last_seen"] != s["first_seen"]:
        dates += f"..{s['last_seen']}"
    names = outlets_of(s)
    outlets = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "") if names else "-"
    if len(outlets) > 28:
        outlets = outlets[:27] + "…"
    extra = f" ({copies} cop{'y' if copies == 1 else 'ies'})" if copies else ""
    title = one_line(s["title"]) or "(untitled)"  # titles come from articles: no terminal escapes
    return f"{s['id']:<14} {dates:<22} {n:>4} {outlets:<28} {title}{extra}"


def show_command(story: str, store: str, fmt: str = "text", output: str | None = None, *, full: bool = False,
                 pager: bool = False, settings: Settings | None = None) -> int:
    """`newsprism show`: the report of one story (computed once, then served from the store's cache); ``settings``
    choose what its digest shows."""
    from .output import emit

    limits = (settings or Settings()).report
    with Store(store, create=False) as db:
        report = Report.from_dict(db.story_report(story))
        texts = {a.id: a.text for a in db.story_articles(story)}
    emit(report, fmt, output, articles=texts, full=full, pager=pager, limits=limits)
    return 0
