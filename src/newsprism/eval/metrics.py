"""Span and text overlap metrics shared by the evaluations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

QUOTE_CHARS = frozenset("\"'“”‘’«»„")
_WORD = re.compile(r"\w+", re.UNICODE)


def char_set(text: str, ranges: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Offsets covered by the ranges, leaving out whitespace and quotation marks (conventions differ on those)."""
    out: set[int] = set()
    for start, end in ranges:
        for i in range(max(0, start), min(len(text), end)):
            ch = text[i]
            if not ch.isspace() and ch not in QUOTE_CHARS:
                out.add(i)
    return frozenset(out)


def span_overlap(gold: frozenset[int], pred: frozenset[int]) -> float:
    """Shared characters over the longer of the two spans: 1.0 only when they cover the same text."""
    if not gold or not pred:
        return 0.0
    return len(gold & pred) / max(len(gold), len(pred))


def norm_words(text: str) -> list[str]:
    """Lower-case words, with curly and straight apostrophes treated alike."""
    return _WORD.findall(text.replace("’", "'").replace("'", "").lower())


def text_overlap(gold: str, pred: str) -> float:
    """Words of two texts matched in order, over the longer text's word count."""
    g, p = norm_words(gold), norm_words(pred)
    if not g or not p:
        return 0.0
    matched = sum(b.size for b in SequenceMatcher(None, g, p, autojunk=False).get_matching_blocks())
    return matched / max(len(g), len(p))


def greedy_match(scores: Sequence[tuple[float, int, int]], threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one (gold, prediction, score) pairs, best scores first, each at or above ``threshold``."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for score, gi, pi in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
        if score < threshold or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, score))
    return out


@dataclass(slots=True)
class PRF:
    """Counts and scores of one matching."""

    tp: int
    gold: int
    pred: int

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "gold": self.gold, "pred": self.pred, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def same_speaker(gold: str | None, pred: str | None) -> bool:
    """Names agree by full name or surname ("Donald Trump" ~ "Trump"); descriptions by their head word."""
    if not gold or not pred:
        return False
    g, p = norm_words(gold), norm_words(pred)
    if not g or not p:
        return False
    return g == p or g[-1] == p[-1] or set(g) <= set(p) or set(p) <= set(g)
