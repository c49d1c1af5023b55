"""The public functions: load articles, analyse a story, and the analyze command built on them."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

from .config import Settings
from .errors import InputError, NewsprismError
from .model import Article, Report


def load(paths: Iterable[str] | str, settings: Settings | None = None,
         errors: list[InputError] | None = None) -> list[Article]:
    """Articles read from files, directories, URLs, feeds or WARC files.

    Bad inputs raise their ``InputError``, unless ``errors`` is a list: then they are appended to it and the
    remaining inputs are still read.
    """
    from .ingest import iter_articles

    if isinstance(paths, str):
        paths = [paths]
    out: list[Article] = []
    for item in iter_articles(list(paths), settings or Settings()):
        if isinstance(item, InputError):
            if errors is None:
                raise item
            errors.append(item)
        else:
            out.append(item)
    return out


def analyze(paths_or_articles: Sequence[str | Article] | str, settings: Settings | None = None) -> Report:
    """The report of one story made of the given articles (or of the articles read from the given paths)."""
    from .corpus.dedup import find_copies
    from .story.analyze import analyze_story, make_story

    settings = settings or Settings()
    if isinstance(paths_or_articles, str):
        paths_or_articles = [paths_or_articles]
    articles = [a for a in paths_or_articles if isinstance(a, Article)]
    paths = [p for p in paths_or_articles if not isinstance(p, Article)]
    if paths:
        articles += load(paths, settings)
    if not articles:
        raise NewsprismError("no articles to analyse; give at least one readable article")
    articles = _unique(articles)
    story = make_story(articles, copies=find_copies(articles, settings.dedup_threshold))
    return analyze_story(story, settings)


def _unique(articles: list[Article]) -> list[Article]:
    seen: set[str] = set()
    out = []
    for a in articles:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def unmatched_dates(published: dict[str, str], sources: Sequence[str]) -> list[str]:
    """The --published keys that name none of the sources: a typo there would silently leave dates unknown."""
    from .ingest.meta import published_override

    return [key for key, day in (published or {}).items()
            if not any(published_override(str(src), {key: day}) for src in sources if src)]


def analyze_command(inputs: Sequence[str], fmt: str = "text", output: str | None = None,
                    settings: Settings | None = None) -> int:
    """`newsprism analyze`: read every input (reporting bad ones), analyse the rest, render the report."""
    from .report import emit

    settings = settings or Settings()
    errors: list[InputError] = []
    articles = load(inputs, settings, errors=errors)
    for err in errors:
        print(f"newsprism: error: {err}", file=sys.stderr)
    for key in unmatched_dates(settings.published, [*inputs, *(a.source for a in articles),
                                                    *(e.source for e in errors)]):
        print(f"newsprism: warning: --published {key}: no input has that name, so its date was not used; "
              "give the file name or path as listed", file=sys.stderr)
    if not articles:
        print("newsprism: error: no readable article among the inputs; nothing to analyse", file=sys.stderr)
        return 2
    report = analyze(articles, settings)
    emit(report.to_dict(), fmt, output, articles={a.id: a.text for a in report.story.articles})
    return 2 if errors else 0
