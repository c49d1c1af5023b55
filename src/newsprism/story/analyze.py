"""Runs every analysis stage over one story: Articles in, Report out."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from ..config import Settings
from ..model import Article, Fact, Report, Span, Story
from .align import align_facts
from .attribution import build_attribution
from .claims import find_claims
from .context import parse_story
from .entities import build_entities
from .outlets import compare_outlets
from .quote_groups import group_quotes
from .quote_confidence import rate_quotes
from .quotes import extract_quotes
from .summarize import summarize
from .timeline import build_timeline


def story_id(articles: Sequence[Article]) -> str:
    """Stable id of a story: a hash of its sorted article ids."""
    h = hashlib.sha1("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()
    return "s" + h[:12]


def make_story(articles: Sequence[Article], copies: dict[str, str] | None = None) -> Story:
    """A Story of the articles, titled by its best article title (a real headline naming what the articles share),
    else by a title cut from the lead of its most typical article."""
    from ..ingest.titles import best_title

    title = best_title([a.title for a in articles], [a.text for a in articles])
    return Story(id=story_id(articles), title=title, articles=list(articles), copies=dict(copies or {}))


def comparison_notes(articles: Sequence[Article], facts: Sequence[Fact]) -> list[str]:
    """What the reader should know before reading the comparison: that there is nothing to compare, or that the
    outlets share no statement."""
    if len(articles) < 2:
        return ["only one article to analyse (copies left aside): nothing can be compared across outlets"]
    if not any(f.status != "unique" for f in facts):
        return ["the articles share no statement: they may not report the same event"]
    return []


def analyze_story(story: Story, settings: Settings | None = None) -> Report:
    """The full report of one story. Copies listed in ``story.copies`` are kept in the story but not analysed twice."""
    settings = settings or Settings()
    articles = [a for a in story.articles if a.id not in story.copies]
    parsed = parse_story(articles, settings)
    try:
        docs = parsed.docs
        # 1. who is who, then who said what (while a second process, for a long story, compares the statements)
        entities = build_entities(articles, docs, settings)
        parsed.ask_context(entities)
        quotes = extract_quotes(articles, docs, entities, settings)
        groups = group_quotes(quotes, articles, entities, settings.align)
        attribution = build_attribution(articles, quotes, entities)
        # 2. what the outlets share, add and contradict
        context = parsed.context(articles, entities, settings)
    finally:
        parsed.close()
    facts = align_facts(articles, docs, entities, settings, context=context)
    claims = find_claims(articles, docs, quotes, entities, settings, context)
    rate_quotes(quotes, groups, claims, attribution)
    timeline = build_timeline(articles, docs, settings, context)
    outlets = compare_outlets(articles, facts, quotes)
    # 3. the cited summary, built on the facts
    summary, notes = summarize(articles, docs, facts, quotes, settings)
    notes = comparison_notes(articles, facts) + notes
    return with_content_ids(Report(
        story=story,
        summary=summary,
        facts=facts,
        quotes=quotes,
        quote_groups=groups,
        claims=claims,
        attribution=attribution,
        entities=entities,
        timeline=timeline,
        outlets=outlets,
        notes=notes,
    ))


def _digest(prefix: str, parts: Iterable[str]) -> str:
    return prefix + hashlib.sha1("\n".join(parts).encode()).hexdigest()[:10]


def _spans_key(spans: Iterable[Span]) -> list[str]:
    return sorted({f"{sp.article}:{sp.start}:{sp.end}" for sp in spans})


def _unique(ids: dict[int, str]) -> dict[int, str]:
    """The ids, a clash (two items of the same content) told apart by a counter in content order."""
    seen: dict[str, int] = {}
    out: dict[int, str] = {}
    for key, value in sorted(ids.items(), key=lambda kv: kv[1]):
        seen[value] = seen.get(value, 0) + 1
        out[key] = value if seen[value] == 1 else f"{value}-{seen[value]}"
    return out


def with_content_ids(report: Report) -> Report:
    """The report with ids that depend on content alone, so the order the articles are given in changes no id.

    Quotes are named by their article and offsets; facts, claims and entities by the spans they hold; quote groups
    by their quotes. Every reference (a quote's entity and ``part_of``, a group's quotes, a claim's claimant and
    quotes, attribution, coverage blind spots) is renamed with them.
    """
    quote = _unique({id(q): _digest("q", [f"{q.article}:{q.start}:{q.end}"]) for q in report.quotes})
    fact = _unique({id(f): _digest("f", _spans_key(f.support) or [f.text]) for f in report.facts})
    claim = _unique({id(c): _digest("c", _spans_key(c.sources) or [c.text]) for c in report.claims})
    entity = _unique({id(e): _digest("e", _spans_key(e.spans) or [e.type, e.name]) for e in report.entities})
    q_ids = {q.id: quote[id(q)] for q in report.quotes}
    e_ids = {e.id: entity[id(e)] for e in report.entities}
    f_ids = {f.id: fact[id(f)] for f in report.facts}
    group = _unique({id(g): _digest("g", sorted(q_ids.get(x, x) for x in g.quotes)) for g in report.quote_groups})

    def e_of(old: str | None) -> str | None:
        return e_ids.get(old, old) if old is not None else None

    for q in report.quotes:
        q.id, q.entity = quote[id(q)], e_of(q.entity)
        q.part_of = q_ids.get(q.part_of, q.part_of) if q.part_of is not None else None
    for f in report.facts:
        f.id = fact[id(f)]
    for e in report.entities:
        e.id = entity[id(e)]
    for g in report.quote_groups:
        g.id, g.entity, g.quotes = group[id(g)], e_of(g.entity), [q_ids.get(x, x) for x in g.quotes]
    for c in report.claims:
        c.id, c.claimant, c.quotes = claim[id(c)], e_of(c.claimant), [q_ids.get(x, x) for x in c.quotes]
        for r in c.responses:
            r.entity, r.quote = e_of(r.entity), q_ids.get(r.quote, r.quote) if r.quote is not None else None
    for a in report.attribution:
        a.entity, a.quotes = e_of(a.entity), [q_ids.get(x, x) for x in a.quotes]
    for cov in report.groups:
        cov.blind_spots = [f_ids.get(x, x) for x in cov.blind_spots]
    return report
