"""`newsprism eval summarize`: ROUGE of the cited summary against Lead, LexRank and TextRank, one run, one budget."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..errors import MissingDependency, NewsprismError
from ..model import Article, Fact, Sentence
from . import tokenize
from .outcome import EvalRun

_PASSAGE = re.compile(r"(?:^|\n)Passage \d+:\n")


@dataclass(slots=True)
class Cluster:
    """One Multi-News item: the source articles and the human summary."""

    id: str
    passages: list[str]
    summary: str


def load_clusters(path: str, limit: int | None = None) -> list[Cluster]:
    """Multi-News clusters from a JSONL file (``context`` with ``Passage N:`` blocks, ``summary``)."""
    if not os.path.exists(path):
        raise NewsprismError(f"{path}: no such file; give a Multi-News JSONL file (fields context and summary)")
    out: list[Cluster] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                context, summary = row["context"], row["summary"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise NewsprismError(f"{path}:{n}: not a Multi-News record ({exc}); "
                                     "each line needs JSON with context and summary") from exc
            passages = [_clean(p) for p in _PASSAGE.split(context)]
            passages = [p for p in passages if p]
            out.append(Cluster(str(row.get("id", n)), passages, _clean(summary)))
            if limit is not None and len(out) >= limit:
                break
    return out


def _clean(text: str) -> str:
    text = text.replace("NEWLINE_CHAR", "\n")
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def cluster_articles(c: Cluster) -> list[Article]:
    """The cluster's passages as articles (ids are content hashes, like ingested ones)."""
    out: list[Article] = []
    for i, text in enumerate(c.passages, 1):
        aid = "a" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        out.append(Article(id=aid, text=text, outlet=f"passage {i}", source=f"{c.id}#{i}"))
    return out


def truncate(sents: Sequence[str], words: int) -> list[str]:
    """Sentences in the given order, cut at ``words`` words: the one budget rule every system gets."""
    out: list[str] = []
    left = words
    for s in sents:
        toks = s.split()
        if not toks:
            continue
        if len(toks) > left:
            if left > 0:
                out.append(" ".join(toks[:left]))
            break
        out.append(s)
        left -= len(toks)
    return out


def lead(sents: dict[str, list[Sentence]], order: Sequence[str]) -> list[str]:
    """First sentence of each article in turn, then the second of each, and so on."""
    out: list[str] = []
    depth = max((len(v) for v in sents.values()), default=0)
    for i in range(depth):
        for aid in order:
            if i < len(sents[aid]):
                out.append(sents[aid][i].text)
    return out


def sumy_rank(kind: str, texts: Sequence[str]) -> list[str]:
    """All sentences ranked best first by sumy's LexRank or TextRank, on the project's tokenizer."""
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError as exc:
        raise MissingDependency("sumy", "eval") from exc
    tok = tokenize.SumyTokenizer()
    sents = [SumySentence(t, tok) for t in texts]
    doc = ObjectDocumentModel([Paragraph(sents)])
    cls = LexRankSummarizer if kind == "lexrank" else TextRankSummarizer
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    ranked: list[Any] = []

    def keep_ranking(infos: list[Any]) -> list[Any]:
        ranked.extend(infos)
        return infos

    summarizer(doc, keep_ranking)
    return [str(i.sentence) for i in ranked]


class Scorer:
    """ROUGE-1/2/Lsum F1 (rouge-score, stemmed) and the LongBench ROUGE-L (the ``rouge`` package)."""

    def __init__(self) -> None:
        try:
            from rouge import Rouge
            from rouge_score import rouge_scorer
        except ImportError as exc:
            raise MissingDependency("rouge-score and rouge", "eval") from exc
        self._rs = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
        self._lb = Rouge()

    def __call__(self, pred: Sequence[str], ref: str) -> dict[str, float]:
        ref_sents = "\n".join(tokenize.sentences(ref))
        s = self._rs.score(ref_sents, "\n".join(pred))
        text = " ".join(pred)
        try:
            lb = self._lb.get_scores(text, ref, avg=True)["rouge-l"]["f"] if text.strip() else 0.0
        except (ValueError, RecursionError):
            lb = 0.0
        return {"rouge1": 100 * s["rouge1"].fmeasure, "rouge2": 100 * s["rouge2"].fmeasure,
                "rougeLsum": 100 * s["rougeLsum"].fmeasure, "longbench_rougeL": 100 * lb,
                "words": float(len(text.split()))}


def _facts_fn() -> Callable[[list[Article], dict[str, Any], Settings], list[Fact]] | None:
    """The story's fact alignment when that stage is installed, for the facts-aware run."""
    try:
        from ..story.align import align_facts
    except ImportError:
        return None
    try:
        from ..story.entities import build_entities
    except ImportError:
        return None

    def run(articles: list[Article], docs: dict[str, Any], settings: Settings) -> list[Fact]:
        return align_facts(articles, docs, build_entities(articles, docs, settings), settings)

    return run


def evaluate(clusters: Sequence[Cluster], words: int = 250, with_facts: bool = True,
             progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Scores of every system on every cluster, averaged, plus the verify pass rate of the cited summaries;
    ``progress`` hears (clusters done, clusters in all) after each cluster."""
    from ..nlp import parse, sentences
    from ..report.verify import check_summary
    from ..story.summarize import summarize

    settings = Settings(summary_words=words)
    scorer = Scorer()
    facts_fn = _facts_fn() if with_facts else None
    systems = ["newsprism"] + (["newsprism (no facts)"] if facts_fn else []) + ["lead", "lexrank", "textrank"]
    totals: dict[str, dict[str, float]] = {s: {} for s in systems}
    timing: dict[str, float] = {s: 0.0 for s in systems}
    timing["parse"] = 0.0
    timing["facts"] = 0.0
    checked = passed = clusters_ok = 0
    per_cluster: list[dict[str, Any]] = []
    for n, c in enumerate(clusters, 1):
        arts = cluster_articles(c)
        t0 = time.perf_counter()
        docs = parse(arts, settings)
        timing["parse"] += time.perf_counter() - t0
        sents = {a.id: sentences(a, docs[a.id]) for a in arts}
        flat = [s.text for a in arts for s in sents[a.id]]
        outputs: dict[str, list[str]] = {}
        runs: list[tuple[str, list[Fact] | None]] = []
        if facts_fn:
            t0 = time.perf_counter()
            facts = facts_fn(arts, docs, settings)
            timing["facts"] += time.perf_counter() - t0
            runs = [("newsprism", facts), ("newsprism (no facts)", [])]
        else:
            runs = [("newsprism", [])]
        for name, facts_used in runs:
            t0 = time.perf_counter()
            summary, _ = summarize(arts, docs, facts_used or [], [], settings)
            timing[name] += time.perf_counter() - t0
            outputs[name] = [s.text for s in summary]
            if name == "newsprism":
                texts = {a.id: a.text for a in arts}
                bad = {p.split("]")[0] for p in check_summary(summary, texts)}
                checked += len(summary)
                passed += len(summary) - len(bad)
                clusters_ok += not bad and bool(summary)
        t0 = time.perf_counter()
        outputs["lead"] = lead(sents, [a.id for a in arts])
        timing["lead"] += time.perf_counter() - t0
        for kind in ("lexrank", "textrank"):
            t0 = time.perf_counter()
            outputs[kind] = sumy_rank(kind, flat)
            timing[kind] += time.perf_counter() - t0
        row: dict[str, Any] = {"id": c.id}
        for name in systems:
            scores = scorer(truncate(outputs[name], words), c.summary)
            row[name] = scores
            for k, v in scores.items():
                totals[name][k] = totals[name].get(k, 0.0) + v
        per_cluster.append(row)
        if progress:
            progress(n, len(clusters))
    count = max(len(clusters), 1)
    means = {name: {m: v / count for m, v in t.items()} for name, t in totals.items()}
    return {
        "words": words,
        "clusters": len(clusters),
        "facts": bool(facts_fn),
        "systems": means,
        "verify": {"sentences": checked, "passed": passed, "clusters_all_passed": clusters_ok,
                   "rate": passed / checked if checked else 0.0},
        "seconds": {name: round(v, 2) for name, v in timing.items()},
        "per_cluster": per_cluster,
    }


def format_table(result: dict[str, Any]) -> str:
    """The scores as an aligned table, best baseline and margins below."""
    cols = [("rouge1", "R-1"), ("rouge2", "R-2"), ("rougeLsum", "R-Lsum"), ("longbench_rougeL", "LB R-L"),
            ("words", "words")]
    lines = [f"Multi-News, {result['clusters']} clusters, budget {result['words']} words (ROUGE F1 x 100)",
             f"{'system':<22}" + "".join(f"{h:>9}" for _, h in cols)]
    for name, sc in result["systems"].items():
        lines.append(f"{name:<22}" + "".join(f"{sc.get(k, 0.0):>9.2f}" for k, _ in cols))
    base = {n: s for n, s in result["systems"].items() if not n.startswith("newsprism")}
    if base and "newsprism" in result["systems"]:
        ours = result["systems"]["newsprism"]
        best1 = max(base, key=lambda n: base[n]["rouge1"])
        best2 = max(base, key=lambda n: base[n]["rouge2"])
        lines.append(f"margin: R-1 {ours['rouge1'] - base[best1]['rouge1']:+.2f} over {best1}, "
                     f"R-2 {ours['rouge2'] - base[best2]['rouge2']:+.2f} over {best2}")
    v = result["verify"]
    lines.append(f"verify: {v['passed']}/{v['sentences']} summary sentences match their sources "
                 f"({100 * v['rate']:.1f}%); {v['clusters_all_passed']}/{result['clusters']} clusters fully verified")
    return "\n".join(lines)


def run_summarize(file: str, words: int = 250, limit: int | None = None, json_out: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> EvalRun:
    """`newsprism eval summarize`: the table, and the JSON results written when asked."""
    if words < 1:
        raise NewsprismError(f"--words must be a positive number of words, got {words}")
    clusters = load_clusters(file, limit)
    if not clusters:
        raise NewsprismError(f"{file}: no clusters to evaluate")
    result = evaluate(clusters, words=words, progress=progress)
    result["file"] = file
    run = EvalRun()
    run.say(format_table(result))
    if json_out:
        with open(json_out, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2)
    return run
