"""A report's sections as flat records (one dict per row, scalar values only), and as pandas DataFrames."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from ..errors import NewsprismError
from ..model import (
    Claim, Conflict, Entity, Evidence, Fact, GroupCoverage, OutletStats, Quote, QuoteGroup, Report, Span,
    SummarySentence, TimelineEntry,
)
from ._format import EVIDENCE_LABEL, Lookup, stated

Row = SummarySentence | Fact | Quote | QuoteGroup | Claim | Entity | TimelineEntry | OutletStats | GroupCoverage
SECTIONS = ("articles", "summary", "facts", "quotes", "quote_groups", "claims", "evidence", "entities", "timeline",
            "outlets", "groups")


def records(report: Report, section: str) -> list[dict[str, Any]]:
    """The rows of one section of a report; an unknown section names the known ones."""
    if section not in SECTIONS:
        raise NewsprismError(f"no report section {section!r}; choose one of: {', '.join(SECTIONS)}")
    look = Lookup.of(report)
    if section == "articles":
        return [a.meta() for a in look.articles.values()]
    if section == "evidence":
        return _evidence(report, look)
    items: list[Row] = getattr(report, section)
    return [_flat(item, look) for item in items]


def frames(report: Report, sections: Sequence[str] = SECTIONS) -> dict[str, Any]:
    """Each section as a DataFrame; pandas is an optional dependency, so its absence says how to install it."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise NewsprismError("DataFrames need pandas: pip install 'newsprism[notebook]' (or pip install pandas); "
                             "Report.records(section) gives the same rows as plain dicts") from exc
    return {s: pd.DataFrame.from_records(records(report, s)) for s in sections}


Cited = Span | Evidence  # a stretch of one article: becomes article, outlet and offset columns


def _flat(item: Row, look: Lookup) -> dict[str, Any]:
    """One item with nested values made flat: spans to articles/outlets/start/end, dicts to prefixed columns."""
    row: dict[str, Any] = {}
    for f in fields(item):
        key, value = f.name, getattr(item, f.name)
        if key == "confidence" and isinstance(item, Fact):
            value = stated(value)
        if isinstance(value, list) and value and all(isinstance(v, Cited) for v in value):
            ids = list(dict.fromkeys(v.article for v in value))
            row[f"{key}_articles"] = "; ".join(ids)
            row[f"{key}_outlets"] = "; ".join(look.outlet(a) for a in ids)
            row[f"{key}_count"] = len(value)
            row[f"{key}_start"], row[f"{key}_end"] = value[0].start, value[0].end
        elif isinstance(value, Cited):
            row[f"{key}_article"] = value.article
            row[f"{key}_start"], row[f"{key}_end"] = value.start, value.end
        elif isinstance(value, (Mapping, Conflict)):
            for sub, v in (value.to_dict() if isinstance(value, Conflict) else value).items():
                name = look.outlet(sub) if str(sub) in look.articles else sub
                row[f"{key}.{name}"] = v if _scalar(v) else json.dumps(v, ensure_ascii=False)
        elif isinstance(value, list):
            row[key] = ("; ".join(str(v) for v in value) if all(_scalar(v) for v in value)
                        else json.dumps([_plain(v) for v in value], ensure_ascii=False))
        else:
            row[key] = value
        if key == "article" and _scalar(value):
            row["outlet"] = row.get("outlet") or look.outlet(value)
    return row


def _plain(value: Any) -> Any:
    """A nested item (a response, a diff step) as the plain data a JSON cell holds."""
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else value


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _evidence(report: Report, look: Lookup) -> list[dict[str, Any]]:
    """One row per (claim, article): what that article says about the claim's evidence."""
    rows = []
    for c in report.claims:
        for ev in c.evidence:
            rows.append({"claim": c.id, "claimant": look.entity_name(c.claimant) or None,
                         "claim_text": c.text, "article": ev.article,
                         "outlet": look.outlet(ev.article), "status": ev.status,
                         "meaning": EVIDENCE_LABEL.get(ev.status, ev.status), "text": ev.text,
                         "start": ev.start, "end": ev.end})
    return rows
