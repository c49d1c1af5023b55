"""Sentence ends in unparsed text: readable sentences for titles and generated summaries, stops for pattern checks."""

from __future__ import annotations

from newsprism.ingest.titles import lead_title
from newsprism.sentences import split_at_stops, split_sentences


def test_readable_sentences_start_with_a_capital_or_a_digit() -> None:
    text = 'The bridge reopened at 5 p.m. on Friday. "It is safe," he said. 2019 was worse. (Reuters) More.'
    assert split_sentences(text) == ["The bridge reopened at 5 p.m. on Friday.", '"It is safe," he said.',
                                     "2019 was worse.", "(Reuters) More."]
    assert split_sentences(text, 1) == ["The bridge reopened at 5 p.m. on Friday.",
                                        '"It is safe," he said. 2019 was worse. (Reuters) More.']


def test_stops_cut_at_every_end_mark_before_a_space() -> None:
    assert split_at_stops("Met Mr. Lee at 5 p.m. on Friday. No deal.") == ["Met Mr.", "Lee at 5 p.m.", "on Friday.",
                                                                             "No deal."]


def test_a_lead_title_is_the_first_readable_sentence() -> None:
    lead = ("Fire crews pulled twelve people from the river at 5 p.m. on Friday after the ship struck the bridge. "
            "The harbour stays closed.")
    title = "Fire crews pulled twelve people from the river at 5 p.m. on Friday after the ship struck…"
    assert lead_title(lead) == title
