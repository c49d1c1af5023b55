"""Exceptions raised by newsprism.

    NewsprismError                 base: every error a user can see; ``str(e)`` says what to do
    ├── InputError                 one input could not be read; carries ``source``
    │   ├── EmptyInput             nothing (or only whitespace) in it
    │   ├── BinaryInput            not text, HTML, JSON, WARC or a feed
    │   ├── TooLarge               over the size cap, or longer than an article can be
    │   ├── NoArticle              readable, but no article text found
    │   ├── UnsupportedLanguage    article is not English
    │   └── FetchError             a URL could not be fetched
    ├── MissingDependency          an optional extra is not installed; names the pip command
    ├── StoreError                 the SQLite store is corrupt, locked or from a newer version
    ├── LLMError                   the configured chat endpoint failed
    ├── ReportError                a report file does not follow the contract
    └── SettingsError              a setting (an option) holds a value it cannot take
"""

from __future__ import annotations

import re

# control characters, bidi overrides and lone surrogates (undecodable bytes of a file name) in names shown to users
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(name: str) -> str:
    """A name (a file name, a URL) safe to print on one line and to put in a page: newlines, terminal escapes, bidi
    overrides and undecodable bytes become visible escapes such as ``\\n``, ``\\x1b``, ``\\u202e``, ``\\xff``."""
    return _UNSAFE.sub(_escape, str(name))


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the file system's surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if ch == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class NewsprismError(Exception):
    """Base of every error newsprism reports to a user."""


class InputError(NewsprismError):
    """One input could not be turned into an article."""

    def __init__(self, source: str, message: str) -> None:
        self.source = shown(source)
        self.message = message
        super().__init__(f"{self.source}: {message}")


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
        target = "newsprism" if extra == "default" else f"'newsprism[{extra}]'"  # "default": no extra needed
        super().__init__(f"{package} is not installed; run: pip install {target}")


class StoreError(NewsprismError):
    pass


class LLMError(NewsprismError):
    pass


class ReportError(NewsprismError):
    pass


class SettingsError(NewsprismError):
    """A setting or command-line option out of its range; the message names it and the rule."""
