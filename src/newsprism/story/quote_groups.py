"""Quote groups: how different outlets quote the same speaker (identical, truncated, reworded, paraphrased)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from ..config import AlignSettings
from ..graph import pairs_linked
from ..model import Agreement, Article, DiffOp, Entity, Quote, QuoteGroup

_WORD = re.compile(r"[\w]+(?:['’][\w]+)*", re.UNICODE)
_STOP = frozenset("""
a an the and or but of to in on at for by with from as is are was were be been being it its this that these those
we our us i me my you your he him his she her they them their not no do does did will would can could has have had
any all some very so than then there here what which who whom whose when where why how if because about into over
""".split())
DEFAULTS = AlignSettings()  # ``reworded_share`` and ``paraphrase_share`` unless a run sets its own


def normalise(text: str) -> list[str]:
    """Words of a quote with quotation marks, punctuation and case set aside."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def _contains(long: list[str], short: list[str]) -> bool:
    n = len(short)
    return n > 0 and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def word_diff(text_a: str, text_b: str) -> list[DiffOp]:
    """Word-level edit script from wording ``a`` to wording ``b``, compared without case, shown as written."""
    a, b = _WORD.findall(text_a), _WORD.findall(text_b)
    la, lb = normalise(text_a), normalise(text_b)
    out: list[DiffOp] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
        out.append(DiffOp(op, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return out


def compare(a: str, b: str, share: float = DEFAULTS.reworded_share) -> Agreement | None:
    """How two direct wordings of one speaker agree, or None when they are different statements (reworded: at least
    ``share`` of the shorter found, in order, in the longer)."""
    wa, wb = normalise(a), normalise(b)
    if not wa or not wb:
        return None
    if wa == wb:
        return "identical"
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= 3 and _contains(long, short):
        return "truncated"
    matched = sum(bl.size for bl in SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks())
    if len(short) >= 4 and matched / len(short) >= share:
        return "reworded"
    return None


def _content(text: str) -> set[str]:
    return {w[:5] for w in normalise(text) if w not in _STOP and len(w) > 2}


PARAPHRASE_WORDS = 3  # content words a report must share with a quote to restate it: two ("solar wind") are a topic


def paraphrase_score(direct: str | set[str], indirect: str | set[str]) -> float:
    """Share of the shorter side's content words (by stem) that the other also has; nothing unless they share at
    least ``PARAPHRASE_WORDS`` ("a high speed solar wind" does not restate a quote about the solar wind). Either side
    may be given as its content words already."""
    a = direct if isinstance(direct, set) else _content(direct)
    b = indirect if isinstance(indirect, set) else _content(indirect)
    if len(a & b) < PARAPHRASE_WORDS:
        return 0.0
    return len(a & b) / min(len(a), len(b))


_RANK = {"identical": 0, "truncated": 1, "reworded": 2}


def group_quotes(quotes: Sequence[Quote], articles: Sequence[Article],
                 entities: Sequence[Entity], settings: AlignSettings = DEFAULTS) -> list[QuoteGroup]:
    """Groups of one speaker's words across articles, with their agreement and a word diff when reworded."""
    order = {a.id: i for i, a in enumerate(articles)}
    by_entity: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        if q.entity is not None and q.article in order:
            by_entity[q.entity].append(q)
    groups: list[QuoteGroup] = []
    for eid in sorted(by_entity, key=lambda e: min(order[q.article] for q in by_entity[e])):
        qs = by_entity[eid]
        quoted = [q for q in qs if q.kind != "indirect"]
        reported = [q for q in qs if q.kind == "indirect"]
        # 1. direct wordings across articles, joined when they agree at all
        links: list[tuple[Quote, Quote, Agreement]] = []
        joined: list[tuple[int, int]] = []
        bags = {q.id: set(normalise(q.text)) for q in quoted}
        for i, a in enumerate(quoted):
            for j, b in enumerate(quoted[i + 1:], i + 1):
                if a.article == b.article:
                    continue
                shared = len(bags[a.id] & bags[b.id])
                if shared < settings.reworded_share * min(len(bags[a.id]), len(bags[b.id])) or not shared:
                    continue  # too few words in common to be one statement
                rel = compare(a.text, b.text, settings.reworded_share)
                if rel is not None:
                    links.append((a, b, rel))
                    joined.append((i, j))
        for comp in pairs_linked(joined, len(quoted)):
            members = [quoted[k] for k in comp]
            if len({q.article for q in members}) < 2:
                continue
            ids = {q.id for q in members}
            mine = [lk for lk in links if lk[0].id in ids]
            worst = max(mine, key=lambda lk: (_RANK[lk[2]], len(lk[0].text) + len(lk[1].text)))
            diff = word_diff(worst[0].text, worst[1].text) if worst[2] == "reworded" else []
            groups.append(QuoteGroup(id="", entity=eid, quotes=[q.id for q in members], agreement=worst[2],
                                     diff=diff))
        # 2. a statement one article quotes and another only reports
        words = {q.id: _content(q.text) for q in qs}
        for r in reported:
            best: tuple[float, Quote] | None = None
            for q in quoted:
                if q.article == r.article:
                    continue
                score = paraphrase_score(words[q.id], words[r.id])
                if score >= settings.paraphrase_share and (best is None or score > best[0]):
                    best = (score, q)
            if best is not None:
                groups.append(QuoteGroup(id="", entity=eid, quotes=[best[1].id, r.id], agreement="paraphrased"))
    for n, g in enumerate(groups, 1):
        g.id = f"g{n}"
    return groups
