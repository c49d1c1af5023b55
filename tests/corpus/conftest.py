"""Invented articles for the corpus tests."""

from __future__ import annotations

import hashlib
import random

import pytest

from newsprism.model import Article

WORDS = ("harbour council budget river bridge school teacher market farmer storm festival museum library train "
         "station hospital nurse court judge verdict factory union strike mayor election ballot garden park "
         "festival orchestra concert bakery bread price tariff port ship cargo island ferry tunnel road tower "
         "theatre painter novel author prize league match goal coach striker keeper referee").split()


def make(text: str, title: str | None = None, published: str | None = None, outlet: str | None = None,
         source: str = "") -> Article:
    """An article with a content-hash id, as the reader would give it."""
    aid = "a" + hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()[:12]
    return Article(id=aid, text=text, title=title, published=published, outlet=outlet, source=source)


def filler(seed: int, n: int = 80) -> str:
    """Distinct random prose, so unrelated articles share little."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        a, b, c = (rng.choice(WORDS) for _ in range(3))
        out += f"The {a} of the {b} was in the news again, and it is said that the {c} will be there too.".split()
    return " ".join(out)


REHAB_A = [
    ("Tara Reid checks into rehab",
     "Actress Tara Reid has checked into the Promises Treatment Center in Malibu, her publicist Jack Ketsoyan said "
     "on Friday. Reid, 33, who starred in American Pie, asked for privacy. Ketsoyan did not say what Reid was being "
     "treated for."),
    ("American Pie star Tara Reid enters Promises rehab",
     "Tara Reid entered the Promises facility in Malibu this week, publicist Jack Ketsoyan confirmed. The 33-year-old "
     "American Pie actress is said to be doing well. Reid has been seen at many Hollywood parties."),
    ("Reid in rehab, publicist says",
     "Publicist Jack Ketsoyan says Tara Reid is at Promises Treatment Center in Malibu. Reid, known for American Pie, "
     "is 33. Ketsoyan thanked fans for respecting the privacy of Reid and her family."),
]
REHAB_B = [
    ("Lindsay Lohan enters Betty Ford rehab",
     "Lindsay Lohan arrived at the Betty Ford Center in Rancho Mirage on Thursday to begin a 90-day court-ordered "
     "stay, her lawyer Mark Heller said. Lohan, 26, was sentenced after a car crash in Santa Monica."),
    ("Lohan checks into Betty Ford Center",
     "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage, attorney Mark Heller confirmed. The court "
     "ordered Lohan, 26, into 90 days of treatment over the Santa Monica crash case."),
    ("Lohan begins 90-day rehab stay",
     "Attorney Mark Heller said Lindsay Lohan is at the Betty Ford Center in Rancho Mirage for the 90-day stay a "
     "judge ordered. Lohan, 26, had faced jail over the Santa Monica crash."),
]


@pytest.fixture
def rehab() -> tuple[list[Article], list[Article]]:
    """Two similar but distinct events: two actresses entering two rehab centres."""
    a = [make(t, title=h) for h, t in REHAB_A]
    b = [make(t, title=h) for h, t in REHAB_B]
    return a, b
