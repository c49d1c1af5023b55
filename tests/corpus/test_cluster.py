"""Incremental clustering: one event's articles gather, a similar but distinct event stays apart."""

from __future__ import annotations

from newsprism.corpus.cluster import Clusterer, StoryState, merge_clusters
from newsprism.corpus.features import extract, text_date

from .conftest import filler, make


def _stories(arts, **kw) -> dict[str, str]:
    cl = Clusterer(**kw)
    out: dict[str, str] = {}
    for a in arts:
        st, _ = cl.add(a.id, extract(a))
        out[a.id] = st.id
        for gone, keep in cl.absorb(st):
            out = {k: (keep if v == gone else v) for k, v in out.items()}
    return out


def test_two_rehab_stories_stay_apart(rehab):
    a, b = rehab
    noise = [make(filler(i), title=f"Notes {i}") for i in range(5)]
    order = [a[0], b[0], noise[0], a[1], noise[1], b[1], a[2], b[2]] + noise[2:]
    got = _stories(order)
    assert len({got[x.id] for x in a}) == 1
    assert len({got[x.id] for x in b}) == 1
    assert got[a[0].id] != got[b[0].id]


def test_same_text_far_apart_in_time_opens_a_new_story(rehab):
    a, _ = rehab
    early = make(a[0].text, title=a[0].title, published="2008-01-10")
    late = make(a[1].text, title=a[1].title, published="2012-06-01")
    got = _stories([early, late], window_days=7)
    assert got[early.id] != got[late.id]


def test_undated_articles_still_cluster(rehab):
    a, b = rehab
    assert all(x.published is None for x in a + b)
    got = _stories(a + b)
    assert len(set(got.values())) == 2


def test_dateline_in_text_gives_a_day():
    assert text_date("Updated: July 7, 2012, 10:04 PM ET | Klitschko retains") is not None
    assert text_date("No date in this text at all") is None


def test_retire_keeps_memory_bounded():
    cl = Clusterer(window_articles=10, grace_articles=5, max_active=8)
    for i in range(60):
        a = make(filler(100 + i), title=f"t{i}")
        cl.add(a.id, extract(a))
        cl.retire()
        assert len(cl.active) <= 10
    assert len(cl.index) < 60 * 25


def test_merge_clusters_joins_partitions(rehab):
    a, b = rehab
    left = Clusterer()
    right = Clusterer()
    sa, _ = left.add(a[0].id, extract(a[0]))
    left.add(a[1].id, extract(a[1]))
    sb, _ = left.add(b[0].id, extract(b[0]))
    sa2, _ = right.add(a[2].id, extract(a[2]))
    sb2, _ = right.add(b[1].id, extract(b[1]))
    states: list[StoryState] = list(left.active.values()) + list(right.active.values())
    mapping = merge_clusters(states)
    assert mapping[sa2.id] == mapping[sa.id]
    assert mapping[sb2.id] == mapping[sb.id]
    assert mapping[sa.id] != mapping[sb.id]


def test_cluster_articles_then_merge_across_partitions(rehab):
    from newsprism.corpus.cluster import cluster_articles

    a, b = rehab
    left, left_states = cluster_articles([a[0], a[1], b[0]])
    right, right_states = cluster_articles([b[1], a[2], b[2]])
    mapping = merge_clusters(left_states + right_states)
    final = {aid: mapping[sid] for part in (left, right) for aid, sid in part.items()}
    assert len({final[x.id] for x in a}) == 1
    assert len({final[x.id] for x in b}) == 1
    assert final[a[0].id] != final[b[0].id]


def _forced(arts):
    """Every article joins the first story (no floor), so only the re-check can tell events apart."""
    cl = Clusterer(threshold=0.0)
    cl.candidates = lambda vec: list(cl.active.values())  # type: ignore[method-assign]
    st = None
    for a in arts:
        st, _ = cl.add(a.id, extract(a))
    return cl, st


def test_recheck_splits_a_story_holding_two_events(rehab):
    a, b = rehab
    cl, st = _forced([a[0], a[1], b[0], a[2], b[1], b[2]])
    assert st.size == 6 and len(cl.active) == 1
    split = cl.recheck(st)
    assert split is not None
    new, moved = split
    assert sorted(moved) == sorted(x.id for x in b)
    assert new.size == 3 and st.size == 3 and set(st.members) == {x.id for x in a}
    assert set(cl.active) == {st.id, new.id}
    assert cl.absorb(st) == [] and cl.absorb(new) == []  # the merge step does not undo the split


def test_recheck_keeps_one_event_whole(rehab):
    a, _ = rehab
    more = [make(x.text + " Fans sent flowers to the clinic.", title=x.title) for x in a]
    cl, st = _forced(a + more)
    assert st.size == 6
    assert cl.recheck(st) is None


def test_story_members_survive_the_store_round_trip(rehab):
    a, _ = rehab
    cl, st = _forced(a)
    back = StoryState.members_from_json(st.to_json())
    assert set(back) == {x.id for x in a}
    assert all(abs(back[k][1][t] - w) < 1e-3 for k, (_, vec) in st.members.items() for t, w in vec.items())
