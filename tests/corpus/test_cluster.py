"""Incremental clustering: one event's articles gather, a similar but distinct event stays apart."""

from __future__ import annotations

import random
from datetime import date

from newsprism.config import ClusterSettings
from newsprism.corpus.cluster import Clusterer, Joined, Merged, Opened, Retired, Split, merge_clusters
from newsprism.corpus.recheck import contrast, nearest_member, nearly_two_events, refine, same_cut, two_events, two_way
from newsprism.corpus.storystate import StoryState, cosines
from newsprism.corpus.vectors import sparse
from newsprism.corpus.features import extract, text_date

from .conftest import filler, make


def _stories(arts, **kw) -> dict[str, str]:
    cl = Clusterer(params=ClusterSettings(**kw))
    out: dict[str, str] = {}
    for a in arts:
        for ev in cl.cluster(a.id, extract(a)):
            if isinstance(ev, (Opened, Joined)):
                out[ev.article] = ev.story.id
            elif isinstance(ev, Split):
                out.update(dict.fromkeys(ev.moved, ev.new.id))
            elif isinstance(ev, Merged):
                out = {k: (ev.keep.id if v == ev.gone.id else v) for k, v in out.items()}
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
    got = _stories([early, late], story_window_days=7)
    assert got[early.id] != got[late.id]


def test_follow_up_a_year_later_joins_its_story_while_active(rehab):
    a, _ = rehab
    early = make(a[0].text, title=a[0].title, published="2008-01-10")
    later = make(a[1].text, title=a[1].title, published="2009-01-20")
    got = _stories([early, later], story_window_days=7)
    assert got[early.id] == got[later.id]


def test_the_fade_beyond_the_window_is_a_setting(rehab):
    a, _ = rehab
    early = make(a[0].text, title=a[0].title, published="2008-01-10")
    later = make(a[1].text, title=a[1].title, published="2009-01-20")
    got = _stories([early, later], story_window_days=7, time_fade=300.0)  # faded out before a year
    assert got[early.id] != got[later.id]


def test_undated_articles_still_cluster(rehab):
    a, b = rehab
    assert all(x.published is None for x in a + b)
    got = _stories(a + b)
    assert len(set(got.values())) == 2


def test_dateline_in_text_gives_a_day():
    assert text_date("Updated: July 7, 2012, 10:04 PM ET | Klitschko retains") is not None
    assert text_date("No date in this text at all") is None


def test_retire_keeps_memory_bounded():
    cl = Clusterer(params=ClusterSettings(window_articles=10, grace_articles=5, max_active=8))
    for i in range(60):
        a = make(filler(100 + i), title=f"t{i}")
        cl.add(a.id, extract(a))
        cl.retire()
        assert len(cl.active) <= 10
    assert len(cl.index) < 60 * 25


START = 733000  # 2007-11-20, as an ordinal day


def _dated(day: int, seed: int, text: str | None = None, title: str | None = None):
    return make(text or filler(seed), title=title or f"Notes {seed}", published=date.fromordinal(day).isoformat())


def _stream(rehab, grace: int, first_day: int, days: list[int], second_day: int | None = None):
    """Feeds a clusterer the first rehab article on ``first_day``, then unrelated articles on ``days`` (retiring
    stories after each), then (if ``second_day``) the second rehab article. Returns whether the rehab story was
    still active before the second article, its id, and the id of the story the second article joined."""
    a, _ = rehab
    cl = Clusterer(params=ClusterSettings(grace_articles=grace, window_articles=1000))
    st, _ = cl.add(a[0].id, extract(_dated(first_day, 0, a[0].text, a[0].title)))
    for i, day in enumerate(days):
        bg = _dated(day, 1000 + i)
        cl.add(bg.id, extract(bg))
        cl.retire()
    active = st.id in cl.active
    joined = None
    if second_day is not None:
        second = _dated(second_day, 1, a[1].text, a[1].title)
        joined = cl.add(second.id, extract(second))[0].id
    return active, st.id, joined


def test_a_story_leaves_the_window_as_a_forward_stream_moves_on(rehab):
    active, _, _ = _stream(rehab, 5, START, [START + 10 + i for i in range(20)])  # a month of news, in order
    assert not active


def test_a_pile_read_in_no_order_of_time_keeps_its_stories(rehab):
    days = [START + d for d in random.Random(3).sample(range(700), 120)]  # a shuffled archive: two years of news
    active, sid, joined = _stream(rehab, 40, START + 300, days, START + 301)
    assert active and joined == sid


def test_one_article_with_a_wrong_far_future_date_does_not_end_the_stream_s_stories(rehab):
    days = [START + 1, START + 2, 767000, START + 3, START + 4, START + 5, START + 6]  # 767000 is in 2100
    active, sid, joined = _stream(rehab, 5, START, days, START + 6)
    assert active and joined == sid


def _prose(seed: int) -> str:
    """Text in a vocabulary of its own, so it shares no word with other seeds' texts."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(12)]
    return " ".join(rng.choice(vocab) for _ in range(60))


def test_member_vectors_stay_within_budget():
    cl = Clusterer(params=ClusterSettings(member_budget=12))
    for i in range(10):  # ten stories of three near-identical articles
        for j in range(3):
            art = make(_prose(i) + " " * j)
            cl.add(art.id, extract(art))
        shed = cl.shed_members()
        assert sum(len(s.members) for s in cl.active.values()) <= 12
        assert all(not s.members for s in shed)
    assert len(cl.active) == 10 and all(s.size == 3 for s in cl.active.values())
    assert {s.id for s in cl.active.values() if s.members} == {s.id for s in sorted(
        cl.active.values(), key=lambda s: s.last_seq)[-4:]}


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


def _forced(arts, **kw):
    """Every article joins the first story (no floor), so only the re-check can tell events apart."""
    cl = Clusterer(params=ClusterSettings(join_threshold=0.0, **kw))
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


def test_merge_clusters_does_not_undo_a_split(rehab):
    a, b = rehab
    cl, st = _forced([a[0], a[1], b[0], a[2], b[1], b[2]])
    new, _ = cl.recheck(st)
    # with no similarity floor any two stories would merge; the two halves' articles form two events, so the
    # partition merge keeps them apart, as the clusterer's own merge step does
    mapping = merge_clusters([st, new], threshold=0.0)
    assert mapping == {st.id: st.id, new.id: new.id}
    assert st.size == 3 and new.size == 3  # the inputs are left as they were


def test_recheck_keeps_one_event_whole(rehab):
    a, _ = rehab
    more = [make(x.text + " Fans sent flowers to the clinic.", title=x.title) for x in a]
    cl, st = _forced(a + more)
    assert st.size == 6
    assert cl.recheck(st) is None


def test_story_members_survive_the_store_round_trip(rehab):
    a, _ = rehab
    cl, st = _forced(a)
    back = StoryState.from_json(st.to_json(), st.id, size=st.size, first_day=None, last_day=None, last_seq=0,
                                title=None).members
    assert set(back) == {x.id for x in a}
    assert all(abs(back[k][1][t] - w) < 1e-3 for k, (_, vec) in st.members.items() for t, w in vec.items())


def test_contrast_ignores_what_every_member_shares():
    shared = {"klitschko": 0.5, "heavyweight": 0.5}
    members = {
        "a1": (None, {**shared, "E:rahman": 0.5, "E:mannheim": 0.5}),
        "a2": (None, {**shared, "E:rahman": 0.5, "E:mannheim": 0.5}),
        "b1": (None, {**shared, "E:thompson": 0.5, "E:bern": 0.5}),
        "b2": (None, {**shared, "E:thompson": 0.5, "E:bern": 0.5}),
    }
    sim = contrast(members)
    assert abs(sim[0, 1] - 1.0) < 1e-9 and abs(sim[2, 3] - 1.0) < 1e-9
    assert abs(sim[0, 2]) < 1e-9  # the topic words they all hold count for nothing


def test_two_way_keeps_a_small_second_group_whole():
    import numpy as np

    # six loosely tied members of one event, three tightly tied members of another
    sim = np.full((9, 9), 0.02)
    sim[:6, :6] = 0.2
    sim[6:, 6:] = 0.5
    sim[6, 0] = sim[0, 6] = 0.15  # one pull across that a greedy split could follow
    np.fill_diagonal(sim, 1.0)
    left, right = two_way(sim)
    assert left == [0, 1, 2, 3, 4, 5] and right == [6, 7, 8]
    assert two_events(sim, left, right)
    assert not two_events(sim, left[:2], right)  # too few articles on one side to call it an event


def test_two_way_looks_past_an_outlier_merged_last():
    import numpy as np

    # five members of one event, four of another, and a one-line brief (9) that matches nothing much
    sim = np.full((10, 10), 0.03)
    sim[:5, :5] = 0.4
    sim[5:9, 5:9] = 0.4
    sim[9, :] = sim[:, 9] = 0.0
    sim[9, 6] = sim[6, 9] = 0.02  # slightly closer to the second event
    np.fill_diagonal(sim, 1.0)
    left, right = two_way(sim)
    assert left == [0, 1, 2, 3, 4] and right == [5, 6, 7, 8, 9]
    assert two_events(sim, left, right)
    # with no two groups of three to find, the outlier is still the second group
    small = sim[np.ix_([0, 1, 2, 3, 9], [0, 1, 2, 3, 9])]
    assert two_way(small) == ([0, 1, 2, 3], [4])


def _greedy_trap():
    """Four members of one event, three of another, and a member of the first (7) that matches one member of the
    second (4) better than anything else but the rest of the first event more on average."""
    import numpy as np

    sim = np.zeros((8, 8))
    sim[:4, :4] = 0.6
    sim[4:7, 4:7] = 0.6
    sim[7, :4] = sim[:4, 7] = 0.5
    sim[7, 4] = sim[4, 7] = 0.9
    np.fill_diagonal(sim, 1.0)
    return sim


def test_refine_moves_a_member_the_greedy_cut_misplaced():
    sim = _greedy_trap()
    left, right = two_way(sim)
    assert 7 in right  # agglomeration followed the single strongest pair
    assert refine(sim, left, right) == ([0, 1, 2, 3, 7], [4, 5, 6])


def test_refine_keeps_each_group_big_enough_to_be_an_event():
    import numpy as np

    sim = _greedy_trap()
    # a cut whose right side would have to shrink below three members to settle: it is left as it is
    sim[5, :4] = sim[:4, 5] = 0.8
    sim[6, :4] = sim[:4, 6] = 0.8
    assert refine(sim, [0, 1, 2, 3, 7], [4, 5, 6]) == ([0, 1, 2, 3, 7], [4, 5, 6])
    assert refine(np.ones((1, 1)), [0], []) == ([0], [])


def _event_variants(n: int) -> list:
    """``n`` articles on one invented event, each with its own mix of sources and details."""
    facts = ["The Harbour Line ferry Selka ran aground off Varn Point on Tuesday.",
             "All 212 passengers were taken off by lifeboat crews from Varn.",
             "Captain Ilse Marrow said fog hid the reef.",
             "The Marine Safety Board has opened an inquiry into the grounding.",
             "Harbour Line chief Otto Brenn apologised to passengers.",
             "Tugs from Kessel port are waiting for the high tide to free the Selka.",
             "Two passengers were treated for mild hypothermia at Varn clinic.",
             "Fuel was not leaking, the coast guard said."]
    out = []
    for i in range(n):
        picked = [facts[0]] + [f for j, f in enumerate(facts[1:]) if (i + j) % 3 != 0]
        out.append(make(" ".join(picked) + " " + filler(100 + i, 40), title=f"Ferry Selka aground at Varn ({i})"))
    return out


def test_recheck_keeps_syndicated_copies_inside_their_event():
    one_event = _event_variants(9)
    wire = one_event[0].text
    copies = [make(wire + extra, title="Ferry aground") for extra in (" (Wire)", " Reporting by staff.", " -")]
    cl, st = _forced(one_event + copies)
    assert st.size == 12
    assert cl.recheck(st) is None


def test_a_single_article_story_joins_more_easily_than_two_grown_stories():
    cl = Clusterer()
    one, few, many = (StoryState(id=i, size=n) for i, n in (("x", 1), ("y", 2), ("z", 5)))
    assert cl.pair_threshold(one, many) < cl.pair_threshold(few, many) < cl.pair_threshold(many, many)
    assert cl.pair_threshold(one, many) > cl.params.join_threshold  # stricter than an arriving article's test


def test_two_way_of_one_item():
    import numpy as np

    assert two_way(np.ones((1, 1))) == ([0], [])


def test_cosines_match_the_dot_product_of_the_term_weights():
    rng = random.Random(3)
    words = [f"w{i}" for i in range(400)]
    vec = {w: rng.random() for w in rng.sample(words, 120)}
    norm = sum(x * x for x in vec.values()) ** 0.5
    vec = {w: x / norm for w, x in vec.items()}
    stories = []
    for i in range(6):
        st = StoryState(id=f"s{i}")
        st.add({w: rng.random() for w in rng.sample(words, 10 + 40 * i)}, None, i, None)
        stories.append(st)
    stories.append(StoryState(id="empty"))
    stories.append(StoryState(id="apart", centroid={"zz": 1.0}, norm=1.0))
    got = cosines(sparse(vec), stories)
    for st, g in zip(stories, got):
        dot = sum(x * st.centroid.get(w, 0.0) for w, x in vec.items())
        want = dot / st.norm if st.norm else 0.0
        assert abs(g - want) < 1e-12, st.id
    assert got[-1] == 0.0 and got[-2] == 0.0 and got[:-2].min() > 0.0
    # a centroid that changed is read afresh, not from the arrays made before
    before = cosines(sparse(vec), stories[:1])[0]
    stories[0].add(vec, None, 9, None)
    assert cosines(sparse(vec), stories[:1])[0] > before
    assert cosines(sparse({}), stories).tolist() == [0.0] * len(stories)


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = sum(w * w for w in weights.values()) ** 0.5
    return {t: w / norm for t, w in weights.items()}


def _bridge_story() -> StoryState:
    """Four reports of one event: the topic words, and six details of each report's own."""
    st = StoryState(id="bridge")
    for i in range(4):
        st.add(_unit({"harbour": 0.6, "bridge": 0.6, **{f"r{i}_{j}": 0.3 for j in range(6)}}), None, i, None, f"a{i}")
    return st


def _single(sid: str, vec: dict[str, float]) -> StoryState:
    st = StoryState(id=sid)
    st.add(_unit(vec), None, 9, None, f"{sid}-article")
    return st


def test_an_article_close_to_one_report_joins_the_story():
    own = {f"own{j}": 0.3 for j in range(8)}
    # three details of report 0: close to that report, not to the story as a whole
    edge = _single("edge", {**{f"r0_{j}": 0.3 for j in range(3)}, **own, "harbour": 0.2})
    # one detail of each report: as close to the whole story, close to no report
    spread = _single("spread", {**{f"r{i}_0": 0.3 for i in range(4)}, **own, "harbour": 0.2})
    for few, joins in ((edge, True), (spread, False)):
        story = _bridge_story()
        cl = Clusterer()
        cl.load([story, few])
        centroid_sim = float(cosines(sparse(few.centroid), [story])[0]) / few.norm
        # the centroid alone does not join them
        assert cl.params.member_floor <= centroid_sim < cl.pair_threshold(story, few)
        assert (nearest_member(few, story) >= cl.params.nearest_member) is joins
        merged = cl.absorb(story)
        assert ([(g.id, k.id) for g, k in merged] == [(few.id, story.id)]) is joins
        assert story.size == (5 if joins else 4)


def test_nearest_member_needs_the_members_vectors():
    story = _bridge_story()
    few = _single("few", {"r1_0": 1.0, "r1_1": 1.0})
    assert 0.0 < nearest_member(few, story) <= 1.0
    story.drop_members()
    assert nearest_member(few, story) == 0.0


def _two_crews(per_group: int) -> dict[str, tuple[None, dict[str, float]]]:
    """Two groups of harbour reports (each with its own captain and cargo) that share one detail pairwise across:
    apart, but not quite as far as a single look at them needs."""
    members = {}
    for g in "ab":
        for i in range(per_group):
            vec = {"harbour": 1.0, "ferry": 1.0, f"E:{g}-captain": 1.0, f"{g}-cargo": 1.0, f"pier{i}": 0.7,
                   f"tide{i % 2}{g}": 0.5}
            members[f"{g}{i}"] = (None, vec)
    return members


def _crew_story(per_group: int) -> StoryState:
    st = StoryState(id="crews")
    members = _two_crews(per_group)
    for aid in sorted(members, key=lambda k: (k[1:], k[0])):  # a0, b0, a1, b1, ...: the groups arrive mixed
        st.add(_unit(members[aid][1]), None, 1, None, aid)
    return st


def test_a_cut_found_twice_in_a_row_splits_under_looser_bounds():
    sim = contrast(_two_crews(4))
    groups = (range(4), range(4, 8))
    assert not two_events(sim, *groups) and nearly_two_events(sim, *groups)  # a single look would not split
    cl = Clusterer()
    first = _crew_story(4)
    cl.load([first])
    assert cl.recheck(first) is None and first.cut == (frozenset({"a0", "a1", "a2", "a3"}),
                                                       frozenset({"b0", "b1", "b2", "b3"}))
    again = _crew_story(5)  # the same story two articles later, at the next re-check size, its last cut remembered
    again.cut = first.cut
    cl.load([again])
    new, moved = cl.recheck(again)
    assert sorted(moved) == ["b0", "b1", "b2", "b3", "b4"] and again.size == new.size == 5
    back = StoryState.from_json(first.to_json(), first.id, size=first.size, first_day=None, last_day=None, last_seq=1,
                                title=None)
    assert back.cut == first.cut  # the store keeps it between runs


def test_a_near_cut_seen_once_or_changing_sides_does_not_split():
    cl = Clusterer()
    once = _crew_story(5)
    cl.load([once])
    assert cl.recheck(once) is None
    moved_sides = _crew_story(5)
    moved_sides.cut = (frozenset({"a0", "b1"}), frozenset({"a1", "b0"}))  # an earlier cut that crossed the groups
    cl.load([moved_sides])
    assert cl.recheck(moved_sides) is None and moved_sides.size == 10


def test_same_cut():
    before = (frozenset({"a", "b"}), frozenset({"c"}))
    assert same_cut(before, (frozenset({"c", "e"}), frozenset({"a", "b", "d"})))
    assert not same_cut(before, (frozenset({"a", "c"}), frozenset({"b"})))
    assert not same_cut(None, before)


def test_the_recheck_sizes_and_group_bounds_are_settings(rehab):
    a, b = rehab
    cl, st = _forced([a[0], a[1], b[0], a[2], b[1], b[2]], split_sizes=(8, 10))
    assert st.size == 6 and cl.recheck(st) is None  # six articles: not a size the re-check runs at
    cl, st = _forced([a[0], a[1], b[0], a[2], b[1], b[2]], min_part=4)
    assert cl.recheck(st) is None  # three articles on each side are too few to be two events


def test_orphan_steps_and_story_pruning_are_settings():
    one, many = StoryState(id="x", size=1), StoryState(id="z", size=5)
    p = ClusterSettings(orphan_steps=(0.0, 0.5))
    assert Clusterer(params=p).pair_threshold(one, many) == p.join_threshold
    st = StoryState(id="s")
    st.add({f"t{i}": 1.0 for i in range(30)}, None, 1, None, "a1", ClusterSettings(centroid_terms=10, member_terms=5))
    assert len(st.centroid) == 10 and len(st.members["a1"][1]) == 5
    assert st.index_terms(ClusterSettings(index_terms=3)) == ["t0", "t1", "t2"]


def test_term_weights_and_the_dateline_reach_are_settings():
    art = make("Crews cleared the harbour road on Monday. " * 3, title="Storm closes harbour road")
    plain = extract(art, ClusterSettings(title_weight=1.0))
    assert extract(art).terms["storm"] > plain.terms["storm"]  # a title word counts more by default
    late = "x " * 400 + "Updated: July 7, 2012, 10:04 PM ET"
    assert text_date(late) is None and text_date(late, ClusterSettings(dateline_chars=2000)) is not None
