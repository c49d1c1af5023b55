"""A big story in the web app: first byte and peak server memory for a story of about 300 articles.

Ingests ../shared/data/polnear/train/text (840 articles, outlet and date in each file name) into a temporary store
unless --store is given (or, with --invented N, N invented reports of one ferry strike, each a different selection
of sentences with its own figures, so the story has shared, unique and conflicting facts), picks the largest story, starts `newsprism serve` on 127.0.0.1 in its own process and
samples its memory (RSS of the process and its children) while it serves:

1. the first view, while the report is still being made (the app answers at once with an "analysing" page);
2. the report, polled until it is ready;
3. warm views of the page and of a later page of its facts.

The baseline is the same report rendered as one unpaged page, as the app did before sections were paged: its size
and rendering time, measured in this process.

    python benchmarks/bench_story_page.py [--store polnear.db] [--story ID] [--invented 300]
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


SENTENCES = [
    "Ferry crews in Port Averly ended their strike on {day} after {n} days, the union said.",
    "The operator, Averly Line, agreed to a pay rise of {pct} percent.",
    "\"We got what we asked for,\" said union leader Mara Quintel.",
    "Sailings to Brightwater resume on Saturday morning, with {sail} crossings planned.",
    "About {pax} passengers a day use the route in summer.",
    "The harbour master, Tomas Reyes, said the quay had been quiet all week.",
    "Shares of Averly Line rose {pct} percent in Nordhaven trading.",
    "Transport minister Ines Calder welcomed the deal and thanked both sides.",
    "Local shops near the terminal said they had lost about {loss} euros of trade.",
    "The union had asked for {ask} percent, the company first offered {offer} percent.",
    "Some passengers waited for hours at the quay before buses were laid on.",
    "A mediator from the labour ministry joined the talks on {day}.",
    "Averly Line said it would not cut any jobs this year.",
    "Crews will vote on the deal next week, union officials said.",
]


def invented(folder: Path, n: int) -> None:
    """Writes ``n`` invented reports of one ferry strike, as outlet_date_slug.txt files."""
    import random

    rng = random.Random(7)
    for i in range(n):
        picked = [SENTENCES[0]] + rng.sample(SENTENCES[1:], 8)
        body = " ".join(s.format(day=rng.choice(["Friday", "Thursday"]), n=rng.choice([9, 10]),
                                 pct=rng.choice([4, 5]), sail=rng.choice([12, 14, 16]), pax=rng.choice([3000, 3500]),
                                 loss=rng.choice([20000, 40000]), ask=7, offer=rng.choice([2, 3]))
                        for s in picked)
        day = f"2024-05-{1 + i % 3:02d}"
        (folder / f"outlet-{i}_{day}_ferry-strike.txt").write_text(f"Ferry strike ends in Port Averly\n\n{body}\n",
                                                                   encoding="utf-8")


def wait_up(client: httpx.Client, port: int) -> None:
    """Returns once the server answers its health check (a minute at most)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            client.get(f"http://127.0.0.1:{port}/healthz")
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise SystemExit("bench_story_page: the server did not start") from None
            time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default=None, help="a store to use (default: ingest PolNeAR into a temporary one)")
    ap.add_argument("--story", default=None, help="the story to open (default: the largest)")
    ap.add_argument("--invented", type=int, default=0, metavar="N",
                    help="ingest N invented reports of one event instead of PolNeAR (default: PolNeAR)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench_story_page_")
    store = args.store or os.path.join(tmp, "polnear.db")
    if not args.store:
        source = POLNEAR
        if args.invented:
            source = Path(tmp) / "invented"
            source.mkdir()
            invented(source, args.invented)
        elif not POLNEAR.is_dir():
            raise SystemExit(f"bench_story_page: {POLNEAR} not found; give --store and --story, or --invented N")
        started = time.perf_counter()
        subprocess.run([NEWSPRISM, "ingest", str(source), "--name-pattern", "{outlet}_{date}_{slug}.txt",
                        "--store", store, "--no-progress"], check=True, stdout=subprocess.DEVNULL)
        print(f"ingest of {source}: {time.perf_counter() - started:.1f} s")
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
            wait_up(client, port)
            started = time.perf_counter()
            status, ttfb, total, size = first_byte(client, url)
            print(f"first view:  HTTP {status}, first byte {ttfb:.3f} s, {size / 1e3:.1f} kB")
            while status == 202:
                time.sleep(1)
                status, ttfb, total, size = first_byte(client, url)
            print(f"report ready after {time.perf_counter() - started:.1f} s (HTTP {status}); "
                  f"peak server memory so far {peak.peak:.0f} MB (the analysis)")
            # a fresh server, as after a restart: what serving the story costs once its report is in the store
            peak.stop.set()
            server.terminate()
            server.wait(timeout=30)
            server = subprocess.Popen([NEWSPRISM, "serve", "--store", store, "--port", str(port)],
                                      stderr=subprocess.DEVNULL)
            peak = Peak(server.pid)
            wait_up(client, port)
            status, ttfb, total, size = first_byte(client, url)
            print(f"first view after a restart:  HTTP {status}, first byte {ttfb:.3f} s, all {total:.3f} s, "
                  f"{size / 1e6:.2f} MB")
            for label, target in (("warm view", url), ("facts page 3", url + "?facts=3"),
                                  ("API story", f"http://127.0.0.1:{port}/api/stories/{sid}?report=0")):
                status, ttfb, total, size = first_byte(client, target)
                print(f"{label}:  HTTP {status}, first byte {ttfb:.3f} s, all {total:.3f} s, {size / 1e6:.2f} MB")
            print(f"peak memory of the restarted server serving the story: {peak.peak:.0f} MB")
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
