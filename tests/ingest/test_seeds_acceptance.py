"""Acceptance on the two real seed articles: both load, titles right, debris gone, no article sentence lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.ingest import iter_articles
from newsprism.model import Article

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
HILL = "000_446797c1cc61f2e1.txt"
CNN = "003_5ab1785a7aa1f552.txt"

# lines of the originals that are crawl debris, not article text
DEBRIS = {
    HILL: ["China pushes back on Trump election interference comments", "© Getty Images"],
    CNN: ["United Nations CNN —", "This story has been updated.", "CNN’s Kwegyirba Croffie contributed reporting."],
}


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not (SEEDS / HILL).exists() or not (SEEDS / CNN).exists():
        pytest.skip(f"seed articles not found in {SEEDS}")
    items = list(iter_articles([str(SEEDS)], Settings()))
    assert all(isinstance(i, Article) for i in items), items
    return {Path(a.source).name: a for a in items if isinstance(a, Article)}


def test_both_load_with_right_titles_and_outlets(seeds: dict[str, Article]) -> None:
    assert set(seeds) == {HILL, CNN}
    assert seeds[HILL].title == "China pushes back on Trump election interference comments"
    assert seeds[CNN].title is None  # the CNN text has no headline; none is made up
    assert seeds[CNN].outlet == "CNN"  # from the dateline
    assert seeds[HILL].outlet is None  # nothing in the text names the outlet
    assert seeds[HILL].published is None and seeds[CNN].published is None


def test_debris_removed_and_recorded(seeds: dict[str, Article]) -> None:
    hill, cnn = seeds[HILL], seeds[CNN]
    assert "President Trump's Wednesday accusation" in hill.text
    assert "Director of National Intelligence Dan Coats told reporters earlier this month" in hill.text
    assert "MORE" not in hill.text and "Getty" not in hill.text and "Donald John Trump" not in hill.text
    assert not hill.text.startswith("China pushes back")
    assert [r.kind for r in hill.removed].count("hover_card") == 2
    assert {"duplicate_title", "photo_credit"} <= {r.kind for r in hill.removed}
    assert cnn.text.startswith("President Donald Trump claimed on Wednesday")
    assert "updated" not in cnn.text[-200:] and "contributed reporting" not in cnn.text
    assert {"dateline", "update", "contributor"} <= {r.kind for r in cnn.removed}


def test_no_article_sentence_lost(seeds: dict[str, Article]) -> None:
    for name, article in seeds.items():
        original = (SEEDS / name).read_text(encoding="utf-8")
        text = _norm(article.text)
        for card in (r.text for r in article.removed if r.kind == "hover_card"):
            original = original.replace(card, "")
        lines = [_norm(line) for line in original.splitlines()]
        debris = {_norm(d) for d in DEBRIS[name]}
        checked = 0
        for line in lines:
            if not line or line in debris:
                continue
            for sentence in re.split(r"(?<=[.!?])\s+(?=[“\"A-Z])|(?<=[.!?][”\"])\s+(?=[“\"A-Z])", line):
                assert sentence in text, (name, sentence)
                checked += 1
        assert checked > 10


def test_paragraphs_kept_and_curly_quotes_untouched(seeds: dict[str, Article]) -> None:
    cnn = seeds[CNN]
    assert cnn.text.count("\n\n") >= 25
    assert "“Regrettably, we found that China" in cnn.text
    assert "\u00a0" not in cnn.text and "  " not in cnn.text
