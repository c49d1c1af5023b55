"""Inputs that read as text but are not news articles: player, widget, archive, cookie, share or shop text, error
pages, lists of headlines, a bare tweet or reader comment, a teaser cut short.

A crawl of "the articles about an event" brings such pages along (the link pointed at a video player, a share form,
a web archive's notice). Each has a shape real reporting lacks: a news article reports (someone said, told,
announced; a dateline or a wire's name opens it) or, failing that, runs on in prose. The tests below look for
the vocabulary of page furniture and for the absence of reporting together, so an article that carries some
furniture ("936 shares", "Join it live here") is still an article. ``page_reason`` needs only the text and is cheap
enough for every ingested article; ``off_topic`` compares the articles of one story (``offtopic.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import IngestSettings
from ..model import Article
from .debris import match_dateline

# Vocabulary is matched on lower-cased words, phrase by phrase (a regular expression of this many alternatives
# with case folding costs a millisecond an article; the store screens every article it ingests).
# reporting: the verbs of attribution and the formal "according to"
_REPORTING = frozenset(
    "said says say saying told tells announced announces reported reports confirmed stated explained wrote writes "
    "tweeted claim claims claimed alleges alleged testified insisted asked argued noted warned".split())
_REPORTING_PHRASES = ("according to", "declined to comment", "did not respond", "did not immediately respond",
                      "could not be reached")
_REPORTING_START = re.compile(r"\b(?:said|says|told|according to|announced|reported)\b")
# when: a news report places its event in time ("on Friday", "this morning"); a post or a pitch seldom does
_WHEN = re.compile(r"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday|tonight|"
                   r"this (?:morning|afternoon|evening)|last (?:night|week|month))\b")
_WIRE = re.compile(r"\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|dpa|Xinhua)\)")
_PRESS_RELEASE = re.compile(r"/\s*(?:prnewswire|globe newswire|business ?wire|prweb|marketwired|accesswire)"
                            r"(?:-\w+)?\s*/|\bfor immediate release\b|\bforward-looking statements?\b|"
                            r"\bmedia (?:contact|inquiries)\s*:")

# the vocabulary of page furniture, by kind; each kind names what the page is in the reason given to the user
_FURNITURE_WORDS: dict[str, tuple[str, ...]] = {
    "video player text": (
        "video player", "autoplay", "auto-play", "playback", "fullscreen", "full screen",
        "your browser does not support", "your browser doesn't support", "enable javascript",
        "javascript is disabled", "javascript is required", "flash player", "now playing", "up next", "replay",
        "watch the video", "watch video", "watch live", "watch the full episode", "closed captions",
        "closed caption", "mute", "unmute", "video unavailable", "video is loading", "video is not available"),
    "a web archive's notice": (
        "internet archive", "wayback machine", "crawl", "crawls", "crawled", "crawler", "warc", "warcs",
        "archive-it", "web archive", "web archiving", "archived page", "archived pages", "archived copy",
        "archived snapshot", "embargo period", "snapshot", "snapshots"),
    "a social media widget": (
        "tweet with a location", "your tweets", "tweet location", "location history", "embed this tweet",
        "view on twitter", "view this post on instagram", "a post shared by", "retweet", "retweets",
        "third-party applications", "followers"),
    "a copyright or permissions notice": (
        "all rights reserved", "may not be published", "rewritten or redistributed", "reprints and permissions",
        "for personal, non-commercial use", "without permission", "copyright"),
    "an ad-blocker or browser notice": (
        "ad blocker", "ad-blocker", "adblock", "whitelist", "disable your", "supported browser",
        "update your browser", "upgrade your browser", "not available in your country",
        "not available in your region", "content is not available"),
    "cookie or consent text": (
        "cookie", "cookies", "consent", "privacy policy", "privacy settings", "privacy notice", "terms of use",
        "terms of service", "personal data", "opt out", "opt-out", "gdpr", "manage your preferences",
        "manage preferences", "manage settings", "accept all", "tracking technologies"),
    "a share or sign-up form": (
        "email address", "e-mail address", "email addresses", "spreading the word", "recommend this page",
        "recommending the page", "recommend this article", "recommend this story", "send to a friend",
        "send this to a friend", "junk mail", "spam", "sign up", "sign in", "log in", "login", "subscribe",
        "newsletter", "share this", "share on", "reprint", "reprints", "non-commercial use", "presentation-ready",
        "your name", "your account", "your password"),
    "shop or product text": (
        "buy now", "add to cart", "add to basket", "shopping cart", "checkout", "free trial", "free shipping",
        "free demo", "pricing", "per user", "per month", "per seat", "brochure", "download the app",
        "get the app", "download the brochure", "get the guide", "learn more", "request a demo",
        "request a quote", "customer support", "our team", "our support team", "sale ends", "in stock",
        "available on", "supported devices", "devices supported", "integrate your", "integration partners"),
    "a page-not-found notice": (
        "page you requested", "page you are looking for", "page you were looking for", "page cannot be found",
        "page could not be found", "page was not found", "page is not found", "page does not exist",
        "page doesn't exist", "page is no longer available", "page no longer available", "404", "not found",
        "has been removed", "has been deleted", "has been moved", "was removed", "was deleted", "was moved",
        "check the url", "go to the home page", "go to the homepage", "try searching"),
}
_BOUNDED: dict[str, re.Pattern[str]] = {}


def _has_phrase(low: str, phrase: str) -> bool:
    """Whether a lower-cased text holds the phrase as whole words (a substring test first: most texts have none)."""
    if phrase not in low:
        return False
    rx = _BOUNDED.get(phrase)
    if rx is None:
        rx = _BOUNDED[phrase] = re.compile(r"(?<![\w'’-])" + re.escape(phrase) + r"(?![\w'’-])")
    return rx.search(low) is not None


_HEADLINES = re.compile(
    r"^(?:latest (?:headlines|news|stories)|more (?:headlines|stories|news)|top stories|most (?:popular|read|"
    r"viewed)|related (?:stories|articles|coverage)|you (?:may|might) also like|trending(?: now)?|"
    r"recommended(?: for you)?|what to read next|in other news)\s*:?$", re.M)
_PUNCT = ".,;:!?\"'()[]{}“”‘’«»*…/|"
_RELEASE_MARKS = ("wire", "prweb", "release", "forward-looking", "media ")
_TWEET = re.compile(r"pic\.twitter\.com/|(?<!\w)[@#]\s?\w{2,}|\bRT\b")
_PERSON = frozenset("i i'm i've i’m i’ve me my you your you're you'll you’re you’ll yours".split())
_SENTENCE_INSIDE = re.compile(r"\w[.!?][\"”’)]?\s+[A-Z\"“]")



@dataclass(slots=True, frozen=True)
class Shape:
    """What the tests look at in one text: size, reporting, prose, furniture vocabulary, voice."""

    words: int
    lines: int
    reporting: int
    when: int
    prose_share: float
    furniture: dict[str, int]
    person_share: float
    tweet_marks: int
    cut_short: bool
    press_release: bool


def shape(text: str, title: str | None = None, bounds: IngestSettings | None = None) -> Shape:
    """Measures a text (and its title, which may be a heading the reader split off) for the tests below; running
    prose is paragraphs of ``bounds.prose_words`` or more that end a sentence."""
    prose = (bounds or IngestSettings()).prose_words
    low = text.lower()
    words = text.split()
    n = max(len(words), 1)
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    prose_words = sum(len(p.split()) for p in paras if len(p.split()) >= prose and _ends_sentence(p))
    head = f"{title.lower()}\n{low}" if title else low
    counts = Counter(w.strip(_PUNCT) for w in head.split())
    found = {kind: sum(1 for p in phrases if (counts[p] if " " not in p else _has_phrase(head, p)))
             for kind, phrases in _FURNITURE_WORDS.items()}
    if _HEADLINES.search(head):
        found["a list of headlines"] = 1
    if title:
        counts = Counter(w.strip(_PUNCT) for w in low.split())
    reporting = sum(counts[w] for w in _REPORTING if w in counts)
    reporting += sum(_has_phrase(low, p) for p in _REPORTING_PHRASES) + len(_WIRE.findall(text))
    person = sum(counts[w] for w in _PERSON if w in counts)
    if paras and match_dateline(paras[0]) is not None:
        reporting += 1
    marks = len(_TWEET.findall(text)) if ("@" in text or "#" in text or "twitter" in low or "RT" in text) else 0
    return Shape(
        words=len(words),
        lines=len(paras),
        reporting=reporting,
        when=len(_WHEN.findall(text)),
        prose_share=min(1.0, prose_words / n),
        furniture={k: v for k, v in found.items() if v},
        person_share=person / n,
        tweet_marks=marks,
        cut_short=text.rstrip().endswith(("...", "…")),
        press_release=any(m in low for m in _RELEASE_MARKS) and _PRESS_RELEASE.search(low) is not None,
    )


def _ends_sentence(paragraph: str) -> bool:
    """Whether a paragraph holds a finished sentence (ends one, or has one ending inside it)."""
    return paragraph[-1] in ".!?\"”’)" or _SENTENCE_INSIDE.search(paragraph) is not None


def page_reason(text: str, title: str | None = None, bounds: IngestSettings | None = None) -> str | None:
    """Why a text is not a news article (what it is instead), or None when it reads as one (``bounds``: the
    ``fragment_words`` and ``article_words`` of the settings)."""
    b = bounds or IngestSettings()
    if len(text.split()) >= b.article_words and _REPORTING_START.search(text) is not None:
        return None  # a long text that reports: none of the tests below can find it wanting (the common case, fast)
    return reason_of(shape(text, title, b), b)


def reason_of(s: Shape, bounds: IngestSettings | None = None) -> str | None:
    """The verdict on a measured text; see ``page_reason``."""
    b = bounds or IngestSettings()
    short, long = b.fragment_words, b.article_words
    # reports per 100 words: a real article, even a short brief, attributes what it says
    density = 100.0 * s.reporting / max(s.words, 1)
    kind, hits = max(s.furniture.items(), key=lambda kv: kv[1], default=(None, 0))
    if "a list of headlines" in s.furniture and hits < 3:
        kind = "a list of headlines"  # a heading that says so names the page better than its items' words
    # 1. an error page or a web archive's notice says so in its first words, whatever its length up to a page
    for k in ("a page-not-found notice", "a web archive's notice"):
        if s.furniture.get(k, 0) >= 2 and s.words < long and density < 0.5:
            return k
    # 2. furniture vocabulary and no reporting: the text is about the page, not about an event
    if kind is not None and s.reporting == 0 and (
            (hits >= 2 and (s.words < 2 * short or s.prose_share < 0.6)) or (hits >= 1 and s.words < short)):
        return kind
    # 3. a fragment: short, reporting nothing, no day or time of any event, in the voice of a post or a pitch
    if s.words < short and s.reporting == 0 and s.when == 0:
        if s.cut_short:
            return "a teaser cut short"
        if s.tweet_marks or s.person_share >= 0.04:
            return "a bare tweet or reader comment"
    # 4. a page of short lines that reports nothing: a menu, a list of headlines, a product sheet
    if s.reporting == 0 and s.when == 0 and s.prose_share < 0.35 and s.words < 600 and s.lines >= b.page_lines:
        return "page furniture (short lines, no reporting)"
    return None


LEFT_OUT = "left out of the story"


def describe(source: str, reason: str) -> str:
    """The note and warning text for an input left out: names the file (or URL) and why."""
    name = source if "://" in source else re.split(r"[\\/]", source.rstrip("/\\"))[-1] or source
    return f"{name}: {reason}; {LEFT_OUT}"


def screen(articles: Sequence[Article], bounds: IngestSettings | None = None) -> tuple[list[Article], list[str]]:
    """The articles that are news about the story, and a note for each input left out (not an article, or about
    something else than the others)."""
    from .offtopic import off_topic

    reasons: dict[str, str] = {}
    releases: set[str] = set()
    for a in articles:
        s = shape(a.text, a.title, bounds)
        why = reason_of(s, bounds)
        if why is not None:
            reasons[a.id] = f"not a news article ({why})"
        elif s.press_release:
            releases.add(a.id)
    rest = [a for a in articles if a.id not in reasons]
    reasons.update(off_topic(rest, frozenset(releases), bounds))
    kept = [a for a in articles if a.id not in reasons]
    notes = [describe(a.source or a.url or a.id, reasons[a.id]) for a in articles if a.id in reasons]
    return kept, notes
