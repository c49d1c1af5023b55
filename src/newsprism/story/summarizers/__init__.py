"""Swappable summarizers: a small protocol and a registry keyed by ``Settings.summary_mode``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from ...config import Settings
from ...model import Article, Fact, Quote, SummarySentence

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Summarizer(Protocol):
    """Takes a story's articles and analyses, returns cited sentences and notes for the reader."""

    def __call__(self, articles: Sequence[Article], docs: Mapping[str, "Doc"], facts: Sequence[Fact],
                 quotes: Sequence[Quote], settings: Settings) -> tuple[list[SummarySentence], list[str]]: ...


REGISTRY: dict[str, Callable[[], Summarizer]] = {}


def register(name: str) -> Callable[[Callable[[], Summarizer]], Callable[[], Summarizer]]:
    """Adds a summarizer factory under ``name`` (the value of ``--summary-mode``)."""

    def deco(factory: Callable[[], Summarizer]) -> Callable[[], Summarizer]:
        REGISTRY[name] = factory
        return factory

    return deco


def names() -> list[str]:
    """The registered summary modes."""
    _load_builtin()
    return sorted(REGISTRY)


def get(name: str) -> Summarizer:
    """The summarizer registered as ``name``; a clear error names the known ones otherwise."""
    from ...errors import NewsprismError

    _load_builtin()
    if name not in REGISTRY:
        raise NewsprismError(f"unknown summary mode {name!r}; choose one of: {', '.join(sorted(REGISTRY))}")
    return REGISTRY[name]()


def _load_builtin() -> None:
    from .. import llm  # noqa: F401  (registers "llm")
    from . import extractive  # noqa: F401  (registers "extractive")
