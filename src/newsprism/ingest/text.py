"""Plain-text articles (.txt): the first line is the title when it reads like a headline."""

from __future__ import annotations

from collections.abc import Iterator

from .article import article_from_text
from .base import Context, Item
from .decode import check_text_bytes, decode


def read_text(data: bytes, source: str, ctx: Context, url: str | None = None) -> Iterator[Item]:
    """One article from a text file."""
    check_text_bytes(data, source)
    yield article_from_text(decode(data, source), source=source, url=url, limits=ctx.settings.ingest)

