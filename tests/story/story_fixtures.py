"""Invented articles about one event, shared by the alignment, claims, timeline and outlet tests."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.model import Article, Entity, Quote, Span
from newsprism.nlp import parse

GAZETTE = (
    "The fire at the Millbrook chemical plant killed 12 people on Tuesday, officials said.\n\n"
    "Governor Alice Raman declared a state of emergency in Millbrook County.\n\n"
    "The plant's owner, Delta Chemicals, denied that safety rules had been broken.\n\n"
    "Investigators said they had not found the cause of the blaze.\n\n"
    "The plant had passed a state inspection earlier this month.\n\n"
    "This story has been updated."
)
TIMES = (
    "Governor Alice Raman declared a state of emergency in Millbrook County after the blast.\n\n"
    "A fire at the Millbrook chemical plant killed 14 people on Tuesday, according to officials.\n\n"
    "Delta Chemicals, which owns the plant, denied breaking any safety rules.\n\n"
    "Residents near the plant were told to stay indoors until Friday.\n\n"
    "The company will hold a press conference next week."
)


SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@dataclass(slots=True)
class SeedStory:
    """The two seed articles (published 2018-09-26) through the stages up to quotes."""

    articles: list[Article]
    docs: dict
    entities: list[Entity]
    quotes: list[Quote]
    settings: Settings


def seed_story() -> SeedStory:
    """Loads and analyses ../shared/seeds; skips the calling test when they are absent."""
    if not list(SEEDS.glob("*.txt")):
        pytest.skip(f"seed articles not found at {SEEDS}")
    from newsprism.api import load
    from newsprism.story.entities import build_entities
    from newsprism.story.quotes import extract_quotes

    settings = Settings(published={str(p): "2018-09-26" for p in SEEDS.glob("*.txt")})
    arts = load([str(SEEDS)], settings)
    docs = parse(arts, settings)
    ents = build_entities(arts, docs, settings)
    return SeedStory(arts, docs, ents, extract_quotes(arts, docs, ents, settings), settings)


def article(aid: str, text: str, outlet: str, published: str | None = "2024-03-13") -> Article:
    return Article(id=aid, text=text, outlet=outlet, published=published, source=f"{aid}.txt")


def parsed(articles: Sequence[Article]) -> dict:
    return parse(list(articles), Settings())


def aligned_pair(one: str, two: str, p=None, published: str | None = "2024-03-13") -> tuple[list, object]:
    """Two single-statement articles taken as aligned (published on one day unless ``published`` is None): their
    statements, and the conflict find_conflict reports."""
    import numpy as np

    from newsprism.config import AlignSettings
    from newsprism.story.conflicts import find_conflict, story_dates
    from newsprism.story.statements import article_units

    arts = [article("a", one, "A", published), article("b", two, "B", published)]
    docs = parsed(arts)
    units = [article_units(a, docs[a.id])[0] for a in arts]
    return units, find_conflict(units, np.ones((2, 2)), p or AlignSettings(), story_dates(arts, units))


def quote(a: Article, text: str, qid: str, speaker: str | None, entity: str | None, cue: str | None,
          kind: str = "direct", anonymous: bool = False) -> Quote:
    start = a.text.index(text)
    return Quote(id=qid, article=a.id, start=start, end=start + len(text), text=text, kind=kind,  # type: ignore[arg-type]
                 speaker=speaker, entity=entity, cue=cue, anonymous=anonymous)


def entity(eid: str, name: str, etype: str, articles: Sequence[Article], pattern: str) -> Entity:
    spans = [Span(a.id, m.start(), m.end(), m.group(0)) for a in articles for m in re.finditer(pattern, a.text)]
    return Entity(id=eid, name=name, type=etype, aliases=[name.split()[-1]], spans=spans)
