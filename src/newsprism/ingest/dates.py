"""A page's publication date from three witnesses: htmldate's reading of the page, the URL, and a date shown in
the title or the first lines. When they disagree, the date two of them share wins; without such a pair the URL's
date, then the page's own, then the visible one; the disagreement is noted either way.

htmldate reads the metadata first, but on a page without any it takes the first date-like element it finds, which
can be a sidebar's or a footer's ("2019-08-01" on a page whose title says 10.06.2013).
"""

from __future__ import annotations

import re
from datetime import date

from ..config import IngestSettings
from .meta import iso_date

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)|"
                       r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/._-]|$)")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?![\d.])|"
                      r"(?<!\d)((?:19|20)\d{2})\s*[-/]\s*(\d{1,2})\s*[-/]\s*(\d{1,2})(?!\d)")
_WRITTEN = re.compile(r"\b(?:(\d{1,2})\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                      r"(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?\s*,?\s+((?:19|20)\d{2})\b")


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def url_date(url: str | None) -> str | None:
    """The date in a URL's path (/2019/08/01/, /2019-08-01-, /20190801/), or None."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    m = _URL_DATE.search(path)
    if not m:
        return None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    return _day(int(y), int(mo), int(d))


def date_in_text(text: str, near: tuple[str | None, ...] = (),
                 close_days: int = IngestSettings().date_close_days) -> str | None:
    """The first full date written in the text (05/10/2018, 2018-10-05, 5 Oct 2018, Oct. 5th, 2018), as an ISO
    date: the one rule for dates in text. 05/10/2018 reads either way: the reading that agrees with a date in
    ``near`` (the page's, the URL's; within ``close_days``) is taken, else the day-first one when the first number cannot be a month or
    the date is written with dots, else the month-first one, as in American news."""
    for m in sorted([*_NUMERIC.finditer(text), *_WRITTEN.finditer(text)], key=lambda m: m.start()):
        day = _numeric(m, near, close_days) if m.re is _NUMERIC else _written(m)
        if day:
            return day
    return None


def _numeric(m: re.Match[str], near: tuple[str | None, ...], close_days: int) -> str | None:
    if not m.group(3):
        return _day(int(m.group(4)), int(m.group(5)), int(m.group(6)))
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    day_first, month_first = _day(y, b, a), _day(y, a, b)
    for reading in (day_first, month_first):
        if reading and any(d and _close(reading, d, close_days) for d in near):
            return reading
    return day_first if ("." in m.group(0) or a > 12) else month_first


def _written(m: re.Match[str]) -> str | None:
    day = m.group(1) or m.group(3)
    return _day(int(m.group(4)), _MONTHS[m.group(2).lower()[:3]], int(day)) if day else None


def visible_date(title: str | None, text: str, near: tuple[str | None, ...] = (),
                 bounds: IngestSettings | None = None) -> str | None:
    """A full date shown in the title or at the top of the text, its first ``bounds.date_head_chars`` characters
    (see :func:`date_in_text`)."""
    b = bounds or IngestSettings()
    return date_in_text(title or "", near, b.date_close_days) \
        or date_in_text(text[:b.date_head_chars], near, b.date_close_days)


def _close(a: str, b: str, days: int) -> bool:
    """Whether two ISO dates are at most ``days`` apart (one date told a time zone apart)."""
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= days


_META_DATES = ("//meta[contains(translate(@property, 'DT', 'dt'), 'time') or contains(translate(@name, 'D', 'd'), "
               "'date') or contains(translate(@itemprop, 'D', 'd'), 'date') or contains(@property, 'date')]/@content"
               " | //time/@datetime")
_JSON_DATE = re.compile(r'"date(?:Published|Created)"\s*:\s*"([^"]{8,40})"')


def declared_dates(tree: object, html: str) -> set[str]:
    """The dates a page declares as such: date meta tags, ``<time datetime>``, JSON-LD ``datePublished``."""
    out = {iso_date(v) for v in getattr(tree, "xpath")(_META_DATES)}
    out.update(iso_date(m.group(1)) for m in _JSON_DATE.finditer(html))
    return {d for d in out if d}


def reconcile(page: str | None, url: str | None, visible: str | None,
              declared: bool = True, bounds: IngestSettings | None = None) -> tuple[str | None, str | None]:
    """(the publication date, a note when the witnesses disagree) from the page's date, the URL's and the visible
    one, each an ISO date or None. ``declared``: the page's date is one its metadata declares, not a date htmldate
    found in the body; without a pair that agrees, a declared date is trusted first, a found one last. Two dates
    ``bounds.date_close_days`` apart or less agree."""
    days = (bounds or IngestSettings()).date_close_days
    meta = "the page's metadata" if declared else "a date in the page"
    named = [(meta, iso_date(page)), ("the URL", url), ("the title or first lines", visible)]
    seen = [(who, d) for who, d in named if d]
    if not seen:
        return None, None
    if all(_close(seen[0][1], d, days) for _, d in seen):
        return seen[0][1], None
    for who, d in seen:  # a date another witness confirms
        backers = [w for w, e in seen if w != who and _close(d, e, days)]
        if backers:
            outliers = ", ".join(f"{e} ({w})" for w, e in seen if not _close(d, e, days))
            return d, f"publication date {d} ({who} and {', '.join(backers)}) kept over {outliers}"
    trust = [meta, "the URL", "the title or first lines"] if declared else ["the URL", "the title or first lines", meta]
    who, d = min(seen, key=lambda wd: trust.index(wd[0]))
    others = ", ".join(f"{e} ({w})" for w, e in seen if w != who)
    return d, f"publication date {d} ({who}) kept over {others}: no two sources agree"
