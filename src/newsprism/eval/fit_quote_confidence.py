"""`newsprism eval confidence`: how often each way of finding a speaker is right on the labelled quotes of real
clusters, checked out of fold (each cluster scored by a table fitted without it), and the table the analysis reads."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import ReportSettings
from .outcome import EvalRun

FOLDS = 6
PRIOR_WEIGHT = 4.0  # a route seen this many times moves halfway from its kind's overall share to its own
SHOWN = ReportSettings().min_confidence  # the report's findings threshold: quotes at or above it count as shown


@dataclass(slots=True, frozen=True)
class Row:
    """One reported quote that a labelled quote stands for: its cluster, table cell and whether the speaker agrees."""

    cluster: int
    kind: str
    route: str
    right: bool


def quote_rows(gold: str, multi_news: str) -> list[Row]:
    """Every reported quote of the labelled clusters that covers a labelled direct quote, with its table cell."""
    from ..story.quote_confidence import kind_of, route
    from .compare import same_speaker
    from .quotes import labelled_clusters, stands_for_label

    rows: list[Row] = []
    for lab, quotes in labelled_clusters(gold, multi_news):
        for p, q in quotes:
            golds = [g for g in lab["quotes"] if g["p"] == p and stands_for_label(q.text, g["quote"])]
            if golds:
                right = bool(q.speaker) and same_speaker(q.speaker or "", golds[0]["speaker"])
                rows.append(Row(lab["cluster"], kind_of(q), route(q), right))
    return rows


def fit_table(rows: list[Row]) -> dict[str, Any]:
    """Share of right speakers per kind and route, each drawn towards its kind's share when it has few quotes; a
    quote without a speaker is never a right attribution."""
    from ..story.quote_confidence import KINDS, ROUTES

    rates: dict[str, dict[str, float]] = {}
    counts: dict[str, dict[str, list[int]]] = {}
    for kind in KINDS:
        mine = [r for r in rows if r.kind == kind and r.route != "none"]
        prior = sum(r.right for r in mine) / len(mine) if mine else 0.5
        rates[kind], counts[kind] = {}, {}
        for rt in ROUTES:
            cell = [r for r in mine if r.route == rt]
            right = sum(r.right for r in cell)
            counts[kind][rt] = [right, len(cell)]
            drawn = (right + PRIOR_WEIGHT * prior) / (len(cell) + PRIOR_WEIGHT)
            rates[kind][rt] = 0.0 if rt == "none" else round(drawn, 3)
    return {"rates": rates, "counts": counts, "prior_weight": PRIOR_WEIGHT}


def out_of_fold(rows: list[Row]) -> list[float]:
    """Each row's confidence from the table fitted on the folds of clusters it is not in."""
    clusters = sorted({r.cluster for r in rows})
    fold = {c: i % FOLDS for i, c in enumerate(clusters)}
    scores = [0.0] * len(rows)
    for k in range(FOLDS):
        table = fit_table([r for r in rows if fold[r.cluster] != k])["rates"]
        for i, r in enumerate(rows):
            if fold[r.cluster] == k:
                scores[i] = table[r.kind][r.route]
    return scores


def run_confidence(gold: str, multi_news: str, fit: str | None = None) -> EvalRun:
    """Out-of-fold calibration of the table beside a single share for every quote; with ``fit``, writes the table
    fitted on every cluster there."""
    run = EvalRun()
    for path in (gold, multi_news):
        if not Path(path).is_file():
            return run.fail(f"eval confidence: {path} not found; give the labelled clusters and the Multi-News file")
    rows = quote_rows(gold, multi_news)
    if not rows:
        return run.fail(f"eval confidence: no reported quote matches a labelled one in {gold}; nothing to fit")
    scores = out_of_fold(rows)
    truth = [1.0 if r.right else 0.0 for r in rows]
    base = sum(truth) / len(truth)
    brier = sum((s - t) ** 2 for s, t in zip(scores, truth)) / len(rows)
    brier_base = sum((base - t) ** 2 for t in truth) / len(rows)
    shown = [t for s, t in zip(scores, truth) if s >= SHOWN]
    run.say(f"{len(rows)} reported quotes covering labelled ones, {len({r.cluster for r in rows})} clusters, "
            f"{FOLDS} folds by cluster")
    run.say(f"  Brier score, out of fold: {brier:.4f} (one share for every quote: {brier_base:.4f})")
    run.say(f"  speaker right, all quotes: {base:.3f}; at confidence >= {SHOWN} (shown as findings): "
            f"{(sum(shown) / len(shown)) if shown else 0.0:.3f} of {len(shown)}; {len(rows) - len(shown)} held back")
    bins = Counter[tuple[int, bool]]()
    for s, t in zip(scores, truth):
        bins[(min(int(s * 5), 4), t == 1.0)] += 1
    for b in range(5):
        n = bins[(b, True)] + bins[(b, False)]
        if n:
            run.say(f"  confidence {b / 5:.1f}-{(b + 1) / 5:.1f}: {n} quotes, {bins[(b, True)] / n:.3f} right")
    if fit:
        table = fit_table(rows)
        Path(fit).write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        run.say(f"table fitted on all {len(rows)} quotes written to {fit}")
    return run
