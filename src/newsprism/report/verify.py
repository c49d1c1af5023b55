"""Proves a report: every text it quotes from an article must be exactly that article's text at its offsets."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import ReportError
from ..model import SCHEMA, Article, Report


def _check_span(where: str, span: Mapping[str, Any], texts: Mapping[str, str], problems: list[str],
                text: str | None = None, need_text: bool = True) -> bool:
    """Appends a problem unless the span's article is known, its offsets valid and its text exact."""
    art = span.get("article")
    start, end = span.get("start"), span.get("end")
    if not isinstance(art, str) or art not in texts:
        problems.append(f"{where}: unknown article id {art!r}")
        return False
    body = texts[art]
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        problems.append(f"{where}: offsets must be integers, got start={start!r} end={end!r}")
        return False
    if not 0 <= start <= end <= len(body):
        problems.append(f"{where}: offsets {start}:{end} outside article {art} ({len(body)} characters)")
        return False
    expected = text if text is not None else span.get("text")
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


def check_summary(summary: Iterable[Mapping[str, Any]], texts: Mapping[str, str]) -> list[str]:
    """Each summary sentence must cite spans that exist; an extracted sentence must be one of them word for word."""
    problems: list[str] = []
    for i, sent in enumerate(summary):
        sources = sent.get("sources") or []
        if not sources:
            problems.append(f"summary[{i}]: no sources")
            continue
        ok = True
        for j, sp in enumerate(sources):
            ok &= _check_span(f"summary[{i}].sources[{j}]", sp, texts, problems, need_text=False)
        if not ok or sent.get("generated"):
            continue
        text = sent.get("text")
        if not any(texts[sp["article"]][sp["start"]:sp["end"]] == text for sp in sources):
            first = sources[0]
            _check_span(f"summary[{i}]", first, texts, problems, text=text)
    return problems


def _overlaps(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a.get("article") == b.get("article") and a.get("start", 0) < b.get("end", 0) \
        and b.get("start", 0) < a.get("end", 0)


def check_support(report: Mapping[str, Any]) -> list[str]:
    """Each extracted summary sentence may cite another outlet only where an aligned (shared) fact holds both the
    sentence and the cited span: a citation the alignment does not back is listed."""
    shared = [f.get("support") or [] for f in report.get("facts") or [] if f.get("status") == "shared"]
    problems = []
    for i, sent in enumerate(report.get("summary") or []):
        sources = sent.get("sources") or []
        if sent.get("generated") or len(sources) < 2:
            continue
        own = sources[0]
        for j, sp in enumerate(sources[1:], 1):
            if sp.get("article") == own.get("article"):
                continue
            if not any(any(_overlaps(own, x) for x in sup) and any(_overlaps(sp, x) for x in sup) for sup in shared):
                problems.append(f"summary[{i}].sources[{j}]: cited as support from article {sp.get('article')}, "
                                "but no aligned fact holds both it and the sentence")
    return problems


def verify(typed: Report | Mapping[str, Any], articles: Sequence[Article]) -> list[str]:
    """Every mismatch between the report's quoted texts and the articles, and every citation its aligned facts do
    not back; an empty list means the report holds. A document is checked as it is, typed or not, so that offsets
    of the wrong type are listed rather than refused."""
    report = typed.to_dict() if isinstance(typed, Report) else typed
    texts = {a.id: a.text for a in articles}
    problems = check_summary(report.get("summary") or [], texts) + check_support(report)
    for i, fact in enumerate(report.get("facts") or []):
        for j, sp in enumerate(fact.get("support") or []):
            _check_span(f"facts[{i}] {fact.get('id')}.support[{j}]", sp, texts, problems)
    quote_ids = set()
    for i, q in enumerate(report.get("quotes") or []):
        quote_ids.add(q.get("id"))
        _check_span(f"quotes[{i}] {q.get('id')}", q, texts, problems)
        if q.get("speaker_span"):
            _check_span(f"quotes[{i}] {q.get('id')}.speaker_span", q["speaker_span"], texts, problems)
    for i, c in enumerate(report.get("claims") or []):
        for j, ev in enumerate(c.get("evidence") or []):
            where = f"claims[{i}] {c.get('id')}.evidence[{j}]"
            if ev.get("start") is None and ev.get("end") is None and ev.get("text") is None:
                if ev.get("article") not in texts:
                    problems.append(f"{where}: unknown article id {ev.get('article')!r}")
                continue
            _check_span(where, ev, texts, problems)
        for qid in c.get("quotes") or []:
            if qid not in quote_ids:
                problems.append(f"claims[{i}] {c.get('id')}: unknown quote id {qid!r}")
    for i, t in enumerate(report.get("timeline") or []):
        for j, sp in enumerate(t.get("sources") or []):
            _check_span(f"timeline[{i}].sources[{j}]", sp, texts, problems)
    for i, e in enumerate(report.get("entities") or []):
        for j, sp in enumerate(e.get("spans") or []):
            _check_span(f"entities[{i}] {e.get('id')}.spans[{j}]", sp, texts, problems)
    return problems


def count_texts(report: Mapping[str, Any]) -> int:
    """How many spans a report cites (what ``verify`` checked)."""
    n = sum(len(s.get("sources") or []) for s in report.get("summary") or [])
    n += sum(len(f.get("support") or []) for f in report.get("facts") or [])
    n += sum(1 + bool(q.get("speaker_span")) for q in report.get("quotes") or [])
    n += sum(sum(1 for ev in c.get("evidence") or [] if ev.get("start") is not None) for c in report.get("claims") or [])
    n += sum(len(t.get("sources") or []) for t in report.get("timeline") or [])
    n += sum(len(e.get("spans") or []) for e in report.get("entities") or [])
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


def missing_articles(report: Mapping[str, Any], articles: Sequence[Article], problems: list[str]) -> list[str]:
    """One line per story article absent from the inputs, instead of one per span it is cited by."""
    have = {a.id for a in articles}
    raw = report.get("story")
    story: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    missing = [a for a in story.get("articles") or [] if isinstance(a, Mapping) and a.get("id") not in have]
    if not missing:
        return problems
    tails = tuple(f": unknown article id {a.get('id')!r}" for a in missing)
    kept = [p for p in problems if not p.endswith(tails)]
    return [f"article {a.get('id')} ({a.get('source') or a.get('title') or 'no source'}): not among the inputs; "
            "give every file the report was made from" for a in missing] + kept
