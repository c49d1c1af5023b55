"""`newsprism eval compare GOLD PASSAGES`: the comparison of real multi-outlet clusters against hand labels.

Each labelled cluster is analysed as a story; its reported conflicts, facts, quotes and notes are scored by the
rules of the labels' README (a report sentence stands for a labelled one when they share at least 60% of the shorter
one's words, and at least four words), next to a baseline that aligns sentences by TF-IDF cosine alone and calls an
aligned pair with different figures a conflict. ``--fit-pairs FILE`` also fits the same-fact model of
``story/pairs.py`` on the clusters' labelled pairs, cross-validated by cluster, and writes its weights.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Settings
from ..errors import NewsprismError
from ..model import Article
from .outcome import EvalRun

_FILE = re.compile(r"p(\d+)\.txt$")
_STOP = {"the", "a", "an", "of", "and", "for", "said", "told", "who", "with", "his", "her", "their"}
MEASURES = ("conflict_precision", "conflict_recall_hard", "same_recall", "different_kept_apart", "junk_kept",
            "quote_recall", "speaker_accuracy", "summary_flawed")


def _words(text: str | None) -> Counter[str]:
    return Counter(re.findall(r"\w+", (text or "").lower()))


def stands_for(sentence: str, labelled: str) -> bool:
    """The labels' matching rule: 60% of the shorter one's words shared, and four words (or all of a shorter one)."""
    a, b = _words(sentence), _words(labelled)
    shorter = min(sum(a.values()), sum(b.values()))
    common = sum((a & b).values())
    return shorter > 0 and common >= min(4, shorter) and common >= 0.6 * shorter


def covers(reported: str, labelled: str) -> bool:
    """A reported quote holding at least 60% of a labelled quote's words."""
    gold = _words(labelled)
    total = sum(gold.values())
    return total > 0 and sum((_words(reported) & gold).values()) >= 0.6 * total


def same_speaker(reported: str, labelled: str) -> bool:
    """Speakers agree when they share a name word of three or more letters (or a noun of a description)."""
    def key(s: str) -> set[str]:
        return {w for w in _words(s) if len(w) > 2} - _STOP

    return bool(key(reported) & key(labelled))


def _passages(report: dict[str, Any]) -> dict[str, int]:
    """Article id -> passage number, from the file names of the report's articles (copies follow their original)."""
    out: dict[str, int] = {}
    story = report.get("story") or {}
    for art in story.get("articles", []):
        m = _FILE.search(art.get("source") or "")
        if m:
            out[art["id"]] = int(m.group(1))
    for copy, original in (story.get("copies") or {}).items():
        if original in out:
            out.setdefault(copy, out[original])
    return out


def _supports(report: dict[str, Any], passage: dict[str, int]) -> list[tuple[bool, list[tuple[int | None, str]]]]:
    """(is a conflict, [(passage, text), ...]) for every fact and listed conflict."""
    items = [(f.get("status") == "conflict", f.get("support", [])) for f in report.get("facts", [])]
    items += [(True, c.get("support", [])) for c in report.get("conflicts", []) or []]
    return [(flag, [(passage.get(s.get("article")), s.get("text", "")) for s in sup]) for flag, sup in items]


def _holds(support: Sequence[tuple[int | None, str]], side: dict[str, Any]) -> bool:
    return any(p == side["p"] and stands_for(t, side["quote"]) for p, t in support)


def both(support: Sequence[tuple[int | None, str]], pair: dict[str, Any]) -> bool:
    """True when the statements hold both sides of a labelled pair."""
    return _holds(support, pair["a"]) and _holds(support, pair["b"])


def summary_flaws(report: dict[str, Any]) -> Counter[str]:
    """Summary sentences that cannot stand alone: furniture, open quotation marks, or a leading pronoun or
    connective whose sentence is not the one right before it in the summary."""
    from ..story.summarizers.units import flaws

    out: Counter[str] = Counter()
    prev: dict[str, Any] | None = None
    for sent in report.get("summary") or []:
        found = set(flaws(sent.get("text", "")))
        own = (sent.get("sources") or [{}])[0]
        if "dangling" in found and prev and prev.get("article") == own.get("article") \
                and 0 <= own.get("start", 0) - prev.get("end", 0) <= 3:
            found.discard("dangling")  # it follows the sentence it leans on
        out["summary"] += 1
        out["summary_flawed"] += bool(found)
        prev = own
    return out


def score_report(label: dict[str, Any], report: dict[str, Any], folder: Path) -> Counter[str]:
    """The counts of one cluster: conflicts, same and look-alike pairs, junk, quotes and speakers."""
    passage = _passages(report)
    groups = _supports(report, passage)
    reported = [sup for flag, sup in groups if flag]
    hard = [c for c in label["conflicts"] if c.get("strength") == "hard"]
    analysed = set(passage.values())
    notes = json.dumps(report.get("notes", []))
    junk = label.get("junk", [])
    real = {int(f.stem[1:]) for f in folder.glob("p*.txt")} - set(junk)
    quotes = [(passage.get(q.get("article")), q.get("text", ""), q.get("speaker") or "")
              for q in report.get("quotes", [])]
    c: Counter[str] = Counter(
        pred=len(reported),
        pred_right=sum(any(both(sup, x) for x in label["conflicts"]) for sup in reported),
        hard=len(hard), hard_found=sum(any(both(sup, x) for sup in reported) for x in hard),
        same=len(label["same"]), same_found=sum(any(both(sup, x) for _, sup in groups) for x in label["same"]),
        different=len(label["different"]),
        different_apart=sum(not any(both(sup, x) for _, sup in groups) for x in label["different"]),
        junk=len(junk), junk_kept=sum(1 for p in junk if p in analysed and f"p{p}.txt" not in notes),
        real=len(real), real_dropped=len(real - analysed), quotes=len(label.get("quotes", [])))
    for q in label.get("quotes", []):
        hits = [s for p, t, s in quotes if p == q["p"] and (stands_for(t, q["quote"]) or covers(t, q["quote"]))]
        if hits:
            c["quotes_found"] += 1
            c["speakers_right"] += same_speaker(hits[0], q["speaker"])
    c.update(summary_flaws(report))
    return c


def measures(c: Counter[str]) -> dict[str, float | None]:
    """The ratios of the summed counts."""
    def ratio(a: str, b: str) -> float | None:
        return c[a] / c[b] if c[b] else None

    return {"conflict_precision": ratio("pred_right", "pred"), "conflict_recall_hard": ratio("hard_found", "hard"),
            "same_recall": ratio("same_found", "same"), "different_kept_apart": ratio("different_apart", "different"),
            "junk_kept": float(c["junk_kept"]), "quote_recall": ratio("quotes_found", "quotes"),
            "speaker_accuracy": ratio("speakers_right", "quotes_found"),
            "summary_flawed": ratio("summary_flawed", "summary")}


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The labelled clusters, one JSON object a line; a malformed file raises a clear error."""
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise NewsprismError(f"cannot read labels {path}: {exc.strerror}; give the compare gold file") from exc
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                d = json.loads(line)
                d["cluster"], d["conflicts"], d["same"], d["different"]  # noqa: B018 - required keys
            except (ValueError, KeyError, TypeError) as exc:
                raise NewsprismError(f"{path}:{n}: not a labelled cluster ({exc})") from exc
            out.append(d)
    return out


def cluster_articles(folder: Path, settings: Settings) -> list[Article]:
    """The readable articles of one cluster's passage folder, in passage order."""
    from ..api import load

    files = sorted(folder.glob("p*.txt"), key=lambda p: int(p.stem[1:]))
    return load([str(f) for f in files], settings, errors=[])


def baseline_report(articles: Sequence[Article], settings: Settings, threshold: float = 0.35) -> dict[str, Any]:
    """Facts from TF-IDF cosine alone (greedy complete linkage above ``threshold``), conflicts where aligned
    statements give different figures: what a plain lexical comparison reports."""
    from ..nlp import parse
    from ..story.align import link_statements, tfidf
    from ..story.statements import article_units

    docs = parse(articles, settings)
    units = [u for a in articles for u in article_units(a, docs[a.id])]
    x = tfidf([[t for t in u.terms if not t.startswith("@")] for u in units])
    cos = (x @ x.T).toarray() if units else np.zeros((0, 0))
    facts = []
    for group in link_statements(units, cos, threshold, floor=threshold):
        members = [units[i] for i in group]
        figures = [{t for t in u.terms if t.startswith("#")} for u in members]
        several = len({u.article for u in members}) > 1
        clash = several and all(figures) and not set.intersection(*figures)
        facts.append({"status": "conflict" if clash else "shared" if several else "unique",
                      "support": [{"article": u.article, "text": u.text} for u in members]})
    return {"story": {"articles": [{"id": a.id, "source": a.source} for a in articles]}, "facts": facts}


def evaluate(gold: str | Path, passages: str | Path, settings: Settings | None = None,
             progress: Callable[[str], None] | None = None, reports: str | Path | None = None) -> dict[str, Any]:
    """newsprism and the baseline on every labelled cluster: summed counts, measures and per-cluster rows."""
    from ..api import analyze

    settings = settings or Settings()
    labels = load_gold(gold)
    root = Path(passages)
    missing = [str(d["cluster"]) for d in labels if not (root / str(d["cluster"])).is_dir()]
    if missing:
        raise NewsprismError(f"{root} has no passage folder for clusters {', '.join(missing)}; make them with "
                             "mn_passages.py (see the labels' README)")
    ours: Counter[str] = Counter()
    base: Counter[str] = Counter()
    rows = []
    for d in labels:
        folder = root / str(d["cluster"])
        articles = cluster_articles(folder, settings)
        report = analyze(articles, settings).to_dict() if articles else {"story": {"articles": []}}
        if reports:
            Path(reports).mkdir(parents=True, exist_ok=True)
            (Path(reports) / f"{d['cluster']}.json").write_text(json.dumps(report), encoding="utf-8")
        mine = score_report(d, report, folder)
        theirs = score_report(d, baseline_report(articles, settings), folder) if articles else Counter()
        ours.update(mine)
        base.update(theirs)
        rows.append({"cluster": d["cluster"], "newsprism": dict(mine), "baseline": dict(theirs)})
        if progress:
            progress(f"cluster {d['cluster']}: {mine['pred_right']}/{mine['pred']} conflicts right, "
                     f"{mine['same_found']}/{mine['same']} same found")
    return {"clusters": len(labels), "newsprism": {"measures": measures(ours), "counts": dict(ours)},
            "baseline": {"measures": measures(base), "counts": dict(base)}, "per_cluster": rows}


def format_table(result: dict[str, Any]) -> str:
    """The measures side by side, with the counts behind each ratio."""
    pairs = {"conflict_precision": ("pred_right", "pred"), "conflict_recall_hard": ("hard_found", "hard"),
             "same_recall": ("same_found", "same"), "different_kept_apart": ("different_apart", "different"),
             "junk_kept": ("junk_kept", "junk"), "quote_recall": ("quotes_found", "quotes"),
             "speaker_accuracy": ("speakers_right", "quotes_found"), "summary_flawed": ("summary_flawed", "summary")}
    out = [f"{result['clusters']} labelled clusters", f"{'measure':24} {'newsprism':>18} {'TF-IDF baseline':>18}"]
    for m in MEASURES:
        cells = []
        for side in ("newsprism", "baseline"):
            v = result[side]["measures"][m]
            a, b = pairs[m]
            k = result[side]["counts"]
            cells.append("n/a" if v is None else
                         f"{int(v)}/{k.get(b, 0)}" if m == "junk_kept" else f"{v:.2f} ({k.get(a, 0)}/{k.get(b, 0)})")
        out.append(f"{m:24} {cells[0]:>18} {cells[1]:>18}")
    return "\n".join(out)


def run_compare(gold: str, passages: str, json_out: str | None = None, fit_pairs: str | None = None,
                reports: str | None = None, embeddings: bool = True,
                progress: Callable[[str], None] | None = None) -> EvalRun:
    """`newsprism eval compare`: optionally refit the pair model, then score newsprism beside the baseline."""
    run = EvalRun()
    if fit_pairs:
        from .fit_pairs import fit

        run.say(fit(gold, passages, fit_pairs, progress=progress))
        words = Path(fit_pairs).with_name(Path(fit_pairs).stem + "_words.json")
        run.say(fit(gold, passages, words, progress=progress, embeddings=False))
    result = evaluate(gold, passages, Settings(embeddings=embeddings), progress=progress, reports=reports)
    run.say(format_table(result))
    if json_out:
        Path(json_out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return run


def label_pairs(label: dict[str, Any], texts: Sequence[tuple[int | None, str]]) -> dict[tuple[int, int], str]:
    """(i, j) with i < j -> "same", "different" or "conflict" for statements (passage, text) that stand for the two
    sides of a labelled pair."""
    def where(side: dict[str, Any]) -> list[int]:
        return [i for i, (p, t) in enumerate(texts) if p == side["p"] and stands_for(t, side["quote"])]

    out: dict[tuple[int, int], str] = {}
    for kind, items in (("same", label["same"]), ("different", label["different"]), ("conflict", label["conflicts"])):
        for x in items:
            for i in where(x["a"]):
                for j in where(x["b"]):
                    if i != j:
                        out[(min(i, j), max(i, j))] = kind
    return out


def iter_pairs(label: dict[str, Any], texts: Sequence[tuple[int | None, str]]) -> Iterable[tuple[int, int, str]]:
    """Every cross-passage pair of statements with its label ("none" when unlabelled)."""
    labelled = label_pairs(label, texts)
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if texts[i][0] != texts[j][0]:
                yield i, j, labelled.get((i, j), "none")
