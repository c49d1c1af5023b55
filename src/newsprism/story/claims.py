"""Claims: contestable assertions by an entity, the responses of others, and what each outlet says of evidence."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Settings
from ..ingest.furniture import has_player_controls, is_furniture
from ..model import Article, Claim, Entity, Evidence, Quote, Response, Sentence, Span
from .entities import PLACE_LABELS
from ..sentences import split_at_stops
from .align import similarity_matrix
from .statements import Unit, article_units, statement_spans
from .speakers import ATTITUDE_VERBS, CAPTION, SPEECH_NOUNS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as DocSpan, Token

    from .context import StoryContext

# Verbs that present a statement as an assertion someone could contest.
CLAIM_CUES = {"claim", "accuse", "allege", "charge", "assert", "insist", "contend", "maintain", "warn", "predict",
              "suggest", "argue", "vow", "promise", "threaten", "blame"}
DENY_CUES = {"deny", "reject", "refuse", "dismiss", "rebuff", "rebut", "refute", "push back", "pushes back",
             "pushed back", "pushing back", "brush off", "scoff"}
CONFIRM_CUES = {"confirm", "acknowledge", "admit", "agree", "corroborate", "concede", "endorse"}
DISPUTE_CUES = {"dispute", "question", "challenge", "contest", "doubt", "criticize", "criticise", "counter",
                "disagree", "contradict"}
# Unnamed subjects that can still claim or respond.
ROLE_NOUNS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "prosecutor",
              "prosecutors", "police", "study", "report", "government", "ministry", "company", "source", "sources",
              "representative", "investigator", "investigators", "critic", "critics", "expert", "experts", "agency",
              "department", "administration", "campaign", "court", "judge", "minister", "president", "leader"}
# What makes the content of a quote contestable: accusations, findings, predictions, figures.
_CONTESTABLE = re.compile(
    r"\b(?<!non-)(?:found that|find that|accus\w*|alleg\w*|interfer\w*|meddl\w*|attempt\w*|plot\w*|cheat\w*|"
    r"fraud\w*|rigg\w*|lie[sd]?|lying|steal\w*|stole|hack\w*|spy\w*|collu\w*|cover(?:ed)?[- ]up|responsible for|"
    r"behind the|will|going to|is trying|are trying)\b|\d",
    re.I,
)
_CLAIM_REF = re.compile(r"\b(?:claims?|accusations?|allegations?|charges?|assertions?|remarks?|comments?)\b", re.I)
NONE_OFFERED = re.compile(
    r"(?:did not|didn[’']t|does not|doesn[’']t|would not|wouldn[’']t|declined to|refused to) "
    r"(?:say|specify|explain|provide|offer|give|present|share|detail|cite)\w* (?:what |any |the )?(?:evidence|proof|"
    r"details|specifics)|offered (?:scant|little|few|no)(?: \w+)? (?:details|evidence|proof|specifics)|"
    r"(?:scant|little|no|without)(?: \w+)? (?:evidence|proof)|without (?:offering|providing|citing|giving|presenting) "
    r"(?:any )?(?:evidence|proof|details|specifics)|(?:provided|offered|gave|presented|cited) no (?:\w+ )?(?:evidence|"
    r"proof|details)|unsubstantiated|unfounded|no (?:\w+ )?evidence (?:was|has been) (?:offered|provided|given)",
    re.I,
)
SUPPORTED = re.compile(
    r"according to (?:documents|records|data|figures|a report|the report|an? (?:\w+ )?(?:assessment|investigation|"
    r"audit|study|analysis)|court (?:filings|documents))|(?:documents|records|data|figures|emails) (?:show|showed|"
    r"reveal|revealed|indicate|indicated|obtained by)|(?:report|investigation|study|analysis|audit|assessment|inquiry)"
    r" (?:found|concluded|showed|shows|determined|confirmed)|(?:cited|citing|provided|released|published) "
    r"(?:documents|data|figures|records|evidence|findings|a report|intelligence)|(?:evidence|intelligence) "
    r"(?:shows|showed|indicates|confirms|confirmed)",
    re.I,
)


@dataclass(slots=True)
class _Candidate:
    article: str
    span: Span  # the sentence that reports the claim
    text: str
    claimant: str | None  # entity id, else a normalised speaker name
    quote: str | None
    unit: Unit | None
    strength: int  # 2: claim verb, 1: contestable quote
    indirect: bool


@dataclass(slots=True)
class _Group:
    members: list[_Candidate] = field(default_factory=list)


_CUE_CLASSES = tuple((cues, name, re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues)) + ")"))
                     for cues, name in ((DENY_CUES, "denies"), (DISPUTE_CUES, "disputes"),
                                        (CONFIRM_CUES, "confirms"), (CLAIM_CUES, "claim")))


def _cue_class(text: str | None, lemmas: set[str]) -> str | None:
    """Which stance (or claim) a cue word or a sentence's verbs express."""
    low = (text or "").lower()
    for cues, name, rx in _CUE_CLASSES:
        if lemmas & cues or (low and rx.search(low)):
            return name
    return None


# Objects that make "deny" or "reject" a ruling on a request ("denied bail", "rejected the motion"), not a stance on
# anyone's claim.
_REQUESTS = frozenset("""
motion request bail appeal application offer permit permission access entry parole petition bid visa license licence
asylum plea lawsuit suit
""".split())
# Objects that make "question" an interview ("to question a woman about a shooting"), not doubt.
_QUESTIONED = frozenset("""
woman women man men witness witnesses suspect suspects people resident residents neighbor neighbors neighbour
neighbours driver drivers passenger passengers employee employees
""".split())


def _not_a_stance(verb: "Token") -> bool:
    """A response cue that rules on a request ("denied bail"), questions a person ("to question a witness") or
    declines to act ("refused to elaborate", "has refused to join the government")."""
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if lemma in ("refuse", "decline") and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    if lemma in ("deny", "reject", "refuse", "dismiss"):
        return any(o.lemma_.lower() in _REQUESTS for o in objects)
    if lemma in ("question", "challenge", "interrogate"):
        return any(o.pos_ == "PRON" or o.ent_type_ == "PERSON" or o.lemma_.lower() in _QUESTIONED for o in objects)
    return False


def _negated_subject(sent: "DocSpan", verb: "Token") -> bool:
    """ "Neither Perlo nor Yanes ever claimed ...", "Nobody denied ...": no one takes the stance."""
    return any(t.lower_ in ("neither", "nobody", "none") or (t.lower_ == "no" and t.nbor().lower_ == "one")
               for t in sent.doc[sent.start:verb.i] if t.i + 1 < len(t.doc))


class _EntityIndex:
    """Finds the story entity mentioned at an offset, and entity names for matching text."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.spans: dict[str, list[tuple[int, int, str]]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        self.names: dict[str, set[str]] = {}
        self.types: dict[str, str] = {}
        for e in entities:
            self.types[e.id] = e.type
            names = {e.name, *e.aliases}
            self.names[e.id] = {n.lower() for n in names if n}
            for sp in e.spans:
                self.spans.setdefault(sp.article, []).append((sp.start, sp.end, e.id))

    def at(self, article: str, start: int, end: int, skip: frozenset[str] = frozenset()) -> str | None:
        """The entity mentioned between the offsets, of any type but ``skip``."""
        for s, e, eid in self.spans.get(article, []):
            if s < end and start < e and self.types.get(eid) not in skip:
                return eid
        return None

    def resolve(self, who: str | None) -> str | None:
        """The story entity id for a claimant or responder: an id as is, a name key when exactly one entity's
        name ends with it, else None (an unnamed or unresolved party is never reported as an entity)."""
        if who is None or who in self.names:
            return who
        hits = [eid for eid, names in self.names.items() if any(n.split()[-1:] == [who] for n in names)]
        return hits[0] if len(hits) == 1 else None

    def mentioned(self, eid: str | None, text: str) -> bool:
        """True when the text names the entity by any word of its names."""
        if not eid:
            return False
        rx = self._patterns.get(eid)
        if rx is None:
            words = sorted({w for n in self.names.get(eid, {eid.lower()}) for w in n.split() if len(w) > 2})
            rx = self._patterns[eid] = re.compile(
                r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b" if words else r"(?!x)x", re.I)
        return bool(rx.search(text))


def _cue_verb(sent: "DocSpan") -> tuple["Token | None", str | None]:
    """The sentence's verb that claims, denies, disputes or confirms, and which of these it does."""
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        if lemma == "push" and any(c.lower_ == "back" for c in tok.children):
            return tok, "denies"
        kind = _cue_class(None, {lemma})
        if not kind or not (tok.dep_ in ("ROOT", "ccomp", "conj", "acl", "relcl") or tok.head.pos_ == "SPACE"):
            continue
        before = sent.doc[max(tok.i - 3, sent.start): tok.i].text.lower()
        if any(c.dep_ == "neg" for c in tok.children) or re.search(r"\b(?:yet to|not|never|n[’']t)\b", before):
            continue  # "has yet to confirm", "did not deny": no stance taken
        if _negated_subject(sent, tok) or _not_a_stance(tok):
            continue
        if lemma == "refuse" and not any(c.lemma_ in ("accept", "acknowledge", "believe", "recognize")
                                          for c in tok.subtree):
            continue  # "refused to discuss" declines, it does not deny; "refused to accept" does
        return tok, kind
    return None, None


def _subject_entity(sent: "DocSpan", verb: "Token", article: str, index: _EntityIndex) -> tuple[str | None, str | None]:
    """(entity id, name) of the verb's subject: its nsubj, the noun an attributive verb hangs on, or the nearest one before."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    bare_participle = subj is None and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass")
                                                                      for c in verb.children)
    if bare_participle or (subj is not None and subj.dep_ == "nsubjpass"):
        # "Orozco is charged with ...", a headline's "Charged With Murder": the accused claims nothing
        by = next((c for c in verb.children if c.dep_ == "agent"), None)
        subj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if subj is None:
            return None, None
    if subj is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        subj = verb.head
    if subj is None:
        subj = next((t for t in reversed(sent.doc[sent.start: verb.i]) if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:  # a misparse: the nearest noun before the verb that is not inside a prepositional phrase
        subj = next((t for t in reversed(sent.doc[sent.start: verb.i])
                     if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("pobj", "compound", "poss")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None, None
    sub = sent.doc[subj.left_edge.i: subj.right_edge.i + 1] if subj.left_edge.i <= subj.i else sent.doc[subj.i: subj.i + 1]
    if sub.end > verb.i >= sub.start:
        sub = sent.doc[sub.start: verb.i]
    eid = index.at(article, subj.idx, subj.idx + len(subj.text))
    if eid is None:  # a name elsewhere in the subject, never a people or place that only describes its head
        eid = index.at(article, sub.start_char, sub.end_char, PLACE_LABELS)  # ("Cypriot newspaper Haravgi")
    name = next((e.text for e in sub.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")
                 and not (e.label_ in PLACE_LABELS and e.root.i != subj.i)), None)
    if name is None and subj.lemma_.lower() in ROLE_NOUNS:
        name = sub.text  # "the official", "a study": described, not named
    return eid, name


def _inside_quotes(text: str, pos: int) -> bool:
    """True when a position lies between quotation marks of its paragraph (someone's words, not the reporter's)."""
    para = text.rfind("\n", 0, pos) + 1
    before = text[para:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _key(name: str | None) -> str | None:
    if not name:
        return None
    words = re.sub(r"[^\w\s]", "", name).lower().split()
    return words[-1] if words else None


def find_claims(articles: Sequence[Article], docs: dict[str, "Doc"], quotes: Sequence[Quote],
                entities: Sequence[Entity], settings: Settings,
                context: "StoryContext | None" = None) -> list[Claim]:
    """Claims of the story with their responses and, for every article, its evidence status; the statements are
    the story context's when given (``context``), else split here."""
    index = _EntityIndex(entities)
    sents: dict[str, list[Sentence]] = {}
    units: list[Unit] = []
    for a in articles:
        doc = docs.get(a.id)
        if doc is None:
            continue
        sents[a.id] = statement_spans(a, doc)
        units.extend(context.units_of(a.id) if context is not None else article_units(a, doc, entities))
    unit_pos = {id(u): i for i, u in enumerate(units)}
    sim = similarity_matrix(units, settings.align.similarity)

    by_article: dict[str, list[Unit]] = {}
    for u in units:
        by_article.setdefault(u.article, []).append(u)

    def unit_at(article: str, start: int) -> Unit | None:
        return next((u for u in by_article.get(article, []) if u.start <= start < max(u.end, u.start + 1)), None)

    def sentence_at(article: str, start: int) -> Sentence | None:
        return next((s for s in sents.get(article, []) if s.start <= start < s.end), None)

    candidates: list[_Candidate] = []
    responses: list[tuple[str | None, str, str | None, Span, set[str]]] = []  # entity, stance, quote, span, lemmas
    covered: set[tuple[str, int]] = set()
    # 1. quotes: a claim when cued as one or when the content is contestable; a response when cued as one
    for q in quotes:
        sent = sentence_at(q.article, q.start)
        doc = docs.get(q.article)
        if sent is None or doc is None or _furniture(sent.text):
            continue  # a photo caption ("| Getty Trump blames ...") is furniture, not a claim
        span = Span(q.article, sent.start, sent.end, sent.text)
        dspan = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        cue_words = set((q.cue or "").lower().split())
        cue_lemmas = {t.lemma_.lower() for t in (dspan if dspan is not None else []) if t.text.lower() in cue_words}
        stance = _cue_class(q.cue, cue_lemmas) or _stance_from_text(q.text)
        if stance and q.cue and re.search(r"\b(?:yet to|not|never|n[’']t)\s+(?:\w+\s+)?" + re.escape(q.cue.split()[0]),
                                          sent.text, re.I):
            stance = None  # "has yet to confirm", "did not deny": the cue is negated
        who = q.entity or _key(q.speaker)
        cue_tok = next((t for t in (dspan if dspan is not None else []) if t.text.lower() in cue_words
                        and t.pos_ == "VERB"), None)
        if stance in ("denies", "disputes") and cue_tok is not None and _not_a_stance(cue_tok):
            stance = None  # "the judge denied bail", "detectives questioned a neighbour"
        if stance in ("denies", "disputes", "confirms"):
            if not who:
                continue  # a response by no one named or described answers nothing
            responses.append((who, stance, q.id, span, _content(q.text)))
            covered.add((q.article, sent.start))
            continue
        if not who or (q.kind == "indirect" and not _says(q.cue, cue_lemmas)):
            continue  # "hedged on supporting the intelligence community's conclusion that ...": not his assertion
        strength = 2 if stance == "claim" else 1 if contestable(q.text) else 0
        candidates.append(_Candidate(q.article, span, q.text, who, q.id, unit_at(q.article, q.start), strength,
                                     q.kind == "indirect"))
        if strength:
            covered.add((q.article, sent.start))
    # 2. sentences whose main verb claims or responds, with a named subject
    for a in articles:
        doc = docs.get(a.id)
        if doc is None:
            continue
        for s in sents.get(a.id, []):
            dspan = doc.char_span(s.start, s.end, alignment_mode="expand")
            if dspan is None or len(dspan) == 0 or _furniture(s.text):
                continue
            verb, kind = _cue_verb(dspan)
            if verb is None or kind is None or _inside_quotes(a.text, verb.idx):
                continue
            eid, name = _subject_entity(dspan, verb, a.id, index)
            who = eid or (None if (name or "").lower() in _PRONOUNS else _key(name))
            span = Span(a.id, s.start, s.end, s.text)
            if kind == "claim":
                if (a.id, s.start) in covered or not who:
                    continue
                candidates.append(_Candidate(a.id, span, s.text, who, None, unit_at(a.id, s.start), 2, True))
            elif who and not any(r[3] == span for r in responses):
                responses.append((who, kind, _quote_in(quotes, a.id, s), span, _content(s.text)))
    # 3. one claim per claimant and content, across articles
    groups: list[_Group] = []
    # strongest first, then by article and place, so that the claims do not depend on the order of the inputs
    for c in sorted(candidates, key=lambda c: (-c.strength, c.article, c.span.start)):
        for g in groups:
            if any(m.claimant == c.claimant and _close(m, c, sim, unit_pos) for m in g.members):
                g.members.append(c)
                break
        else:
            if c.strength:  # plain statements only join a claim; they never make one
                groups.append(_Group([c]))
    return _assemble(groups, articles, sents, responses, index)


_NEGATED = re.compile(r"\b(?:not|never|no|n[’']t|don[’']t|won[’']t)\b", re.I)


def contestable(text: str) -> bool:
    """True when some sentence of the words asserts something one could contest (an accusation, a finding, a
    prediction, a figure) without negating it: "we are winning on trade" or "we don't want them to meddle" do not."""
    return any(_CONTESTABLE.search(s) and not _NEGATED.search(s) for s in split_at_stops(text))


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())} - _FUNCTION


_PRONOUNS = {"he", "she", "they", "we", "i", "it", "you", "who", "this", "that"}
_FUNCTION = {"that", "this", "with", "from", "have", "been", "were", "will", "would", "they", "their", "them", "there",
             "said", "says", "what", "when", "which", "about", "into", "other", "also", "than", "then", "does", "only"}


def _stance_from_text(text: str) -> str | None:
    """A stance stated in the quoted words themselves ("we did not and will not ...", "unwarranted accusations")."""
    low = text.lower()
    if re.search(r"\b(?:did|do|does|have|has) not and (?:will|would) not\b|\bunwarranted\b|\bbaseless\b|\bfalse\b|"
                 r"\bnot true\b|\bdeny\b|\breject\b", low):
        return "denies"
    return None


def _quote_in(quotes: Sequence[Quote], article: str, s: Sentence) -> str | None:
    return next((q.id for q in quotes if q.article == article and s.start <= q.start < s.end), None)


def _close(a: _Candidate, b: _Candidate, sim: "object", pos: dict[int, int]) -> bool:
    """Two reports of the same assertion: similar wording, or both accusation reports of one claimant."""
    if a.unit is None or b.unit is None:
        return False
    if a.unit is b.unit:
        return True
    i, j = pos[id(a.unit)], pos[id(b.unit)]
    score = float(sim[i, j])  # type: ignore[index]
    return score >= 0.25 or (score >= 0.12 and bool(a.unit.frames & b.unit.frames & {"accuse"}))


def _claim_words(g: _Group) -> set[str]:
    words: set[str] = set()
    for m in g.members:
        words |= _content(m.text)
    return words


_SAYING = SPEECH_VERBS | ATTITUDE_VERBS | CLAIM_CUES | SPEECH_NOUNS


def _says(cue: str | None, lemmas: set[str]) -> bool:
    """The cue reports speech or belief ("said", "according to", "insisted"), not an act toward another's words."""
    low = (cue or "").lower()
    return not low or low == "according to" or bool((lemmas or {low}) & _SAYING)


def _furniture(text: str) -> bool:
    """A caption, credit, link, player control or headline: the page, never a claim or a response."""
    return bool(CAPTION.search(text)) or is_furniture(text) or has_player_controls(text) or _headline(text)


_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "by", "as",
                          "from", "is", "vs"})


def _headline(text: str) -> bool:
    """A line in title case without a closing stop ("Kraft Shooting: Yvonne Hiller Charged With Two Counts Of
    Murder"): a headline, which states no one's claim."""
    line = text.strip()
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 3 and line[-1:] not in ".!?\"”’'" and all(w[0].isupper() for w in words)


_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:\s*-\s*|\s+)(?:(?:more|fewer|less|than|about|some|over|under)\s+)*"
                     r"([a-z]{3,})", re.I)


def amounts(text: str) -> dict[str, set[float]]:
    """Numbers by the word they count ("10,000 years" -> {"year": {10000.0}}), to tell a response about another
    figure from one about this claim's."""
    out: dict[str, set[float]] = {}
    for num, unit in _AMOUNT.findall(text):
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            continue
        out.setdefault(unit.lower().rstrip("s"), set()).add(value)
    return out


def other_figure(text: str, claim_texts: Sequence[str]) -> bool:
    """The response counts the claim's thing with other figures only ("about 5,000 years" against 10,000)."""
    mine = amounts(text)
    if not mine:
        return False
    theirs: dict[str, set[float]] = {}
    for t in claim_texts:
        for unit, values in amounts(t).items():
            theirs.setdefault(unit, set()).update(values)
    shared = [u for u in mine if u in theirs]
    return bool(shared) and all(not (mine[u] & theirs[u]) for u in shared)


def _relevance(text: str, words: set[str], g: _Group, claimant: str | None, index: _EntityIndex,
               stance: str | None) -> float:
    """How clearly a response or evidence sentence is about this claim (0: not at all)."""
    if stance == "confirms" and other_figure(text, [m.text for m in g.members]):
        return 0.0  # "thought it would reach back about 5,000 years" confirms no 10,000-year claim
    overlap = len(_content(text) & words)
    refers = bool(_CLAIM_REF.search(text))
    names = index.mentioned(claimant, text) or (claimant is not None and claimant in text.lower())
    score = overlap + (2.0 if refers and (names or overlap) else 0.0) + (1.0 if names else 0.0)
    if stance == "denies" and overlap >= 1:
        score += 1.0  # a negated restatement: "we did not interfere" against "they are interfering"
    return score if (overlap >= 2 or (refers and (names or overlap)) or (stance == "denies" and overlap >= 1)) else 0.0


def _assemble(groups: list[_Group], articles: Sequence[Article], sents: dict[str, list[Sentence]],
              responses: list[tuple[str | None, str, str | None, Span, set[str]]], index: _EntityIndex) -> list[Claim]:
    """Claims with each response and evidence sentence attached to the one claim it is most clearly about."""
    words = [_claim_words(g) for g in groups]
    claimants = [min(g.members, key=lambda c: -c.strength).claimant for g in groups]
    resp: list[list[Response]] = [[] for _ in groups]
    for who, stance, qid, span, _ in responses:
        if who is None:
            continue  # a response must come from someone named or described
        scores = [(_relevance(span.text, words[i], g, claimants[i], index, stance)
                   if who is None or who != claimants[i] else 0.0) for i, g in enumerate(groups)]
        if not scores or max(scores) <= 0:
            continue
        best = scores.index(max(scores))
        if any(r.span == span and r.stance == stance for r in resp[best]):
            continue
        resp[best].append(Response(entity=who, stance=stance, quote=qid, span=span))  # type: ignore[arg-type]
    evid: list[dict[str, list[Evidence]]] = [{} for _ in groups]
    for a in articles:
        for s in sents.get(a.id, []):
            status = _evidence_status(s.text)
            if status is None:
                continue
            scores = []
            for i, g in enumerate(groups):
                near = any(m.span.article == a.id and 0 <= s.start - m.span.start and
                           _distance(sents[a.id], m.span.start, s.start) <= 3 for m in g.members)
                rel = _relevance(s.text, words[i], g, claimants[i], index, None)
                scores.append(rel + (2.0 if near else 0.0) + 0.1 * max(m.strength for m in g.members))
            if scores and max(scores) > 0.5:
                best = scores.index(max(scores))
                evid[best].setdefault(a.id, []).append(Evidence(a.id, status, s.start, s.end, s.text))  # type: ignore[arg-type]
    claims: list[Claim] = []
    for i, g in enumerate(groups):
        for r in resp[i]:
            r.entity = index.resolve(r.entity)
        members = g.members
        best_c = min(members, key=lambda c: (not c.indirect, -c.strength, abs(len(c.span.text.split()) - 25)))
        sources: list[Span] = []
        for m in members:
            if m.span not in sources:
                sources.append(m.span)
        evidence: list[Evidence] = []
        for a in articles:
            found = list(evid[i].get(a.id, []))
            for r in resp[i]:
                if r.stance in ("denies", "disputes") and r.span is not None and r.span.article == a.id and r.entity:
                    if not any(e.start == r.span.start for e in found):
                        found.append(Evidence(a.id, "disputed", r.span.start, r.span.end, r.span.text))
            evidence.extend(found or [Evidence(a.id, "not_mentioned")])
        key = "|".join(f"{sp.article}:{sp.start}" for sp in sources)
        claims.append(Claim(
            id="c" + hashlib.sha1(key.encode()).hexdigest()[:10], claimant=index.resolve(claimants[i]),
            text=best_c.span.text if best_c.indirect else best_c.text,
            quotes=list(dict.fromkeys(m.quote for m in members if m.quote)), responses=resp[i], evidence=evidence,
            sources=sources))
    claims.sort(key=lambda c: (-len({sp.article for sp in c.sources}) - len(c.responses), c.id))
    return claims


_EVIDENCE_WORDS = re.compile(r"evidence|proof|detail|specific|unsubstantiated|unfounded|according to|documents|"
                             r"records|data|figures|emails|report|investigation|study|analysis|audit|assessment|"
                             r"inquiry|intelligence|findings", re.I)


def _evidence_status(text: str) -> str | None:
    """none_offered or supported when the sentence says so, else None (a cheap test first: most sentences don't)."""
    if not _EVIDENCE_WORDS.search(text):
        return None
    if NONE_OFFERED.search(text):
        return "none_offered"
    if SUPPORTED.search(text):
        return "supported"
    return None


def _distance(sents: list[Sentence], a: int, b: int) -> int:
    ia = next((s.index for s in sents if s.start <= a < s.end), 0)
    ib = next((s.index for s in sents if s.start <= b < s.end), 0)
    return ib - ia
