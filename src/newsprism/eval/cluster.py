"""`newsprism eval cluster`: story clustering quality (B-cubed and pairwise F1) against a TF-IDF baseline.

Data: ECB+ dev (gold = subtopic, i.e. one real-world event; each topic holds two similar events) and WikiRef220
(gold = topic in the file name). Every document of one of each ECB+ topic's two events opens with its source URL and
none of the other's does; the URL is dropped, for newsprism and the baseline alike, so it cannot give the event
away. newsprism ingests the documents into a fresh store, once in file order and once in several shuffled orders
(scores averaged over the orders); the baseline is TF-IDF (sublinear, English stop words) + average-link
agglomerative clustering on cosine distance, with its distance threshold tuned on the same data it is scored on (an
optimistic baseline).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..model import Article
from .outcome import EvalRun

if TYPE_CHECKING:
    from ..corpus.store import Store

Labels = dict[str, str]


def bcubed(gold: Labels, pred: Labels) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold classes."""
    ids = [i for i in gold if i in pred]
    by_pred: dict[str, list[str]] = defaultdict(list)
    by_gold: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        by_pred[pred[i]].append(i)
        by_gold[gold[i]].append(i)
    pair = Counter((pred[i], gold[i]) for i in ids)
    p = sum(pair[(pred[i], gold[i])] / len(by_pred[pred[i]]) for i in ids) / len(ids)
    r = sum(pair[(pred[i], gold[i])] / len(by_gold[gold[i]]) for i in ids) / len(ids)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(gold: Labels, pred: Labels) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1: pairs put together vs pairs that belong together."""
    ids = [i for i in gold if i in pred]
    tp = fp = fn = 0
    for a, b in combinations(ids, 2):
        same_p = pred[a] == pred[b]
        same_g = gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _article(doc_id: str, text: str, title: str | None = None) -> Article:
    aid = "a" + hashlib.sha1(f"{doc_id}\n{text}".encode()).hexdigest()[:12]
    return Article(id=aid, text=text, title=title, source=doc_id)


def load_ecb(path: str) -> tuple[list[Article], Labels, dict[str, int]]:
    """ECB+ documents as articles (no titles, no dates), gold subtopic and topic by article id."""
    arts: list[Article] = []
    gold: Labels = {}
    topic: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            a = _article(row["doc_id"], _ecb_text(row))
            arts.append(a)
            gold[a.id] = str(row["subtopic"])
            topic[a.id] = int(row["topic"])
    return arts, gold, topic


def _ecb_text(row: dict[str, Any]) -> str:
    """A document's text without the source URL that opens every ECB+ (second-event) document: the URL is not
    article text, and since only one of each topic's two events has it, it would give the event away."""
    sents = row.get("sentences") or []
    if sents and re.match(r"https?\s*:", sents[0]):
        return "\n".join(sents[1:])
    return str(row["text"])


_WIKI_TOPIC = re.compile(r"^(.*?)(?: \(\d+\)|\.\d+)?\.txt$")


def load_wikiref(folder: str) -> tuple[list[Article], Labels]:
    """WikiRef220 files as articles (first line as title), gold topic from the file name."""
    arts: list[Article] = []
    gold: Labels = {}
    for name in sorted(os.listdir(folder), key=_natural):
        m = _WIKI_TOPIC.match(name)
        if not m:
            continue
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as fh:
            text = fh.read().strip()
        if not text:
            continue
        head, _, rest = text.partition("\n")
        title = head.strip() if rest.strip() and len(head) < 200 else None
        a = _article(name, rest.strip() if title else text, title)
        arts.append(a)
        gold[a.id] = m.group(1)
    return arts, gold


def _natural(name: str) -> list[object]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def cluster_newsprism(articles: Sequence[Article], settings: Settings | None = None) -> Labels:
    """Story of each article after ingesting them, in the given order, into a fresh store."""
    from ..corpus.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(os.path.join(tmp, "eval.db"), settings) as store:
        for i in range(0, len(articles), 200):
            store.add_articles(articles[i:i + 200])
        return {a["id"]: s["id"] for s in _all_stories(store) for a in s["articles"]}


def _all_stories(store: "Store") -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    while True:
        page = store.list_stories(limit=500, offset=len(out))
        out.extend(page)
        if len(page) < 500:
            return out


def tfidf_distances(articles: Sequence[Article]):  # type: ignore[no-untyped-def]
    """Cosine distances between the articles' TF-IDF vectors (title and text; sublinear, English stop words)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    texts = [((a.title or "") + "\n" + a.text) for a in articles]
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(texts)
    return cosine_distances(x)


def cluster_baseline(dist, ids: Sequence[str], threshold: float) -> Labels:  # type: ignore[no-untyped-def]
    """TF-IDF + average-link agglomerative clustering cut at a cosine distance threshold."""
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=threshold)
    labels = model.fit_predict(dist)
    return {i: str(l) for i, l in zip(ids, labels)}


def tune_baseline(articles: Sequence[Article], gold: Labels) -> tuple[float, Labels]:
    """The baseline's threshold with the best B-cubed F1 on these articles, and its clustering."""
    return tune_threshold(tfidf_distances(articles), [a.id for a in articles], gold)


def tune_threshold(dist, ids: Sequence[str], gold: Labels) -> tuple[float, Labels]:  # type: ignore[no-untyped-def]
    """Average-link clustering of a cosine distance matrix, cut at the threshold (0.20-0.99) with the best B-cubed
    F1 against ``gold``: the threshold and its clustering."""
    best: tuple[float, float, Labels] = (-1.0, 0.0, {})
    for step in range(20, 100):
        t = step / 100
        pred = cluster_baseline(dist, ids, t)
        f = bcubed(gold, pred)[2]
        if f > best[0]:
            best = (f, t, pred)
    return best[1], best[2]


def member_vectors(articles: Sequence[Article]) -> dict[str, tuple[int | None, dict[str, float]]]:
    """Each article's vector as a story keeps it for the re-check (features, tf-idf over the articles given, the
    strongest ``ClusterSettings.member_terms`` terms), by article id, in order."""
    from ..corpus.vectors import DocFreq, top, vectorize
    from ..corpus.features import extract

    feats = [extract(a) for a in articles]
    df = DocFreq()
    for f in feats:
        df.add(list(f.terms))
    keep = Settings().cluster.member_terms
    return {a.id: (f.day, dict(top(vectorize(f, df), keep))) for a, f in zip(articles, feats)}


def cut_figures(sim, left: Sequence[int], right: Sequence[int]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A two-way cut's figures: group ``sizes``, mean similarity ``across``, its ``ratio`` to the mean within the
    tighter group, and whether the re-check would ``split`` there."""
    from ..corpus.recheck import cut_match, two_events

    across, within = cut_match(sim, left, right)
    return {"sizes": (len(left), len(right)), "across": across,
            "ratio": across / within if within > 0 else float("inf"), "split": two_events(sim, left, right)}


def split_diagnosis(articles: Sequence[Article], gold: Labels,
                    topic: dict[str, int]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """How the story re-check sees a topic's two events, and what it finds inside a single event.

    Near-duplicate copies are left out, as ingest leaves them out of clustering; vectors are built over the other
    articles (as ingest builds them), then, as the re-check does, weighed by
    :func:`~newsprism.corpus.recheck.contrast` over the articles of one story. Returns:
      - per topic with two events: the cut between them (``sizes``, ``across``: mean contrast similarity across,
        ``ratio``: across over within the tighter group, ``split``: whether the re-check would split there), and
        the cut the re-check itself finds in the two events' articles together (``found_sizes``;
        ``found_agreement``: the share of articles it puts on their own event's side, 1.0 when it is the events'
        cut);
      - per event of at least ``2 * ClusterSettings.min_part`` articles, read as a story of its own: the cut the
        re-check finds in it (agglomeration, then refinement), with the same figures; ``split`` there is a false
        split.
    """
    from ..corpus.recheck import contrast, recheck_cut
    from ..corpus.dedup import find_copies

    copies = find_copies(articles, Settings().dedup_threshold)
    articles = [a for a in articles if a.id not in copies]
    vecs = member_vectors(articles)
    events: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        events[gold[a.id]].append(a.id)
    by_topic: dict[int, list[str]] = defaultdict(list)
    for ev, ids in events.items():
        by_topic[topic[ids[0]]].append(ev)
    pairs: list[dict[str, object]] = []
    for t in sorted(by_topic):
        evs = sorted(by_topic[t])
        if len(evs) != 2:
            continue
        first, second = events[evs[0]], events[evs[1]]
        sim = contrast({i: vecs[i] for i in first + second})
        n = len(first)
        left, right = recheck_cut(sim)
        # share of the articles the re-check's own cut of the two events together puts on their event's side
        agree = max(sum(i < n for i in left) + sum(i >= n for i in right),
                    sum(i >= n for i in left) + sum(i < n for i in right)) / len(sim)
        pairs.append({"topic": t, "events": tuple(evs), **cut_figures(sim, range(n), range(n, n + len(second))),
                      "found_sizes": (len(left), len(right)), "found_agreement": agree})
    singles: list[dict[str, object]] = []
    for ev in sorted(events, key=_natural):
        ids = events[ev]
        if len(ids) < 2 * Settings().cluster.min_part:
            continue
        sim = contrast({i: vecs[i] for i in ids})
        singles.append({"event": ev, **cut_figures(sim, *recheck_cut(sim))})
    return pairs, singles


def _row(name: str, gold: Labels, pred: Labels) -> dict[str, float | str | int]:
    p, r, f = bcubed(gold, pred)
    pp, pr, pf = pairwise(gold, pred)
    return {"system": name, "b3_p": p, "b3_r": r, "b3_f1": f, "pair_p": pp, "pair_r": pr, "pair_f1": pf,
            "clusters": len(set(pred.values()))}


def evaluate(articles: list[Article], gold: Labels, orders: int = 10) -> list[dict[str, float | str | int]]:
    """newsprism in file order and in ``orders`` shuffled orders (seeds 1..orders; scores averaged, the range of
    B-cubed F1 kept), and the tuned baseline, on one data set."""
    rows = []
    t0 = time.perf_counter()
    rows.append(_row("newsprism (file order)", gold, cluster_newsprism(articles)))
    runs = []
    for seed in range(1, orders + 1):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        runs.append(_row("", gold, cluster_newsprism(shuffled)))
    if runs:
        mean = {k: sum(float(r[k]) for r in runs) / len(runs) for k in runs[0] if k != "system"}
        f1s = [float(r["b3_f1"]) for r in runs]
        rows.append({"system": f"newsprism (shuffled, mean of {len(runs)} orders)", **mean,
                     "clusters": round(mean["clusters"]), "b3_f1_min": min(f1s), "b3_f1_max": max(f1s)})
    took = time.perf_counter() - t0
    t, pred = tune_baseline(articles, gold)
    rows.append(_row(f"tfidf+agglomerative (threshold {t:.2f}, tuned here)", gold, pred))
    for r in rows[:-1]:
        r["seconds"] = round(took / (1 + len(runs)), 2)
    return rows


def table(title: str, n_docs: int, n_gold: int, rows: list[dict[str, float | str | int]]) -> list[str]:
    """The lines of one data set's table: each system's B-cubed and pairwise scores."""
    lines = [f"\n{title}: {n_docs} documents, {n_gold} gold clusters",
             f"  {'system':<52} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pair F1':>8} {'clusters':>8}"]
    for r in rows:
        lines.append(f"  {r['system']:<52} {r['b3_p']:6.3f} {r['b3_r']:6.3f} {r['b3_f1']:6.3f} {r['pair_f1']:8.3f} "
                     f"{r['clusters']:>8}")
        if "b3_f1_min" in r:
            lines.append(f"  {'':<52} B3 F1 over the orders: {r['b3_f1_min']:.3f} to {r['b3_f1_max']:.3f}")
    return lines


def run_cluster(ecb: str, wikiref: str, json_out: str | None = None, orders: int = 10) -> EvalRun:
    """B-cubed and pairwise scores of newsprism and the tuned baseline on ECB+ dev and WikiRef220."""
    run = EvalRun()
    results: dict[str, object] = {}
    if os.path.isfile(ecb):
        arts, gold, _ = load_ecb(ecb)
        rows = evaluate(arts, gold, orders)
        for line in table("ECB+ dev (gold = subtopic; no dates, no titles)", len(arts), len(set(gold.values())), rows):
            run.say(line)
        results["ecbplus"] = rows
    else:
        run.note(f"newsprism: ECB+ data not found at {ecb}; skipped")
    if os.path.isdir(wikiref):
        arts, gold = load_wikiref(wikiref)
        rows = evaluate(arts, gold, orders)
        for line in table("WikiRef220 (gold = topic)", len(arts), len(set(gold.values())), rows):
            run.say(line)
        results["wikiref220"] = rows
    else:
        run.note(f"newsprism: WikiRef220 data not found at {wikiref}; skipped")
    if not results:
        return run.fail("newsprism: error: no evaluation data found; pass --ecb and --wikiref")
    run.say("\nThe baseline's threshold is tuned on the very data it is scored on; newsprism uses fixed settings.")
    if json_out:
        with open(json_out, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2)
    return run
