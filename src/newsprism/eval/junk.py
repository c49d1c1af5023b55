"""`newsprism eval junk`: inputs that are not news articles about the story, left out before analysis.

Labelled real clusters (``compare-dev.jsonl``: each cluster's ``junk`` passages are player, widget, archive or
shop text, or a page about something else) are read as ``newsprism analyze`` reads them. A junk passage counts as
kept when it reaches the story (read, and not left out by the screening); a real passage counts as dropped when it
does not (refused by a reader, or left out). The baseline is reading alone, without the screening.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from .outcome import EvalRun


@dataclass(slots=True)
class ClusterResult:
    """One cluster: what was left out and why, and the passages kept."""

    cluster: int
    junk: set[int]
    real: set[int]
    read: set[int] = field(default_factory=set)
    kept: set[int] = field(default_factory=set)
    why: dict[int, str] = field(default_factory=dict)


def _passage(source: str) -> int | None:
    m = re.search(r"p(\d+)\.txt$", source)
    return int(m.group(1)) if m else None


def screen_cluster(cluster: int, junk: set[int], folder: str) -> ClusterResult:
    """Reads one cluster's passages and screens them as the analyze command does."""
    from ..api import load
    from ..errors import InputError
    from ..ingest.notarticle import screen

    names = sorted(f for f in os.listdir(folder) if re.fullmatch(r"p\d+\.txt", f))
    passages = {int(f[1:-4]) for f in names}
    res = ClusterResult(cluster, junk & passages, passages - junk)
    errors: list[InputError] = []
    articles = load([os.path.join(folder, f) for f in names], errors=errors)
    for err in errors:
        p = _passage(err.source)
        if p is not None:
            res.why[p] = err.message
    by_id = {a.id: _passage(a.source) for a in articles}
    res.read = {p for p in by_id.values() if p is not None}
    kept, notes = screen(articles)
    res.kept = {p for a in kept if (p := by_id[a.id]) is not None}
    for note in notes:
        p = _passage(note.split(":", 1)[0])
        if p is not None:
            res.why[p] = note.split(":", 1)[1].strip()
    return res


def run_junk(gold: str, passages: str, json_out: str | None = None) -> EvalRun:
    """Junk kept and real passages dropped, with and without the screening; exit code 2 when the data is missing."""
    run = EvalRun()
    if not os.path.isfile(gold) or not os.path.isdir(passages):
        return run.fail(f"newsprism: error: {gold if not os.path.isfile(gold) else passages}: not found; give the "
                        "labelled clusters (compare-dev.jsonl) and the folder of <cluster>/p<N>.txt passages "
                        "(../shared/tools/mn_passages.py makes it)")
    results: list[ClusterResult] = []
    with open(gold, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            label = json.loads(line)
            folder = os.path.join(passages, str(label["cluster"]))
            if not os.path.isdir(folder):
                return run.fail(f"newsprism: error: {folder}: no passages for cluster {label['cluster']}; make "
                                "them with ../shared/tools/mn_passages.py")
            results.append(screen_cluster(int(label["cluster"]), set(label.get("junk", [])), folder))
    junk = sum(len(r.junk) for r in results)
    real = sum(len(r.real) for r in results)
    rows = {
        "newsprism (read + screen)": (sum(len(r.junk & r.kept) for r in results),
                                      sum(len(r.real - r.kept) for r in results)),
        "reading alone": (sum(len(r.junk & r.read) for r in results), sum(len(r.real - r.read) for r in results)),
    }
    run.say(f"not-an-article screening, {len(results)} labelled clusters in {gold}: {junk} junk passages, "
            f"{real} real articles")
    run.say(f"{'system':<28} {'junk kept':>9} {'real dropped':>12}")
    for name, (kept, dropped) in rows.items():
        run.say(f"{name:<28} {f'{kept}/{junk}':>9} {f'{dropped}/{real}':>12}")
    for r in results:
        for p in sorted(r.junk | r.real):
            wrong = (p in r.junk) == (p in r.kept)
            if p in r.why or wrong:
                label = "junk" if p in r.junk else "real"
                verdict = "kept" if p in r.kept else r.why.get(p, "left out")
                run.say(f"  {'WRONG ' if wrong else ''}{r.cluster}/p{p}.txt ({label}): {verdict}")
    if json_out:
        out = {"clusters": len(results), "junk": junk, "real": real,
               "systems": {k: {"junk_kept": v[0], "real_dropped": v[1]} for k, v in rows.items()},
               "left_out": {f"{r.cluster}/p{p}.txt": w for r in results for p, w in sorted(r.why.items())}}
        with open(json_out, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=2)
    return run
