"""Story entities: NER mentions merged across articles, repaired with story context, with titles and descriptions."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Settings
from ..ingest.furniture import hover_card_regions
from ..model import Article, Entity, Span
from .namesakes import merge_hyphenated, merge_nicknames, merge_short_forms
from .namesakes import name_tokens as name_tokens  # re-exported: name words are read with the entities
from .roles import (
    FACILITY_TAILS,
    VEHICLE_TAILS,
    VESSEL_PREFIXES,
    GENERIC_ROLES,
    HONORIFICS,
    ORG_TAILS,
    PLATFORMS,
    PORTFOLIOS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_QUALIFIERS,
    TITLE_ABBREVIATIONS,
    TITLE_GENDER,
    country_key,
    given_name_gender,
    is_debris,
    place_key,
    role_profile,
    strip_possessive,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

NEVER_NAMED = frozenset({"official", "officials", "source", "sources", "person", "people", "officer", "officers",
                         "aide", "aides", "insider", "staffer", "member", "employee", "witness", "resident"})
KEPT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC"}
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
_CONNECTORS = {"of", "for", "and", "&"}
_LEAD_DET = re.compile(r"^(?:the|The|THE)\s+")
_KIN = re.compile(r"(\w+)(?:'s|’s)\s+(?:mother|father|wife|husband|widow|widower|son|daughter|brother|sister|cousin)"
                  r",?\s+$")


def _kin_of_namesake(text: str, start: int, surname: str) -> bool:
    """ "Funnye's mother, Verdelle Robinson Funnye": a relative of someone the story calls by the same surname."""
    m = _KIN.search(text[max(0, start - 40):start])
    return m is not None and m.group(1) == surname
# Parts of speech a name's first word never has ("Older Samsung features", "Joining Cooley").
_NOT_NAME_POS = frozenset({"ADJ", "ADV", "VERB", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX"})
_TRAIL = re.compile(r"(?:\s*(?:'s|’s|'|’))$")


@dataclass(slots=True)
class _Mention:
    article: str
    start: int
    end: int
    text: str
    label: str
    sent_start: int
    token_start: int
    token_end: int
    title: str = ""  # a title just before the name that tells the person's sex ("Mrs.")
    owned: bool = False  # "a Maserati", "his Maserati": a thing one has, not a person
    kin: bool = False  # "Funnye's mother, Verdelle Funnye": a relative of the one the surname stands for


@dataclass(slots=True)
class _Cluster:
    label_votes: Counter[str] = field(default_factory=Counter)
    mentions: list[_Mention] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    titled: list[str] = field(default_factory=list)  # "President Trump"

    @property
    def label(self) -> str:
        return self.label_votes.most_common(1)[0][0]


_LEGAL = re.compile(r",?\s+(?:Inc|Corp|Co|Ltd|LLC|PLC|plc|Incorporated|Corporation|Limited)\.?$")


def _norm_key(text: str) -> str:
    low = _LEAD_DET.sub("", _LEGAL.sub("", text)).replace(".", "").replace("’", "'").lower()
    return re.sub(r"\s+", " ", low).strip()


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in {"of", "the", "and", "for"} and w)


_PERSON_APPOSITION = re.compile(r",\s+(?:\d{1,3},|(?:a|an|the)\s+[^,.;]{0,50}?\b(?:student|teenager|girl|boy|woman|man"
                                r"|mother|father|son|daughter|wife|husband|resident|victim|survivor|friend)\b)")


def _titled(before: str) -> bool:
    """The words before a name end with an honorific ("Lt. ", "Mrs ")."""
    words_before = before.split()
    return bool(words_before) and before[-1:].isspace() and words_before[-1].lower().rstrip(".") in {
        h.rstrip(".") for h in HONORIFICS}


def _looks_like_person(toks: list[str], after: str) -> bool:
    """A name the tagger took for an organisation or place: a given name for one sex first, and three names or
    an apposition that only a person takes (", 34,", ", a Surabaya-born student")."""
    if not 2 <= len(toks) <= 4 or not all(t.isalpha() and t.istitle() for t in toks):
        return False
    if toks[-1].lower() in ORG_TAILS | FACILITY_TAILS or (given_name_gender(toks[0]) or ("", 0))[1] < 2:
        return False
    return len(toks) >= 3 or _PERSON_APPOSITION.match(after) is not None



def _clean_mention(ent: "SpacySpan", article: Article, common: Counter[str] | None = None) -> _Mention | None:
    """The mention without a leading 'the', stray marks or a trailing possessive; None for debris and bare titles.

    ``common`` counts the words the story writes in lower case: a "person" made only of such words that the tagger
    did not take for a proper noun ("Necessary", "Best Shot") is a common word, and one such word leading a name
    ("Older Samsung features") is not part of it.
    """
    start, end = ent.start_char, ent.end_char
    if ent.label_ == "PERSON" and common:
        words = [t for t in ent if not t.is_punct]
        if words and all(t.pos_ != "PROPN" and common[t.lower_] for t in words):
            return None
        lead = ent[0]
        if len(ent) > 1 and lead.pos_ in _NOT_NAME_POS and common[lead.lower_] and ent[1].pos_ == "PROPN":
            if len(ent) == 2:
                return None  # the tagger misread the phrase: the name's other mentions say what it is
            start = ent[1].idx
    while start < end and not article.text[start].isalnum():
        start += 1  # "� Scudamore": a quotation mark lost in decoding, glued to the name
    text = article.text[start:end]
    m = _LEAD_DET.match(text)
    if m:
        start += m.end()
    text = article.text[start:end]
    m2 = _TRAIL.search(text)
    if m2:
        end -= len(m2.group(0))
    text = article.text[start:end].rstrip(".,;:")
    end = start + len(text)
    if not text or is_debris(text) or "\n" in text:
        return None
    toks = text.split()
    while len(toks) > 1 and (toks[-1].lower().strip(".") in TITLE_ABBREVIATIONS or (
            ent.label_ != "PERSON" and toks[-1].lower() in {"and", "&"} and len(toks) > 2)):
        end = start + article.text.rfind(toks[-2], start, end) - start + len(toks[-2])
        toks = toks[:-1]  # "LAPD Cmdr." (the tagger stopping at the title): the body, not a person
        text = article.text[start:end]
    if all(t.lower().strip(".") in HONORIFICS | TITLE_ABBREVIATIONS or t.lower() in ROLE_HEADS for t in toks):
        return None
    if ent.label_ == "PERSON" and not any(t[:1].isupper() for t in toks):
        return None
    label = "ORG" if text.lower() in PLATFORMS else ent.label_
    if label in {"ORG", "GPE", "NORP"} and len(toks) >= 2 and toks[0].lower() in HONORIFICS and toks[1][:1].isupper():
        label = "PERSON"  # "Councillor Mira Holt" tagged as an organisation
    thing = len(toks) >= 2 and (toks[-1].lower() in VEHICLE_TAILS or toks[0] in VESSEL_PREFIXES)
    if label in {"PERSON", "ORG"} and thing:
        label = "PRODUCT"  # "Parker Solar Probe", "INS Mysore" tagged as an organisation or a person
    elif label == "PERSON" and len(toks) >= 2:
        tail = toks[-1].lower()
        label = "FAC" if tail in FACILITY_TAILS else "ORG" if tail in ORG_TAILS else label
    elif label == "PERSON" and len(toks) == 1 and toks[0].isupper() and toks[0].isalpha() and len(toks[0]) <= 4:
        label = "ORG"  # "VX", "NRA": a short acronym tagged as a person names a thing or a body
    elif label in {"ORG", "GPE", "NORP"} and _titled(article.text[max(0, start - 12):start]):
        label = "PERSON"  # "says Lt. Corina": a title makes a person of what the tagger took for a place
    elif label in {"ORG", "GPE", "NORP"} and _looks_like_person(toks, article.text[end:end + 80]):
        label = "PERSON"  # "Chiara Natasya Tanus, a Surabaya-born student" tagged as an organisation
    before = re.search(r"\b(\w+\.?)\s+$", article.text[max(0, start - 8):start])
    title = toks[0] if len(toks) > 1 else (before.group(1) if before else "")
    owned = re.search(r"\b(?:a|an|his|her|their|my|our|your|its|new|used)\s+$", article.text[max(0, start - 7):start])
    return _Mention(article.id, start, end, text, label, ent.sent.start_char, ent.start, ent.end,
                    title.lower() if title.lower() in TITLE_GENDER else "", owned is not None,
                    _kin_of_namesake(article.text, start, toks[-1]))


def _title_before(doc: "Doc", tok_start: int) -> str | None:
    """Title words right before a name ("US Director of National Intelligence", "Chinese foreign minister")."""
    i = tok_start - 1
    first = tok_start
    sent_start = doc[tok_start].sent.start
    while i >= sent_start:
        t = doc[i]
        low = t.lower_
        if t.is_punct and low not in {"’s", "'s"}:
            break
        if low in {"and", "&"} and i > sent_start and doc[i - 1].ent_type_ in {"PERSON", "GPE"}:
            break  # "Brandau and sheriff's Deputy Hoyt Teasley": a list of people, the title is the last one's
        if low in {"’s", "'s"} or low in _CONNECTORS:
            pass
        elif t.is_title or t.is_upper or low in ROLE_HEADS or low in ROLE_MODIFIERS or low in ROLE_QUALIFIERS \
                or low.strip(".") in HONORIFICS:  # "opposition leader Anwar Ibrahim"
            adjective_next_to_name = t.is_lower and t.pos_ == "ADJ" and i == tok_start - 1  # "his official Twitter"
            if t.pos_ in {"VERB", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ"} or adjective_next_to_name:
                break  # "But District Attorney Paul Howard": the sentence's first word is no title
        else:
            break
        first = i
        i -= 1
    while first < tok_start and (doc[first].lower_ in _CONNECTORS or doc[first].lower_ in {"’s", "'s"}):
        first += 1
    if first >= tok_start:
        return None
    span = doc[first:tok_start]
    name = doc[tok_start]
    while name.dep_ in {"compound", "flat"} and name.head.i != name.i:
        name = name.head
    clause = name.head
    after = doc[name.i + 1] if name.i + 1 < len(doc) else None
    reduced = after is not None and after.tag_ == "VBD" and name.dep_ not in {"nsubj", "nsubjpass"} and not any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.i >= first for c in after.children)
    if reduced or (name.dep_ in {"nsubj", "nsubjpass"} and clause.dep_ in {"relcl", "acl"}
                   and first <= clause.head.i < tok_start):
        return None  # "the widow of a sheriff's deputy Nichols murdered": the deputy is whom Nichols killed
    if not any((t.lower_ in ROLE_HEADS and t.pos_ in {"NOUN", "PROPN"}) or t.lower_.strip(".") in HONORIFICS
               for t in span):
        return None
    text = span.text.strip()
    return None if is_debris(text) else text


def _appositive(doc: "Doc", m: _Mention) -> str | None:
    """An appositive right after the name ("Wang Yi, China's State Councilor and ..."), closed by punctuation."""
    for tok in doc[m.token_start : m.token_end]:
        for child in tok.children:
            if child.dep_ != "appos" or child.i < m.token_end:
                continue
            lo, hi = child.left_edge.i, child.right_edge.i
            if lo != m.token_end + 1 or doc[m.token_end].text != ",":
                continue
            while hi > lo and doc[hi].is_punct:
                hi -= 1
            after = doc[hi + 1] if hi + 1 < len(doc) else None
            if after is not None and not after.is_punct and after.text.strip():
                continue
            span = doc[lo : hi + 1]
            if not any(t.lower_ in ROLE_HEADS for t in span) or len(span) > 14:
                continue
            if doc[hi].lower_.strip(".") in HONORIFICS | TITLE_ABBREVIATIONS:
                continue  # "Julie Brandau, Sheriff's Deputy Sgt. Hoyt Teasley and ...": the next name's title
            return span.text
    return None


def _role_before(doc: "Doc", m: _Mention) -> str | None:
    """A role the name stands in apposition to ("the prosecutor, Mustafa Suleiman"): that role, without its article."""
    head = doc[m.token_end - 1]
    role = head.head
    if head.dep_ != "appos" or role.i >= m.token_start or role.lower_ not in ROLE_HEADS or role.pos_ != "NOUN":
        return None
    span = doc[role.left_edge.i:role.i + 1]
    text = _LEAD_DET.sub("", span.text.strip())
    return None if is_debris(text) or len(span) > 8 else text


def _inside_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks of its paragraph (names said by a speaker, not the writer)."""
    para = text.rfind("\n", 0, pos) + 1
    before = text[para:pos]
    if "“" in before or "”" in before:
        return before.count("“") > before.count("”")
    return before.count('"') % 2 == 1


def _lowercase_words(articles: Sequence[Article]) -> Counter[str]:
    return Counter(w for a in articles for w in re.findall(r"\b[a-z][a-z-]+\b", a.text))


def _collect(articles: Sequence[Article], docs: Mapping[str, "Doc"]) -> list[_Mention]:
    out: list[_Mention] = []
    common = _lowercase_words(articles)
    for art in articles:
        doc = docs.get(art.id)
        if doc is None:
            continue
        debris = hover_card_regions(art.text)
        for ent in doc.ents:
            if any(s <= ent.start_char < e for s, e in debris):
                continue
            if ent.label_ in KEPT_LABELS:
                m = _clean_mention(ent, art, common)
                # a one-word "name" the story also writes in lower case is a common word ("Trade")
                if m is not None and not (" " not in m.text and m.label == "ORG" and m.text.istitle()
                                          and common[m.text.lower()] > 0 and _inside_quote(art.text, m.start)):
                    out.append(m)
    return out


_DEMONYM_ENDS = ("an", "ese", "ish", "i", "ic", "ist", "s")


def _merge(mentions: list[_Mention]) -> list[_Cluster]:
    """Groups mentions into clusters: people by full name and surname, other names by key and acronym."""
    persons: dict[tuple[str, str], _Cluster] = {}
    # 1. people with a first and last name
    for m in mentions:
        toks = name_tokens(m.text)
        if m.label == "PERSON" and len(toks) >= 2:
            key = (toks[0].lower().replace(".", ""), toks[-1].lower())  # "J.K. Shin" is "JK Shin"
            persons.setdefault(key, _Cluster()).mentions.append(m)
    merge_hyphenated(persons)
    merge_short_forms(persons)
    merge_nicknames(persons)
    by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in persons:
        by_last[key[1]].append(key)
        by_first[key[0]].append(key)
    person_words = Counter(name_tokens(m.text)[0].lower() for m in mentions
                           if m.label == "PERSON" and len(name_tokens(m.text)) == 1)
    singles: dict[str, _Cluster] = {}
    others: dict[str, _Cluster] = {}
    for m in mentions:
        toks = name_tokens(m.text)
        if not toks:
            continue
        if m.label == "PERSON" and len(toks) >= 2:
            continue
        word = toks[0].lower() if len(toks) == 1 else ""
        # 2. one-word names: the surname (or first name) of a known person; NER labels repaired from the story
        target: tuple[str, str] | None = None
        # a group word that is no nationality ("Peavy said" tagged NORP) is a known person's surname too
        group_word = m.label == "NORP" and country_key(word) is None and not word.endswith(_DEMONYM_ENDS)
        if word and (m.label in {"PERSON", "ORG"} or person_words[word] or (group_word and word in by_last)):
            # a body's name may be a known person's surname ("Trump" tagged ORG, or "Wang" of Wang Yi), never the
            # first word of a model name the tagger took for a person ("Samsung" of "Samsung Galaxy S5")
            cands = by_last.get(word) or [k for k in by_first.get(word, []) if m.label != "ORG" or k[1].isalpha()]
            title = TITLE_GENDER.get(m.title)
            if title:  # "Mrs. Joyce" is not Dave Joyce: his wife keeps her own entity
                cands = [k for k in cands if (given_name_gender(k[0].title()) or (title, 0))[0] == title]
            # a relative named beside the one the story is about ("Funnye's mother, Verdelle Funnye") is never
            # what the bare surname means in that article
            cands = [k for k in cands if not (here := [o for o in persons[k].mentions if o.article == m.article])
                     or not all(o.kin for o in here)]
            if cands:
                target = _nearest_namesake(m, cands, persons)
        if target is not None:
            persons[target].mentions.append(m)
            continue
        if m.label == "PERSON":
            singles.setdefault(word or " ".join(toks).lower(), _Cluster()).mentions.append(m)
            continue
        others.setdefault(_norm_key(m.text), _Cluster()).mentions.append(m)
    # 3. a one-word "person" that other outlets tag as ORG is still that person ("Trump" as ORG)
    for word, cl in list(singles.items()):
        if word not in others:
            continue
        org = others[word]
        if len(org.mentions) >= 3 * len(cl.mentions) + 3 or any(_LEGAL.search(m.text) for m in org.mentions):
            org.mentions.extend(singles.pop(word).mentions)  # "Qualcomm" beside "Qualcomm Inc." is the company
        else:
            cl.mentions.extend(others.pop(word).mentions)
    # 3b. a multi-word "person" that the story more often tags as something else is that other thing
    for key, cl in list(persons.items()):
        hit = next((k for k in (_norm_key(m.text) for m in cl.mentions) if k in others), None)
        if hit is not None and len(others[hit].mentions) >= len(cl.mentions):
            others[hit].mentions.extend(persons.pop(key).mentions)
    # 4. acronyms and longer forms of other names ("UN" = "United Nations", "Security Council" in "UN Security Council")
    keys = sorted(others, key=lambda k: -len(k))
    alias_of: dict[str, str] = {}
    for k in keys:
        for long in keys:
            if long == k or long in alias_of or len(long) <= len(k):
                continue
            if (" " not in k and len(k) <= 5 and _initials(long) == k) or (
                k.count(" ") >= 1 and long.endswith(" " + k)
            ):
                alias_of[k] = long
                break
    for k, long in alias_of.items():
        root = long
        while root in alias_of:
            root = alias_of[root]
        if k in others and root in others:
            others[root].mentions.extend(others.pop(k).mentions)
    people = {id(c) for c in persons.values()} | {id(c) for c in singles.values()}
    clusters = list(persons.values()) + list(singles.values()) + list(others.values())
    for cl in clusters:
        for m in cl.mentions:
            cl.label_votes[m.label] += 1
        if id(cl) in people:
            cl.label_votes["PERSON"] += len(cl.mentions) + 1
            if 2 * sum(m.owned for m in cl.mentions) >= len(cl.mentions) and all(
                    len(name_tokens(m.text)) == 1 for m in cl.mentions):
                cl.label_votes["PRODUCT"] += 3 * len(cl.mentions) + 2  # "drove a Maserati": a brand, not a man
    return clusters


def _nearest_namesake(m: _Mention, cands: list[tuple[str, str]], persons: dict[tuple[str, str], _Cluster]
                      ) -> tuple[str, str]:
    """Which of several people sharing a surname a bare "Richard" means: the one named last before it there."""
    if len(cands) == 1:
        return cands[0]
    best: tuple[int, tuple[str, str]] | None = None
    for key in cands:
        for other in persons[key].mentions:  # mentions that carry the shared name, not "Martin" alone
            if other.article == m.article and m.text.lower() in (w.lower() for w in name_tokens(other.text)):
                dist = m.start - other.start if other.start < m.start else 10**6 + other.start - m.start
                if best is None or dist < best[0]:
                    best = (dist, key)
    if best is not None:
        return best[1]
    return max(cands, key=lambda k: len(persons[k].mentions))


def _name(cl: _Cluster) -> str:
    """The most frequent full form; people prefer a first-and-last name."""
    forms = Counter(m.text for m in cl.mentions)
    if cl.label == "PERSON":
        full = Counter({" ".join(name_tokens(f)): n for f, n in forms.items() if len(name_tokens(f)) >= 2})
        if full:
            return max(full, key=lambda f: (full[f], -abs(len(f.split()) - 2), len(f)))
        return " ".join(name_tokens(forms.most_common(1)[0][0]))
    long = [f for f in forms if len(f) > 3 or not f.replace(".", "").isupper()]
    pool = Counter({f: forms[f] for f in long}) if long else forms
    return max(pool, key=lambda f: (pool[f], len(f)))


# Roles of someone sent on another's behalf, and the roles of those who send them.
_SENT_ROLES = frozenset({"representative", "envoy", "delegate", "diplomat", "ambassador"})
_HEADS_OF_STATE = frozenset({"president", "prime minister", "premier", "king", "queen", "chancellor", "leader"})


class EntityIndex:
    """Looks up story entities by name, surname, title or description."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = list(entities)
        self.by_id = {e.id: e for e in entities}
        self._names: dict[str, str] = {}
        self.places: dict[str, str] = {}
        for e in entities:
            if e.type in PLACE_LABELS:
                for a in [e.name, *e.aliases]:
                    self.places[strip_possessive(a).lower()] = place_key(a)
        for e in sorted(entities, key=lambda x: -sum(x.mentions.values())):
            for a in [e.name, *e.aliases]:
                self._names.setdefault(_norm_key(a), e.id)
                if e.type == "PERSON":
                    toks = name_tokens(a)
                    for t in toks[-1:] + toks[:1]:
                        self._names.setdefault(_norm_key(t), e.id)
        self.roles: dict[str, list[tuple[str | None, set[str]]]] = {}
        for e in entities:
            if e.type == "PERSON":
                self.roles[e.id] = [role_profile(d, self.places) for d in e.descriptions]

    def lookup(self, name: str) -> Entity | None:
        """The entity a name, surname or titled name refers to."""
        key = _norm_key(strip_possessive(name.strip()))
        eid = self._names.get(key)
        if eid is None:
            toks = name_tokens(name)
            if toks:
                eid = self._names.get(_norm_key(" ".join(toks))) or self._names.get(_norm_key(toks[-1]))
        return self.by_id.get(eid) if eid else None

    def resolve_description(self, text: str) -> Entity | None:
        """The one person a role description fits ("the US President", "China's representative on the ...")."""
        role, places = role_profile(text, self.places)
        if role is None or role in NEVER_NAMED:
            return None
        exact: list[str] = []
        by_place: list[str] = []
        for eid, profiles in self.roles.items():
            for prole, pplaces in profiles:
                if prole == role and (not places or not pplaces or places & pplaces):
                    exact.append(eid)
                    break
            else:
                if places and any(places & pp for _, pp in profiles) and (
                    role in GENERIC_ROLES or any(pr is not None and role in pr for pr, _ in profiles)
                ) and not (role in _SENT_ROLES and any(pr in _HEADS_OF_STATE for pr, _ in profiles)):
                    by_place.append(eid)  # "China's representative" may be its minister, never its president
        if len(set(exact)) == 1:
            return self.by_id[exact[0]]
        if not exact and len(set(by_place)) == 1:
            return self.by_id[by_place[0]]
        if not exact and not by_place and " " not in role:  # "the minister": the story's one minister of any
            kinds = {eid for eid, profiles in self.roles.items() for prole, pplaces in profiles  # portfolio
                     if prole is not None and prole.split()[0] in PORTFOLIOS and prole.endswith(" " + role)
                     and (not places or not pplaces or places & pplaces)}
            if len(kinds) == 1:
                return self.by_id[kinds.pop()]
        return None


def _standalone_descriptions(doc: "Doc", article: Article, taken: set[int]) -> list[tuple[int, int, str]]:
    """Definite role phrases not attached to a name ("the US President", "China’s representative on the ...")."""
    out: list[tuple[int, int, str]] = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lower_ not in ROLE_HEADS or root.tag_ in {"NNS", "NNPS"} or root.i in taken:
            continue
        if any(t.ent_type_ == "PERSON" for t in chunk):
            continue
        nxt = doc[chunk.end] if chunk.end < len(doc) else None
        if nxt is not None and nxt.ent_type_ == "PERSON":
            continue
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in root.children):
            continue  # "the prosecutor, Mustafa Suleiman": the name stands beside it
        first = chunk[0]
        if not (first.lower_ in {"the", "its", "his", "her", "their"} or any(t.dep_ == "poss" for t in chunk)):
            continue
        end_tok = chunk.end
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in {"on", "at", "to", "for", "of"}:
                end_tok = max(end_tok, child.right_edge.i + 1)
        span = doc[chunk.start:end_tok]
        text = article.text[span.start_char:span.end_char]
        if not is_debris(text):
            out.append((span.start_char, span.end_char, text))
    return out


def build_entities(articles: Sequence[Article], docs: Mapping[str, "Doc"],
                   settings: Settings | None = None) -> list[Entity]:
    """People, organisations and places of the story, merged across its articles."""
    mentions = _collect(articles, docs)
    clusters = _merge(mentions)
    arts = {a.id: a for a in articles}
    rank = {a.id: i for i, a in enumerate(articles)}
    for cl in clusters:
        if cl.label != "PERSON":
            continue
        for m in cl.mentions:
            doc = docs[m.article]
            title = _title_before(doc, m.token_start)
            if title and not _inside_quote(arts[m.article].text, m.start):
                cl.descriptions.append(title)  # "Sen." alone still gives a role: the senator
                tw = title.split()
                if tw[-1].lower().strip(".") in HONORIFICS and tw[-1][:1].isupper():
                    short = title if len(tw) <= 3 and all(w[:1].isupper() for w in tw) else tw[-1]
                    cl.titled.append(f"{short} {m.text}")
            appos = _appositive(doc, m) or _role_before(doc, m)
            if appos:
                cl.descriptions.append(appos)
    order = sorted(
        (cl for cl in clusters if cl.mentions),
        key=lambda c: (-len(c.mentions), rank[c.mentions[0].article], c.mentions[0].start),
    )
    entities: list[Entity] = []
    for n, cl in enumerate(order, 1):
        name = _name(cl)
        forms = list(dict.fromkeys([m.text for m in cl.mentions] + cl.titled))
        counts = Counter(m.article for m in cl.mentions)
        spans = sorted({(m.article, m.start, m.end) for m in cl.mentions})
        entities.append(Entity(
            id=f"e{n}", name=name, type=cl.label,
            aliases=[f for f in forms if f != name],
            descriptions=list(dict.fromkeys(cl.descriptions)),
            mentions={a.id: counts[a.id] for a in articles if counts[a.id]},
            spans=[Span(a, s, e, arts[a].text[s:e]) for a, s, e in spans],
        ))
    # descriptions used alone resolve through the roles and places the story gives each person
    index = EntityIndex(entities)
    taken = {m.token_start for m in mentions}
    for art in articles:
        adoc = docs.get(art.id)
        if adoc is None:
            continue
        for start, end, text in _standalone_descriptions(adoc, art, taken):
            if _inside_quote(art.text, start):
                continue
            ent = index.resolve_description(text)
            if ent is None:
                continue
            ent.mentions[art.id] = ent.mentions.get(art.id, 0) + 1
            ent.spans.append(Span(art.id, start, end, text))
            if len(words(text)) > 2 and text not in ent.descriptions:
                ent.descriptions.append(text)
    for e in entities:
        e.spans.sort(key=lambda s: (rank.get(s.article, 0), s.start))
    return entities
