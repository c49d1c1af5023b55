"""A dependency-free word and sentence tokenizer, so evaluation never needs NLTK data."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:['’.,-]\w+)*", re.UNICODE)
# a sentence ends at . ! ? (optionally followed by closing quotes or brackets) before whitespace and a capital,
# digit or opening quote; common abbreviations do not end one
_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Cmdr|St|Jr|Sr|Inc|Corp|Co|Ltd|vs|etc|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.N|U\.K|a\.m|p\.m|[A-Z])\.$"
)


def words(text: str) -> list[str]:
    """Word tokens: letters and digits, inner apostrophes, hyphens and dots kept."""
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Sentences of plain text, split at terminal punctuation followed by a capitalised start."""
    out: list[str] = []
    for para in re.split(r"\n\s*", text):
        start = 0
        for m in _END.finditer(para):
            head = para[start:m.start()]
            if _ABBREV.search(head.rstrip("\"”’')]")):
                continue
            piece = para[start:m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
        tail = para[start:].strip()
        if tail:
            out.append(tail)
    return out


class SumyTokenizer:
    """The tokenizer interface sumy's parsers and summarizers expect (``to_sentences``, ``to_words``)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))
