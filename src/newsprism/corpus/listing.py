"""Story lists as readers ask for them: dated by publication, filtered and sorted (for ``stories`` and the web list)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..ingest.titles import best_title, cut_title, furniture_title
from ..report.display import one_line

SORTS: dict[str, str] = {
    "recent": "newest publication date first (undated last)",
    "articles": "most articles first",
    "outlets": "most outlets first",
    "title": "by title, A to Z",
}


def published_range(story: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The first and last publication dates of a story's articles; a date named in an article's text never counts."""
    days = sorted(str(a["published"]) for a in story.get("articles") or [] if a.get("published"))
    return (days[0], days[-1]) if days else (None, None)


def outlets_of(story: Mapping[str, Any]) -> list[str]:
    """The distinct outlet names of a story's articles, sorted."""
    return sorted({one_line(a.get("outlet")) for a in story.get("articles") or [] if a.get("outlet")})


def story_title(story: Mapping[str, Any]) -> str | None:
    """A story's title as lists show it: its best article title (a real headline whose words the other titles share
    most), else the title stored with it (its first article's lead) unless that is page furniture.

    The store names a story after its first article when the story is made; a later article often has the better
    headline, and the first one's title can be a photo caption or a widget's text.
    """
    titles = [str(a["title"]) for a in story.get("articles") or [] if a.get("title")]
    best = best_title(titles, titles) if titles else None
    if best is not None and not furniture_title(best):
        return best
    stored = one_line(story.get("title"))
    return cut_title(stored) if stored and not furniture_title(stored) else None


def with_dates(story: Mapping[str, Any]) -> dict[str, Any]:
    """The story dict with its list title and ``first_seen``/``last_seen`` taken from its articles' publication
    dates only."""
    first, last = published_range(story)
    return {**story, "title": story_title(story), "first_seen": first, "last_seen": last}


@dataclass(slots=True)
class StoryFilter:
    """What a reader asked of the story list: a minimum size, an outlet, a date range and an order."""

    min_articles: int = 1
    outlet: str | None = None
    since: str | None = None  # ISO date: stories with an article published on or after it
    until: str | None = None  # ISO date: stories with an article published on or before it
    sort: str = "recent"

    def keeps(self, story: Mapping[str, Any]) -> bool:
        """Whether a story passes every condition."""
        arts = story.get("articles") or []
        if len(arts) < self.min_articles:
            return False
        if self.outlet and self.outlet.casefold() not in {o.casefold() for o in outlets_of(story)}:
            return False
        first, last = published_range(story)
        if self.since and (last is None or last < self.since):
            return False
        if self.until and (first is None or first > self.until):
            return False
        return True

    def apply(self, stories: Sequence[Mapping[str, Any]], keep_order: bool = False) -> list[dict[str, Any]]:
        """The stories that pass, dated by publication, in the asked order (``keep_order``: search relevance)."""
        kept = [with_dates(s) for s in stories if self.keeps(s)]
        if keep_order:
            return kept
        key: Callable[[dict[str, Any]], Any] = {
            "articles": lambda s: (-len(s["articles"]), s["last_seen"] is None),
            "outlets": lambda s: (-len(outlets_of(s)), -len(s["articles"])),
            "title": lambda s: one_line(s.get("title")).casefold() or "\uffff",
        }.get(self.sort, lambda s: (s["last_seen"] is None, _negated(s["last_seen"]), -len(s["articles"])))
        return sorted(kept, key=key)


def _negated(day: str | None) -> tuple[int, ...]:
    """An ISO date as a key that sorts newest first."""
    return tuple(-int(p) for p in day.split("-")) if day else ()
