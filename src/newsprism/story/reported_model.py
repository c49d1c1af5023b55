"""A learned decision on reported speech: which verb-and-content candidates are attributions, and how far the
content runs.

The hand rules in ``reported.py`` know a list of speech verbs; news attributes with many more ("hammered",
"touted", "shamed", "discussed") and also uses speech verbs for things that are not attributions (questions,
titles of works, negated reports). Every verb outside a quotation that has a subject proposes candidates, one per
complement (a clause, an object, an infinitive, a prepositional object, an adjective's clause, the object with its
preposition), and so does every noun whose owner can speak ("her criticism of the bill"); a logistic model fitted
on PolNeAR's training articles (``newsprism eval quotes --fit-model DIR``) scores them from the cue, the
complement's kind, the subject's kind and the content's shape. The weights ship as ``reported_model.json``; no
fitting library is needed to apply them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..lexicon import ANON_HEADS
from .reported import clause_span, cue_subject, patient_subject, trim_aside, within
from .roles import PERSON_NOUNS, ROLE_HEADS, SOURCE_NOUNS
from .speakers import (
    ATTITUDE_VERBS,
    OBJECT_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    same_paragraph,
)

if TYPE_CHECKING:
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

# Features of candidates that are never an attribution, whatever the corpus annotates.
NEVER = frozenset({"negated", "without", "question"})
_PREPS = frozenset({"about", "on", "for", "against", "over", "of", "to", "with", "as"})
# prepositions of a verb's object or adjective that take what is attributed ("an attack against", "uneasy about")
_NESTED_PREPS = frozenset({"about", "on", "for", "against", "over", "of", "with", "in", "to", "by"})
# prepositions that say what a verb's object is taken for ("chastised X for ...", "portrayed X as ...")
_OBJECT_PREPS = frozenset({"for", "as", "about", "of", "over", "with", "into"})
_WH = frozenset({"what", "who", "whom", "whose", "which", "why", "how", "when", "where", "whether", "if"})


@dataclass(slots=True)
class Candidate:
    """One verb with one complement: the content span (chars), the cue, the subject, and the model's features."""

    start: int
    end: int
    cue: "Token"
    subject: "Token"
    features: dict[str, float]
    score: float = 0.0


def can_speak(s: "Token") -> bool:
    """A subject that can attribute: a name, a person or group pronoun, a role, a body, a document."""
    low = s.lower_
    if s.pos_ == "PROPN" or s.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return s.ent_type_ not in {"LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "DATE", "TIME"}
    if low in {"he", "she", "they", "we", "i", "who"}:
        return True
    return bool({low, s.lemma_.lower()} & (ROLE_HEADS | ANON_HEADS | SOURCE_NOUNS | PERSON_NOUNS))


def _subject_kind(s: "Token") -> str:
    low = s.lower_
    if s.pos_ == "PRON":
        return "pron:" + low
    if s.ent_type_:
        return "ent:" + s.ent_type_
    if low in ANON_HEADS:
        return "anon"
    if low in ROLE_HEADS:
        return "role"
    return "pos:" + s.pos_


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"


def _content_range(t: "Token", c: "Token") -> tuple[int, int] | None:
    """Token range of the content a complement carries."""
    if c.dep_ == "prep":
        pobj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
        if pobj is None:
            return None
        return trim_aside(t.doc, pobj.left_edge.i, pobj.right_edge.i + 1, min_tokens=1)
    if c.dep_ in {"ccomp", "xcomp", "acl"}:  # "acl": a noun's "that" clause or infinitive
        return clause_span(c, set())
    return trim_aside(t.doc, c.left_edge.i, c.right_edge.i + 1, min_tokens=1)


def f_first(first: str, pos: str) -> str:
    """The content's first word when it is a function word that tells its kind, else its part of speech."""
    return first if first in _WH or first in {"that", "to"} else pos


def _features(t: "Token", c: "Token", s: "Token", lo: int, hi: int, text: str, quoted_at: Callable[[int], bool],
              variant: str = "") -> dict[str, float]:
    doc = t.doc
    lemma = t.lemma_.lower()
    dep = c.dep_ if c.dep_ != "prep" else "prep:" + c.lower_
    if c.head.i != t.i:  # "an attack against X", "is optimistic that": the object's or adjective's complement
        dep = c.head.dep_ + "_" + dep
    if t.pos_ == "NOUN":  # "his criticism of X": a noun's complement, told apart from a verb's
        dep = "noun_" + dep
    dep = variant + dep  # "dobj+": the object with its preposition, one content ("chastised X for ...")
    first = doc[lo].lower_
    span = doc[lo:hi]
    words = sum(1 for k in span if k.is_alpha)
    marks = any(quoted_at(k.idx) for k in span)
    f = {
        "lemma=" + lemma: 1.0, "dep=" + dep: 1.0, "lemma_dep=" + lemma + "|" + dep: 1.0,
        "subj=" + _subject_kind(s): 1.0, "len=" + _bucket(words): 1.0, "tag=" + t.tag_: 1.0,
        "first=" + f_first(first, doc[lo].pos_): 1.0,
        "speech" if lemma in SPEECH_VERBS else "not_speech": 1.0,
    }
    if lemma in ATTITUDE_VERBS:
        f["attitude"] = 1.0
    if lemma in OBJECT_VERBS:
        f["object_verb"] = 1.0
    if any(g.dep_ == "neg" for g in t.children):
        f["negated"] = 1.0
    if marks:
        f["quoted_words"] = 1.0
        inner = sum(1 for k in span if k.is_alpha and quoted_at(k.idx))
        if inner >= 0.6 * max(1, words):
            f["mostly_quoted"] = 1.0  # the quotation itself, found as a quote; a fragment leaves the clause to report
    if text[doc[hi - 1].idx:doc[hi - 1].idx + len(doc[hi - 1].text) + 2].strip().endswith("?") or (
            first in _WH and lemma in {"ask", "wonder", "question", "inquire"}):
        f["question"] = 1.0  # "asked him what he would tell ...": a question, not a statement
    if c.i < t.i:
        f["before_cue"] = 1.0
    coarse = _subject_kind(s).split(":")[0] if not s.ent_type_ else s.ent_type_
    f["lemma_subj=" + lemma + "|" + coarse] = 1.0
    f["dep_first=" + dep + "|" + f_first(first, doc[lo].pos_)] = 1.0
    f["cue_dep=" + t.dep_] = 1.0
    head = c if c.dep_ != "prep" else next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), c)
    if head.pos_ in {"NOUN", "PROPN"}:
        f["obj_head=" + head.lemma_.lower()] = 1.0
        f["obj_ent=" + (head.ent_type_ or "none")] = 1.0
    if words >= 4 and any(k.dep_ in {"nsubj", "nsubjpass"} for k in span):
        f["has_clause"] = 1.0
    if s.i > t.i:
        f["subj_after"] = 1.0
    if c.head.i != t.i:
        f["via=" + c.head.lemma_.lower()] = 1.0
        f["via_lemma=" + lemma + "|" + c.head.lemma_.lower()] = 1.0
    if not can_speak(s):
        f["subj_thing=" + s.lemma_.lower()] = 1.0
        f["subj_thing"] = 1.0
    if any(g.dep_ == "mark" and g.lower_ in {"without", "if", "whether"} for g in t.children) or (
            t.dep_ == "pcomp" and t.head.lower_ == "without"):
        f["without"] = 1.0
    return f


def _complements(t: "Token") -> list["Token"]:
    """A verb's complements that may carry what is attributed, and the prepositions of its object or adjective
    ("launched an attack against X", "is uneasy about X"), whose object is then the content."""
    comps = [c for c in t.children if c.dep_ in {"ccomp", "xcomp", "dobj"}
             or (c.dep_ == "prep" and c.lower_ in _PREPS and c.i > t.i)]
    for c in t.children:
        if c.dep_ in {"dobj", "acomp"} and c.i > t.i:
            comps += [g for g in c.children if g.dep_ == "prep" and g.lower_ in _NESTED_PREPS]
        if c.dep_ == "acomp" and c.i > t.i:  # "is optimistic that he'll ...", "is willing to accept ..."
            comps += [g for g in c.children if g.dep_ in {"ccomp", "xcomp"} and g.i > c.i]
    return comps


# A noun whose owner holds what follows it: "his criticism of the bill", "Obama's decision not to strike",
# "their fear that Trump could win". The model learns which nouns attribute; the owner is the source.
_NOUN_CUE_PATTERN = [
    {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"POS": "NOUN"}},
    {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "owner", "RIGHT_ATTRS": {"DEP": "poss"}},
    {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": {"IN": ["prep", "acl", "ccomp"]}}},
]
_OWNER_PRONOUNS = frozenset({"his", "her", "their", "our", "my"})


@lru_cache(maxsize=4)
def _noun_cue_matcher(vocab: "Vocab") -> "DependencyMatcher":
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(vocab)
    matcher.add("noun_cue", [_NOUN_CUE_PATTERN])
    return matcher


def _noun_cues(doc: "Doc") -> dict[int, tuple["Token", list["Token"]]]:
    """Cue noun index -> (owner, complements) for nouns whose owner can speak and whose complement states what
    they hold: a preposition's object, an infinitive or a "that" clause (not "the report released by")."""
    out: dict[int, tuple[Token, list[Token]]] = {}
    for _, (cue_i, owner_i, comp_i) in _noun_cue_matcher(doc.vocab)(doc):
        cue, owner, comp = doc[cue_i], doc[owner_i], doc[comp_i]
        if comp.i < cue.i or not (owner.lower_ in _OWNER_PRONOUNS or can_speak(owner)):
            continue
        if comp.dep_ == "prep" and comp.lower_ not in _PREPS:
            continue
        if comp.dep_ != "prep" and not any(g.dep_ in {"aux", "mark"} and g.lower_ in {"to", "that"} and g.i < comp.i
                                           for g in comp.children):
            continue
        out.setdefault(cue_i, (owner, []))[1].append(comp)
    return out


def candidates(doc: "Doc", quoted: list[tuple[int, int]], text: str) -> list[Candidate]:
    """Every verb outside quotes with a subject in its paragraph, and every noun with an owner who can speak,
    once per complement."""
    out: list[Candidate] = []
    quoted_at = within(quoted)
    nouns = _noun_cues(doc)
    for t in doc:
        if quoted_at(t.idx):
            continue
        s: Token | None
        if t.i in nouns:
            s, comps = nouns[t.i]
        elif t.pos_ in {"VERB", "AUX"}:
            comps = _complements(t)
            s = cue_subject(t) if comps else None
        else:
            continue
        if s is None or not same_paragraph(t, s) or not (can_speak(s) or s.pos_ in {"NOUN", "PROPN", "PRON"}) \
                or (t.pos_ != "NOUN" and patient_subject(t, s)):
            continue
        series = [c for c in comps if c.dep_ == "ccomp" and c.i > t.i]
        for c in comps:
            rng = _content_range(t, c)
            if rng is None:
                continue
            lo, hi = rng
            if len(series) > 1 and c in series:  # "said he drank too much, used drugs and ...": one clause, whole
                if c is not series[0]:
                    continue
                last = _content_range(t, series[-1])
                hi = max(hi, last[1]) if last else hi
            _propose(out, t, c, s, (lo, hi), text, quoted_at)
        dobj = next((c for c in comps if c.dep_ == "dobj" and c.i > t.i), None)
        for c in comps:  # "portrayed the shooting as a “workplace” issue": the object with what is said of it
            if dobj is not None and c.dep_ == "prep" and c.head.i == t.i and c.i > dobj.i \
                    and c.lower_ in _OBJECT_PREPS:
                _propose(out, t, c, s, (dobj.left_edge.i, c.right_edge.i + 1), text, quoted_at, "dobj+")
    return out


def _propose(out: list[Candidate], t: "Token", c: "Token", s: "Token", rng: tuple[int, int], text: str,
             quoted_at: Callable[[int], bool], variant: str = "") -> None:
    """Adds the candidate of cue ``t`` and complement ``c`` over token range ``rng``, unless it leaves the cue's
    paragraph or holds its own source."""
    doc = t.doc
    lo, hi = rng
    if t.dep_ == "relcl" and lo <= s.i < t.i < c.i < hi:  # "which officials said will go ...": what follows the cue
        lo = next((k for k in range(t.i + 1, hi) if not doc[k].is_punct), hi)
    if lo >= hi or not (same_paragraph(t, doc[lo]) and same_paragraph(t, doc[hi - 1])) or lo <= s.i < hi:
        return
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    out.append(Candidate(start, end, t, s, _features(t, c, s, lo, hi, text, quoted_at, variant)))


def all_candidates(doc: "Doc", quoted: list[tuple[int, int]], text: str) -> list[Candidate]:
    """The candidates above plus the hand rules' reported clauses, each marked as proposed by the rules or not."""
    from .reported import find_reported

    cands = candidates(doc, quoted, text)
    for start, end, cue, spk in find_reported(doc, quoted):
        same = [c for c in cands if c.cue.i == cue.i and min(c.end, end) > max(c.start, start)]
        for c in same:
            c.features["rule"] = 1.0
        if not any(c.start <= start and end <= c.end for c in same):
            f = {"lemma=" + cue.lemma_.lower(): 1.0, "rule": 1.0, "rule_only": 1.0, "subj=" + _subject_kind(spk): 1.0,
                 "len=" + _bucket(len(text[start:end].split())): 1.0,
                 "speech" if cue.lemma_.lower() in SPEECH_VERBS else "not_speech": 1.0}
            if text[end:end + 2].strip().startswith("?") or text[start:end].rstrip().endswith("?"):
                f["question"] = 1.0
            cands.append(Candidate(start, end, cue, spk, f))
    return cands


def select(cands: list[Candidate], threshold: float | None = None) -> list[Candidate]:
    """The best candidate of each cue at or above its cut, overlapping ones resolved by score.

    A clause the hand rules report passes at the model's cut; one only the model proposes needs the higher
    ``new_cut``, since those are where its mistakes are.
    """
    _, _, cut, new_cut, floor = load_model()
    cut = cut if threshold is None else threshold
    best: dict[int, Candidate] = {}
    for c in cands:
        if "rule" not in c.features and "mostly_quoted" in c.features:
            continue  # the quotation itself is found as a quote already
        if NEVER.intersection(c.features):
            continue  # "did not say", "without explaining how", a question: nobody's statement
        if _ruled_speech(c):
            need = floor  # a speech verb's clause by the hand rules: kept unless the model is all but sure it is wrong
        else:
            need = cut if "rule" in c.features else max(cut, new_cut)
        if c.score >= need and (c.cue.i not in best or c.score > best[c.cue.i].score):
            best[c.cue.i] = c
    out: list[Candidate] = []
    chosen = list(best.values())
    for c in sorted(chosen, key=lambda x: (not _ruled_speech(x), _within(x, chosen), -x.score)):
        if not any(min(c.end, o.end) > max(c.start, o.start) and not _nested(c, o) for o in out):
            out.append(c)  # crossing spans exclude each other; one inside another is a report within a report
    return sorted(out, key=lambda x: x.start)


def _within(c: Candidate, others: list[Candidate]) -> bool:
    """A report whose cue sits inside another's content ("wrote an article that said the North is capable of
    ..."): part of what the other reports, so the other is decided first."""
    return any(o is not c and o.start <= c.start and c.end <= o.end and o.start <= c.cue.idx < o.end for o in others)


def _ruled_speech(c: Candidate) -> bool:
    """A speech or object verb's clause found by the hand rules: kept, and preferred over what overlaps it."""
    return "rule" in c.features and ("speech" in c.features or "object_verb" in c.features)


def _nested(a: Candidate, b: Candidate) -> bool:
    """A report inside another's content, cue and speaker included ("rejecting Trump's accusation that ...",
    "Ruiz accused ..., according to X"): both stand."""
    inner, outer = (a, b) if b.start <= a.start and a.end <= b.end else (b, a)
    if not (outer.start <= inner.start and inner.end <= outer.end):
        return False
    if "rule" not in inner.features or not (outer.start <= inner.cue.idx < outer.end):
        return False
    return outer.cue.lower_ == "according" or (inner.cue.lower_ in SPEECH_NOUNS
                                               and outer.start <= inner.subject.idx < outer.end)


@lru_cache(maxsize=1)
def load_model() -> tuple[dict[str, float], float, float, float, float]:
    """(weights, bias, cut, cut for candidates the rules did not propose, floor for the rules' speech clauses) of
    the shipped model."""
    data = json.loads(resources.files("newsprism.story").joinpath("reported_model.json").read_text("utf-8"))
    cut = float(data["threshold"])
    return (dict(data["weights"]), float(data["bias"]), cut, float(data.get("new_threshold", cut)),
            float(data.get("rule_threshold", 0.0)))


def score(cands: list[Candidate]) -> list[Candidate]:
    """Each candidate with the model's probability that it is an attribution."""
    weights, bias, *_ = load_model()
    for c in cands:
        z = bias + sum(weights.get(k, 0.0) * v for k, v in c.features.items())
        c.score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return cands
