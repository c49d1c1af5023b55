"""`newsprism eval extract`: article-body extraction quality against trafilatura, on the same pages in one run.

Scoring follows the article-extraction-benchmark: texts are split into ``\\w+`` tokens, each page's 4-gram shingles
(as multisets) give true/false positives and false negatives normalised by their sum, precision and recall are
averaged over pages, and F1 is computed from the averaged precision and recall.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .outcome import EvalRun

_TOKEN = re.compile(r"\w+", re.UNICODE)
NGRAM = 4


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """The multiset of word n-grams of a text (a shorter text is one shingle of all its tokens)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Shingle true positives, false positives and false negatives of one page, normalised to sum to 1."""
    gold, got = shingles(true), shingles(pred)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages, and their F1."""
    p_values = [_precision(*x) for x in pages if x[0] + x[1] > 0]
    r_values = [_recall(*x) for x in pages if x[0] + x[2] > 0]
    p = statistics.mean(p_values) if p_values else 0.0
    r = statistics.mean(r_values) if r_values else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


@dataclass(slots=True)
class SystemResult:
    name: str
    per_page: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> dict[str, float]:
        return scores(list(self.per_page.values()))


def load_pages(directory: str) -> tuple[dict[str, str], dict[str, str]]:
    """(HTML by page id, gold article body by page id) of a benchmark directory."""
    with open(os.path.join(directory, "ground-truth.json"), encoding="utf-8") as fh:
        truth = json.load(fh)
    pages: dict[str, str] = {}
    for key in sorted(truth):
        path = os.path.join(directory, "html", f"{key}.html.gz")
        with gzip.open(path, "rb") as fh:
            raw = fh.read()
        pages[key] = raw.decode("utf-8", errors="replace")
    gold = {k: (truth[k].get("articleBody") or "") for k in pages}
    return pages, gold


def newsprism_text(html: str, key: str) -> str:
    """newsprism's article text for a page: its extraction plus cleaning (the English-only check is not applied)."""
    from ..ingest.html import html_to_clean_text

    return html_to_clean_text(html)


MODES: dict[str, dict[str, bool]] = {
    "precision": {"favor_precision": True},
    "precision, no fallback": {"favor_precision": True, "fast": True},
    "default": {},
    "default, no fallback": {"fast": True},
    "recall": {"favor_recall": True},
    "recall, no fallback": {"favor_recall": True, "fast": True},
}


def merged_text(html: str, key: str) -> str:
    """newsprism's merged extraction without the layout rules (other article elements, links alone), cleaned."""
    from ..ingest.html import html_to_clean_text

    return html_to_clean_text(html, layout=False)


def mode_text(mode: dict[str, bool]) -> Callable[[str, str], str]:
    """One trafilatura mode alone, then newsprism's layout rules and cleaning: what each choice of mode would give."""
    from ..ingest.html import html_to_clean_text

    return lambda html, key: html_to_clean_text(html, mode=mode)


def trafilatura_text(html: str, key: str) -> str:
    """trafilatura alone, as the benchmark runs it."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def run_system(name: str, fn: Callable[[str, str], str], pages: dict[str, str], gold: dict[str, str]) -> SystemResult:
    """Scores one extractor on every page; a page it fails on counts as an empty extraction."""
    from ..errors import InputError

    res = SystemResult(name)
    start = time.perf_counter()
    for key, html in pages.items():
        try:
            text = fn(html, key)
        except InputError as exc:
            res.failures[key] = exc.message
            text = ""
        res.per_page[key] = tp_fp_fn(gold[key], text)
        res.texts[key] = text
    res.seconds = time.perf_counter() - start
    return res


def refused_languages(texts: dict[str, str]) -> dict[str, str]:
    """The pages whose text the English-only check would refuse, with the language it names (every page the
    benchmark holds in English should pass; its pages in other languages should not)."""
    from ..ingest.language import detect_language

    langs = {key: detect_language(text) for key, text in texts.items()}
    return {key: lang for key, lang in langs.items() if lang not in (None, "en")}


def run_extract(dir: str, json_out: str | None = None, modes: bool = False) -> EvalRun:  # noqa: A002 - CLI name
    """newsprism's and trafilatura's extraction scores side by side (with ``modes``, also each trafilatura mode
    alone followed by newsprism's layout rules and cleaning, and the merged text without the layout rules); exit
    code 2 when the data is missing."""
    import trafilatura

    run = EvalRun()
    if not os.path.isfile(os.path.join(dir, "ground-truth.json")):
        return run.fail(f"newsprism: error: {dir}: no ground-truth.json here; give the extraction benchmark "
                        "directory (html/<id>.html.gz and ground-truth.json)")
    pages, gold = load_pages(dir)
    systems = [
        run_system("newsprism (merged, layout, clean)", newsprism_text, pages, gold),
        run_system(f"trafilatura {trafilatura.__version__}", trafilatura_text, pages, gold),
    ]
    if modes:
        systems.append(run_system("merged, clean (no layout)", merged_text, pages, gold))
        systems += [run_system(f"{name} + layout, clean", mode_text(opts), pages, gold) for name, opts in MODES.items()]
    run.say(f"article extraction, {len(pages)} pages in {dir}")
    run.say("4-gram shingle precision/recall averaged per page, F1 of the averages (article-extraction-benchmark)")
    run.say(f"{'system':<40} {'precision':>9} {'recall':>7} {'F1':>7} {'pages/s':>8} {'failed':>6}")
    for s in systems:
        m = s.summary()
        rate = len(pages) / s.seconds if s.seconds else 0.0
        run.say(f"{s.name:<40} {m['precision']:>9.4f} {m['recall']:>7.4f} {m['f1']:>7.4f} {rate:>8.1f} "
                f"{len(s.failures):>6}")
    for s in systems:
        for key, why in sorted(s.failures.items()):
            run.say(f"  {s.name}: {key[:16]}: {why}")
    refused = refused_languages(systems[0].texts)
    run.say(f"language check on newsprism's texts: {len(refused)} of {len(pages)} pages refused as not English"
            + "".join(f"\n  {key[:16]}: {lang}" for key, lang in sorted(refused.items())))
    if json_out:
        out = {
            "pages": len(pages),
            "refused_as_not_english": refused,
            "systems": {
                s.name: {**s.summary(), "seconds": s.seconds, "failures": s.failures,
                         "per_page": {k: list(v) for k, v in s.per_page.items()}}
                for s in systems
            },
        }
        with open(json_out, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=2)
    return run
