"""Page furniture inside a sentence: the rules the analysis stages apply to a statement, a summary candidate or a
speaker's description (links, handles, credits, captions, player controls, calls to subscribe).

Cleaning (``debris.py``) takes furniture out line by line; what a line rule cannot see, because the furniture sits
inside a sentence or a sentence reads like one, the stages test here, so page furniture is defined in ingest only.
"""

from __future__ import annotations

import re

# Lines that describe the page, not the event.
_BOILERPLATE = re.compile(
    r"^(?:©|\(c\)\s|photo:|image:|getty images|this (?:story|article|post) (?:has been|was) updated|"
    r"(?:this|the) (?:story|article) (?:is|was) developing|sign up|subscribe|follow (?:us|him|her)|read more|"
    r"related:|advertisement\b|click here|share this)|contributed (?:to this )?report(?:ing)?\.?$|"
    r"^\S.{0,60}(?:/|\|)\s*(?:getty|ap|reuters|afp)\b",
    re.IGNORECASE,
)
_DEBRIS = re.compile(r"https?://|www\.|@\w|\||\bMORE\b|©|\bBuy Photo\b|\bWait \d+ seconds? to continue|"
                     r"\(\s*(?:WATCH|READ|LISTEN|PHOTOS?|VIDEO|RELATED)\b|/(?:AP|Getty|Reuters|AFP)\b|"
                     r"\b\d{3}[-.]\d{3}[-.]\d{4}\b")
_CAPTION = re.compile(r"\b(?:Photo|Image|Picture)s?(?: by|:)|\((?:AP|Getty|Reuters|AFP)\b|/(?:AP|Getty|Reuters|AFP)\b|"
                      r"\bBuy Photo\b|\bGetty Images\b|\bFile photo\b|\bpictured\b|\bIn this (?:\w+ )?(?:photo|image)|"
                      # the wire-photo caption's closing place and full date: "... in Washington, Thursday, Feb. 16, 2017."
                      r",\s(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s[A-Z][a-z]{2,8}\.?\s\d{1,2},\s(?:19|20)\d\d\.?\s*$",
                      re.I)
# lower-case phrases of page furniture: credits, captions, calls to subscribe or share
_PHRASES = (
    "click here", "sign up", "subscribe", "newsletter", "read more", "image caption", "image copyright",
    "toggle caption", "photo:", "file photo", "getty images", "staff photographer", "associated press)",
    "copyright", "all rights reserved", "javascript", "cookie", "closed captioning", "please ",
)
# Player, share and caption controls scraped with the page ("CLOSE Skip in Skip x Embed x Share", "Media playback").
_CONTROLS = re.compile(r"\b(?:Media playback|Image caption|Image copyright|Skip in|Embed|Share This|Read more|"
                       r"CLOSE|Getty Images|Play Video)\b")
# A scraped hover card left in the text: a name glued to the next capital, through the card's "MORE" link.
_HOVER_CARD = re.compile(r"[a-z][A-Z][\w'’.()-]*(?:[ \t]+\S+){0,60}?[ \t]+MORE\b")


# How a sentence ends when it is written as one: closing punctuation, a closing quote or bracket.
_CLOSED = re.compile(r"[.!?…:;\"”'’)\]]\s*$")
_QUOTED_SENTENCE = re.compile(r"[.!?…][\"”]")
LOOSE_LINE_WORDS = 25  # longer unpunctuated paragraphs are more likely prose that lost its full stop


def is_loose_line(text: str, start: int, end: int) -> bool:
    """A short paragraph of its own, after the opening one, that does not end as a sentence does: a related-story
    headline, a subhead, a list item or a credit line scraped with the article, not a statement of it."""
    line = text[start:end].strip()
    if start == 0 or not line or _CLOSED.search(line) or len(line.split()) > LOOSE_LINE_WORDS:
        return False
    if _QUOTED_SENTENCE.search(line) or line[0] in "“\"‘":
        return False  # a quoted sentence signed by its speaker, or a quotation that goes on in the next paragraph
    before, after = text[:start].rstrip(" \t"), text[end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def loose_lines(text: str) -> list[tuple[int, int]]:
    """Where the text's loose lines stand (``is_loose_line``), for stages that read the text, not its statements."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        if is_loose_line(text, m.start(), m.end()):
            out.append((m.start(), m.end()))
    return out


# a related link glued to its date ("Wiggle Room Emerges in Greece's Bailout DealJUNE 19, 2012")
_DATED_LINK = re.compile(r"[a-z](?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.? \d{1,2}, \d{4}$")
# a newspaper's correction of an earlier article: "Because of an editing error, an article on June 27 ...", "The
# TV Watch column on June 19 ... referred incorrectly to ..."
_CORRECTION = re.compile(r"^(?:because of an? (?:editing|reporting|production) error\b|correction:|an? (?:earlier )?"
                         r"(?:article|column|report|version of this (?:article|story))\b[^.]{0,160}\b(?:misstated|"
                         r"misidentified|misspelled|referred incorrectly|incorrectly (?:stated|said|described|"
                         r"reported|referred))|the [^.]{0,60}\b(?:column|article) on [A-Z][a-z]+\.? \d{1,2}\b[^.]{0,160}"
                         r"\b(?:misstated|misidentified|referred incorrectly|incorrectly))", re.I)


def is_page_note(line: str) -> bool:
    """A related link glued to its date or a correction of an earlier article: the page's notes, not the story."""
    t = line.strip()
    return bool(_DATED_LINK.search(t) or _CORRECTION.search(t))


def is_label(piece: str) -> bool:
    """A short piece that heads what follows rather than stating anything: a dateline ("LOS ANGELES -") or the
    label of a list or chronology entry ("December 1999:")."""
    t = piece.strip()
    return len(t.split()) <= 4 and (t.endswith((":", "-", "–", "—")) or (t.isupper() and not t.endswith(".")))


def is_boilerplate_line(text: str) -> bool:
    """Credits, update notes, calls to subscribe or follow: a sentence about the page, not the event."""
    return bool(_BOILERPLATE.search(text))


def is_furniture(text: str) -> bool:
    """Links, handles, contact lines, credits, captions and calls to watch or read: the page, not the story."""
    return bool(_DEBRIS.search(text)) or is_caption(text)


def is_caption(text: str) -> bool:
    """A photo caption or credit: it describes a picture on the page, not an event of the story."""
    return bool(_CAPTION.search(text))


def has_furniture_phrase(text: str) -> bool:
    """Whether the text holds a phrase of page furniture ("click here", "image copyright", "all rights reserved")."""
    low = text.lower()
    return any(p in low for p in _PHRASES)


def has_player_controls(text: str) -> bool:
    """Whether the text holds the words of a player, share or caption control ("Skip in", "Media playback")."""
    return bool(_CONTROLS.search(text))


def hover_card_regions(text: str) -> list[tuple[int, int]]:
    """Stretches of scraped hover-card text ("TrumpDonald John TrumpHarris bashes ... MORE") left in an article."""
    return [(m.start() + 1, m.end()) for m in _HOVER_CARD.finditer(text)]
