"""Statements: each article split once into sentences and self-contained clauses with their offsets, and what each
asserts (terms, names, figures and what they count, dates and times, negations, frames). Facts, claims, the timeline
and the pair model all read these."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..ingest.debris import is_bare_clock
from ..ingest.furniture import is_boilerplate_line, is_furniture, is_label, is_loose_line, is_page_note
from ..model import Article, Entity, Sentence, Span
from ..nlp import sentences as split_sentences
from .figures import (count_role, counts_nothing, governing_verb, hypothetical, member_or_conversion, partitive,
                      rising_count, scoped)
from .words import NORMAL, REPORTING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as DocSpan, Token

_WORD_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
                 "dozen": "12", "hundred": "100", "thousand": "1000", "million": "1e6", "billion": "1e9"}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUM_ENTS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
_NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Classes of predicates that outlets word differently but mean alike.
FRAMES: dict[str, str] = {
    "deny": r"den(?:y|ies|ied|ying|ial)|reject|refus|dismiss|rebuff|push(?:es|ed|ing)? back|rebut|"
            r"(?:did|do|does) not and will not|unwarranted",
    "accuse": r"accus|alleg|claim|charg(?:e|ed|es|ing) that",
    "no_evidence": r"no (?:concrete |hard |real )?(?:evidence|proof)|without (?:offering |providing )?(?:any )?"
                   r"(?:evidence|proof)|scant (?:details|evidence)|(?:not|never) (?:say|said|offer|provide|give|"
                   r"present)\w* (?:what |any )?(?:evidence|proof)|unsubstantiated|offered no",
}
_FRAME_RES = {k: re.compile(r"\b(?:" + v + r")", re.I) for k, v in FRAMES.items()}
STRONG_FRAMES = {"deny", "no_evidence"}
_ATTRIBUTING = REPORTING | {"announce", "explain", "write", "claim", "insist", "argue", "confirm"}
_RELATIVE = re.compile(r"\b(next|last|this|coming|past|previous)\s+(week|month|year|weekend)\b", re.I)
_DAY_PARTS = ("morning", "afternoon", "evening", "night")
_DAY_WORDS = re.compile(r"\b(?:today|tonight|tomorrow|yesterday)\b", re.I)
QUOTE_CHARS = "\"“”‘’'«»"
# words that make a figure or a time a bound or an estimate: "at least six", "about 10:40 p.m."
_HEDGE = re.compile(r"\b(?:at least|at most|about|around|nearly|almost|approximately|roughly|some|more than|over|"
                    r"up to|fewer than|less than|under|as many as|as much as|estimated|an estimated|shortly|"
                    r"just|close to|upwards of|or so)\W*$", re.I)
# the hedges that make a value an estimate rather than a bound: "about 10:40 p.m.", "around 2,500 degrees"
# the hedges that make a figure a floor: "at least nine", "more than 100"
_LOWER = re.compile(r"\b(?:at least|more than|over|upwards of|no fewer than|no less than)\W*$", re.I)
# the hedges that make a figure a ceiling: "up to 80", "as many as 20", "nearly 100"
_UPPER = re.compile(r"\b(?:at most|up to|fewer than|less than|under|as many as|as much as|nearly|almost|"
                    r"no more than)\W*$", re.I)
_APPROX = re.compile(r"\b(?:about|around|approximately|roughly|an estimated|estimated|close to)\W*$", re.I)
_TIME_BOUND = re.compile(r"\b(?:before|after|by|until|till|since|no later than|no earlier than)\W*$", re.I)
# which way a bound on a time points, an estimate inside it or not: "shortly before 9pm", "until about 5 a.m."
_BOUND_WAY = re.compile(r"\b(?:(before|by|until|till|no later than)|(after|since|no earlier than))\W*"
                        r"(?:about |around |approximately |roughly )?$", re.I)
# a time that dates what is known, not an event: "As of 11 p.m. the search went on", "At this point (10:30 p.m.)"
_AS_OF = re.compile(r"(?:\bas of|\()\s*$", re.I)
# "10:40 p.m.", "8.49pm" (British), "3: 10 p. m." (text set with spaces around its punctuation)
_CLOCK = re.compile(r"\b(\d{1,2})(?:\s?[:.]\s?(\d\d))?\s*([ap])\.?\s?m\b\.?", re.I)
_MONTH_DAY = re.compile(r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                        r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(\d{1,2})(?!\d|,\s*\d{3}|:)\b")
_PARA = re.compile(r"\n\s*\n")
_LEADING = re.compile(r"^[\"”’']+\s+|^\s+")


@dataclass(slots=True)
class Unit:
    """A sentence or clause of one article, with the features alignment compares."""

    article: str
    order: int
    start: int
    end: int
    text: str
    terms: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # entity key -> label
    roles: set[tuple[str, str, str, str]] = field(default_factory=set)  # (label, dep, head lemma, key)
    name_text: dict[str, str] = field(default_factory=dict)  # entity key -> surface text
    numbers: dict[str, str] = field(default_factory=dict)  # normalised value -> surface text
    dates: dict[str, dict[str, str]] = field(default_factory=dict)  # year|month|weekday -> value -> text
    negated: dict[str, str] = field(default_factory=dict)  # verb lemma -> surface text (negated verbs)
    affirmed: dict[str, str] = field(default_factory=dict)  # verb lemma -> surface text (plain verbs)
    frames: set[str] = field(default_factory=set)
    content: list[str] = field(default_factory=list)  # terms outside the attribution ("X said"): what is stated
    counted: set[str] = field(default_factory=set)  # nouns that a number counts ("14 people" -> "people")
    quantities: dict[str, dict[str, str]] = field(default_factory=dict)  # counted noun -> value -> surface text
    hedged: set[str] = field(default_factory=set)  # values given as a bound or estimate ("at least six")
    approximate: set[str] = field(default_factory=set)  # the hedged values given as estimates ("about 10:40 p.m.")
    floors: set[str] = field(default_factory=set)  # the hedged values given as a least count ("at least nine")
    ceilings: set[str] = field(default_factory=set)  # the hedged values given as a most count ("up to 80")
    # figures of what may, would or was to happen, not of what did: "could kill 50", "was supposed to get 222"
    hypothetical: set[str] = field(default_factory=set)
    count_roles: dict[str, str] = field(default_factory=dict)  # value -> what the counted did or had done to them
    rising: set[str] = field(default_factory=set)  # values of tolls and running totals, which change as news comes in
    times: dict[str, str] = field(default_factory=dict)  # clock time ("22:40") -> surface text
    weekday_events: dict[str, str] = field(default_factory=dict)  # weekday -> lemma of the verb it dates
    day_events: dict[str, str] = field(default_factory=dict)  # "jan 23" -> lemma of the verb it dates
    days: dict[str, str] = field(default_factory=dict)  # month and day ("march 21") -> surface text
    day_parts: dict[str, str] = field(default_factory=dict)  # weekday -> part of that day ("saturday" -> "morning")
    noun_dated: set[str] = field(default_factory=set)  # weekdays that date an event noun ("the Monday shootings")
    time_bounds: dict[str, str] = field(default_factory=dict)  # clock time -> "before" or "after" ("until 5 a.m.")
    extra: list[Span] = field(default_factory=list)  # attached fragments (e.g. a quote's closing words)
    verbless: bool = False  # no verb at all: a specification, a list entry or a heading, which asserts nothing


def is_boilerplate(text: str, article: Article) -> bool:
    """True for credits, update notes and repeated titles: page furniture, not statements."""
    t = text.strip()
    if is_boilerplate_line(t):
        return True
    if article.title and t.rstrip(".") == article.title.strip().rstrip("."):
        return True
    return False


def _is_fragment(sent: "DocSpan") -> bool:
    """A piece too small to state anything alone, e.g. a closing quote or a dangling attribution."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < 3:
        return True
    content = [t for t in words if not t.is_stop and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")]
    return len(content) < 2 and len(words) < 5


def _clause_cuts(sent: "DocSpan") -> list[int]:
    """Character offsets where a sentence splits into independent clauses (", but …", "; …")."""
    cuts: list[int] = []
    root = sent.root
    for child in root.children:
        if child.dep_ != "conj" or child.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children):
            continue
        ccs = [c for c in root.children if c.dep_ == "cc" and root.i < c.i < child.i]
        if ccs and ccs[-1].i > sent.start and sent.doc[ccs[-1].i - 1].text in (",", ";"):
            cuts.append(ccs[-1].idx)
    for tok in sent:
        if tok.text == ";" and tok.i + 1 < sent.end:
            cuts.append(sent.doc[tok.i + 1].idx)
    return sorted(set(cuts))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces and joining punctuation."""
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _entity_index(entities: Sequence[Entity], article_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, entity id, type) of the story entities' mentions in one article."""
    out = []
    for e in entities:
        for sp in e.spans:
            if sp.article == article_id:
                out.append((sp.start, sp.end, e.id, e.type))
    return sorted(out)


def _name_key(text: str) -> str:
    t = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    t = re.sub(r"['’]s$", "", t)
    t = t.replace(".", "").lower()
    return NORMAL.get(t, t)


def _attribution(span: "DocSpan") -> set[int]:
    """Token indices of the attribution around a reported statement: the reporting verb, its subject and any
    "according to …" phrase, which say who speaks rather than what is stated."""
    out: set[int] = set()
    root = span.root
    if root.lemma_.lower() in _ATTRIBUTING and any(c.dep_ in ("ccomp", "parataxis") for c in root.children):
        out.add(root.i)
        for c in root.children:
            if c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ == "in"):
                out.update(t.i for t in c.subtree)
    for tok in span:
        if tok.lower_ == "according" and tok.i + 1 < span.end and span.doc[tok.i + 1].lower_ == "to":
            out.add(tok.i)
            out.update(t.i for t in span.doc[tok.i + 1].subtree)
    return out


def _relative_dates(text: str) -> dict[str, str]:
    """Relative time expressions ("next month", "last year", "tomorrow") keyed by direction and scale."""
    out: dict[str, str] = {}
    for m in _RELATIVE.finditer(text):
        word, unit = m.group(1).lower(), m.group(2).lower()
        direction = {"next": "+", "last": "-", "this": "0", "coming": "+", "past": "-", "previous": "-"}.get(word, "0")
        out.setdefault(direction + unit, m.group(0))
    for m in _DAY_WORDS.finditer(text):
        out.setdefault({"today": "0day", "tonight": "0day", "tomorrow": "+day", "yesterday": "-day"}[m.group(0).lower()],
                       m.group(0))
    return out


def _features(unit: Unit, span: "DocSpan", ents: list[tuple[int, int, str, str]], text: str,
              doc_ents: Sequence["DocSpan"]) -> None:
    """Fills the unit's terms, names, numbers, dates, negations and frames from its tokens."""
    terms: list[str] = []
    content: list[str] = []
    skip = _attribution(span)
    clocks = [(unit.start + m.start(), unit.start + m.end()) for m in _CLOCK.finditer(unit.text)]

    def add(term: str, tok: "Token") -> None:
        terms.append(term)
        if tok.i not in skip:
            content.append(term)

    for tok in span:
        if tok.is_punct or tok.is_space or tok.text in QUOTE_CHARS:
            continue
        low = tok.text.lower()
        if re.fullmatch(r"(?:19|20)\d\d", tok.text):
            unit.dates.setdefault("year", {})[tok.text] = tok.text
            add(tok.text, tok)
            continue
        if (tok.ent_type_ in _NUM_ENTS or tok.pos_ == "NUM") and (any(c.isdigit() for c in tok.text)
                                                                  or low in _WORD_NUMBERS) \
                and not re.search(r"\d[:.]\d\d$|^\d{1,2}(?:am|pm)$", low):
            value = _WORD_NUMBERS.get(low, tok.text.replace(",", "").lstrip("$"))
            unit.numbers.setdefault(value, tok.text)
            # a figure after its noun names one of several ("lane 1", "Group 2", "gate 5"): a label, not a count
            noun = tok.head.lemma_.lower() if tok.dep_ == "nummod" and tok.head.pos_ == "NOUN" \
                and tok.i < tok.head.i else partitive(tok)
            if counts_nothing(tok, clocks):
                noun = ""  # still a figure the statements share, but no count to compare
            if noun and (len(value) > 1 or not value.isdigit()):  # "14 people", not the everyday "two people"
                unit.counted.add(noun)
            # one member of a group and a conversion of the figure before it count nothing to compare; a part
            # "out of" a whole counts the whole's noun
            count = "" if member_or_conversion(tok) else noun or partitive(tok, out=True)
            if count:
                # what an "of" names is part of what is counted: "seven flybys of Venus" and "24 flybys of the sun"
                # count different things
                of = next((c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                what = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
                key = f"{count} of {what.lemma_.lower()}" if what is not None else count
                unit.quantities.setdefault(scoped(key, tok), {})[value] = tok.text
            before = span.doc[max(tok.i - 3, 0):tok.i].text
            if _HEDGE.search(before):
                unit.hedged.add(value)
                if _LOWER.search(before):
                    unit.floors.add(value)
                elif _UPPER.search(before):
                    unit.ceilings.add(value)
            if hypothetical(tok):
                unit.hypothetical.add(value)
            if count:
                role = count_role(tok.head if tok.dep_ == "nummod" else tok)
                if role:
                    unit.count_roles[value] = role
                if rising_count(tok.head if tok.dep_ == "nummod" else tok):
                    unit.rising.add(value)
            # a small figure alone ("two of them", "within two years") is common; it matches only with its noun
            add("#" + value if len(value) > 1 or not value.isdigit() else f"#{value}:{noun}", tok)
            continue
        if low in _MONTHS:
            unit.dates.setdefault("month", {})[low] = tok.text
        elif low in _WEEKDAYS:
            unit.dates.setdefault("weekday", {})[low] = tok.text
            event = _weekday_event(tok)
            if event:
                unit.weekday_events[low] = event
            if _event_noun(tok):
                unit.noun_dated.add(low)
            nxt = span.doc[tok.i + 1] if tok.i + 1 < len(span.doc) else None
            if nxt is not None and nxt.lower_ in _DAY_PARTS:  # "Saturday morning", "Friday night"
                # a day named with two parts ("Saturday morning ... Saturday night") gives no one part
                unit.day_parts[low] = nxt.lower_ if unit.day_parts.get(low, nxt.lower_) == nxt.lower_ else ""
        if tok.dep_ == "neg" and tok.head.pos_ in ("VERB", "AUX"):
            head = tok.head
            unit.negated[head.lemma_.lower()] = span.doc[min(tok.i, head.i): max(tok.i, head.i) + 1].text
        elif tok.pos_ == "VERB":
            if not any(c.dep_ == "neg" for c in tok.children):
                unit.affirmed.setdefault(tok.lemma_.lower(), tok.text)
        upper = tok.text.isupper() and len(tok.text) > 1
        if tok.is_stop and tok.pos_ != "PROPN" and not upper:
            continue
        lemma = tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.text.lower()
        lemma = NORMAL.get(lemma, NORMAL.get(low, lemma)).replace(".", "")
        if len(lemma) < 2 or not any(c.isalnum() for c in lemma):
            continue
        add(lemma, tok)
    # names: story entities when known, else spaCy's entities
    found = False
    for s, e, eid, etype in ents:
        if s >= unit.start and e <= unit.end:
            found = True
            unit.names[eid] = etype
            unit.name_text.setdefault(eid, text[s:e])
    for ent in doc_ents:
        if ent.start_char < unit.start or ent.end_char > unit.end:
            continue
        if found and any(s <= ent.start_char < e for s, e, _, _ in ents):
            key = next(eid for s, e, eid, _ in ents if s <= ent.start_char < e)
        else:
            key = _name_key(ent.text)
            if ent.label_ == "PERSON" and " " in key:
                key = key.split()[-1]  # "Donald Trump" and "Trump" are one person within a story
            unit.names.setdefault(key, ent.label_)
            unit.name_text.setdefault(key, ent.text)
        label = unit.names.get(key, ent.label_)
        unit.roles.add((_coarse(label), ent.root.dep_, ent.root.head.lemma_.lower(), key))
    terms.extend("@" + k for k in unit.names)
    unit.terms = terms
    unit.content = content
    relative = _relative_dates(unit.text)
    if relative:
        unit.dates["relative"] = relative
    for m in _CLOCK.finditer(unit.text):
        before = unit.text[max(m.start() - 16, 0):m.start()]
        if _AS_OF.search(before):
            continue
        unit.times.setdefault(_clock_value(m), m.group(0))
        way = _BOUND_WAY.search(before)
        if way:
            unit.time_bounds[_clock_value(m)] = "before" if way.group(1) else "after"
        if _HEDGE.search(before) or _TIME_BOUND.search(before):
            unit.hedged.add(_clock_value(m))
            if _APPROX.search(before):
                unit.approximate.add(_clock_value(m))
    for m in _MONTH_DAY.finditer(unit.text):
        key = f"{m.group(1).lower()[:3]} {int(m.group(2))}"
        unit.days.setdefault(key, m.group(0))
        date = span.doc.char_span(unit.start + m.start(), unit.start + m.end(), alignment_mode="expand")
        if date is not None:
            unit.day_events.setdefault(key, _dated_verb(date.root))
    lowered = unit.text.lower()
    unit.frames = {k for k, rx in _FRAME_RES.items() if rx.search(lowered)}
    unit.verbless = not any(t.pos_ in ("VERB", "AUX") for t in span)


def _event_noun(tok: "Token") -> str:
    """The event noun a date word modifies ("the Monday morning shootings" -> "shoot"), or ""."""
    head = tok.head
    while head.lower_ in _DAY_PARTS and head.head is not head:  # "Monday morning": what the morning dates
        tok, head = head, head.head
    if tok.dep_ in ("compound", "nmod", "poss", "npadvmod", "amod") and head.pos_ == "NOUN" and tok.i < head.i:
        noun = head.lemma_.lower()
        noun = noun[:-3] if noun.endswith("ing") and len(noun) > 6 else noun
        return NORMAL.get(noun, noun)
    return ""


# verbs that say when something else happened ("the search began Monday"): the event is what they govern
_ASPECTUAL = {"begin", "end", "finish", "continue", "resume", "be", "have"}


def _weekday_event(tok: "Token") -> str:
    """The event a weekday dates: its verb, with what began, ended or was ("begin:hunt", "be:move") when the verb
    only says when ("searchers began a deep-sea hunt on Monday", "crews began day 30 on Sunday")."""
    event = _dated_verb(tok)
    verb = governing_verb(tok.head)
    if event not in _ASPECTUAL or verb is None:
        return event
    what = [c for c in verb.children if c.dep_ == "dobj"] \
        or [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return f"{event}:{what[0].lemma_.lower() if what else ''}"


def _dated_verb(tok: "Token") -> str:
    """The lemma of the verb a date word attaches to ("died on Saturday" -> "die"), in its paraphrase group, or of
    the event noun it modifies."""
    noun = _event_noun(tok)
    if noun:
        return noun
    verb = governing_verb(tok.head)
    lemma = verb.lemma_.lower() if verb is not None else ""
    return NORMAL.get(lemma, lemma)


def _clock_value(m: re.Match[str]) -> str:
    """A clock time on the 24-hour clock: "10:40 p.m." -> "22:40"."""
    hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
    return f"{hour:02d}:{m.group(2) or '00'}"


def _coarse(label: str) -> str:
    return {"PER": "PERSON", "PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}.get(label, label)


def statement_spans(article: Article, doc: "Doc") -> list[Sentence]:
    """spaCy's sentences, also cut at paragraph breaks, without a stray closing quote carried over at the start."""
    out: list[Sentence] = []
    text = article.text
    for sent in split_sentences(article, doc):
        cuts = [sent.start] + [sent.start + m.end() for m in _PARA.finditer(sent.text)] + [sent.end]
        for a, b in zip(cuts, cuts[1:]):
            piece = text[a:b]
            m = _LEADING.match(piece)
            if m and m.end() < len(piece):
                a += m.end()
            a, b = _trim(text, a, b)
            if b > a:
                out.append(Sentence(article.id, len(out), a, b, text[a:b]))
    return out


def article_units(article: Article, doc: "Doc", entities: Sequence[Entity] = ()) -> list[Unit]:
    """The article's statements: sentences split into independent clauses, boilerplate left out,
    fragments attached to the statement before them. A story computes them once, in its ``StoryContext``."""
    return _build_units(article, doc, _entity_index(entities, article.id))


def statement_bounds(article: Article, doc: "Doc") -> list[tuple[int, int]]:
    """Where the article's statements start and end: those of ``article_units``, without their features (which
    need the story's entities), so that statements can be embedded while the next article is parsed."""
    return [(u.start, u.end) for u in _build_units(article, doc, [], features=False)]


def _build_units(article: Article, doc: "Doc", ents: list[tuple[int, int, str, str]],
                 features: bool = True) -> list[Unit]:
    doc_ents = [e for e in doc.ents if e.label_ in _NAME_ENTS]
    units: list[Unit] = []
    for sent in statement_spans(article, doc):
        if is_boilerplate(sent.text, article) or is_furniture(sent.text) or is_bare_clock(sent.text) \
                or is_page_note(sent.text) \
                or is_loose_line(article.text, sent.start, sent.end):
            continue
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if _is_fragment(span):
            # a closing quote mark alone says nothing; a dangling attribution belongs to the statement before it,
            # a dateline or a label to none
            if units and any(c.isalnum() for c in sent.text) and not is_label(sent.text):
                units[-1].extra.append(Span(article.id, sent.start, sent.end, sent.text))
            continue
        bounds = [sent.start, *[c for c in _clause_cuts(span) if sent.start < c < sent.end], sent.end]
        pieces = []
        for a, b in zip(bounds, bounds[1:]):
            s, e = _trim(article.text, a, b)
            if e > s:
                pieces.append((s, e))
        # only keep a split when every clause is long enough to stand alone
        if len(pieces) > 1 and any(len(article.text[s:e].split()) < 5 for s, e in pieces):
            pieces = [(sent.start, sent.end)]
        for s, e in pieces:
            sub = doc.char_span(s, e, alignment_mode="expand")
            if sub is None:
                continue
            unit = Unit(article.id, len(units), s, e, article.text[s:e])
            if features:
                _features(unit, sub, ents, article.text, doc_ents)
            units.append(unit)
    return units

def story_units(articles: Sequence[Article], docs: dict[str, "Doc"], entities: Sequence[Entity]) -> list[Unit]:
    """Every statement of every parsed article, in article order."""
    units: list[Unit] = []
    for article in articles:
        doc = docs.get(article.id)
        if doc is not None:
            units.extend(article_units(article, doc, entities))
    return units
