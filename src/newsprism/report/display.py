"""Untrusted text made safe to show on a terminal or in one line of a page, for every part that displays it."""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

__all__ = ["one_line", "plain"]


def plain(value: Any) -> str:
    """A value as one line of printable text: control characters (terminal escapes, bidi overrides) dropped."""
    if value is None:
        return ""
    return _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))


def one_line(value: Any) -> str:
    """Printable text with runs of whitespace (newlines too) folded to one space."""
    return " ".join(plain(value).split())
