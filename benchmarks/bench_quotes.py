"""Speed of entities + quotes (+ quote groups) for a 10-article story, warm; spaCy parsing timed separately.

Run from the repository root:  .venv/bin/python benchmarks/bench_quotes.py [--articles 10] [--repeat 5]
The story is the first N PolNeAR dev articles (political news from several outlets); the seeds are added first
when present. Goal: entities + quotes under 1 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "polnear", "dev")
SEEDS = os.path.join(ROOT, "..", "shared", "seeds")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not os.path.isdir(DATA):
        print(f"skipped: {DATA} not found (evaluation data lives in ../shared/data)")
        return 0
    import newsprism
    from newsprism.eval.quotes import read_polnear
    from newsprism.nlp import load_spacy, parse
    from newsprism.story.entities import build_entities
    from newsprism.story.quote_groups import group_quotes
    from newsprism.story.quotes import extract_quotes

    articles = newsprism.load(SEEDS) if os.path.isdir(SEEDS) else []
    pol, _ = read_polnear(DATA)
    articles = (articles + pol)[: args.articles]
    words = sum(a.words for a in articles)
    t0 = time.perf_counter()
    load_spacy()
    load_s = time.perf_counter() - t0
    parse_t, ent_t, quote_t, group_t = [], [], [], []
    counts = (0, 0, 0)
    for _ in range(args.repeat + 1):  # the first round warms caches and is not counted
        t = time.perf_counter()
        docs = parse(articles)
        t1 = time.perf_counter()
        ents = build_entities(articles, docs)
        t2 = time.perf_counter()
        quotes = extract_quotes(articles, docs, ents)
        t3 = time.perf_counter()
        groups = group_quotes(quotes, articles, ents)
        t4 = time.perf_counter()
        parse_t.append(t1 - t)
        ent_t.append(t2 - t1)
        quote_t.append(t3 - t2)
        group_t.append(t4 - t3)
        counts = (len(ents), len(quotes), len(groups))
    med = {k: statistics.median(v[1:]) for k, v in
           {"parse": parse_t, "entities": ent_t, "quotes": quote_t, "groups": group_t}.items()}
    stages = med["entities"] + med["quotes"]
    print(f"story: {len(articles)} articles, {words} words; spaCy load {load_s:.2f} s (once)")
    print(f"result: {counts[0]} entities, {counts[1]} quotes, {counts[2]} quote groups")
    print(f"median of {args.repeat} warm runs:")
    print(f"  spaCy parse (nlp.pipe)      {med['parse']:.3f} s")
    print(f"  entities                    {med['entities']:.3f} s")
    print(f"  quotes                      {med['quotes']:.3f} s")
    print(f"  quote groups                {med['groups']:.3f} s")
    print(f"  entities + quotes           {stages:.3f} s   (goal < 1 s: {'met' if stages < 1 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
