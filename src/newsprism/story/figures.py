"""What a figure in a statement counts: its noun and scope, the role of what it counts, whether it is a toll or a
running total, whether it belongs to what may happen, and figures that count nothing (scores, codes, one member of a
group, conversions)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .words import NORMAL, REPORTING

if TYPE_CHECKING:
    from spacy.tokens import Token

# a figure joined to another by a dash (a score, a record or a range: "88-72", "58-3") or set after a short
# capitalised code (a model's name: "AK-47", "F 16")
_JOINED_BEFORE = re.compile(r"(?:\d\s?[-–]|(?<![A-Za-z])[A-Z]{1,4}\s?[-–]?)\s?$")
_JOINED_AFTER = re.compile(r"^\s?[-–]\s?\d")


def counts_nothing(tok: "Token", clocks: Sequence[tuple[int, int]]) -> bool:
    """A figure that counts nothing: part of a clock time, a score, record or range, or a model's name."""
    if any(s <= tok.idx < e for s, e in clocks) or re.search(r"\d[-–]\d|^[A-Z]+[-–]?\d", tok.text):
        return True
    text = tok.doc.text
    end = tok.idx + len(tok.text)
    return bool(_JOINED_BEFORE.search(text[max(tok.idx - 6, 0):tok.idx]) or _JOINED_AFTER.match(text[end:end + 4]))


def member_or_conversion(tok: "Token") -> bool:
    """One member of a group ("one of the bombers"), a conversion of the figure before it ("1,100km (680 miles)")
    or a magnitude named without a figure ("the million mark"): a figure that is no count of its own."""
    text = tok.doc.text
    end = tok.idx + len(tok.text)
    if tok.lower_ in ("hundred", "thousand", "million", "billion", "trillion") \
            and (tok.i == 0 or not tok.nbor(-1).like_num):
        return True
    member = tok.lower_ == "one" and text[end:end + 4] == " of "
    return member or bool(_CONVERTED.search(text[max(tok.idx - 24, 0):tok.idx]))


# a figure in brackets right after a figure and its unit gives the same quantity in other units
_CONVERTED = re.compile(r"\d(?:\s?[^\W\d]+\.?){0,2}\s?\(\s?[$€£]?$")
# what counts of casualties count: tolls rise as bodies are found and the injured die
_CASUALTY = {"kill", "die", "injure", "missing", "casualty", "fatality", "toll"}


def rising_count(counted: "Token") -> bool:
    """Whether a count is a toll of casualties ("killed 129 people", "350 people are dead") or a running total
    ("793 raids since last week"): figures that change from one day's report to the next."""
    words = {counted.lemma_} | {c.lemma_ for c in counted.children if c.dep_ in ("amod", "acl", "relcl")}
    verb = governing_verb(counted, 3)
    if verb is not None:
        words |= {verb.lemma_} | {c.lemma_ for c in verb.children if c.dep_ in ("acomp", "xcomp", "oprd")}
        if any(c.dep_ == "prep" and c.lower_ == "since" for c in verb.children) \
                or re.search(r"\b(?:so far|to date|thus far)\b", verb.sent.text, re.I):
            return True
    return bool({NORMAL.get(w.lower(), w.lower()) for w in words} & _CASUALTY)


# words that make a count one of a part or of a whole other than the plain noun's: "two other victims", "a combined
# 157 games", "51 wins by knockout"
_SCOPE_WORDS = {"other", "another", "additional", "more", "further", "remaining", "separate", "new", "combined", "total",
                "overall", "straight", "consecutive", "previous", "earlier", "later", "first", "last"}


def counted_noun(key: str) -> str:
    """The plain noun a quantity's key counts: "combined game of season" -> "game", "game in streak" -> "game"."""
    return key.split(" of ")[0].split(" and ")[0].split(" by ")[0].split(" in ")[0].split()[-1]


def scoped(key: str, tok: "Token") -> str:
    """The counted thing's key with what narrows or widens it: a scope word before the noun, a noun coordinated
    with it ("420 passengers and crew"), a "by" phrase after it or the noun it describes ("a three-game streak"),
    so that such counts are not compared with a count of the plain noun."""
    noun = tok.head if tok.dep_ == "nummod" and tok.head.pos_ == "NOUN" else None
    if noun is None:
        return key
    words = [c.lower_ for c in noun.children if c.dep_ in ("amod", "advmod", "det") and c.lower_ in _SCOPE_WORDS]
    words += [c.lower_ for c in tok.children if c.lower_ in _SCOPE_WORDS]  # "twelve more people"
    with_ = [c.lemma_.lower() for c in noun.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    by = [g.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
          for g in c.children if g.dep_ == "pobj"]
    # a count that describes another noun ("a three-game losing streak", "a 12-member jury") measures that noun
    within = [noun.head.lemma_.lower()] if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" \
        and noun.i < noun.head.i else []
    return " ".join([*sorted(words), key] + [f"and {w}" for w in with_] + [f"by {w}" for w in by]
                    + [f"in {w}" for w in within])


# auxiliaries of the future, and verbs whose complement is still to happen ("plans to meet", "is due to open"): the
# timeline reads a date they govern forward
FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo"}
FUTURE_HEADS = {"go", "plan", "schedule", "expect", "set", "due", "intend", "hope", "aim", "prepare"}
# modal verbs that make a clause a possibility, a plan or a condition ("can" and "must" state abilities and rules)
_MODALS = FUTURE_AUX | {"would", "could", "might", "may", "should"}
# verbs whose complement is expected or intended, not done: "expected to cut", "supposed to get", "aims to hire"
_EXPECTING = FUTURE_HEADS | {"suppose", "project", "predict", "forecast", "want", "seek", "propose", "threaten", "vow",
                             "promise", "pledge", "try", "attempt", "poise", "likely"}


def governing_verb(tok: "Token", steps: int = 4) -> "Token | None":
    """The verb a word hangs from, climbing at most ``steps`` heads ("killed 50 people" -> "killed"), or None."""
    for _ in range(steps):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


# what an estimate of a result is called: "official projections showed 128 seats"
_ESTIMATES = {"projection", "forecast", "prediction", "estimate"}


def hypothetical(tok: "Token") -> bool:
    """Whether a figure belongs to what may, would or is to happen: its verb takes a modal ("could kill 50"), is
    the complement of an expecting verb ("was supposed to get 222") or is one ("forecasters predict 15 storms"), or
    an estimate tells it ("projections showed 128 seats", against the result's "won 129 seats")."""
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _ESTIMATES
           for v in tok.ancestors if v.pos_ in ("VERB", "AUX") for c in v.children):
        return True
    verb = governing_verb(tok)
    if verb is None:
        return False
    if verb.lemma_.lower() in {"predict", "forecast", "project", "expect"}:
        return True
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _EXPECTING


def count_role(counted: "Token") -> str:
    """What the counted things did or had done to them, as "verb:agent" or "verb:patient" ("eight people were
    arrested" and "police arrested nine activists" are both "arrest:patient"), or "" when the count is no such
    argument of a verb."""
    head = counted.head
    acl = next((c for c in counted.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
    if acl is not None:  # "the 80 people admitted", "the three clubs promoted"
        return f"{NORMAL.get(acl.lemma_.lower(), acl.lemma_.lower())}:{'patient' if acl.tag_ == 'VBN' else 'agent'}"
    if head.pos_ != "VERB" or counted.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return ""
    lemma = head.lemma_.lower()
    if lemma in ("be", "have") or lemma in REPORTING:
        return ""
    return f"{NORMAL.get(lemma, lemma)}:{'agent' if counted.dep_ == 'nsubj' else 'patient'}"


def partitive(tok: "Token", out: bool = False) -> str:
    """The noun a figure counts out of a group: "nine of the activists" counts activists, and with ``out`` "three
    out of the four carriers" counts carriers."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    outer = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "out"), None) if out else None
    if of is None and outer is not None:
        of = next((c for c in outer.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    what = next((g for g in of.children if g.dep_ == "pobj" and g.tag_ == "NNS"), None) if of is not None else None
    return what.lemma_.lower() if what is not None else ""
