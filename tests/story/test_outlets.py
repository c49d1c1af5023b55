"""Outlet comparison: coverage of the story's facts, unique facts, quotes, named and anonymous sources."""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.model import Fact, Quote, Span
from newsprism.story.outlets import compare_outlets, is_anonymous

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import GAZETTE, TIMES, article  # noqa: E402


def _q(qid: str, art: str, speaker: str | None, entity: str | None = None, anonymous: bool = False) -> Quote:
    return Quote(id=qid, article=art, start=0, end=1, text="x", kind="direct", speaker=speaker, entity=entity,
                 anonymous=anonymous)


def test_counts_per_article() -> None:
    a, b = article("a1", GAZETTE, "Gazette"), article("b1", TIMES, "Times")
    facts = [
        Fact("f1", "t", "shared", [Span("a1", 0, 1), Span("b1", 0, 1)]),
        Fact("f2", "t", "unique", [Span("a1", 2, 3)]),
        Fact("f3", "t", "unique", [Span("b1", 2, 3)]),
        Fact("f4", "t", "unique", [Span("b1", 4, 5)]),
    ]
    quotes = [
        _q("q1", "a1", "Alice Raman", "raman"),
        _q("q2", "a1", "Raman", "raman"),                       # the same named source twice
        _q("q3", "a1", "a senior administration official"),
        _q("q4", "a1", "the official"),                          # the same anonymous source
        _q("q5", "b1", "Tom Ruiz", "ruiz"),
        _q("q6", "b1", "people familiar with the matter"),
        _q("q7", "b1", None),
    ]
    stats = {s.article: s for s in compare_outlets([a, b], facts, quotes)}
    sa, sb = stats["a1"], stats["b1"]
    assert (sa.facts_covered, sa.facts_total, sa.unique_facts) == (2, 4, 1)
    assert (sb.facts_covered, sb.facts_total, sb.unique_facts) == (3, 4, 2)
    assert (sa.quotes, sa.named_sources, sa.anonymous_sources) == (4, 1, 1)
    assert (sb.quotes, sb.named_sources, sb.anonymous_sources) == (3, 1, 1)
    assert sa.words == len(GAZETTE.split()) and sa.outlet == "Gazette"


def test_anonymous_speakers() -> None:
    assert is_anonymous(_q("a", "x", "A senior administration official"))
    assert is_anonymous(_q("b", "x", "two people familiar with the talks"))
    assert is_anonymous(_q("c", "x", "Alice Raman", anonymous=True))
    assert not is_anonymous(_q("d", "x", "Alice Raman"))
    assert not is_anonymous(_q("e", "x", "White House spokeswoman Sarah Sanders"))
    assert not is_anonymous(_q("f", "x", None))


def test_one_article_without_facts_or_quotes() -> None:
    a = article("solo", "Nothing here.", "Solo")
    (s,) = compare_outlets([a], [], [])
    assert (s.facts_covered, s.facts_total, s.unique_facts, s.quotes) == (0, 0, 0, 0)
