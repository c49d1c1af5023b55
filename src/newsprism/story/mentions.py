"""Which tokens of an article mention which story entity: names, surnames the tagger missed, and roles ("the
mayor") the article ties to one person."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..model import Article, Entity
from .entities import EntityIndex
from .namesakes import name_tokens
from .roles import ORG_TAILS, PERSON_NOUNS, ROLE_HEADS

if TYPE_CHECKING:
    from spacy.tokens import Doc


def entity_tokens(article: Article, doc: "Doc", entities: list[Entity]) -> dict[int, str]:
    """Token index -> entity id for every mention span the entities list in this article."""
    out: dict[int, str] = {}
    starts = [t.idx for t in doc]
    surnames: dict[str, str | None] = {}
    for e in entities:
        if e.type == "PERSON":
            last = name_tokens(e.name)[-1:] if name_tokens(e.name) else []
            for w in last:
                surnames[w] = None if w in surnames and surnames[w] != e.id else e.id
        for sp in e.spans:
            if sp.article != article.id:
                continue
            i = bisect.bisect_left(starts, sp.start)
            while i < len(doc) and doc[i].idx < sp.end:
                out.setdefault(i, e.id)
                i += 1
    # surnames the tagger missed ("Ham went on to explain") still name that person
    for tok in doc:
        eid = surnames.get(tok.text)
        if eid is not None and tok.i not in out and tok.pos_ == "PROPN":
            out[tok.i] = eid
    return out


def link_roles(doc: "Doc", entity_at: dict[int, str], index: EntityIndex, article_id: str,
               anon_sources: list[tuple[int, str]]) -> None:
    """Adds "the mayor", "the actor" to ``entity_at`` where the article gives exactly one person that role.

    The link comes from the article itself: a title before the name ("Mayor Antonio Villaraigosa") or a description
    ("Minnie Driver, the actor"). A role the article also gives an unnamed source ("a senior official") stays
    anonymous.
    """
    present = {eid for eid in entity_at.values()}
    owners: dict[str, set[str]] = {}
    for eid in present:
        ent = index.by_id.get(eid)
        if ent is not None and ent.type == "ORG":  # "the agency" for the Environmental Protection Agency
            for phrase in [ent.name, *ent.aliases]:
                tail = phrase.split()[-1].lower() if " " in phrase else ""
                if tail in ORG_TAILS:
                    owners.setdefault(tail, set()).add(eid)
                elif phrase.isupper() and phrase.isalpha() and 2 <= len(phrase) <= 5:  # "EPA": the agency
                    for tail in ORG_TAILS:
                        if tail[0] == phrase[-1].lower() and tail.isalpha() and len(tail) > 4:
                            owners.setdefault(tail, set()).add(eid)
        if ent is None or ent.type != "PERSON":
            continue
        toks = set(name_tokens(ent.name))
        for phrase in [*ent.descriptions, *ent.aliases]:
            ws = [w.lower().strip(".,") for w in phrase.split() if w not in toks]
            for w in ws:
                cut = w.split("-")[-1]
                if cut.isalpha() and (cut in ROLE_HEADS or cut in PERSON_NOUNS):
                    owners.setdefault(cut, set()).add(eid)
    owners.update(_roles_named_here(doc, entity_at, index))
    anon = {desc.split()[-1].lower() for _, desc in anon_sources}
    for tok in doc:
        if tok.i in entity_at or tok.pos_ != "NOUN" or tok.tag_ in {"NNS", "NNPS"}:
            continue
        low = tok.lower_
        who = owners.get(low)
        if low in ORG_TAILS:  # "When Samsung unveiled the phone, the company said": the body its sentence names
            named = {eid for ti, eid in entity_at.items() if tok.sent.start <= ti < tok.i
                     and getattr(index.by_id.get(eid), "type", "") == "ORG"
                     and "subj" in (doc[ti].dep_ if doc[ti].dep_ != "compound" else doc[ti].head.dep_)}
            who = named if len(named) == 1 else who
        if not who or len(who) != 1 or low in anon:
            continue
        first = doc[tok.left_edge.i].lower_ if tok.left_edge.i < tok.i else ""
        if first in {"the", "this"} and tok.dep_ not in {"compound", "amod"}:
            entity_at[tok.i] = next(iter(who))


def _roles_named_here(doc: "Doc", entity_at: dict[int, str], index: EntityIndex) -> dict[str, set[str]]:
    """Roles this article itself gives a named person ("the prosecutor, Mustafa Suleiman"): they outrank what other
    articles say, which may spell the same person another way."""
    out: dict[str, set[str]] = {}
    for tok in doc:
        low = tok.lower_
        if tok.pos_ != "NOUN" or not (low in ROLE_HEADS or low in PERSON_NOUNS) or tok.tag_ in {"NNS", "NNPS"}:
            continue
        names = [c for c in tok.children if c.dep_ == "appos"]
        if tok.dep_ in {"appos", "compound"}:  # "Louis Kay, the comedian", "the comedian Louis Kay"
            names.append(tok.head)
        for name in names:
            ent = index.by_id.get(entity_at.get(name.i, ""))
            if ent is not None and ent.type == "PERSON":
                out.setdefault(low, set()).add(ent.id)
    return out
