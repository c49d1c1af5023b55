"""The report for a terminal, drawn with rich: readable at 100 columns, plain text when not on a TTY."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ._attribution import attribution_view
from ..config import ReportSettings
from .digest import Digest, Voice, build_digest
from ..model import DiffOp, Report
from ._format import (
    EVIDENCE_LABEL, Lookup, article_title, citations, claimant_name, conflict_parts, diff_ops,
    evidence_by_article, quoted, quotes_by_speaker, response_text, silent_articles, silent_numbers, split_facts,
    unsure_speaker,
)
from .display import one_line

STATUS_STYLE = {"shared": "green", "unique": "cyan", "conflict": "bold red"}
SIDE_BY_SIDE_MAX = 3  # above this many articles, fact cells show marks instead of the supporting text


def render_text(report: Report, *, articles: Mapping[str, str] | None = None,
                color: bool | None = None, width: int | None = None, full: bool = False,
                limits: ReportSettings | None = None, **_: Any) -> str:
    """The differences digest (``full``: the complete report) as terminal text.

    ``color`` None means: colour only when stdout is a TTY and NO_COLOR is unset; ``width`` None means 100
    columns, or the terminal's width when it is a narrower TTY; ``limits``: what the digest shows.
    """
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if width is None:
        width = min(100, shutil.get_terminal_size((100, 24)).columns) if sys.stdout.isatty() else 100
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, markup=False, soft_wrap=False,
                      legacy_windows=False)
    look = Lookup.of(report)
    for part in (_sections(report, look, articles, limits) if full else digest_sections(report, look, limits)):
        console.print(part)
    out = buf.getvalue()
    if not color:  # rich pads lines to the full width; plain text reads better without the padding
        out = "\n".join(line.rstrip() for line in out.split("\n"))
    return out


def _line(value: str | None, style: str = "") -> Text:
    return Text(one_line(value), style=style)


def _bullet(value: str | None, indent: int) -> RenderableType:
    """A bullet whose wrapped lines hang under its text, not under the bullet."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("•", _line(value))
    return Padding(grid, (0, 0, 0, indent))


def _heading(title: str, extra: str = "") -> RenderableType:
    t = Text(title, style="bold")
    if extra:
        t.append("  " + extra, style="dim")
    return Group(Text(""), Rule(style="dim"), t)


def _sections(report: Report, look: Lookup, texts: Mapping[str, str] | None,
              limits: ReportSettings | None = None) -> list[RenderableType]:
    story = report.story
    out: list[RenderableType] = [_line(story.title or "Untitled story", "bold underline")]
    copies = story.copies
    sub = f"story {one_line(story.id)} · {len(look.articles)} article(s)"
    if copies:
        sub += f" · {len(copies)} near-duplicate cop{'y' if len(copies) == 1 else 'ies'} counted once"
    out.append(Text(sub, style="dim"))
    out += [_articles(look), *_summary(report, look, texts), *_facts(report, look), *_quotes(report, look, limits),
            *_claims(report, look), *_attribution(report, look), *_entities(report, look), *_timeline(report, look), *_outlets(report, look),
            *_cleaning(report, look)]
    notes = report.notes
    if notes:
        out.append(_heading("Notes"))
        out += [_bullet(n, 1) for n in notes]
    return out


def _table(*columns: tuple[str, dict[str, Any]]) -> Table:
    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, header_style="bold")
    for name, opts in columns:
        t.add_column(name, **opts)
    return t


def _articles(look: Lookup) -> RenderableType:
    t = _table(("#", {"justify": "right"}), ("Outlet", {"max_width": 22}), ("Title", {"ratio": 1}),
               ("Published", {"no_wrap": True}), ("Words", {"justify": "right"}))
    for aid, a in look.articles.items():
        t.add_row(str(look.number(aid)), _line(a.outlet or "—"), _line(article_title(a)),
                  _line(a.published or "unknown"), str(a.words or ""))
    return Group(Text(""), t)


def _summary(report: Report, look: Lookup, texts: Mapping[str, str] | None) -> list[RenderableType]:
    sents = report.summary
    out: list[RenderableType] = [_heading("Summary", "numbers in brackets cite the passages listed below")]
    if not sents:
        return out + [Text("No summary.", style="dim")]
    per_sentence, cites = citations(report, texts)
    para = Text()
    for sent, nums in zip(sents, per_sentence):
        para.append_text(_line(sent.text))
        for n in nums:
            para.append(f"[{n}]", style="bold cyan")
        para.append(" ")
    out.append(Padding(para, (0, 0, 0, 1)))
    for c in cites:
        line = Text(f"[{c.number}] ", style="bold cyan")
        line.append(f"{look.outlet(c.article)} (article {look.number(c.article)}), chars {c.start}–{c.end}")
        if c.text is not None:
            line.append(": " + quoted(one_line(c.text)), style="italic")
        out.append(Padding(line, (0, 0, 0, 1)))
    return out


def _facts(report: Report, look: Lookup) -> list[RenderableType]:
    facts = report.facts
    counts = {s: sum(1 for f in facts if f.status == s) for s in ("shared", "conflict", "unique")}
    out: list[RenderableType] = [_heading("Facts across outlets",
                                          " · ".join(f"{n} {s}" for s, n in counts.items()))]
    if not facts:
        return out + [Text("No facts aligned.", style="dim")]
    several, unique = split_facts(facts)
    ids = list(look.articles)
    if several:
        side = len(ids) <= SIDE_BY_SIDE_MAX
        # side by side, each outlet's own sentence is shown, so a "Fact" column would only repeat one of them;
        # with marks, the columns are article numbers (named in the table at the top) so the fact keeps the room
        wide_status = side and any(f.conflict for f in several)  # conflict details go under the status
        cols: list[tuple[str, dict[str, Any]]] = [("Status", {"ratio": 2} if wide_status else {"no_wrap": True})]
        if side:
            cols += [(f"[{look.number(a)}] {look.outlet(a)}", {"ratio": 2}) for a in ids]
        else:
            cols += [("Fact", {"ratio": 1})]
            cols += [(f"[{look.number(a)}]", {"no_wrap": True, "justify": "center"}) for a in ids]
        t = _table(*cols)
        for f in several:
            status = f.status
            by_article: dict[str, list[str]] = {}
            for sp in f.support:
                by_article.setdefault(sp.article, []).append(one_line(sp.text))
            status_cell = Text(status, style=STATUS_STYLE.get(status, ""))
            fact_cell = Text("") if side else _line(f.text)
            for label, value in conflict_parts(f.conflict, look):
                (status_cell if side else fact_cell).append(f"\n{label}: {value}", style="red")
            cells: list[RenderableType] = [status_cell] if side else [status_cell, fact_cell]
            for a in ids:
                got = by_article.get(a)
                if not got:
                    cells.append(Text("—", style="dim"))
                else:
                    cells.append(_line(" … ".join(got)) if side else Text("✓", style="green"))
            t.add_row(*cells)
        head = Text("Told by several outlets", style="bold")
        if not side:
            head.append("  columns are the article numbers of the table at the top", style="dim")
        out += [head, t]
    for aid, items in sorted(unique.items(), key=lambda kv: look.number(kv[0]) or 10**6):
        head = Text(f"Only in [{look.number(aid)}] {look.outlet(aid)}", style="bold")
        head.append(f"  {len(items)} unique", style="cyan")
        out.append(Padding(head, (1, 0, 0, 0)))
        out += [_bullet(f.text, 2) for f in items]
    return out


def _quotes(report: Report, look: Lookup, limits: ReportSettings | None = None) -> list[RenderableType]:
    out: list[RenderableType] = [_heading("Quotes by speaker")]
    groups = quotes_by_speaker(report, look)
    if not groups:
        out.append(Text("No quotes.", style="dim"))
    for name, quotes in groups:
        head = Text(name, style="bold")
        head.append(f"  {len(quotes)} quote(s)", style="dim")
        out.append(Padding(head, (1, 0, 0, 1)))
        for q in quotes:
            line = Text(f"[{look.number(q.article)}] ", style="cyan")
            line.append(f"{look.outlet(q.article)} · {one_line(q.kind)}", style="dim")
            if q.cue:
                line.append(f" · {one_line(q.cue)}", style="dim")
            if q.anonymous:
                line.append(" · anonymous", style="yellow")
            if unsure := unsure_speaker(q, limits):
                line.append(f" · {unsure}", style="yellow")
            line.append("\n")
            line.append_text(_line(quoted(one_line(q.text)) if q.kind != "indirect" else one_line(q.text)))
            out.append(Padding(line, (0, 0, 0, 3)))
    qgroups = report.quote_groups
    if qgroups:
        out.append(_heading("How outlets quote the same words",
                            "identical · truncated · reworded (with the word diff) · paraphrased"))
    for g in qgroups:
        members = [look.quotes[q] for q in g.quotes if q in look.quotes]
        speaker = look.entity_name(g.entity) or (look.quote_speaker(members[0]) if members else "unattributed")
        agreement = one_line(g.agreement)
        head = Text(speaker, style="bold")
        head.append(f"  {agreement}", style="red" if agreement == "reworded" else "yellow")
        out.append(Padding(head, (1, 0, 0, 1)))
        for q in members:
            line = Text(f"[{look.number(q.article)}] {look.outlet(q.article)}: ", style="cyan")
            line.append_text(_line(q.text))
            out.append(Padding(line, (0, 0, 0, 3)))
        ops = diff_ops(g.diff)
        if ops:
            out.append(Padding(_diff_text(ops), (0, 0, 0, 3)))
    return out


def _diff_text(ops: Sequence[DiffOp]) -> Text:
    """A word diff that reads without colour too: [-removed-] {+added+}."""
    t = Text("diff: ", style="dim")
    for op in ops:
        if op.op == "equal":
            t.append(op.a + " ")
        if op.op in ("delete", "replace") and op.a:
            t.append("[-" + op.a + "-]", style="red strike")
            t.append(" ")
        if op.op in ("insert", "replace") and op.b:
            t.append("{+" + op.b + "+}", style="green")
            t.append(" ")
    return t


def _attribution(report: Report, look: Lookup) -> list[RenderableType]:
    rows = attribution_view(report, look)
    out: list[RenderableType] = [_heading("How outlets attribute", "reporting verbs · quoted or paraphrased · evidence")]
    if not rows:
        return out + [Text("No attributed speakers.", style="dim")]
    for sp in rows:
        out.append(Padding(Text(sp["speaker"], style="bold"), (1, 0, 0, 1)))
        for o in sp["outlets"]:
            line = Text(f"[{o['n']}] {o['outlet']}: ", style="cyan")
            line.append(o["verbs"], style="yellow")
            line.append(f"  ({o['mode']})", style="dim")
            out.append(Padding(line, (0, 0, 0, 3)))
            for status, label, text in o["evidence"]:
                ev = Text(label + ": ", style="red" if status == "none_offered" else "")
                ev.append(quoted(text), style="italic")
                out.append(Padding(ev, (0, 0, 0, 7)))
    return out


def _claims(report: Report, look: Lookup) -> list[RenderableType]:
    claims = report.claims
    out: list[RenderableType] = [_heading("Claims and evidence")]
    if not claims:
        return out + [Text("No claims.", style="dim")]
    for c in claims:
        head = Text(claimant_name(c, look), style="bold")
        head.append(" claims: ")
        head.append_text(_line(c.text))
        out.append(Padding(head, (1, 0, 0, 1)))
        for r in c.responses:
            line = Text("↳ ", style="dim")
            line.append(look.entity_name(r.entity) or "someone", style="bold")
            line.append(f" {one_line(r.stance)}", style="yellow")
            said = one_line(response_text(r, look))
            if said:
                line.append(": " + quoted(said))
            out.append(Padding(line, (0, 0, 0, 3)))
        silent, spoken = silent_articles(evidence_by_article(c, look))
        for aid, entries in spoken:
            labels = list(dict.fromkeys(ev.status for ev in entries))
            line = Text(f"[{look.number(aid)}] {look.outlet(aid)}: ", style="cyan")
            for i, status in enumerate(labels):
                line.append(("; " if i else "") + EVIDENCE_LABEL.get(status, one_line(status)),
                            style="red" if status in ("none_offered", "disputed") else "")
            out.append(Padding(line, (0, 0, 0, 3)))
            for ev in entries:
                if ev.text:
                    out.append(Padding(Text(quoted(one_line(ev.text)), style="italic"), (0, 0, 0, 7)))
        if silent:  # one line for every outlet that does not mention the claim, not one line each
            line = Text(silent_numbers(silent, look), style="cyan")
            line.append(": " + EVIDENCE_LABEL["not_mentioned"], style="dim")
            out.append(Padding(line, (0, 0, 0, 3)))
    return out


def _entities(report: Report, look: Lookup) -> list[RenderableType]:
    ents = report.entities
    out: list[RenderableType] = [_heading("Entities", f"{len(ents)} merged across outlets")]
    if not ents:
        return out + [Text("No entities.", style="dim")]
    t = _table(("Name", {"ratio": 2}), ("Type", {"no_wrap": True}), ("Also called", {"ratio": 3}),
               ("Mentions", {"ratio": 2}))
    for e in ents:
        names = [one_line(x) for x in e.aliases] + [one_line(x) for x in e.descriptions]
        mentions = ", ".join(f"[{look.number(a)}] {n}" for a, n in e.mentions.items())
        t.add_row(_line(e.name, "bold"), _line(e.type), Text("; ".join(names)), Text(mentions))
    return out + [t]


def _timeline(report: Report, look: Lookup) -> list[RenderableType]:
    items = report.timeline
    out: list[RenderableType] = [_heading("Timeline")]
    if not items:
        return out + [Text("No dated events.", style="dim")]
    t = _table(("Date", {"no_wrap": True}), ("Precision", {"no_wrap": True}), ("Said as", {"ratio": 1}),
               ("Event", {"ratio": 3}), ("In", {"no_wrap": True}))
    for e in items:
        where = " ".join(sorted({f"[{look.number(s.article)}]" for s in e.sources}))
        t.add_row(_line(e.date or "unresolved"), _line(e.precision), _line(e.expression), _line(e.event),
                  Text(where))
    return out + [t]


def _outlets(report: Report, look: Lookup) -> list[RenderableType]:
    rows = report.outlets
    out: list[RenderableType] = [_heading("Outlets compared")]
    if not rows:
        return out + [Text("No outlet figures.", style="dim")]
    t = _table(("#", {"justify": "right"}), ("Outlet", {"ratio": 1}), ("Facts covered", {"justify": "right"}),
               ("Unique", {"justify": "right"}), ("Quotes", {"justify": "right"}),
               ("Named src", {"justify": "right"}), ("Anon. src", {"justify": "right"}),
               ("Words", {"justify": "right"}))
    for o in rows:
        t.add_row(str(look.number(o.article)), _line(o.outlet or look.outlet(o.article)),
                  f"{o.facts_covered}/{o.facts_total}", str(o.unique_facts), str(o.quotes), str(o.named_sources),
                  str(o.anonymous_sources), str(o.words))
    return out + [t]


def _cleaning(report: Report, look: Lookup) -> list[RenderableType]:
    out: list[RenderableType] = [_heading("What cleaning removed")]
    any_removed = False
    for a in report.story.articles:
        if not a.removed:
            continue
        any_removed = True
        out.append(Padding(Text(f"[{look.number(a.id)}] {look.outlet(a.id)}", style="bold"), (0, 0, 0, 1)))
        for r in a.removed:
            line = Text(f"{one_line(r.kind)}: ", style="dim")
            line.append_text(_line(r.text))
            out.append(Padding(line, (0, 0, 0, 3)))
    if not any_removed:
        out.append(Text("Nothing was removed.", style="dim"))
    return out


# -- the differences digest -------------------------------------------------------------------------------------

def digest_sections(report: Report, look: Lookup, limits: ReportSettings | None = None
                    ) -> list[RenderableType]:
    """The digest: the story in two lines, then what differs, each outlet's own facts, who quotes whom."""
    d = build_digest(report, look, limits)
    head = Text(f"story {d.story_id} · ", style="dim")
    head.append(" · ".join(f"[{n}] {outlet} ({day})" for n, outlet, day in d.articles), style="dim")
    c = d.counts
    counts = Text(f"{c['conflict']} conflicting · {c['shared']} shared · {c['unique']} unique facts",
                  style="dim")
    out: list[RenderableType] = [_line(d.title, "bold underline"), head, counts]
    if d.other_stories:
        out.append(_line(f"These inputs hold {len(d.other_stories) + 1} unrelated stories; this is the largest. "
                         "Analyse the others on their own: " + "; ".join(d.other_stories), "yellow"))
    out += [*_digest_conflicts(d), *_digest_quotes(d), *_digest_unique(d), *_digest_speakers(d),
            *_digest_groups(d)]
    out += [Text(""), Text("--full for the complete report: summary, every fact, quote, claim, entity, timeline",
                           style="dim")]
    return out


def _digest_heading(title: str, extra: str = "") -> RenderableType:
    t = Text(title, style="bold")
    if extra:
        t.append("  " + extra, style="dim")
    return Group(Text(""), t)


def _label(main: str, extra: str, style: str = "bold", extra_style: str = "dim") -> RenderableType:
    """A digest item's first line: its name, then a dimmer note, indented under the section heading."""
    t = Text(one_line(main), style=style)
    t.append("  " + one_line(extra), style=extra_style)
    return Padding(t, (0, 0, 0, 2))


def _voice_line(v: Voice, indent: int) -> RenderableType:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, style="cyan")
    grid.add_column(ratio=1)
    grid.add_row(f"[{v.n}] {v.outlet}:", _line(v.text))
    return Padding(grid, (0, 0, 0, indent))


def _digest_conflicts(d: Digest) -> list[RenderableType]:
    extra = f"{d.conflicts_hidden} more of lower confidence in --full" if d.conflicts_hidden else ""
    out: list[RenderableType] = [_digest_heading("Where the outlets disagree", extra)]
    if not d.conflicts:
        return out + [Padding(Text("No conflicting facts found.", style="dim"), (0, 0, 0, 2))]
    for item in d.conflicts:
        what = "; ".join(f"{label}: {value}" for label, value in item.parts) or "the outlets differ"
        out.append(Padding(_line(what, "red"), (0, 0, 0, 2)))
        out += [_voice_line(v, 4) for v in item.voices]
    return out


def _digest_quotes(d: Digest) -> list[RenderableType]:
    if not d.quotes:
        return []
    out: list[RenderableType] = [_digest_heading("Quoted differently", "[-removed-] {+added+}")]
    for q in d.quotes:
        who = " vs ".join(f"[{v.n}] {v.outlet}" for v in q.voices)
        out.append(_label(q.speaker, f"{q.agreement}, {who}", "bold", "yellow"))
        if q.ops and q.agreement == "reworded":
            out.append(Padding(_diff_text(q.ops), (0, 0, 0, 4)))
        else:
            out += [_voice_line(v, 4) for v in q.voices]
    return out


def _digest_unique(d: Digest) -> list[RenderableType]:
    out: list[RenderableType] = [_digest_heading("Only one outlet reports",
                                                 f"the {d.limits.unique_per_outlet} most telling facts of each")]
    for o in d.outlets:
        out.append(_label(f"[{o.n}] {o.outlet}", f"{o.unique_total} unique fact{'s' if o.unique_total != 1 else ''}",
                          "bold cyan"))
        out += [_bullet(v.text, 4) for v in o.top]
    return out


def _digest_speakers(d: Digest) -> list[RenderableType]:
    out: list[RenderableType] = [_digest_heading("Who each outlet quotes", "quotes per speaker")]
    for o in d.outlets:
        most = d.limits.max_speakers
        names = ", ".join(f"{name} {n}" for name, n in o.speakers[:most]) or "nobody"
        if len(o.speakers) > most:
            names += f", {len(o.speakers) - most} more"
        out.append(_voice_line(Voice(o.n, o.outlet, names), 2))
    return out


def _digest_groups(d: Digest) -> list[RenderableType]:
    if not d.groups:
        return []
    out: list[RenderableType] = [_digest_heading("Coverage by group", "from your outlets file")]
    for g in d.groups:
        out.append(_label(g.label, f"{', '.join(g.outlets)} · {g.covered}/{g.total} facts"))
        if g.blind_spots:
            out.append(Padding(Text("leaves out what most others report:", style="dim"), (0, 0, 0, 4)))
            out += [_bullet(t, 4) for t in g.blind_spots]
    return out
