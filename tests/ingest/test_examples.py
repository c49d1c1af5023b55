"""The shipped example story loads cleanly: four outlets, their metadata, and the debris each carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.ingest import iter_articles
from newsprism.model import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    items = list(iter_articles([str(EXAMPLES)], Settings()))
    assert all(isinstance(i, Article) for i in items), items
    return {a.outlet or "": a for a in items if isinstance(a, Article)}


def test_four_outlets_of_readable_length(articles: dict[str, Article]) -> None:
    assert set(articles) == {"The Calder Courier", "CBN", "Harbour Wire", "The Lantern"}
    for a in articles.values():
        assert 250 <= a.words <= 450, (a.outlet, a.words)


def test_html_metadata(articles: dict[str, Article]) -> None:
    courier, lantern = articles["The Calder Courier"], articles["The Lantern"]
    assert (courier.published, courier.author) == ("2026-03-10", "Mara Lindqvist")
    assert courier.url == "https://caldercourier.example/news/2026/03/10/saltmere-bridge-closed-ship-strike"
    assert (lantern.published, lantern.author) == ("2026-03-11", "Hana Kovacs")
    assert lantern.title == 'The Saltmere Bridge was rated "fair" last week. Then a ship hit it.'


def test_debris_removed(articles: dict[str, Article]) -> None:
    kinds = {name: {r.kind for r in a.removed} for name, a in articles.items()}
    assert {"duplicate_title", "photo_credit", "dateline", "share", "update", "contributor", "hover_card"} <= kinds["CBN"]
    assert {"dateline", "contributor"} <= kinds["Harbour Wire"]
    assert {"duplicate_title", "share", "subscribe"} <= kinds["The Calder Courier"]
    assert {"advertisement", "subscribe", "related", "update"} <= kinds["The Lantern"]
    assert "said Mayor Elena Varga, speaking beside the damaged span" in articles["CBN"].text
    for a in articles.values():
        assert "MORE" not in a.text and "Share on" not in a.text and "Share this" not in a.text
        assert "Advertisement" not in a.text


def test_story_features_present(articles: dict[str, Article]) -> None:
    text = " ".join(a.text for a in articles.values())
    assert "injuring 12 people" in articles["The Calder Courier"].text
    assert "injuring 14 people" in articles["Harbour Wire"].text
    assert "offered no evidence" in text
    assert "“" in text and '"' in text
    for phrase in ("Tuesday", "last week", "next month"):
        assert phrase in text
