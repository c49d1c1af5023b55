"""Loads a batch output into an embedded store, so the web app and `newsprism show` can serve it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..corpus.store import Store
from ..corpus.storystate import StoryState, from_record
from ..model import Article
from .merge import chunked
from .output import articles_from_rows, read_output

BatchStory = tuple[list[Article], dict[str, str], StoryState]


def load_into_store(output: str, store: str, settings: Settings | None = None) -> dict[str, int]:
    """Adds the batch's stories to the store as the batch clustered them, never clustering them again.

    The store keeps its incremental clustering across runs (a batch is one day of a longer stream): each batch
    story opens a story in the store, or merges with an active story of earlier runs that it matches, as the
    clusterer's merge step decides; its articles keep the batch's near-duplicate decisions. Stories go in the
    batch's order, about ``batch_articles`` articles a transaction.
    """
    rows = read_output(output)
    totals = {"added": 0, "skipped": 0, "copies": 0, "stories_new": 0}
    with Store(store, settings) as db:
        stories = batch_stories(rows["stories.parquet"], rows["articles.parquet"])
        for chunk in chunked(stories, lambda s: len(s[0]), db.settings.cluster.batch_articles):
            counts = db.add_stories(chunk)
            for k in totals:
                totals[k] += counts.get(k, 0)
    return totals


def batch_stories(story_rows: Sequence[dict[str, Any]], article_rows: Sequence[dict[str, Any]]) -> list[BatchStory]:
    """The batch's stories in the order they were written (of their first article): articles in reading order,
    copies, clusterer state."""
    by_story: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(article_rows, key=lambda r: r["seq"]):
        by_story.setdefault(r["story_id"], []).append(r)
    return [(articles_from_rows(by_story[s["id"]]), json.loads(s["copies"] or "{}"), from_record(s["state"]))
            for s in story_rows]
