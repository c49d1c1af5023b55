"""The story's timeline: temporal expressions resolved against each article's publication date."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..config import Settings
from ..model import Article, Span, TimelineEntry
from ..ingest.dates import date_in_text
from ..ingest.furniture import is_caption
from .figures import FUTURE_AUX, FUTURE_HEADS, governing_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .statements import Unit
    from .context import StoryContext

# Two dated statements of different articles with the same date are one event when the pair model finds them more
# likely than not to state the same fact.

_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                            "september", "october", "november", "december"))}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
                "nov": 11, "dec": 12})
_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_MONTH_RX = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# Expressions spaCy's entity recogniser may miss; spaCy DATE/TIME entities are used as well.
_PATTERNS = re.compile(
    r"\b(?:(?:earlier|later) (?:this|last|next) (?:week|month|year)|(?:earlier|later) in the day|"
    r"(?:last|this|next) (?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:earlier|later) (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|tonight|tomorrow|"
    + _MONTH_RX + r"(?: \d{1,2})?(?:,? (?:19|20)\d\d)?|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^(?:for |about |some |nearly |almost |over |more than )?(?:the )?(?:\d+|a|an|one|two|three|"
                       r"four|five|six|seven|eight|nine|ten|several|many|few|a few|recent|past|coming)[ -](?:years?|"
                       r"months?|weeks?|days?|hours?|minutes?|decades?)(?: old| long)?$", re.I)
_FUTURE = re.compile(r"\b(?:will|'ll|’ll|shall|would(?! have)|going to|plans? to|is to|are to|scheduled|upcoming|next)\b", re.I)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(slots=True)
class _Hit:
    article: str
    start: int
    end: int
    text: str


def _pub_date(value: str | None, years: tuple[int, int]) -> date | None:
    """A valid ISO publication date the analysis can place, or None (malformed or out of range counts as unknown):
    outside ``years`` (``AlignSettings.placeable_years``) a date such as 0001-01-01 or 9999-12-31 is kept in the
    article record, but "next year" or "last week" from it leaves the calendar."""
    if not value or not _ISO.match(value.strip()):
        return None
    try:
        d = date.fromisoformat(value.strip())
    except ValueError:
        return None
    return d if years[0] <= d.year <= years[1] else None


def unplaceable_dates(articles: Sequence[Article], settings: Settings) -> list[str]:
    """Notes naming the articles whose publication date is a date the timeline does not use (see ``_pub_date``)."""
    notes = []
    years = settings.align.placeable_years
    for a in articles:
        value = (settings.published.get(a.source) or a.published or "").strip()
        if _ISO.match(value) and _pub_date(value, years) is None:
            notes.append(f"{a.source}: publication date {value} is outside {years[0]}..{years[1]}"
                         "; it is kept as given, but relative dates in the article are not counted from it")
    return notes


_POSTED = re.compile(r"\b(?:posted|published|updated|last updated|first published)(?: on)?:?\s+", re.I)


def _posted_date(text: str) -> date | None:
    """A date the text gives as its own ("Posted March 1, 2024"); other dates in it ("the April 15, 2013 bombing")
    only say the article is later, and a "Friday" counted back from one would fall before the events reported."""
    for m in _POSTED.finditer(text):
        day = date_in_text(text[m.end():m.end() + 30])
        if day:
            return date.fromisoformat(day)
    return None


def publication_dates(articles: Sequence[Article], settings: Settings) -> dict[str, date | None]:
    """Each article's publication date: its own, else one its text gives as its own, else the story's most common
    one."""
    own: dict[str, date | None] = {}
    years = settings.align.placeable_years
    for a in articles:
        own[a.id] = _pub_date(settings.published.get(a.source), years) or _pub_date(a.published, years) \
            or _posted_date(a.text)
    known = Counter(d for d in own.values() if d)
    fallback = known.most_common(1)[0][0] if known else None
    return {k: (v or fallback) for k, v in own.items()}


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def resolve(expression: str, pub: date | None, future: bool = False) -> tuple[str | None, str]:
    """The date and precision an expression refers to, given the publication date (None: unknown)."""
    e = re.sub(r"^(?:the|on|in|by|since|until|from|of|during)\s+", "", expression.strip().lower())
    e = re.sub(r"['’]s$", "", e).strip(" .,")
    # 1. absolute: full dates, month + year, years
    m = re.fullmatch(r"(" + _MONTH_RX + r") (\d{1,2})(?:st|nd|rd|th)?,? ((?:19|20)\d\d)", e)
    if m:
        try:
            return date(int(m.group(3)), _MONTHS[m.group(1).rstrip(".")], int(m.group(2))).isoformat(), "day"
        except (ValueError, KeyError):
            return None, "relative"
    m = re.fullmatch(r"(" + _MONTH_RX + r"),? ((?:19|20)\d\d)", e)
    if m and m.group(1).rstrip(".") in _MONTHS:
        return f"{int(m.group(2)):04d}-{_MONTHS[m.group(1).rstrip('.')]:02d}", "month"
    m = re.fullmatch(r"(?:the )?((?:19|20)\d\d)(?: election| elections| presidential)?", e)
    if m:
        return m.group(1), "year"
    if pub is None:
        return None, "relative"
    # 2. the day itself
    if re.fullmatch(r"(?:today|tonight|this (?:morning|afternoon|evening)|(?:earlier|later) (?:in the day|today))", e):
        return pub.isoformat(), "day"
    if e == "yesterday" or e == "last night":
        return (pub - timedelta(days=1)).isoformat(), "day"
    if e == "tomorrow":
        return (pub + timedelta(days=1)).isoformat(), "day"
    # 3. weekdays: same week, most recent on or before the publication date unless "next" or future tense
    m = re.fullmatch(r"(?:(last|next|this|earlier|later)\s+)?(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|"
                     r"saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?", e)
    if m:
        mod, wd = m.group(1), _WEEKDAYS[m.group(2)]
        back = (pub.weekday() - wd) % 7
        if mod == "next" or (future and mod not in ("last", "earlier") and back != 0):
            ahead = (wd - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=ahead)).isoformat(), "day"
        if mod == "last" and back == 0:
            back = 7
        return (pub - timedelta(days=back)).isoformat(), "day"
    # 4. weeks, months, years relative to the publication date
    m = re.fullmatch(r"(?:(?:earlier|later)\s+)?(last|this|next|past)\s+(week|month|year)", e)
    if m:
        rel, unit = m.group(1), m.group(2)
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[rel]
        if unit == "week":
            return (_monday(pub) + timedelta(weeks=step)).isoformat(), "week"
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 + step, 12)
            return f"{y:04d}-{mo + 1:02d}", "month"
        return f"{pub.year + step:04d}", "year"
    m = re.fullmatch(r"(?:(early|mid|late|earlier|later)[ -]?)?(?:in\s+)?(" + _MONTH_RX + r")", e)
    if m and m.group(2).rstrip(".") in _MONTHS:
        month = _MONTHS[m.group(2).rstrip(".")]
        year = pub.year
        if future and month < pub.month:
            year += 1
        elif not future and month > pub.month + 2:
            year -= 1  # "in March" in a September article without future tense: the last March
        return f"{year:04d}-{month:02d}", "month"
    m = re.fullmatch(r"(" + _MONTH_RX + r") (\d{1,2})(?:st|nd|rd|th)?", e)
    if m and m.group(1).rstrip(".") in _MONTHS:
        month, day = _MONTHS[m.group(1).rstrip(".")], int(m.group(2))
        try:
            d = date(pub.year, month, day)
        except ValueError:
            return None, "relative"
        if future and d < pub:
            d = date(pub.year + 1, month, day)
        elif not future and d > pub + timedelta(days=7):
            d = date(pub.year - 1, month, day)  # "Dec. 28" in a January article: the last December
        return d.isoformat(), "day"
    # 5. anything else dateparser understands ("two weeks ago", "3 days ago")
    if re.search(r"\bago\b", e):
        import dateparser

        got = dateparser.parse(e, languages=["en"], settings={
            "RELATIVE_BASE": datetime(pub.year, pub.month, pub.day), "PREFER_DATES_FROM": "past"})
        if got is not None:
            prec = "year" if "year" in e else "month" if "month" in e else "week" if "week" in e else "day"
            d = got.date()
            if prec == "year":
                return f"{d.year:04d}", "year"
            if prec == "month":
                return f"{d.year:04d}-{d.month:02d}", "month"
            if prec == "week":
                return _monday(d).isoformat(), "week"
            return d.isoformat(), "day"
    return None, "relative"


def _hits(article: Article, doc: "Doc") -> list[_Hit]:
    """Temporal expressions of one article: spaCy DATE/TIME entities and the patterns above, without overlaps."""
    found: list[_Hit] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            found.append(_Hit(article.id, ent.start_char, ent.end_char, ent.text))
    for m in _PATTERNS.finditer(article.text):
        if m.group(0).lower() == "may" and not re.match(r"\s+\d", article.text[m.end():m.end() + 3]):
            continue  # the verb "may"
        if m.group(0)[0].islower() and re.match(_MONTH_RX, m.group(0), re.I):
            continue  # a month is written with a capital: "the march on parliament" is no date
        found.append(_Hit(article.id, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[_Hit] = []
    for h in found:
        if out and h.start < out[-1].end:
            continue
        if _DURATION.match(h.text.strip()) or _IN_A_NAME.search(_around(article.text, h)) \
                or _not_a_date(article.text, h):
            continue
        out.append(h)
    return out


# A weekday inside the name of a show, a game or a holiday ("Saturday Night Live", "Black Friday") is no date.
_IN_A_NAME = re.compile(r"\b(?:(?:Black|Good|Cyber|Super|Ash|Easter|Palm|Bloody|Holy|Maundy|Shrove|Giving)\s+"
                        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+Night\s+[A-Z]\w*|"
                        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:Times|Telegraph|Mail|"
                        r"Express|Herald|Post|Mirror|Review|Magazine|Show|Edition|Football|Live|Club))\b")


# a four-digit figure among figures or after a setting is no year: "850/900/1900/2100", "1920 x 1080", "ISO 2000"
_FIGURE_BEFORE = re.compile(r"(?:[/×]|\d\s?x|\bISO(?: of)?)\s*$")
_FIGURE_AFTER = re.compile(r"^\s*(?:[/×]|x\s?\d|mAh\b|[MG]Hz\b|Mbps\b|pixels\b|px\b|mm\b)")
# months that are also given names, and the words that make one a date again ("in June", "early April")
_NAME_MONTHS = {"jan", "april", "may", "june", "august"}
_NAME_AFTER = re.compile(r"^ (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][a-z]+")
_DATE_BEFORE = re.compile(r"\b(?:in|on|since|by|until|till|from|of|through|last|next|this|early|late|mid|during|"
                          r"before|after)\s+$", re.I)


def _not_a_date(text: str, hit: _Hit) -> bool:
    """A year that is a figure among figures or a setting, or a month that is a given name starting a name
    ("Interior Minister Jan Jambon"): no date."""
    t = hit.text.strip()
    if re.fullmatch(r"\d{4}", t):
        return bool(_FIGURE_BEFORE.search(text[max(hit.start - 10, 0):hit.start])
                    or _FIGURE_AFTER.match(text[hit.end:hit.end + 8]))
    return t.lower() in _NAME_MONTHS and bool(_NAME_AFTER.match(text[hit.end:hit.end + 20])) \
        and not _DATE_BEFORE.search(text[max(hit.start - 12, 0):hit.start])


def _line(text: str, start: int, end: int) -> str:
    """The whole line (paragraph) around a stretch: a caption's credit often follows its sentence."""
    return text[text.rfind("\n", 0, start) + 1:(text.find("\n", end) + 1 or len(text) + 1) - 1]


def _around(text: str, hit: _Hit) -> str:
    """The hit with the words next to it, to see whether it is part of a name."""
    return text[max(hit.start - 12, 0):hit.end + 16]


def _clean_expression(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _subparts(expression: str) -> list[str]:
    """An entity like "Wednesday afternoon" or "earlier this month" is tried whole, then by its date-like parts."""
    parts = [expression]
    for m in _PATTERNS.finditer(expression):
        if m.group(0) != expression:
            parts.append(m.group(0))
    return parts


def build_timeline(articles: Sequence[Article], docs: dict[str, "Doc"], settings: Settings,
                   context: "StoryContext | None" = None) -> list[TimelineEntry]:
    """Dated events of the story, each traced to the sentences that date them; entries of one date across articles
    merged when the story's pair model (``context``, computed here when not given) says they state one event."""
    if context is None:
        from .context import story_context

        context = story_context(articles, docs, (), settings)
    pubs = publication_dates(articles, settings)
    raw: list[tuple[str | None, str, str, int]] = []  # date, precision, expression, unit index
    units = []
    for article in articles:
        doc = docs.get(article.id)
        if doc is None:
            continue
        a_units = context.units_of(article.id)
        for hit in _hits(article, doc):
            unit = next((u for u in a_units if u.start <= hit.start and hit.end <= u.end), None)
            if unit is None or is_caption(_line(article.text, unit.start, unit.end)):
                continue  # a photo caption dates the picture, not an event of the story
            if not re.search(r"[A-Za-z]{2,}", _PATTERNS.sub("", unit.text)):
                continue  # a date alone ("MONDAY, MAY 23, 2005") names no event
            expr = _clean_expression(hit.text)
            future = _is_future(doc, hit.start, hit.end, unit.text[: hit.end - unit.start + 40])
            resolved: tuple[str | None, str] = (None, "relative")
            for part in _subparts(expr):
                resolved = resolve(part, pubs.get(article.id), future)
                if resolved[0]:
                    break
            if resolved[0] is None and not _looks_temporal(expr):
                continue
            units.append(unit)
            raw.append((resolved[0], resolved[1], expr, len(units) - 1))
    if not units:
        return []
    return _merge(raw, units, context, settings.align.same_event)


def _is_future(doc: "Doc", start: int, end: int, window: str) -> bool:
    """Whether the verb that governs a time expression speaks of the future ("will meet on Friday",
    "said he would meet on Friday", "is scheduled for Friday"); the surrounding words decide only when no
    verb governs it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    tok = governing_verb(span.root, len(doc)) if span is not None else None
    if tok is None:
        return bool(_FUTURE.search(window))
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX or ("would" in aux and "have" not in aux):
        return True
    if tok.lemma_ in ("schedule", "plan", "due") and aux & {"is", "are", "'s", "’s", "be"}:
        return True  # "is scheduled for Thursday", but not "carried out as planned in October"
    head = tok.head
    return tok.dep_ == "xcomp" and head.i != tok.i and head.lemma_ in FUTURE_HEADS


def _looks_temporal(expr: str) -> bool:
    """Unresolved expressions worth keeping as relative: named days and months, and spans relative to now."""
    if re.search(r"-year-old|years? old", expr, re.I):
        return False
    return bool(re.search(r"\b(?:today|yesterday|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|"
                          r"sunday|ago|(?:last|next|this|earlier this|later this) (?:week|month|year))\b|^" + _MONTH_RX,
                          expr, re.I))


def _merge(raw: list[tuple[str | None, str, str, int]], units: list["Unit"], context: "StoryContext",
           same_event: float) -> list[TimelineEntry]:
    """One entry per dated event: same date and precision, and events that say the same thing, across articles."""
    groups: list[list[int]] = []
    # by article and place, so that the entries do not depend on the order of the inputs
    order = sorted(range(len(raw)), key=lambda k: (units[raw[k][3]].article, units[raw[k][3]].start, raw[k][2]))
    for i in order:
        d, p, expr, ui = raw[i]
        placed = False
        for g in groups:
            j = g[0]
            dj, pj, ej, uj = raw[j]
            if (dj, pj) != (d, p):
                continue
            # the same sentence, or one printed twice (a page that repeats its text)
            same_unit = units[ui] is units[uj] or units[ui].text == units[uj].text \
                or (units[ui].article == units[uj].article and units[ui].start == units[uj].start)
            close = units[ui].article != units[uj].article and context.same(units[ui], units[uj]) >= same_event
            if d is None and expr.lower() != ej.lower():
                continue
            if same_unit or close:
                g.append(i)
                placed = True
                break
        if not placed:
            groups.append([i])
    entries: list[TimelineEntry] = []
    for g in groups:
        d, p, expr, ui = raw[g[0]]
        seen: set[tuple[str, int, int]] = set()
        sources: list[Span] = []
        for i in g:
            u = units[raw[i][3]]
            key = (u.article, u.start, u.end)
            if key not in seen:
                seen.add(key)
                sources.append(Span(u.article, u.start, u.end, u.text))
        event = min((units[raw[i][3]] for i in g), key=lambda u: (len(u.text), u.article, u.start)).text
        entries.append(TimelineEntry(date=d, precision=p, expression=expr, event=event, sources=sources))  # type: ignore[arg-type]
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.expression.lower(),
                                min((sp.article, sp.start) for sp in e.sources)))
    return entries
