"""The ``newsprism`` command: parses arguments and calls the library. No analysis happens here."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .config import Settings
from .errors import NewsprismError
from .report import formats

FORMATS = formats()  # the renderers' registry
FORMAT_HELP = ("text: the differences digest on a terminal (--full: the complete report); md: Markdown; "
               "html: one self-contained page; json: the newsprism.report/1 data")

EXAMPLES: dict[str, str] = {
    "analyze": """examples:
  newsprism analyze a.html b.txt https://example.org/story
  newsprism analyze ../shared/seeds --full                  # the complete report, not the digest
  newsprism analyze stories/ --name-pattern '{outlet}_{date}_{slug}.txt' --format html -o story.html
  newsprism analyze a.txt b.txt --outlet a.txt=Reuters --published a.txt=2018-09-26
  newsprism analyze crawl/ --meta articles.csv --outlets outlets.csv   # coverage and blind spots by group""",
    "verify": """examples:
  newsprism analyze a.html b.txt --format json -o report.json
  newsprism verify report.json a.html b.txt   # exit 0: every cited text matches its offsets; 1: mismatches listed""",
    "ingest": """examples:
  newsprism ingest crawl/ feeds.xml --store news.db
  newsprism ingest polnear/text --name-pattern '{outlet}_{date}_{slug}.txt' --store polnear.db""",
    "stories": """examples:
  newsprism stories --store news.db --min-articles 3 --limit 20
  newsprism stories --store news.db --search 'hurricane OR flood' --sort articles
  newsprism stories --store news.db --outlet Reuters --format json""",
    "show": """examples:
  newsprism stories --store news.db --limit 5        # story ids in the first column
  newsprism show s0bfdc4ffa0ba --store news.db --format html -o story.html""",
    "serve": """examples:
  newsprism serve --store news.db                     # then open http://127.0.0.1:8000
  newsprism serve --store news.db --port 8080""",
    "batch": """examples:
  newsprism batch crawl/ day.jsonl --output out/day1
  newsprism batch crawl/ --output out/day1 --scheduler tcp://scheduler.internal:8786""",
    "eval": """examples:
  newsprism eval quotes
  newsprism eval summarize --limit 20 --json rouge.json""",
}


class _Help(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' layout and adds each option's default to its help, unless the help already says it."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if ("default" in text or default in (None, [], False, argparse.SUPPRESS)
                or not action.option_strings):
            return text
        return f"{text} (default: %(default)s)"


def _add_metadata_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("article metadata", "what you know about the inputs beats what newsprism extracts")
    g.add_argument("--published", action="append", default=[], metavar="FILE=DATE",
                   help="publication date of one input, repeatable, e.g. a.txt=2018-09-26 (default: from the page)")
    g.add_argument("--outlet", action="append", default=[], metavar="FILE=NAME",
                   help="outlet of one input, repeatable, e.g. a.txt=Reuters (default: from the page, URL or dateline)")
    g.add_argument("--meta", action="append", default=[], metavar="FILE.csv",
                   help="CSV with a path or glob column and any of outlet, published, title, url, author; repeatable")
    g.add_argument("--name-pattern", default=None, metavar="PATTERN",
                   help="read metadata from file names, e.g. '{outlet}_{date}_{slug}.txt' (fields: outlet, date, "
                        "title, author, slug, any)")
    g.add_argument("--outlets", default=None, metavar="OUTLETS.csv",
                   help="your outlets: name, domain, country, owner, aliases and any group column (e.g. lean); the "
                        "report then shows coverage and blind spots by group. newsprism ships no ratings")


def _add_analysis_options(p: argparse.ArgumentParser) -> None:
    _add_metadata_options(p)
    g = p.add_argument_group("comparison")
    g.add_argument("--no-embeddings", action="store_true",
                   help="align statements by their words, names and figures only, without sentence embeddings: "
                        "several times faster on long stories, fewer restatements found (README: figures)")
    g = p.add_argument_group("summary")
    g.add_argument("--summary-words", type=int, default=120, metavar="N", help="summary length budget in words")
    from .story.summarizers import names

    g.add_argument("--summary-mode", choices=names(), default="extractive",
                   help="extractive copies cited sentences; llm asks an OpenAI-compatible endpoint (--llm-url)")
    g.add_argument("--llm-url", default=None,
                   help="base URL of an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 (default: none)")
    g.add_argument("--llm-model", default="local", help="model name sent to the endpoint")
    g.add_argument("--llm-timeout", type=float, default=60.0,
                   help="seconds to wait for the endpoint (API key: environment variable NEWSPRISM_LLM_API_KEY)")
    _add_input_options(p)


def _add_input_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("input limits")
    g.add_argument("--max-mb", type=float, default=20.0, metavar="MB", help="refuse inputs larger than this many MB")
    g.add_argument("--allow-private", action="store_true",
                   help="also fetch URLs on this machine or a private network (loopback, 10.x, 192.168.x, "
                        "link-local, multicast), refused by default")


def _add_output_options(p: argparse.ArgumentParser, formats: Sequence[str] = FORMATS, full: bool = True) -> None:
    g = p.add_argument_group("output")
    g.add_argument("--format", choices=formats, default="text", help=FORMAT_HELP if full else "text or json")
    if full:
        g.add_argument("--full", action="store_true",
                       help="text: the complete report (every fact, quote, claim, entity) instead of the digest")
        g.add_argument("--no-pager", action="store_true",
                       help="do not page long text on a terminal (default: page through $PAGER, else less)")
        g.add_argument("-o", "--output", default=None, metavar="FILE",
                       help="write the report to this file (default: standard output)")


def _sub(sub: Any, name: str, help: str, description: str) -> argparse.ArgumentParser:
    """A subcommand with its description and examples under the options."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description,
                                                     epilog=EXAMPLES.get(name), formatter_class=_Help)
    return parser


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="newsprism", formatter_class=_Help,
        description="Understand one news story across many outlets: what they share, where they differ, "
                    "who they quote. Every statement cites (article, start, end) offsets.",
        epilog="examples:\n  newsprism analyze examples/\n  newsprism ingest crawl/ --store news.db && "
               "newsprism serve --store news.db\n\nrun 'newsprism COMMAND --help' for a command's options")
    parser.add_argument("--version", action="version", version=f"newsprism {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _sub(sub, "analyze", "analyse articles as one story and print what differs",
             "Read the articles, treat them as one story, and print the differences digest (conflicts, reworded "
             "quotes, each outlet's own facts, who quotes whom). Unrelated inputs are reported as separate stories.")
    p.add_argument("inputs", nargs="+", help="files, directories, URLs, feeds, WARC files, or - for stdin")
    _add_output_options(p)
    _add_analysis_options(p)

    p = _sub(sub, "verify", "check every text of a JSON report against its source offsets",
             "Re-read the articles a JSON report was made from and check that every cited text is found at its "
             "(article, start, end) offsets.")
    p.add_argument("report", help="a report written with --format json")
    p.add_argument("inputs", nargs="+", help="the same inputs the report was made from")
    _add_metadata_options(p)

    p = _sub(sub, "ingest", "add articles to the store, dropping near-duplicates and grouping stories",
             "Add articles to a SQLite store: near-duplicates are counted once and each article joins a story. "
             "Running the same command again finishes an interrupted ingest.")
    p.add_argument("inputs", nargs="+", help="files, directories, URLs, feeds, WARC files, or - for stdin")
    p.add_argument("--store", default="newsprism.db", help="the store file (created when missing)")
    p.add_argument("--no-progress", action="store_true", help="do not show a progress bar")
    _add_metadata_options(p)
    _add_input_options(p)

    p = _sub(sub, "stories", "list the stories in the store",
             "List the store's stories, dated by their articles' publication dates.")
    p.add_argument("--store", default="newsprism.db", help="the store file")
    g = p.add_argument_group("which stories")
    g.add_argument("--limit", type=int, default=None, metavar="N", help="show at most N stories (default: all)")
    g.add_argument("--min-articles", type=int, default=1, metavar="N", help="only stories of at least N articles")
    g.add_argument("--search", default=None, metavar="QUERY",
                   help="full-text search of titles and articles: words, \"phrases\", AND, OR, NOT (default: none)")
    g.add_argument("--outlet", default=None, metavar="NAME", help="only stories with an article of this outlet")
    from .corpus.listing import SORTS

    g.add_argument("--sort", choices=tuple(SORTS), default="recent",
                   help="; ".join(f"{k}: {v}" for k, v in SORTS.items()) + "; with --search, recent keeps relevance")
    _add_output_options(p, ("text", "json"), full=False)

    p = _sub(sub, "show", "render one story of the store",
             "Render one story's report (computed once, then kept in the store).")
    p.add_argument("story", help="a story id, as listed by 'newsprism stories'")
    p.add_argument("--store", default="newsprism.db", help="the store file")
    _add_output_options(p)

    p = _sub(sub, "serve", "web app over the store",
             "Serve the store's stories, reports, articles and a JSON API in the browser.")
    p.add_argument("--store", default="newsprism.db", help="the store file")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on; other than loopback exposes the app")
    p.add_argument("--port", type=int, default=8000, help="port to listen on")

    p = _sub(sub, "batch", "run the pipeline over a crawl on a Dask cluster",
             "Read, clean, deduplicate, cluster and report on a Dask cluster; writes Parquet files.")
    p.add_argument("inputs", nargs="+", help="files and directories, at the same path on every worker")
    p.add_argument("--output", required=True, help="output directory for Parquet files")
    p.add_argument("--scheduler", default=None,
                   help="address of an existing Dask scheduler (default: start a local cluster)")
    p.add_argument("--workers", type=int, default=2, help="workers of the local cluster")
    p.add_argument("--partition-size", type=int, default=64, help="articles per partition")
    p.add_argument("--store", default=None, help="also load the results into this store (default: none)")
    _add_metadata_options(p)
    _add_input_options(p)

    p = _sub(sub, "eval", "measure quality on evaluation data",
             "Score newsprism on public evaluation data, next to a baseline measured in the same run.")
    ev = p.add_subparsers(dest="task", required=True, metavar="TASK", help="what to measure")
    e = ev.add_parser("extract", help="extraction F1 vs trafilatura", formatter_class=_Help)
    e.add_argument("dir", nargs="?", default="../shared/data/extraction/dev", help="folder of pages and gold texts")
    e.add_argument("--modes", action="store_true",
                   help="also score each trafilatura mode with the layout rules and cleaning, and the merged text "
                        "without the layout rules")
    e.add_argument("--json", default=None, help="also write the results here")
    e = ev.add_parser("quotes", help="quote recall/F1 and speaker accuracy vs a textacy baseline",
                      formatter_class=_Help)
    e.add_argument("--gold", default="../shared/gold/seeds-quotes.jsonl", help="gold quotes of the seeds")
    e.add_argument("--seeds", default="../shared/seeds", help="the seed articles")
    e.add_argument("--polnear", default="../shared/data/polnear/dev", help="PolNeAR folder")
    e.add_argument("--compare", default="../shared/gold/compare-dev.jsonl",
                   help="labelled quotes of real multi-outlet clusters")
    e.add_argument("--multi-news", default="../shared/data/multi_news/dev.jsonl", help="the clusters' texts")
    e.add_argument("--only", choices=("compare", "seeds", "polnear"), action="append", default=None,
                   help="run only this evaluation set (repeat for several)")
    e.add_argument("--fit-model", default=None, metavar="DIR",
                   help="first fit the reported-speech model on these PolNeAR training articles "
                        "(e.g. ../shared/data/polnear/train) and write it where the package reads it")
    e.add_argument("--json", default=None, help="also write the results here")
    e = ev.add_parser("confidence", help="out-of-fold calibration of quote confidence on labelled real clusters",
                      formatter_class=_Help)
    e.add_argument("--compare", default="../shared/gold/compare-dev.jsonl",
                   help="labelled quotes of real multi-outlet clusters")
    e.add_argument("--multi-news", default="../shared/data/multi_news/dev.jsonl", help="the clusters' texts")
    e.add_argument("--fit", default=None, metavar="FILE",
                   help="also write the table fitted on every cluster to FILE (the package reads "
                        "src/newsprism/story/quote_confidence.json)")
    e = ev.add_parser("align", help="shared-fact precision/recall vs TF-IDF cosine", formatter_class=_Help)
    e.add_argument("--labels", default=None, help="labelled sentence pairs (default: the project's label file)")
    e.add_argument("--data", default="../shared/data/multi_news/dev.jsonl", help="Multi-News clusters")
    e.add_argument("--json", default=None, help="also write the results here")
    e = ev.add_parser("compare", help="conflicts, same facts, look-alikes, junk and speakers on labelled real "
                      "clusters vs TF-IDF cosine", formatter_class=_Help)
    e.add_argument("gold", nargs="?", default="../shared/gold/compare-dev.jsonl", help="labelled clusters")
    e.add_argument("passages", help="folder of <cluster>/p<N>.txt passages, one article each")
    e.add_argument("--fit-pairs", default=None, metavar="FILE",
                   help="first fit the same-fact pair models on these clusters: with embeddings to FILE, without "
                        "to FILE's name + _words.json")
    e.add_argument("--reports", default=None, metavar="DIR", help="also keep each cluster's JSON report here")
    e.add_argument("--no-embeddings", action="store_true", help="analyse with the pair model fitted without embeddings")
    e.add_argument("--json", default=None, help="also write the results here")
    e = ev.add_parser("junk", help="inputs that are not news articles left out, vs reading alone",
                      formatter_class=_Help)
    e.add_argument("gold", nargs="?", default="../shared/gold/compare-dev.jsonl", help="labelled clusters")
    e.add_argument("passages", help="folder of <cluster>/p<N>.txt passages, one article each")
    e.add_argument("--json", default=None, help="also write the results here")
    e = ev.add_parser("mrpc", help="paraphrase accuracy of sentence representations on MRPC, and their transfer "
                      "to labelled real clusters", formatter_class=_Help)
    e.add_argument("dir", nargs="?", default="../shared/data/mrpc", help="folder of the MRPC train and test files")
    e.add_argument("--gold", default="../shared/gold/compare-dev.jsonl", help="labelled clusters (same/look-alike)")
    e.add_argument("--json", default=None, help="also write the results here")
    e = ev.add_parser("summarize", help="ROUGE vs Lead, LexRank and TextRank", formatter_class=_Help)
    e.add_argument("file", nargs="?", default="../shared/data/multi_news/dev.jsonl", help="Multi-News clusters")
    e.add_argument("--words", type=int, default=250, help="summary length in words")
    e.add_argument("--limit", type=int, default=None, help="only the first N clusters (default: all)")
    e.add_argument("--json", default=None, help="also write the results here")
    e = ev.add_parser("cluster", help="story clustering B-cubed/pairwise F1 vs TF-IDF + agglomerative",
                      formatter_class=_Help)
    e.add_argument("--ecb", default="../shared/data/ecbplus/dev.jsonl", help="ECB+ documents")
    e.add_argument("--wikiref", default="../shared/data/wikiref220", help="WikiRef220 folder")
    e.add_argument("--orders", type=int, default=10, help="shuffled orders to score newsprism in")
    e.add_argument("--json", default=None, help="also write the results here")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # bare `newsprism`: the help, not an error
        parser.print_help()
        return 0
    _print_warnings()
    try:
        return _dispatch(args, Settings.from_args(args))
    except NewsprismError as exc:
        print(f"newsprism: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsprism: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_gone()


class _Stderr(logging.StreamHandler[TextIO]):
    """Writes log records to whatever ``sys.stderr`` is at the time (tests and the progress bar replace it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


def _print_warnings() -> None:
    """Prints the library's warnings (a guessed encoding, ...) on stderr, whatever else configured logging."""
    logger = logging.getLogger("newsprism")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)


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


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    """Runs one command with the settings its command line gives (built once, checked, passed down)."""
    cmd = args.command
    if cmd == "analyze":
        from .commands.analyze import analyze_command

        return analyze_command(args.inputs, fmt=args.format, output=args.output, settings=settings,
                               full=args.full, pager=not args.no_pager)
    if cmd == "verify":
        from .commands.verify import verify_command

        return verify_command(args.report, args.inputs, settings=settings)
    if cmd == "ingest":
        from .commands.corpus import ingest_command

        return ingest_command(args.inputs, store=args.store, settings=settings, progress=not args.no_progress)
    if cmd == "stories":
        from .commands.corpus import stories_command

        return stories_command(store=args.store, fmt=args.format, limit=args.limit, min_articles=args.min_articles,
                               search=args.search, sort=args.sort, outlet=args.outlet)
    if cmd == "show":
        from .commands.corpus import show_command

        return show_command(args.story, store=args.store, fmt=args.format, output=args.output, full=args.full,
                            pager=not args.no_pager, settings=settings)
    if cmd == "serve":
        from .commands.serve import serve

        return serve(store=args.store, host=settings.web.host, port=settings.web.port, settings=settings)
    if cmd == "batch":
        from .commands.batch import batch_command

        return batch_command(args.inputs, output=args.output, scheduler=args.scheduler, workers=args.workers,
                             partition_size=args.partition_size, store=args.store, settings=settings)
    if cmd == "eval":
        from .commands.evaluate import eval_command

        return eval_command(args)
    raise AssertionError(cmd)


if __name__ == "__main__":
    sys.exit(main())
