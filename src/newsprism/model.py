"""Plain data: articles in, report out. Every span is (article id, start, end) into ``Article.text``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "newsprism.report/1"

QuoteKind = Literal["direct", "partial", "indirect"]
Agreement = Literal["identical", "truncated", "reworded", "paraphrased"]
FactStatus = Literal["shared", "unique", "conflict"]
Stance = Literal["denies", "confirms", "disputes"]
EvidenceStatus = Literal["none_offered", "disputed", "supported", "not_mentioned"]
Precision = Literal["day", "week", "month", "year", "relative"]


@dataclass(slots=True, frozen=True)
class Removal:
    """A piece of text that cleaning removed, with the reason (``kind``)."""

    kind: str
    text: str


@dataclass(slots=True)
class Article:
    """One cleaned article. ``text`` is the cleaned body that every offset points into."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD, or None when unknown
    author: str | None = None
    source: str = ""  # path or URL the article was read from
    language: str = "en"
    removed: list[Removal] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def meta(self) -> dict[str, Any]:
        """The article's entry in ``story.articles`` of the report."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "author": self.author,
            "words": self.words,
            "source": self.source,
        }


@dataclass(slots=True, frozen=True)
class Span:
    """A stretch of one article's cleaned text."""

    article: str
    start: int
    end: int
    text: str = ""


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence of an article with its offsets."""

    article: str
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    """A person, organisation or place merged across the articles of a story."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    mentions: dict[str, int] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker: quoted directly, in part, or reported indirectly."""

    id: str
    article: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    entity: str | None = None
    cue: str | None = None
    anonymous: bool = False
    speaker_span: Span | None = None
    part_of: str | None = None  # id of the quote this is a piece of (split around its cue, or inside a reported clause)


@dataclass(slots=True)
class QuoteGroup:
    """The same speaker's words as quoted by several articles, and how the wordings agree."""

    id: str
    entity: str | None
    quotes: list[str]
    agreement: Agreement
    diff: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Fact:
    """A statement aligned across articles."""

    id: str
    text: str
    status: FactStatus
    support: list[Span] = field(default_factory=list)
    conflict: dict[str, Any] | None = None


@dataclass(slots=True)
class Response:
    entity: str | None
    stance: Stance
    quote: str | None
    span: Span | None = None  # the sentence that reports the response


@dataclass(slots=True)
class Evidence:
    article: str
    status: EvidenceStatus
    start: int | None = None
    end: int | None = None
    text: str | None = None


@dataclass(slots=True)
class Claim:
    """A contestable assertion by an entity, the responses to it, and what each article says of evidence."""

    id: str
    claimant: str | None
    text: str
    quotes: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[Span] = field(default_factory=list)  # the sentences that report the claim


@dataclass(slots=True)
class TimelineEntry:
    date: str | None
    precision: Precision
    expression: str
    event: str
    sources: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class OutletStats:
    article: str
    outlet: str | None
    facts_covered: int
    facts_total: int
    unique_facts: int
    quotes: int
    named_sources: int
    anonymous_sources: int
    words: int


@dataclass(slots=True)
class SummarySentence:
    text: str
    sources: list[Span] = field(default_factory=list)
    generated: bool = False  # written by a language model (linked to sources), not copied from the first one


@dataclass(slots=True)
class Story:
    """A group of articles about one event."""

    id: str
    title: str | None
    articles: list[Article]
    copies: dict[str, str] = field(default_factory=dict)  # copy article id -> kept article id


@dataclass(slots=True)
class Report:
    """Everything newsprism says about one story; the JSON contract ``newsprism.report/1``."""

    story: Story
    summary: list[SummarySentence] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quote_groups: list[QuoteGroup] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    outlets: list[OutletStats] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. summary sentences dropped as unverifiable

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready plain data."""
        articles = self.story.articles
        return {
            "schema": SCHEMA,
            "story": {
                "id": self.story.id,
                "title": self.story.title,
                "articles": [a.meta() for a in articles],
                "copies": dict(self.story.copies),
            },
            "summary": [
                {"text": s.text, "sources": [_span(sp) for sp in s.sources], "generated": s.generated}
                for s in self.summary
            ],
            "facts": [
                {
                    "id": f.id,
                    "text": f.text,
                    "status": f.status,
                    "support": [_span(sp) for sp in f.support],
                    "conflict": f.conflict,
                }
                for f in self.facts
            ],
            "quotes": [
                {
                    "id": q.id,
                    "article": q.article,
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "kind": q.kind,
                    "speaker": q.speaker,
                    "entity": q.entity,
                    "cue": q.cue,
                    "anonymous": q.anonymous,
                    "speaker_span": _span(q.speaker_span) if q.speaker_span else None,
                    "part_of": q.part_of,
                }
                for q in self.quotes
            ],
            "quote_groups": [asdict(g) for g in self.quote_groups],
            "claims": [asdict(c) for c in self.claims],
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "aliases": list(e.aliases),
                    "descriptions": list(e.descriptions),
                    "mentions": dict(e.mentions),
                    "spans": [_span(sp) for sp in e.spans],
                }
                for e in self.entities
            ],
            "timeline": [
                {
                    "date": t.date,
                    "precision": t.precision,
                    "expression": t.expression,
                    "event": t.event,
                    "sources": [_span(sp) for sp in t.sources],
                }
                for t in self.timeline
            ],
            "outlets": [asdict(o) for o in self.outlets],
            "cleaning": [
                {"article": a.id, "removed": [{"kind": r.kind, "text": r.text} for r in a.removed]} for a in articles
            ],
            "notes": list(self.notes),
        }


def _span(sp: Span, with_text: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {"article": sp.article, "start": sp.start, "end": sp.end}
    if with_text:
        d["text"] = sp.text
    return d
