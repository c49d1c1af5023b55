"""The report as one self-contained HTML file: inline CSS and JS allowed by hash, everything else escaped."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import escape

from ._attribution import attribution_view
from ..config import ReportSettings
from ..model import Report
from ._format import (
    EVIDENCE_LABEL, Lookup, article_title, citations, conflict_parts, diff_ops, evidence_by_article,
    QUOTE_MARKS, claimant_name, quotes_by_speaker, silent_articles, split_facts,
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


def safe_url(url: Any) -> str | None:
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
    return environment().get_template("report.html.j2").render(**view(report.to_dict(), articles, nav, article_href,
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


def trimmed(report: Mapping[str, Any], cap: int) -> dict[str, Any]:
    """A copy of the report whose items cite at most ``cap`` articles each (a fact told by 250 outlets keeps the
    first ``cap`` and the count of the rest in ``more``), for pages that must stay small."""
    def first_articles(spans: Sequence[Mapping[str, Any]]) -> tuple[list[Mapping[str, Any]], int]:
        seen: list[str] = []
        kept = []
        for sp in spans:
            aid = str(sp.get("article"))
            if aid not in seen:
                seen.append(aid)
            if len(seen) <= cap:
                kept.append(sp)
        return kept, max(0, len(seen) - cap)

    out = dict(report)
    facts = []
    for f in report.get("facts") or []:
        kept, more = first_articles(f.get("support") or [])
        facts.append({**f, "support": kept, "more": more})
    out["facts"] = facts
    out["summary"] = [{**s, "sources": list(s.get("sources") or [])[:cap // 2]} for s in report.get("summary") or []]
    out["quote_groups"] = [{**g, "more": max(0, len(g.get("quotes") or []) - cap),
                            "quotes": list(g.get("quotes") or [])[:cap]} for g in report.get("quote_groups") or []]
    out["timeline"] = [{**t, "sources": list(t.get("sources") or [])[:cap]} for t in report.get("timeline") or []]
    claims = []
    for c in report.get("claims") or []:
        said = [ev for ev in c.get("evidence") or [] if ev.get("status") != "not_mentioned" or ev.get("text")]
        kept, more = first_articles(said)
        quiet = [ev for ev in c.get("evidence") or [] if ev not in said]
        claims.append({**c, "evidence": kept + quiet, "more": more, "quotes": list(c.get("quotes") or [])[:cap]})
    out["claims"] = claims
    out["entities"] = [{**e, "mentions": dict(list((e.get("mentions") or {}).items())[:cap])}
                       for e in report.get("entities") or []]
    return out


def paged(items: Sequence[Any], section: str, pages: Mapping[str, int] | None, per_page: int | None
          ) -> tuple[list[Any], Pager | None]:
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


def render_digest_html(typed: Report, limits: ReportSettings | None = None) -> str:
    """The differences digest alone, as an HTML fragment with its own small style (for notebooks)."""
    report = typed.to_dict()
    look = Lookup.of(report)
    story = report.get("story") or {}
    body = environment().get_template("digest.html.j2").render(d=build_digest(report, look, limits))
    title = escape(one_line(story.get("title")) or "Untitled story")
    return f'<div class="np-digest"><style>{NOTEBOOK_CSS}</style><h3>{title}</h3>{body}</div>'


def view(report: Mapping[str, Any], texts: Mapping[str, str] | None, nav: Sequence[tuple[str, str]] = (),
         article_href: str | None = None, *, pages: Mapping[str, int] | None = None,
         per_page: int | None = None, limits: ReportSettings | None = None) -> dict[str, Any]:
    """What the template shows, arranged for display (lookups, grouping and paging only)."""
    if per_page:
        report = trimmed(report, LIST_CAP)
    look = Lookup.of(report)
    story = report.get("story") or {}
    texts = {str(k): str(v) for k, v in (texts or {}).items() if str(k) in look.articles}
    per_sentence, cites = citations(report, texts)
    cite_by_number = {c.number: _span_view(look, c.article, c.start, c.end, c.text) for c in cites}
    pagers: dict[str, Pager | None] = {}

    def page(items: Sequence[Any], section: str) -> list[Any]:
        shown, pagers[section] = paged(items, section, pages, per_page)
        return shown

    facts = _facts_view(report, look, page)
    source_ids = page([aid for aid in look.articles if aid in texts], "sources")
    if pagers["sources"] is not None:  # a page of texts: embed only those, the rest open on their own pages
        texts = {aid: texts[aid] for aid in source_ids}
    return {
        "title": one_line(story.get("title")) or "Untitled story",
        "story_id": one_line(story.get("id")),
        "copies": [(look.outlet(c), look.outlet(k)) for c, k in (story.get("copies") or {}).items()],
        "articles": [_article_view(look, a, article_href) for a in page(list(look.articles.values()), "articles")],
        "n_articles": len(look.articles),
        "summary": [{"text": one_line(s.get("text")), "cites": [cite_by_number[n] | {"number": n} for n in nums]}
                    for s, nums in zip(report.get("summary") or [], per_sentence)],
        "citations": [cite_by_number[c.number] | {"number": c.number} for c in cites],
        "digest": build_digest(report, look, limits),
        **facts,
        "speakers": [{"name": name, "total": len(quotes),
                      "quotes": [_quote_view(look, q) for q in (quotes[:LIST_CAP] if per_page else quotes)]}
                     for name, quotes in page(quotes_by_speaker(report, look), "speakers")],
        "groups": [_group_view(look, g) for g in page(report.get("quote_groups") or [], "groups")],
        "claims": [_claim_view(look, c) for c in page(report.get("claims") or [], "claims")],
        "attribution": attribution_view(report, look),
        "entities": [_entity_view(look, e) for e in page(report.get("entities") or [], "entities")],
        "timeline": [{"date": one_line(t.get("date")) or "unresolved", "precision": one_line(t.get("precision")),
                      "expression": one_line(t.get("expression")), "event": one_line(t.get("event")),
                      "sources": [_span_view(look, s.get("article"), s.get("start"), s.get("end"), s.get("text"))
                                  for s in t.get("sources") or []]}
                     for t in page(report.get("timeline") or [], "timeline")],
        "outlets": [_outlet_view(look, o) for o in page(report.get("outlets") or [], "outlets")],
        "cleaning": [{"n": look.number(c.get("article")), "outlet": look.outlet(c.get("article")),
                      "removed": [{"kind": one_line(r.get("kind")), "text": plain(r.get("text")).strip()}
                                  for r in c.get("removed") or []]}
                     for c in page([c for c in report.get("cleaning") or [] if c.get("removed")], "cleaning")],
        "notes": [one_line(n) for n in report.get("notes") or []],
        "sources": [{"n": look.number(aid), "id": aid, "heading": _text_heading(look, aid), "text": texts[aid]}
                    for aid in source_ids],
        "has_texts": bool(texts),
        "pagers": pagers,
        "data_json": json_for_script({"articles": texts}),
        "nav": [(one_line(label), href) for label, href in nav],
        "css": CSS,
        "js": JS,
        "csp": CSP,
        "schema": one_line(report.get("schema")),
    }


def _span_view(look: Lookup, article: Any, start: Any, end: Any, text: Any) -> dict[str, Any]:
    aid = str(article)
    shown = one_line(text) if text is not None else None
    marks = ("", "") if shown and shown[0] in QUOTE_MARKS else ("\u201c", "\u201d")
    return {"article": aid, "n": look.number(aid), "outlet": look.outlet(aid), "start": _int(start),
            "end": _int(end), "text": shown, "qo": marks[0], "qc": marks[1]}


def _text_heading(look: Lookup, aid: str) -> str:
    """'Outlet — Title', without saying the title twice when the outlet's name was made from it."""
    label, title = look.outlet(aid), one_line(look.articles[aid].get("title"))
    if not title or title == label:
        return label
    if label.endswith("…") and title.startswith(label[:-1]):
        return title
    return f"{label} — {title}"


def _int(v: Any) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


def _article_view(look: Lookup, a: Mapping[str, Any], article_href: str | None) -> dict[str, Any]:
    aid = str(a.get("id"))
    copies = (look.report.get("story") or {}).get("copies") or {}
    return {"n": look.number(aid), "id": aid, "outlet": one_line(a.get("outlet")) or "—", "label": look.outlet(aid),
            "title": article_title(a), "url": safe_url(a.get("url")),
            "raw_url": one_line(a.get("url")), "published": one_line(a.get("published")) or "unknown",
            "author": one_line(a.get("author")), "words": a.get("words") or "", "source": one_line(a.get("source")),
            "copy_of": look.outlet(copies[aid]) if aid in copies else None,
            "href": article_href.replace("{id}", aid) if article_href else None}


def _facts_view(report: Mapping[str, Any], look: Lookup,
                page: Callable[[Sequence[Any], str], list[Any]] = lambda items, _: list(items)) -> dict[str, Any]:
    """Facts told by several outlets (a column per article up to ``SIDE_BY_SIDE_MAX`` articles, else the outlets
    that tell each fact in one cell, so the table fits the page) and each outlet's unique facts."""
    facts = report.get("facts") or []
    ids = list(look.articles)
    side = len(ids) <= SIDE_BY_SIDE_MAX
    several, unique = split_facts(facts)
    rows: list[dict[str, Any]] = []
    for f in page(several, "facts"):
        cells: dict[str, list[dict[str, Any]]] = {}
        for sp in f.get("support") or []:
            cells.setdefault(str(sp.get("article")), []).append(
                _span_view(look, sp.get("article"), sp.get("start"), sp.get("end"), sp.get("text")))
        status = one_line(f.get("status"))
        rows.append({"id": one_line(f.get("id")), "status": status,
                     "status_class": status if status in ("shared", "conflict") else "other",
                     "text": one_line(f.get("text")), "conflict": conflict_parts(f.get("conflict"), look),
                     "cells": [cells.get(a) for a in ids] if side else [],
                     "told": sorted(cells.values(), key=_first_number) if not side else [],
                     "more": int(f.get("more") or 0)})
    columns = []
    for aid in page([a for a in ids + [a for a in unique if a not in look.articles]
                     if a in look.articles or unique.get(a)], "unique"):
        items = [{"text": one_line(f.get("text")),
                  "spans": [_span_view(look, sp.get("article"), sp.get("start"), sp.get("end"), sp.get("text"))
                            for sp in f.get("support") or []]} for f in unique.get(aid, [])]
        columns.append({"n": look.number(aid), "outlet": look.outlet(aid), "facts": items})
    counts = {s: sum(1 for f in facts if f.get("status") == s) for s in ("shared", "unique", "conflict")}
    return {"facts": rows, "facts_side_by_side": side, "unique_columns": columns, "fact_counts": counts}


def _first_number(cell: list[dict[str, Any]]) -> int:
    return int(cell[0]["n"])


def _quote_view(look: Lookup, q: Mapping[str, Any]) -> dict[str, Any]:
    return {**_span_view(look, q.get("article"), q.get("start"), q.get("end"), q.get("text")),
            "kind": one_line(q.get("kind")), "cue": one_line(q.get("cue")), "anonymous": bool(q.get("anonymous")),
            "speaker": look.quote_speaker(q)}


def _group_view(look: Lookup, g: Mapping[str, Any]) -> dict[str, Any]:
    members = [look.quotes[str(q)] for q in g.get("quotes") or [] if str(q) in look.quotes]
    speaker = look.entity_name(g.get("entity")) or (look.quote_speaker(members[0]) if members else "unattributed")
    agreement = one_line(g.get("agreement"))
    return {"speaker": speaker, "agreement": agreement,
            "agreement_class": agreement if agreement in ("identical", "truncated", "reworded", "paraphrased")
            else "other",
            "quotes": [_quote_view(look, q) for q in members], "ops": diff_ops(g.get("diff")),
            "more": int(g.get("more") or 0)}


def _claim_view(look: Lookup, c: Mapping[str, Any]) -> dict[str, Any]:
    responses = []
    for r in c.get("responses") or []:
        q = look.quotes.get(str(r.get("quote"))) if r.get("quote") else None
        sp = r.get("span") if isinstance(r.get("span"), Mapping) else None
        passage = (_quote_view(look, q) if q else
                   _span_view(look, sp.get("article"), sp.get("start"), sp.get("end"), sp.get("text")) if sp else None)
        responses.append({"name": look.entity_name(r.get("entity")) or "someone", "stance": one_line(r.get("stance")),
                          "passage": passage})
    evidence = []
    silent, spoken = silent_articles(evidence_by_article(c, look))
    for aid, entries in spoken:
        items = []
        for ev in entries:
            status = one_line(ev.get("status"))
            items.append({**_span_view(look, aid, ev.get("start"), ev.get("end"), ev.get("text")), "status": status,
                          "label": EVIDENCE_LABEL.get(status, status),
                          "linked": ev.get("start") is not None and ev.get("end") is not None})
        statuses = list(dict.fromkeys((i["status"], i["label"]) for i in items))
        evidence.append({"n": look.number(aid), "outlet": look.outlet(aid), "statuses": statuses,
                         "passages": [i for i in items if i["text"]]})
    quotes = [_quote_view(look, look.quotes[str(q)]) for q in c.get("quotes") or [] if str(q) in look.quotes]
    return {"claimant": claimant_name(c, look), "text": one_line(c.get("text")),
            "responses": responses, "evidence": evidence, "quotes": quotes, "silent": len(silent),
            "more": int(c.get("more") or 0),
            "silent_label": EVIDENCE_LABEL["not_mentioned"]}


def _entity_view(look: Lookup, e: Mapping[str, Any]) -> dict[str, Any]:
    return {"name": one_line(e.get("name")), "type": one_line(e.get("type")),
            "aliases": [one_line(x) for x in e.get("aliases") or []],
            "descriptions": [one_line(x) for x in e.get("descriptions") or []],
            "mentions": [(look.number(a), look.outlet(a), n) for a, n in (e.get("mentions") or {}).items()]}


def _outlet_view(look: Lookup, o: Mapping[str, Any]) -> dict[str, Any]:
    total = o.get("facts_total")
    covered = o.get("facts_covered", 0)
    return {"n": look.number(o.get("article")), "outlet": one_line(o.get("outlet")) or look.outlet(o.get("article")),
            "covered": f"{covered}/{total}" if total is not None else str(covered),
            "unique": o.get("unique_facts", 0), "quotes": o.get("quotes", 0),
            "named": o.get("named_sources", 0), "anonymous": o.get("anonymous_sources", 0),
            "words": o.get("words", "")}
