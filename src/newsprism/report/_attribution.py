"""The report's attribution section as plain rows, shared by every renderer: per speaker, per outlet, the reporting
verbs, how much is quoted directly or paraphrased, and what the outlet says about evidence."""

from __future__ import annotations

from typing import Any

from ..model import Attribution, Report
from ._format import EVIDENCE_LABEL, Lookup
from .display import one_line

MAX_SPEAKERS = 12  # the most quoted speakers; the JSON keeps every row


def _mode(row: Attribution) -> str:
    parts = [(row.direct, "quoted"), (row.partial, "in part"), (row.paraphrased, "paraphrased")]
    return ", ".join(f"{n} {label}" for n, label in parts if n)


def attribution_view(report: Report, look: Lookup) -> list[dict[str, Any]]:
    """[{speaker, outlets: [{n, outlet, verbs, mode, evidence: [(status, label, text)]}]}], most quoted first."""
    speakers: dict[str, dict[str, Any]] = {}
    for row in report.attribution:
        key = str(row.entity or row.speaker)
        if key not in speakers:
            if len(speakers) >= MAX_SPEAKERS:
                continue
            speakers[key] = {"speaker": one_line(row.speaker) or "unnamed", "outlets": []}
        speakers[key]["outlets"].append({
            "n": look.number(row.article), "outlet": look.outlet(row.article),
            "verbs": ", ".join(f"{one_line(v)}" + (f" ×{c}" if c > 1 else "") for v, c in row.verbs.items()) or "—",
            "mode": _mode(row),
            "evidence": [(e.status, EVIDENCE_LABEL.get(e.status, one_line(e.status)), one_line(e.text))
                         for e in row.evidence],
        })
    return list(speakers.values())
