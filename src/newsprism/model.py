"""Plain data: articles in, report out. Every span is (article id, start, end) into ``Article.text``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "newsprism.report/1"

QuoteKind = Literal["direct", "partial", "indirect"]
Agreement = Literal["identical", "truncated", "reworded", "paraphrased"]
FactStatus = Literal["shared", "unique", "conflict"]
Stance = Literal["denies", "confirms", "disputes"]
EvidenceStatus = Literal["none_offered", "disputed", "supported", "not_mentioned"]
Precision = Literal["day", "week", "month", "year", "relative"]
DiffKind = Literal["equal", "replace", "delete", "insert"]
ConflictKind = Literal["number", "time", "date", "negation", "entity", "name"]
Strength = Literal["hard", "soft"]


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

    @classmethod
    def from_text(cls, text: str, *, title: str | None = None, outlet: str | None = None, url: str | None = None,
                  published: str | None = None, author: str | None = None, source: str = "text") -> Article:
        """An article from a string (cleaned, checked to be English, id set), for notebooks and tests.

        ``newsprism.analyze`` takes strings as paths; wrap text in this instead. A headline on the first line
        becomes the title when no title is given.
        """
        from .ingest.article import article_from_text

        return article_from_text(text, source=source, title=title, outlet=outlet, url=url, published=published,
                                 author=author)

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


@dataclass(slots=True)
class ArticleEntry(Article):
    """An article as a report lists it: its metadata and length, read back without its text."""

    word_count: int = 0

    @property
    def words(self) -> int:
        return self.word_count if not self.text else len(self.text.split())


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
    confidence: float | None = None  # how often a speaker found this way is the right one (story/quote_confidence)


@dataclass(slots=True, frozen=True)
class DiffOp:
    """One step of the word diff from wording ``a`` to wording ``b``: kept, replaced, deleted or inserted words."""

    op: DiffKind
    a: str = ""
    b: str = ""


@dataclass(slots=True)
class QuoteGroup:
    """The same speaker's words as quoted by several articles, and how the wordings agree."""

    id: str
    entity: str | None
    quotes: list[str]
    agreement: Agreement
    diff: list[DiffOp] = field(default_factory=list)
    confidence: float | None = None  # that of its least sure quote


@dataclass(slots=True, frozen=True)
class ConflictValue:
    """What one article states in a conflict: the differing words and the statement holding them."""

    article: str
    text: str
    statement: str


@dataclass(slots=True)
class Conflict:
    """How the statements of one fact disagree (numbers, times, dates, negation, names), the most certain first."""

    kind: ConflictKind
    strength: Strength
    confidence: float
    values: list[ConflictValue] = field(default_factory=list)
    also: list[Conflict] = field(default_factory=list)  # the next most certain differences of the same fact
    reason: str = ""  # why a difference is only possible, when a reader should know ("tolls change over time")

    def to_dict(self) -> dict[str, Any]:
        """The conflict as the report writes it: ``also`` and ``reason`` only when there is one."""
        d: dict[str, Any] = {"kind": self.kind, "strength": self.strength, "confidence": self.confidence,
                             "values": [asdict(v) for v in self.values]}
        if self.reason:
            d["reason"] = self.reason
        if self.also:
            d["also"] = [c.to_dict() for c in self.also]
        return d


@dataclass(slots=True)
class Fact:
    """A statement aligned across articles."""

    id: str
    text: str
    status: FactStatus
    support: list[Span] = field(default_factory=list)
    conflict: Conflict | None = None
    confidence: float = 1.0  # how sure the alignment is: that the outlets state it alike (shared), or alone (unique)


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
class Attribution:
    """How one article attributes one speaker's words: reporting verbs, remarks on evidence, quoted or paraphrased."""

    speaker: str
    entity: str | None
    article: str
    outlet: str | None
    verbs: dict[str, int] = field(default_factory=dict)  # reporting verbs as written ("claimed": 2, "told": 1)
    direct: int = 0  # whole quoted sentences
    partial: int = 0  # quoted fragments woven into the outlet's own sentence
    paraphrased: int = 0  # reported speech without quotation marks
    evidence: list[Evidence] = field(default_factory=list)  # "offered no evidence", "according to documents"
    quotes: list[str] = field(default_factory=list)  # ids of the quotes counted
    confidence: float | None = None  # the mean of its quotes': the share of them expected to have the right speaker


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
    confidence: float | None = None  # that of its surest quote, whose speaker is the claimant


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
class GroupCoverage:
    """How one group of the user's outlets (``group`` column = ``value``) covers the story, and what it leaves out."""

    group: str
    value: str
    outlets: list[str]
    articles: list[str]
    facts_covered: int
    facts_total: int
    blind_spots: list[str] = field(default_factory=list)  # ids of facts most other articles report
    blind_spot_texts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class OtherStory:
    """A story found among the inputs besides the one reported: unrelated articles are never summarised together."""

    title: str | None
    articles: list[str]  # article ids
    sources: list[str]  # file names or URLs, for the reader to analyse them on their own


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
    attribution: list[Attribution] = field(default_factory=list)  # per speaker and article: how words are attributed
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    outlets: list[OutletStats] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. summary sentences dropped as unverifiable
    groups: list[GroupCoverage] = field(default_factory=list)  # coverage by the user's outlet groups, if given
    other_stories: list[OtherStory] = field(default_factory=list)  # inputs that form other stories

    def __repr__(self) -> str:
        """One line: the story, its outlets and what the report found (the full data is in ``to_dict()``)."""
        counts = {s: sum(1 for f in self.facts if f.status == s) for s in ("conflict", "shared", "unique")}
        outlets = ", ".join(dict.fromkeys(a.outlet or "?" for a in self.story.articles))
        title = self.story.title or "untitled"
        title = title if len(title) <= 60 else title[:59] + "…"
        other = f"; {len(self.other_stories)} other stories left out" if self.other_stories else ""
        return (f"<Report {self.story.id} {title!r}: {len(self.story.articles)} articles ({outlets}); "
                f"{counts['conflict']} conflicting, {counts['shared']} shared, {counts['unique']} unique facts; "
                f"{len(self.quotes)} quotes, {len(self.claims)} claims{other}>")

    def _repr_html_(self) -> str:
        """The differences digest, for Jupyter."""
        from .report.html import render_digest_html

        return render_digest_html(self)

    def records(self, section: str) -> list[dict[str, Any]]:
        """One section of the report as flat dicts (one per fact, quote, claim …), ready for a DataFrame.

        Sections: articles, summary, facts, quotes, quote_groups, claims, evidence, entities, timeline, outlets,
        groups. Spans become ``articles``/``outlets`` columns (joined with "; ") and a ``start``/``end`` pair for
        the first one; outlet names are added beside article ids.
        """
        from .report.records import records

        return records(self, section)

    def to_frames(self) -> dict[str, Any]:
        """Every section as a pandas DataFrame (needs pandas: pip install 'newsprism[notebook]')."""
        from .report.records import SECTIONS, frames

        return frames(self, SECTIONS)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """A report read back from its JSON contract (``to_dict``'s output), checked field by field.

        Articles come back without their text (``ArticleEntry``). Raises ``ReportError`` naming the first field
        that does not follow ``newsprism.report/1``.
        """
        from .report.document import report_from_dict

        return report_from_dict(data)

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
                    "conflict": f.conflict.to_dict() if f.conflict else None,
                    "confidence": round(f.confidence, 3),
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
                    "confidence": q.confidence,
                }
                for q in self.quotes
            ],
            "quote_groups": [asdict(g) for g in self.quote_groups],
            "claims": [asdict(c) for c in self.claims],
            "attribution": [asdict(a) for a in self.attribution],
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
            "groups": [asdict(g) for g in self.groups],
            "other_stories": [asdict(o) for o in self.other_stories],
        }


def _span(sp: Span, with_text: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {"article": sp.article, "start": sp.start, "end": sp.end}
    if with_text:
        d["text"] = sp.text
    return d
