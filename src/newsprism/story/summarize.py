"""The story's cited summary: the configured summarizer, with the extractive one as the safe fallback."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import LLMError
from ..model import Article, Fact, Quote, SummarySentence
from .summarizers import get

if TYPE_CHECKING:
    from spacy.tokens import Doc


def summarize(articles: Sequence[Article], docs: Mapping[str, "Doc"], facts: Sequence[Fact],
              quotes: Sequence[Quote], settings: Settings) -> tuple[list[SummarySentence], list[str]]:
    """Cited summary sentences within ``settings.summary_words`` and notes (dropped sentences, failures)."""
    mode = settings.summary_mode or "extractive"
    if mode != "extractive":
        try:
            return get(mode)(articles, docs, facts, quotes, settings)
        except LLMError as exc:
            message = f"summary: {exc}; the extractive summary is shown instead"
            logging.getLogger("newsprism.story").warning("newsprism: warning: %s", message)
            summary, notes = get("extractive")(articles, docs, facts, quotes, settings)
            return summary, [message, *notes]
    return get("extractive")(articles, docs, facts, quotes, settings)
