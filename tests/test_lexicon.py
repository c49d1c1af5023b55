"""One anonymous-source lexicon: the speakers' unnamed sources and the outlets' count read the same word list."""

from __future__ import annotations

from newsprism.lexicon import ANON_HEADS, INDEFINITE, unnamed_source


def test_unnamed_descriptions_and_named_people() -> None:
    assert unnamed_source("A senior administration official") and unnamed_source("two people familiar with the talks")
    assert unnamed_source("officials") and unnamed_source("the officer")
    assert not unnamed_source("White House spokeswoman Sarah Sanders")  # a name follows the role
    assert not unnamed_source("Alice Raman") and not unnamed_source("Officials")  # no determiner, capitalised


def test_every_head_reads_as_an_unnamed_source() -> None:
    for head in ANON_HEADS:
        assert unnamed_source(f"a senior {head}"), head
    assert {"a", "two", "several"} <= INDEFINITE and "the" not in INDEFINITE
