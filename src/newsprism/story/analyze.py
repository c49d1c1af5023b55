"""Runs every analysis stage over one story: Articles in, Report out."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..config import Settings
from ..model import Article, Fact, Report, Story
from .align import align_facts
from .attribution import build_attribution
from .claims import find_claims
from .context import parse_story
from .entities import build_entities
from .outlets import compare_outlets
from .quote_groups import group_quotes
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
    docs = parsed.docs
    # 1. who is who, then who said what
    entities = build_entities(articles, docs, settings)
    quotes = extract_quotes(articles, docs, entities, settings)
    groups = group_quotes(quotes, articles, entities)
    attribution = build_attribution(articles, quotes, entities)
    # 2. what the outlets share, add and contradict
    facts = align_facts(articles, docs, entities, settings, parsed.vectors)
    claims = find_claims(articles, docs, quotes, entities, settings)
    timeline = build_timeline(articles, docs, settings)
    outlets = compare_outlets(articles, facts, quotes)
    # 3. the cited summary, built on the facts
    summary, notes = summarize(articles, docs, facts, quotes, settings)
    notes = comparison_notes(articles, facts) + notes
    return Report(
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
    )
