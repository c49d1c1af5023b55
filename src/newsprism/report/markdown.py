"""The report as Markdown (GitHub flavour: tables, footnotes, strikethrough); article text is always escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..config import ReportSettings
from ..model import Report
from ._format import (
    EVIDENCE_LABEL, Lookup, article_title, citations, claimant_name, conflict_parts, diff_ops,
    evidence_by_article, quoted, quotes_by_speaker, silent_articles, silent_numbers, split_facts,
)
from .display import one_line

from ._attribution import attribution_view
from .digest import build_digest

_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")
_LEADING = re.compile(r"^([-+=]|\d+(?=[.)]))")


def esc(value: Any) -> str:
    """Text that Markdown shows as written: HTML and Markdown syntax neutralised, on one line."""
    s = one_line(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LEADING.sub(r"\\\1", _SPECIAL.sub(r"\\\1", s))


def render_markdown(typed: Report, *, articles: Mapping[str, str] | None = None,
                    limits: ReportSettings | None = None, **_: Any) -> str:
    """The whole report in Markdown; with ``articles`` the summary's footnotes quote the cited passages;
    ``limits``: what the digest shows."""
    report = typed.to_dict()
    look = Lookup.of(report)
    story = report.get("story") or {}
    lines: list[str] = [f"# {esc(story.get('title') or 'Untitled story')}", ""]
    sub = f"Story `{esc(story.get('id'))}` · {len(look.articles)} article(s)"
    copies = story.get("copies") or {}
    if copies:
        sub += f" · {len(copies)} near-duplicate cop{'y' if len(copies) == 1 else 'ies'} counted once"
    lines += [f"_{sub}_", ""]
    for part in (_digest(report, look, limits), _articles(look), _summary(report, look, articles), _facts(report, look), _quotes(report, look),
                 _claims(report, look), _attribution(report, look), _entities(report, look), _timeline(report, look), _outlets(report, look),
                 _cleaning(report, look), _notes(report)):
        lines += part
    return "\n".join(lines).rstrip() + "\n"


def _digest(report: Mapping[str, Any], look: Lookup, limits: ReportSettings | None) -> list[str]:
    """The differences digest, first: conflicts with each outlet's sentence, quotes worded differently, each
    outlet's own top facts and who it quotes, coverage by group."""
    d = build_digest(report, look, limits)
    c = d.counts
    out = ["## What differs", "", f"_{c['conflict']} conflicting · {c['shared']} shared · {c['unique']} unique facts_",
           ""]
    if d.other_stories:
        out += [f"**These inputs hold {len(d.other_stories) + 1} unrelated stories; this is the largest.** "
                f"Analyse the others on their own: {esc('; '.join(d.other_stories))}", ""]
    out += ["### Where the outlets disagree", ""]
    if not d.conflicts:
        out += ["_No conflicting facts found._", ""]
    for item in d.conflicts:
        what = "; ".join(f"{label}: {value}" for label, value in item.parts) or "the outlets differ"
        out += [f"- **{esc(what)}**"] + [f"  - [{v.n}] {esc(v.outlet)}: {esc(v.text)}" for v in item.voices]
    if d.conflicts:
        out.append("")
    if d.conflicts_hidden:
        out += [f"_{d.conflicts_hidden} more possible conflict(s) of lower confidence are in the facts below._", ""]
    if d.quotes:
        out += ["### Quoted differently", ""]
        for q in d.quotes:
            who = " vs ".join(f"[{v.n}] {esc(v.outlet)}" for v in q.voices)
            out.append(f"- **{esc(q.speaker)}**, {esc(q.agreement)}: {who}")
            if q.ops and q.agreement == "reworded":
                out.append("  " + _diff(q.ops))
            else:
                out += [f"  - [{v.n}] {esc(v.outlet)}: {esc(quoted(v.text))}" for v in q.voices]
        out.append("")
    out += ["### Only one outlet reports", ""]
    for o in d.outlets:
        out.append(f"- **[{o.n}] {esc(o.outlet)}** ({o.unique_total} unique)")
        out += [f"  - {esc(v.text)}" for v in o.top]
    out += ["", "### Who each outlet quotes", ""]
    for o in d.outlets:
        names = ", ".join(f"{esc(name)} ({n})" for name, n in o.speakers) or "nobody"
        out.append(f"- [{o.n}] {esc(o.outlet)}: {names}")
    out.append("")
    if d.groups:
        out += _table(["Group", "Outlets", "Facts covered", "Leaves out what most others report"],
                      [[esc(g.label), esc(", ".join(g.outlets)), f"{g.covered}/{g.total}",
                        "<br>".join(esc(t) for t in g.blind_spots) or "nothing"] for g in d.groups], "  r")
    return out


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], align: str = "") -> list[str]:
    head = list(header)
    marks = [("---:" if i < len(align) and align[i] == "r" else "---") for i in range(len(head))]
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join(marks) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out + [""]


def _articles(look: Lookup) -> list[str]:
    rows = []
    for aid, a in look.articles.items():
        title = esc(article_title(a))
        url = str(a.get("url") or "")
        if url.startswith(("http://", "https://")) and not re.search(r"[\s<>()\[\]]", url):
            title = f"[{title}]({url})"
        rows.append([str(look.number(aid)), esc(a.get("outlet") or "—"), title, esc(a.get("published") or "unknown"),
                     str(a.get("words") or "")])
    return ["## Articles", ""] + _table(["#", "Outlet", "Title", "Published", "Words"], rows, "r   r")


def _summary(report: Mapping[str, Any], look: Lookup, texts: Mapping[str, str] | None) -> list[str]:
    sents = report.get("summary") or []
    out = ["## Summary", ""]
    if not sents:
        return out + ["_No summary._", ""]
    per_sentence, cites = citations(report, texts)
    para = []
    for sent, nums in zip(sents, per_sentence):
        para.append(esc(sent.get("text")) + "".join(f"[^{n}]" for n in nums))
    out += [" ".join(para), ""]
    for c in cites:
        line = f"[^{c.number}]: {esc(look.outlet(c.article))} (article {look.number(c.article)}), chars {c.start}–{c.end}"
        if c.text is not None:
            line += f": {quoted(esc(c.text))}"
        out.append(line)
    return out + [""]


def _facts(report: Mapping[str, Any], look: Lookup) -> list[str]:
    facts = report.get("facts") or []
    counts = {s: sum(1 for f in facts if f.get("status") == s) for s in ("shared", "conflict", "unique")}
    out = ["## Facts across outlets", "", " · ".join(f"**{n}** {s}" for s, n in counts.items()), ""]
    if not facts:
        return out + ["_No facts aligned._", ""]
    several, unique = split_facts(facts)
    ids = list(look.articles)
    if several:
        rows = []
        for f in several:
            by_article: dict[str, list[str]] = {}
            for sp in f.get("support") or []:
                by_article.setdefault(str(sp.get("article")), []).append(esc(sp.get("text")))
            cell = esc(f.get("text"))
            for label, value in conflict_parts(f.get("conflict"), look):
                cell += f"<br>⚠ {esc(label)}: {esc(value)}"
            status = esc(f.get("status"))
            rows.append([f"**{status}**" if f.get("status") == "conflict" else status, cell]
                        + [" … ".join(by_article[a]) if a in by_article else "—" for a in ids])
        head = ["Status", "Fact"] + [f"\\[{look.number(a)}\\] {esc(look.outlet(a))}" for a in ids]
        out += ["### Told by several outlets", ""] + _table(head, rows)
    for aid, items in sorted(unique.items(), key=lambda kv: look.number(kv[0]) or 10**6):
        out += [f"### Only in \\[{look.number(aid)}\\] {esc(look.outlet(aid))} ({len(items)})", ""]
        out += [f"- {esc(f.get('text'))}" for f in items] + [""]
    return out


def _quotes(report: Mapping[str, Any], look: Lookup) -> list[str]:
    out = ["## Quotes by speaker", ""]
    groups = quotes_by_speaker(report, look)
    if not groups:
        out += ["_No quotes._", ""]
    for name, quotes in groups:
        out += [f"### {esc(name)} ({len(quotes)})", ""]
        for q in quotes:
            meta = [esc(q.get("kind"))] + ([esc(q.get("cue"))] if q.get("cue") else [])
            if q.get("anonymous"):
                meta.append("anonymous")
            text = esc(q.get("text"))
            text = text if q.get("kind") == "indirect" else quoted(text)
            out.append(f"- **\\[{look.number(q.get('article'))}\\] {esc(look.outlet(q.get('article')))}** "
                       f"({' · '.join(meta)}): {text}")
        out.append("")
    qgroups = report.get("quote_groups") or []
    if qgroups:
        out += ["### How outlets quote the same words", ""]
    for g in qgroups:
        members = [look.quotes[q] for q in g.get("quotes") or [] if q in look.quotes]
        speaker = look.entity_name(g.get("entity")) or (look.quote_speaker(members[0]) if members else "unattributed")
        out.append(f"- **{esc(speaker)}** — {esc(g.get('agreement'))}")
        for q in members:
            out.append(f"  - \\[{look.number(q.get('article'))}\\] {esc(look.outlet(q.get('article')))}: "
                       f"{quoted(esc(q.get('text')))}")
        ops = diff_ops(g.get("diff"))
        if ops:
            out.append("  - diff: " + _diff(ops))
    return out + ([""] if qgroups else [])


def _diff(ops: list[Any]) -> str:
    """Removed words struck through, added words in bold."""
    parts = []
    for op in ops:
        if op.op == "equal":
            parts.append(esc(op.a))
        if op.op in ("delete", "replace") and op.a:
            parts.append(f"~~{esc(op.a)}~~")
        if op.op in ("insert", "replace") and op.b:
            parts.append(f"**{esc(op.b)}**")
    return " ".join(p for p in parts if p)


def _claims(report: Mapping[str, Any], look: Lookup) -> list[str]:
    claims = report.get("claims") or []
    out = ["## Claims and evidence", ""]
    if not claims:
        return out + ["_No claims._", ""]
    for c in claims:
        out.append(f"- **{esc(claimant_name(c, look))}** claims: {esc(c.get('text'))}")
        for r in c.get("responses") or []:
            q = look.quotes.get(str(r.get("quote"))) if r.get("quote") else None
            sp = r.get("span") if isinstance(r.get("span"), Mapping) else None
            text = q.get("text") if q else sp.get("text") if sp else None
            said = f": {quoted(esc(text))}" if text else ""
            out.append(f"  - {esc(look.entity_name(r.get('entity')) or 'someone')} **{esc(r.get('stance'))}**{said}")
        silent, spoken = silent_articles(evidence_by_article(c, look))
        for aid, entries in spoken:
            labels = list(dict.fromkeys(str(ev.get("status")) for ev in entries))
            out.append(f"  - \\[{look.number(aid)}\\] {esc(look.outlet(aid))}: "
                       + "; ".join(f"_{esc(EVIDENCE_LABEL.get(s, s))}_" for s in labels))
            out += [f"    - {quoted(esc(ev.get('text')))}" for ev in entries if ev.get("text")]
        if silent:
            out.append("  - " + esc(silent_numbers(silent, look))
                       + f": _{EVIDENCE_LABEL['not_mentioned']}_")
    return out + [""]


def _attribution(report: Mapping[str, Any], look: Lookup) -> list[str]:
    rows = attribution_view(report, look)
    out = ["## How outlets attribute", ""]
    if not rows:
        return out + ["_No attributed speakers._", ""]
    for sp in rows:
        out.append(f"- **{esc(sp['speaker'])}**")
        for o in sp["outlets"]:
            out.append(f"  - \\[{o['n']}\\] {esc(o['outlet'])}: {esc(o['verbs'])} ({esc(o['mode'])})")
            out += [f"    - _{esc(label)}_: {quoted(esc(text))}" for _, label, text in o["evidence"]]
    return out + [""]


def _entities(report: Mapping[str, Any], look: Lookup) -> list[str]:
    ents = report.get("entities") or []
    out = ["## Entities", ""]
    if not ents:
        return out + ["_No entities._", ""]
    rows = []
    for e in ents:
        names = [esc(x) for x in (e.get("aliases") or [])] + [esc(x) for x in (e.get("descriptions") or [])]
        mentions = ", ".join(f"\\[{look.number(a)}\\] {n}" for a, n in (e.get("mentions") or {}).items())
        rows.append([f"**{esc(e.get('name'))}**", esc(e.get("type")), "; ".join(names), mentions])
    return out + _table(["Name", "Type", "Also called", "Mentions"], rows)


def _timeline(report: Mapping[str, Any], look: Lookup) -> list[str]:
    items = report.get("timeline") or []
    out = ["## Timeline", ""]
    if not items:
        return out + ["_No dated events._", ""]
    rows = []
    for e in items:
        where = " ".join(sorted({f"\\[{look.number(s.get('article'))}\\]" for s in e.get("sources") or []}))
        rows.append([esc(e.get("date") or "unresolved"), esc(e.get("precision")), esc(e.get("expression")),
                     esc(e.get("event")), where])
    return out + _table(["Date", "Precision", "Said as", "Event", "In"], rows)


def _outlets(report: Mapping[str, Any], look: Lookup) -> list[str]:
    items = report.get("outlets") or []
    out = ["## Outlets compared", ""]
    if not items:
        return out + ["_No outlet figures._", ""]
    rows = []
    for o in items:
        total = o.get("facts_total")
        covered = f"{o.get('facts_covered', 0)}/{total}" if total is not None else str(o.get("facts_covered", 0))
        rows.append([str(look.number(o.get("article"))), esc(o.get("outlet") or look.outlet(o.get("article"))),
                     covered, str(o.get("unique_facts", 0)), str(o.get("quotes", 0)),
                     str(o.get("named_sources", 0)), str(o.get("anonymous_sources", 0)), str(o.get("words", ""))])
    return out + _table(["#", "Outlet", "Facts covered", "Unique facts", "Quotes", "Named sources",
                         "Anonymous sources", "Words"], rows, "r rrrrrr")


def _cleaning(report: Mapping[str, Any], look: Lookup) -> list[str]:
    out = ["## What cleaning removed", ""]
    found = False
    for c in report.get("cleaning") or []:
        removed = c.get("removed") or []
        if not removed:
            continue
        found = True
        out.append(f"- **\\[{look.number(c.get('article'))}\\] {esc(look.outlet(c.get('article')))}**")
        out += [f"  - {esc(r.get('kind'))}: {esc(r.get('text'))}" for r in removed]
    return out + ([""] if found else ["_Nothing was removed._", ""])


def _notes(report: Mapping[str, Any]) -> list[str]:
    notes = report.get("notes") or []
    if not notes:
        return []
    return ["## Notes", ""] + [f"- {esc(n)}" for n in notes] + [""]
