"""How sure each attribution is: a quote's confidence is how often a quote of its kind, whose speaker was found the
same way, has the speaker labelled on real multi-outlet clusters (``newsprism eval confidence`` fits and checks the
table). Quote groups, claims and attribution rows are as sure as the quotes they rest on."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..model import Attribution, Claim, Quote, QuoteGroup

TABLE_PATH = Path(__file__).with_name("quote_confidence.json")
# How a speaker was found: the quote's own cue names a person or body ("named"), gives a role that the story ties to a
# named person ("role"), an unresolved description ("description"), an unnamed source ("anonymous"), a pronoun
# ("pronoun"), or nothing near the quote, so the speaker is carried over from the quote before ("carried").
ROUTES = ("named", "role", "description", "anonymous", "pronoun", "carried", "none")
KINDS = ("direct", "other")  # direct quotations, and partial or indirect ones, whose ends and cue are less sure
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "him", "her", "them", "who", "you", "which"})


def route(quote: Quote) -> str:
    """How the quote's speaker was found (one of ``ROUTES``)."""
    if not quote.speaker:
        return "none"
    if quote.speaker_span is None:
        return "carried"
    said = quote.speaker_span.text.strip().lower()
    if said in _PRONOUNS:
        return "pronoun"
    if quote.anonymous:
        return "anonymous"
    if quote.entity is None:
        return "description"
    named = set(re.findall(r"\w+", quote.speaker.lower())) & set(re.findall(r"\w+", said))
    return "named" if named else "role"


def kind_of(quote: Quote) -> str:
    """The table's row for a quote's kind."""
    return "direct" if quote.kind == "direct" else "other"


@cache
def load_table(path: str = str(TABLE_PATH)) -> dict[str, Any]:
    """The fitted table: kind -> route -> share of such speakers that the labels confirm."""
    table: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    for kind in KINDS:
        missing = [r for r in ROUTES if r not in table.get("rates", {}).get(kind, {})]
        if missing:
            raise ValueError(f"{path}: no rate for {kind} quotes found by {', '.join(missing)}; "
                             f"refit it with 'newsprism eval confidence --fit {path}'")
    return table


def quote_confidence(quote: Quote, table: dict[str, Any] | None = None) -> float:
    """How often an attribution like this one names the right speaker."""
    rates = (table or load_table())["rates"]
    return float(rates[kind_of(quote)][route(quote)])


def rate_quotes(quotes: Sequence[Quote], groups: Sequence[QuoteGroup] = (), claims: Sequence[Claim] = (),
                attribution: Sequence[Attribution] = (), table: dict[str, Any] | None = None) -> None:
    """Sets the confidence of every quote, of every quote group (its least sure quote: one wrong speaker and the
    group compares different people), of every claim (its surest quote: the claimant is that quote's speaker) and
    of every attribution row (the mean of its quotes': how many of the words it counts are expected to be that
    speaker's)."""
    table = table or load_table()
    by_id: dict[str, float] = {}
    for q in quotes:
        q.confidence = round(quote_confidence(q, table), 3)
        by_id[q.id] = q.confidence
    for g in groups:
        members = [by_id[i] for i in g.quotes if i in by_id]
        g.confidence = min(members) if members else None
    for c in claims:
        members = [by_id[i] for i in c.quotes if i in by_id]
        c.confidence = max(members) if members else None
    for row in attribution:
        members = [by_id[i] for i in row.quotes if i in by_id]
        row.confidence = round(sum(members) / len(members), 3) if members else None
