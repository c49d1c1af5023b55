"""What every reader gets and gives: the run's context in, articles or input errors out."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from ..config import Settings
from ..errors import InputError
from ..model import Article
from .url import Fetcher

Item = Article | InputError


@dataclass(slots=True)
class Context:
    """Settings, the URL fetcher, and a way back into URL reading (feeds whose items are only links use it):
    ``read_urls`` fetches several URLs at once and gives each one's items, in order."""

    settings: Settings
    fetcher: Fetcher
    read_url: Callable[[str], Iterator[Item]]
    read_urls: Callable[[list[str]], Iterator[list[Item]]] | None = None


class Reader(Protocol):
    """Turns the bytes of one input into articles, or errors naming the part that failed."""

    def __call__(self, data: bytes, source: str, ctx: Context, url: str | None = None) -> Iterator[Item]: ...
