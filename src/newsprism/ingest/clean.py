"""Cleaning of extracted or plain article text: crawl debris goes, every removal is recorded, paragraphs stay.

The rules only ever drop whole lines that match a debris pattern, a dateline at the very start of the text, or a
hover card glued into a name; a sentence of the article itself is never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config import IngestSettings
from ..model import Removal
from .debris import classify_line, classify_tail_line, match_dateline
from .meta import outlet_name
from .hovercard import remove_hover_cards
from .titles import furniture_title

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\f\v]+")
_TERMINAL = ".!?:;\"”’)]…"


@dataclass(slots=True)
class Cleaned:
    """Result of cleaning: the text every offset will point into, what went, and hints found on the way."""

    text: str
    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    dateline_outlet: str | None = None
    byline: str | None = None
    byline_outlet: str | None = None  # the outlet a byline names ("By Jane Doe | CNN")


def normalize_whitespace(text: str) -> str:
    """Unix newlines, plain spaces for exotic ones, no zero-width characters, no spaces at line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_ZERO_WIDTH)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def _norm_key(s: str) -> str:
    """Comparison key that ignores case, punctuation and spacing."""
    return re.sub(r"\W+", "", s.casefold())


def title_variants(title: str | None) -> set[str]:
    """Keys of a title and of the title without a trailing " | Site" or " - Site" part."""
    if not title:
        return set()
    keys = {_norm_key(title)}
    for sep in (" | ", " - ", " — ", " – ", " :: "):
        if sep in title:
            keys.add(_norm_key(title.rsplit(sep, 1)[0]))
            keys.add(_norm_key(title.split(sep, 1)[0]))
    keys.discard("")
    return keys


def looks_like_headline(line: str, next_lines: list[str]) -> bool:
    """A first line that is a headline: short, unpunctuated at the end, and followed by more text."""
    words = line.split()
    if not 2 <= len(words) <= 25 or len(line) > 200:
        return False
    if line[-1] in ".,;:" or line.endswith(("—", "–", "-")):
        return False
    if line[0] in "\"“‘'(" and line[-1] in "\"”’')":  # a quotation standing alone is text, not a title
        return False
    if match_dateline(line) is not None or furniture_title(line):
        return False
    if not any(len(n.split()) >= 8 for n in next_lines):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, rest) when the text's first line is a headline, else (None, text)."""
    norm = normalize_whitespace(text).strip("\n")
    if not norm:
        return None, norm
    lines = norm.split("\n")
    first = lines[0]
    rest = [ln for ln in lines[1:] if ln]
    if len(lines) > 1 and lines[1] and _hard_wrapped([first, lines[1]]):
        return None, norm  # the first line runs on into the next: a paragraph, not a title
    if looks_like_headline(first, rest[:4]):
        return first, "\n".join(lines[1:]).strip("\n")
    return None, norm


def _hard_wrapped(pair: list[str]) -> bool:
    """Whether the first line of a pair continues on the second (a line broken mid-sentence)."""
    a, b = pair
    if not a or not b or a[-1] in _TERMINAL:
        return False
    return b[0].islower() or (a[-1] in ",-" and not b[0] in "•*-")


def _is_wrapped_block(lines: list[str]) -> bool:
    """A block of three or more similar-width lines: text wrapped at a fixed column."""
    if len(lines) < 3 or any(ln[:1] in "•*-–—" or ln[:2].rstrip(".)").isdigit() for ln in lines):
        return False
    widths = [len(ln) for ln in lines[:-1]]
    top = max(widths)
    if top > 100 or top < 40:
        return False
    if sum(1 for ln in lines[:-1] if ln[-1] in _TERMINAL) > len(widths) / 2:
        return False  # most lines end a sentence: one short paragraph a line, not wrapped text
    return sum(1 for w in widths if w >= 0.6 * top) >= 0.8 * len(widths)


def clean(text: str, title: str | None = None, *, lines_are_paragraphs: bool = False,
          bounds: IngestSettings | None = None) -> Cleaned:
    """Cleaned article text with paragraphs separated by blank lines, and the record of what was removed.

    Plain text may be wrapped at a fixed width, so lines that run on are joined; extracted HTML text has one
    paragraph a line (``lines_are_paragraphs``), which is kept as it is. ``bounds``: how far from the top a
    dateline and from the end a plug is looked for, and how long a hover card runs.
    """
    b = bounds or IngestSettings()
    removed: list[Removal] = []
    result = Cleaned(text="", removed=removed, title=title)
    titles = title_variants(title)
    norm = normalize_whitespace(text)
    blocks = [b.split("\n") for b in re.split(r"\n\s*\n", norm) if b.strip()]

    # 1. whole-line debris: duplicated title, credits, share/subscribe/ad lines, update and contributor notes
    kept_blocks: list[list[str]] = []
    position = 0
    for block in blocks:
        kept: list[str] = []
        for line in block:
            if not line:
                continue
            kind = classify_line(line, position, titles)
            position += 1
            if kind is None and position <= b.head_lines and not kept_blocks and not kept:
                dl = match_dateline(line)
                if dl is not None and dl.end == len(line):
                    kind = "dateline"
                    result.dateline_outlet = dl.outlet
            if kind is None:
                kept.append(line)
                continue
            if kind == "byline" and result.byline is None:
                result.byline = _byline_name(line)
                result.byline_outlet = byline_outlet(line)
            removed.append(Removal(kind, line))
        if kept:
            kept_blocks.append(kept)

    # 2. plugs that only count as debris at the very end ("Follow us on Twitter @...")
    tail = 0
    while kept_blocks and tail < b.tail_lines:
        last = kept_blocks[-1][-1]
        kind = classify_tail_line(last)
        if kind is None:
            break
        removed.append(Removal(kind, last))
        kept_blocks[-1].pop()
        if not kept_blocks[-1]:
            kept_blocks.pop()
        tail += 1

    # 3. a dateline opening the first paragraph ("WASHINGTON (Reuters) - The ...")
    if kept_blocks:
        first = kept_blocks[0][0]
        dl = match_dateline(first)
        if dl is not None and dl.end < len(first):
            removed.append(Removal("dateline", first[: dl.end].strip()))
            kept_blocks[0][0] = first[dl.end:]
            result.dateline_outlet = result.dateline_outlet or dl.outlet

    # 4. hover cards glued into names, then paragraphs
    paragraphs: list[str] = []
    for block in kept_blocks:
        lines = []
        for line in block:
            line, cards = remove_hover_cards(line, b)
            removed.extend(Removal("hover_card", c) for c in cards)
            lines.append(line)
        paragraphs.extend(lines if lines_are_paragraphs else _paragraphs(lines))
    result.text = "\n\n".join(p for p in paragraphs if p)
    return result


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs of one block: wrapped lines joined, other lines kept as their own paragraphs."""
    if _is_wrapped_block(lines):
        return [" ".join(lines)]
    out: list[str] = []
    for line in lines:
        if out and _hard_wrapped([out[-1], line]):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


_BYLINE_NAME = re.compile(r"^by\s+(.+?)(?:\s*[,|•·]\s*.*)?$", re.I)


def byline_outlet(line: str) -> str | None:
    """The outlet after the name in a byline ("By Jane Doe | CNN", "By Jane Doe, The Associated Press"), when it
    is a known outlet or reads like one; a job title or a city after the name is neither."""
    m = re.match(r"^by\s+.+?\s*[,|•·]\s*(.+?)\s*$", line, re.I)
    if not m:
        return None
    tail = m.group(1).strip(" .")
    named = outlet_name(tail)
    if named is not None:
        return named
    return tail if _OUTLET_WORDS.search(tail) and len(tail.split()) <= 5 else None


_OUTLET_WORDS = re.compile(r"\b(?:News|Times|Post|Press|Journal|Herald|Tribune|Gazette|Chronicle|Telegraph|"
                           r"Guardian|Observer|Radio|Television|TV|Network|Wire|Daily|Magazine|Media)\b")


def _byline_name(line: str) -> str | None:
    """The author named in a byline line."""
    m = _BYLINE_NAME.match(line)
    return m.group(1).strip() if m else None
