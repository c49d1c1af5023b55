"""Pieces of one quoted statement: an aside in the attribution neither ends the statement nor names the speaker
of the piece after it, and a lower-case piece after the cue goes on with the one before."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_quotes import find, run  # noqa: E402


def test_a_report_inside_the_attribution_leaves_the_statement_whole() -> None:
    _, quotes = run("“There is a greater goal here,” said Representative Raul Grijalva of Arizona, a co-chairman of "
                    "the caucus, who sent a letter to Mr. Castro criticizing the mortgage sales. “The contribution "
                    "of Bernie will be lasting for us.”")
    first, second = find(quotes, "greater goal"), find(quotes, "contribution of Bernie")
    assert second.part_of == first.id
    assert second.speaker == "Raul Grijalva"  # not the caucus of the aside
    aside = find(quotes, "mortgage sales")
    assert aside.part_of is None and aside.kind == "indirect"


def test_a_piece_after_the_cue_goes_on_with_the_one_before() -> None:
    _, quotes = run("“This used to be Russia's back yard,” said Raffaello Pantucci, director of security studies at "
                    "the institute in London, “but it is increasingly coming into China's thrall.”")
    assert find(quotes, "China's thrall").part_of == find(quotes, "back yard").id


def test_a_report_in_a_sentence_of_its_own_still_ends_the_statement() -> None:
    _, quotes = run("“We will rebuild the bridge,” Mayor Ana Ruiz said. Ruiz also said the ferry would run again "
                    "in May. “Nobody will be left behind.”")
    assert find(quotes, "Nobody will be left").part_of != find(quotes, "rebuild the bridge").id


def test_a_quote_with_no_cue_goes_on_from_a_reported_clause_holding_quoted_words() -> None:
    _, quotes = run("The deal “looks out for the needs of Wall Street vulture funds first and foremost,” Senator Ann "
                    "Sanders wrote. “That is unacceptable.”")
    clause = next(q for q in quotes if q.kind == "indirect")
    assert clause.text.startswith("The deal") and find(quotes, "That is unacceptable").part_of == clause.id


def test_a_quote_with_no_cue_does_not_go_on_from_a_plain_reported_clause() -> None:
    _, quotes = run("Senator Ann Sanders wrote that the deal looks out for Wall Street first. “That is unacceptable.”")
    assert find(quotes, "That is unacceptable").part_of is None


def test_a_quote_with_no_cue_opening_the_next_paragraph_goes_on_with_the_statement() -> None:
    _, quotes = run("“After that day, the governor called on lawmakers to close the loophole,” Felicia Sanders said."
                    "\n\n“No one should feel what I have seen. No one should feel how we feel.”\n\n"
                    "The hearing went on. “We are not done,” she said.")
    first = find(quotes, "close the loophole")
    assert find(quotes, "No one should feel").part_of == first.id
    assert find(quotes, "We are not done").part_of is None  # a paragraph of narrative first, and a cue of its own
