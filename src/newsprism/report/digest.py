"""The differences digest: what a reader should see first, picked from a report for display.

It leads with what differs (conflicts with each outlet's own sentence, quotes worded differently), then each
outlet's own most telling facts, who each outlet quotes, and, when an outlets file gave groups, each group's blind
spots. Nothing here analyses text: it selects, ranks and shortens what the report already holds. An item whose
``confidence`` (0..1) is below ``min_confidence`` (a unique fact: ``unique_min_confidence``; both
in ``ReportSettings``, with how many items of each kind are shown) is never shown here; the full report keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config import ReportSettings
from ..model import Conflict, DiffOp, Fact, GroupCoverage, OtherStory, Report
from ._format import Lookup, conflict_parts, diff_ops, quotes_by_speaker, stated
from .display import one_line

MAX_CHARS = 180
NAME_CHARS = 26  # an outlet named by its article's title is cut short, so lines keep their room for what is said
DIFFERING = ("reworded", "paraphrased")
_LEANS_ON_CONTEXT = {"He", "She", "They", "It", "This", "That", "But", "And", "Instead", "Still", "Yet"}
_NUMBER = re.compile(r"\d")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")


def confidence(fact: Fact) -> float:
    """A fact's confidence as the report states it."""
    return stated(fact.confidence)


def short_name(look: Lookup, article_id: str) -> str:
    """An article's short display name: its outlet, or its title cut to ``NAME_CHARS``."""
    return shorten(look.outlet(article_id).rstrip("…"), NAME_CHARS)


def shorten(text: str | None, limit: int = MAX_CHARS) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    s = one_line(text)
    if len(s) <= limit:
        return s
    return s[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(slots=True)
class Voice:
    """One outlet's wording of something: article number, outlet name, text and where it is."""

    n: int
    outlet: str
    text: str
    article: str = ""
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class ConflictItem:
    """A conflict: what differs (label, value) and each outlet's own sentence."""

    parts: list[tuple[str, str]]
    voices: list[Voice]
    confidence: float


@dataclass(slots=True)
class QuoteItem:
    """One speaker's words as outlets quote them differently, with the word diff."""

    speaker: str
    agreement: str
    voices: list[Voice]
    ops: list[DiffOp]


@dataclass(slots=True)
class OutletItem:
    """One outlet: its unique facts (the top few, ranked) and the speakers it quotes."""

    n: int
    outlet: str
    unique_total: int
    top: list[Voice]
    speakers: list[tuple[str, int]]


@dataclass(slots=True)
class GroupItem:
    """Coverage of one group of outlets (e.g. lean = left) and the facts it leaves out that most others report."""

    label: str
    outlets: list[str]
    covered: int
    total: int
    blind_spots: list[str]


@dataclass(slots=True)
class Digest:
    """The digest of one report, ready for any renderer."""

    title: str
    story_id: str
    articles: list[tuple[int, str, str]]  # (number, outlet, published)
    counts: dict[str, int]
    conflicts: list[ConflictItem] = field(default_factory=list)
    conflicts_hidden: int = 0  # conflicts left out: low confidence or beyond ``max_conflicts``
    quotes: list[QuoteItem] = field(default_factory=list)
    outlets: list[OutletItem] = field(default_factory=list)
    outlets_hidden: int = 0
    groups: list[GroupItem] = field(default_factory=list)
    other_stories: list[str] = field(default_factory=list)
    limits: ReportSettings = field(default_factory=ReportSettings)  # what it was picked under


def build_digest(report: Report, look: Lookup | None = None, limits: ReportSettings | None = None) -> Digest:
    """The digest of a report, under ``limits`` (the defaults when None)."""
    look = look or Lookup.of(report)
    lim = limits or ReportSettings()
    story = report.story
    facts = report.facts
    counts = {s: sum(1 for f in facts if f.status == s) for s in ("conflict", "shared", "unique")}
    conflicts = sorted((f for f in facts if f.status == "conflict"), key=lambda f: -confidence(f))
    sure = [f for f in conflicts if confidence(f) >= lim.min_confidence]
    outlets = _outlet_items(report, look, lim)
    shown = outlets
    if len(outlets) > lim.max_outlets:
        keep = {id(o) for o in sorted(outlets, key=lambda o: -o.unique_total)[:lim.max_outlets]}
        shown = [o for o in outlets if id(o) in keep]
    return Digest(
        title=one_line(story.title) or "Untitled story",
        story_id=one_line(story.id),
        articles=[(look.number(aid), short_name(look, aid), one_line(a.published) or "date unknown")
                  for aid, a in look.articles.items()],
        counts=counts,
        conflicts=[_conflict(f, look, lim) for f in sure[:lim.max_conflicts]],
        conflicts_hidden=len(conflicts) - min(len(sure), lim.max_conflicts),
        quotes=_quote_items(report, look, lim),
        outlets=shown,
        outlets_hidden=len(outlets) - len(shown),
        groups=[_group_item(g) for g in report.groups],
        other_stories=[_other_story(s) for s in report.other_stories],
        limits=lim,
    )


def _voice(look: Lookup, article: str, start: int, end: int, text: str, limit: int = MAX_CHARS) -> Voice:
    return Voice(look.number(article), short_name(look, article), shorten(text, limit), article, start, end)


def _conflict(f: Fact, look: Lookup, lim: ReportSettings) -> ConflictItem:
    voices: dict[str, Voice] = {}
    for sp in f.support:
        if sp.article not in voices:  # one sentence per outlet: the first that tells it
            voices[sp.article] = _voice(look, sp.article, sp.start, sp.end, sp.text)
    return ConflictItem(parts=_conflict_parts(f.conflict, look),
                        voices=sorted(voices.values(), key=lambda v: v.n)[:lim.max_voices], confidence=confidence(f))


def _conflict_parts(conflict: Conflict | None, look: Lookup) -> list[tuple[str, str]]:
    """"number differs" and who says what; a conflict without values, as its parts."""
    if conflict is not None and conflict.values:
        said = ", ".join(f"{short_name(look, v.article)} says {one_line(v.text)}" for v in conflict.values)
        return [(f"{one_line(conflict.kind) or 'detail'} differs", said)]
    return conflict_parts(conflict, look)


def sure(value: float | None, lim: ReportSettings) -> bool:
    """Whether an attribution is sure enough to be shown as a finding (reports written before attributions had a
    confidence show them all)."""
    return value is None or value >= lim.min_confidence


def _quote_items(report: Report, look: Lookup, lim: ReportSettings) -> list[QuoteItem]:
    out: list[QuoteItem] = []
    groups = [g for g in report.quote_groups if one_line(g.agreement) in DIFFERING and sure(g.confidence, lim)]
    groups.sort(key=lambda g: (DIFFERING.index(one_line(g.agreement)), -(g.confidence or 0.0), -len(g.quotes)))
    for g in groups[:lim.max_quote_groups]:
        members = [look.quotes[q] for q in g.quotes if q in look.quotes]
        speaker = look.entity_name(g.entity) or (look.quote_speaker(members[0]) if members else "someone")
        voices = [_voice(look, q.article, q.start, q.end, q.text, 240) for q in members[:lim.max_voices]]
        out.append(QuoteItem(speaker, one_line(g.agreement), voices, diff_ops(g.diff)))
    return out


def rank_unique(f: Fact, look: Lookup) -> float:
    """How much a unique fact tells a reader: numbers and names count; a quote fragment, a very short or very long
    sentence or one that leans on the sentence before counts less; near the top of its article (news puts the news
    first) counts more."""
    text = one_line(f.text)
    words = len(text.split())
    score = 2.0 * bool(_NUMBER.search(text)) + min(len(_NAME.findall(text)), 3) * 0.5
    score -= 1.5 if words < 8 else 0.0
    score -= 1.0 if text[:1].islower() else 0.5 if text.split(" ", 1)[0] in _LEANS_ON_CONTEXT else 0.0
    score -= 1.0 if words > 45 else 0.0
    score -= 0.5 if text[:1] in "\"“‘'" else 0.0
    if f.support:
        first = f.support[0]
        article = look.articles.get(first.article)
        size = max((article.words if article else 0) * 6, 1)  # about six characters a word
        score += 1.5 * max(0.0, 1.0 - first.start / size)
    return score * confidence(f)


def _outlet_items(report: Report, look: Lookup, lim: ReportSettings) -> list[OutletItem]:
    unique: dict[str, list[Fact]] = {}
    for f in report.facts:
        if f.status == "unique" and f.support and confidence(f) >= lim.unique_min_confidence:
            unique.setdefault(f.support[0].article, []).append(f)
    speakers: dict[str, dict[str, int]] = {}
    for name, quotes in quotes_by_speaker(report, look):
        for q in quotes:
            if not sure(q.confidence, lim):
                continue  # a speaker the analysis is unsure of is not counted as one the outlet quotes
            per = speakers.setdefault(q.article, {})
            per[name] = per.get(name, 0) + 1
    out = []
    for aid in look.articles:
        ranked = sorted(unique.get(aid, []), key=lambda f: -rank_unique(f, look))
        top = [_voice(look, f.support[0].article, f.support[0].start, f.support[0].end, f.text)
               for f in ranked[:lim.unique_per_outlet]]
        said = sorted((speakers.get(aid) or {}).items(), key=lambda kv: (-kv[1], kv[0]))
        out.append(OutletItem(look.number(aid), short_name(look, aid), len(unique.get(aid, [])), top, said))
    return out


def _group_item(g: GroupCoverage) -> GroupItem:
    return GroupItem(label=f"{one_line(g.group)} = {one_line(g.value)}", outlets=[one_line(o) for o in g.outlets],
                     covered=g.facts_covered, total=g.facts_total,
                     blind_spots=[shorten(t, 140) for t in g.blind_spot_texts])


def _other_story(s: OtherStory) -> str:
    names = ", ".join(one_line(n) for n in s.sources)
    return f"{one_line(s.title) or 'untitled'} ({names})"
