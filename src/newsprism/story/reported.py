"""Reported speech found in the dependency parse: the clause a speech, belief or intention verb reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..lexicon import ANON_HEADS
from .roles import ROLE_HEADS
from .speakers import (
    ATTITUDE_VERBS,
    FOR_VERBS,
    OBJECT_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TELL_VERBS,
    same_paragraph,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Conjunctions that make a subordinate clause a condition or a time, never the words reported.
_ADVERBIAL_MARKS = frozenset({"if", "when", "while", "because", "since", "although", "though", "after", "before",
                              "unless", "until", "as", "once", "whereas", "so"})
# Verbs of thinking and finding: reported only with a subject of their own, never one borrowed from another verb.
COGNITION = ATTITUDE_VERBS | {"know", "think", "believe", "hope", "fear", "doubt", "wonder", "find", "feel", "see"}
# ", although ..." after a reported clause is the writer's contrast, not the speaker's words.
_CONCESSIVE = frozenset({"although", "though", "whereas", "while"})
_DASHES = frozenset({"―", "—", "–", "--", "-"})
_PERSONAL = frozenset({"he", "she", "they", "we", "i", "you", "it"})


def inside(i: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset ``i`` falls in one of the spans."""
    return any(s <= i < e for s, e in spans)


def within(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """``inside`` for many offsets against the same spans: the spans sorted once, each offset found by bisection."""
    import bisect

    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach: list[int] = []  # the furthest end among the spans that start at or before each one
    for _, e in ordered:
        reach.append(max(e, reach[-1]) if reach else e)

    def test(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and reach[k] > i

    return test


def clause_span(tok: "Token", skip: set[int]) -> tuple[int, int] | None:
    """Token range of a reported clause, without its 'that', the tokens in ``skip`` at its edges, and punctuation."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    doc = tok.doc
    while lo <= hi and (doc[lo].dep_ == "mark" and doc[lo].lower_ in {"that", "whether", "if"}
                        or doc[lo].is_punct or doc[lo].is_space or lo in skip):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space or hi in skip):
        hi -= 1
    lo = _after_dateline(doc, lo, hi)
    return trim_aside(doc, lo, hi + 1)


def _after_dateline(doc: "Doc", lo: int, hi: int) -> int:
    """The first token after a dateline ("WASHINGTON (AP) ―"), which is the writer's, not the speaker's."""
    for k in range(lo, min(hi, lo + 6)):
        tok = doc[k]
        if tok.text in _DASHES and k > lo:
            return k + 1
        if not (tok.is_punct or (tok.is_alpha and tok.is_upper)):
            break
    return lo


def trim_aside(doc: "Doc", lo: int, end: int, min_tokens: int = 3) -> tuple[int, int] | None:
    """Token range [lo, end) without a trailing ", which ..." or "(...)": the writer's aside, not the words reported."""
    hi = end - 1
    for t in doc[lo:hi + 1]:
        concession = t.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _CONCESSIVE for g in t.children)
        if t.right_edge.i < hi - 1 or t.left_edge.i <= lo + 2:
            continue
        before = doc[t.left_edge.i - 1]
        if (t.dep_ in {"relcl", "appos"} or concession or _goes_on(t)) and before.text in {",", "(", "—", "–", "―", "--"}:
            hi = t.left_edge.i - 2
            break
        if _goes_on(t) and before.lower_ == "and":
            hi = t.left_edge.i - 2
            break
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    if hi - lo < min_tokens - 1:
        return None
    return lo, hi + 1


def _goes_on(t: "Token") -> bool:
    """The speaker's next act after the words reported (", telling X that ...", "and called it ..."): a speech verb's
    participle or a speech verb joined without a subject of its own, which the parser hangs inside the clause."""
    if t.lemma_.lower() not in SPEECH_VERBS or t.pos_ != "VERB":
        return False
    if t.dep_ == "advcl":
        return t.tag_ == "VBG"
    return t.dep_ == "conj" and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in t.children)


def cue_subject(t: "Token") -> "Token | None":
    """The subject of cue ``t``; for the speaker's next act hung inside the clause reported ("told the BBC it was
    saddened, adding that ..."), the subject of the verb that reports that clause."""
    head = t.head
    if _goes_on(t) and head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_VERBS:
        return subject_of(head.head) or subject_of(t)
    return subject_of(t)


def patient_subject(t: "Token", subj: "Token") -> bool:
    """The subject borrowed by a passive cue ("DiLeo will take over and is expected to remain", "after being
    convicted of ..."): the one the cue is about, not who speaks or holds the view."""
    own_passive = any(c.dep_ == "auxpass" for c in t.children) and not any(c.dep_ == "nsubj" for c in t.children)
    shared_passive = t.dep_ == "conj" and t.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in t.children) \
        and any(c.dep_ == "auxpass" for c in t.head.children)
    return (own_passive or shared_passive) and not (subj.dep_ == "pobj" and subj.head.dep_ == "agent")


def _complement(t: "Token") -> "Token | None":
    """The clause a cue verb reports: one after the verb first, else one before it ("<clause>, she said")."""
    comps = [c for c in t.children if c.dep_ in {"ccomp", "parataxis"}]
    right = [c for c in comps if c.i > t.i]
    if right:
        return right[0]
    doc = t.doc
    for c in reversed(comps):  # a clause before the cue, unless a semicolon or colon closes it off
        if not any(doc[k].text in {";", ":"} for k in range(c.right_edge.i + 1, t.i)):
            return c
    if t.lemma_.lower() in SPEECH_VERBS:  # "said after the meeting he would resign": the parser hangs it as advcl
        for c in t.children:
            if c.dep_ == "advcl" and c.i > t.i and c.pos_ in {"VERB", "AUX"} \
                    and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children) \
                    and not any(g.dep_ == "mark" and g.lower_ in _ADVERBIAL_MARKS for g in c.children) \
                    and not any(g.dep_ == "advmod" and g.lower_ in {"when", "where", "how", "why"}
                                for g in c.children):
                return c
    return None


def _can_hold_views(tok: "Token") -> bool:
    """A subject that can want, plan or believe something: a name, a person pronoun, a role or a group."""
    low = tok.lower_
    if tok.pos_ == "PROPN" or low in _PERSONAL - {"it"}:
        return True
    return low in ROLE_HEADS or low in ANON_HEADS or tok.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}


def _verb_content(t: "Token", lemma: str) -> "tuple[tuple[int, int] | None, set[int]]":
    """(clause token range, tokens of the cue's own phrase to keep out) for a cue verb."""
    doc = t.doc
    comp = _complement(t)
    dobj = next((c for c in t.children if c.dep_ == "dobj"), None)
    if comp is not None and dobj is not None and lemma in OBJECT_VERBS and t.i < dobj.i < comp.left_edge.i \
            and not any(g.dep_ == "mark" for g in comp.children):  # "cited remarks he had made as ...": one object
        return trim_aside(doc, dobj.left_edge.i, comp.right_edge.i + 1, min_tokens=2), set()
    if comp is not None:
        skip: set[int] = set()
        subj = next((c for c in comp.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if comp.dep_ == "advcl" and subj is not None:  # "said after the vote he would ...": not the time phrase
            skip = set(range(comp.left_edge.i, subj.left_edge.i))
        return clause_span(comp, skip), set()
    pfor = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    if pfor is not None and lemma in FOR_VERBS:  # "called for an inquiry"
        pobj = next((c for c in pfor.children if c.dep_ in {"pobj", "pcomp"}), None)
        if pobj is not None and pobj.right_edge.i - pobj.left_edge.i >= 1:
            return (pobj.left_edge.i, pobj.right_edge.i + 1), set()
    xcomp = next((c for c in t.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}), None)
    if xcomp is None and lemma in TELL_VERBS:  # "told supporters at the rally to “go and vote”", parsed as advcl
        xcomp = next((c for c in t.children if c.dep_ == "advcl" and c.i > t.i and c.pos_ == "VERB"
                      and any(g.dep_ == "aux" and g.lower_ == "to" and g.i < c.i for g in c.children)), None)
    if lemma in TELL_VERBS and dobj is not None and xcomp is not None and dobj.i < xcomp.i:  # "told aides to stop"
        return (dobj.left_edge.i, xcomp.right_edge.i + 1), set()
    if lemma in OBJECT_VERBS:  # "denied attempts to ...", "accused China of ..."
        if dobj is not None and dobj.pos_ != "PRON":
            ofp = [c for c in t.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "as"} and c.i > dobj.i]
            hi = max(c.right_edge.i for c in ofp) + 1 if ofp else dobj.right_edge.i + 1
            if hi - dobj.left_edge.i >= 2:
                return trim_aside(doc, dobj.left_edge.i, hi, min_tokens=2), set()
        elif xcomp is not None:
            return clause_span(xcomp, set()), set()
    if lemma in ATTITUDE_VERBS and xcomp is not None and dobj is None and xcomp.i > t.i:  # "wants to repeal ..."
        return clause_span(xcomp, set()), set()
    pred = next((c for c in t.children if c.i > t.i and (
        c.dep_ in {"oprd", "attr"} or (c.dep_ == "prep" and c.lower_ == "as"))), None)
    if dobj is not None and pred is not None and dobj.i < pred.i:  # "called the plan “a disaster”"
        return trim_aside(doc, dobj.left_edge.i, pred.right_edge.i + 1, min_tokens=2), set()
    head = t.head
    if t.dep_ == "parataxis" and head.i != t.i and head.pos_ in {"VERB", "AUX"} and lemma in SPEECH_VERBS:
        # "The museum, she said, honours ..." / "The plan will fail, he warned": the cue is an aside to its clause
        own = set(range(t.left_edge.i, t.right_edge.i + 1))
        return clause_span(head, own), own
    return None, set()


def _according_misparsed(t: "Token") -> "tuple[tuple[int, int] | None, Token | None]":
    """"According to X, <clause>." when the parser made "according" a verb: the clause after X's comma."""
    sent = t.sent
    if t.i != sent.start and not doc_is_open(t.doc[t.i - 1]):
        return None, None
    comma = next((k for k in range(t.i + 2, min(sent.end, t.i + 14)) if t.doc[k].text == ","), None)
    if comma is None or t.doc[comma - 1].pos_ not in {"NOUN", "PROPN"}:
        return None, None
    return trim_aside(t.doc, comma + 1, sent.end), t.doc[comma - 1]


def doc_is_open(tok: "Token") -> bool:
    """A token after which a new clause may start (punctuation or a conjunction)."""
    return tok.is_punct or tok.is_space or tok.pos_ == "CCONJ"


def find_reported(doc: "Doc", quoted: list[tuple[int, int]]) -> list[tuple[int, int, "Token", "Token"]]:
    """Reported speech: (start char, end char, cue token, speaker token) for each clause reported by a cue."""
    out: list[tuple[int, int, Token, Token]] = []
    quoted_at = within(quoted)
    for t in doc:
        lemma = t.lemma_.lower()
        content: tuple[int, int] | None = None
        speaker: Token | None = None
        aside: set[int] = set()  # the cue's own words, which may sit inside the reported clause
        if t.lower_ == "according" and t.dep_ != "prep" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            content, speaker = _according_misparsed(t)
            aside = set(range(t.i, content[0])) if content else set()
        elif t.lower_ == "according" and t.dep_ == "prep":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if pobj is None and to is not None:  # "according to show insiders", parsed as a verb phrase
                pobj = next((c for c in to.subtree if c.pos_ in {"NOUN", "PROPN"}
                             and c.head.pos_ not in {"NOUN", "PROPN"}), None)
            if pobj is None:
                continue
            aside = set(range(t.left_edge.i, t.right_edge.i + 1))
            content = clause_span(t.head, aside)
            speaker = pobj
        elif t.lower_ in SPEECH_NOUNS and t.pos_ == "NOUN":
            poss = next((c for c in t.children if c.dep_ == "poss"), None)
            clause = next((c for c in t.children if c.dep_ in {"acl", "ccomp"}
                           and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
            if poss is None or clause is None:
                continue
            content, speaker = clause_span(clause, set()), poss
        elif (lemma in SPEECH_VERBS or lemma in FOR_VERBS or lemma in OBJECT_VERBS or lemma in ATTITUDE_VERBS) \
                and t.pos_ in {"VERB", "AUX"}:
            speaker = cue_subject(t)
            if speaker is None or any(c.dep_ == "neg" for c in t.children) or not same_paragraph(t, speaker) \
                    or patient_subject(t, speaker):
                continue
            if lemma in ATTITUDE_VERBS and lemma not in SPEECH_VERBS and lemma not in OBJECT_VERBS and (
                    speaker.dep_ != "nsubj" or not _can_hold_views(speaker)):
                continue  # "the plan is expected to ..." holds no one's view
            if lemma in COGNITION and speaker.head.i != t.i and t.dep_ != "conj":
                continue  # "... without knowing how": a thought needs a thinker of its own
            content, aside = _verb_content(t, lemma)
        if content is None or speaker is None:
            continue
        lo, hi = content
        if not (same_paragraph(t, doc[lo]) and same_paragraph(t, doc[hi - 1])):
            continue
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        for qs, qe in quoted:  # never cut a quotation in two: take in all of it
            if qs < start < qe:
                start = qs
            if qs < end < qe:
                end = qe
        if start <= speaker.idx < end and speaker.i not in aside:
            continue
        # the clause is a direct quote already ("“...,” she said"): only narrative words around a quote count
        narrative = sum(1 for tk in doc[lo:hi] if tk.is_alpha and tk.i not in aside and not quoted_at(tk.idx))
        if narrative < 2 and any(min(end, e) > max(start, s) for s, e in quoted):
            continue
        out.append((start, end, t, speaker))
    return out
