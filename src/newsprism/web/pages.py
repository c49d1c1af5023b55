"""Templates and display helpers of the web app's own pages (the story page is the HTML report)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..report._format import one_line

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
    """A story as one row of the story list."""
    arts = story.get("articles") or []
    outlets = sorted({one_line(a.get("outlet")) for a in arts if a.get("outlet")})
    copies = sum(1 for a in arts if a.get("copy_of"))
    return {"id": str(story.get("id")), "title": one_line(story.get("title")) or "Untitled story",
            "articles": len(arts), "copies": copies, "outlets": outlets,
            "first_seen": one_line(story.get("first_seen")), "last_seen": one_line(story.get("last_seen"))}


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
