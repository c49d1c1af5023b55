"""Templates and display helpers of the web app's own pages (the story page is the HTML report)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import PurePath
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..corpus.listing import SORTS, StoryFilter, outlets_of, published_range, story_title, with_dates
from ..model import Report
from ..report.display import one_line

NAV = (("Stories", "/"), ("Analyse articles", "/analyze"), ("API", "/api"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja environment of the app's templates, autoescaping everything."""
    root = resources.files("newsprism.web") / "templates"
    env = Environment(loader=FileSystemLoader(str(root)), autoescape=select_autoescape(default=True,
                      default_for_string=True), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["nav"] = NAV
    return env


def page(name: str, **context: Any) -> str:
    """One rendered page of the app."""
    return environment().get_template(name).render(**context)


def story_row(story: Mapping[str, Any]) -> dict[str, Any]:
    """A story as one row of the story list, dated by its articles' publication dates."""
    arts = story.get("articles") or []
    first, last = published_range(story)
    copies = sum(1 for a in arts if a.get("copy_of"))
    return {"id": str(story.get("id")), "title": one_line(story_title(story)) or "Untitled story",
            "articles": len(arts), "copies": copies, "outlets": outlets_of(story),
            "first_seen": first or "", "last_seen": last or ""}


def public_source(source: Any) -> str:
    """A source as pages and the API show it: a URL as is, a file by its name only (never a server path)."""
    s = one_line(source)
    if "://" in s or not s:
        return s
    return PurePath(s.partition("#")[0]).name + (("#" + s.partition("#")[2]) if "#" in s else "")


def public_story(story: Mapping[str, Any]) -> dict[str, Any]:
    """A story dict for the API: dated by publication, article sources as file names."""
    out = with_dates(story)
    out["articles"] = [{**a, "source": public_source(a.get("source"))} for a in story.get("articles") or []]
    return out


def public_report(report: Report) -> Report:
    """The report for pages and the API, with article sources as file names (server paths stay on the server)."""
    articles = [replace(a, source=public_source(a.source)) for a in report.story.articles]
    return replace(report, story=replace(report.story, articles=articles))


def list_filter(params: Mapping[str, str]) -> StoryFilter:
    """The story list's filter from the query string (values already length-checked by the app)."""
    def number(name: str) -> int:
        try:
            return max(1, min(int(params.get(name) or 1), 100_000))
        except ValueError:
            return 1

    def day(name: str) -> str | None:
        value = (params.get(name) or "").strip()
        return value if len(value) == 10 and value[4] == "-" and value[7] == "-" else None

    sort = params.get("sort") or "recent"
    return StoryFilter(min_articles=number("min"), outlet=one_line(params.get("outlet")) or None,
                       since=day("since"), until=day("until"), sort=sort if sort in SORTS else "recent")


def segments(text: str, quotes: Sequence[tuple[int, int, str]], highlight: tuple[int, int] | None
             ) -> list[dict[str, Any]]:
    """The text cut at every span boundary; each piece says whether it is in a quote and in the highlight.

    Pieces are plain strings that the template escapes, so highlighting never builds markup from article text.
    """
    n = len(text)
    cuts = {0, n}
    spans: list[tuple[int, int, str]] = []
    for start, end, label in quotes:
        s, e = max(0, min(start, n)), max(0, min(end, n))
        if e > s:
            spans.append((s, e, label))
            cuts.update((s, e))
    hl = None
    if highlight is not None:
        s, e = max(0, min(highlight[0], n)), max(0, min(highlight[1], n))
        if e > s:
            hl = (s, e)
            cuts.update(hl)
    points = sorted(cuts)
    out: list[dict[str, Any]] = []
    first_hl = True
    for s, e in zip(points, points[1:]):
        labels = [label for qs, qe, label in spans if qs <= s and e <= qe]
        in_hl = hl is not None and hl[0] <= s and e <= hl[1]
        piece = {"text": text[s:e], "quote": "; ".join(dict.fromkeys(labels)) or None, "hl": in_hl,
                 "anchor": in_hl and first_hl}
        if in_hl:
            first_hl = False
        out.append(piece)
    return out
