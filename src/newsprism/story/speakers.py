"""Who is speaking: cue verbs, their subjects, and what a subject ("he", "the official", "Trump") refers to."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..lexicon import ANON_HEADS, INDEFINITE
from ..model import Article, Entity, Span
from .entities import EntityIndex, name_tokens
from .mentions import entity_tokens as entity_tokens, link_roles as link_roles  # re-exported: speakers read them
from .roles import ABBREVIATIONS, HONORIFICS, PERSON_NOUNS, ROLE_HEADS, TITLE_ABBREVIATIONS, is_debris

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs that report what someone said, wrote, found or holds (lemmas).
SPEECH_VERBS = frozenset("""
say tell add note write claim argue insist warn deny accuse announce acknowledge admit allege assert suggest explain
report tweet post state declare confirm predict promise vow pledge threaten urge ask reply respond answer continue
recall emphasize emphasise stress maintain contend concede complain charge reveal disclose estimate conclude describe
testify caution agree observe remark comment mention joke quip boast lament counter retort recount tout blast slam
criticize criticise praise question wonder hope fear believe think know doubt reject dismiss dispute refute contradict
call demand propose recommend repeat reiterate signal indicate show find cite acknowledge brag scoff rail muse
concur object protest plead implore beg order instruct advise assure promise guarantee swear announce proclaim
allege shout yell chant write text email message blog
begin exclaim interject chime sigh laugh whisper mutter scream gush marvel
""".split())

# Verbs whose object is what was said ("denied attempts to ...", "accused China of ...").
OBJECT_VERBS = frozenset("""
deny reject dismiss dispute acknowledge admit announce accuse blame criticize criticise praise cite mention predict
promise pledge vow threaten urge demand propose recommend confirm reveal disclose question refute concede allege
report claim describe tout defend condemn denounce applaud welcome endorse oppose
""".split())

# Verbs that put words to someone and what they should do ("told his aides to stop").
TELL_VERBS = frozenset({"tell", "urge", "ask", "order", "instruct", "advise", "warn", "implore", "beg", "call",
                        "encourage", "invite", "press", "direct"})

# Verbs that report a demand with "for" ("called for an inquiry").
FOR_VERBS = frozenset({"call", "push", "argue", "press", "lobby", "advocate", "plead", "ask", "appeal", "campaign"})

# Verbs that report what someone wants, intends or expects ("plans to ...", "hopes that ...").
ATTITUDE_VERBS = frozenset("""
want plan hope expect intend aim seek wish prefer refuse decide believe think fear worry doubt feel agree offer
""".split())

# Nouns naming a statement, whose owner is the speaker ("Trump's accusation that ...").
SPEECH_NOUNS = frozenset("""
accusation allegation claim statement assertion warning denial remark remarks comment comments words message tweet
argument suggestion promise pledge vow threat insistence contention admission announcement charge
""".split())

# Entity types that never speak: places that are not polities, objects, works, events, laws, amounts.
_MUTE_TYPES = frozenset({"LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "DATE", "TIME", "MONEY",
                         "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"})
# Heads of subjects that never speak, although speech verbs take them ("the word “peace” suggests ...").
MUTE_NOUNS = frozenset("""
rise fall increase decrease drop growth word words bloodstain bloodstains stain image images photo photos picture
pictures footage scan mri x-ray chart map sign signs move change changes trend weather storm fire flood wind
""".split())
PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "they": "ANY", "it": "ORG",
            "i": "PERSON", "we": "ANY"}
# Subjects that never name who speaks ("That is ...", "There are ...", "What he said ...").
NOT_SPEAKERS = frozenset({"that", "this", "these", "those", "there", "what", "whatever", "it's", "here",
                          "t", "s", "d", "ll", "ve", "re", "m"})  # "can ’ t believe": a contraction's piece
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
_VOICES = {"PERSON", "ORG", "GPE", "NORP"}
# Findings a document reports ("a review found"): they speak for the document's issuer.
_FINDINGS = frozenset({"review", "audit", "analysis", "investigation", "assessment", "inspection", "probe"})
# Writings that speak for their author when the sentence names one ("the article, authored by ...").
_WRITINGS = frozenset({"article", "paper", "book", "essay", "column", "op-ed", "piece", "post"})
# Verbs that place news in time ("the comments come after ...", "it followed ..."): their subject reports nothing.
_TIMING_VERBS = frozenset({"come", "follow"})
# Pronouns for someone the article leaves unnamed ("One appealed for help", "Some have said"): an anonymous voice,
# never the person quoted last.
_UNNAMED_PRONOUNS = frozenset({"one", "someone", "somebody", "some", "others", "many", "several", "few", "anyone"})
# What "they" and "we" may stand for besides bodies and people: never a sea or a product.
_DOCUMENTS = frozenset({"report", "statement", "complaint", "study", "lawsuit", "filing", "letter", "memo", "ruling"})


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: display name, entity id (or None), whether anonymous, and the local mention."""

    name: str | None
    entity: str | None
    anonymous: bool
    span: Span | None


@dataclass(slots=True)
class ArticleContext:
    """What a speaker resolver remembers while reading one article from the top."""

    article: Article
    doc: "Doc"
    index: EntityIndex
    entity_at: dict[int, str]  # token index -> entity id (mentions of story entities)
    anon_sources: list[tuple[int, str]] = field(default_factory=list)  # (char offset, description)
    genders: dict[str, str] = field(default_factory=dict)  # entity id -> "m" | "f", when the article shows it
    antecedents: dict[int, str] = field(default_factory=dict)  # pronoun token index -> entity id

    def nearest_namesake(self, surname: str, pos: int) -> Entity | None:
        """Of the people sharing this surname, the one this article names last before ``pos``."""
        best: tuple[int, str] | None = None
        for ti, eid in self.entity_at.items():
            tok = self.doc[ti]
            ent = self.index.by_id.get(eid)
            if tok.idx >= pos or ent is None or ent.type != "PERSON" or tok.text != surname:
                continue
            if name_tokens(ent.name)[-1:] == [surname] and (best is None or tok.idx > best[0]):
                best = (tok.idx, eid)
        return self.index.by_id[best[1]] if best else None

    def mentioned_near(self, eid: str, pos: int) -> bool:
        """Whether the article mentions this entity before ``pos`` in its paragraph or the one before."""
        text = doc_text(self.doc)
        para = text.rfind("\n", 0, pos)
        while para > 0 and text[para - 1] == "\n":
            para -= 1
        lo = text.rfind("\n", 0, max(para, 0)) + 1 if para > 0 else 0
        return any(e == eid and lo <= self.doc[ti].idx < pos for ti, e in self.entity_at.items())

    def last_entity_before(self, pos: int, kinds: set[str], subjects_first: bool = True,
                           gender: str | None = None, heads_only: bool = False) -> Entity | None:
        """The entity most recently mentioned before ``pos`` (subjects preferred), of the given types; with
        ``heads_only``, never a name that only modifies a common noun ("their US contract")."""
        best: tuple[int, int, str] | None = None
        for ti, eid in self.entity_at.items():
            tok = self.doc[ti]
            if tok.idx >= pos:
                continue
            if heads_only and tok.dep_ in {"compound", "amod", "nmod"} and tok.head.pos_ == "NOUN" \
                    and self.entity_at.get(tok.head.i) != eid:
                continue
            ent = self.index.by_id.get(eid)
            if ent is None or (kinds and ent.type not in kinds):
                continue
            if gender and self.genders.get(eid, gender) != gender:
                continue
            up, is_subj = tok, 0
            for _ in range(3):
                if up.dep_ in SUBJ_DEPS:
                    is_subj = 1
                    break
                up = up.head
            # a subject in the last two sentences beats a later non-subject mention
            score = (is_subj if subjects_first and pos - tok.idx < 400 else 0, tok.idx)
            if best is None or score > best[:2]:
                best = (score[0], score[1], eid)
        return self.index.by_id[best[2]] if best else None


def name_before_colon(ctx: "ArticleContext", open_mark: int | None) -> tuple[int, int] | None:
    """A person named right before a colon that opens the quote ("Timbuktu mayor Halle Cisse: “We don't know ...”",
    in a caption or a pull quote): the name's offsets."""
    if open_mark is None:
        return None
    text = ctx.article.text
    j = open_mark - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 1 or text[j] != ":":
        return None
    doc = ctx.doc
    import bisect

    k = bisect.bisect_left([t.idx for t in doc], j) - 1  # the word before the colon
    eid = ctx.entity_at.get(k)
    ent = ctx.index.by_id.get(eid or "")
    if k < 0 or ent is None or ent.type != "PERSON" or doc[k].dep_ == "pobj" or doc[k].head.pos_ == "ADP":
        return None
    first = k
    while first > 0 and ctx.entity_at.get(first - 1) == eid and doc[first - 1].pos_ == "PROPN":
        first -= 1
    return doc[first].idx, doc[k].idx + len(doc[k].text)


def doc_text(doc: "Doc") -> str:
    """The doc's text, built once (spaCy rebuilds ``Doc.text`` on every access)."""
    text = doc.user_data.get("newsprism_text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["newsprism_text"] = text
    return text


def same_paragraph(a: "Token", b: "Token") -> bool:
    """Whether two tokens sit in one paragraph (no line break between them)."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[lo:hi]


def noun_phrase(tok: "Token") -> tuple[int, int]:
    """Token range [start, end) of a subject's phrase: determiners, titles, compounds; no clauses or appositives."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "punct"}:
            start = min(start, child.left_edge.i)
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in {"compound", "flat"}:
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ == "prep" and child.lower_ in {"of", "for", "on", "at"} and tok.lower_ in ROLE_HEADS:
            end = max(end, child.right_edge.i + 1)
    doc = tok.doc
    for i in range(tok.i - 1, start - 1, -1):  # never across a paragraph break
        if "\n" in doc[i].text_with_ws:
            start = i + 1
            break
    for i in range(tok.i, end):
        if "\n" in doc[i].text_with_ws:
            end = i + 1
            break
    while start < tok.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > tok.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def subject_of(verb: "Token") -> "Token | None":
    """The subject of a verb, borrowed from the verb it is coordinated with or from 'according to X'."""
    v: Token | None = verb
    for _ in range(4):
        if v is None or (v.lemma_.lower() in _TIMING_VERBS and _a_thing_subject(v)):
            return None  # "the comments come a day after Najib surprised reporters by claiming ...": not theirs
        subjects = [c for c in v.children if c.dep_ in SUBJ_DEPS and c.dep_ != "csubj"
                    and same_paragraph(c, v) and c.lower_ not in NOT_SPEAKERS
                    and any(ch.isalpha() for ch in c.text)]  # a stray mark ("�" for a lost quote) names no one
        if subjects:
            at = v.i
            subj = min(subjects, key=lambda c: abs(c.i - at))
            if v is verb and subj.dep_ == "nsubjpass" and verb.lemma_.lower() != "quote":
                return _agent_of(verb)  # "Lohan was accused of ...", "Lowe is believed to ...": the target speaks not
            return subj
        agent = _agent_of(v)
        if agent is not None:
            return agent
        if v.dep_ in {"conj", "xcomp", "advcl"} and v.head.i != v.i:
            v = v.head
        elif v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.i != v.head.i:
            v = v.head.head  # "responded by saying ..."
        else:
            return _misattached_subject(v)
    return None


def _impersonal(it: "Token") -> bool:
    """ "It is no surprise that ...", "it is believed", "it had to be concluded that ...": an "it" that stands
    for no one."""
    verbs = [it.head, *(c for c in it.head.children if c.dep_ == "xcomp")]
    return it.dep_ == "nsubjpass" or it.head.lemma_.lower() in {"be", "seem", "appear"} or any(
        g.dep_ == "auxpass" for v in verbs for g in v.children)


def _a_thing_subject(verb: "Token") -> bool:
    """Whether the verb's subject is a thing ("the comments", "the move"), not someone who may speak ("he")."""
    subj = next((c for c in verb.children if c.dep_ in SUBJ_DEPS), None)
    return subj is not None and subj.pos_ == "NOUN" and not (
        {subj.lower_, subj.lemma_.lower()} & (ROLE_HEADS | PERSON_NOUNS | ANON_HEADS))


def _agent_of(verb: "Token") -> "Token | None":
    """Who does a passive verb ("confirmed by publicist Harlan Boll"): the object of its "by"."""
    for child in verb.children:
        if child.dep_ == "agent":
            for gc in child.children:
                if gc.dep_ == "pobj":
                    return gc
    return None


def _misattached_subject(verb: "Token") -> "Token | None":
    """The phrase right before a subjectless verb, when the parser hung it elsewhere as an appositive."""
    if verb.i == 0:
        return None
    named = _name_before_aside(verb)
    if named is not None:
        return named
    prev = verb.doc[verb.i - 1]
    head = prev
    for _ in range(6):
        if head.dep_ == "appos" and head.pos_ in {"NOUN", "PROPN"} and head.right_edge.i == verb.i - 1:
            return head
        if head.head.i == head.i or head.head.i >= verb.i:
            return None
        head = head.head
    return None


def _name_before_aside(verb: "Token") -> "Token | None":
    """ "Clinton, according to a U.S. reporter, replied" / "Lee, 67, said": the name before an aside."""
    doc = verb.doc
    if verb.i < 3 or doc[verb.i - 1].text != ",":
        return None
    j = verb.i - 2
    while j > verb.sent.start and doc[j].text != ",":
        j -= 1
    aside = doc[j + 1]
    if doc[j].text != "," or j < 1 or not (aside.lower_ == "according" or (aside.like_num and j + 2 == verb.i - 1)):
        return None
    name = doc[j - 1]
    fits = name.pos_ == "PROPN" and name.dep_ not in SUBJ_DEPS and name.ent_type_ in {"PERSON", "ORG", ""}
    return name if fits else None


def _beside(tok: "Token") -> "list[Token]":
    """Tokens that may name the one a role noun describes: its apposition, and a titled name right after it."""
    out = [t for c in tok.children if c.dep_ == "appos" for t in c.subtree]
    if tok.lower_ in ROLE_HEADS or tok.lower_ in ANON_HEADS or tok.lower_ in PERSON_NOUNS:
        for t in tok.doc[tok.i + 1:tok.i + 5]:
            if t.lower_.rstrip(".") in {h.rstrip(".") for h in HONORIFICS} or t.text == ".":
                continue
            if t.pos_ == "PROPN":
                out.append(t)
            break
    return out


def _on_behalf_of(tok: "Token", start: int) -> "Token | None":
    """The role noun of "lawyers for <name>" or "a spokesman for <name>" when the parser took the name for the
    subject: the role speaks for the one it names."""
    doc = tok.doc
    if any(c.dep_ == "appos" for c in tok.children):
        return None  # "a spokesman for the senator, Jo Lind, said": the name beside the role speaks
    for i in range(max(0, start - 2), min(tok.i + 1, len(doc) - 1)):
        role = doc[i]
        if role.lower_ in ROLE_HEADS | ANON_HEADS and doc[i + 1].lower_ == "for":
            between = doc[i + 2:tok.i]
            if len(between) <= 8 and all(t.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PUNCT")
                                         and "\n" not in t.text_with_ws for t in between):
                return role
    return None


def _for_someone_else(tok: "Token") -> bool:
    """A role held by several ("lawyers", "aides") or on another's behalf ("a spokesman for the senator", "attorneys
    for the bomber"): the person the description names is not the one speaking."""
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)


def resolve(tok: "Token", ctx: ArticleContext) -> Speaker:
    """What a subject token refers to: a story entity, an anonymous source, or a plain description."""
    doc = ctx.doc
    text = ctx.article.text
    low = tok.lower_
    if low in {"who", "which", "that"} and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        # "Jane Doe, who said ...": the relative pronoun is the mention, Jane Doe the speaker
        named = tok.head.head
        if named.dep_ == "appos" and named.head.i != named.i:
            named = named.head  # "Barry Fleming, a Republican who led ...": Fleming, not "a Republican"
        ante = resolve(named, ctx)
        return Speaker(ante.name, ante.entity, ante.anonymous,
                       Span(ctx.article.id, tok.idx, tok.idx + len(tok.text), tok.text))
    if low in _UNNAMED_PRONOUNS and not any(c.dep_ in {"prep", "compound", "amod"} for c in tok.children):
        return Speaker(low, None, True, Span(ctx.article.id, tok.idx, tok.idx + len(tok.text), tok.text))
    if tok.pos_ == "PRON" or low in PRONOUNS:
        span = Span(ctx.article.id, tok.idx, tok.idx + len(tok.text), tok.text)
        kind = PRONOUNS.get(low)
        if low == "it" and _impersonal(tok):
            return Speaker(None, None, False, span)  # "It is no surprise that ...", "it had to be concluded"
        if low in {"i", "me"}:  # "I believe ...": the writer (reported clauses are found outside quotes); a turn's
            return Speaker(None, None, False, span)  # "I" is given to its speaker later
        if kind is None:
            return Speaker(None, None, False, span)
        kinds = {"PERSON"} if kind == "PERSON" else ({"ORG", "GPE", "NORP"} if kind == "ORG" else _VOICES)
        known = ctx.index.by_id.get(ctx.antecedents.get(tok.i, ""))
        if known is not None:
            return Speaker(known.name, known.id, False, span)
        if low in {"we", "they"}:
            kinds = _VOICES - {"PERSON"}  # one person is never "we": the group or body speaking, or the writer
        if low == "they":
            group = _group_before(tok)  # "residents complained ... they said": the residents, not one person
            if group is not None:
                members = resolve(group, ctx)
                return Speaker(members.name, members.entity, members.anonymous, span)
        ent = ctx.last_entity_before(tok.idx, kinds, gender=PRONOUN_GENDER.get(low), heads_only=kind != "PERSON")
        if low == "we" and ent is not None and not ctx.mentioned_near(ent.id, tok.idx):
            ent = None  # "We're told that ...": the writer, not a body named paragraphs ago
        return Speaker(ent.name if ent else None, ent.id if ent else None, False, span)
    if low.rstrip(".") in TITLE_ABBREVIATIONS:  # "said Troy police Lt. Gerry Scherlinck", split after "Lt."
        officer = next((ctx.index.by_id.get(ctx.entity_at.get(t.i, "")) for t in doc[tok.i + 1:tok.i + 4]
                        if t.i in ctx.entity_at), None)
        if officer is not None and officer.type == "PERSON":
            mention = Span(ctx.article.id, tok.idx, tok.idx + len(tok.text), tok.text)
            return Speaker(officer.name, officer.id, False, mention)
    start, end = noun_phrase(tok)
    s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    behalf = _on_behalf_of(tok, start)
    if behalf is not None:  # "Attorneys for Boston Marathon bomber Dzhokhar Tsarnaev say": the attorneys speak
        s_char = behalf.idx
        said = text[s_char:e_char]
        if said.count("(") > said.count(")"):  # a pronunciation guide cut by the phrase's end
            e_char = s_char + len(said[:said.rindex("(")].rstrip())
        return Speaker(text[s_char:e_char], None, False, Span(ctx.article.id, s_char, e_char, text[s_char:e_char]))
    phrase = text[s_char:e_char]
    span = Span(ctx.article.id, s_char, e_char, phrase)
    # 1. a mention of a story entity (the head itself, not a modifier as in "US officials")
    eid = ctx.entity_at.get(tok.i)
    if eid is None or tok.pos_ == "NOUN":  # "Her lawyer, Gail Moreno, said", "spokesman Lt. John Corina says":
        # the name beside the role; beside a name the tagger missed ("Maral, a resident of Ashgabat, said"), only a
        # name in apposition itself, never one deeper in the apposition
        beside = _beside(tok) if tok.pos_ != "PROPN" else [c for c in tok.children if c.dep_ == "appos"]
        eid = next((e for t in beside if (e := ctx.entity_at.get(t.i)) is not None
                    and getattr(ctx.index.by_id.get(e), "type", "") == "PERSON"), eid)
    ent = ctx.index.by_id.get(eid) if eid else None
    if ent is not None and ent.type != "PERSON":  # "Inspector-General of Police Khalid Abu Bakar": the person
        person = next((p for i in range(start, end) if (p := ctx.index.by_id.get(ctx.entity_at.get(i, ""))) is not None
                       and p.type == "PERSON"), None)
        ent = person or ent
    if (ent is None or ent.type in _MUTE_TYPES) and tok.pos_ == "PROPN":
        ent = ctx.nearest_namesake(tok.text, tok.idx) or ent  # "Plouffe said", the tagger taking Plouffe for a place
    if ent is not None:
        if ent.type in _MUTE_TYPES:
            return Speaker(None, None, False, None)  # "the Java Sea", "VX": places and things say nothing
        return Speaker(ent.name, ent.id, False, span)
    if tok.ent_type_ in _MUTE_TYPES:
        return Speaker(None, None, False, None)
    if tok.pos_ == "PROPN":
        ent = ctx.index.lookup(" ".join(t.text for t in doc[start:end] if t.pos_ == "PROPN"))
        if ent is not None and ent.type == "PERSON" and sum(t.pos_ == "PROPN" for t in doc[start:end]) == 1:
            ent = ctx.nearest_namesake(tok.text, tok.idx) or ent  # "Richard said": the Richard named last
        if ent is not None:
            return Speaker(ent.name, ent.id, False, span)
        names = [t.text for t in doc[start:end] if t.pos_ == "PROPN"]
        name = " ".join(name_tokens(" ".join(names))) or phrase
        return Speaker(None if is_debris(name) else name, None, False, span)
    # 2. a role description that fits one person of the story ("the US President")
    det = doc[start].lower_
    head = low
    if ABBREVIATIONS.get(head, head).split()[-1] in ROLE_HEADS and det not in INDEFINITE \
            and not _for_someone_else(tok):  # "the PM": the prime minister
        ent = ctx.index.resolve_description(phrase)
        if ent is not None:
            return Speaker(ent.name, ent.id, False, span)
    # 3. an unnamed source: new ("a senior official") or one named earlier ("the official")
    if head in ANON_HEADS or (head in ROLE_HEADS and det in INDEFINITE):
        bare = phrase
        if det in INDEFINITE | {"the", "this", "that", "these", "those"} and start < end - 1:
            bare = text[doc[start + 1].idx:e_char]
        if det in {"the", "this", "that", "these", "those"}:
            for at, desc in reversed(ctx.anon_sources):
                if at < s_char and (desc.split()[-1].lower() == head or desc.lower().endswith(bare.lower())):
                    return Speaker(desc, None, True, span)
        return Speaker(bare, None, True, span)
    if head in ROLE_HEADS and det in {"the", "his", "her", "their", "its"}:
        ent = ctx.last_entity_before(tok.idx, {"PERSON"}, subjects_first=False)
        if ent is not None and any(head in d.lower() for d in ent.descriptions):
            return Speaker(ent.name, ent.id, False, span)
    if det == "the" and head in PERSON_NOUNS and tok.tag_ == "NN":
        # 4. "the orphaned teenager told ...", "the friend added" right after the article named that person
        gender = GENDER_WORDS.get(head)
        ent = ctx.last_entity_before(tok.idx, {"PERSON"}, gender=gender)
        last = max((ctx.doc[ti].idx for ti, eid in ctx.entity_at.items()
                    if ent is not None and eid == ent.id and ctx.doc[ti].idx < tok.idx), default=-1)
        if ent is not None and tok.idx - last < 500 and (gender is None or ctx.genders.get(ent.id, gender) == gender):
            return Speaker(ent.name, ent.id, False, span)
    if head in _DOCUMENTS | _FINDINGS | _WRITINGS:
        author = _author_of(tok, ctx)  # "said the article, authored by historian Per Anders Rudling"
        if author is not None:
            return Speaker(author.name, author.id, False, span)
    if det in {"the", "a", "an", "this"} and head in _DOCUMENTS | _FINDINGS:
        # 5. "the report continues" after "the EPA report": the report speaks for whoever issued it; so does
        # "a review ... found" in the paragraph that cites "the EPA report"
        para = text.rfind("\n", 0, tok.idx)
        for prev in reversed(doc[max(0, tok.i - 400):tok.i]):
            if prev.lower_ != head and not (det != "the" and prev.lower_ in _DOCUMENTS and prev.idx > para):
                continue
            owner = next((ctx.entity_at[c.i] for c in prev.children
                          if c.dep_ in {"compound", "poss"} and c.i in ctx.entity_at), None)
            ent = ctx.index.by_id.get(owner) if owner else None
            if ent is not None and ent.type in _VOICES:
                return Speaker(ent.name, ent.id, False, span)
    if not any(ch.isalpha() for ch in phrase) or is_debris(phrase):
        return Speaker(None, None, False, None)
    if MUTE_NOUNS.intersection({low, tok.lemma_.lower()}):
        return Speaker(None, None, False, None)  # "the rise", "the bloodstains": not who speaks
    return Speaker(phrase, None, False, span)


def _group_before(pronoun: "Token") -> "Token | None":
    """The subject "they" most likely stands for: the nearest plural subject ("residents", "the Sox") or pair of
    subjects ("Mark and Condon") in its sentence or the two before, within its paragraph or the one before."""
    doc = pronoun.doc
    first = pronoun.sent.start
    for _ in range(2):
        if first > 0:
            first = doc[first - 1].sent.start
    breaks = 0
    for t in reversed(doc[first:pronoun.i]):
        breaks += doc_text(doc).count("\n\n", t.idx, t.idx + len(t.text_with_ws))
        if breaks > 1:
            return None
        if t.dep_ not in SUBJ_DEPS or t.pos_ not in {"NOUN", "PROPN"} or t.head.dep_ not in {"ROOT", "conj"}:
            continue  # "residents complained that relief operations were slow": the residents, who complain
        if t.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"} for c in t.children):
            return t
    return None


def _author_of(doc_noun: "Token", ctx: ArticleContext) -> Entity | None:
    """Who wrote or issued a document the sentence names: "the article, authored by X", "a study by X"."""
    for t in doc_noun.subtree:
        if t.lower_ == "by" and t.dep_ in {"agent", "prep"} and t.i - doc_noun.i <= 8:
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            ent = ctx.index.by_id.get(ctx.entity_at.get(obj.i, "")) if obj is not None else None
            if ent is not None and ent.type in {"PERSON", "ORG"}:
                return ent
    return None


def anonymous_sources(doc: "Doc") -> list[tuple[int, str]]:
    """Unnamed sources an article introduces ("a senior administration official"), with their offsets."""
    out: list[tuple[int, str]] = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lower_ not in ANON_HEADS or chunk[0].lower_ not in INDEFINITE or len(chunk) < 2:
            continue
        if any(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in chunk):
            continue
        bare = doc[chunk.start + 1:root.i + 1].text
        if "\n" not in bare:
            out.append((chunk.start_char, bare))
    return out


# Words that give a person's gender when they stand as a title or description of that person.
GENDER_WORDS = {
    **dict.fromkeys("mr sir lord father husband son brother man boy widower grandfather uncle nephew boyfriend "
                    "spokesman congressman chairman king prince actor".split(), "m"),
    **dict.fromkeys("mrs ms miss madam lady dame mother wife daughter sister woman girl widow grandmother aunt niece "
                    "girlfriend spokeswoman congresswoman chairwoman queen princess actress".split(), "f"),
}


# Photo captions and credits: page furniture, never the subject of the next sentence nor a claim.
CAPTION = re.compile(r"(?:Image caption|Image copyright|Photo|Caption|Media caption)\b|[|]\s*(?:Getty|AP|Reuters|AFP)\b",
                     re.IGNORECASE)


def introduced_speakers(found: Sequence[Any], ctx: ArticleContext) -> None:
    """A quote with no cue that opens right after sentences naming one person in its paragraph ("Lucille Simon, 24,
    had to stay at a friend's house. “I am terrified.”") is that person's, not the one quoted before.

    ``found`` holds the article's quotes in reading order (``start``, ``end``, ``kind``, ``speaker``).
    """
    text = ctx.article.text
    for k, f in enumerate(found):
        if f.kind != "direct" or f.speaker is not None or f.chain_next or f.start < 2 \
                or text[f.start - 1] not in "“\"'‘":
            continue
        para = text.rfind("\n", 0, f.start) + 1
        lead = text[para:f.start - 1].rstrip()
        if not lead.endswith((".", "!", "?")) or any(para <= g.start < f.start for g in found[:k]):
            continue  # the quote does not open after a sentence of its own paragraph, or another quote comes first
        people: dict[str, list[Token]] = {}  # people the paragraph makes subjects, not ones named in passing
        for ti, eid in ctx.entity_at.items():
            tok = ctx.doc[ti]
            ent = ctx.index.by_id.get(eid)
            if para <= tok.idx < f.start and ent is not None and ent.type == "PERSON" and (
                    tok.dep_ in SUBJ_DEPS or (tok.dep_ == "compound" and tok.head.dep_ in SUBJ_DEPS)):
                people.setdefault(eid, []).append(tok)
        if len(people) != 1:
            continue
        eid, toks = next(iter(people.items()))
        ent = ctx.index.by_id[eid]
        first = toks[0]
        f.speaker = Speaker(ent.name, ent.id, False,
                            Span(ctx.article.id, first.idx, first.idx + len(first.text), first.text))
