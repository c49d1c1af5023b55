"""Where lexical features stop telling two similar events apart: the story re-check's view of ECB+ dev.

A story that took in two events is split when its articles fall into two groups that barely match across (see
``newsprism.corpus.recheck.two_events``), or match a little more but were found as the same two groups at the
re-check before (``nearly_two_events``); the figures below are those of one look. For each ECB+ topic this prints
the cut between its two events: the mean contrast similarity across them, that over the mean within the tighter
event (the ratio), and whether one look would split there (near-duplicate copies left out, as ingest leaves them out
of clustering); beside it, the cut the re-check itself finds in the two events' articles together and the share of
them it puts on their own event's side.
Then, for each event of six or more documents read as a story of its own, the cut the re-check finds inside it, with
the same figures: a cut there marked "split" would be a false split.

The last lines compare the two: when a cut inside a single event is lower than a topic's cut on both figures, no
pair of bounds splits that topic's two events without also splitting that single event.

With ``--bounds`` it also clusters ECB+ dev, as ``newsprism eval cluster`` does, under looser split bounds.

Run: python benchmarks/eval_cluster_split.py [--data ../shared/data] [--bounds]
"""

from __future__ import annotations

import argparse
import os
import sys

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--bounds", action="store_true",
                    help="also cluster ECB+ dev under looser split bounds and print B-cubed F1 for each")
    args = ap.parse_args()
    ecb = os.path.join(args.data, "ecbplus", "dev.jsonl")
    if not os.path.isfile(ecb):
        print(f"eval_cluster_split: ECB+ data not found at {ecb}; skipped (needs ../shared/data)")
        return 0
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))
    from newsprism.config import ClusterSettings
    from newsprism.eval.cluster import load_ecb, split_diagnosis

    arts, gold, topics = load_ecb(ecb)
    pairs, singles = split_diagnosis(arts, gold, topics)
    n = sum(p["sizes"][0] + p["sizes"][1] for p in pairs)  # type: ignore[index]
    print(f"ECB+ dev: {len(arts)} documents, {n} after leaving out near-duplicate copies. The re-check splits "
          f"when across < {ClusterSettings().split_cross} and ratio < {ClusterSettings().split_ratio} (both groups "
          "of 3 or more).")
    print("\nthe cut between each topic's two events")
    print(f"  {'topic':>5} {'sizes':>7} {'across':>7} {'ratio':>6} {'split':>5}   the re-check's own cut: sizes, "
          "articles on their event's side")
    for p in pairs:
        a, b = p["sizes"]  # type: ignore[misc]
        fa, fb = p["found_sizes"]  # type: ignore[misc]
        split = "yes" if p["split"] else "NO"
        print(f"  {p['topic']:>5} {f'{a}+{b}':>7} {p['across']:7.3f} {p['ratio']:6.2f} {split:>5}   "
              f"{f'{fa}+{fb}':>7} {p['found_agreement']:6.0%}")
    print("\nthe cut the re-check finds inside each single event (a split here would be false)")
    print(f"  {'event':>12} {'sizes':>7} {'across':>7} {'ratio':>6}  split")
    for s in singles:
        a, b = s["sizes"]  # type: ignore[misc]
        print(f"  {s['event']:>12} {f'{a}+{b}':>7} {s['across']:7.3f} {s['ratio']:6.2f}  "
              f"{'FALSE SPLIT' if s['split'] else 'no'}")
    # cuts inside single events that leave both groups big enough to count as events
    real = [s for s in singles if min(s["sizes"]) >= 3]  # type: ignore[type-var]
    missed = [p for p in pairs if not p["split"]]
    print(f"\ntopics the re-check would split between their events: {len(pairs) - len(missed)} of {len(pairs)}")
    print(f"false splits inside single events: {sum(bool(s['split']) for s in singles)} of {len(singles)}")
    if real and missed:
        low = min(real, key=lambda s: s["ratio"])  # type: ignore[arg-type,return-value]
        print(f"least separated cut inside a single event: {low['event']}, ratio {low['ratio']:.2f}, "
              f"across {low['across']:.3f}")
        for p in missed:
            # a cut with both figures lower would be split by any bounds that split this topic's events
            lower = [s for s in real if s["ratio"] < p["ratio"] and s["across"] < p["across"]]  # type: ignore[operator]
            print(f"  topic {p['topic']} (ratio {p['ratio']:.2f}, across {p['across']:.3f}): {len(lower)} of "
                  f"{len(real)} single events hold a cut lower on both")
    if args.bounds:
        _try_bounds(arts, gold)
    return 0


BOUNDS = [(0.05, 0.2), (0.05, 0.3), (0.05, 0.42), (0.06, 0.2), (0.06, 0.3), (0.06, 0.42), (0.07, 0.3), (0.07, 0.42),
          (0.085, 0.42)]


def _try_bounds(arts, gold) -> None:  # type: ignore[no-untyped-def]
    """B-cubed F1 of newsprism on ECB+ dev (ingested as `newsprism eval cluster` does) under looser split bounds."""
    import random

    from newsprism.config import ClusterSettings, Settings
    from newsprism.eval.cluster import bcubed, cluster_newsprism

    print("\nnewsprism on ECB+ dev under other split bounds (B-cubed F1; file order and 3 shuffled orders)")
    print(f"  {'across <':>8} {'ratio <':>7} {'file order':>10} {'shuffled mean':>13}")
    kept = ClusterSettings().split_cross, ClusterSettings().split_ratio
    for cross, ratio in BOUNDS:
        settings = Settings(cluster=ClusterSettings(split_cross=cross, split_ratio=ratio))
        f1s = []
        for seed in range(4):
            order = list(arts)
            if seed:
                random.Random(seed).shuffle(order)
            f1s.append(bcubed(gold, cluster_newsprism(order, settings))[2])
        mark = "  (in use)" if (cross, ratio) == kept else ""
        print(f"  {cross:>8} {ratio:>7} {f1s[0]:10.3f} {sum(f1s[1:]) / 3:13.3f}{mark}")


if __name__ == "__main__":
    raise SystemExit(main())
