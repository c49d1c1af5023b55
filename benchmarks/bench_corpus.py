"""Throughput and memory of corpus ingest: store writes, near-duplicate detection and story clustering.

Articles are made from real ones in ../shared/data (Multi-News passages, ECB+ documents, WikiRef220 files, PolNeAR
texts). Each real article seeds one synthetic story; every generated article picks a seed story and perturbs its
text: sentences shuffled (the lead kept first half of the time), about 8% of words dropped, one capitalised name
swapped for a name from another article, and a publication date shifted 0-3 days from the date of the real event it
reports (event dates spread over two years); the seed article (and, more coarsely, the real event it reports) is the
gold story, scored with B-cubed at the end. One generated article in twenty is an exact reprint of an earlier one (a
syndicated copy), so dedup has work to do. The articles are written to a JSON-lines file first and read back 200 at a
time into ``Store.add_articles``, as ``newsprism ingest`` does; RSS is sampled every 0.1 s and reported every 10k
articles. A fixed single-core workload is timed before and after the ingest (the machine check): a slow core
shows there, contention for the disk or for the second core does not, so runs with equal checks can still differ.

Run: .venv/bin/python benchmarks/bench_corpus.py [--n 20000]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from datetime import date, timedelta

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")


def _rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


class Sampler(threading.Thread):
    """Samples RSS in the background and keeps the peak."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, _rss_mb())
            time.sleep(0.1)


def real_texts(root: str) -> tuple[list[str], list[str], list[str]]:
    """Bodies of real news articles from the evaluation data, the real event each belongs to and its data set."""
    out: list[str] = []
    group: list[str] = []
    kind: list[str] = []
    mn = os.path.join(root, "multi_news", "dev.jsonl")
    if os.path.isfile(mn):
        with open(mn, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                ctx = json.loads(line).get("context", "")
                for part in re.split(r"Passage \d+:\n?", ctx):
                    part = part.replace("NEWLINE_CHAR", "\n").strip()
                    if len(part.split()) > 80:
                        out.append(part)
                        group.append(f"mn{n}")
                        kind.append("Multi-News")
    ecb = os.path.join(root, "ecbplus", "dev.jsonl")
    if os.path.isfile(ecb):
        with open(ecb, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    out.append(row["text"])
                    group.append(f"ecb{row['subtopic']}")
                    kind.append("ECB+")
    for label, sub in (("WikiRef220", os.path.join(root, "wikiref220")),
                       ("PolNeAR", os.path.join(root, "polnear", "dev", "text"))):
        if os.path.isdir(sub):
            for name in sorted(os.listdir(sub)):
                with open(os.path.join(sub, name), encoding="utf-8", errors="replace") as fh:
                    text = fh.read().strip()
                if len(text.split()) > 80:
                    out.append(text)
                    group.append(re.sub(r"(?: \(\d+\)|\.\d+)?\.txt$", "", name))
                    kind.append(label)
    return out, group, kind


_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
_SENT = re.compile(r"(?<=[.!?])\s+")


def generate(texts: list[str], groups: list[str], n: int, seed: int = 7):  # type: ignore[no-untyped-def]
    """``n`` perturbed articles (see the module docstring), in a shuffled publication order."""
    from newsprism.model import Article

    rng = random.Random(seed)
    names = sorted({m for t in texts[:300] for m in _NAME.findall(t)})
    start = date(2020, 1, 1)
    event_day = {g: start + timedelta(days=rng.randrange(730)) for g in sorted(set(groups))}
    made: list[Article] = []
    for i in range(n):
        if made and rng.random() < 0.05:
            src = rng.choice(made[-500:])
            made.append(Article(id="c" + hashlib.sha1(f"{i}".encode()).hexdigest()[:12], text=src.text,
                                title=src.title, outlet=f"outlet{rng.randrange(40)}", published=src.published,
                                source=src.source))
            continue
        k = rng.randrange(len(texts))
        sents = [s for s in _SENT.split(texts[k]) if s.strip()]
        lead, rest = sents[:1], sents[1:]
        rng.shuffle(rest)
        sents = lead + rest if rng.random() < 0.5 else rest + lead
        words = [w for w in " ".join(sents).split() if rng.random() > 0.08]
        text = " ".join(words)
        found = _NAME.findall(text)
        if found and names:
            text = text.replace(rng.choice(found), rng.choice(names))
        day = event_day[groups[k]] + timedelta(days=rng.randrange(4))
        title = " ".join(words[:10])
        aid = "a" + hashlib.sha1(f"{i}\n{text}".encode()).hexdigest()[:12]
        made.append(Article(id=aid, text=text, title=title, outlet=f"outlet{rng.randrange(40)}",
                            published=day.isoformat(), source=f"bench/{k}/{i}"))
    return made


def _all_stories(store):  # type: ignore[no-untyped-def]
    out: list = []
    while True:
        page = store.list_stories(limit=1000, offset=len(out))
        out.extend(page)
        if len(page) < 1000:
            return out


def machine_check() -> float:
    """Seconds a fixed single-core workload takes (dict updates, sorts and string hashing, as clustering does): the
    machine's speed drifts from run to run, and this shows when a run had a slow core."""
    t0 = time.perf_counter()
    rng = random.Random(1)
    words = [f"w{rng.randrange(5000)}" for _ in range(200_000)]
    for start in range(0, len(words), 2000):
        counts: dict[str, float] = {}
        for w in words[start:start + 2000]:
            counts[w] = counts.get(w, 0.0) + 1.0
        sorted(counts.items(), key=lambda kv: kv[1], reverse=True)[:50]
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--workers", type=int, default=1,
                    help="helper processes for signatures and features (newsprism ingest uses 1 on 2+ cores)")
    args = ap.parse_args()
    texts, groups, kinds = real_texts(args.data)
    if not texts:
        print(f"bench_corpus: no data under {args.data}; skipped (needs ../shared/data)")
        return 0
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))
    from newsprism.corpus.store import Store

    from newsprism.model import Article

    with tempfile.TemporaryDirectory() as tmp:
        # the articles wait in a JSON-lines file, read 200 at a time as ingest reads its inputs: holding all of them
        # in this process would make its memory grow with the corpus whatever the store does
        feed = os.path.join(tmp, "articles.jsonl")
        arts = generate(texts, groups, args.n)
        source_of = {a.id: a.source for a in arts}
        with open(feed, "w", encoding="utf-8") as fh:
            for a in arts:
                fh.write(json.dumps({"id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet,
                                     "published": a.published, "source": a.source}) + "\n")
        n = len(arts)
        del arts
        gc.collect()
        print(f"{len(texts)} real articles -> {n} generated articles")
        checkpoints = {5000, 10000, 20000, 30000, 40000, n}
        sampler = Sampler()
        sampler.start()
        rss_at: dict[int, float] = {}
        totals = {"added": 0, "skipped": 0, "copies": 0, "stories_new": 0, "rejected": 0}
        base = _rss_mb()
        path = os.path.join(tmp, "bench.db")
        check_before = min(machine_check() for _ in range(3))
        t0 = time.perf_counter()
        c0 = time.process_time()
        with Store(path, workers=args.workers) as store, open(feed, encoding="utf-8") as fh:
            done = 0
            while True:
                batch = [Article(**json.loads(line)) for line in itertools.islice(fh, 200)]
                if not batch:
                    break
                counts = store.add_articles(batch)
                for key in totals:
                    totals[key] += counts[key]
                done += len(batch)
                if done in checkpoints:
                    rss_at[done] = _rss_mb()
            took = time.perf_counter() - t0
            cpu = time.process_time() - c0
            check_after = min(machine_check() for _ in range(3))
            stories = store.count_stories()
            pred = {a["id"]: st["id"] for st in _all_stories(store) for a in st["articles"]}
            ok = store.integrity()
        size = os.path.getsize(path) / 1e6
    sampler.stop.set()
    sampler.join()
    print(f"ingest + dedup + clustering: {n} articles in {took:.1f} s = {n / took:.0f} articles/s "
          f"wall clock; {n / cpu:.0f} articles per CPU-second of the main process ({args.workers} helper "
          f"process(es); cpus: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f})")
    print(f"machine check (a fixed workload, lower is a faster machine): {check_before:.3f} s before ingest, "
          f"{check_after:.3f} s after")
    from newsprism.eval.cluster import bcubed

    # sources are "bench/<seed>/<n>"; an article set apart as not a news article is in no story, and not scored
    seed_of = {aid: int(src.split("/")[1]) for aid, src in source_of.items() if aid in pred}
    gold = {aid: f"{groups[k]}/{k}" for aid, k in seed_of.items()}
    gold_event = {k: v.split("/")[0] for k, v in gold.items()}
    pe, re_, fe = bcubed(gold_event, pred)
    p, r, f = bcubed(gold, pred)
    print(f"copies found: {totals['copies']}, set apart as not news articles: {totals['rejected']}, stories: "
          f"{stories}, store: {size:.0f} MB, integrity: {ok}")
    print(f"clustering vs the real events ({len(set(gold_event.values()))}): B-cubed P/R/F1 "
          f"{pe:.3f}/{re_:.3f}/{fe:.3f} (vs the {len(set(gold.values()))} seed articles: {p:.3f}/{r:.3f}/{f:.3f})")
    # the same, for each data set the seeds come from (WikiRef220's gold groups are topics spanning years, which
    # newsprism splits into events)
    for label in dict.fromkeys(kinds):
        ids = [aid for aid, k in seed_of.items() if kinds[k] == label]
        sp, sr, sf = bcubed({k: gold_event[k] for k in ids}, {k: pred[k] for k in ids})
        print(f"  {label} seeds: real events B-cubed P/R/F1 {sp:.3f}/{sr:.3f}/{sf:.3f}")
    print(f"RSS before ingest {base:.0f} MB; peak during ingest {sampler.peak:.0f} MB; at "
          + ", ".join(f"{f'{k // 1000}k' if k % 1000 == 0 else k}: {v:.0f} MB" for k, v in sorted(rss_at.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
