"""Display helpers shared by the renderers: lookups and grouping for display, never analysis."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..config import ReportSettings
from ..model import Article, Claim, Conflict, ConflictValue, DiffOp, Entity, Evidence, Fact, Quote, Report, Response
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
    """Indexes of one report: articles by id (and their number), entities by id, quotes by id."""

    report: Report
    articles: dict[str, Article] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    quotes: dict[str, Quote] = field(default_factory=dict)

    @classmethod
    def of(cls, report: Report) -> Lookup:
        arts = report.story.articles
        return cls(
            report=report,
            articles={a.id: a for a in arts},
            order={a.id: i + 1 for i, a in enumerate(arts)},
            entities={e.id: e for e in report.entities},
            quotes={q.id: q for q in report.quotes},
        )

    def number(self, article_id: str | None) -> int:
        """1-based position of an article in the story's article list (0 when unknown)."""
        return self.order.get(str(article_id), 0)

    def outlet(self, article_id: str | None) -> str:
        """A short name for an article: its outlet, else its site, else its title cut short, else its file name."""
        a = self.articles.get(str(article_id))
        if not a:
            return one_line(article_id) or "?"
        if a.outlet:
            return one_line(a.outlet)
        host = urlsplit(one_line(a.url)).hostname if a.url else None
        if host:
            return host.removeprefix("www.")
        title = one_line(a.title)
        if title:
            return title if len(title) <= 36 else title[:35].rstrip() + "…"
        source = one_line(a.source).rstrip("/")
        return source.rsplit("/", 1)[-1] or one_line(a.id)

    def entity_name(self, entity_id: str | None, fallback: str | None = None) -> str:
        """The display name of an entity id, else the fallback text."""
        e = self.entities.get(entity_id) if entity_id is not None else None
        if e:
            return one_line(e.name)
        return one_line(fallback) if fallback else ""

    def quote_speaker(self, quote: Quote) -> str:
        """Who said a quote, as shown to a reader."""
        name = one_line(quote.speaker) or self.entity_name(quote.entity)
        if not name:
            return "unattributed"
        return name


def stated(confidence: float) -> float:
    """A confidence as the report states it (its JSON keeps three places), so a report and its JSON read back
    show alike."""
    return round(confidence, 3)


def claimant_name(claim: Claim, look: Lookup) -> str:
    """Who makes a claim: its entity, else the speaker of a quote that makes it, else a plain "someone (not named)"."""
    name = look.entity_name(claim.claimant)
    if name:
        return name
    for qid in claim.quotes:
        q = look.quotes.get(qid)
        if q and one_line(q.speaker):
            return one_line(q.speaker)
    return "someone (not named)"


def article_title(article: Article) -> str:
    """An article's headline, or "(untitled)" and its file name: a full path is noise in a table of titles."""
    title = one_line(article.title)
    if title:
        return title
    source = one_line(article.source).rstrip("/")
    name = source.rsplit("/", 1)[-1] if source else ""
    if name == "-":
        name = "standard input"
    return f"(untitled) {name}" if name else "(untitled)"


QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"


def quoted(text: str) -> str:
    """Text in curly quotes, unless it already opens with a quote mark of its own."""
    return text if text[:1] in QUOTE_MARKS else f"\u201c{text}\u201d"


def response_text(response: Response, look: Lookup) -> str | None:
    """The words of a response to a claim: its quote's, else the sentence that reports it."""
    q = look.quotes.get(response.quote) if response.quote else None
    if q:
        return q.text
    return response.span.text if response.span else None


EvidenceGroups = list[tuple[str, list[Evidence]]]


def evidence_by_article(claim: Claim, look: Lookup) -> EvidenceGroups:
    """A claim's evidence entries grouped per article, in the story's article order."""
    groups: dict[str, list[Evidence]] = {}
    for ev in claim.evidence:
        groups.setdefault(ev.article, []).append(ev)
    return sorted(groups.items(), key=lambda kv: look.number(kv[0]) or 10**6)


def silent_articles(groups: EvidenceGroups) -> tuple[list[str], EvidenceGroups]:
    """Splits a claim's evidence groups into the articles that do not mention it at all and the rest."""
    silent = [aid for aid, entries in groups
              if all(ev.status == "not_mentioned" and not ev.text for ev in entries)]
    return silent, [(aid, entries) for aid, entries in groups if aid not in silent]


def silent_numbers(silent: list[str], look: Lookup, most: int = 6) -> str:
    """The article numbers of outlets silent on a claim, or their count when there are many."""
    if len(silent) > most:
        return f"{len(silent)} other outlets"
    return " ".join(f"[{look.number(a)}]" for a in silent)


def split_facts(facts: Sequence[Fact]) -> tuple[list[Fact], dict[str, list[Fact]]]:
    """Facts told by several outlets (conflicts first), and the unique ones under the one article that tells them."""
    order = {"conflict": 0, "shared": 1}
    several = sorted((f for f in facts if f.status != "unique"), key=lambda f: order.get(f.status, 2))
    unique: dict[str, list[Fact]] = {}
    for f in facts:
        if f.status == "unique":
            arts = [sp.article for sp in f.support] or ["?"]
            unique.setdefault(arts[0], []).append(f)
    return several, unique


def citations(report: Report, texts: Mapping[str, str] | None = None) -> tuple[list[list[int]], list[Citation]]:
    """Numbers the summary's sources: for each sentence the citation numbers, and the citations in order."""
    seen: dict[tuple[str, int, int], Citation] = {}
    per_sentence: list[list[int]] = []
    for sent in report.summary:
        nums: list[int] = []
        for src in sent.sources:
            key = (src.article, src.start, src.end)
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


def quotes_by_speaker(report: Report, look: Lookup) -> list[tuple[str, list[Quote]]]:
    """Quotes grouped under their speaker (entity first, else display name), speakers by number of quotes."""
    groups: dict[str, tuple[str, list[Quote]]] = {}
    for q in report.quotes:
        key = f"e:{q.entity}" if q.entity else f"n:{one_line(q.speaker).lower()}"
        name = look.entity_name(q.entity, q.speaker) or look.quote_speaker(q)
        if q.anonymous and not q.entity:
            name = one_line(q.speaker) or "anonymous source"
        groups.setdefault(key, (name, []))[1].append(q)
    out = list(groups.values())
    out.sort(key=lambda g: (g[0] == "unattributed", -len(g[1])))
    return out


def unsure_speaker(q: Quote, limits: ReportSettings | None = None) -> str:
    """A mark for a quote whose attribution is below the findings threshold ("speaker unsure, 0.43"), else ""."""
    threshold = (limits or ReportSettings()).min_confidence
    return f"speaker unsure, {q.confidence:.2f}" if q.confidence is not None and q.confidence < threshold else ""


def diff_ops(diff: Iterable[DiffOp]) -> list[DiffOp]:
    """A quote group's word diff, as ``word_diff`` writes it, with its words made printable for display."""
    return [DiffOp(op.op, one_line(op.a), one_line(op.b)) for op in diff]


def conflict_parts(conflict: Conflict | None, look: Lookup | None = None) -> list[tuple[str, str]]:
    """A fact's conflict as (label, value) pairs for display: kind, strength, confidence, what each outlet says
    and the next most certain differences."""
    if conflict is None:
        return []
    parts = [("kind", _name(conflict.kind, look)), ("strength", _name(conflict.strength, look)),
             ("confidence", one_line(conflict.confidence)),
             ("values", "; ".join(said(v, look) for v in conflict.values))]
    if conflict.reason:
        parts.append(("reason", one_line(conflict.reason)))
    if conflict.also:
        parts.append(("also", " | ".join("; ".join(f"{label}: {value}" for label, value in conflict_parts(c, look))
                                         for c in conflict.also)))
    return parts


def said(value: ConflictValue, look: Lookup | None) -> str:
    """One outlet's wording in a conflict: its outlet, then the differing words."""
    return f"{_name(value.article, look)}: {one_line(value.text)}"


def _name(value: str, look: Lookup | None) -> str:
    """An article id shown as its outlet; any other value as plain text."""
    if look is not None and value in look.articles:
        return look.outlet(value)
    return one_line(value)
