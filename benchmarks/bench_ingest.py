"""Load + clean speed: newsprism's HTML ingest against trafilatura alone on the same 1,000 pages, in one run.

The pages are the extraction benchmark's dev pages, repeated to reach the count and written to a temporary
directory as .html files. newsprism reads them with ``iter_articles`` (decoding, trafilatura extraction with
metadata, cleaning, language check, ids); the baseline reads the same files and calls ``trafilatura.extract``.

    python benchmarks/bench_ingest.py [--pages 1000] [--data ../shared/data/extraction/dev]
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH = 50
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction" / "dev"


def write_pages(src: Path, dst: Path, count: int) -> list[str]:
    """Writes ``count`` HTML files into ``dst`` by cycling over the benchmark's pages."""
    sources = sorted((src / "html").glob("*.html.gz"))
    if not sources:
        raise SystemExit(f"bench_ingest: no html/*.html.gz under {src}; give --data")
    raw = [gzip.decompress(p.read_bytes()) for p in sources]
    paths = []
    for i in range(count):
        path = dst / f"page{i:05d}.html"
        path.write_bytes(raw[i % len(raw)])
        paths.append(str(path))
    return paths


@dataclass
class Timing:
    """Wall-clock and CPU seconds, and how many pages gave text or failed."""

    wall: float = 0.0
    cpu: float = 0.0
    ok: int = 0
    failed: int = 0


def run_newsprism(paths: list[str], t: Timing) -> None:
    """newsprism's load + clean of the pages (``iter_articles``)."""
    from newsprism.config import Settings
    from newsprism.ingest import iter_articles
    from newsprism.model import Article

    w, c = time.perf_counter(), time.process_time()
    for item in iter_articles(paths, Settings()):
        if isinstance(item, Article):
            t.ok += 1
        else:
            t.failed += 1
    t.wall += time.perf_counter() - w
    t.cpu += time.process_time() - c


def run_trafilatura(paths: list[str], t: Timing) -> None:
    """trafilatura alone on the same files, as the extraction benchmark calls it."""
    import trafilatura

    w, c = time.perf_counter(), time.process_time()
    for path in paths:
        with open(path, "rb") as fh:
            text = trafilatura.extract(fh.read(), include_comments=False)
        if text:
            t.ok += 1
        else:
            t.failed += 1
    t.wall += time.perf_counter() - w
    t.cpu += time.process_time() - c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    args = ap.parse_args(argv)
    data = Path(args.data)
    if not data.is_dir():
        print(f"bench_ingest: {data} not found; it needs the extraction benchmark pages (../shared/data)",
              file=sys.stderr)
        return 2
    import trafilatura

    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        paths = write_pages(data, Path(tmp), args.pages)
        warm = paths[: min(10, len(paths))]
        run_newsprism(warm, Timing())  # imports, stoplists and caches loaded before timing
        run_trafilatura(warm, Timing())
        ours, base = Timing(), Timing()
        # alternate in batches so that load from other processes falls on both systems alike
        for k in range(0, len(paths), BATCH):
            batch = paths[k:k + BATCH]
            if (k // BATCH) % 2:
                run_trafilatura(batch, base)
                run_newsprism(batch, ours)
            else:
                run_newsprism(batch, ours)
                run_trafilatura(batch, base)
    n = len(paths)
    print(f"load + clean of {n} HTML pages ({data}, cycled), one process, alternating batches of {BATCH}")
    print(f"{'system':<32} {'wall s':>7} {'pages/s':>8} {'CPU s':>7} {'pages/CPU s':>12} {'ok':>5} {'failed':>6}")
    for name, t in (("newsprism iter_articles", ours), (f"trafilatura {trafilatura.__version__} extract()", base)):
        print(f"{name:<32} {t.wall:>7.2f} {n / t.wall:>8.1f} {t.cpu:>7.2f} {n / t.cpu:>12.1f} {t.ok:>5} {t.failed:>6}")
    print(f"ratio newsprism / trafilatura, pages per second: {base.wall / ours.wall:.2f} (wall clock), "
          f"{base.cpu / ours.cpu:.2f} (CPU time)")
    print("newsprism also reads metadata (title, author, date, site, canonical URL), removes debris, checks the "
          "language and hashes ids; its failures are non-English pages refused by design")
    return 0


if __name__ == "__main__":
    sys.exit(main())
