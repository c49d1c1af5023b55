"""The knobs of story clustering, in one place (kept free of heavy imports, so settings can read them cheaply)."""

from __future__ import annotations

from dataclasses import dataclass

WINDOW_DAYS = 7  # days around a story within which an article matches it at full strength
BATCH_ARTICLES = 200  # articles a store takes in one transaction, and between two retirements of stories


@dataclass(frozen=True, slots=True)
class ClusterParams:
    """How the clusterer decides and how long it keeps stories active (see ``cluster``)."""

    window_days: int = WINDOW_DAYS
    window_articles: int = 5000  # a story retires once this many articles passed without it
    grace_articles: int = 500  # ... or, past the window by day, once this many passed
    max_active: int = 2000  # stories kept active at most (the least recently grown retire first)
    threshold: float = 0.20  # cosine (times the time factor) an article needs to join a story
    merge_threshold: float = 0.40  # cosine two grown stories need to merge
    member_budget: int = 5000  # member vectors kept across all active stories for the re-check

