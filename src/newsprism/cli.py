"""The ``newsprism`` command: parses arguments and calls the library. No analysis happens here."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .errors import NewsprismError

FORMATS = ("text", "md", "html", "json")


def _published(values: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        if "=" not in v:
            raise SystemExit(f"newsprism: --published expects FILE=YYYY-MM-DD, got {v!r}")
        k, _, d = v.rpartition("=")
        out[k] = d
    return out


def _add_analysis_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--published", action="append", default=[], metavar="FILE=DATE",
                   help="publication date of one input (repeatable), e.g. a.txt=2018-09-26")
    p.add_argument("--summary-words", type=int, default=None, help="summary length budget in words")
    p.add_argument("--summary-mode", choices=("extractive", "llm"), default="extractive",
                   help="llm uses an OpenAI-compatible chat endpoint (--llm-url)")
    p.add_argument("--llm-url", default=None, help="base URL of an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    p.add_argument("--llm-model", default="local", help="model name sent to the endpoint")
    _add_input_options(p)


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-mb", type=float, default=None, help="refuse inputs larger than this many MB (default 20)")
    p.add_argument("--llm-timeout", type=float, default=60.0,
                   help="seconds to wait for the endpoint (API key: environment variable NEWSPRISM_LLM_API_KEY)")


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .config import Settings

    s = Settings()
    s.published = _published(getattr(args, "published", []) or [])
    if getattr(args, "max_mb", None):
        s.max_bytes = int(args.max_mb * 1_000_000)
    if getattr(args, "summary_words", None):
        s.summary_words = args.summary_words
    s.summary_mode = getattr(args, "summary_mode", "extractive") or "extractive"
    s.llm_url = getattr(args, "llm_url", None)
    s.llm_model = getattr(args, "llm_model", "local") or "local"
    s.llm_timeout = getattr(args, "llm_timeout", 60.0) or 60.0
    s.llm_api_key = os.environ.get("NEWSPRISM_LLM_API_KEY") or None
    return s


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsprism", description="Understand one news story across many outlets.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse articles as one story and print the report")
    p.add_argument("inputs", nargs="+", help="files, directories, URLs, feeds, WARC files, or - for stdin")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("-o", "--output", default=None, help="write the report to this file instead of stdout")
    _add_analysis_options(p)

    p = sub.add_parser("verify", help="check every text of a JSON report against its source offsets")
    p.add_argument("report")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--published", action="append", default=[], metavar="FILE=DATE")

    p = sub.add_parser("ingest", help="add articles to the store, dropping near-duplicates and grouping stories")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--store", default="newsprism.db")
    p.add_argument("--published", action="append", default=[], metavar="FILE=DATE")
    p.add_argument("--no-progress", action="store_true", help="do not show a progress bar")
    _add_input_options(p)

    p = sub.add_parser("stories", help="list the stories in the store")
    p.add_argument("--store", default="newsprism.db")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("show", help="render one story of the store")
    p.add_argument("story")
    p.add_argument("--store", default="newsprism.db")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("-o", "--output", default=None)

    p = sub.add_parser("serve", help="web app over the store")
    p.add_argument("--store", default="newsprism.db")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)

    p = sub.add_parser("batch", help="run the pipeline over a crawl on a Dask cluster")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--output", required=True, help="output directory for Parquet files")
    p.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler (default: start a local cluster)")
    p.add_argument("--workers", type=int, default=2, help="workers of the local cluster")
    p.add_argument("--partition-size", type=int, default=64, help="articles per partition")
    p.add_argument("--store", default=None, help="also load the results into this store")

    p = sub.add_parser("eval", help="measure quality on evaluation data")
    ev = p.add_subparsers(dest="task", required=True)
    e = ev.add_parser("extract", help="extraction F1 vs trafilatura")
    e.add_argument("dir", nargs="?", default="../shared/data/extraction/dev")
    e.add_argument("--json", default=None, help="also write the results here")
    e = ev.add_parser("quotes", help="quote recall/F1 and speaker accuracy vs a textacy baseline")
    e.add_argument("--gold", default="../shared/gold/seeds-quotes.jsonl")
    e.add_argument("--seeds", default="../shared/seeds")
    e.add_argument("--polnear", default="../shared/data/polnear/dev")
    e.add_argument("--json", default=None)
    e = ev.add_parser("align", help="shared-fact precision/recall vs TF-IDF cosine")
    e.add_argument("--labels", default=None, help="labelled sentence pairs (default: the project's label file)")
    e.add_argument("--data", default="../shared/data/multi_news/dev.jsonl")
    e.add_argument("--json", default=None)
    e = ev.add_parser("summarize", help="ROUGE vs Lead, LexRank and TextRank")
    e.add_argument("file", nargs="?", default="../shared/data/multi_news/dev.jsonl")
    e.add_argument("--words", type=int, default=250)
    e.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    e.add_argument("--json", default=None)
    e = ev.add_parser("cluster", help="story clustering B-cubed/pairwise F1 vs TF-IDF + agglomerative")
    e.add_argument("--ecb", default="../shared/data/ecbplus/dev.jsonl")
    e.add_argument("--wikiref", default="../shared/data/wikiref220")
    e.add_argument("--orders", type=int, default=10, help="shuffled orders to score newsprism in (default 10)")
    e.add_argument("--json", default=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except NewsprismError as exc:
        print(f"newsprism: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsprism: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """The reader of stdout closed it (``newsprism stories | head``): stop quietly, as a command killed by SIGPIPE
    would, and point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (an embedding caller's object)
        pass
    return 128 + 13  # 128 + SIGPIPE, the shell's status for a process the signal ended


def _dispatch(args: argparse.Namespace) -> int:
    cmd = args.command
    if cmd == "analyze":
        from .api import analyze_command

        return analyze_command(args.inputs, fmt=args.format, output=args.output, settings=_settings(args))
    if cmd == "verify":
        from .report.verify import verify_command

        return verify_command(args.report, args.inputs, settings=_settings(args))
    if cmd == "ingest":
        from .corpus.commands import ingest_command

        return ingest_command(args.inputs, store=args.store, settings=_settings(args), progress=not args.no_progress)
    if cmd == "stories":
        from .corpus.commands import stories_command

        return stories_command(store=args.store, fmt=args.format)
    if cmd == "show":
        from .corpus.commands import show_command

        return show_command(args.story, store=args.store, fmt=args.format, output=args.output)
    if cmd == "serve":
        from .web.app import serve

        return serve(store=args.store, host=args.host, port=args.port)
    if cmd == "batch":
        from .scale.batch import batch_command

        return batch_command(args.inputs, output=args.output, scheduler=args.scheduler, workers=args.workers,
                             partition_size=args.partition_size, store=args.store)
    if cmd == "eval":
        return _eval(args)
    raise AssertionError(cmd)


def _eval(args: argparse.Namespace) -> int:
    if args.task == "extract":
        from .eval.extract import run_extract

        return run_extract(args.dir, json_out=args.json)
    if args.task == "quotes":
        from .eval.quotes import run_quotes

        return run_quotes(gold=args.gold, seeds=args.seeds, polnear=args.polnear, json_out=args.json)
    if args.task == "align":
        from .eval.align import run_align

        return run_align(labels=args.labels, data=args.data, json_out=args.json)
    if args.task == "summarize":
        from .eval.summarize import run_summarize

        return run_summarize(args.file, words=args.words, limit=args.limit, json_out=args.json)
    if args.task == "cluster":
        from .eval.cluster import run_cluster

        return run_cluster(ecb=args.ecb, wikiref=args.wikiref, json_out=args.json, orders=args.orders)
    raise AssertionError(args.task)


if __name__ == "__main__":
    sys.exit(main())
