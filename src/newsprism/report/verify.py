"""Proves a report: every text it quotes from an article must be exactly that article's text at its offsets."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from ..errors import ReportError
from ..model import SCHEMA, Article, Evidence, Quote, Report, Span, SummarySentence

Located = Span | Quote | Evidence  # what names a stretch of one article: its id, offsets and text


def _check_span(where: str, span: Located, texts: Mapping[str, str], problems: list[str],
                text: str | None = None, need_text: bool = True) -> bool:
    """Appends a problem unless the span's article is known, its offsets valid and its text exact."""
    art, start, end = span.article, span.start, span.end
    if art not in texts:
        problems.append(f"{where}: unknown article id {art!r}")
        return False
    body = texts[art]
    if start is None or end is None:
        problems.append(f"{where}: offsets must be integers, got start={start!r} end={end!r}")
        return False
    if not 0 <= start <= end <= len(body):
        problems.append(f"{where}: offsets {start}:{end} outside article {art} ({len(body)} characters)")
        return False
    expected = text if text is not None else span.text
    if expected is None:
        if need_text:
            problems.append(f"{where}: no text to check")
            return False
        return True
    if body[start:end] != expected:
        problems.append(f"{where}: text {_short(expected)!r} differs from article {art} "
                        f"at {start}:{end}, which reads {_short(body[start:end])!r}")
        return False
    return True


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def check_summary(summary: Iterable[SummarySentence], texts: Mapping[str, str]) -> list[str]:
    """Each summary sentence must cite spans that exist; an extracted sentence must be one of them word for word."""
    problems: list[str] = []
    for i, sent in enumerate(summary):
        sources = sent.sources
        if not sources:
            problems.append(f"summary[{i}]: no sources")
            continue
        ok = True
        for j, sp in enumerate(sources):
            ok &= _check_span(f"summary[{i}].sources[{j}]", sp, texts, problems, need_text=False)
        if not ok or sent.generated:
            continue
        if not any(texts[sp.article][sp.start:sp.end] == sent.text for sp in sources):
            _check_span(f"summary[{i}]", sources[0], texts, problems, text=sent.text)
    return problems


def _overlaps(a: Span, b: Span) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


def check_support(report: Report) -> list[str]:
    """Each extracted summary sentence may cite another outlet only where an aligned (shared) fact holds both the
    sentence and the cited span: a citation the alignment does not back is listed."""
    shared = [f.support for f in report.facts if f.status == "shared"]
    problems = []
    for i, sent in enumerate(report.summary):
        sources = sent.sources
        if sent.generated or len(sources) < 2:
            continue
        own = sources[0]
        for j, sp in enumerate(sources[1:], 1):
            if sp.article == own.article:
                continue
            if not any(any(_overlaps(own, x) for x in sup) and any(_overlaps(sp, x) for x in sup) for sup in shared):
                problems.append(f"summary[{i}].sources[{j}]: cited as support from article {sp.article}, "
                                "but no aligned fact holds both it and the sentence")
    return problems


def verify(report: Report, articles: Sequence[Article]) -> list[str]:
    """Every mismatch between the report's quoted texts and the articles, and every citation its aligned facts do
    not back; an empty list means the report holds."""
    texts = {a.id: a.text for a in articles}
    problems = check_summary(report.summary, texts) + check_support(report)
    for i, fact in enumerate(report.facts):
        for j, sp in enumerate(fact.support):
            _check_span(f"facts[{i}] {fact.id}.support[{j}]", sp, texts, problems)
    quote_ids = set()
    for i, q in enumerate(report.quotes):
        quote_ids.add(q.id)
        _check_span(f"quotes[{i}] {q.id}", q, texts, problems)
        if q.speaker_span:
            _check_span(f"quotes[{i}] {q.id}.speaker_span", q.speaker_span, texts, problems)
    for i, c in enumerate(report.claims):
        for j, ev in enumerate(c.evidence):
            where = f"claims[{i}] {c.id}.evidence[{j}]"
            if ev.start is None and ev.end is None and ev.text is None:
                if ev.article not in texts:
                    problems.append(f"{where}: unknown article id {ev.article!r}")
                continue
            _check_span(where, ev, texts, problems)
        for qid in c.quotes:
            if qid not in quote_ids:
                problems.append(f"claims[{i}] {c.id}: unknown quote id {qid!r}")
    for i, t in enumerate(report.timeline):
        for j, sp in enumerate(t.sources):
            _check_span(f"timeline[{i}].sources[{j}]", sp, texts, problems)
    for i, e in enumerate(report.entities):
        for j, sp in enumerate(e.spans):
            _check_span(f"entities[{i}] {e.id}.spans[{j}]", sp, texts, problems)
    return problems


def count_texts(report: Report) -> int:
    """How many spans a report cites (what ``verify`` checked)."""
    n = sum(len(s.sources) for s in report.summary)
    n += sum(len(f.support) for f in report.facts)
    n += sum(1 + bool(q.speaker_span) for q in report.quotes)
    n += sum(sum(1 for ev in c.evidence if ev.start is not None) for c in report.claims)
    n += sum(len(t.sources) for t in report.timeline)
    n += sum(len(e.spans) for e in report.entities)
    return n


def load_report(path: str) -> Report:
    """A report JSON file read through ``Report.from_dict``, or a ReportError that says what is wrong with it."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise ReportError(f"{path}: no such report file; write one with: newsprism analyze --format json -o {path} ...")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read the report ({exc})")
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}: not JSON ({exc.msg} at line {exc.lineno}); give a report made with --format json")
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ReportError(f"{path}: not a newsprism report (expected \"schema\": \"{SCHEMA}\"); "
                          "give a report made with --format json")
    try:
        return Report.from_dict(data)
    except ReportError as exc:
        raise ReportError(f"{path}: {exc}") from None


def missing_articles(report: Report, articles: Sequence[Article], problems: list[str]) -> list[str]:
    """One line per story article absent from the inputs, instead of one per span it is cited by."""
    have = {a.id for a in articles}
    missing = [a for a in report.story.articles if a.id not in have]
    if not missing:
        return problems
    tails = tuple(f": unknown article id {a.id!r}" for a in missing)
    kept = [p for p in problems if not p.endswith(tails)]
    return [f"article {a.id} ({a.source or a.title or 'no source'}): not among the inputs; "
            "give every file the report was made from" for a in missing] + kept
