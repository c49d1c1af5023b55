"""`newsprism eval quotes`: quote recall, span F1 and speaker accuracy, side by side with textacy's direct quotations.

Seeds (gold JSONL, one quote a line: doc, kind, speaker, text): a gold quote is *found* when a predicted quote of the
same document shares at least half of the words of the longer of the two (lower-cased words matched in order, curly
and straight apostrophes alike, punctuation and quotation marks ignored); gold and predictions are paired one to one,
best overlap first. Its speaker is right when the predicted speaker and the gold speaker agree by full name or
surname (or, for unnamed sources, by the head noun: "the official" ~ "senior administration official").

PolNeAR (brat standoff; Content, Source and Cue spans tied by E lines): span overlap is the number of shared
characters (whitespace and quotation marks left out, since annotators include the marks and newsprism does not)
over the length of the longer span. PolNeAR annotates one content per statement, in pieces when a quote is split
around its attribution ("“A,” she said. “B.”"); so the pieces a system declares part of one statement
(newsprism's ``Quote.part_of``: the rest of a split quote, a quoted fragment inside a reported clause) are joined
into that statement before matching, while the seeds gold, which lists pieces, is matched piece by piece.
Gold and predicted content spans are paired one to one, best first, at overlap
>= 0.3 and >= 0.8, giving precision, recall and F1. Speaker accuracy counts, among pairs matched at 0.3 whose gold
has a Source, those whose predicted speaker mention overlaps the gold Source or whose speaker name agrees with it.
For comparison with published quote extractors, F1 at 0.3 is also given with overlap measured as the share of the
gold span that the prediction covers (the Gender Gap Tracker's convention, which does not penalise long predictions).
A text annotated by several annotators is scored against the first annotation file in name order.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import MissingDependency, NewsprismError
from ..model import Article, Quote
from .compare import covers, stands_for
from .compare import same_speaker as labelled_speaker
from .metrics import PRF, char_set, greedy_match, same_speaker, span_overlap, text_overlap
from .outcome import EvalRun

if TYPE_CHECKING:
    from spacy.tokens import Doc

THRESHOLDS = (0.3, 0.8)
QUOTE_SETS = ("compare", "seeds", "polnear")  # the sets `newsprism eval quotes --only` can pick
SEED_MATCH = 0.5


@dataclass(slots=True)
class Pred:
    """One predicted quote: content offsets, speaker name and speaker mention offsets."""

    start: int
    end: int
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    text: str = ""
    pieces: list[tuple[int, int]] = field(default_factory=list)  # further pieces of the same statement
    id: str = ""
    part_of: str | None = None  # id of the prediction this one is a piece of

    @property
    def ranges(self) -> list[tuple[int, int]]:
        return [(self.start, self.end), *self.pieces]


@dataclass(slots=True)
class Gold:
    content: list[tuple[int, int]]
    sources: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""


System = Callable[[Sequence[Article], dict[str, "Doc"]], dict[str, list[Pred]]]


def newsprism_system(articles: Sequence[Article], docs: dict[str, "Doc"]) -> dict[str, list[Pred]]:
    """Quotes of every kind from newsprism's own entity and quote stages, one per quoted piece."""
    from ..story.entities import build_entities
    from ..story.quotes import extract_quotes

    out: dict[str, list[Pred]] = {a.id: [] for a in articles}
    for art in articles:  # one article at a time: the evaluation texts are separate stories
        ents = build_entities([art], docs)
        for q in extract_quotes([art], docs, ents):
            sp = (q.speaker_span.start, q.speaker_span.end) if q.speaker_span else None
            out[art.id].append(Pred(q.start, q.end, q.speaker, sp, q.text, id=q.id, part_of=q.part_of))
    return out


def statements(preds: list[Pred]) -> list[Pred]:
    """Pieces a system declares part of one statement, joined into it (PolNeAR annotates statements, not pieces)."""
    ids = {p.id for p in preds if p.id}
    hosts: dict[str, Pred] = {}
    out: list[Pred] = []
    for p in preds:
        if p.part_of is None or p.part_of not in ids:
            joined = Pred(p.start, p.end, p.speaker, p.speaker_span, p.text, list(p.pieces), p.id)
            out.append(joined)
            if p.id:
                hosts[p.id] = joined
    for p in preds:
        if p.part_of is not None and p.part_of in hosts:
            hosts[p.part_of].pieces.append((p.start, p.end))
    return out


def textacy_system(articles: Sequence[Article], docs: dict[str, "Doc"]) -> dict[str, list[Pred]]:
    """textacy's direct quotations on the same docs; a doc with an odd number of marks is read by paragraph."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        raise MissingDependency("textacy", "eval") from exc
    out: dict[str, list[Pred]] = {}
    for art in articles:
        doc = docs[art.id]
        pieces: list[tuple[int, Any]] = []
        try:
            pieces = [(0, t) for t in direct_quotations(doc)]
        except ValueError:
            pos = 0
            for para in art.text.split("\n"):
                lo, hi = pos, pos + len(para)
                pos = hi + 1
                span = doc.char_span(lo, hi, alignment_mode="contract") if para.strip() else None
                if span is None or len(span) == 0:
                    continue
                try:
                    pieces += [(span.start_char, t) for t in direct_quotations(span.as_doc())]
                except ValueError:
                    continue
        preds: list[Pred] = []
        for base, trip in pieces:
            content = trip.content
            toks = [t for t in content if not t.is_quote] or list(content)
            start = base + toks[0].idx
            end = base + toks[-1].idx + len(toks[-1].text)
            spk = trip.speaker
            sp = (base + spk[0].idx, base + spk[-1].idx + len(spk[-1].text)) if spk else None
            name = " ".join(t.text for t in spk) if spk else None
            preds.append(Pred(start, end, name, sp, art.text[start:end]))
        out[art.id] = preds
    return out


# seeds -------------------------------------------------------------------------------------------------------


def _load_seed_articles(seeds: str) -> dict[str, Article]:
    """Seed file name -> cleaned Article, read by newsprism's own loader."""
    from ..api import load

    out: dict[str, Article] = {}
    for name in sorted(os.listdir(seeds)):
        if name.endswith(".txt"):
            arts = load(os.path.join(seeds, name))
            if arts:
                out[name] = arts[0]
    return out


def eval_seeds(gold_path: str, seeds: str, systems: dict[str, System]) -> dict[str, Any]:
    """Recall of the gold quotes and speaker accuracy of the found ones, per system."""
    gold: list[dict[str, str]] = []
    with open(gold_path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    gold.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise NewsprismError(f"{gold_path}:{n}: not JSON ({exc.msg}); fix or remove the line") from exc
    by_name = _load_seed_articles(seeds)
    articles = list(by_name.values())
    from ..nlp import parse

    docs = parse(articles, Settings())
    results: dict[str, Any] = {"gold": len(gold)}
    for sys_name, system in systems.items():
        preds = system(articles, docs)
        found = speaker_ok = 0
        misses: list[str] = []
        by_kind: dict[str, list[int]] = {}
        for doc_name in sorted({g["doc"] for g in gold}):
            golds = [g for g in gold if g["doc"] == doc_name]
            art = by_name.get(doc_name)
            ps = preds.get(art.id, []) if art else []
            scores = [(text_overlap(g["text"], p.text), gi, pi)
                      for gi, g in enumerate(golds) for pi, p in enumerate(ps)]
            pairs = {gi: pi for gi, pi, _ in greedy_match(scores, SEED_MATCH)}
            for gi, g in enumerate(golds):
                k = by_kind.setdefault(g.get("kind", "?"), [0, 0])
                k[1] += 1
                if gi in pairs:
                    found += 1
                    k[0] += 1
                    speaker_ok += same_speaker(g.get("speaker"), ps[pairs[gi]].speaker)
                else:
                    misses.append(f"{doc_name}: {g['text'][:60]}")
        results[sys_name] = {
            "recall": round(found / len(gold), 4) if gold else 0.0, "found": found,
            "speaker_accuracy": round(speaker_ok / found, 4) if found else 0.0, "speaker_right": speaker_ok,
            "recall_by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(by_kind.items())},
            "missed": misses,
        }
    return results


# PolNeAR -----------------------------------------------------------------------------------------------------


def _ranges(field_: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (p.split() for p in field_.split(";"))]


def read_polnear(root: str, skip_bad: bool = False) -> tuple[list[Article], dict[str, list[Gold]]]:
    """Raw articles and their gold attributions; every span is checked against the text.

    A text whose annotation is out of step with it is an error, or left out with ``skip_bad`` (for fitting on the
    training part, which has a few).
    """
    text_dir, ann_dir = os.path.join(root, "text"), os.path.join(root, "attributions")
    if not (os.path.isdir(text_dir) and os.path.isdir(ann_dir)):
        raise NewsprismError(f"{root}: expected text/ and attributions/ folders of PolNeAR; pass --polnear DIR")
    anns: dict[str, str] = {}
    for name in sorted(os.listdir(ann_dir)):
        if name.endswith(".ann"):
            stem = re.sub(r"_[0-9a-f]+\.ann$", "", name)
            anns.setdefault(stem, os.path.join(ann_dir, name))
    articles: list[Article] = []
    gold: dict[str, list[Gold]] = {}
    for stem in sorted(anns):
        path = os.path.join(text_dir, stem + ".txt")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
        events: list[dict[str, str]] = []
        bad = False
        with open(anns[stem], encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if line.startswith("T") and len(parts) >= 3:
                    label, _, rng = parts[1].partition(" ")
                    ranges = _ranges(rng)
                    if " ".join(text[a:b] for a, b in ranges) != parts[2]:
                        if skip_bad:
                            bad = True
                            break
                        raise NewsprismError(f"{anns[stem]}: span {parts[0]} does not match the text; "
                                             "the annotation and text files are out of step")
                    spans[parts[0]] = (label, ranges, parts[2])
                elif line.startswith("E") and len(parts) >= 2:
                    events.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
        if bad:
            continue
        golds: list[Gold] = []
        for ev in events:
            content = spans.get(ev.get("Content", ""))
            if content is None:
                continue
            src = spans.get(ev.get("Source", ""))
            golds.append(Gold(content[1], src[1] if src else [], src[2] if src else ""))
        articles.append(Article(id=stem, text=text, title=None, outlet=stem.split("_")[0], source=path))
        gold[stem] = golds
    return articles, gold


def eval_polnear(root: str, systems: dict[str, System], limit: int | None = None) -> dict[str, Any]:
    """Content-span precision, recall and F1 at each overlap threshold, and speaker accuracy, per system."""
    articles, gold = read_polnear(root)
    if limit:
        articles = articles[:limit]
    from ..nlp import parse

    t0 = time.perf_counter()
    docs = parse(articles, Settings())
    results: dict[str, Any] = {"docs": len(articles), "gold": sum(len(gold[a.id]) for a in articles),
                               "parse_seconds": round(time.perf_counter() - t0, 2)}
    for sys_name, system in systems.items():
        t1 = time.perf_counter()
        preds = system(articles, docs)
        seconds = time.perf_counter() - t1
        counts = {t: [0, 0, 0] for t in THRESHOLDS}
        coverage = [0, 0, 0]
        strict = [0, 0, 0]  # overlap strictly above 0.3, the rule published figures use
        spk_total = spk_ok = 0
        for art in articles:
            golds, ps = gold[art.id], statements(preds.get(art.id, []))
            gsets = [char_set(art.text, g.content) for g in golds]
            psets = [char_set(art.text, p.ranges) for p in ps]
            scores = []
            covers = []
            for gi, gs in enumerate(gsets):
                for pi, pset in enumerate(psets):
                    if gs and pset and not gs.isdisjoint(pset):
                        scores.append((span_overlap(gs, pset), gi, pi))
                        covers.append((len(gs & pset) / len(gs), gi, pi))
            coverage[0] += len(greedy_match(covers, THRESHOLDS[0]))
            coverage[1] += len(golds)
            coverage[2] += len(ps)
            strict[0] += len([x for x in greedy_match(scores, THRESHOLDS[0]) if x[2] > THRESHOLDS[0]])
            strict[1] += len(golds)
            strict[2] += len(ps)
            for t in THRESHOLDS:
                pairs = greedy_match(scores, t)
                counts[t][0] += len(pairs)
                counts[t][1] += len(golds)
                counts[t][2] += len(ps)
                if t != THRESHOLDS[0]:
                    continue
                for gi, pi, _ in pairs:
                    g, p = golds[gi], ps[pi]
                    if not g.sources:
                        continue
                    spk_total += 1
                    src = char_set(art.text, g.sources)
                    hit = p.speaker_span is not None and not src.isdisjoint(char_set(art.text, [p.speaker_span]))
                    spk_ok += hit or same_speaker(g.source_text, p.speaker)
        results[sys_name] = {
            **{f"@{t}": PRF(*counts[t]).to_dict() for t in THRESHOLDS},
            "gold_coverage@0.3": PRF(*coverage).to_dict(),
            "@>0.3": PRF(*strict).to_dict(),
            "speaker_accuracy": round(spk_ok / spk_total, 4) if spk_total else 0.0,
            "speaker_matched": spk_total, "seconds": round(seconds, 2),
        }
    return results


# real multi-outlet clusters (compare-dev) ----------------------------------------------------------------------

def cluster_passages(context: str) -> dict[int, str]:
    """Passage number -> text of one Multi-News cluster ("Passage N:" blocks, NEWLINE_CHAR as line breaks)."""
    parts = re.split(r"(?m)^Passage (\d+):\n", context)
    return {int(n): re.sub(r" ?NEWLINE_CHAR ?", "\n", body).strip() + "\n" for n, body in zip(parts[1::2], parts[2::2])}


def labelled_clusters(gold_path: str, multi_news: str) -> Iterator[tuple[dict[str, Any], list[tuple[int, Quote]]]]:
    """Each labelled cluster with quotes, and every quote newsprism reports in it beside the passage it is from."""
    import tempfile

    from ..api import load
    from ..nlp import parse
    from ..story.entities import build_entities
    from ..story.quotes import extract_quotes

    with open(multi_news, encoding="utf-8") as fh:
        contexts = [json.loads(line).get("context", "") for line in fh]
    with open(gold_path, encoding="utf-8") as fh:
        labels = [json.loads(line) for line in fh if line.strip()]
    for lab in labels:
        if not lab.get("quotes"):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            for n, text in cluster_passages(contexts[lab["cluster"]]).items():
                with open(os.path.join(tmp, f"p{n}.txt"), "w", encoding="utf-8") as out:
                    out.write(text)
            articles = load([tmp], errors=[])
        passage = {a.id: int(m.group(1)) for a in articles if (m := re.search(r"p(\d+)\.txt$", a.source or ""))}
        docs = parse(articles, Settings())
        quotes = extract_quotes(articles, docs, build_entities(articles, docs))
        yield lab, [(passage.get(q.article, -1), q) for q in quotes]


def stands_for_label(reported: str, labelled: str) -> bool:
    """The labels' rule for a reported quote that finds a labelled one: it stands for it or covers it."""
    return stands_for(reported, labelled) or covers(reported, labelled)


def eval_compare(gold_path: str, multi_news: str) -> dict[str, Any]:
    """Labelled direct quotes of real clusters: found (a reported quote covers it) and speaker right, as labelled."""
    total = found = right = clusters = 0
    t0 = time.perf_counter()
    with open(gold_path, encoding="utf-8") as fh:
        clusters = sum(1 for line in fh if line.strip())
    for lab, quotes in labelled_clusters(gold_path, multi_news):
        for g in lab["quotes"]:
            total += 1
            hits = [q.speaker for p, q in quotes if p == g["p"] and stands_for_label(q.text, g["quote"])]
            if hits:
                found += 1
                right += labelled_speaker(hits[0] or "", g["speaker"])
    return {"clusters": clusters, "gold": total, "found": round(found / total, 4) if total else 0.0,
            "speaker_right": round(right / found, 4) if found else 0.0, "found_n": found, "right_n": right,
            "seconds": round(time.perf_counter() - t0, 1)}


# the command -------------------------------------------------------------------------------------------------


def _row(label: str, values: Sequence[str]) -> str:
    return f"  {label:<34}" + "".join(f"{v:>12}" for v in values)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def render(seeds: dict[str, Any] | None, polnear: dict[str, Any] | None, names: Sequence[str],
           compare: dict[str, Any] | None = None) -> str:
    """The side-by-side table."""
    lines = [_row("", names)]
    if compare:
        lines.append(f"compare-dev: {compare['gold']} labelled direct quotes of {compare['clusters']} real clusters "
                     f"({compare['seconds']} s)")
        lines.append(_row("found %", [_pct(compare["found"])]))
        lines.append(_row("speaker right % (found)", [_pct(compare["speaker_right"])]))
    if seeds:
        lines.append(f"seeds: {seeds['gold']} gold quotes (found = word overlap >= {SEED_MATCH})")
        lines.append(_row("recall %", [_pct(seeds[n]["recall"]) for n in names]))
        lines.append(_row("speaker accuracy % (found)", [_pct(seeds[n]["speaker_accuracy"]) for n in names]))
        for kind in seeds[names[0]]["recall_by_kind"]:
            lines.append(_row(f"  recall {kind} %", [_pct(seeds[n]["recall_by_kind"].get(kind, 0.0)) for n in names]))
    if polnear:
        lines.append(f"PolNeAR: {polnear['docs']} docs, {polnear['gold']} gold attributions "
                     f"(parse {polnear['parse_seconds']} s)")
        for t in THRESHOLDS:
            for m in ("precision", "recall", "f1"):
                lines.append(_row(f"content {m} % @{t}", [_pct(polnear[n][f"@{t}"][m]) for n in names]))
        for m in ("precision", "recall", "f1"):
            lines.append(_row(f"content {m} % @>0.3", [_pct(polnear[n]["@>0.3"][m]) for n in names]))
        lines.append(_row("content f1 % @0.3, gold coverage", [_pct(polnear[n]["gold_coverage@0.3"]["f1"])
                                                              for n in names]))
        lines.append(_row("speaker accuracy % (matched @0.3)", [_pct(polnear[n]["speaker_accuracy"]) for n in names]))
        lines.append(_row("predictions", [str(polnear[n][f"@{THRESHOLDS[0]}"]["pred"]) for n in names]))
        lines.append(_row("seconds (after parsing)", [str(polnear[n]["seconds"]) for n in names]))
        base = polnear[names[-1]]["@0.3"]["f1"]
        if base:
            lines.append(f"  F1@0.3 ratio newsprism/textacy: {polnear[names[0]]['@0.3']['f1'] / base:.2f}")
    return "\n".join(lines) + "\n"


def run_quotes(gold: str, seeds: str, polnear: str, json_out: str | None = None, compare: str | None = None,
               multi_news: str | None = None, only: Sequence[str] | None = None,
               fit_model: str | None = None) -> EvalRun:
    """Runs the evaluations for newsprism (and the textacy baseline): the table, and JSON written when asked.

    ``only`` names the sets to run (of ``QUOTE_SETS``); all of them when it is empty. ``fit_model`` names PolNeAR
    training articles to fit the reported-speech model on first (written where the package reads it).
    """
    run = EvalRun()
    if fit_model:
        from .fit_quotes import describe, fit_model as fit_reported

        run.say(describe(fit_reported(fit_model)))
    systems: dict[str, System] = {"newsprism": newsprism_system, "textacy": textacy_system}
    seed_res = pol_res = cmp_res = None
    notes: list[str] = []
    wanted = set(only or QUOTE_SETS)
    if "compare" in wanted and compare and multi_news and os.path.exists(compare) and os.path.exists(multi_news):
        cmp_res = eval_compare(compare, multi_news)
    elif "compare" in wanted and compare:
        notes.append(f"compare-dev skipped: {compare} or {multi_news} not found")
    if "seeds" in wanted and os.path.exists(gold) and os.path.isdir(seeds):
        seed_res = eval_seeds(gold, seeds, systems)
    elif "seeds" in wanted:
        notes.append(f"seeds skipped: {gold} or {seeds} not found")
    if "polnear" in wanted and os.path.isdir(polnear):
        pol_res = eval_polnear(polnear, systems)
    elif "polnear" in wanted:
        notes.append(f"PolNeAR skipped: {polnear} not found")
    if seed_res is None and pol_res is None and cmp_res is None:
        return run.fail("newsprism: error: no evaluation data found; pass --gold/--seeds or --polnear")
    run.say(render(seed_res, pol_res, list(systems), cmp_res).removesuffix("\n"))
    for n in notes:
        run.say(f"note: {n}")
    if json_out:
        with open(json_out, "w", encoding="utf-8") as fh:
            json.dump({"seeds": seed_res, "polnear": pol_res, "compare": cmp_res, "notes": notes}, fh, indent=2)
    return run
