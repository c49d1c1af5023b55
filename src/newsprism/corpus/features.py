"""Cheap article features for story clustering: weighted words, named-entity phrases, numbers and a day."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..config import ClusterSettings
from ..ingest.dates import date_in_text
from ..ingest.titles import lead_title
from ..model import Article
from ..sentences import split_at_stops

_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "according", "would", "could", "also",
                                         "new", "year", "years", "just", "like", "including", "time"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?:[A-Z][a-zA-Z'\-]+|[A-Z]\.)(?:\s+(?:of\s+|de\s+|the\s+)?(?:[A-Z][a-zA-Z'\-]+|[A-Z]\.))*")
_CAP_STOP = frozenset({"The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "I", "But", "And", "This",
                       "That", "These", "Those", "His", "Her", "Their", "Its", "As", "After", "Before", "When",
                       "While", "If", "For", "With", "By", "From", "Mr", "Mrs", "Ms", "Dr", "Monday", "Tuesday",
                       "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "There", "Some", "One", "Two"})
DEFAULTS = ClusterSettings()  # the term weights (``title_weight``, ``lead_words`` ...) unless a run sets its own


@dataclass(slots=True)
class Features:
    """What the clusterer knows of one article: sparse term weights and its day (None when undated)."""

    terms: dict[str, float]
    day: int | None = None
    title: str | None = None
    # the terms' document-frequency buckets, in order, when a helper process already computed them (see
    # ``cluster.DocFreq.buckets``); None: the clusterer computes them
    buckets: np.ndarray | None = None


def day_of(iso: str | None) -> int | None:
    """Ordinal day of an ISO date (YYYY-MM-DD...), None when missing or malformed."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


def text_date(text: str, p: ClusterSettings = DEFAULTS) -> int | None:
    """Ordinal day of a dateline near the top of the text ("Updated: July 7, 2012", in the first
    ``p.dateline_chars`` characters), when there is one."""
    return day_of(date_in_text(text[:p.dateline_chars]))


def _stem(word: str) -> str:
    """A light plural/possessive fold, so 'quakes' and "quake's" meet."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


_KEYS: dict[str, tuple[str, bool] | None] = {}


def _key(tok: str) -> tuple[str, bool] | None:
    """The feature key of one token and whether it is a number (None: stop word), memoised."""
    hit = _KEYS.get(tok, False)
    if hit is not False:
        return hit  # type: ignore[return-value]
    if len(_KEYS) > 100_000:
        _KEYS.clear()
    out: tuple[str, bool] | None
    if tok[0].isdigit():
        out = ("#" + tok.replace(",", ""), True)
    else:
        low = tok.lower()
        out = None if len(low) < 3 or low in _STOP else (_stem(low), False)
    _KEYS[tok] = out
    return out


def _add_words(out: dict[str, float], text: str, weight: float, number_weight: float) -> None:
    get = out.get
    for tok in _WORD.findall(text):
        k = _key(tok)
        if k is not None:
            out[k[0]] = get(k[0], 0.0) + weight * (number_weight if k[1] else 1.0)


def _add_names(out: dict[str, float], text: str, weight: float, entity_weight: float) -> None:
    """Capitalised phrases as whole names ('E:tara reid') and their last word ('E:reid')."""
    for sent in split_at_stops(text):
        for m in _NAME.finditer(sent):
            words = m.group(0).split()
            while words and words[0] in _CAP_STOP:
                words = words[1:]
            if not words:
                continue
            if m.start() == 0 and len(words) == 1 and words[0].lower() in _STOP:
                continue
            phrase = " ".join(words).lower().replace("'s", "")
            if len(phrase) < 3:
                continue
            out["E:" + phrase] = out.get("E:" + phrase, 0.0) + weight * entity_weight
            if len(words) > 1:
                last = "E:" + words[-1].lower().replace("'s", "")
                out[last] = out.get(last, 0.0) + weight * entity_weight * 0.5


def extract(article: Article, p: ClusterSettings = DEFAULTS) -> Features:
    """Features of one article: title and lead count more than the body (``p``: the weights); weights are
    log-scaled."""
    raw: dict[str, float] = {}
    text = article.text
    words = text.split()
    lead = " ".join(words[:p.lead_words])
    body = " ".join(words[p.lead_words:])
    if article.title:
        _add_words(raw, article.title, p.title_weight, p.number_weight)
        _add_names(raw, article.title, p.title_weight, p.entity_weight)
    _add_words(raw, lead, p.lead_weight, p.number_weight)
    _add_names(raw, lead, p.lead_weight, p.entity_weight)
    _add_words(raw, body, 1.0, p.number_weight)
    _add_names(raw, body, 1.0, p.entity_weight)
    for y in set(_YEAR.findall(text[:p.dateline_chars * 2])):
        raw["Y:" + y] = raw.get("Y:" + y, 0.0) + p.year_weight
    terms = {k: 1.0 + math.log(v) if v > 1.0 else v for k, v in raw.items()}
    title = article.title or lead_title(text) or _first_line(text)  # a lead-based title skips furniture lines
    return Features(terms=terms, day=article_day(article.published, text, p), title=title)


def article_day(published: str | None, text: str, p: ClusterSettings = DEFAULTS) -> int | None:
    """Ordinal day an article counts for (in clustering and in its story's dates): its publication date, else a
    dateline near the top of its text; None when it has neither."""
    day = day_of(published)
    return day if day is not None else text_date(text, p)


def _first_line(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].strip()
    return line[:120] if line else None
