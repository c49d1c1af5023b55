"""Inputs that read as text but are not news articles: player, widget, archive, cookie, share or shop text, error
pages, lists of headlines, a bare tweet or reader comment, a teaser cut short.

A crawl of "the articles about an event" brings such pages along (the link pointed at a video player, a share form,
a web archive's notice). Each has a shape real reporting lacks: a news article reports (someone said, told,
announced; a dateline or a wire's name opens it) or, failing that, runs on in prose. The tests below look for
the vocabulary of page furniture and for the absence of reporting together, so an article that carries some
furniture ("936 shares", "Join it live here") is still an article. ``page_reason`` needs only the text and is cheap
enough for every ingested article; ``off_topic`` compares the articles of one story (see ``topic.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Article
from .debris import match_dateline

_F = re.I
# reporting: the verbs of attribution, a wire or dateline, the formal "according to"
_REPORTING = re.compile(
    r"\b(?:said|says|say|saying|told|tells|according to|announced|announces|reported|reports|confirmed|"
    r"stated|explained|wrote|writes|tweeted|claim(?:s|ed)?|alleg(?:es|ed)|testified|insisted|"
    r"declined to comment|did not (?:immediately )?respond|could not be reached|asked|argued|noted|warned)\b",
    _F,
)
# when: a news report places its event in time ("on Friday", "this morning"); a post or a pitch seldom does
_WHEN = re.compile(r"\b(?:(?:on|last|this|next|early|late) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                   r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|"
                   r"night))?|today|yesterday|tonight|this (?:morning|afternoon|evening)|last (?:night|week|month))\b")
_WIRE = re.compile(r"\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|dpa|Xinhua)\)|/(?:PRNewswire|GLOBE NEWSWIRE|"
                   r"Business Wire|PRWeb)(?:-\w+)?/", _F)
_PRESS_RELEASE = re.compile(r"/\s*(?:PRNewswire|GLOBE NEWSWIRE|Business ?Wire|PRWeb|Marketwired|ACCESSWIRE)"
                            r"(?:-\w+)?\s*/|\bfor immediate release\b|\bforward-looking statements?\b|"
                            r"\bmedia (?:contact|inquiries)\s*:", _F)

# the vocabulary of page furniture, by kind; each kind names what the page is in the reason given to the user
_FURNITURE: dict[str, re.Pattern[str]] = {
    "video player text": re.compile(
        r"\b(?:video player|autoplay|auto-play|playback|full ?screen|your browser (?:does not|doesn['’]t) support|"
        r"enable javascript|javascript (?:is )?(?:disabled|required)|flash player|now playing|up next|replay|"
        r"watch (?:the )?(?:video|full episode|live)|closed captions?|mute|unmute|video (?:unavailable|"
        r"(?:is )?(?:loading|not available)))\b", _F),
    "a web archive's notice": re.compile(
        r"\b(?:internet archive|wayback machine|crawl(?:s|ed|er)?|warcs?|archive-it|web archiv\w*|"
        r"archived (?:pages?|copy|snapshot)|embargo period|snapshots?)\b", _F),
    "cookie or consent text": re.compile(
        r"\b(?:cookies?|consent|privacy (?:policy|settings|notice)|terms of (?:use|service)|personal data|"
        r"opt[- ]out|gdpr|manage (?:your )?(?:preferences|settings)|accept all|tracking technologies)\b", _F),
    "a share or sign-up form": re.compile(
        r"\b(?:e-?mail address(?:es)?|spreading the word|recommend(?:ing)? (?:this|the) (?:page|article|story)|"
        r"send (?:this )?to a friend|junk mail|spam|sign up|sign in|log ?in|subscribe|newsletter|"
        r"share (?:this|on)|reprints?|non-commercial use|presentation-ready|your (?:name|account|password))\b", _F),
    "shop or product text": re.compile(
        r"\b(?:buy now|add to (?:cart|basket)|shopping cart|checkout|free (?:trial|shipping|demo)|pricing|"
        r"per (?:user|month|seat)|brochure|(?:download|get) the (?:app|brochure|guide)|learn more|"
        r"request a (?:demo|quote)|customer support|our (?:support )?team|sale ends|in stock|"
        r"(?:available|supported) (?:on|devices)|integrat(?:e|ion) (?:your|partners))\b", _F),
    "a page-not-found notice": re.compile(
        r"\b(?:page (?:you (?:requested|are looking for|were looking for)|cannot be found|could not be found|"
        r"(?:was|is) not found|(?:does not|doesn['’]t) exist|(?:is )?no longer available)|404|not found|"
        r"(?:has been|was) (?:removed|deleted|moved)|check the url|go to the home ?page|try searching)\b", _F),
    "a list of headlines": re.compile(
        r"^(?:latest (?:headlines|news|stories)|more (?:headlines|stories|news)|top stories|most (?:popular|read|"
        r"viewed)|related (?:stories|articles|coverage)|you (?:may|might) also like|trending(?: now)?|"
        r"recommended(?: for you)?|what to read next|in other news)\s*:?$", _F | re.M),
}
_TWEET = re.compile(r"pic\.twitter\.com/|(?:^|\s)@\s?\w{2,}|(?:^|\s)#\w{2,}|\bRT\b")
_FIRST_SECOND = re.compile(r"\b(?:I|I['’]m|I['’]ve|me|my|you|your|you['’]re|you['’]ll|yours)\b")
_SENTENCE_INSIDE = re.compile(r"\w[.!?][\"”’)]?\s+[A-Z\"“]")
_ELLIPSIS = re.compile(r"(?:\.{3,}|…)\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

SHORT = 80  # words: below this a text that reports nothing is a fragment (a tweet, a teaser, a notice), not news
PROSE = 10  # words: a paragraph this long that ends a sentence is running prose


@dataclass(slots=True, frozen=True)
class Shape:
    """What the tests look at in one text: size, reporting, prose, furniture vocabulary, voice."""

    words: int
    reporting: int
    when: int
    prose_share: float
    furniture: dict[str, int]
    person_share: float
    tweet_marks: int
    cut_short: bool
    press_release: bool


def shape(text: str, title: str | None = None) -> Shape:
    """Measures a text (and its title, which may be a heading the reader split off) for the tests below."""
    full = f"{title}\n\n{text}" if title else text
    words = _WORD.findall(text)
    n = max(len(words), 1)
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    prose_words = sum(len(p.split()) for p in paras if len(p.split()) >= PROSE and _ends_sentence(p))
    furniture = {kind: len(set(m.group(0).casefold() for m in rx.finditer(full))) for kind, rx in _FURNITURE.items()}
    reporting = len(_REPORTING.findall(text)) + len(_WIRE.findall(text))
    if paras and match_dateline(paras[0]) is not None:
        reporting += 1
    return Shape(
        words=len(words),
        reporting=reporting,
        when=len(_WHEN.findall(text)),
        prose_share=min(1.0, prose_words / n),
        furniture={k: v for k, v in furniture.items() if v},
        person_share=len(_FIRST_SECOND.findall(text)) / n,
        tweet_marks=len(_TWEET.findall(text)),
        cut_short=bool(_ELLIPSIS.search(text)),
        press_release=bool(_PRESS_RELEASE.search(text)),
    )


def _ends_sentence(paragraph: str) -> bool:
    """Whether a paragraph holds a finished sentence (ends one, or has one ending inside it)."""
    return paragraph[-1] in ".!?\"”’)" or _SENTENCE_INSIDE.search(paragraph) is not None


def page_reason(text: str, title: str | None = None) -> str | None:
    """Why a text is not a news article (what it is instead), or None when it reads as one."""
    s = shape(text, title)
    return reason_of(s)


def reason_of(s: Shape) -> str | None:
    """The verdict on a measured text; see ``page_reason``."""
    # reports per 100 words: a real article, even a short brief, attributes what it says
    density = 100.0 * s.reporting / max(s.words, 1)
    kind, hits = max(s.furniture.items(), key=lambda kv: kv[1], default=(None, 0))
    if "a list of headlines" in s.furniture and hits < 3:
        kind = "a list of headlines"  # a heading that says so names the page better than its items' words
    # 1. an error page or a web archive's notice says so in its first words, whatever its length up to a page
    for k in ("a page-not-found notice", "a web archive's notice"):
        if s.furniture.get(k, 0) >= 2 and s.words < 300 and density < 0.5:
            return k
    # 2. furniture vocabulary and no reporting: the text is about the page, not about an event
    if kind is not None and s.reporting == 0 and (
            (hits >= 2 and (s.words < 2 * SHORT or s.prose_share < 0.6)) or (hits >= 1 and s.words < SHORT)):
        return kind
    # 3. a fragment: short, reporting nothing, no day or time of any event, in the voice of a post or a pitch
    if s.words < SHORT and s.reporting == 0 and s.when == 0:
        if s.cut_short:
            return "a teaser cut short"
        if s.tweet_marks or s.person_share >= 0.04:
            return "a bare tweet or reader comment"
    # 4. a page of short lines that reports nothing: a menu, a list of headlines, a product sheet
    if s.reporting == 0 and s.when == 0 and s.prose_share < 0.35 and s.words < 600:
        return "page furniture (short lines, no reporting)"
    return None


LEFT_OUT = "left out of the story"


def describe(source: str, reason: str) -> str:
    """The note and warning text for an input left out: names the file (or URL) and why."""
    name = source if "://" in source else re.split(r"[\\/]", source.rstrip("/\\"))[-1] or source
    return f"{name}: {reason}; {LEFT_OUT}"


def screen(articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
    """The articles that are news about the story, and a note for each input left out (not an article, or about
    something else than the others)."""
    from .offtopic import off_topic

    reasons: dict[str, str] = {}
    releases: set[str] = set()
    for a in articles:
        s = shape(a.text, a.title)
        why = reason_of(s)
        if why is not None:
            reasons[a.id] = f"not a news article ({why})"
        elif s.press_release:
            releases.add(a.id)
    rest = [a for a in articles if a.id not in reasons]
    reasons.update(off_topic(rest, frozenset(releases)))
    kept = [a for a in articles if a.id not in reasons]
    notes = [describe(a.source or a.url or a.id, reasons[a.id]) for a in articles if a.id in reasons]
    return kept, notes
