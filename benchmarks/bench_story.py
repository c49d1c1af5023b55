"""Speed of whole-story analysis: a 10-article story, warm, stage by stage (goal: 0.7x a plain spaCy pass).

Run: python benchmarks/bench_story.py [--data ../shared/data/multi_news/dev.jsonl] [--repeat 3] [--max-words N] [--both]
The story is the 10 longest-clustered Multi-News passages: cluster 36 (9 articles about one event) plus the
first article of cluster 29, so the story has both shared and unrelated material. These passages average over
1,100 words; ``--max-words 450`` keeps each article's opening paragraphs up to 450 words, the length of a
typical news report, to show the time for a story of ordinary articles.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "multi_news" / "dev.jsonl"
GOAL = 0.7  # whole-story time over a plain single-process spaCy pass of the same texts


def story_articles(data: str) -> list[Any]:
    """Ten articles: the nine of cluster 36 and the first of cluster 29."""
    from newsprism.eval.align import load_cluster

    return (load_cluster(data, 36) + load_cluster(data, 29))[:10]


def shortened(article: Any, max_words: int) -> Any:
    """The article cut after the paragraph that reaches ``max_words`` words."""
    from dataclasses import replace

    kept: list[str] = []
    count = 0
    for para in article.text.split("\n"):
        if count >= max_words:
            break
        kept.append(para)
        count += len(para.split())
    return replace(article, text="\n".join(kept))


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def stages(articles: list[Any], embeddings: bool = True) -> dict[str, float]:
    """Each stage of analyze_story, timed on its own, in pipeline order."""
    from newsprism.config import Settings
    from newsprism.nlp import parse
    from newsprism.story.align import align_facts
    from newsprism.story.claims import find_claims
    from newsprism.story.context import story_context
    from newsprism.story.entities import build_entities
    from newsprism.story.outlets import compare_outlets
    from newsprism.story.quote_groups import group_quotes
    from newsprism.story.quotes import extract_quotes
    from newsprism.story.summarize import summarize
    from newsprism.story.timeline import build_timeline

    s = Settings(embeddings=embeddings)
    t: dict[str, float] = {}
    docs, t["parse (spaCy)"] = timed(lambda: parse(articles, s))
    ents, t["entities"] = timed(lambda: build_entities(articles, docs, s))
    quotes, t["quotes"] = timed(lambda: extract_quotes(articles, docs, ents, s))
    _, t["quote groups"] = timed(lambda: group_quotes(quotes, articles, ents))
    ctx, t["statements, pairs"] = timed(lambda: story_context(articles, docs, ents, s))
    facts, t["facts (align)"] = timed(lambda: align_facts(articles, docs, ents, s, context=ctx))
    _, t["claims"] = timed(lambda: find_claims(articles, docs, quotes, ents, s))
    _, t["timeline"] = timed(lambda: build_timeline(articles, docs, s, ctx))
    _, t["outlets"] = timed(lambda: compare_outlets(articles, facts, quotes))
    _, t["summary"] = timed(lambda: summarize(articles, docs, facts, quotes, s))
    return t


def spacy_components(articles: list[Any]) -> dict[str, float]:
    """Time of each spaCy pipeline component over the story's texts, to show where parsing time goes."""
    from newsprism.nlp import load_spacy

    nlp = load_spacy()
    docs = [nlp.make_doc(a.text) for a in articles]
    out: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        docs, out[name] = timed(lambda: list(proc.pipe(docs, batch_size=32)))  # type: ignore[attr-defined]
    return out


def interleaved(story: Any, articles: list[Any], words: int, repeat: int) -> int:
    """With embeddings, without, each with the second process (``newsprism.parallel``) and in one process, and a
    plain single-process spaCy pass, one after the other in each round: the machine's drift touches them all alike,
    so their ratios hold."""
    from dataclasses import replace

    from newsprism.config import Settings
    from newsprism.parallel import prestart
    from newsprism.story.analyze import analyze_story

    modes = {"with embeddings": Settings(), "without embeddings": Settings(embeddings=False)}
    for name, s in list(modes.items()):  # the same in one process, to show what the second core brings
        modes[f"{name}, one process"] = s.replace(align=replace(s.align, parse_worker=False))
    prestart(Settings(), wait=120.0)  # the second process, as a server or a batch of stories has it
    for s in modes.values():
        analyze_story(story, s)  # warm-up
    spacy_components(articles)
    times: dict[str, list[float]] = {name: [] for name in [*modes, "plain spaCy pass"]}
    for _ in range(repeat):
        for name, s in modes.items():
            times[name].append(timed(lambda: analyze_story(story, s))[1])
        times["plain spaCy pass"].append(sum(spacy_components(articles).values()))
    plain = statistics.median(times["plain spaCy pass"])
    print(f"story: {len(articles)} articles, {words} words; {repeat} rounds, each mode in turn")
    for name, values in times.items():
        med = statistics.median(values)
        goal = "" if "one process" in name or name == "plain spaCy pass" else \
            f"   goal {GOAL}x: {'met' if med / plain <= GOAL else 'NOT met'}"
        print(f"{name:34} {med:7.3f} s   {med / plain:5.2f}x the plain spaCy pass{goal}")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(DEFAULT_DATA))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--max-words", type=int, default=0, help="cut each article after about N words (0: whole)")
    p.add_argument("--no-embeddings", action="store_true", help="align facts without sentence embeddings")
    p.add_argument("--both", action="store_true",
                   help="whole-story time with and without embeddings and a plain spaCy pass, taken in turn in one "
                        "run (the fairest comparison on a noisy machine)")
    args = p.parse_args(argv)
    if not os.path.exists(args.data):
        print(f"bench_story: {args.data} not found; give --data path/to/multi_news/dev.jsonl", file=sys.stderr)
        return 2
    from newsprism.config import Settings
    from newsprism.parallel import prestart
    from newsprism.story.analyze import analyze_story, make_story

    articles = story_articles(args.data)
    if args.max_words:
        articles = [shortened(a, args.max_words) for a in articles]
    words = sum(a.words for a in articles)
    story = make_story(articles)
    if args.both:
        return interleaved(story, articles, words, args.repeat)
    settings = Settings(embeddings=not args.no_embeddings)
    prestart(settings, wait=120.0)  # the second process, as a server or a batch of stories has it
    analyze_story(story, settings)  # warm-up: loads spaCy and imports every stage
    totals = []
    for _ in range(args.repeat):
        report, secs = timed(lambda: analyze_story(story, settings))
        totals.append(secs)
    per_stage = [stages(articles, settings.embeddings) for _ in range(args.repeat)]
    print(f"story: {len(articles)} articles, {words} words; {len(report.facts)} facts, {len(report.quotes)} quotes, "
          f"{len(report.claims)} claims, {len(report.timeline)} timeline entries")
    print(f"{'stage':22} {'median s':>9}")
    for name in per_stage[0]:
        print(f"{name:22} {statistics.median(r[name] for r in per_stage):9.3f}")
    med = statistics.median(totals)
    print(f"{'analyze_story (total)':22} {med:9.3f}")
    analysis = statistics.median(sum(v for k, v in r.items() if not k.startswith("parse")) for r in per_stage)
    print(f"{'  of which analysis':22} {analysis:9.3f}   (everything after spaCy parsing)")
    per_comp = [spacy_components(articles) for _ in range(args.repeat)]
    print("spaCy parsing by component (median s): " + ", ".join(
        f"{name} {statistics.median(r[name] for r in per_comp):.3f}" for name in per_comp[0]))
    plain = statistics.median(sum(r.values()) for r in per_comp)
    print(f"whole story over a plain spaCy pass in this run: {med / plain:.2f}x "
          f"({'with' if settings.embeddings else 'without'} sentence embeddings; goal {GOAL}x: "
          f"{'met' if med / plain <= GOAL else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
