"""Outlet comparison: how much of the story each article covers, what only it reports, and whom it quotes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicon import unnamed_source
from ..model import Article, Fact, OutletStats, Quote


def is_anonymous(quote: Quote) -> bool:
    """True when the quote's speaker is unnamed ("a senior administration official", "people familiar with ...")."""
    if quote.anonymous:
        return True
    speaker = (quote.speaker or "").strip()
    return bool(speaker) and unnamed_source(speaker)


def _speaker_key(quote: Quote) -> str | None:
    """One key per distinct speaker: the entity when resolved, else the speaker's last word."""
    if quote.entity:
        return quote.entity
    words = re.sub(r"[^\w\s]", "", quote.speaker or "").lower().split()
    return words[-1] if words else None


def compare_outlets(articles: Sequence[Article], facts: Sequence[Fact], quotes: Sequence[Quote]) -> list[OutletStats]:
    """Per article: facts covered of the story's total, facts only it reports, quotes, named and anonymous sources."""
    total = len(facts)
    out: list[OutletStats] = []
    for a in articles:
        covered = [f for f in facts if any(s.article == a.id for s in f.support)]
        unique = [f for f in covered if {s.article for s in f.support} == {a.id}]
        own = [q for q in quotes if q.article == a.id]
        named: set[str] = set()
        anonymous: set[str] = set()
        for q in own:
            key = _speaker_key(q)
            if key is None:
                continue
            (anonymous if is_anonymous(q) else named).add(key)
        out.append(OutletStats(article=a.id, outlet=a.outlet, facts_covered=len(covered), facts_total=total,
                               unique_facts=len(unique), quotes=len(own), named_sources=len(named - anonymous),
                               anonymous_sources=len(anonymous), words=a.words))
    return out
