"""Scaling of `newsprism batch`: the same corpus on a local Dask cluster of 1 and of 2 workers, side by side.

The corpus is the Multi-News dev clusters in ../shared/data (each source article one JSONL record). The single-
process reference (no Dask) runs in the same session as the baseline, and all three outputs must be equal.

    .venv/bin/python benchmarks/bench_scale.py [--limit N] [--partition-size 16]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "multi_news",
                    "dev.jsonl")


def write_corpus(src: str, dest: str, limit: int | None) -> int:
    """One JSONL record per source article of each cluster; returns the number of records."""
    n = 0
    with open(src, encoding="utf-8") as fh, open(dest, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            row = json.loads(line)
            for j, passage in enumerate(re.split(r"Passage \d+:\n", row["context"])[1:]):
                text = passage.replace(" NEWLINE_CHAR ", "\n").replace("NEWLINE_CHAR", "\n").strip()
                if text:
                    out.write(json.dumps({"text": text, "outlet": f"source {j + 1}"}) + "\n")
                    n += 1
    return n


def rows(path: str) -> dict[str, list[str]]:
    from newsprism.scale import read_output

    return {k: sorted(json.dumps(r, sort_keys=True) for r in v) for k, v in read_output(path).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--keep", default=None, help="copy the three outputs to this directory")
    args = parser.parse_args()
    if not os.path.exists(args.data):
        print(f"bench_scale: skipped: {args.data} is absent (it lives in ../shared/data)")
        return 0
    from newsprism.config import Settings
    from newsprism.scale import run_batch, run_local
    from newsprism.scale.batch import connect

    with tempfile.TemporaryDirectory(prefix="np-bench-scale-") as tmp:
        corpus = os.path.join(tmp, "multi_news.jsonl")
        n = write_corpus(args.data, corpus, args.limit)
        print(f"corpus: {n} articles from {args.data} (partition size {args.partition_size}); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        results = []
        t0 = time.monotonic()
        ref = run_local([corpus], os.path.join(tmp, "local"), Settings())
        results.append(("single process (no Dask)", 0, time.monotonic() - t0, 0.0, ref))
        for workers in (1, 2):
            t0 = time.monotonic()
            with connect(None, workers) as client:
                started = time.monotonic() - t0
                t1 = time.monotonic()
                summary = run_batch([corpus], os.path.join(tmp, f"w{workers}"), settings=Settings(),
                                    partition_size=args.partition_size, client=client)
                job = time.monotonic() - t1
            results.append((f"dask, {workers} worker{'s' if workers > 1 else ''}", workers, job, started, summary))
        outs = [rows(os.path.join(tmp, name)) for name in ("local", "w1", "w2")]
        same = outs[0] == outs[1] == outs[2]
        for name in outs[0]:
            if not outs[0][name] == outs[1][name] == outs[2][name]:
                print(f"differs: {name} ({[len(o[name]) for o in outs]} rows; "
                      f"{sum(a != b for a, b in zip(outs[0][name], outs[2][name]))} differ local vs 2 workers)")
        if args.keep:
            import shutil

            shutil.copytree(tmp, args.keep, dirs_exist_ok=True)
        one = results[1][2]
        print(f"{'run':<26}{'job s':>8}{'startup s':>11}{'articles/s':>12}{'vs 1 worker':>13}  stories  reports")
        for name, _, secs, started, s in results:
            print(f"{name:<26}{secs:>8.1f}{started:>11.1f}{s.articles / secs:>12.2f}{one / secs:>12.2f}x"
                  f"  {s.stories:>7}  {s.reports:>7}")
        print(f"throughput ratio 2 workers / 1 worker: {one / results[2][2]:.2f}x; outputs equal: {same} "
              f"(single process = 1 worker: {outs[0] == outs[1]}, 1 worker = 2 workers: {outs[1] == outs[2]})")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
