"""Load benchmark of `newsprism serve`: concurrent story-page requests on loopback, side by side with a baseline.

Builds a store of a few real stories (the seed articles and the first clusters of ../shared/data/multi_news/dev),
computes their reports once, starts `newsprism serve` on 127.0.0.1 in its own process, and fires bursts of
concurrent GET /stories/{id} requests from a small asyncio HTTP client. The baseline is a bare ASGI app in the same
uvicorn setup that returns the same pages from memory: the gap is what the store lookup, caching and security
middleware cost. Every request goes to 127.0.0.1 only; the run is bounded in requests and time.

    python benchmarks/bench_web.py [--concurrency 200] [--rounds 3] [--clusters 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ARGS = argparse.Namespace(concurrency=200, rounds=3, clusters=3)  # replaced by the command line
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BASELINE_APP = '''
import json, sys
pages = json.load(open(sys.argv[1]))
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    body = pages.get(scope["path"].rsplit("/", 1)[-1], "").encode()
    await send({"type": "http.response.start", "status": 200 if body else 404,
                "headers": [(b"content-type", b"text/html; charset=utf-8")]})
    await send({"type": "http.response.body", "body": body})
import uvicorn
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
'''


def articles() -> list[Any]:
    """The seed articles and a few multi_news clusters, as Articles ready for the store."""
    from newsprism.errors import InputError
    from newsprism.ingest import article_from_text

    out = []
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        for p in sorted(seeds.glob("*.txt")):
            out.append(article_from_text(p.read_text(encoding="utf-8"), source=str(p), published="2018-09-26"))
    data = SHARED / "data" / "multi_news" / "dev.jsonl"
    if data.exists():
        with data.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= ARGS.clusters:
                    break
                row = json.loads(line)
                for i, passage in enumerate(re.split(r"Passage \d+:\n", row["context"])):
                    text = passage.replace("NEWLINE_CHAR", "\n").strip()
                    if len(text.split()) < 60:
                        continue
                    try:
                        out.append(article_from_text(text, source=f"multi_news/{row['id'][:8]}/{i}",
                                                     outlet=f"Outlet {i}"))
                    except InputError:
                        continue
    if not out:
        raise SystemExit(f"bench_web: no articles found under {SHARED}; it needs ../shared/seeds or ../shared/data")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench_web: server exited early with code {proc.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("bench_web: server did not start in time")


async def get(host: str, port: int, path: str) -> tuple[int, int]:
    """One HTTP/1.1 GET on a fresh connection: the status and the body length (a lean client, so the load
    generator does not hide the server's own latency)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/1.1 ") else 0
    return status, len(body)


async def burst(base: str, paths: list[str], concurrency: int) -> tuple[list[float], int, float]:
    """``concurrency`` requests sent at once; their latencies (ms), the error count and the wall time (s)."""
    host, port = base.removeprefix("http://").split(":")

    async def one(path: str) -> float | None:
        t = time.perf_counter()
        try:
            status, size = await asyncio.wait_for(get(host, int(port), path), timeout=60)
            ok = status == 200 and size > 1000
        except (OSError, asyncio.TimeoutError, ValueError):
            ok = False
        return (time.perf_counter() - t) * 1000 if ok else None

    t0 = time.perf_counter()
    got = await asyncio.gather(*(one(paths[i % len(paths)]) for i in range(concurrency)))
    wall = time.perf_counter() - t0
    lat = [g for g in got if g is not None]
    return lat, len(got) - len(lat), wall


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure(name: str, base: str, paths: list[str]) -> dict[str, Any]:
    asyncio.run(burst(base, paths, len(paths)))  # one warm request per story
    lats: list[float] = []
    errors = 0
    walls = []
    for _ in range(ARGS.rounds):
        lat, err, wall = asyncio.run(burst(base, paths, ARGS.concurrency))
        lats += lat
        errors += err
        walls.append(wall)
    return {"name": name, "requests": ARGS.concurrency * ARGS.rounds, "errors": errors,
            "p50": statistics.median(lats) if lats else float("nan"), "p95": pct(lats, 0.95),
            "max": max(lats) if lats else float("nan"), "rps": ARGS.concurrency * ARGS.rounds / sum(walls)}


def main() -> int:
    arts = articles()
    with tempfile.TemporaryDirectory(prefix="bench_web_") as tmp:
        return run(arts, tmp)


def run(arts: list[Any], tmp: str) -> int:
    """Builds the store in ``tmp``, then measures both servers."""
    from newsprism.corpus.store import Store
    from newsprism.report import render

    db = os.path.join(tmp, "bench.db")
    t = time.perf_counter()
    with Store(db) as store:
        store.add_articles(arts)
        stories = store.list_stories(limit=50)
        ingest_s = time.perf_counter() - t
        print(f"store: {len(arts)} articles -> {len(stories)} stories in {ingest_s:.1f}s")
        pages: dict[str, str] = {}
        for s in stories:
            t = time.perf_counter()
            report = store.story_report(s["id"])
            texts = {a.id: a.text for a in store.story_articles(s["id"])}
            pages[s["id"]] = render(report, "html", articles=texts)
            print(f"  {s['id']}  {len(s['articles']):2d} articles  report computed in "
                  f"{time.perf_counter() - t:5.1f}s  page {len(pages[s['id']]) // 1024} KiB  {s['title']!r:.60}")
    paths = [f"/stories/{sid}" for sid in pages]
    pages_file = os.path.join(tmp, "pages.json")
    with open(pages_file, "w", encoding="utf-8") as fh:
        json.dump(pages, fh)

    results = []
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsprism.cli", "serve", "--store", db, "--host", "127.0.0.1",
                               "--port", str(port)], env=env)
    try:
        wait_up(f"http://127.0.0.1:{port}/healthz", server)
        results.append(measure("newsprism serve", f"http://127.0.0.1:{port}", paths))
    finally:
        server.terminate()
        server.wait(timeout=30)
    port = free_port()
    base = subprocess.Popen([sys.executable, "-c", BASELINE_APP, pages_file, str(port)], env=env)
    try:
        wait_up(f"http://127.0.0.1:{port}/", base)
        results.append(measure("baseline: same pages from memory", f"http://127.0.0.1:{port}", paths))
    finally:
        base.terminate()
        base.wait(timeout=30)

    print(f"\n{ARGS.rounds} bursts of {ARGS.concurrency} concurrent GET /stories/{{id}} over {len(paths)} stories "
          "(127.0.0.1, one uvicorn process each)")
    print(f"{'server':34} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7}")
    for r in results:
        print(f"{r['name']:34} {r['requests']:8d} {r['errors']:6d} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} "
              f"{r['rps']:7.0f}")
    return 1 if results[0]["errors"] else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clusters", type=int, default=3, help="multi_news clusters to add to the seed story")
    ARGS = parser.parse_args()
    sys.exit(main())
