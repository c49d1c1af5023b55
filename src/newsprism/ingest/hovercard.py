"""Removes scraped hover cards: a name with the person's full name and a run of headlines glued to it.

Some sites put a pop-up card behind a politician's name. Scraped as text it reads
``President TrumpDonald John TrumpHeadline one Headline two MORE's remarks``: the name as written ("Trump"),
immediately followed (no space) by the full name ending in that same name ("Donald John Trump"), then headlines
glued on, then the card's "MORE" link. Removing from the glued full name through "MORE" restores
``President Trump's remarks``.
"""

from __future__ import annotations

import re

from ..config import IngestSettings

_MORE = re.compile(r" MORE(?![A-Za-z])")
_NAME_CHARS = set("'’.-")
_FULL_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|\([A-Z][\w.'’ -]*\)|[a-z]{1,3})$")


def _word_before(text: str, p: int) -> str:
    """The name-like word that ends right at ``p``."""
    k = p
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in _NAME_CHARS):
        k -= 1
    return text[k:p].lstrip("'’.-")


def _card_start(text: str, lo: int, more: int, name_chars: int) -> int | None:
    """Where the hover card ending at ``more`` begins: the first glued full name (at most ``name_chars`` long) that
    ends in the glued name."""
    best: tuple[int, int] | None = None  # (-len(name), position)
    for p in range(lo, more):
        if not (text[p].isupper() and p > 0 and text[p - 1].islower()):
            continue
        name = _word_before(text, p)
        if len(name) < 2 or not name[0].isupper():
            continue
        window = text[p:min(more, p + name_chars)]
        for m in re.finditer(r"(?<= )" + re.escape(name) + r"(?=[A-Z]| MORE(?![A-Za-z]))", window):
            full = window[: m.end()]
            words = full.replace("(", " (").split()
            if 1 <= len(words) <= 7 and all(_FULL_NAME_WORD.match(w) for w in _join_parens(words)):
                key = (-len(name), p)
                if best is None or key < best:
                    best = key
                break
    return None if best is None else best[1]


def _join_parens(words: list[str]) -> list[str]:
    """Words with parenthesised nicknames ("(Dan)") kept whole."""
    out: list[str] = []
    for w in words:
        if out and out[-1].startswith("(") and not out[-1].endswith(")"):
            out[-1] += " " + w
        else:
            out.append(w)
    return out


def remove_hover_cards(line: str, bounds: IngestSettings | None = None) -> tuple[str, list[str]]:
    """The line without hover cards (``bounds``: how long a card and its glued full name run at most), and the
    removed cards' text."""
    b = bounds or IngestSettings()
    removed: list[str] = []
    pos = 0
    while True:
        m = _MORE.search(line, pos)
        if not m:
            break
        lo = max(0, m.start() - b.hover_card_chars, pos)
        start = _card_start(line, lo, m.start(), b.hover_name_chars)
        if start is None:
            pos = m.end()
            continue
        removed.append(line[start:m.end()])
        line = line[:start] + line[m.end():]
        pos = start
    return line, removed
