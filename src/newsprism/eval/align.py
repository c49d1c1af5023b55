"""`newsprism eval align`: shared-fact precision/recall on labelled sentence pairs, against TF-IDF cosine."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import Settings
from ..errors import NewsprismError
from ..model import Article, Entity, Fact, Sentence
from .outcome import EvalRun

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = Path(__file__).with_name("labels") / "align_pairs.jsonl"
_PASSAGE = re.compile(r"Passage (\d+):\s*")
THRESHOLDS = [round(x, 2) for x in np.arange(0.10, 0.91, 0.025)]


@dataclass(slots=True)
class Pair:
    """One labelled pair of sentences from two articles of a cluster."""

    cluster: int
    a: tuple[int, int, int, str]  # passage, start, end, sentence hash
    b: tuple[int, int, int, str]
    same: bool
    split: str  # "tune" or "test"


def sentence_hash(text: str) -> str:
    """A short fingerprint of a sentence, so a changed segmentation is noticed instead of silently mislabelled."""
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:10]


def load_cluster(data: str, index: int) -> list[Article]:
    """The articles of one Multi-News cluster, one per passage, with line breaks restored."""
    with open(data, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i == index:
                context = json.loads(line)["context"]
                break
        else:
            raise NewsprismError(f"{data} has no cluster {index}; check --data")
    parts = _PASSAGE.split(context)
    out: list[Article] = []
    for num, body in zip(parts[1::2], parts[2::2]):
        text = body.replace(" NEWLINE_CHAR ", "\n").replace("NEWLINE_CHAR", "\n").strip()
        if text:
            out.append(Article(id=f"c{index}p{num}", text=text, source=f"{data}#{index}/{num}"))
    return out


def load_labels(path: str | os.PathLike[str]) -> list[Pair]:
    """The labelled pairs; a malformed file raises a clear error."""
    pairs: list[Pair] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise NewsprismError(f"cannot read alignment labels {path}: {exc.strerror}; give --labels FILE") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            pairs.append(Pair(int(d["cluster"]), tuple(d["a"]), tuple(d["b"]),
                              d["label"] == "same fact", d.get("split", "test")))
        except (ValueError, KeyError, TypeError) as exc:
            raise NewsprismError(f"{path}:{n}: not a label line ({exc}); see eval/labels/README.md") from exc
    return pairs


def _sentence_lookup(articles: Sequence[Article], docs: dict[str, "Doc"]) -> dict[tuple[int, int, int], Sentence]:
    from ..nlp import sentences

    out: dict[tuple[int, int, int], Sentence] = {}
    for a in articles:
        passage = int(a.id.rsplit("p", 1)[1])
        for s in sentences(a, docs[a.id]):
            out[(passage, s.start, s.end)] = s
    return out


def _entities(articles: Sequence[Article], docs: dict[str, "Doc"], settings: Settings) -> list[Entity]:
    """Story entities from the entity stage, so the evaluation runs alignment as the pipeline does."""
    try:
        from ..story.entities import build_entities
    except ImportError:
        return []
    return build_entities(articles, docs, settings)


def newsprism_scores(articles: Sequence[Article], docs: dict[str, "Doc"], entities: Sequence[Entity],
                     pairs: Sequence[Pair], thresholds: Sequence[float]) -> dict[float, list[bool]]:
    """For every threshold, whether newsprism puts each pair's two sentences in one fact."""
    from ..story.align import align_units
    from ..story.statements import article_units
    from ..story.embed import embed

    units = [u for a in articles for u in article_units(a, docs[a.id], entities)]
    vectors = embed([u.text for u in units])  # once: only the threshold changes
    out: dict[float, list[bool]] = {}
    for t in thresholds:
        facts = align_units(units, t, vectors)
        out[t] = [_same_fact(facts, articles[0].id.rsplit("p", 1)[0], p) for p in pairs]
    return out


def _same_fact(facts: Sequence[Fact], prefix: str, p: Pair) -> bool:
    ida, idb = f"{prefix}p{p.a[0]}", f"{prefix}p{p.b[0]}"
    for f in facts:
        hit_a = any(s.article == ida and s.start < p.a[2] and p.a[1] < s.end for s in f.support)
        hit_b = any(s.article == idb and s.start < p.b[2] and p.b[1] < s.end for s in f.support)
        if hit_a and hit_b:
            return True
    return False


def tfidf_scores(sents: dict[tuple[int, int, int], Sentence], pairs: Sequence[Pair]) -> list[float]:
    """The baseline: cosine of word TF-IDF vectors fitted on the cluster's sentences."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    keys = list(sents)
    pos = {k: i for i, k in enumerate(keys)}
    x = TfidfVectorizer(stop_words="english").fit_transform([sents[k].text for k in keys])
    out = []
    for p in pairs:
        i, j = pos[p.a[:3]], pos[p.b[:3]]
        out.append(float((x[i] @ x[j].T).toarray()[0, 0]))
    return out


def prf(pred: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of the positive ("same fact") class."""
    tp = sum(1 for p, g in zip(pred, gold) if p and g)
    fp = sum(1 for p, g in zip(pred, gold) if p and not g)
    fn = sum(1 for p, g in zip(pred, gold) if g and not p)
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return {"precision": round(pr, 3), "recall": round(rc, 3), "f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn}


def _best_threshold(preds: dict[float, list[bool]], gold: list[bool]) -> float:
    """The threshold with the best F1 on the tuning pairs (ties: the lower threshold)."""
    return max(preds, key=lambda t: (prf(preds[t], gold)["f1"], -t))


def evaluate(labels: str | os.PathLike[str], data: str, settings: Settings | None = None,
             progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Both systems on every labelled pair; thresholds chosen on the tuning clusters, scored on the test clusters."""
    from ..nlp import parse

    settings = settings or Settings()
    pairs = load_labels(labels)
    if not pairs:
        raise NewsprismError(f"{labels} holds no labelled pairs")
    if not os.path.exists(data):
        raise NewsprismError(f"{data} not found; give --data path/to/multi_news/dev.jsonl")
    from ..story.pairs import fact_threshold, load_model

    default_t = settings.fact_threshold if settings.fact_threshold is not None else fact_threshold(load_model())
    ours: dict[float, list[bool]] = {t: [] for t in [*THRESHOLDS, default_t]}
    base: list[float] = []
    gold: list[bool] = []
    split: list[str] = []
    stale = 0
    for cluster in sorted({p.cluster for p in pairs}):
        cp = [p for p in pairs if p.cluster == cluster]
        articles = load_cluster(data, cluster)
        docs = parse(articles, settings)
        sents = _sentence_lookup(articles, docs)
        good = []
        for p in cp:
            sa, sb = sents.get(p.a[:3]), sents.get(p.b[:3])
            if sa is None or sb is None or sentence_hash(sa.text) != p.a[3] or sentence_hash(sb.text) != p.b[3]:
                stale += 1
                continue
            good.append(p)
        if progress:
            progress(f"cluster {cluster}: {len(good)} pairs")
        if not good:
            continue
        entities = _entities(articles, docs, settings)
        for t, flags in newsprism_scores(articles, docs, entities, good, list(ours)).items():
            ours[t].extend(flags)
        base.extend(tfidf_scores(sents, good))
        gold.extend(p.same for p in good)
        split.extend(p.split for p in good)
    tune = [i for i, s in enumerate(split) if s == "tune"]
    test = [i for i, s in enumerate(split) if s != "tune"]

    def pick(idx: list[int], seq: Sequence[Any]) -> list[Any]:
        return [seq[i] for i in idx]

    base_preds = {t: [b >= t for b in base] for t in THRESHOLDS}
    t_ours = _best_threshold({t: pick(tune, v) for t, v in ours.items() if t in THRESHOLDS}, pick(tune, gold))
    t_base = _best_threshold({t: pick(tune, v) for t, v in base_preds.items()}, pick(tune, gold))
    result: dict[str, Any] = {
        "pairs": len(gold), "positives": sum(gold), "tune_pairs": len(tune), "test_pairs": len(test),
        "clusters": len({p.cluster for p in pairs}), "stale": stale,
        "threshold": {"newsprism": t_ours, "tfidf": t_base, "newsprism_default": default_t},
        "test": {
            "newsprism (tuned threshold)": prf(pick(test, ours[t_ours]), pick(test, gold)),
            "newsprism (default threshold)": prf(pick(test, ours[default_t]), pick(test, gold)),
            "tfidf cosine (tuned threshold)": prf(pick(test, base_preds[t_base]), pick(test, gold)),
        },
        "all": {
            "newsprism (default threshold)": prf(ours[default_t], gold),
            "tfidf cosine (threshold tuned on tune split)": prf(base_preds[t_base], gold),
            "tfidf cosine (best threshold on all, oracle)": prf(
                base_preds[_best_threshold(base_preds, gold)], gold),
        },
    }
    return result


def format_table(result: dict[str, Any]) -> str:
    """The figures side by side."""
    lines = [f"shared-fact detection on {result['pairs']} labelled pairs ({result['positives']} same-fact) from "
             f"{result['clusters']} Multi-News clusters; thresholds tuned on {result['tune_pairs']} tuning pairs, "
             f"scored on {result['test_pairs']} test pairs",
             f"thresholds: newsprism {result['threshold']['newsprism']} (default "
             f"{result['threshold']['newsprism_default']}), tfidf {result['threshold']['tfidf']}", ""]
    for section in ("test", "all"):
        lines.append(f"[{section} pairs]")
        lines.append(f"  {'system':46} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
        for name, m in result[section].items():
            lines.append(f"  {name:46} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}  "
                         f"{m['tp']:3d} {m['fp']:3d} {m['fn']:3d}")
    return "\n".join(lines)


def run_align(labels: str | None, data: str, json_out: str | None = None,
              progress: Callable[[str], None] | None = None) -> EvalRun:
    """Runs the evaluation: newsprism and the baseline side by side."""
    run = EvalRun()
    result = evaluate(labels or LABELS, data, progress=progress)
    if result["stale"]:
        run.note(f"newsprism: warning: {result['stale']} labelled pairs no longer match the sentence segmentation; "
                 "skipped")
    run.say(format_table(result))
    if json_out:
        Path(json_out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return run
