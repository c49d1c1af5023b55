"""Article metadata: stable ids, outlet names, ISO dates and an English check, all without downloads."""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

# Hosts whose outlet name is not simply the host; anything else is reported by its host name.
KNOWN_HOSTS: dict[str, str] = {
    "cnn.com": "CNN",
    "edition.cnn.com": "CNN",
    "thehill.com": "The Hill",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "bloomberg.com": "Bloomberg",
    "wsj.com": "The Wall Street Journal",
    "aljazeera.com": "Al Jazeera",
    "usatoday.com": "USA Today",
}

# Wire and broadcast names that appear in datelines ("WASHINGTON (Reuters) -", "United Nations CNN —").
DATELINE_OUTLETS: dict[str, str] = {
    "CNN": "CNN",
    "REUTERS": "Reuters",
    "AP": "AP",
    "AFP": "AFP",
    "BBC": "BBC",
    "UPI": "UPI",
    "CNBC": "CNBC",
    "NBC": "NBC",
    "ABC": "ABC",
    "CBS": "CBS",
    "BLOOMBERG": "Bloomberg",
    "XINHUA": "Xinhua",
    "DPA": "dpa",
    "THE HILL": "The Hill",
    "ASSOCIATED PRESS": "AP",
    "THE ASSOCIATED PRESS": "AP",
}


def article_id(text: str) -> str:
    """Stable id of an article: a hash of its cleaned text, so the same text always gets the same id."""
    return "a" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def host_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host or None


def outlet_from_url(url: str | None) -> str | None:
    """Outlet name for a URL: a known outlet's name, else the bare host name (never a guess)."""
    host = host_of(url)
    if not host:
        return None
    if host in KNOWN_HOSTS:
        return KNOWN_HOSTS[host]
    parts = host.split(".")
    for i in range(1, len(parts) - 1):
        parent = ".".join(parts[i:])
        if parent in KNOWN_HOSTS:
            return KNOWN_HOSTS[parent]
    return host


def is_dateline_outlet(name: str) -> bool:
    """Whether capitals after a place in a dateline name a wire or network ("CNN"), not more of the place."""
    return re.sub(r"\s+", " ", name.strip()).upper() in DATELINE_OUTLETS


def outlet_from_dateline(name: str) -> str:
    """Canonical outlet name for the agency or network named in a dateline."""
    key = re.sub(r"\s+", " ", name.strip()).upper()
    return DATELINE_OUTLETS.get(key, name.strip())


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: object) -> str | None:
    """An ISO ``YYYY-MM-DD`` for a date given as ISO text, RFC 822 text, a datetime or a struct_time; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple) and len(value) >= 3:  # time.struct_time from feedparser
        try:
            return date(int(value[0]), int(value[1]), int(value[2])).isoformat()
        except (TypeError, ValueError):
            return None
    if isinstance(value, (int, float)):
        return None  # bare numbers are ambiguous (epoch seconds? ms?): unknown rather than wrong
    text = str(value).strip()
    m = _ISO_DAY.match(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser_date(text)


def _dateparser_date(text: str) -> str | None:
    """Last resort for written-out dates ("September 26, 2018"); only absolute dates are accepted."""
    if not re.search(r"\d{4}", text) or len(text) > 60:
        return None
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date().isoformat() if parsed else None


def published_override(source: str, overrides: dict[str, str]) -> str | None:
    """The user's publication date for a source, matched by the path as given, its normal form or its basename."""
    if not overrides:
        return None
    base, _, fragment = source.partition("#")
    candidates = [source, base, os.path.normpath(base), os.path.basename(base.rstrip("/"))]
    if fragment:
        candidates.append(fragment)
    norm = {os.path.normpath(k): v for k, v in overrides.items()}
    for c in candidates:
        if c in overrides:
            return overrides[c]
        if os.path.normpath(c) in norm:
            return norm[os.path.normpath(c)]
    for key, value in overrides.items():
        if "/" not in key and key == os.path.basename(base):
            return value
    return None


# --- language -----------------------------------------------------------------------------------------------

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to a in is that for it on was with he as his at by be this are from or have an they which "
        "not but had has were her she been their we said will would who there its our all also more can after "
        "than when into about could what them up out if no so one two new other did do does over just".split()
    ),
    "fr": frozenset(
        "le la les de des du un une et est que qui dans pour pas sur au aux avec il elle ne se ce sont été "
        "par plus mais ou son sa ses nous vous leur cette être a été".split()
    ),
    "de": frozenset(
        "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an als wird "
        "sie er wir bei nach aus noch wie einer hat oder aber vor zur bis mehr durch".split()
    ),
    "es": frozenset(
        "el la los las de del y que en un una es por con para se no su al lo como más pero sus le ya o "
        "fue este ha sí porque esta son entre cuando muy sin sobre también".split()
    ),
    "it": frozenset(
        "il lo la i gli le di del della e che è un una per non con sono si da al nel alla anche come più "
        "ma ha questo questa loro sul dei delle".split()
    ),
    "pt": frozenset(
        "o a os as de do da dos das e que em um uma é para com não se por mais ao como mas foi ele ela "
        "seu sua ou ser quando muito também pelo pela".split()
    ),
    "nl": frozenset(
        "de het een en van in is dat op te zijn voor met die niet aan er maar om ook als bij door naar "
        "dan nog wel werd worden hij zij".split()
    ),
}
_LANG_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
               "pt": "Portuguese", "nl": "Dutch"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language by stopword share, "und" if not Latin-script words, None if too short."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 12:
        return None
    latin = sum(1 for w in words if w.isascii() or all(ord(c) < 0x250 for c in w))
    if latin < 0.5 * len(words):
        return "und"
    scores = {lang: sum(1 for w in words if w in stop) / len(words) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores["en"] >= 0.18 or (best == "en" and scores["en"] >= 0.1):
        return "en"
    if scores[best] >= 0.12:
        return best
    return "und"


def language_name(code: str) -> str:
    """Readable name of a language code for error messages."""
    return _LANG_NAMES.get(code, "not English")
