"""Speed of sentence embeddings: statements a second on one and on two threads, beside a plain spaCy pass.

Run: python benchmarks/bench_embed.py [--data ../shared/data/multi_news/dev.jsonl] [--repeat 3]
The statements are those of the bench story (see bench_story.py: 10 Multi-News articles, 11,260 words). Each round
times a plain spaCy pass over the articles and the embedding of every statement, alternately, so that both see the
same load; the medians are printed with their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from bench_story import DEFAULT_DATA, story_articles


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(DEFAULT_DATA))
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    if not os.path.exists(args.data):
        print(f"bench_embed: {args.data} not found; give --data path/to/multi_news/dev.jsonl", file=sys.stderr)
        return 2
    from newsprism.config import Settings
    from newsprism.nlp import parse
    from newsprism.story.statements import story_units
    from newsprism.story.embed import embed

    articles = story_articles(args.data)
    settings = Settings()
    docs = parse(articles, settings)
    texts = [u.text for u in story_units(articles, docs, [])]
    embed(texts[:32])  # loads the model
    times: dict[str, list[float]] = {"spaCy pass": [], "embed, 1 thread": [], "embed, 2 threads": []}
    for _ in range(args.repeat):
        t = time.perf_counter()
        parse(articles, settings)
        times["spaCy pass"].append(time.perf_counter() - t)
        for workers in (1, 2):
            t = time.perf_counter()
            embed(texts, workers=workers)
            times[f"embed, {workers} thread{'s' if workers > 1 else ''}"].append(time.perf_counter() - t)
    spacy = statistics.median(times["spaCy pass"])
    print(f"{len(texts)} statements of {len(articles)} articles")
    for name, ts in times.items():
        med = statistics.median(ts)
        rate = f"{len(texts) / med:7.0f} statements/s" if name != "spaCy pass" else " " * 20
        print(f"{name:18} {med:7.2f} s {rate}   {med / spacy:5.2f}x the spaCy pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
