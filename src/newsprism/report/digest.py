"""The differences digest: what a reader should see first, picked from a report dict for display.

It leads with what differs (conflicts with each outlet's own sentence, quotes worded differently), then each
outlet's own most telling facts, who each outlet quotes, and, when an outlets file gave groups, each group's blind
spots. Nothing here analyses text: it selects, ranks and shortens what the report already holds. An item whose
``confidence`` (0..1, 1.0 when absent) is below ``min_confidence`` (a unique fact: ``unique_min_confidence``; both
in ``ReportSettings``, with how many items of each kind are shown) is never shown here; the full report keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..config import ReportSettings
from ..model import DiffOp
from ._format import Lookup, conflict_parts, diff_ops, quotes_by_speaker
from .display import one_line

MAX_CHARS = 180
NAME_CHARS = 26  # an outlet named by its article's title is cut short, so lines keep their room for what is said
DIFFERING = ("reworded", "paraphrased")
_LEANS_ON_CONTEXT = {"He", "She", "They", "It", "This", "That", "But", "And", "Instead", "Still", "Yet"}
_NUMBER = re.compile(r"\d")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")


def confidence(item: Mapping[str, Any]) -> float:
    """An item's confidence, 1.0 when the report does not give one."""
    value = item.get("confidence")
    try:
        return 1.0 if value is None else float(value)
    except (TypeError, ValueError):
        return 1.0


def short_name(look: Lookup, article_id: Any) -> str:
    """An article's short display name: its outlet, or its title cut to ``NAME_CHARS``."""
    return shorten(look.outlet(article_id).rstrip("…"), NAME_CHARS)


def shorten(text: Any, limit: int = MAX_CHARS) -> str:
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


def build_digest(report: Mapping[str, Any], look: Lookup | None = None, limits: ReportSettings | None = None
                 ) -> Digest:
    """The digest of a report dict (``newsprism.report/1``), under ``limits`` (the defaults when None)."""
    look = look or Lookup.of(report)
    lim = limits or ReportSettings()
    story = report.get("story") or {}
    facts = [f for f in report.get("facts") or [] if isinstance(f, Mapping)]
    counts = {s: sum(1 for f in facts if f.get("status") == s) for s in ("conflict", "shared", "unique")}
    conflicts = sorted((f for f in facts if f.get("status") == "conflict"), key=lambda f: -confidence(f))
    sure = [f for f in conflicts if confidence(f) >= lim.min_confidence]
    outlets = _outlet_items(report, facts, look, lim)
    shown = outlets
    if len(outlets) > lim.max_outlets:
        keep = {id(o) for o in sorted(outlets, key=lambda o: -o.unique_total)[:lim.max_outlets]}
        shown = [o for o in outlets if id(o) in keep]
    return Digest(
        title=one_line(story.get("title")) or "Untitled story",
        story_id=one_line(story.get("id")),
        articles=[(look.number(aid), short_name(look, aid), one_line(a.get("published")) or "date unknown")
                  for aid, a in look.articles.items()],
        counts=counts,
        conflicts=[_conflict(f, look, lim) for f in sure[:lim.max_conflicts]],
        conflicts_hidden=len(conflicts) - min(len(sure), lim.max_conflicts),
        quotes=_quote_items(report, look, lim),
        outlets=shown,
        outlets_hidden=len(outlets) - len(shown),
        groups=[_group_item(g) for g in report.get("groups") or [] if isinstance(g, Mapping)],
        other_stories=[_other_story(s) for s in report.get("other_stories") or [] if isinstance(s, Mapping)],
        limits=lim,
    )


def _voice(look: Lookup, span: Mapping[str, Any], limit: int = MAX_CHARS) -> Voice:
    aid = str(span.get("article"))
    return Voice(look.number(aid), short_name(look, aid), shorten(span.get("text"), limit), aid,
                 int(span.get("start") or 0), int(span.get("end") or 0))


def _conflict(f: Mapping[str, Any], look: Lookup, lim: ReportSettings) -> ConflictItem:
    voices: dict[str, Voice] = {}
    for sp in f.get("support") or []:
        aid = str(sp.get("article"))
        if aid not in voices:  # one sentence per outlet: the first that tells it
            voices[aid] = _voice(look, sp)
    return ConflictItem(parts=_conflict_parts(f.get("conflict"), look),
                        voices=sorted(voices.values(), key=lambda v: v.n)[:lim.max_voices], confidence=confidence(f))


def _conflict_parts(conflict: Any, look: Lookup) -> list[tuple[str, str]]:
    """"number differs" and who says what, for the usual {kind, values} shape; any other shape as it comes."""
    values = conflict.get("values") if isinstance(conflict, Mapping) else None
    if isinstance(values, list) and values and all(isinstance(v, Mapping) and "article" in v for v in values):
        said = ", ".join(f"{short_name(look, v.get('article'))} says {one_line(v.get('text'))}" for v in values)
        return [(f"{one_line(conflict.get('kind')) or 'detail'} differs", said)]
    return conflict_parts(conflict, look)


def _quote_items(report: Mapping[str, Any], look: Lookup, lim: ReportSettings) -> list[QuoteItem]:
    out: list[QuoteItem] = []
    groups = [g for g in report.get("quote_groups") or [] if one_line(g.get("agreement")) in DIFFERING]
    groups.sort(key=lambda g: (DIFFERING.index(one_line(g.get("agreement"))), -len(g.get("quotes") or [])))
    for g in groups[:lim.max_quote_groups]:
        members = [look.quotes[str(q)] for q in g.get("quotes") or [] if str(q) in look.quotes]
        speaker = look.entity_name(g.get("entity")) or (look.quote_speaker(members[0]) if members else "someone")
        voices = [_voice(look, q, 240) for q in members[:lim.max_voices]]
        out.append(QuoteItem(speaker, one_line(g.get("agreement")), voices, diff_ops(g.get("diff"))))
    return out


def rank_unique(f: Mapping[str, Any], look: Lookup) -> float:
    """How much a unique fact tells a reader: numbers and names count; a quote fragment, a very short or very long
    sentence or one that leans on the sentence before counts less; near the top of its article (news puts the news
    first) counts more."""
    text = one_line(f.get("text"))
    words = len(text.split())
    score = 2.0 * bool(_NUMBER.search(text)) + min(len(_NAME.findall(text)), 3) * 0.5
    score -= 1.5 if words < 8 else 0.0
    score -= 1.0 if text[:1].islower() else 0.5 if text.split(" ", 1)[0] in _LEANS_ON_CONTEXT else 0.0
    score -= 1.0 if words > 45 else 0.0
    score -= 0.5 if text[:1] in "\"“‘'" else 0.0
    spans = f.get("support") or []
    if spans:
        aid = str(spans[0].get("article"))
        size = max(int(look.articles.get(aid, {}).get("words") or 0) * 6, 1)  # about six characters a word
        score += 1.5 * max(0.0, 1.0 - int(spans[0].get("start") or 0) / size)
    return score * confidence(f)


def _outlet_items(report: Mapping[str, Any], facts: list[Mapping[str, Any]], look: Lookup,
                  lim: ReportSettings) -> list[OutletItem]:
    unique: dict[str, list[Mapping[str, Any]]] = {}
    for f in facts:
        if f.get("status") == "unique" and f.get("support") and confidence(f) >= lim.unique_min_confidence:
            unique.setdefault(str(f["support"][0].get("article")), []).append(f)
    speakers: dict[str, dict[str, int]] = {}
    for name, quotes in quotes_by_speaker(report, look):
        for q in quotes:
            per = speakers.setdefault(str(q.get("article")), {})
            per[name] = per.get(name, 0) + 1
    out = []
    for aid in look.articles:
        ranked = sorted(unique.get(aid, []), key=lambda f: -rank_unique(f, look))
        top = [_voice(look, f["support"][0] | {"text": f.get("text")}) for f in ranked[:lim.unique_per_outlet]]
        said = sorted((speakers.get(aid) or {}).items(), key=lambda kv: (-kv[1], kv[0]))
        out.append(OutletItem(look.number(aid), short_name(look, aid), len(unique.get(aid, [])), top, said))
    return out


def _group_item(g: Mapping[str, Any]) -> GroupItem:
    return GroupItem(label=f"{one_line(g.get('group'))} = {one_line(g.get('value'))}",
                     outlets=[one_line(o) for o in g.get("outlets") or []], covered=int(g.get("facts_covered") or 0),
                     total=int(g.get("facts_total") or 0),
                     blind_spots=[shorten(t, 140) for t in g.get("blind_spot_texts") or []])


def _other_story(s: Mapping[str, Any]) -> str:
    names = ", ".join(one_line(n) for n in s.get("sources") or [])
    return f"{one_line(s.get('title')) or 'untitled'} ({names})"
