"""The public functions: load articles and analyse a story (``commands.analyze`` is the command built on them)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from .config import Settings
from .errors import InputError, NewsprismError
from .model import Article, OtherStory, Report


def load(paths: Iterable[str] | str, settings: Settings | None = None,
         errors: list[InputError] | None = None) -> list[Article]:
    """Articles read from files, directories (recursively, in natural order), URLs, feeds or WARC files.

    Each is cleaned (debris removed and listed in ``Article.removed``), checked to be English and given an id;
    ``settings`` carries the metadata you know (``published``, ``outlet_names``, ``meta_files``, ``name_pattern``,
    ``outlets_file``). A string is one path or URL. Bad inputs raise their ``InputError``, unless ``errors`` is a
    list: then they are appended to it and the remaining inputs are still read.
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


def analyze(paths_or_articles: Sequence[str | Article] | str, settings: Settings | None = None, *,
            one_story: bool = False) -> Report:
    """The report of the story the articles tell; every statement in it cites (article, start, end) offsets.

    Args:
        paths_or_articles: ``Article`` objects (``Article.from_text(text)`` makes one from a string), or paths,
            directories, URLs, feeds or WARC files to read them from. A string is a path, never article text.
        settings: models, budgets and metadata options (``Settings``); the defaults when None.
        one_story: analyse every article as one story even when they tell unrelated stories.

    Returns:
        A ``Report``: cited summary, facts aligned across outlets, quotes and how outlets word them, claims,
        entities, timeline and outlet figures. ``print(report)`` gives one line, a notebook shows the differences
        digest, ``report.records("facts")`` gives rows and ``report.to_dict()`` the JSON contract. When the
        articles form unrelated stories, the report is about the largest and ``report.other_stories`` names the
        rest: one summary never mixes unrelated events.

    Raises:
        NewsprismError: nothing readable to analyse, or a string that is article text rather than a path.
        InputError: an input that cannot be read (``load`` with ``errors=[]`` collects them instead).
    """
    from .corpus.dedup import find_copies
    from .ingest.notarticle import screen
    from .story.analyze import analyze_story, make_story

    settings = settings or Settings()
    if isinstance(paths_or_articles, str):
        paths_or_articles = [paths_or_articles]
    articles = [a for a in paths_or_articles if isinstance(a, Article)]
    paths = [p for p in paths_or_articles if not isinstance(p, Article)]
    for p in paths:
        if isinstance(p, str) and ("\n" in p or len(p) > 400) and not os.path.exists(p):
            raise NewsprismError(f"{p[:40]!r}… looks like article text, not a path or URL; wrap it: "
                                 "newsprism.analyze([newsprism.Article.from_text(text)])")
    if paths:
        articles += load(paths, settings)
    if not articles:
        raise NewsprismError("no articles to analyse; give at least one readable article")
    articles, left_out = screen(_unique(articles), settings.ingest)
    if not articles:
        raise NewsprismError("no news article among the inputs (" + "; ".join(left_out) + ")")
    stories = [articles] if one_story else unrelated_stories(articles, settings)
    story = make_story(stories[0], copies=find_copies(stories[0], settings.dedup_threshold))
    report = analyze_story(story, settings)
    report.notes[:0] = left_out
    report.other_stories = [OtherStory(title=next((a.title for a in group if a.title), None),
                                       articles=[a.id for a in group], sources=[_name(a.source) for a in group])
                            for group in stories[1:]]
    if settings.outlets_file:
        from .ingest.metadata_file import load_outlets
        from .story.groups import group_coverage

        report.groups = group_coverage(story.articles, report.facts, load_outlets(settings.outlets_file),
                                       settings.align)
    return with_date_notes(report, settings)


def with_date_notes(report: Report, settings: Settings) -> Report:
    """The report, with a note for each publication date kept in its article but too far out to count from."""
    from .story.timeline import unplaceable_dates

    report.notes.extend(n for n in unplaceable_dates(report.story.articles, settings) if n not in report.notes)
    return report


def unrelated_stories(articles: list[Article], settings: Settings | None = None) -> list[list[Article]]:
    """The articles grouped into stories by the corpus clustering, joined again unless their terms barely meet
    (``settings.unrelated_below``); largest first. Five articles on one attack stay one story; an attack, a draft
    and a tour are three."""
    if len(articles) < 2:
        return [articles]
    from .corpus.cluster import cluster_articles, merge_clusters

    s = settings or Settings()
    story_of, states = cluster_articles(articles, s.cluster)
    merged = merge_clusters(states, s.cluster, threshold=s.unrelated_below)
    groups: dict[str, list[Article]] = {}
    for a in articles:
        groups.setdefault(merged.get(story_of[a.id], story_of[a.id]), []).append(a)
    return sorted(groups.values(), key=lambda g: -len(g))


def _name(source: str) -> str:
    """A source as a reader should see it: a URL as is, a file by its name only (no server paths)."""
    return source if "://" in source else os.path.basename(source.rstrip("/")) or source


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
