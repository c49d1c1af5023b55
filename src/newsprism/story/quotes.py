"""Quotes: direct, partial and indirect, each with its speaker resolved to a story entity where possible."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from ..config import Settings
from ..ingest.furniture import loose_lines
from ..model import Article, Entity, Quote, Span
from .entities import EntityIndex, name_tokens
from .interviews import transcript_turns, turn_regions
from .reported import within
from .reported_model import all_candidates, score, select
from .salience import infer_genders, pronoun_antecedents
from .speakers import (
    PRONOUN_GENDER,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    ArticleContext,
    Speaker,
    anonymous_sources,
    doc_text,
    entity_tokens,
    introduced_speakers,
    link_roles,
    name_before_colon,
    resolve,
    same_paragraph,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OPENERS = "“„«"
CLOSERS = "”»"
_SENT_END = re.compile(r"[.!?…][\"'”’)]*\s+")
MAX_QUOTE_CHARS = 5000  # an unclosed mark is not allowed to swallow a whole article


@dataclass(slots=True)
class Segment:
    """Text between quotation marks (marks excluded)."""

    start: int
    end: int
    open_mark: int | None  # offset of the opening mark, None when it was lost
    close_mark: int | None  # offset of the closing mark, None when the quote runs on to the next paragraph
    paragraph: int
    close_width: int = 1  # '' (two apostrophes) serves as a mark in some archives

    @property
    def outer(self) -> tuple[int, int]:
        """The quote with its marks."""
        lo = self.open_mark if self.open_mark is not None else self.start
        hi = self.close_mark + self.close_width if self.close_mark is not None else self.end
        return lo, hi


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    speaker: Speaker | None
    cue: str | None
    paragraph: int
    chain_next: bool = False  # an unclosed quote continued by the next paragraph
    cue_at: int | None = None  # token index of the cue, to tell one attribution from another
    part_of: int | None = None  # index of the found quote this one is a piece of
    aside: bool = False  # a report inside the attribution of the quote before ("..., who has pushed for ...")


def _marks(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(offset, width) of the quotation marks of one paragraph: curly, straight, or two apostrophes."""
    out: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in OPENERS or ch in CLOSERS or ch == '"':
            out.append((i, 1))
        elif ch == "'" and i + 1 < hi and text[i + 1] == "'":
            out.append((i, 2))
            i += 1
        i += 1
    return out


def _mark_role(text: str, i: int, lo: int, hi: int, width: int = 1) -> str:
    """'open', 'close' or 'either' for the quotation mark at ``i`` from the characters around it."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + width] if i + width < hi else " "
    if ch in CLOSERS and (prev.isspace() or i == lo) and nxt.isalnum():
        return "open"  # a closing mark typed where an opening one belongs
    if ch in OPENERS and not prev.isspace() and prev not in "([{—–-/" and (nxt.isspace() or i + width >= hi):
        return "close"
    if ch in OPENERS:
        return "open"
    if ch in CLOSERS:
        return "close"
    if (prev.isspace() or prev in "([{—–-/") and not nxt.isspace():
        return "open"
    if (nxt.isspace() or nxt in ".,;:!?)]}—–-") and not prev.isspace():
        return "close"
    return "either"


def _sentence_start(text: str, lo: int, hi: int) -> int:
    """Start of the last sentence that begins in text[lo:hi]."""
    last = lo
    for m in _SENT_END.finditer(text, lo, hi):
        if m.end() < hi:
            last = m.end()
    return last


def find_segments(text: str) -> list[Segment]:
    """Quoted stretches of every paragraph, pairing marks and repairing lost ones."""
    out: list[Segment] = []
    pos = 0
    para = 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip():
            continue
        marks = _marks(text, lo, hi)
        open_at: int | None = None
        open_w = 1
        last_end = lo
        for i, w in marks:
            role = _mark_role(text, i, lo, hi, w)
            if open_at is None:
                if role in {"open", "either"}:
                    open_at, open_w = i, w
                else:  # 1. a closing mark whose opening mark was lost: the quote starts with its sentence
                    start = _sentence_start(text, last_end, i)
                    out.append(Segment(start, i, None, i, para, w))
                    last_end = i + w
            elif role in {"close", "either"}:
                out.append(Segment(open_at + open_w, i, open_at, i, para, w))
                open_at, last_end = None, i + w
            else:  # 2. a second opening mark: the first one was never closed; end it at its last sentence
                end = _sentence_start(text, open_at + open_w, i)
                if end > open_at + open_w:
                    out.append(Segment(open_at + open_w, end, open_at, None, para, 1))
                open_at, open_w = i, w
        if open_at is not None:  # 3. unclosed at the end of the paragraph: runs on to the paragraph's end
            out.append(Segment(open_at + open_w, min(hi, open_at + open_w + MAX_QUOTE_CHARS), open_at, None, para, 1))
        para += 1
    cleaned: list[Segment] = []
    for seg in out:
        s, e = seg.start, seg.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(ch.isalpha() for ch in text[s:e]):
            cleaned.append(Segment(s, e, seg.open_mark, seg.close_mark, seg.paragraph, seg.close_width))
    return cleaned


def _is_partial(text: str, seg: Segment) -> bool:
    """A quoted fragment woven into the writer's own sentence, rather than a quoted sentence."""
    body = text[seg.start:seg.end]
    first = next((ch for ch in body if ch.isalnum()), "")
    if seg.open_mark is None:
        return False
    j = seg.open_mark - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    prev = text[j] if j >= 0 else "\n"
    if prev in ":\n" or prev in ",—–-" and first.isupper():
        return False
    if first.islower():
        return True
    return prev.isalnum() and body.rstrip()[-1:] not in ".!?,"


_TITLE_STOP = frozenset("a an the and or of in on at to for with by from is are was be it its as".split())


def looks_like_title(body: str) -> bool:
    """Quoted titles and names ("Fox News Sunday", "A Change Is Gonna Come"): nobody's words."""
    ws = re.findall(r"[^\W\d_][\w'’-]*", body)
    content = [w for w in ws if w.lower() not in _TITLE_STOP]
    if len(content) > 1 and all(w.isupper() for w in content):
        return False  # shouted words ("THEY LOSE, WE WIN") are words all the same
    return bool(content) and len(ws) <= 8 and all(w[0].isupper() for w in content)


class _Tokens:
    """Character offsets to tokens of one doc."""

    def __init__(self, doc: "Doc") -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def within(self, start: int, end: int) -> range:
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))


_ASK = frozenset({"ask", "question", "press"})


def _cue_for_segment(seg: Segment, toks: _Tokens, quoted_at: Callable[[int], bool]) -> "Token | None":
    """The speech verb that introduces a quoted sentence: in the sentences around it, outside any quote."""
    doc = toks.doc
    first = toks.at(seg.start)
    last = toks.at(max(seg.start, seg.end - 1))
    sents = {doc[first].sent.start: doc[first].sent, doc[last].sent.start: doc[last].sent}
    if seg.close_mark is not None and last + 2 < len(doc):
        nxt = doc[min(len(doc) - 1, toks.at(seg.close_mark) + 1)].sent
        sents[nxt.start] = nxt
    cands: list[tuple[int, Token]] = []
    text = doc_text(doc)
    asked_answer = "?" not in text[seg.start:seg.end]  # "Asked by X whether ..., she replied: “...”": X only asks
    para_lo = text.rfind("\n", 0, seg.start) + 1
    para_hi = text.find("\n", seg.end)
    para_hi = len(text) if para_hi < 0 else para_hi
    for sent in sents.values():
        for t in sent:
            if t.idx < para_lo or t.idx >= para_hi or quoted_at(t.idx):
                continue
            if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"} and not (asked_answer and t.tag_ == "VBN"
                                                                             and t.lemma_.lower() in _ASK):
                dist = min(abs(t.idx - seg.start), abs(t.idx - seg.end))
                cands.append((dist, t))
    for _, t in sorted(cands, key=lambda c: c[0]):
        subj = subject_of(t) or (inverted_subject(t) if t.idx >= seg.end else None)  # "..., began Key."
        if subj is not None and same_paragraph(t, subj):
            return t
    if seg.close_mark is not None:  # “...,” began Key / described witness Henry Oliver: any verb, inverted
        after = [t for t in doc[toks.at(seg.close_mark):toks.at(seg.close_mark) + 4] if t.idx > seg.close_mark]
        verb = next((t for t in after if not t.is_punct), None)
        if verb is not None and verb.pos_ == "VERB" and text[seg.close_mark - 1] in ",!?—-" \
                and not text[seg.close_mark + seg.close_width:verb.idx].strip(" ,\n") and inverted_subject(verb):
            return verb
    # "The official listed other activities ...: “China punishes ...”" -- the sentence's own verb introduces it
    if seg.open_mark is not None:  # also "The Times reports:" closing the paragraph before the quote
        j = seg.open_mark - 1
        while j >= 0 and text[j] in " \t\r\n\u00a0":
            j -= 1
        if j >= 0 and text[j] == ":":
            root = doc[toks.at(j)].sent.root
            subj = subject_of(root)
            if root.pos_ in {"VERB", "AUX"} and subj is not None and same_paragraph(root, subj) \
                    and not quoted_at(root.idx) and not quoted_at(subj.idx):
                return root
    return None


_POSTS = frozenset({"thread", "tweet", "tweets", "post", "posts", "statement", "letter", "message", "essay", "op-ed",
                    "column", "email", "memo"})


def _author_before(seg: Segment, toks: _Tokens, ctx: ArticleContext) -> Speaker | None:
    """A quote with no cue after "... highlighted a Twitter thread from Scott Drenkard": the author's words."""
    doc = toks.doc
    first = toks.at(seg.start)
    lo = toks.at(max(0, seg.start - 400))
    for t in reversed(doc[lo:first]):
        if t.lower_ not in _POSTS or t.pos_ != "NOUN":
            continue
        preps = [*t.children, *(c for c in t.head.children if c.i > t.i)]  # the parser may hang "from" on the verb
        for prep in preps:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "by"}:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                ent = ctx.index.by_id.get(ctx.entity_at.get(obj.i, "")) if obj is not None else None
                if obj is not None and ent is not None and ent.type == "PERSON":
                    return resolve(obj, ctx)
        return None  # the nearest post names no author: the words are nobody's in particular
    return None


def inverted_subject(verb: "Token") -> "Token | None":
    """Who speaks in “...,” began Key / described witness Henry Oliver: the name right after the verb, which the
    parser takes for an object when the verb is not a usual speech verb."""
    subj = subject_of(verb)
    if subj is not None:
        return subj if subj.i > verb.i else None
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in {"dobj", "npadvmod", "attr", "nsubj"}]
    return next((c for c in after if c.pos_ == "PROPN"), None) or next((c for c in after if c.pos_ == "NOUN"), None)


def _head_speaker(seg: Segment, toks: _Tokens) -> "tuple[Token | None, Token | None]":
    """(cue, subject) for a fragment: climb from the fragment to the verb or statement noun it belongs to."""
    doc = toks.doc
    idxs = list(toks.within(seg.start, seg.end))
    if not idxs:
        return None, None
    inside = set(idxs)
    top = [doc[i] for i in idxs if doc[i].head.i not in inside or doc[i].head.i == i]
    node = top[0] if top else doc[idxs[0]]
    fallback: tuple[Token | None, Token | None] = (None, None)
    for _ in range(8):
        node = node.head if node.head.i != node.i else node
        if not same_paragraph(node, doc[idxs[0]]):
            break
        if node.lower_ in SPEECH_NOUNS:
            for child in node.children:
                if child.dep_ == "poss":
                    return node, child
        if node.pos_ in {"VERB", "AUX"} and node.i not in inside:  # the quote's own verb introduces nothing
            subj = subject_of(node)
            if subj is not None and same_paragraph(subj, node) and subj.i not in inside:  # the quoted words
                # themselves ("“deliberate action by someone” was the reason") never speak
                if node.lemma_.lower() in SPEECH_VERBS:
                    return node, subj
                if fallback == (None, None):
                    fallback = (node, subj)
        if node.head.i == node.i:
            break
    return fallback


def _cue_text(tok: "Token | None") -> str | None:
    if tok is None:
        return None
    if tok.lower_ == "according":
        return "according to"
    return tok.text


_DASH_NAME = re.compile(
    r"[^\S\n]*(?:[―—–]|--)[^\S\n]*([A-Z][\w'’.-]*(?:[^\S\n]+(?:[A-Z][\w'’.-]*|de|van|von|da|del|bin)){0,4})")
def _named_after(text: str, seg: Segment) -> tuple[int, int] | None:
    """A name after a dash right behind the closing mark (“…” ― Jane Doe): its offsets."""
    if seg.close_mark is None:
        return None
    m = _DASH_NAME.match(text, seg.close_mark + seg.close_width)
    if m is None:
        return None
    name = m.group(1).rstrip(".")
    return m.start(1), m.start(1) + len(name)


_HEADLINE = re.compile(r"^[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3}):"
                       r"[^\S\n]+(\S[^\n]{5,200}?)[.!?]?[^\S\n]*$", re.MULTILINE)


def headline_attributions(text: str, ctx: ArticleContext) -> list[tuple[int, int, int, int]]:
    """Headline-style attributions ("Sanders: Clinton needs to change course"): (label start, end, body start, end).

    The label must name an entity of the story, so section tags ("Update:", "Poll:") are left alone.
    """
    out: list[tuple[int, int, int, int]] = []
    for m in _HEADLINE.finditer(text):
        label = m.group(1)
        if label.isupper() or ctx.index.lookup(label) is None or m.group(2).rstrip().endswith("Read more"):
            continue  # "Peter Jackson: I blacklisted ... Read more" is a link to another article
        b0, b1 = m.start(2), m.end(2)
        if text[b0] in OPENERS + "\"'" and text[b1 - 1] in CLOSERS + "\"'":
            b0, b1 = b0 + 1, b1 - 1  # the whole line quoted: the quote itself, without its marks
            while b1 > b0 and text[b1 - 1] in ".,!?":
                b1 -= 1
        if b1 - b0 >= 5:
            out.append((m.start(1), m.end(1), b0, b1))
    return out


def _named_speaker(ctx: ArticleContext, start: int, end: int) -> Speaker:
    """A speaker given by a bare name in the text (a turn label or a name after a dash)."""
    name = ctx.article.text[start:end]
    ent = ctx.index.lookup(name) or ctx.index.lookup(name.title())
    span = Span(ctx.article.id, start, end, name)
    if ent is not None:
        return Speaker(ent.name, ent.id, False, span)
    return Speaker(name.title() if name.isupper() else name, None, False, span)


def _article_quotes(article: Article, doc: "Doc", ctx: ArticleContext) -> list[_Found]:
    """Every quote of one article, in reading order, speakers resolved as the article introduces them."""
    text = article.text
    toks = _Tokens(doc)
    segments = find_segments(text)
    quoted = [s.outer for s in segments]
    quoted_at = within(quoted)
    items: list[tuple[int, str, Any]] = [(s.start, "seg", s) for s in segments]
    reported: list[tuple[int, int]] = []
    for cand in select(score(all_candidates(doc, quoted, text))):
        reported.append((cand.start, cand.end + 1))
        if cand.subject.lower_ != "you":  # "you know", "you see": a filler, nobody's report
            items.append((cand.start, "ind", (cand.start, cand.end, cand.cue, cand.subject)))
    turns = transcript_turns(text)
    for turn in turns:
        items.append((turn[2], "turn", turn))
    if turns:  # a quotation mark opening a turn ("PENCE: ...) belongs to the turn
        labels = {t[0] for t in turns}
        items = [it for it in items if not (it[1] == "seg" and it[0] in labels)]
    heads = [h for h in headline_attributions(text, ctx) if all(h[2] != t[2] for t in turns)]
    for head in heads:
        items.append((head[2], "head", head))
    if heads:  # a quotation mark inside such a line belongs to it
        items = [it for it in items if not (it[1] == "seg" and any(h[0] < it[0] < h[3] for h in heads))]
    items.sort(key=lambda x: (x[0], x[1]))
    found: list[_Found] = []
    for _, what, obj in items:
        if what == "seg":
            assert isinstance(obj, Segment)
            seg = obj
            partial = _is_partial(text, seg)
            cue: Token | None
            subj: Token | None
            if looks_like_title(text[seg.start:seg.end]):
                continue
            named = None if partial else (_named_after(text, seg) or name_before_colon(ctx, seg.open_mark))
            if named is not None:
                found.append(_Found(seg.start, seg.end, "direct", _named_speaker(ctx, *named), "―", seg.paragraph))
                continue
            if partial:
                cue, subj = _head_speaker(seg, toks)
            else:
                cue = _cue_for_segment(seg, toks, quoted_at)
                subj = (subject_of(cue) or inverted_subject(cue)) if cue is not None else None
            spk = resolve(subj, ctx) if subj is not None else (None if partial else _author_before(seg, toks, ctx))
            n_words = len(text[seg.start:seg.end].split())
            if partial and (spk is None or cue is None) and n_words < 3:
                continue  # scare quotes and titles, not anyone's words
            if partial and n_words < 4 and not any(r0 <= seg.start and seg.end <= r1 for r0, r1 in reported):
                continue  # a word or two quoted outside any reported clause: the writer's scare quotes
            if partial and n_words < 3 and cue is not None and cue.lemma_.lower() not in SPEECH_VERBS \
                    and cue.lower_ not in SPEECH_NOUNS:
                continue
            nxt_para = text.find("\n", seg.end)
            chain = seg.close_mark is None and nxt_para >= 0 and text[nxt_para:].lstrip()[:1] in OPENERS + '"\''
            found.append(_Found(seg.start, seg.end, "partial" if partial else "direct", spk, _cue_text(cue),
                                seg.paragraph, chain, cue.i if cue is not None else None))
        elif what in {"turn", "head"}:
            l0, l1, b0, b1 = cast("tuple[int, int, int, int]", obj)
            quoted_line = what == "turn" or text[b0 - 1] in OPENERS + "\"'"
            found.append(_Found(b0, b1, "direct" if quoted_line else "indirect", _named_speaker(ctx, l0, l1), ":",
                                text.count("\n", 0, b0)))
        else:
            start, end, cue_tok, spk_tok = cast("tuple[int, int, Token, Token]", obj)
            found.append(_Found(start, end, "indirect", resolve(spk_tok, ctx), _cue_text(cue_tok),
                                text.count("\n\n", 0, start), cue_at=cue_tok.i))
    _turn_speakers(found, turn_regions(text, turns))
    _added_speakers(found, ctx)
    introduced_speakers(found, ctx)
    _mark_asides(doc, found)
    _continue_speakers(found)
    _link_pieces(text, found)
    return found


_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_GOES_ON = frozenset({"added", "adds", "continued", "continues"})


def _added_speakers(found: list[_Found], ctx: ArticleContext) -> None:
    """“...,” she added: "added" goes on from the quote before, so the pronoun is that quote's speaker."""
    for k, f in enumerate(found):
        mention = f.speaker.span.text.lower() if f.speaker is not None and f.speaker.span is not None else ""
        gender = PRONOUN_GENDER.get(mention)
        if (f.cue or "").lower() not in _GOES_ON or gender is None:
            continue
        prev = next((p for p in reversed(found[:k]) if p.end <= f.start and p.speaker is not None
                     and p.speaker.span is not None and p.speaker.span.start < f.start), None)
        if prev is None or prev.speaker is None or f.start - prev.end > 600:
            continue
        ent = prev.speaker.entity
        if ent is not None and ctx.genders.get(ent, gender) == gender:
            f.speaker = Speaker(prev.speaker.name, ent, prev.speaker.anonymous, f.speaker.span)  # type: ignore[union-attr]


def _turn_speakers(found: list[_Found], regions: list[tuple[int, int]]) -> None:
    """Inside an interview turn, "I" and "we" are the one whose turn it is, and so is a quote with no speaker."""
    turn_at = {f.start: f for f in found if f.cue == ":" and f.kind == "direct"}
    for f in found:
        if f.cue == ":":
            continue
        turn = next((turn_at.get(r0) for r0, r1 in regions if r0 <= f.start < r1), None)
        if turn is None:
            continue
        mention = f.speaker.span.text.lower() if f.speaker is not None and f.speaker.span is not None else None
        if f.speaker is None or not (f.speaker.name or f.speaker.entity) or mention in _FIRST_PERSON:
            f.speaker = turn.speaker


def _same_voice(a: Speaker | None, b: Speaker | None) -> bool:
    if a is None or b is None:
        return False
    return (a.entity is not None and a.entity == b.entity) or (a.name is not None and a.name == b.name)


def _mark_asides(doc: "Doc", found: list[_Found]) -> None:
    """A report in the sentence that attributes the quote before it, with another quote after it (“A,” said Sen.
    Lee, who has pushed for new limits. “B.”): part of the attribution, so it neither ends the statement nor names
    the next quote's speaker."""
    for k in range(1, len(found) - 1):
        f, before, after = found[k], found[k - 1], found[k + 1]
        if f.kind != "indirect" or before.kind == "indirect" or after.kind != "direct" or f.cue_at is None \
                or before.cue_at is None or f.paragraph != before.paragraph:
            continue
        if doc[f.cue_at].sent.start == doc[before.cue_at].sent.start and f.start >= before.end:
            f.aside = True


def _link_pieces(text: str, found: list[_Found]) -> None:
    """Marks pieces of one statement: a quote split around its attribution, a fragment inside a reported clause."""
    reported = [(i, f) for i, f in enumerate(found) if f.kind == "indirect"]
    for f in found:  # 1. “...” in (or opening) "she said the plan had “no budget”": a piece of the clause
        if f.kind == "indirect":
            continue
        host = next((i for i, g in reported if g.start <= f.start and f.end <= g.end + 1), None)
        if host is not None:
            f.part_of = host
    for f in found:  # 2. "Lee said she hopes to ...": a reported clause inside the same speaker's reported clause
        if f.kind != "indirect" or f.part_of is not None:
            continue
        host = next((i for i, g in reported if g is not f and g.part_of is None and g.start <= f.start
                     and f.end <= g.end and (g.start, g.end) != (f.start, f.end)
                     and _same_voice(f.speaker, g.speaker)), None)
        if host is not None:
            f.part_of = host
    prev: int | None = None
    for i, f in enumerate(found):  # 3. “A,” she said. “B.” / “A,” she said, “but B.” -- one statement, two pieces
        if f.kind in {"direct", "partial"} and f.part_of is None and prev is not None:
            p = found[prev]
            root = p.part_of if p.part_of is not None else prev
            r = found[root]
            gap = text[p.end:f.start]
            same_cue = f.cue_at is not None and f.cue_at in {p.cue_at, r.cue_at}
            # goes on, however far, from quoted words: a quote, or a reported clause holding a quoted piece
            quoted = r.kind == "direct" or any(g.part_of == root and g.kind == "partial" for g in found)
            uncued = f.kind == "direct" and f.cue_at is None and quoted and (p.kind != "indirect" or p is r)
            if (_one_paragraph_on(gap, uncued) and (len(gap) <= 120 or uncued) and _same_voice(f.speaker, r.speaker)
                    and (same_cue or uncued)):
                f.part_of = root
        if (prev is None or f.end > found[prev].end) and not f.aside:
            prev = i


def _one_paragraph_on(gap: str, uncued: bool) -> bool:
    """The next piece is in the same paragraph, or, with no cue of its own, opens the very next one."""
    if "\n" not in gap:
        return True
    head, _, tail = gap.partition("\n")
    return uncued and not tail.strip().strip(OPENERS + "\"'") and "\n" not in head


def _continue_speakers(found: list[_Found]) -> None:
    """Quotes with no cue of their own: a quote continued over paragraphs keeps one speaker; else the last one."""
    for i in range(len(found) - 1, -1, -1):  # 1. an unclosed quote takes the speaker named where it ends
        q = found[i]
        if q.speaker is None and q.chain_next:
            nxt = next((f for f in found[i + 1:] if f.kind != "indirect"), None)
            if nxt is not None and nxt.speaker is not None:
                q.speaker, q.cue = nxt.speaker, nxt.cue  # the mention that names the speaker, shared
    last: _Found | None = None
    for q in found:  # 2. otherwise the last speaker continues (not one from a headline-style line: a link or a title)
        if q.speaker is not None and (q.speaker.name or q.speaker.entity):
            if (q.cue != ":" or q.kind == "direct") and not q.aside:
                last = q
        elif q.kind != "indirect" and last is not None and last.speaker is not None:
            q.speaker = Speaker(last.speaker.name, last.speaker.entity, last.speaker.anonymous, last.speaker.span)


def _local_names(article: Article, entities: Sequence[Entity]) -> dict[str, str]:
    """Entity id -> the fullest name this article gives a person ("Mustafa Suleiman" where others write "Soliman")."""
    out: dict[str, str] = {}
    for e in entities:
        if e.type != "PERSON" or article.id not in e.mentions:
            continue
        names = {e.name, *e.aliases}
        forms = [sp.text for sp in e.spans if sp.article == article.id and sp.text in names and name_tokens(sp.text)]
        if forms and e.name not in forms:
            best = max(forms, key=lambda f: (len(name_tokens(f)), f == e.name))
            if len(name_tokens(best)) >= len(name_tokens(e.name)) or not set(name_tokens(best)) <= set(
                    name_tokens(e.name)):
                out[e.id] = " ".join(name_tokens(best))
    return out


def extract_quotes(articles: Sequence[Article], docs: Mapping[str, "Doc"], entities: Sequence[Entity],
                   settings: Settings | None = None) -> list[Quote]:
    """Direct, partial and indirect quotes of every article, ids "q1"... in article order."""
    index = EntityIndex(entities)
    out: list[Quote] = []
    for article in articles:
        doc = docs.get(article.id)
        if doc is None or not article.text.strip():
            continue
        at = entity_tokens(article, doc, list(entities))
        quoted = [s.outer for s in find_segments(article.text)]
        anon = anonymous_sources(doc)
        link_roles(doc, at, index, article.id, anon)
        salience = settings.align.salience if settings else None
        genders = infer_genders(doc, at, index, quoted, salience)
        ctx = ArticleContext(article, doc, index, at, anon, genders,
                             pronoun_antecedents(doc, at, index, genders, quoted, salience))
        base = len(out)
        local = _local_names(article, entities)
        found = list(_article_quotes(article, doc, ctx))
        loose = loose_lines(article.text)  # another story's headline, a subhead: not the article's reporting
        reported = [k for k, f in enumerate(found) if not any(a <= f.start < b for a, b in loose)]
        kept = {k: n for n, k in enumerate(reported)}  # a partial quote names its whole quote by position
        for k in reported:
            f = found[k]
            parent = kept.get(f.part_of) if f.part_of is not None else None
            spk = f.speaker
            name = local.get(spk.entity, spk.name) if spk and spk.entity else (spk.name if spk else None)
            out.append(Quote(
                id=f"q{len(out) + 1}", article=article.id, start=f.start, end=f.end,
                text=article.text[f.start:f.end], kind=f.kind,  # type: ignore[arg-type]
                speaker=name, entity=spk.entity if spk else None, cue=f.cue,
                anonymous=bool(spk and spk.anonymous), speaker_span=spk.span if spk else None,
                part_of=f"q{base + parent + 1}" if parent is not None else None,
            ))
    return out
