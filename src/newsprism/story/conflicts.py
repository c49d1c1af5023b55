"""Conflicts between aligned statements: a differing number, date, name or negation, with the differing parts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from .align import _name_key

if TYPE_CHECKING:
    from .align import Unit

_REPORTING = {"say", "tell", "add", "note", "state", "report"}
_NEGATIVE = re.compile(r"\b(?:not|n[’']t|no|never|against|refus\w*|declin\w*|avoid\w*|without|fail\w*|den(?:y|ied|ies))\b",
                       re.I)


def find_conflict(units: Sequence[Unit]) -> dict[str, Any] | None:
    """The differing number, date, name or negation between aligned statements of different articles, if any."""
    found: list[dict[str, Any]] = []
    for a_i, a in enumerate(units):
        for b in units[a_i + 1:]:
            if a.article == b.article:
                continue
            c = _pair_conflict(a, b)
            if c and not any(x["kind"] == c["kind"] for x in found):
                found.append(c)
    if not found:
        return None
    first = dict(found[0])
    if len(found) > 1:
        first["also"] = found[1:]
    return first


def _figures(u: Unit) -> dict[str, str]:
    """The unit's numbers without everyday small ones that count no noun, unless those are all it has."""
    real = {v: t for v, t in u.numbers.items() if not (len(v) == 1 and v.isdigit() and f"#{v}:" in u.terms)}
    return real or u.numbers


def _pair_conflict(a: Unit, b: Unit) -> dict[str, Any] | None:
    def values(x: dict[str, str], y: dict[str, str]) -> list[dict[str, str]]:
        return [{"article": a.article, "text": ", ".join(x.values())}, {"article": b.article, "text": ", ".join(y.values())}]

    # 1. numbers: both give figures and none of them agree (a small figure that counts nothing, as in "one of its
    # piers", is left out when the statement has a real figure)
    na, nb = _figures(a), _figures(b)
    if na and nb and not set(na) & set(nb):
        return {"kind": "number", "values": values(na, nb)}
    # 2. dates: same kind of date (year, month, weekday) with no value in common
    for kind in ("year", "month", "weekday"):
        da, db = a.dates.get(kind), b.dates.get(kind)
        if da and db and not set(da) & set(db):
            return {"kind": "date", "values": values(da, db)}
    # 2b. relative dates: "on Thursday" against "next month", "last year" against "next year"
    clash = _relative_clash(a.dates, b.dates)
    if clash:
        return {"kind": "date", "values": [{"article": a.article, "text": clash[0]},
                                           {"article": b.article, "text": clash[1]}]}
    # 3. names: a different name of the same type in the same grammatical slot
    for la, dep, head, ka in a.roles:
        if dep not in ("nsubj", "nsubjpass", "dobj", "pobj", "poss"):
            continue
        for lb, dep_b, head_b, kb in b.roles:
            if (lb, dep_b, head_b) == (la, dep, head) and ka != kb and ka not in b.names and kb not in a.names \
                    and not _known(a.name_text.get(ka, ka), b.names, b.name_text) \
                    and not _known(b.name_text.get(kb, kb), a.names, a.name_text) \
                    and (la != "PLACE" or _place_level(a.name_text.get(ka, ka)) == _place_level(b.name_text.get(kb, kb))):
                return {"kind": "entity", "values": [{"article": a.article, "text": a.name_text.get(ka, ka)},
                                                     {"article": b.article, "text": b.name_text.get(kb, kb)}]}
    # 4. negation: a verb both use, negated in one only
    if _NEGATIVE.search(a.text) and _NEGATIVE.search(b.text):
        return None  # both negative in their own words ("decided against going" / "decided not to go")
    for verb, text in a.negated.items():
        if verb not in _REPORTING and verb in b.affirmed and verb not in b.negated:
            return {"kind": "negation", "values": [{"article": a.article, "text": text},
                                                   {"article": b.article, "text": b.affirmed[verb]}]}
    for verb, text in b.negated.items():
        if verb not in _REPORTING and verb in a.affirmed and verb not in a.negated:
            return {"kind": "negation", "values": [{"article": a.article, "text": a.affirmed[verb]},
                                                   {"article": b.article, "text": text}]}
    return None


_NEAR = ("weekday",)  # a bare weekday names a day within a week of publication


def _relative_clash(da: dict[str, dict[str, str]], db: dict[str, dict[str, str]]) -> tuple[str, str] | None:
    """Two times that cannot be the same: a day this week against next/last month or year, or the same scale in
    opposite directions."""
    ra, rb = da.get("relative", {}), db.get("relative", {})
    near_a = {**da.get("weekday", {}), **{k: v for k, v in ra.items() if k.endswith("day") or k.endswith("week")}}
    near_b = {**db.get("weekday", {}), **{k: v for k, v in rb.items() if k.endswith("day") or k.endswith("week")}}
    far_a = {k: v for k, v in ra.items() if k[0] in "+-" and k[1:] in ("month", "year")}
    far_b = {k: v for k, v in rb.items() if k[0] in "+-" and k[1:] in ("month", "year")}
    if near_a and far_b and not far_a and not da.get("month") and not db.get("weekday"):
        return next(iter(near_a.values())), next(iter(far_b.values()))
    if near_b and far_a and not far_b and not db.get("month") and not da.get("weekday"):
        return next(iter(far_a.values())), next(iter(near_b.values()))
    for ka, va in ra.items():
        for kb, vb in rb.items():
            if ka[1:] == kb[1:] and {ka[0], kb[0]} == {"+", "-"}:
                return va, vb
    return None


_PLACE_LEVELS = {"county", "state", "province", "district", "region", "city", "township", "parish", "borough",
                 "country", "village", "town"}


def _place_level(name: str) -> str:
    """The kind of place a name says it is ("Berkshire County": county); a town and its county do not conflict."""
    words = name.lower().split()
    return words[-1] if words and words[-1] in _PLACE_LEVELS else ""


def _same_name(x: str, y: str) -> bool:
    """Names that may refer to one entity: one's words inside the other's ("Wang" / "Wang Yi"), spelling variants
    ("Kim Jong-il" / "Kim Jong Il", "Centre" / "Center"), or an acronym of the other ("LASD")."""
    kx, ky = _name_key(x), _name_key(y)
    wx, wy = set(re.findall(r"\w+", kx)), set(re.findall(r"\w+", ky))
    if wx and wy and (wx <= wy or wy <= wx):
        return True
    fx, fy = re.sub(r"\W+", "", kx), re.sub(r"\W+", "", ky)
    if not fx or not fy or fx in fy or fy in fx:
        return True
    if SequenceMatcher(None, fx, fy).ratio() >= 0.8:
        return True
    # an acronym among the words the two do not share: "LASD" for "Los Angeles County Sheriff's Department"
    rx = [w for w in re.findall(r"\w+", kx) if w not in wy]
    ry = [w for w in re.findall(r"\w+", ky) if w not in wx]
    for short, other in ((rx, ry), (ry, rx)):
        if len(short) == 1 and 2 <= len(short[0]) <= 6 and len(other) >= 2:
            it = iter("".join(w[0] for w in other))
            if all(c in it for c in short[0]):
                return True
    return False


def _known(name: str, names: dict[str, str], texts: dict[str, str]) -> bool:
    """True when a name is one the other statement also mentions, under any spelling."""
    return any(_same_name(name, texts.get(k, k)) for k in names)
