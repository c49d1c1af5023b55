"""The `newsprism batch` command: the Dask job over a crawl, its Parquet output and, optionally, a store."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..config import Settings
from ..scale.batch import run_batch


def batch_command(inputs: Sequence[str], output: str, scheduler: str | None = None, workers: int = 2,
                  partition_size: int = 64, store: str | None = None, settings: Settings | None = None) -> int:
    """`newsprism batch`: run the job, write Parquet atomically, optionally load the articles into a store."""
    settings = settings or Settings()
    summary = run_batch(inputs, output, scheduler=scheduler, workers=workers, partition_size=partition_size,
                        settings=settings)
    for err in summary.errors:
        print(f"newsprism: error: {err}", file=sys.stderr)
    print(f"batch: {summary.line()}; wrote {os.path.abspath(output)}")
    if store:
        from ..scale.load import load_into_store

        counts = load_into_store(output, store, settings)
        print(f"batch: loaded into {store}: {counts['added']} new articles, {counts['skipped']} already stored, "
              f"{counts['stories_new']} new stories")
    return 2 if summary.errors else 0
