"""A report's sections as flat records (one dict per row, scalar values only), and as pandas DataFrames."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import NewsprismError
from ._format import EVIDENCE_LABEL, Lookup

SECTIONS = ("articles", "summary", "facts", "quotes", "quote_groups", "claims", "evidence", "entities", "timeline",
            "outlets", "groups")


def records(report: Mapping[str, Any], section: str) -> list[dict[str, Any]]:
    """The rows of one section of a report dict; an unknown section names the known ones."""
    if section not in SECTIONS:
        raise NewsprismError(f"no report section {section!r}; choose one of: {', '.join(SECTIONS)}")
    look = Lookup.of(report)
    if section == "articles":
        return [dict(a) for a in look.articles.values()]
    if section == "evidence":
        return _evidence(report, look)
    return [_flat(item, look) for item in report.get(section) or [] if isinstance(item, Mapping)]


def frames(report: Mapping[str, Any], sections: Sequence[str] = SECTIONS) -> dict[str, Any]:
    """Each section as a DataFrame; pandas is an optional dependency, so its absence says how to install it."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise NewsprismError("DataFrames need pandas: pip install 'newsprism[notebook]' (or pip install pandas); "
                             "Report.records(section) gives the same rows as plain dicts") from exc
    return {s: pd.DataFrame.from_records(records(report, s)) for s in sections}


def _is_span(value: Any) -> bool:
    return isinstance(value, Mapping) and "article" in value and "start" in value


def _flat(item: Mapping[str, Any], look: Lookup) -> dict[str, Any]:
    """One item with nested values made flat: spans to articles/outlets/start/end, dicts to prefixed columns."""
    row: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, (list, tuple)) and value and all(_is_span(v) for v in value):
            ids = list(dict.fromkeys(str(v["article"]) for v in value))
            row[f"{key}_articles"] = "; ".join(ids)
            row[f"{key}_outlets"] = "; ".join(look.outlet(a) for a in ids)
            row[f"{key}_count"] = len(value)
            row[f"{key}_start"], row[f"{key}_end"] = value[0].get("start"), value[0].get("end")
        elif _is_span(value):
            row[f"{key}_article"] = str(value["article"])
            row[f"{key}_start"], row[f"{key}_end"] = value.get("start"), value.get("end")
        elif isinstance(value, Mapping):
            for sub, v in value.items():
                name = look.outlet(sub) if str(sub) in look.articles else sub
                row[f"{key}.{name}"] = v if _scalar(v) else json.dumps(v, ensure_ascii=False)
        elif isinstance(value, (list, tuple)):
            row[key] = ("; ".join(str(v) for v in value) if all(_scalar(v) for v in value)
                        else json.dumps(value, ensure_ascii=False))
        else:
            row[key] = value
        if key == "article" and _scalar(value):
            row["outlet"] = row.get("outlet") or look.outlet(value)
    if "confidence" not in row and ("status" in row and "support_articles" in row):
        row["confidence"] = 1.0  # facts without a stated confidence are taken as certain
    return row


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _evidence(report: Mapping[str, Any], look: Lookup) -> list[dict[str, Any]]:
    """One row per (claim, article): what that article says about the claim's evidence."""
    rows = []
    for c in report.get("claims") or []:
        for ev in c.get("evidence") or []:
            status = str(ev.get("status"))
            rows.append({"claim": c.get("id"), "claimant": look.entity_name(c.get("claimant")) or None,
                         "claim_text": c.get("text"), "article": ev.get("article"),
                         "outlet": look.outlet(ev.get("article")), "status": status,
                         "meaning": EVIDENCE_LABEL.get(status, status), "text": ev.get("text"),
                         "start": ev.get("start"), "end": ev.get("end")})
    return rows
