"""Who a pronoun outside quotes means: people's genders, and the salience of each person sentence by sentence."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..config import SalienceWeights
from .entities import EntityIndex, name_tokens
from .roles import given_name_gender
from .speakers import CAPTION, GENDER_WORDS, PRONOUN_GENDER, SPEECH_VERBS, SUBJ_DEPS, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Salience weights of one mention (Lappin & Leass 1994: recency, then the mention's role in its sentence), speech and
# topic, and the votes a given name casts for a gender: ``AlignSettings.salience``.
_THIRD = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _phrase_head(tok: "Token") -> "Token":
    """The head of the noun phrase a name token belongs to."""
    head = tok
    while head.dep_ in {"compound", "flat", "appos"} and head.head.i != head.i:
        head = head.head
    return head


def _speaks(tok: "Token") -> bool:
    """The mention is the subject of a speech verb ("Glick said")."""
    head = _phrase_head(tok)
    return head.dep_ in SUBJ_DEPS and head.head.lemma_.lower() in SPEECH_VERBS


def _is_subject(tok: "Token") -> bool:
    return _phrase_head(tok).dep_ in SUBJ_DEPS


def _in_brackets(tok: "Token") -> bool:
    """The mention stands in brackets: "Jack Salmon (Mark Wahlberg)" names the actor beside the one who speaks."""
    text = tok.doc.user_data.get("newsprism_text")
    if text is None:  # Doc.text is rebuilt from the tokens at each read: once per document
        text = tok.doc.user_data["newsprism_text"] = tok.doc.text
    lo, hi = text.rfind("(", 0, tok.idx), text.rfind(")", 0, tok.idx)
    return lo > hi and lo >= tok.idx - 40 and text.find(")", tok.idx) != -1


def _mention_weight(tok: "Token", p: SalienceWeights) -> float:
    """Salience a mention adds: more as a subject, less inside a prepositional phrase or another noun phrase."""
    if _in_brackets(tok):
        return p.recent * 0.2
    head = _phrase_head(tok)
    w = p.recent
    dep = head.dep_
    if dep in SUBJ_DEPS:
        w += p.subject
    elif dep in {"dobj", "attr", "oprd"}:
        w += p.direct_object
    elif dep == "dative":
        w += p.indirect_object
    if dep != "pobj":
        w += p.not_oblique
    if dep not in {"poss", "nmod", "compound"}:
        w += p.head
    return w


def pronoun_antecedents(doc: "Doc", entity_at: dict[int, str], index: EntityIndex, genders: dict[str, str],
                        quoted: list[tuple[int, int]], p: SalienceWeights | None = None) -> dict[int, str]:
    """Third-person singular pronouns outside quotes -> the person each most likely refers to.

    A salience model (Lappin & Leass, simplified): every mention adds weight by its role, weights halve each
    sentence, a resolved pronoun adds weight to its person, and a person of the other gender is never chosen.
    So "she said" after "the death of her partner Paterson" stays with the article's subject.
    """
    from .reported import within

    p = p or SalienceWeights()
    people = {eid for eid in entity_at.values() if (e := index.by_id.get(eid)) is not None and e.type == "PERSON"}
    if not people:
        return {}
    named = Counter(eid for ti, eid in entity_at.items()
                    if eid in people and entity_at.get(ti + 1) != eid and _is_subject(doc[ti]))
    topic = named.most_common(1)[0][0] if named else None  # the person the article is about
    sal: dict[str, float] = {}
    spoke: dict[str, float] = {}  # the same, for mentions that are the subject of a speech verb
    out: dict[int, str] = {}
    text = doc_text(doc)
    captions = caption_lines(text)
    in_quotes, in_captions = within(quoted), within(captions)
    last_spoke: tuple[int, str] | None = None  # (sentence number, person) of the last one who spoke
    seen: list[tuple[int, str]] = []  # (sentence number, person) of every mention and resolved pronoun
    for sn, sent in enumerate(doc.sents):
        new_para = (para := text.rfind("\n", 0, sent.start_char) + 1) == sent.start_char and para > 0
        for weights in (sal, spoke):
            for eid in weights:
                weights[eid] *= 0.4 if new_para else 0.5  # a new paragraph weakens the old focus a little more
        oblique: dict[str, float] = {}  # this sentence's other mentions: "the death of Paterson, she said" is not her
        named_here: dict[str, "Token"] = {}  # people this sentence names, outside quotes
        for tok in sent:
            if tok.i > sent.start and "\n\n" in text[doc[tok.i - 1].idx:tok.idx]:
                for weights in (sal, spoke, oblique):  # a paragraph break the sentence splitter missed
                    for eid in weights:
                        weights[eid] *= 0.4
            if in_quotes(tok.idx) and tok.lower_ in _THIRD:
                seen.append((sn, "?" + _THIRD[tok.lower_]))  # the quote speaks of a third person of that gender
            if in_quotes(tok.idx) or in_captions(tok.idx):
                continue  # a photo caption names who is pictured, not who the next sentence is about
            mentioned = entity_at.get(tok.i)
            if mentioned is not None and mentioned in people:
                eid = mentioned
                if entity_at.get(tok.i + 1) != eid:  # the mention's last token stands for the mention
                    w = _mention_weight(tok, p)
                    sal[eid] = sal.get(eid, 0.0) + w
                    seen.append((sn, eid))
                    named_here[eid] = tok
                    if _speaks(tok):
                        spoke[eid] = spoke.get(eid, 0.0) + p.speaker
                        last_spoke = (sn, eid)
                    if not _is_subject(tok):
                        oblique[eid] = oblique.get(eid, 0.0) + w
                continue
            g = _THIRD.get(tok.lower_)
            if g is None or tok.pos_ != "PRON" or not sal:
                continue
            # "..., and he said": a clause of its own, where a name in the clause before is a fair antecedent
            subject = tok.dep_ in SUBJ_DEPS and not (tok.head.dep_ == "conj" and tok.head.head.i < tok.i)
            speaks = _speaks(tok)
            best, best_score = None, 0.0
            if speaks and last_spoke is not None and sn - last_spoke[0] <= 1 and genders.get(last_spoke[1], g) == g \
                    and _came_up(seen, last_spoke[0], genders, g) == {last_spoke[1]}:
                best_score = float("inf")  # "Glick said that ... “...,” she said": the speaker just before goes on
                best = last_spoke[1]
            if len(named_here) == 1 and _said_by(tok, *named_here.values()):
                only = next(iter(named_here))  # "Magdy said gains encouraged him": the speaker
                if genders.get(only, g) == g:
                    best, best_score = only, float("inf")
            for cand, score in sal.items():
                cg = genders.get(cand)
                if cg is not None and cg != g:
                    continue
                if subject:
                    score -= oblique.get(cand, 0.0)
                if speaks:  # "Glick said ... “...,” she said": who spoke last goes on speaking
                    score += spoke.get(cand, 0.0)
                if cand == topic:
                    score *= p.topic if speaks else p.topic_narrated
                if cg is None:
                    score *= 0.4  # a person of unknown gender is a weaker fit than one the article shows
                if score > best_score:
                    best, best_score = cand, score
            if best is not None:
                out[tok.i] = best
                sal[best] += _mention_weight(tok, p) * 0.5
                seen.append((sn, best))
                if speaks:
                    last_spoke = (sn, best)
    return out


def caption_lines(text: str) -> list[tuple[int, int]]:
    """Lines that are photo captions; the tagger often joins one to the sentence after it, so lines, not sentences."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if CAPTION.match(line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _came_up(seen: list[tuple[int, str]], since: int, genders: dict[str, str], g: str) -> set[str]:
    """People of gender ``g`` (or of none known) mentioned since sentence ``since``; "?f" for a "she" in a quote."""
    return {e for n, e in seen if n >= since and (e[1:] if e[0] == "?" else genders.get(e, g)) == g}


def _said_by(pronoun: "Token", name: "Token") -> bool:
    """The pronoun sits in what the named person is reported to say ("Magdy said gains encouraged him")."""
    verb = _phrase_head(name).head
    if name.sent != pronoun.sent or verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    up = pronoun
    while up.head.i != up.i and up.i != verb.i:
        if up.head.i == verb.i:
            return up.dep_ in {"ccomp", "xcomp", "advcl"}
        up = up.head
    return False


def infer_genders(doc: "Doc", entity_at: dict[int, str], index: EntityIndex,
                  quoted: list[tuple[int, int]] | None = None, p: SalienceWeights | None = None) -> dict[str, str]:
    """Entity id -> "m"/"f" from titles and descriptions, and from pronouns that can only mean one person.

    Pronouns inside quotes are the speaker's and may mean anyone, so they are not counted.
    """
    import bisect

    from .reported import within

    name_votes = (p or SalienceWeights()).name_votes
    votes: dict[str, list[int]] = {}
    in_quotes = within(quoted or [])
    people = sorted(ti for ti, eid in entity_at.items()
                    if (e := index.by_id.get(eid)) is not None and e.type == "PERSON"
                    and not in_quotes(doc[ti].idx))
    if not people:
        return {}

    def vote(eid: str, g: str, n: int) -> None:
        votes.setdefault(eid, [0, 0])[0 if g == "m" else 1] += n

    for eid in set(entity_at[ti] for ti in people):  # 1. "Mrs. Campbell", "his wife Ann", "the actress", "Gail"
        given = name_tokens(index.by_id[eid].name)
        if len(given) >= 2 and (by_name := given_name_gender(given[0])):
            vote(eid, by_name[0], name_votes if by_name[1] == 2 else 1)  # one sex only: outweighs stray pronouns
        for d in index.by_id[eid].descriptions:
            for w in d.lower().replace(".", "").split()[-2:]:
                if w in GENDER_WORDS:
                    vote(eid, GENDER_WORDS[w], 3)
    for ti in people:
        prev = doc[ti - 1].lower_.rstrip(".") if ti > 0 else ""
        if prev in GENDER_WORDS and (ti < 2 or doc[ti - 2].dep_ != "poss"):
            vote(entity_at[ti], GENDER_WORDS[prev], 3)
    for tok in doc:  # 2. a pronoun after one person only, within a few lines
        g = PRONOUN_GENDER.get(tok.lower_)
        if g is None or tok.pos_ != "PRON" or in_quotes(tok.idx):
            continue
        k = bisect.bisect_left(people, tok.i) - 1
        if k < 0:
            continue
        sent = tok.sent
        in_sent = {entity_at[people[j]] for j in range(bisect.bisect_left(people, sent.start),
                                                        bisect.bisect_left(people, sent.end))}
        if len(in_sent) == 1 and _said_by(tok, doc[people[k]]):
            vote(entity_at[people[k]], g, name_votes)  # 3. "Mina Magdy said gains encouraged him": as strong as a name
            continue  # (Mina, Andrea, Nicola: names given mostly to one sex in one country, to the other elsewhere)
        if tok.idx - doc[people[k]].idx > 250:
            continue
        near = {entity_at[people[j]] for j in range(k, -1, -1) if tok.idx - doc[people[j]].idx <= 250}
        if len(near) == 1 and _is_subject(doc[people[k]]):
            vote(entity_at[people[k]], g, 1)
    out: dict[str, str] = {}
    for eid, (m, f) in votes.items():
        if m >= 2 * f and m >= 1:
            out[eid] = "m"
        elif f >= 2 * m and f >= 1:
            out[eid] = "f"
    return out
