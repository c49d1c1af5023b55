"""Loads a batch output into an embedded store, so the web app and `newsprism show` can serve it."""

from __future__ import annotations

from ..config import Settings
from ..corpus.store import Store
from .output import articles_from_rows, read_output

CHUNK = 500


def load_into_store(output: str, store: str, settings: Settings | None = None) -> dict[str, int]:
    """Adds the batch's articles to the store in reading order; the store files them into its own stories.

    The store keeps its incremental clustering across runs (a batch is one day of a longer stream), so a story in
    the store may join articles of earlier batches; the Parquet files hold the batch's own result.
    """
    rows = sorted(read_output(output)["articles.parquet"], key=lambda r: r["seq"])
    totals = {"added": 0, "skipped": 0, "copies": 0, "stories_new": 0}
    with Store(store, settings) as db:
        for i in range(0, len(rows), CHUNK):
            counts = db.add_articles(articles_from_rows(rows[i:i + CHUNK]))
            for k in totals:
                totals[k] += counts.get(k, 0)
    return totals
