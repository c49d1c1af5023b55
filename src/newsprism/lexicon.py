"""Who counts as an unnamed source: one word list for every stage that asks (speakers, reported speech, outlets).

A description stands for an unnamed source when its head is one of ``ANON_HEADS`` ("a senior administration
official", "people familiar with the talks") and no name follows it ("spokeswoman Sarah Sanders" is named).
"""

from __future__ import annotations

import re

# Heads of descriptions that stand for an unnamed source ("a senior administration official").
ANON_HEADS = frozenset("""
official officials source sources aide aides adviser advisers advisor advisors person people diplomat diplomats
insider insiders staffer staffers spokesperson spokesman spokeswoman executive executives officer officers expert
experts analyst analysts lawmaker lawmakers strategist strategists member members employee employees witness
witnesses resident residents observer observers operative operatives
""".split())
# Determiners that introduce someone not named before ("a", "two", "several"): a new unnamed source.
INDEFINITE = frozenset({"a", "an", "one", "two", "three", "several", "some", "many", "other", "another", "multiple"})

_DETERMINER = r"(?:" + "|".join(sorted(INDEFINITE | {"the"}, key=len, reverse=True)) + r")"
# a description whose head is an unnamed source's, with no name after it
_UNNAMED = re.compile(r"^" + _DETERMINER + r"?\s*(?:\w+\s+){0,4}?(?:" + "|".join(sorted(ANON_HEADS, key=len, reverse=True))
                      + r")\b(?!\s+(?-i:[A-Z]))", re.IGNORECASE)
_NAMELESS = re.compile(r"^" + _DETERMINER + r"\b", re.IGNORECASE)


def unnamed_source(description: str) -> bool:
    """Whether a speaker's description names no one: an unnamed source's head, after a determiner or in lower case
    ("a senior administration official", "two people familiar with the talks", "officials said")."""
    d = description.strip()
    return bool(_UNNAMED.match(d)) and bool(_NAMELESS.match(d) or d.islower())
