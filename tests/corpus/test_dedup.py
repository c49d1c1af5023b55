"""Near-duplicate detection: syndicated copies are found, distinct articles are not."""

from __future__ import annotations

from newsprism.corpus.dedup import find_copies, signature, similarity

from .conftest import filler, make

WIRE = ("The harbour council approved a budget of 12 million euros for the new river bridge on Tuesday, the mayor "
        "said, after a long debate over the tunnel plan. Work on the bridge will start in the spring and the ferry "
        "service will run until it opens. Union leaders welcomed the vote but asked for local hiring. ") * 2


def test_wire_copies_point_to_the_first_article():
    first = make(WIRE, title="Council backs bridge", outlet="Wire")
    copy1 = make(WIRE + " Reporting by the desk.", title="Bridge approved", outlet="Daily")
    copy2 = make("UPDATED " + WIRE, title="Council votes for bridge", outlet="Post")
    other = make(filler(1, 120), title="Other")
    copies = find_copies([first, other, copy1, copy2], 0.8)
    assert copies == {copy1.id: first.id, copy2.id: first.id}


def test_rewritten_story_is_not_a_copy():
    a = make(filler(2, 150))
    b = make(filler(3, 150))
    assert find_copies([a, b], 0.8) == {}
    assert similarity(signature(a.text), signature(b.text)) < 0.5


def test_repeated_article_is_listed_once():
    a = make(WIRE)
    assert find_copies([a, a], 0.8) == {}


def test_lsh_bands_are_datasketchs_choice_and_keep_the_stored_scheme():
    from datasketch import MinHashLSH

    from newsprism.corpus.dedup import NUM_PERM, bands_for

    assert bands_for(0.8) == (11, 11)  # the default threshold's bands, as stores already hold them
    for t in (0.3, 0.5, 0.7, 0.9):
        lsh = MinHashLSH(threshold=t, num_perm=NUM_PERM, weights=(0.3, 0.7))
        assert bands_for(t) == (lsh.b, lsh.r) and lsh.b * lsh.r <= NUM_PERM
    assert bands_for(1.0) == (1, NUM_PERM)  # no two bands allowed: equal signatures only
