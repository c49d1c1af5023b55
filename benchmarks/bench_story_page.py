"""A big story in the web app: first byte and peak server memory for a story of about 300 articles.

Ingests ../shared/data/polnear/train/text (840 articles, outlet and date in each file name) into a temporary store
unless --store is given, picks the largest story, starts `newsprism serve` on 127.0.0.1 in its own process and
samples its memory (RSS of the process and its children) while it serves:

1. the first view, while the report is still being made (the app answers at once with an "analysing" page);
2. the report, polled until it is ready;
3. warm views of the page and of a later page of its facts.

The baseline is the same report rendered as one unpaged page, as the app did before sections were paged: its size
and rendering time, measured in this process.

    python benchmarks/bench_story_page.py [--store polnear.db] [--story ID]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
NEWSPRISM = str(Path(sys.executable).with_name("newsprism"))


class Peak:
    """Samples a process tree's resident memory every 50 ms; ``peak`` is the most seen (MB)."""

    def __init__(self, pid: int) -> None:
        self.proc = psutil.Process(pid)
        self.peak = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in procs) / 1e6
            except psutil.Error:
                break
            self.peak = max(self.peak, rss)
            time.sleep(0.05)

    def reset(self) -> None:
        self.peak = 0.0


def first_byte(client: httpx.Client, url: str) -> tuple[int, float, float, int]:
    """Status, seconds to the first byte of the body, seconds to the last, and the body's size."""
    started = time.perf_counter()
    with client.stream("GET", url) as r:
        chunks = r.iter_bytes()
        first = next(chunks, b"")
        ttfb = time.perf_counter() - started
        size = len(first) + sum(len(c) for c in chunks)
    return r.status_code, ttfb, time.perf_counter() - started, size


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default=None, help="a store to use (default: ingest PolNeAR into a temporary one)")
    ap.add_argument("--story", default=None, help="the story to open (default: the largest)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench_story_page_")
    store = args.store or os.path.join(tmp, "polnear.db")
    if not args.store:
        if not POLNEAR.is_dir():
            raise SystemExit(f"bench_story_page: {POLNEAR} not found; give --store and --story instead")
        started = time.perf_counter()
        subprocess.run([NEWSPRISM, "ingest", str(POLNEAR), "--name-pattern", "{outlet}_{date}_{slug}.txt",
                        "--store", store, "--no-progress"], check=True, stdout=subprocess.DEVNULL)
        print(f"ingest of {POLNEAR.name}: {time.perf_counter() - started:.1f} s")
    from newsprism.corpus.store import Store

    with Store(store, create=False) as db:
        stories = db.list_stories(limit=100_000)
        story = next(s for s in stories if s["id"] == args.story) if args.story else max(
            stories, key=lambda s: len(s["articles"]))
    sid, n = story["id"], len(story["articles"])
    print(f"story {sid}: {n} articles")

    port = free_port()
    server = subprocess.Popen([NEWSPRISM, "serve", "--store", store, "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    peak = Peak(server.pid)
    url = f"http://127.0.0.1:{port}/stories/{sid}"
    try:
        with httpx.Client(timeout=900) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    client.get(f"http://127.0.0.1:{port}/healthz")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise SystemExit("bench_story_page: the server did not start") from None
                    time.sleep(0.2)
            started = time.perf_counter()
            status, ttfb, total, size = first_byte(client, url)
            print(f"first view:  HTTP {status}, first byte {ttfb:.3f} s, {size / 1e3:.1f} kB")
            while status == 202:
                time.sleep(1)
                status, ttfb, total, size = first_byte(client, url)
            print(f"report ready after {time.perf_counter() - started:.1f} s (HTTP {status}); "
                  f"peak server memory so far {peak.peak:.0f} MB")
            peak.reset()
            for label, target in (("warm view", url), ("facts page 3", url + "?facts=3"),
                                  ("API story", f"http://127.0.0.1:{port}/api/stories/{sid}?report=0")):
                status, ttfb, total, size = first_byte(client, target)
                print(f"{label}:  HTTP {status}, first byte {ttfb:.3f} s, all {total:.3f} s, {size / 1e6:.2f} MB")
            print(f"peak server memory while serving the ready story: {peak.peak:.0f} MB")
    finally:
        peak.stop.set()
        server.terminate()
        server.wait(timeout=30)

    from newsprism.report import render

    with Store(store, create=False) as db:
        report = db.story_report(sid)
        texts = {a.id: a.text for a in db.story_articles(sid)}
    started = time.perf_counter()
    html = render(report, "html", articles=texts)
    print(f"baseline, the same report as one unpaged page: {len(html) / 1e6:.1f} MB rendered in "
          f"{time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
