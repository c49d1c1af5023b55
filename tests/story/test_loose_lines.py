"""A related-story headline left in an article is not the article's reporting: no quote comes from it."""

from __future__ import annotations

from newsprism.model import Article
from newsprism.nlp import parse
from newsprism.story.entities import build_entities
from newsprism.story.quotes import extract_quotes

TEXT = ("Harbour police said two men were charged with running a betting ring from a warehouse.\n\n"
        "Mayor says ferry fares will rise next year\n\n"
        "“We found ledgers and cash,” said Officer Dana Reyes.")


def test_no_quote_is_read_from_a_loose_headline_line() -> None:
    arts = [Article(id="a1", text=TEXT, outlet="Gazette")]
    docs = parse(arts)
    quotes = extract_quotes(arts, docs, build_entities(arts, docs))
    headline = TEXT.index("Mayor says")
    assert quotes, "the article's own quotes are still found"
    assert not [q for q in quotes if headline <= q.start < headline + 42]
    assert any("ledgers" in q.text and q.speaker == "Dana Reyes" for q in quotes)
    assert all(q.part_of is None or q.part_of in {x.id for x in quotes} for q in quotes)
