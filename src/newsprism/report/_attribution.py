"""The report's attribution section as plain rows, shared by every renderer: per speaker, per outlet, the reporting
verbs, how much is quoted directly or paraphrased, and what the outlet says about evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._format import EVIDENCE_LABEL, Lookup
from .display import one_line

MAX_SPEAKERS = 12  # the most quoted speakers; the JSON keeps every row


def _mode(row: Mapping[str, Any]) -> str:
    parts = [(row.get("direct") or 0, "quoted"), (row.get("partial") or 0, "in part"),
             (row.get("paraphrased") or 0, "paraphrased")]
    return ", ".join(f"{n} {label}" for n, label in parts if n)


def attribution_view(report: Mapping[str, Any], look: Lookup) -> list[dict[str, Any]]:
    """[{speaker, outlets: [{n, outlet, verbs, mode, evidence: [(status, label, text)]}]}], most quoted first."""
    speakers: dict[str, dict[str, Any]] = {}
    for row in report.get("attribution") or []:
        key = str(row.get("entity") or row.get("speaker"))
        if key not in speakers:
            if len(speakers) >= MAX_SPEAKERS:
                continue
            speakers[key] = {"speaker": one_line(row.get("speaker")) or "unnamed", "outlets": []}
        verbs = row.get("verbs") or {}
        speakers[key]["outlets"].append({
            "n": look.number(row.get("article")), "outlet": look.outlet(row.get("article")),
            "verbs": ", ".join(f"{one_line(v)}" + (f" ×{c}" if c > 1 else "") for v, c in verbs.items()) or "—",
            "mode": _mode(row),
            "evidence": [(str(e.get("status")), EVIDENCE_LABEL.get(str(e.get("status")), one_line(e.get("status"))),
                          one_line(e.get("text"))) for e in row.get("evidence") or []],
        })
    return list(speakers.values())
