"""Line patterns of crawl debris (credits, share and subscribe prompts, update notes, datelines).

Each rule matches a whole line and is anchored and length-bounded, so a sentence of an article cannot match it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .meta import is_dateline_outlet, outlet_from_dateline

_F = re.I

# "© Getty Images", "Photo: Jane Doe/AP", "(Photo by Mandel Ngan/AFP/Getty Images)", "Image copyright Reuters"
_CREDIT_LABEL = re.compile(
    r"^[(\[]?\s*(?:©|\(c\)|image (?:copyright|source|credit)\b|"
    r"(?:photo(?:graph)?|image|picture|pic|illustration|video|credit|photo credit|image credit|file photo)s?"
    r"(?:\s+(?:by|credit|courtesy(?: of)?|source))?\s*[:/|])",
    _F,
)
_CREDIT_JOINERS = {"for", "the", "of", "via", "and", "by", "courtesy", "at", "de", "van", "von", "/"}
_COPYRIGHT = re.compile(r"^copyright\s*(?:©|\(c\)|\d{4})|\ball rights reserved\b", _F)
_AGENCIES = re.compile(
    r"\b(?:Getty Images|Getty|AFP|AP Photo|AP|Reuters|EPA|Shutterstock|iStock(?:photo)?|Alamy|Bloomberg|"
    r"Xinhua|Pool|NurPhoto|SOPA Images|Sipa|Anadolu|REX|Corbis|Associated Press|Handout)\b"
)
_CAPTION_CREDIT = re.compile(
    r"[(\[]\s*(?:(?:AP|AFP|Reuters|EPA|Getty|File)\s+)?(?:Photo|Image|Picture|Credit)s?(?:\s+by)?\s*[:/ ]\s*[^()\[\]]{1,80}[)\]]\s*$",
    _F,
)
_SHARE_WORDS = {
    "share", "shares", "shared", "tweet", "email", "e-mail", "mail", "print", "facebook", "twitter", "x", "linkedin",
    "whatsapp", "reddit", "pinterest", "telegram", "messenger", "flipboard", "copy", "link", "copied", "save",
    "comments", "comment", "this", "article", "story", "on", "via", "the", "to", "opens", "in", "new", "window",
    "click", "and", "or", "page", "url", "sms", "bluesky", "threads", "gift", "|", "•", "·",
}
_SHARE_STRONG = {"share", "tweet", "facebook", "twitter", "linkedin", "whatsapp", "reddit", "pinterest", "telegram",
                 "flipboard", "bluesky"}
_SUBSCRIBE = re.compile(
    r"^(?:subscribe|sign up|signup|get (?:our|the|breaking|the latest)|join (?:our|us)|follow (?:us|our)|like us|"
    r"download (?:our|the)|want (?:more|to)|don['’]t miss|never miss|enter your email|click here|"
    r"register (?:now|for)|stay (?:informed|up to date)|already a subscriber|become a (?:member|subscriber))\b",
    _F,
)
_SUBSCRIBE_TOPIC = re.compile(
    r"\b(?:newsletters?|inbox|subscri\w+|sign up|sign-up|follow us|our app|the app|notifications|alerts|"
    r"e-?mail|facebook|twitter|instagram|membership|breaking news)\b",
    _F,
)
_SUBSCRIBE_ALONE = re.compile(r"^(?:subscribe|sign up)(?: (?:now|today|here))?[.!]?$", _F)
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|tell us what you think|leave a (?:comment|reply)|add (?:a|your) comment|"
    r"join the (?:conversation|discussion|debate)|have your say|(?:show|view|read|load) (?:all )?(?:\d+ )?comments?|"
    r"comments are closed|post a comment)\W*$",
    _F,
)
_CLICK_HERE = re.compile(r"\bclick here\b", _F)
_SALES = re.compile(r"\b(?:subscri\w*|issues?|delivered|newsletters?|offer|price|free trial)\b|[£$€]\s?\d", _F)
_FOLLOW_PROMO = re.compile(
    r"\bfollow (?:(?:us|him|her|them|me)\b(?: on)?|(?:[\w.@&'’-]+ ){1,3}on) "
    r"(?:twitter|facebook|instagram|x|linkedin|threads|bluesky|@)", _F)
_ADVERT = re.compile(
    r"^(?:advertisement|advertising|ad|ads|sponsored(?: content| post)?|paid (?:content|post)|promoted(?: content)?|"
    r"(?:story|article) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad|video)|"
    r"continue reading(?: the main story| below| the article)?|scroll (?:down )?to continue(?: with content)?|"
    r"skip (?:the )?(?:ad|advert|advertisement)|report an ad|ad feedback|close ad)[.:]?$",
    _F,
)
_RELATED = re.compile(
    r"^(?:read more|related|related (?:coverage|articles?|stories|content|topics|reading)|see also|more on this"
    r"(?: story)?|recommended(?: for you| reading)?|also read|also see|watch|listen|more from [\w ]{1,30}|"
    r"most (?:read|popular|viewed)|trending(?: now)?|you may also like|top stories|what to read next)"
    r"\s*(?::|»|›|>|\||-|–|—)(?:\s.{0,200})?$|^(?:read more|related(?: (?:coverage|articles?|stories))?|see also|"
    r"recommended|most read|trending now|you may also like|top stories)\s*[.:]?$",
    _F,
)
# a related headline with its link label after it ("Solar mission passes crucial milestone Read more"), and a link
# label naming what it leads to ("Read more about VX", "Read more from Le Monde in French.")
_TRAILING_LINK = re.compile(r"^(?P<head>\S.{8,200}?)\s+(?:Read more|READ MORE)\s*[»›>]?$")
_READ_MORE_ON = re.compile(r"^read more (?:about|from|on|at|in) [^.!?]{1,80}\.?$", _F)
_URL = re.compile(r"https?://|www\.", _F)
_LINK_PROMO = re.compile(r"^(?:more|follow|see|find|for more)\b[^:]{0,50}:\s*(?:https?://|www\.)\S+", _F)
_UPDATE_NOTE = re.compile(
    r"^[(\[]?(?:editor['’]s note:\s*)?this (?:story|article|post|report|page) (?:has been|was|is being|will be) "
    r"updated\b.{0,160}$",
    _F,
)
_STAMP_LABEL = re.compile(
    r"^(?:updated|last updated|last modified|published|posted|first published|originally published|edited(?: time)?)"
    r"(?:\s+(?:on|at))?\s*[:|]?\s+", _F,
)
_STAMP_WORDS = set(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september "
    "october november december mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday "
    "friday saturday sunday am pm a m p et gmt utc bst edt est pdt pst cet cest ist aest at on by ago today "
    "yesterday hour hours minute minutes min mins day days week weeks".split()
)
# the labels a stamp may carry anywhere in its line ("21 July 2013 Last updated at 11:11 GMT")
_STAMP_LABELS = {"updated", "last", "modified", "published", "posted", "first", "originally", "edited", "time"}
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
# a month and day, a day and month, ISO or a numeric date ("12/16/08"); text set with spaces around its
# punctuation ("12 / 16 / 08", "1: 30 AM") is read the same
_DAY = (r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
        r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|"
        r"\d{1,2}\s?/\s?\d{1,2}\s?/\s?(?:\d{4}|\d{2}))")
_CLOCK = r"\d{1,2}\s?[:.]\s?\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s+[a-z]{2,5})?"
_CLOCK_RE = re.compile(r"\d\s?[:.]\s?\d\d")
_SEP = r"\s*(?:[-|,•·/–—@]|at|on)?\s*"
# "November 20, 2019 - 11:28 AMT", "11:28 am, 20 Nov 2019", "8: 13 AM PDT 8 / 2 / 2013": a page's stamp, never a
# sentence of the article
_BARE_STAMP = re.compile(rf"^{_WEEKDAY}(?:{_DAY}{_SEP}{_CLOCK}|{_CLOCK}{_SEP}{_WEEKDAY}{_DAY})$", _F)
# a clock time alone: a live blog's entry label inside the article, or a stamp above it; no statement either way
_BARE_CLOCK = re.compile(rf"^{_CLOCK}$", _F)
# a blog's filing line: "Posted in Pedestrian Accidents on Wednesday, September 18, 2013."
_FILED = re.compile(rf"\bposted in [^.!?]{{1,60}}? on {_WEEKDAY}{_DAY}\.?$", _F)
# a line that is a web address alone ("http://www.example.com/2013/09/19/story-slug/"), also when set with spaces
# around its punctuation; never three words in a row as prose has them. Among an article's first lines it is the
# page's own address; further down it may be a source the article cites, and stays.
_URL_LINE = re.compile(r"^(?:https?\s?:\s?/\s?/|www\s?\.)(?!.*\b[A-Za-z]+ [A-Za-z]+ [A-Za-z]+\b)", _F)
_CONTRIBUTOR = re.compile(
    r"\b(?:contributed|contributing)(?: additional)? (?:reporting|research|to (?:this|the) (?:report|story|article))"
    r"(?: (?:to|for) (?:this|the) (?:report|story|article))?(?: from [\w ,]+)?\s*\.?\)?$|"
    r"^[—–-]+\s*[\w ,.'’&]{2,80}\bcontributed(?: to this report)?\.?$",
    _F,
)
_CREDITS_START = re.compile(
    r"^[(\[]?\s*(?:additional )?(?:reporting|writing|editing|compiled|reported|research|graphics|production)"
    r"(?: by|:)\s",
    _F,
)
_BYLINE = re.compile(
    r"^(?:By|BY|by)\s+(?!(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|the|then|now|noon|midnight)\b)"
    r"[A-Z][\w.'’-]*(?:\s+(?:de|van|von|da|di|del|la|le|al|bin|ibn))*\s+[A-Z][\w.'’-]*"
    r"(?:\s+(?:[A-Z][\w.'’-]*|and|&|,))*(?:\s*[,|•·]\s*[^.]{0,80})?$"
)


@dataclass(slots=True, frozen=True)
class Dateline:
    """A dateline at the start of a line: where it ends and the outlet it names, if any."""

    end: int
    outlet: str | None


_PLACE = r"[A-Z][A-Za-z.'’-]*(?:[ ,]{1,2}[A-Z][A-Za-z.'’-]*){0,4}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?"
_KNOWN = r"CNN|AP|AFP|Reuters|REUTERS|BBC|UPI|CNBC|Bloomberg|Xinhua|XINHUA|dpa|The Hill"
# a broadcaster's initials after a place name ("United Nations CNN —"), but not after an article or pronoun
_NOT_PLACE = re.compile(r"^(?:The|A|An|This|That|It|He|She|We|They|I|In|On|At|But|And|When|After)\b")
_DASH = r"\s*(?:—|–|--|\s-)\s*"
_DATELINE_OUTLET = re.compile(
    rf"^(?:(?P<place>{_PLACE})(?:,\s*{_MONTH})?\s*)?(?:\((?P<paren>[A-Za-z][A-Za-z .&/'’-]{{0,30}})\)|(?P<known>{_KNOWN})){_DASH}"
)
_DATELINE_INITIALS = re.compile(
    rf"^(?P<place>{_PLACE})\s+(?P<caps>[A-Z]{{2,6}}){_DASH}"
)
_DATELINE_CAPS = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’-]{{2,}}(?:[ ,]{{1,2}}[A-Z][A-Za-z.'’-]*){{0,3}})(?:,\s*{_MONTH})?\s*(?:—|–|--)\s*"
)


def match_dateline(line: str) -> Dateline | None:
    """The dateline opening a line ("United Nations CNN —", "WASHINGTON (Reuters) -", "LONDON —"), if any.

    What follows the dateline must start like a sentence, so a line that merely opens with a name is left alone.
    """
    m = _DATELINE_OUTLET.match(line)
    outlet: str | None = None
    if m:
        outlet = outlet_from_dateline(m.group("paren") or m.group("known"))
    elif (m := _DATELINE_INITIALS.match(line)) and not _NOT_PLACE.match(line) and (
            is_dateline_outlet(m.group("caps")) or not m.group("place").isupper()):
        # "United Nations CNN —" names a network; in "LAS VEGAS —" the capitals are the rest of the place
        outlet = outlet_from_dateline(m.group("caps"))
    else:
        m = _DATELINE_CAPS.match(line)
        if not m:
            return None
    rest = line[m.end():]
    if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'"):
        return None
    return Dateline(m.end(), outlet)


def _is_timestamp(line: str) -> bool:
    """A "Published"/"Updated" line followed only by date and time words, a date and a time alone, or date and
    time words with a stamp's label among them ("21 July 2013 Last updated at 11:11 GMT")."""
    if _BARE_STAMP.match(line):
        return True
    m = _STAMP_LABEL.match(line)
    tokens = re.findall(r"[A-Za-z]+|\d+", line[m.end():] if m else line)
    if not tokens or len(tokens) > 24 or not any(t.isdigit() for t in tokens):
        return False
    if not m and not (_CLOCK_RE.search(line) and any(t.lower() in _STAMP_LABELS for t in tokens)):
        return False
    return all(t.isdigit() or t.lower() in _STAMP_WORDS or t.lower() in _STAMP_LABELS
               or re.fullmatch(r"\d+(?:st|nd|rd|th)", t) for t in tokens)


def is_bare_clock(line: str) -> bool:
    """A clock time alone ("4:14 p.m.", "12: 52 p. m. EDT"), or date and time words alone ("0930 GMT, 12 March
    2011"): a stamp, which states nothing."""
    t = line.strip()
    if _BARE_CLOCK.match(t):
        return True
    tokens = re.findall(r"[A-Za-z]+|\d+", t)
    return any(x.isdigit() for x in tokens) and any(x.lower() in _STAMP_WORDS for x in tokens) \
        and all(x.isdigit() or x.lower() in _STAMP_WORDS for x in tokens)


def _is_related(line: str) -> bool:
    """A "Read more: Headline" style line; what follows the label must read like a headline, not a sentence."""
    trailing = _TRAILING_LINK.match(line)
    if trailing:
        return not trailing.group("head").rstrip().endswith((".", "!", "?", '"', "”", ":"))
    if _READ_MORE_ON.match(line):
        return True
    m = _RELATED.match(line)
    if not m:
        return False
    label = re.match(r"^[^:»›>|–—-]*[:»›>|–—-]\s*", line)
    tail = line[label.end():] if label else ""
    if not tail:
        return True
    return (tail[0].isupper() or tail[0].isdigit() or tail[0] in "\"“‘'") and not tail.endswith(".")


def _is_share_line(line: str) -> bool:
    words = re.findall(r"[\w|•·-]+", line.lower())
    if not words or len(words) > 14:
        return False
    return all(w in _SHARE_WORDS for w in words) and any(w in _SHARE_STRONG for w in words)


def _is_credit(line: str, words: int) -> bool:
    if words > 14:
        return False
    if _COPYRIGHT.search(line) or line.startswith(("©", "(c)", "(C)")):
        return True
    label = _CREDIT_LABEL.match(line)
    if label:
        # the rest must be names and an agency ("Jonas Park / The Courier"), not a description
        rest = re.findall(r"[\w'’.-]+", line[label.end():])
        return bool(rest) and ("/" in line or bool(_AGENCIES.search(line)) or all(
            w[0].isupper() or w.lower() in _CREDIT_JOINERS for w in rest))
    # a short line that is only names and an agency: "Mandel Ngan/AFP/Getty Images"
    if _URL.search(line):
        return False
    return words <= 8 and "/" in line and bool(_AGENCIES.search(line)) and not re.search(r"[.!?]$", line)


def _is_click_promo(line: str) -> bool:
    """"Click here to ..." lines, or a sales pitch that ends in "click here"."""
    if re.match(r"^(?:please )?click here\b", line, _F):
        return True
    m = _CLICK_HERE.search(line)
    if not m:
        return False
    sentence_start = max(line.rfind(". ", 0, m.start()), line.rfind("! ", 0, m.start()))
    return sentence_start > 0 and bool(_SALES.search(line[:sentence_start]))


def classify_tail_line(line: str) -> str | None:
    """Debris that only appears among an article's last lines: an author's or outlet's "follow us" plug."""
    if len(line.split()) <= 70 and _FOLLOW_PROMO.search(line):
        return "promotion"
    return None


def classify_line(line: str, position: int, titles: set[str]) -> str | None:
    """The debris kind of a whole line, or None when the line is (or may be) article text."""
    stripped = line.strip()
    if not stripped:
        return None
    words = len(stripped.split())
    if titles and position < 8 and re.sub(r"\W+", "", stripped.casefold()) in titles:
        return "duplicate_title"
    if _is_credit(stripped, words):
        return "photo_credit"
    if words <= 60 and _CAPTION_CREDIT.search(stripped):
        return "caption"
    if _ADVERT.match(stripped):
        return "advertisement"
    if words <= 12 and _COMMENTS.match(stripped):
        return "comments"
    if words <= 25 and _is_click_promo(stripped):
        return "promotion"
    if _is_share_line(stripped):
        return "share"
    sub = _SUBSCRIBE.match(stripped) if words <= 30 else None
    if sub and (_SUBSCRIBE_TOPIC.search(stripped, sub.end()) or _SUBSCRIBE_ALONE.match(stripped)):
        return "subscribe"
    if words <= 40 and _UPDATE_NOTE.match(stripped):
        return "update"
    if words <= 30 and (_is_timestamp(stripped) or _FILED.search(stripped)):
        return "update"
    if position < 3 and _URL_LINE.match(stripped):
        return "link"
    if words <= 40 and (_CONTRIBUTOR.search(stripped) or _CREDITS_START.match(stripped)):
        return "contributor"
    if words <= 30 and (_is_related(stripped) or _LINK_PROMO.match(stripped)):
        return "related"
    if position < 6 and words <= 14 and _BYLINE.match(stripped):
        return "byline"
    return None
