"""Exceptions raised by newsprism.

    NewsprismError                 base: every error a user can see; ``str(e)`` says what to do
    ├── InputError                 one input could not be read; carries ``source``
    │   ├── EmptyInput             nothing (or only whitespace) in it
    │   ├── BinaryInput            not text, HTML, JSON, WARC or a feed
    │   ├── TooLarge               over the size cap
    │   ├── NoArticle              readable, but no article text found
    │   ├── UnsupportedLanguage    article is not English
    │   └── FetchError             a URL could not be fetched
    ├── MissingDependency          an optional extra is not installed; names the pip command
    ├── StoreError                 the SQLite store is corrupt, locked or from a newer version
    ├── LLMError                   the configured chat endpoint failed
    └── ReportError                a report file does not follow the contract
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism reports to a user."""


class InputError(NewsprismError):
    """One input could not be turned into an article."""

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}")


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class TooLarge(InputError):
    pass


class NoArticle(InputError):
    pass


class UnsupportedLanguage(InputError):
    pass


class FetchError(InputError):
    pass


class MissingDependency(NewsprismError):
    """An optional dependency is missing."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed; run: pip install 'newsprism[{extra}]'")


class StoreError(NewsprismError):
    pass


class LLMError(NewsprismError):
    pass


class ReportError(NewsprismError):
    pass
