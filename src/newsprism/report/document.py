"""Reads a report document (``newsprism.report/1``) back into a typed ``Report``; one off the contract is refused."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, NotRequired

from pydantic import ConfigDict, TypeAdapter, ValidationError, with_config
from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from Python 3.12

from ..errors import ReportError
from ..model import (
    SCHEMA,
    ArticleEntry,
    Attribution,
    Claim,
    Entity,
    Fact,
    GroupCoverage,
    OtherStory,
    OutletStats,
    Quote,
    QuoteGroup,
    Removal,
    Report,
    Story,
    SummarySentence,
    TimelineEntry,
)

FIX = "give the JSON that 'newsprism analyze --format json' or Report.to_dict() wrote"


@with_config(ConfigDict(extra="forbid"))
class ArticleMeta(TypedDict):
    """One entry of ``story.articles``."""

    id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None
    author: str | None
    words: int
    source: str


@with_config(ConfigDict(extra="forbid"))
class StoryPart(TypedDict):
    """The ``story`` object: id, title, articles and the copies left aside."""

    id: str
    title: str | None
    articles: list[ArticleMeta]
    copies: NotRequired[dict[str, str]]


@with_config(ConfigDict(extra="forbid"))
class Cleaning(TypedDict):
    """What cleaning removed from one article."""

    article: str
    removed: list[Removal]


@with_config(ConfigDict(extra="forbid"))
class Document(TypedDict):
    """The whole report document; sections a report has nothing for may be left out."""

    schema: str
    story: StoryPart
    summary: NotRequired[list[SummarySentence]]
    facts: NotRequired[list[Fact]]
    quotes: NotRequired[list[Quote]]
    quote_groups: NotRequired[list[QuoteGroup]]
    claims: NotRequired[list[Claim]]
    attribution: NotRequired[list[Attribution]]
    entities: NotRequired[list[Entity]]
    timeline: NotRequired[list[TimelineEntry]]
    outlets: NotRequired[list[OutletStats]]
    cleaning: NotRequired[list[Cleaning]]
    notes: NotRequired[list[str]]
    groups: NotRequired[list[GroupCoverage]]
    other_stories: NotRequired[list[OtherStory]]


SECTIONS = tuple(k for k in Document.__annotations__ if k not in ("schema", "story", "cleaning"))


@cache
def _adapter() -> TypeAdapter[Document]:
    """The validator of a whole document, built once (pydantic compiles it from the types above)."""
    return TypeAdapter(Document)


def report_from_dict(data: Mapping[str, Any]) -> Report:
    """The typed report of a document; ``ReportError`` names the first field that is missing or of the wrong type."""
    if not isinstance(data, Mapping):
        raise ReportError(f"not a newsprism report: a {type(data).__name__}, not a JSON object; {FIX}")
    if not isinstance(data.get("story"), Mapping):
        raise ReportError(f"not a newsprism report: it has no 'story' object; {FIX}")
    if data.get("schema") != SCHEMA:
        raise ReportError(f"report schema is {data.get('schema')!r}, not {SCHEMA!r}; {FIX}")
    try:
        doc: Document = _adapter().validate_python(dict(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in first["loc"]).replace(".[", "[")
        raise ReportError(f"report field {where or 'document'}: {first['msg'].lower()} "
                          f"({exc.error_count()} problem(s) in all); {FIX}") from None
    return _report(doc)


def _report(doc: Document) -> Report:
    removed = {c["article"]: c["removed"] for c in doc.get("cleaning", [])}
    story = doc["story"]
    known = {a["id"] for a in story["articles"]}
    unknown = sorted(set(removed) - known)
    if unknown:
        raise ReportError(f"report field cleaning: article {unknown[0]!r} is not in story.articles; {FIX}")
    articles = [ArticleEntry(id=a["id"], text="", title=a["title"], outlet=a["outlet"], url=a["url"],
                             published=a["published"], author=a["author"], source=a["source"],
                             removed=list(removed.get(a["id"], [])), word_count=a["words"])
                for a in story["articles"]]
    sections: dict[str, Any] = {name: doc.get(name, []) for name in SECTIONS}
    return Report(story=Story(id=story["id"], title=story["title"], articles=list(articles),
                              copies=story.get("copies", {})), **sections)
