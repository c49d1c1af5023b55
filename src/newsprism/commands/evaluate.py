"""`newsprism eval TASK`: run one evaluation and print what it found (the runners themselves stay silent)."""

from __future__ import annotations

import argparse
import sys

from ..eval.outcome import EvalRun


def show(run: EvalRun) -> int:
    """Prints a run's lines in order, results on stdout and notes on stderr; its exit code."""
    for to_err, text in run.lines:
        print(text, file=sys.stderr if to_err else sys.stdout)
    return run.code


def _progress(message: str) -> None:
    print(message, file=sys.stderr)


def _clusters_done(done: int, total: int) -> None:
    """One progress line on stderr, rewritten in place, closed when the last cluster is done."""
    print(f"\r{done}/{total} clusters", end="\n" if done == total else "", file=sys.stderr, flush=True)


def eval_command(args: argparse.Namespace) -> int:
    """Runs the evaluation ``args.task`` names with its options, and prints it."""
    return show(_run(args))


def _run(args: argparse.Namespace) -> EvalRun:
    if args.task == "extract":
        from ..eval.extract import run_extract

        return run_extract(args.dir, json_out=args.json, modes=args.modes)
    if args.task == "quotes":
        from ..eval.quotes import run_quotes

        return run_quotes(gold=args.gold, seeds=args.seeds, polnear=args.polnear, json_out=args.json,
                          compare=args.compare, multi_news=args.multi_news, only=args.only,
                          fit_model=args.fit_model)
    if args.task == "confidence":
        from ..eval.fit_quote_confidence import run_confidence

        return run_confidence(args.compare, args.multi_news, fit=args.fit)
    if args.task == "align":
        from ..eval.align import run_align

        return run_align(labels=args.labels, data=args.data, json_out=args.json, progress=_progress)
    if args.task == "compare":
        from ..eval.compare import run_compare

        return run_compare(args.gold, args.passages, json_out=args.json, fit_pairs=args.fit_pairs,
                           reports=args.reports, embeddings=not args.no_embeddings, progress=_progress)
    if args.task == "junk":
        from ..eval.junk import run_junk

        return run_junk(args.gold, args.passages, json_out=args.json)
    if args.task == "mrpc":
        from ..eval.mrpc import run_mrpc

        return run_mrpc(args.dir, gold=args.gold, json_out=args.json)
    if args.task == "summarize":
        from ..eval.summarize import run_summarize

        return run_summarize(args.file, words=args.words, limit=args.limit, json_out=args.json,
                             progress=_clusters_done)
    if args.task == "cluster":
        from ..eval.cluster import run_cluster

        return run_cluster(ecb=args.ecb, wikiref=args.wikiref, json_out=args.json, orders=args.orders)
    raise AssertionError(args.task)
