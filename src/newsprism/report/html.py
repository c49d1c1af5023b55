"""The report as one self-contained HTML file: inline CSS and JS allowed by hash, everything else escaped."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import escape

from ._attribution import attribution_view
from ..config import ReportSettings
from ..model import (
    SCHEMA, Article, Claim, Entity, Evidence, Fact, OutletStats, Quote, QuoteGroup, Report, Span,
)
from ._format import (
    EVIDENCE_LABEL, Lookup, article_title, citations, conflict_parts, diff_ops, evidence_by_article,
    QUOTE_MARKS, claimant_name, quotes_by_speaker, silent_articles, split_facts, unsure_speaker,
)
from .display import one_line, plain

from .digest import build_digest

_TEMPLATES = resources.files("newsprism.report") / "templates"


def _asset(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    """A CSP hash source for an inline block (the exact text between the tags)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


CSS = _asset("report.css")
JS = _asset("report.js")
STYLE_SRC = _hash(CSS)
SCRIPT_SRC = _hash(JS)
CSP = (f"default-src 'none'; script-src {SCRIPT_SRC}; style-src {STYLE_SRC}; img-src data:; "
       "base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment of the report templates (autoescaping on for every template)."""
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=select_autoescape(default=True,
                      default_for_string=True), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def json_for_script(value: Any) -> str:
    """JSON safe inside a ``<script type="application/json">`` block: no ``<``, ``>`` or ``&`` left to end it."""
    s = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link; anything else (javascript:, data:, …) is shown as text only."""
    s = one_line(url)
    if s.lower().startswith(("http://", "https://")) and not any(c in s for c in "<>\"'` "):
        return s
    return None


def render_html(report: Report, *, articles: Mapping[str, str] | None = None,
                nav: Sequence[tuple[str, str]] = (), article_href: str | None = None,
                pages: Mapping[str, int] | None = None, per_page: int | None = None,
                limits: ReportSettings | None = None, **_: Any) -> str:
    """The whole HTML document; ``articles`` (id -> text) embeds the texts so citations highlight their spans.

    ``nav`` adds (label, href) links to the top bar, and ``article_href`` (with ``{id}``) links each article to a
    page of its own: both are for the web app and are not taken from the report. ``per_page`` shows each long
    section a page at a time (``pages``: section -> page number, from 1), so a story of hundreds of articles
    gives a page of a reasonable size. ``limits``: what the digest shows.
    """
    return environment().get_template("report.html.j2").render(**view(report, articles, nav, article_href,
                                                                       pages=pages, per_page=per_page,
                                                                       limits=limits))


LIST_CAP = 12  # a paged page lists at most this many outlets, quotes or passages under one item, then a count
SIDE_BY_SIDE_MAX = 4  # above this many articles, a shared fact lists the outlets that tell it, not a column each
PAGED = ("articles", "facts", "unique", "speakers", "groups", "claims", "entities", "timeline", "outlets", "cleaning",
         "sources")


@dataclass(slots=True)
class Pager:
    """One section's page: which items are shown, and the links to the pages before and after."""

    section: str
    page: int
    pages: int
    total: int
    first: int
    last: int

    def href(self, page: int) -> str:
        return f"?{self.section}={page}#{self.section}"


Hidden = dict[int, int]  # a trimmed fact, quote group or claim (by identity) -> the articles or quotes left out
_Cited = TypeVar("_Cited", Span, Evidence)
_Item = TypeVar("_Item", Fact, QuoteGroup, Claim)


def trimmed(report: Report, cap: int) -> tuple[Report, Hidden]:
    """A copy of the report whose items cite at most ``cap`` articles each (a fact told by 250 outlets keeps the
    first ``cap``), and the count of the rest for each item that was cut, for pages that must stay small."""
    hidden: Hidden = {}

    def first_articles(spans: Sequence[_Cited]) -> tuple[list[_Cited], int]:
        seen: list[str] = []
        kept = []
        for sp in spans:
            if sp.article not in seen:
                seen.append(sp.article)
            if len(seen) <= cap:
                kept.append(sp)
        return kept, max(0, len(seen) - cap)

    def counted(item: _Item, more: int) -> _Item:
        hidden[id(item)] = more
        return item

    facts = []
    for f in report.facts:
        support, more = first_articles(f.support)
        facts.append(counted(replace(f, support=support), more))
    groups = [counted(replace(g, quotes=g.quotes[:cap]), max(0, len(g.quotes) - cap)) for g in report.quote_groups]
    claims = []
    for c in report.claims:
        said = [ev for ev in c.evidence if ev.status != "not_mentioned" or ev.text]
        kept, more = first_articles(said)
        quiet = [ev for ev in c.evidence if ev not in said]
        claims.append(counted(replace(c, evidence=kept + quiet, quotes=c.quotes[:cap]), more))
    return replace(
        report, facts=facts, quote_groups=groups, claims=claims,
        summary=[replace(s, sources=s.sources[:cap // 2]) for s in report.summary],
        timeline=[replace(t, sources=t.sources[:cap]) for t in report.timeline],
        entities=[replace(e, mentions=dict(list(e.mentions.items())[:cap])) for e in report.entities],
    ), hidden


_Shown = TypeVar("_Shown")


class _Page(Protocol):
    """One section's items cut to the page asked for (its pager kept aside)."""

    def __call__(self, items: Sequence[_Shown], section: str) -> list[_Shown]: ...


def paged(items: Sequence[_Shown], section: str, pages: Mapping[str, int] | None, per_page: int | None
          ) -> tuple[list[_Shown], Pager | None]:
    """The items of one page of a section, and its pager (None when everything fits on one page)."""
    items = list(items)
    if not per_page or len(items) <= per_page:
        return items, None
    count = -(-len(items) // per_page)
    page = min(max(int((pages or {}).get(section, 1)), 1), count)
    start = (page - 1) * per_page
    shown = items[start:start + per_page]
    return shown, Pager(section, page, count, len(items), start + 1, start + len(shown))


NOTEBOOK_CSS = """.np-digest{font:14px/1.45 system-ui,sans-serif;max-width:70rem}
.np-digest .muted,.np-digest .tag{color:#5b6270}.np-digest .conflict-what,.np-digest .warn{color:#b3261e}
.np-digest .voices,.np-digest .columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.6rem}
.np-digest .voice,.np-digest .column{border-left:3px solid #d9dce2;padding-left:.6rem}
.np-digest del{background:#fbe6e4}.np-digest ins{background:#e3f4ea;text-decoration:none}"""


def render_digest_html(report: Report, limits: ReportSettings | None = None) -> str:
    """The differences digest alone, as an HTML fragment with its own small style (for notebooks)."""
    body = environment().get_template("digest.html.j2").render(d=build_digest(report, Lookup.of(report), limits))
    title = escape(one_line(report.story.title) or "Untitled story")
    return f'<div class="np-digest"><style>{NOTEBOOK_CSS}</style><h3>{title}</h3>{body}</div>'


def view(report: Report, texts: Mapping[str, str] | None, nav: Sequence[tuple[str, str]] = (),
         article_href: str | None = None, *, pages: Mapping[str, int] | None = None,
         per_page: int | None = None, limits: ReportSettings | None = None) -> dict[str, Any]:
    """What the template shows, arranged for display (lookups, grouping and paging only)."""
    hidden: Hidden = {}
    if per_page:
        report, hidden = trimmed(report, LIST_CAP)
    look = Lookup.of(report)
    story = report.story
    texts = {str(k): str(v) for k, v in (texts or {}).items() if str(k) in look.articles}
    per_sentence, cites = citations(report, texts)
    cite_by_number = {c.number: _span_view(look, c.article, c.start, c.end, c.text) for c in cites}
    pagers: dict[str, Pager | None] = {}

    def page(items: Sequence[_Shown], section: str) -> list[_Shown]:
        shown, pagers[section] = paged(items, section, pages, per_page)
        return shown

    facts = _facts_view(report, look, hidden, page)
    source_ids = page([aid for aid in look.articles if aid in texts], "sources")
    if pagers["sources"] is not None:  # a page of texts: embed only those, the rest open on their own pages
        texts = {aid: texts[aid] for aid in source_ids}
    return {
        "title": one_line(story.title) or "Untitled story",
        "story_id": one_line(story.id),
        "copies": [(look.outlet(c), look.outlet(k)) for c, k in story.copies.items()],
        "articles": [_article_view(look, a, article_href) for a in page(list(look.articles.values()), "articles")],
        "n_articles": len(look.articles),
        "summary": [{"text": one_line(s.text), "cites": [cite_by_number[n] | {"number": n} for n in nums]}
                    for s, nums in zip(report.summary, per_sentence)],
        "citations": [cite_by_number[c.number] | {"number": c.number} for c in cites],
        "digest": build_digest(report, look, limits),
        **facts,
        "speakers": [{"name": name, "total": len(quotes),
                      "quotes": [_quote_view(look, q) | {"unsure": unsure_speaker(q, limits)}
                                 for q in (quotes[:LIST_CAP] if per_page else quotes)]}
                     for name, quotes in page(quotes_by_speaker(report, look), "speakers")],
        "groups": [_group_view(look, g, hidden) for g in page(report.quote_groups, "groups")],
        "claims": [_claim_view(look, c, hidden) for c in page(report.claims, "claims")],
        "attribution": attribution_view(report, look),
        "entities": [_entity_view(look, e) for e in page(report.entities, "entities")],
        "timeline": [{"date": one_line(t.date) or "unresolved", "precision": one_line(t.precision),
                      "expression": one_line(t.expression), "event": one_line(t.event),
                      "sources": [_span_view(look, s.article, s.start, s.end, s.text) for s in t.sources]}
                     for t in page(report.timeline, "timeline")],
        "outlets": [_outlet_view(look, o) for o in page(report.outlets, "outlets")],
        "cleaning": [{"n": look.number(a.id), "outlet": look.outlet(a.id),
                      "removed": [{"kind": one_line(r.kind), "text": plain(r.text).strip()} for r in a.removed]}
                     for a in page([a for a in story.articles if a.removed], "cleaning")],
        "notes": [one_line(n) for n in report.notes],
        "sources": [{"n": look.number(aid), "id": aid, "heading": _text_heading(look, aid), "text": texts[aid]}
                    for aid in source_ids],
        "has_texts": bool(texts),
        "pagers": pagers,
        "data_json": json_for_script({"articles": texts}),
        "nav": [(one_line(label), href) for label, href in nav],
        "css": CSS,
        "js": JS,
        "csp": CSP,
        "schema": SCHEMA,
    }


def _span_view(look: Lookup, article: str, start: int | None, end: int | None, text: str | None) -> dict[str, Any]:
    shown = one_line(text) if text is not None else None
    marks = ("", "") if shown and shown[0] in QUOTE_MARKS else ("\u201c", "\u201d")
    return {"article": article, "n": look.number(article), "outlet": look.outlet(article), "start": start or 0,
            "end": end or 0, "text": shown, "qo": marks[0], "qc": marks[1]}


def _text_heading(look: Lookup, aid: str) -> str:
    """'Outlet — Title', without saying the title twice when the outlet's name was made from it."""
    label, title = look.outlet(aid), one_line(look.articles[aid].title)
    if not title or title == label:
        return label
    if label.endswith("…") and title.startswith(label[:-1]):
        return title
    return f"{label} — {title}"


def _article_view(look: Lookup, a: Article, article_href: str | None) -> dict[str, Any]:
    copies = look.report.story.copies
    return {"n": look.number(a.id), "id": a.id, "outlet": one_line(a.outlet) or "—", "label": look.outlet(a.id),
            "title": article_title(a), "url": safe_url(a.url),
            "raw_url": one_line(a.url), "published": one_line(a.published) or "unknown",
            "author": one_line(a.author), "words": a.words or "", "source": one_line(a.source),
            "copy_of": look.outlet(copies[a.id]) if a.id in copies else None,
            "href": article_href.replace("{id}", a.id) if article_href else None}


def _facts_view(report: Report, look: Lookup, hidden: Hidden, page: _Page) -> dict[str, Any]:
    """Facts told by several outlets (a column per article up to ``SIDE_BY_SIDE_MAX`` articles, else the outlets
    that tell each fact in one cell, so the table fits the page) and each outlet's unique facts."""
    facts = report.facts
    ids = list(look.articles)
    side = len(ids) <= SIDE_BY_SIDE_MAX
    several, unique = split_facts(facts)
    rows: list[dict[str, Any]] = []
    for f in page(several, "facts"):
        cells: dict[str, list[dict[str, Any]]] = {}
        for sp in f.support:
            cells.setdefault(sp.article, []).append(_span_view(look, sp.article, sp.start, sp.end, sp.text))
        status = one_line(f.status)
        rows.append({"id": one_line(f.id), "status": status,
                     "status_class": status if status in ("shared", "conflict") else "other",
                     "text": one_line(f.text), "conflict": conflict_parts(f.conflict, look),
                     "cells": [cells.get(a) for a in ids] if side else [],
                     "told": sorted(cells.values(), key=_first_number) if not side else [],
                     "more": hidden.get(id(f), 0)})
    columns = []
    for aid in page([a for a in ids + [a for a in unique if a not in look.articles]
                     if a in look.articles or unique.get(a)], "unique"):
        items = [{"text": one_line(f.text),
                  "spans": [_span_view(look, sp.article, sp.start, sp.end, sp.text) for sp in f.support]}
                 for f in unique.get(aid, [])]
        columns.append({"n": look.number(aid), "outlet": look.outlet(aid), "facts": items})
    counts = {s: sum(1 for f in facts if f.status == s) for s in ("shared", "unique", "conflict")}
    return {"facts": rows, "facts_side_by_side": side, "unique_columns": columns, "fact_counts": counts}


def _first_number(cell: list[dict[str, Any]]) -> int:
    return int(cell[0]["n"])


def _quote_view(look: Lookup, q: Quote) -> dict[str, Any]:
    return {**_span_view(look, q.article, q.start, q.end, q.text),
            "kind": one_line(q.kind), "cue": one_line(q.cue), "anonymous": q.anonymous,
            "speaker": look.quote_speaker(q)}


def _group_view(look: Lookup, g: QuoteGroup, hidden: Hidden) -> dict[str, Any]:
    members = [look.quotes[q] for q in g.quotes if q in look.quotes]
    speaker = look.entity_name(g.entity) or (look.quote_speaker(members[0]) if members else "unattributed")
    agreement = one_line(g.agreement)
    return {"speaker": speaker, "agreement": agreement,
            "agreement_class": agreement if agreement in ("identical", "truncated", "reworded", "paraphrased")
            else "other",
            "quotes": [_quote_view(look, q) for q in members], "ops": diff_ops(g.diff),
            "more": hidden.get(id(g), 0)}


def _claim_view(look: Lookup, c: Claim, hidden: Hidden) -> dict[str, Any]:
    responses = []
    for r in c.responses:
        q = look.quotes.get(r.quote) if r.quote else None
        sp = r.span
        passage = (_quote_view(look, q) if q else
                   _span_view(look, sp.article, sp.start, sp.end, sp.text) if sp else None)
        responses.append({"name": look.entity_name(r.entity) or "someone", "stance": one_line(r.stance),
                          "passage": passage})
    evidence = []
    silent, spoken = silent_articles(evidence_by_article(c, look))
    for aid, entries in spoken:
        items = []
        for ev in entries:
            status = one_line(ev.status)
            items.append({**_span_view(look, aid, ev.start, ev.end, ev.text), "status": status,
                          "label": EVIDENCE_LABEL.get(status, status),
                          "linked": ev.start is not None and ev.end is not None})
        statuses = list(dict.fromkeys((i["status"], i["label"]) for i in items))
        evidence.append({"n": look.number(aid), "outlet": look.outlet(aid), "statuses": statuses,
                         "passages": [i for i in items if i["text"]]})
    quotes = [_quote_view(look, look.quotes[q]) for q in c.quotes if q in look.quotes]
    return {"claimant": claimant_name(c, look), "text": one_line(c.text),
            "responses": responses, "evidence": evidence, "quotes": quotes, "silent": len(silent),
            "more": hidden.get(id(c), 0),
            "silent_label": EVIDENCE_LABEL["not_mentioned"]}


def _entity_view(look: Lookup, e: Entity) -> dict[str, Any]:
    return {"name": one_line(e.name), "type": one_line(e.type),
            "aliases": [one_line(x) for x in e.aliases],
            "descriptions": [one_line(x) for x in e.descriptions],
            "mentions": [(look.number(a), look.outlet(a), n) for a, n in e.mentions.items()]}


def _outlet_view(look: Lookup, o: OutletStats) -> dict[str, Any]:
    return {"n": look.number(o.article), "outlet": one_line(o.outlet) or look.outlet(o.article),
            "covered": f"{o.facts_covered}/{o.facts_total}",
            "unique": o.unique_facts, "quotes": o.quotes,
            "named": o.named_sources, "anonymous": o.anonymous_sources,
            "words": o.words}
