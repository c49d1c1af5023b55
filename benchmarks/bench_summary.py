"""Time the cited summary on a 10-article story, warm, beside the whole analysis and a sumy LexRank run.

Usage: .venv/bin/python benchmarks/bench_summary.py [--articles 10] [--repeat 5]
Reads ten WikiRef220 articles about one event from ../shared/data (skips with a message when absent).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikiref220"
GOAL_SECONDS = 0.3


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = sorted(DATA.glob("ParisAttacks2015 (*).txt"), key=lambda p: int(p.stem.split("(")[1].rstrip(")")))
    if len(files) < args.articles:
        print(f"skipped: {DATA} is absent or holds fewer than {args.articles} ParisAttacks2015 articles")
        return 0

    from newsprism import load
    from newsprism.config import Settings
    from newsprism.eval.summarize import sumy_rank
    from newsprism.nlp import parse, sentences
    from newsprism.story.analyze import analyze_story, make_story
    from newsprism.story.entities import build_entities
    from newsprism.story.align import align_facts
    from newsprism.story.quotes import extract_quotes
    from newsprism.story.summarize import summarize

    settings = Settings()
    articles = load([str(p) for p in files[: args.articles]], settings)
    words = sum(a.words for a in articles)
    story = make_story(articles)
    analyze_story(story, settings)  # warm: models loaded, caches filled

    t0 = time.perf_counter()
    analyze_story(story, settings)
    full = time.perf_counter() - t0
    docs = parse(articles, settings)
    entities = build_entities(articles, docs, settings)
    quotes = extract_quotes(articles, docs, entities, settings)
    facts = align_facts(articles, docs, entities, settings)

    ours: list[float] = []
    cpu: list[float] = []  # CPU time too: on a shared machine wall time also measures the neighbours
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        summary, _ = summarize(articles, docs, facts, quotes, settings)
        ours.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    flat = [s.text for a in articles for s in sentences(a, docs[a.id])]
    lex: list[float] = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        sumy_rank("lexrank", flat)
        lex.append(time.perf_counter() - t0)

    med = statistics.median(ours)
    if hasattr(os, "getloadavg"):
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"story: {len(articles)} articles, {words} words, {len(flat)} sentences, {len(facts)} facts, "
          f"{len(quotes)} quotes")
    print(f"{'step':<34}{'median s':>10}")
    print(f"{'newsprism summary (warm)':<34}{med:>10.3f}")
    print(f"{'newsprism summary, CPU time':<34}{statistics.median(cpu):>10.3f}")
    print(f"{'sumy LexRank ranking (baseline)':<34}{statistics.median(lex):>10.3f}")
    print(f"{'whole analysis incl. summary':<34}{full:>10.3f}")
    print(f"summary: {len(summary)} sentences, {sum(len(s.text.split()) for s in summary)} words; "
          f"goal < {GOAL_SECONDS} s: {'met' if med < GOAL_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
