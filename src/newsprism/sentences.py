"""Sentence ends in text no parser has read, one rule each, for every stage that needs them.

Text spaCy has parsed is split by its own sentences (``nlp.sentences``). Text without a parse has two needs:
``split_sentences`` gives readable sentences (a lead's first sentence, the sentences of a generated summary): an end
mark, any closing quotes or brackets, then a new sentence's first capital or digit. ``split_at_stops`` cuts at every
end mark followed by a space, abbreviations included, so that no pattern looked for in the pieces (a name, a
negation next to an accusation) runs across a full stop.
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
STOP = re.compile(r"(?<=[.!?])\s+")


def split_sentences(text: str, maxsplit: int = 0) -> list[str]:
    """The text's sentences (at most ``maxsplit`` splits when given), closing marks of each left out."""
    return SENTENCE_END.split(text, maxsplit)


def split_at_stops(text: str) -> list[str]:
    """The text cut after every end mark followed by a space."""
    return STOP.split(text)
