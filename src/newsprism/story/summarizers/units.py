"""Summary candidates: sentences joined so that no quotation is ever cut, with the features the scorers need."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...config import SummaryWeights
from ...ingest.furniture import has_furniture_phrase, is_furniture
from ...model import Article, Quote, Sentence
from ...nlp import sentences as split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_QUOTE_MARKS = re.compile('[“”"]')
# A sentence that leans on the one before it: a personal pronoun or a connective for its first word.
_LEANING = re.compile(r"^[\"“‘']?(?:he|she|they|his|her|their|him|them|but|and|also|however|meanwhile|instead|"
                      r"moreover)\b", re.I)
STOP = frozenset(
    """a an the and or but if then than so of to in on at by for with from as into onto about over under after
    before between through during without within against among is are was were be been being am do does did done
    have has had having will would shall should can could may might must it its it's this that these those there
    here he she they we you i me him her them us his hers their theirs our ours your yours my mine who whom whose
    which what when where why how not no nor also just only very more most some any all each both such own same
    other s 's n't said says say told tell according mr mrs ms dr one up out off again further once too""".split()
)


@dataclass(slots=True)
class Unit:
    """One summary candidate: a stretch of one article made of whole sentences."""

    article: str
    article_rank: int  # order of the article in the story (chronological when dates are known)
    index: int  # position of its first sentence in the article
    count: int  # sentences in the article
    start: int
    end: int
    text: str
    words: int
    lemmas: list[str] = field(default_factory=list)  # lower-case lemmas of content words, in order
    tokens: list[str] = field(default_factory=list)  # lower-case lemmas of all words, in order
    debris: bool = False
    leaning: bool = False  # needs the sentence before it to be understood


def _quote_open(text: str, open_before: bool) -> bool:
    """Whether a quotation is still open after ``text``, given whether one was open before it."""
    state = open_before
    for ch in _QUOTE_MARKS.findall(text):
        if ch == "“":
            state = True
        elif ch == "”":
            state = False
        elif ch == '"':
            state = not state
    return state


def _groups(body: str, sents: Sequence[Sentence], quotes: Sequence[Quote], max_joined: int) -> list[list[Sentence]]:
    """Consecutive sentences grouped so that quotation marks and extracted quotes never straddle two groups (a group
    past ``2 * max_joined`` sentences has a runaway mark and closes)."""
    groups: list[list[Sentence]] = []
    current: list[Sentence] = []
    open_q = False
    reach = -1  # end offset of an extracted quote that the current group must reach
    prev_end = 0
    for s in sents:
        if current and not open_q and s.start >= reach:
            groups.append(current)
            current = []
        text = s.text
        # a quote running over paragraphs re-opens each paragraph with a mark that does not close it
        if open_q and text[:1] in '"“' and "\n" in body[prev_end:s.start]:
            text = text[1:]
        current.append(s)
        open_q = _quote_open(text, open_q)
        prev_end = s.end
        for q in quotes:
            if q.start < s.end and q.end > s.end:
                reach = max(reach, q.end)
        if len(current) >= 2 * max_joined:  # a runaway mark: this group is unusable, start afresh after it
            open_q, reach = False, -1
    if current:
        groups.append(current)
    return groups


def _split_lines(body: str, sents: Sequence[Sentence]) -> list[Sentence]:
    """Sentences cut at line breaks too: a parser may run a caption or dateline into the next paragraph."""
    out: list[Sentence] = []
    for s in sents:
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body[s.start:s.end])]
        for a, b in pieces:
            text = body[s.start + a:s.start + b]
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            if text:
                start = s.start + a + lead
                out.append(Sentence(s.article, len(out), start, start + len(text), text))
    return out


def _token_words(doc: "Doc") -> list[tuple[str, bool] | None]:
    """Per token: its lower-case lemma and whether it is a content word (None for punctuation and space)."""
    from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, ORTH

    strings = doc.vocab.strings
    seen: dict[tuple[int, int, int], tuple[str, bool]] = {}
    out: list[tuple[str, bool] | None] = []
    for lemma, orth, punct, space, stop in doc.to_array([LEMMA, ORTH, IS_PUNCT, IS_SPACE, IS_STOP]).tolist():
        if punct or space:
            out.append(None)
            continue
        key = (lemma, orth, stop)
        item = seen.get(key)
        if item is None:
            low = (strings[lemma] if lemma else strings[orth]).lower()
            item = (low, low not in STOP and not stop and bool(_WORD.fullmatch(low)))
            seen[key] = item
        out.append(item)
    return out


def build_units(articles: Sequence[Article], docs: Mapping[str, "Doc"],
                quotes: Sequence[Quote] = (), max_joined: int = SummaryWeights().max_joined) -> list[Unit]:
    """Every candidate of every article, quotes kept whole; a quotation still open after ``max_joined`` joined
    sentences is most likely an unbalanced mark, and the whole stretch is one candidate too long to be chosen."""
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or "9999", i))
    rank = {articles[i].id: r for r, i in enumerate(order)}
    by_article: dict[str, list[Quote]] = {}
    for q in quotes:
        by_article.setdefault(q.article, []).append(q)
    units: list[Unit] = []
    for art in articles:
        doc = docs.get(art.id)
        if doc is None:
            continue
        sents = _split_lines(art.text, split_sentences(art, doc))
        groups = _groups(art.text, sents, by_article.get(art.id, []), max_joined)
        words = _token_words(doc)
        for g in groups:
            start, end = g[0].start, g[-1].end
            span = doc.char_span(start, end, alignment_mode="expand")
            lemmas: list[str] = []
            tokens: list[str] = []
            if span is not None:
                for item in words[span.start:span.end]:
                    if item is not None:
                        tokens.append(item[0])
                        if item[1]:
                            lemmas.append(item[0])
            text = art.text[start:end]
            units.append(Unit(
                article=art.id, article_rank=rank[art.id], index=g[0].index, count=len(sents),
                start=start, end=end, text=text, words=len(text.split()), lemmas=lemmas, tokens=tokens,
                debris=len(g) > max_joined or is_debris(text), leaning=bool(_LEANING.match(text)),
            ))
    return units


def balanced(text: str) -> bool:
    """Every quotation mark of the text closed within it."""
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def flaws(text: str) -> list[str]:
    """Why a sentence cannot stand alone in a summary: furniture, a dangling subject or connective, or quotation
    marks left open."""
    out = []
    if is_debris(text):
        out.append("furniture")
    if _LEANING.match(text):
        out.append("dangling")
    if not balanced(text):
        out.append("unbalanced quotes")
    return out


def is_debris(text: str) -> bool:
    """Captions, credits, links and scraped page furniture: text no reader wants in a summary."""
    if is_furniture(text):
        return True
    if has_furniture_phrase(text):
        return True
    if not text[:1].isupper() and not text[:1].isdigit() and text[:1] not in "\"“‘'":
        return True  # starts mid-sentence, in brackets or with punctuation: a fragment or an editor's note
    stripped = text.rstrip().rstrip("\"”’')")
    if not stripped.endswith((".", "!")):  # headlines, captions, list items, questions to the reader
        return True
    words = _WORD.findall(text)
    if len(words) < 4:
        return True
    caps = sum(1 for w in words if w[0].isupper())
    return caps > 0.7 * len(words)

