"""Corpus mode: the SQLite store, near-duplicate detection and incremental story clustering."""

from __future__ import annotations

__all__ = ["Store", "find_copies"]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """Imports the store lazily so ``newsprism.corpus.dedup`` stays light for the analysis path."""
    if name == "Store":
        from .store import Store

        return Store
    if name == "find_copies":
        from .dedup import find_copies

        return find_copies
    raise AttributeError(name)
