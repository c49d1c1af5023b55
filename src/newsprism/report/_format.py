"""Display helpers shared by the renderers: lookups and grouping for display, never analysis."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..model import DiffOp
from .display import one_line, plain

STATUS_LABEL = {"shared": "shared", "unique": "unique", "conflict": "conflict"}
# What an outlet says about a claim's evidence, worded so that "not_mentioned" cannot read as "did not report it".
EVIDENCE_LABEL = {
    "none_offered": "says no evidence was offered",
    "supported": "cites evidence",
    "disputed": "reports the evidence as disputed",
    "not_mentioned": "says nothing about evidence",
}


@dataclass(slots=True)
class Citation:
    """A cited stretch of one article, numbered in order of first use."""

    number: int
    article: str
    start: int
    end: int
    text: str | None = None


@dataclass(slots=True)
class Lookup:
    """Indexes of one report dict: articles by id, entities by id, quotes by id."""

    report: Mapping[str, Any]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    quotes: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, report: Mapping[str, Any]) -> Lookup:
        story = report.get("story") or {}
        arts = [a for a in story.get("articles") or [] if isinstance(a, Mapping)]
        return cls(
            report=report,
            articles={str(a.get("id")): dict(a) for a in arts},
            order={str(a.get("id")): i + 1 for i, a in enumerate(arts)},
            entities={str(e.get("id")): dict(e) for e in report.get("entities") or []},
            quotes={str(q.get("id")): dict(q) for q in report.get("quotes") or []},
        )

    def number(self, article_id: Any) -> int:
        """1-based position of an article in the story's article list (0 when unknown)."""
        return self.order.get(str(article_id), 0)

    def outlet(self, article_id: Any) -> str:
        """A short name for an article: its outlet, else its site, else its title cut short, else its file name."""
        a = self.articles.get(str(article_id))
        if not a:
            return one_line(article_id) or "?"
        if a.get("outlet"):
            return one_line(a["outlet"])
        host = urlsplit(one_line(a.get("url"))).hostname if a.get("url") else None
        if host:
            return host.removeprefix("www.")
        title = one_line(a.get("title"))
        if title:
            return title if len(title) <= 36 else title[:35].rstrip() + "…"
        source = one_line(a.get("source")).rstrip("/")
        return source.rsplit("/", 1)[-1] or one_line(a.get("id"))

    def entity_name(self, entity_id: Any, fallback: Any = None) -> str:
        """The display name of an entity id, else the fallback text."""
        e = self.entities.get(str(entity_id)) if entity_id is not None else None
        if e:
            return one_line(e.get("name"))
        return one_line(fallback) if fallback else ""

    def quote_speaker(self, quote: Mapping[str, Any]) -> str:
        """Who said a quote, as shown to a reader."""
        name = one_line(quote.get("speaker")) or self.entity_name(quote.get("entity"))
        if not name:
            return "unattributed"
        return name


def claimant_name(claim: Mapping[str, Any], look: Lookup) -> str:
    """Who makes a claim: its entity, else the speaker of a quote that makes it, else a plain "someone (not named)"."""
    name = look.entity_name(claim.get("claimant"))
    if name:
        return name
    for qid in claim.get("quotes") or []:
        q = look.quotes.get(str(qid))
        if q and one_line(q.get("speaker")):
            return one_line(q.get("speaker"))
    return "someone (not named)"


def article_title(article: Mapping[str, Any]) -> str:
    """An article's headline, or "(untitled)" and its file name: a full path is noise in a table of titles."""
    title = one_line(article.get("title"))
    if title:
        return title
    source = one_line(article.get("source")).rstrip("/")
    name = source.rsplit("/", 1)[-1] if source else ""
    if name == "-":
        name = "standard input"
    return f"(untitled) {name}" if name else "(untitled)"


QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"


def quoted(text: str) -> str:
    """Text in curly quotes, unless it already opens with a quote mark of its own."""
    return text if text[:1] in QUOTE_MARKS else f"\u201c{text}\u201d"


def evidence_by_article(claim: Mapping[str, Any], look: Lookup) -> list[tuple[str, list[dict[str, Any]]]]:
    """A claim's evidence entries grouped per article, in the story's article order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for ev in claim.get("evidence") or []:
        groups.setdefault(str(ev.get("article")), []).append(dict(ev))
    return sorted(groups.items(), key=lambda kv: look.number(kv[0]) or 10**6)


def silent_articles(groups: list[tuple[str, list[dict[str, Any]]]]) -> tuple[list[str], list[tuple[str, list[dict[str, Any]]]]]:
    """Splits a claim's evidence groups into the articles that do not mention it at all and the rest."""
    silent = [aid for aid, entries in groups
              if all(ev.get("status") == "not_mentioned" and not ev.get("text") for ev in entries)]
    return silent, [(aid, entries) for aid, entries in groups if aid not in silent]


def silent_numbers(silent: list[str], look: Lookup, most: int = 6) -> str:
    """The article numbers of outlets silent on a claim, or their count when there are many."""
    if len(silent) > most:
        return f"{len(silent)} other outlets"
    return " ".join(f"[{look.number(a)}]" for a in silent)


def split_facts(facts: list[Mapping[str, Any]]) -> tuple[list[Mapping[str, Any]], dict[str, list[Mapping[str, Any]]]]:
    """Facts told by several outlets (conflicts first), and the unique ones under the one article that tells them."""
    order = {"conflict": 0, "shared": 1}
    several = sorted((f for f in facts if f.get("status") != "unique"), key=lambda f: order.get(str(f.get("status")), 2))
    unique: dict[str, list[Mapping[str, Any]]] = {}
    for f in facts:
        if f.get("status") == "unique":
            arts = [str(sp.get("article")) for sp in f.get("support") or []] or ["?"]
            unique.setdefault(arts[0], []).append(f)
    return several, unique


def citations(report: Mapping[str, Any], texts: Mapping[str, str] | None = None) -> tuple[list[list[int]], list[Citation]]:
    """Numbers the summary's sources: for each sentence the citation numbers, and the citations in order."""
    seen: dict[tuple[str, int, int], Citation] = {}
    per_sentence: list[list[int]] = []
    for sent in report.get("summary") or []:
        nums: list[int] = []
        for src in sent.get("sources") or []:
            key = (str(src.get("article")), int(src.get("start") or 0), int(src.get("end") or 0))
            cit = seen.get(key)
            if cit is None:
                text = None
                if texts is not None and key[0] in texts:
                    text = texts[key[0]][key[1]:key[2]]
                cit = Citation(len(seen) + 1, key[0], key[1], key[2], text)
                seen[key] = cit
            if cit.number not in nums:
                nums.append(cit.number)
        per_sentence.append(nums)
    return per_sentence, list(seen.values())


def quotes_by_speaker(report: Mapping[str, Any], look: Lookup) -> list[tuple[str, list[dict[str, Any]]]]:
    """Quotes grouped under their speaker (entity first, else display name), speakers by number of quotes."""
    groups: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for q in report.get("quotes") or []:
        key = f"e:{q['entity']}" if q.get("entity") else f"n:{one_line(q.get('speaker')).lower()}"
        name = look.entity_name(q.get("entity"), q.get("speaker")) or look.quote_speaker(q)
        if q.get("anonymous") and not q.get("entity"):
            name = one_line(q.get("speaker")) or "anonymous source"
        groups.setdefault(key, (name, []))[1].append(dict(q))
    out = list(groups.values())
    out.sort(key=lambda g: (g[0] == "unattributed", -len(g[1])))
    return out


def diff_ops(diff: Iterable[DiffOp | Mapping[str, Any]] | None) -> list[DiffOp]:
    """A quote group's word diff, as ``word_diff`` writes it, with its words made printable for display."""
    ops: list[DiffOp] = []
    for item in diff or []:
        op = item if isinstance(item, DiffOp) else DiffOp(item["op"], item.get("a") or "", item.get("b") or "")
        ops.append(DiffOp(op.op, one_line(op.a), one_line(op.b)))
    return ops


def conflict_parts(conflict: Any, look: Lookup | None = None) -> list[tuple[str, str]]:
    """A fact's conflict as (label, value) pairs for display, whatever keys the aligner used."""
    if not conflict:
        return []
    if not isinstance(conflict, Mapping):
        return [("conflict", _value_text(conflict, look))]
    out: list[tuple[str, str]] = []
    for key, value in conflict.items():
        out.append((_name(key, look).replace("_", " "), _value_text(value, look)))
    return out


def _name(value: Any, look: Lookup | None) -> str:
    """An article id shown as its outlet; any other value as plain text."""
    if look is not None and str(value) in look.articles:
        return look.outlet(value)
    return one_line(value)


def _value_text(value: Any, look: Lookup | None) -> str:
    if isinstance(value, Mapping) and "article" in value and set(value) <= {"article", "text", "start", "end",
                                                                              "statement"}:
        return f"{_name(value.get('article'), look)}: {one_line(value.get('text'))}"  # one outlet's wording
    if isinstance(value, (list, tuple)) and value and all(
            isinstance(v, Mapping) and "article" in v for v in value):
        return "; ".join(_value_text(v, look) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{_name(k, look)}: {_value_text(v, look)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return " | ".join(_value_text(v, look) for v in value)
    return _name(value, look)
