"""Article metadata: stable ids, outlet names and ISO dates, all without downloads (the English check is in
``language``, re-exported here)."""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from .language import detect_language, language_name  # noqa: F401 - re-exported: readers import them from here

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
    "latimes.com": "Los Angeles Times",
    "chicagotribune.com": "Chicago Tribune",
    "nypost.com": "New York Post",
    "nydailynews.com": "New York Daily News",
    "bostonglobe.com": "The Boston Globe",
    "sfgate.com": "SFGate",
    "time.com": "Time",
    "newsweek.com": "Newsweek",
    "theatlantic.com": "The Atlantic",
    "vox.com": "Vox",
    "slate.com": "Slate",
    "huffpost.com": "HuffPost",
    "huffingtonpost.com": "HuffPost",
    "buzzfeednews.com": "BuzzFeed News",
    "thedailybeast.com": "The Daily Beast",
    "msnbc.com": "MSNBC",
    "cnbc.com": "CNBC",
    "axios.com": "Axios",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "dailymail.co.uk": "Daily Mail",
    "thetimes.co.uk": "The Times",
    "sky.com": "Sky News",
    "news.sky.com": "Sky News",
    "afp.com": "AFP",
    "dw.com": "DW",
    "france24.com": "France 24",
    "abc.net.au": "ABC News (Australia)",
    "smh.com.au": "The Sydney Morning Herald",
    "cbc.ca": "CBC News",
    "theglobeandmail.com": "The Globe and Mail",
    "thestar.com": "Toronto Star",
    "upi.com": "UPI",
    "businessinsider.com": "Business Insider",
    "forbes.com": "Forbes",
    "fortune.com": "Fortune",
    "marketwatch.com": "MarketWatch",
    "theverge.com": "The Verge",
    "wired.com": "Wired",
    "arstechnica.com": "Ars Technica",
    "techcrunch.com": "TechCrunch",
    "foxbusiness.com": "Fox Business",
    "washingtontimes.com": "The Washington Times",
    "nationalreview.com": "National Review",
    "breitbart.com": "Breitbart",
    "mediaite.com": "Mediaite",
    "people.com": "People",
    "eonline.com": "E! News",
    "tmz.com": "TMZ",
    "variety.com": "Variety",
    "hollywoodreporter.com": "The Hollywood Reporter",
    "rollingstone.com": "Rolling Stone",
    "sciencemag.org": "Science",
    "nature.com": "Nature",
    "newscientist.com": "New Scientist",
    "space.com": "Space.com",
    "livescience.com": "Live Science",
    "freep.com": "Detroit Free Press",
    "detroitnews.com": "The Detroit News",
    "mlive.com": "MLive",
    "startribune.com": "Star Tribune",
    "seattletimes.com": "The Seattle Times",
    "dallasnews.com": "The Dallas Morning News",
    "miamiherald.com": "Miami Herald",
    "denverpost.com": "The Denver Post",
    "ajc.com": "The Atlanta Journal-Constitution",
    "inquirer.com": "The Philadelphia Inquirer",
    "philly.com": "The Philadelphia Inquirer",
    "tampabay.com": "Tampa Bay Times",
    "azcentral.com": "The Arizona Republic",
    "reviewjournal.com": "Las Vegas Review-Journal",
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


def outlet_name(name: str) -> str | None:
    """The canonical name of an outlet given by name or by site ("CNN", "Reuters", "latimes.com", "The Los Angeles
    Times"), or None when it is none the tables know."""
    key = re.sub(r"\s+", " ", name.strip())
    if key.upper() in DATELINE_OUTLETS:
        return DATELINE_OUTLETS[key.upper()]
    host = key.lower().removeprefix("www.")
    if host in KNOWN_HOSTS:
        return KNOWN_HOSTS[host]
    folded = key.casefold().removeprefix("the ")
    return next((v for v in KNOWN_HOSTS.values() if v.casefold().removeprefix("the ") == folded), None)


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
