"""The report as Markdown (GitHub flavour: tables, footnotes, strikethrough); article text is always escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..config import ReportSettings
from ..model import DiffOp, Report
from ._format import (
    EVIDENCE_LABEL, Lookup, article_title, citations, claimant_name, conflict_parts, diff_ops,
    evidence_by_article, quoted, quotes_by_speaker, response_text, silent_articles, silent_numbers, split_facts,
    unsure_speaker,
)
from .display import one_line

from ._attribution import attribution_view
from .digest import build_digest

_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")
_LEADING = re.compile(r"^([-+=])")
_NUMBERED = re.compile(r"^(\d+)([.)])")  # "2. ..." would start a numbered list: its mark is escaped, not its digits


def esc(value: str | None) -> str:
    """Text that Markdown shows as written: HTML and Markdown syntax neutralised, on one line."""
    s = one_line(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NUMBERED.sub(r"\1\\\2", _LEADING.sub(r"\\\1", _SPECIAL.sub(r"\\\1", s)))


def render_markdown(report: Report, *, articles: Mapping[str, str] | None = None,
                    limits: ReportSettings | None = None, **_: Any) -> str:
    """The whole report in Markdown; with ``articles`` the summary's footnotes quote the cited passages;
    ``limits``: what the digest shows."""
    look = Lookup.of(report)
    story = report.story
    lines: list[str] = [f"# {esc(story.title or 'Untitled story')}", ""]
    sub = f"Story `{esc(story.id)}` · {len(look.articles)} article(s)"
    copies = story.copies
    if copies:
        sub += f" · {len(copies)} near-duplicate cop{'y' if len(copies) == 1 else 'ies'} counted once"
    lines += [f"_{sub}_", ""]
    for part in (_digest(report, look, limits), _articles(look), _summary(report, look, articles), _facts(report, look),
                 _quotes(report, look, limits), _claims(report, look), _attribution(report, look), _entities(report, look),
                 _timeline(report, look), _outlets(report, look), _cleaning(report, look), _notes(report)):
        lines += part
    return "\n".join(lines).rstrip() + "\n"


def _digest(report: Report, look: Lookup, limits: ReportSettings | None) -> list[str]:
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
        url = a.url or ""
        if url.startswith(("http://", "https://")) and not re.search(r"[\s<>()\[\]]", url):
            title = f"[{title}]({url})"
        rows.append([str(look.number(aid)), esc(a.outlet or "—"), title, esc(a.published or "unknown"),
                     str(a.words or "")])
    return ["## Articles", ""] + _table(["#", "Outlet", "Title", "Published", "Words"], rows, "r   r")


def _summary(report: Report, look: Lookup, texts: Mapping[str, str] | None) -> list[str]:
    sents = report.summary
    out = ["## Summary", ""]
    if not sents:
        return out + ["_No summary._", ""]
    per_sentence, cites = citations(report, texts)
    para = []
    for sent, nums in zip(sents, per_sentence):
        para.append(esc(sent.text) + "".join(f"[^{n}]" for n in nums))
    out += [" ".join(para), ""]
    for c in cites:
        line = f"[^{c.number}]: {esc(look.outlet(c.article))} (article {look.number(c.article)}), chars {c.start}–{c.end}"
        if c.text is not None:
            line += f": {quoted(esc(c.text))}"
        out.append(line)
    return out + [""]


def _facts(report: Report, look: Lookup) -> list[str]:
    facts = report.facts
    counts = {s: sum(1 for f in facts if f.status == s) for s in ("shared", "conflict", "unique")}
    out = ["## Facts across outlets", "", " · ".join(f"**{n}** {s}" for s, n in counts.items()), ""]
    if not facts:
        return out + ["_No facts aligned._", ""]
    several, unique = split_facts(facts)
    ids = list(look.articles)
    if several:
        rows = []
        for f in several:
            by_article: dict[str, list[str]] = {}
            for sp in f.support:
                by_article.setdefault(sp.article, []).append(esc(sp.text))
            cell = esc(f.text)
            for label, value in conflict_parts(f.conflict, look):
                cell += f"<br>⚠ {esc(label)}: {esc(value)}"
            status = esc(f.status)
            rows.append([f"**{status}**" if f.status == "conflict" else status, cell]
                        + [" … ".join(by_article[a]) if a in by_article else "—" for a in ids])
        head = ["Status", "Fact"] + [f"\\[{look.number(a)}\\] {esc(look.outlet(a))}" for a in ids]
        out += ["### Told by several outlets", ""] + _table(head, rows)
    for aid, items in sorted(unique.items(), key=lambda kv: look.number(kv[0]) or 10**6):
        out += [f"### Only in \\[{look.number(aid)}\\] {esc(look.outlet(aid))} ({len(items)})", ""]
        out += [f"- {esc(f.text)}" for f in items] + [""]
    return out


def _quotes(report: Report, look: Lookup, limits: ReportSettings | None = None) -> list[str]:
    out = ["## Quotes by speaker", ""]
    groups = quotes_by_speaker(report, look)
    if not groups:
        out += ["_No quotes._", ""]
    for name, quotes in groups:
        out += [f"### {esc(name)} ({len(quotes)})", ""]
        for q in quotes:
            meta = [esc(q.kind)] + ([esc(q.cue)] if q.cue else [])
            if q.anonymous:
                meta.append("anonymous")
            if unsure := unsure_speaker(q, limits):
                meta.append(f"_{esc(unsure)}_")
            text = esc(q.text)
            text = text if q.kind == "indirect" else quoted(text)
            out.append(f"- **\\[{look.number(q.article)}\\] {esc(look.outlet(q.article))}** "
                       f"({' · '.join(meta)}): {text}")
        out.append("")
    qgroups = report.quote_groups
    if qgroups:
        out += ["### How outlets quote the same words", ""]
    for g in qgroups:
        members = [look.quotes[q] for q in g.quotes if q in look.quotes]
        speaker = look.entity_name(g.entity) or (look.quote_speaker(members[0]) if members else "unattributed")
        out.append(f"- **{esc(speaker)}** — {esc(g.agreement)}")
        for q in members:
            out.append(f"  - \\[{look.number(q.article)}\\] {esc(look.outlet(q.article))}: "
                       f"{quoted(esc(q.text))}")
        ops = diff_ops(g.diff)
        if ops:
            out.append("  - diff: " + _diff(ops))
    return out + ([""] if qgroups else [])


def _diff(ops: Sequence[DiffOp]) -> str:
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


def _claims(report: Report, look: Lookup) -> list[str]:
    claims = report.claims
    out = ["## Claims and evidence", ""]
    if not claims:
        return out + ["_No claims._", ""]
    for c in claims:
        out.append(f"- **{esc(claimant_name(c, look))}** claims: {esc(c.text)}")
        for r in c.responses:
            text = response_text(r, look)
            said = f": {quoted(esc(text))}" if text else ""
            out.append(f"  - {esc(look.entity_name(r.entity) or 'someone')} **{esc(r.stance)}**{said}")
        silent, spoken = silent_articles(evidence_by_article(c, look))
        for aid, entries in spoken:
            labels = list(dict.fromkeys(ev.status for ev in entries))
            out.append(f"  - \\[{look.number(aid)}\\] {esc(look.outlet(aid))}: "
                       + "; ".join(f"_{esc(EVIDENCE_LABEL.get(s, s))}_" for s in labels))
            out += [f"    - {quoted(esc(ev.text))}" for ev in entries if ev.text]
        if silent:
            out.append("  - " + esc(silent_numbers(silent, look))
                       + f": _{EVIDENCE_LABEL['not_mentioned']}_")
    return out + [""]


def _attribution(report: Report, look: Lookup) -> list[str]:
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


def _entities(report: Report, look: Lookup) -> list[str]:
    ents = report.entities
    out = ["## Entities", ""]
    if not ents:
        return out + ["_No entities._", ""]
    rows = []
    for e in ents:
        names = [esc(x) for x in e.aliases] + [esc(x) for x in e.descriptions]
        mentions = ", ".join(f"\\[{look.number(a)}\\] {n}" for a, n in e.mentions.items())
        rows.append([f"**{esc(e.name)}**", esc(e.type), "; ".join(names), mentions])
    return out + _table(["Name", "Type", "Also called", "Mentions"], rows)


def _timeline(report: Report, look: Lookup) -> list[str]:
    items = report.timeline
    out = ["## Timeline", ""]
    if not items:
        return out + ["_No dated events._", ""]
    rows = []
    for e in items:
        where = " ".join(sorted({f"\\[{look.number(s.article)}\\]" for s in e.sources}))
        rows.append([esc(e.date or "unresolved"), esc(e.precision), esc(e.expression), esc(e.event), where])
    return out + _table(["Date", "Precision", "Said as", "Event", "In"], rows)


def _outlets(report: Report, look: Lookup) -> list[str]:
    items = report.outlets
    out = ["## Outlets compared", ""]
    if not items:
        return out + ["_No outlet figures._", ""]
    rows = []
    for o in items:
        rows.append([str(look.number(o.article)), esc(o.outlet or look.outlet(o.article)),
                     f"{o.facts_covered}/{o.facts_total}", str(o.unique_facts), str(o.quotes),
                     str(o.named_sources), str(o.anonymous_sources), str(o.words)])
    return out + _table(["#", "Outlet", "Facts covered", "Unique facts", "Quotes", "Named sources",
                         "Anonymous sources", "Words"], rows, "r rrrrrr")


def _cleaning(report: Report, look: Lookup) -> list[str]:
    out = ["## What cleaning removed", ""]
    found = False
    for a in report.story.articles:
        if not a.removed:
            continue
        found = True
        out.append(f"- **\\[{look.number(a.id)}\\] {esc(look.outlet(a.id))}**")
        out += [f"  - {esc(r.kind)}: {esc(r.text)}" for r in a.removed]
    return out + ([""] if found else ["_Nothing was removed._", ""])


def _notes(report: Report) -> list[str]:
    notes = report.notes
    if not notes:
        return []
    return ["## Notes", ""] + [f"- {esc(n)}" for n in notes] + [""]
