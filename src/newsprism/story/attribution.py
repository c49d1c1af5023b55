"""How each outlet attributes each speaker: the reporting verbs it uses, what it says about evidence, and whether it
quotes the words directly or paraphrases them.

Outlets differ less in what a speaker said than in how they frame it: one writes that Trump "claimed" and "insisted",
another that he "told" and "accused"; one adds that he "offered no evidence", another says nothing of it. This
stage counts those choices per speaker and article, from the quotes already resolved and the article's sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..model import Article, Attribution, Entity, Evidence, Quote
from .claims import NONE_OFFERED, SUPPORTED
from .speakers import SPEECH_NOUNS

# Cues that are punctuation or a source phrase, not a reporting verb.
_NOT_VERBS = frozenset({":", "―", "—", "-", "according to"})
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|$)")


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, by end punctuation and line breaks: cheap, and enough to find evidence remarks."""
    out: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            out.append((s, e))
    return out


def _evidence_remarks(article: Article, quotes: Sequence[Quote], names: set[str]) -> list[Evidence]:
    """What the article says about the evidence for this speaker's words: in the sentences that hold the quotes,
    the sentence right after each, and any sentence naming the speaker."""
    text = article.text
    sents = _sentences(text)
    near: set[int] = set()
    for i, (s, e) in enumerate(sents):
        if any(s <= q.start < e or s < q.end <= e for q in quotes):
            near.update({i, i + 1})
        elif names and any(re.search(r"\b" + re.escape(n) + r"\b", text[s:e]) for n in names):
            near.add(i)
    out: list[Evidence] = []
    for i in sorted(near):
        if i >= len(sents):
            continue
        s, e = sents[i]
        sentence = text[s:e]
        status = "none_offered" if NONE_OFFERED.search(sentence) else "supported" if SUPPORTED.search(sentence) else None
        if status is not None:
            out.append(Evidence(article.id, status, s, e, sentence))  # type: ignore[arg-type]
    return out


def _verb(cue: str | None) -> str | None:
    if not cue:
        return None
    low = cue.lower()
    return None if low in _NOT_VERBS or low in SPEECH_NOUNS or not low.replace("-", "").isalpha() else low


def build_attribution(articles: Sequence[Article], quotes: Sequence[Quote], entities: Sequence[Entity]
                      ) -> list[Attribution]:
    """One row per speaker and article: reporting verbs, direct / partial / paraphrased counts, evidence remarks."""
    by_id = {e.id: e for e in entities}
    order = {a.id: i for i, a in enumerate(articles)}
    groups: dict[tuple[str, str], list[Quote]] = {}
    for q in quotes:
        if q.part_of is not None or not q.speaker or q.article not in order:
            continue  # a piece of a statement counted with its statement; an unknown speaker has no row
        key = q.entity or f"name:{q.speaker.lower()}"
        groups.setdefault((key, q.article), []).append(q)
    arts = {a.id: a for a in articles}
    out: list[Attribution] = []
    for (key, aid), qs in groups.items():
        ent = by_id.get(key)
        names = {q.speaker for q in qs if q.speaker and not q.anonymous}
        if ent is not None and ent.type == "PERSON":
            names |= {w for w in ent.name.split()[-1:] if len(w) > 2}
        kinds = Counter(q.kind for q in qs)
        verbs = Counter(v for q in qs if (v := _verb(q.cue)) is not None)
        out.append(Attribution(
            speaker=ent.name if ent is not None else qs[0].speaker or "",
            entity=ent.id if ent is not None else None,
            article=aid, outlet=arts[aid].outlet,
            verbs=dict(verbs.most_common()),
            direct=kinds["direct"], partial=kinds["partial"], paraphrased=kinds["indirect"],
            evidence=_evidence_remarks(arts[aid], qs, names),
            quotes=[q.id for q in qs],
        ))
    weight: Counter[str] = Counter()
    for a in out:
        weight[a.entity or a.speaker] += len(a.quotes)
    out.sort(key=lambda a: (-weight[a.entity or a.speaker], a.speaker, order[a.article]))
    return out
