"""Headlines: telling a real one from page furniture set on the first line, and making one from the lead.

A crawled text's first line is often not its headline but a photo caption ("Image caption ...", "(Photo: Getty
Images)"), a player or share widget ("Media playback is unsupported", "LISTEN TO ARTICLE 4:34 SHARE THIS"), a
dateline, a timestamp or a byline. Such a line is never a title. A story without any real headline is titled by its
lead: the first real sentence, cut at a word boundary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..sentences import split_sentences
from .debris import classify_line, match_dateline

TITLE_CHARS = 90  # a lead-based title is cut at the last word boundary before this many characters

_FURNITURE = re.compile(
    r"\b(?:image caption|media caption|image copyright|media playback|photo(?:graph)?s? (?:by|credit|courtesy)|"
    r"getty images|staff photographer|toggle caption|enlarge this image|buy photo|listen to (?:this )?article|"
    r"share this (?:article|story)|tweet with a location|add location information|click to (?:email|share|print)|"
    r"opens in new window|subscribe|sign up|newsletter|thank you for subscribing|advertisement|"
    r"continue reading|story highlights|article excerpt|latest headlines|enter the characters|"
    r"javascript|your browser|cookies?|(?:\d+|no) comments?|\d+ shares?|read more|watch (?:the )?video|"
    r"min(?:ute)? read)\b",
    re.I,
)
_CREDIT_TAIL = re.compile(r"[(\[][^()\[\]]{0,60}(?:/|photo|getty|reuters|\bap\b|afp|youtube|wikimedia)[^()\[\]]{0,60}"
                          r"[)\]]\s*$|\b(?:for|/) (?:the )?[A-Z][\w.]+(?: [A-Z][\w.]+){0,4}\s*$", re.I)
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2},?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\b", re.I)
# a dateline standing alone: "CHRISTCHURCH, New Zealand", "NEW YORK (CNNMoney)"; a video player's "CLOSE" caption
_PLACE_ALONE = re.compile(r"^[A-Z]{3,}[A-Z .'’-]*(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}|\s*\([\w .&/-]{1,30}\))"
                          r"\s*[|:—–-]?$|"
                          r"^CLOSE\s|\bphoto\s*[,:/|]|\bimage:\d")
_SOURCE_LABEL = re.compile(r"^(?:source|credit|photo|image|video|via|by)\s*:", re.I)


def furniture_title(title: str) -> bool:
    """Whether a would-be title is page furniture (caption, credit, widget, dateline, timestamp, byline)."""
    t = " ".join(title.split())
    words = t.split()
    if len(words) < 2 or (len(words) == 2 and all(w[:1].isupper() for w in words)):
        return True  # a label or a name alone ("Matt Mueller"); "Library reopens" is a headline
    if _FURNITURE.search(t) or _SOURCE_LABEL.match(t) or _DATE_ONLY.match(t) or _PLACE_ALONE.search(t):
        return True
    if _CREDIT_TAIL.search(t) and (t.rstrip().endswith((")", "]")) or len(words) > 12):
        return True  # a caption that ends with its photographer's credit
    dl = match_dateline(t)
    if dl is not None and dl.end >= len(t) - 1:
        return True
    if t.isupper() and len(words) <= 4:
        return True  # "LATEST HEADLINES", a place in capitals
    return classify_line(t, 0, set()) is not None


def lead_title(text: str, limit: int = TITLE_CHARS) -> str | None:
    """A title from the lead: the first sentence of the first paragraph that is prose, cut at a word boundary."""
    for para in text.split("\n"):
        para = para.strip()
        if len(para.split()) < 8 or furniture_title(para[:200]) or para[-1] not in ".!?\"”’)":
            continue
        dl = match_dateline(para)
        return cut_title(split_sentences(para[dl.end:] if dl else para, 1)[0].strip(), limit)
    return None


def cut_title(sentence: str, limit: int = TITLE_CHARS) -> str:
    """A sentence as a title: without its full stop, cut at the last word boundary before ``limit`` characters."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence.rstrip(".")
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def _stems(text: str) -> list[str]:
    """Words cut to five letters, so "reopens" meets "reopened" and "flood" meets "flooded"."""
    return [w[:5] for w in re.findall(r"[a-z0-9]+", text.lower())]


def best_title(titles: Sequence[str | None], texts: Sequence[str]) -> str | None:
    """The title that best names what the texts share (most of its words in the most texts), not furniture;
    else a title from the lead of the text that shares most with the others."""
    words = [Counter(_stems(t)) for t in texts]
    in_texts: Counter[str] = Counter()
    for w in words:
        in_texts.update(set(w))

    def support(words_of: list[str]) -> float:
        content = [w for w in words_of if len(w) > 3]
        return sum(in_texts[w] for w in content) / (len(content) or 1)

    # best first, then the first that is not furniture: a story of thousands of articles checks a few titles
    ranked = sorted(((-support(_stems(t)), i, t) for i, t in enumerate(titles) if t), key=lambda r: r[:2])
    for _, _, headline in ranked:
        if not furniture_title(headline):
            return headline
    order = sorted(range(len(texts)), key=lambda i: -support(list(words[i])[:200]))
    for i in order:
        title = lead_title(texts[i])
        if title:
            return title
    return None
