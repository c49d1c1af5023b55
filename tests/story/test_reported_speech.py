"""Reported speech from the parse: clause order, asides, intentions, datelines, headlines, and linked pieces."""

from __future__ import annotations

import pytest

from newsprism.model import Article, Quote
from newsprism.nlp import parse
from newsprism.story.entities import build_entities
from newsprism.story.quotes import extract_quotes


def run(text: str) -> list[Quote]:
    art = Article(id="a1", text=text, outlet="O1")
    docs = parse([art])
    quotes = extract_quotes([art], docs, build_entities([art], docs))
    ids = {q.id for q in quotes}
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert q.part_of is None or q.part_of in ids
    return quotes


def find(quotes: list[Quote], fragment: str) -> Quote:
    return next(q for q in quotes if fragment in q.text)


def test_clause_after_the_cue_wins_over_one_before_a_semicolon() -> None:
    quotes = run("It is an unlikely turn; Mayor Ann Lee says the ferry will keep running through the winter.")
    q = find(quotes, "ferry will keep running")
    assert q.kind == "indirect" and q.speaker == "Ann Lee"
    assert not any("unlikely turn" in x.text for x in quotes)


def test_clause_before_the_cue() -> None:
    quotes = run("The ferry will keep running through the winter, Mayor Ann Lee said on Monday.")
    q = find(quotes, "The ferry will keep running")
    assert q.kind == "indirect" and q.speaker == "Ann Lee" and q.text.endswith("winter")


def test_cue_as_an_aside_inside_the_clause() -> None:
    quotes = run("Mayor Ann Lee spoke on Monday.\n\nThe old bridge, she said, will reopen to traffic in May.")
    q = find(quotes, "will reopen to traffic in May")
    assert q.kind == "indirect" and q.speaker == "Ann Lee" and q.text.startswith("The old bridge")


def test_clause_the_parser_hangs_on_the_cue_as_an_adverbial() -> None:
    quotes = run("Senator Omar Haddad said after the vote he would not sign the harbour bill.")
    q = find(quotes, "he would not sign the harbour bill")
    assert q.speaker == "Omar Haddad" and q.cue == "said" and q.text.startswith("he would")


def test_conditions_are_not_what_was_said() -> None:
    quotes = run("Senator Omar Haddad spoke when the harbour committee met in the afternoon.")
    assert not any(q.kind == "indirect" for q in quotes)


def test_wants_plans_and_hopes_report_intentions_of_people_only() -> None:
    quotes = run("Governor Maria Keller wants to rebuild the dam before the winter. "
                 "The repairs are expected to take a full year.")
    q = find(quotes, "to rebuild the dam")
    assert q.kind == "indirect" and q.speaker == "Maria Keller" and q.text.startswith("to rebuild")
    assert not any("take a full year" in x.text for x in quotes)


def test_negated_speech_reports_nothing() -> None:
    quotes = run("Governor Maria Keller did not say that the dam would be rebuilt by spring.")
    assert not any("dam would be rebuilt" in q.text for q in quotes)


def test_dateline_is_not_part_of_the_reported_clause() -> None:
    quotes = run("LINZ — The dam will be rebuilt by the spring, city officials said on Tuesday.")
    q = find(quotes, "The dam will be rebuilt")
    assert q.text.startswith("The dam") and q.anonymous


def test_quote_split_around_its_attribution_is_one_statement() -> None:
    quotes = run("Mayor Ann Lee opened the bridge.\n\n"
                 "“We kept our word,” Lee said. “The bridge is open, and it is safe.”\n\n"
                 "“Another matter entirely,” said Tom Berg.")
    first, second = find(quotes, "We kept our word"), find(quotes, "The bridge is open")
    assert first.part_of is None and second.part_of == first.id
    assert second.speaker == "Ann Lee"
    assert find(quotes, "Another matter entirely").part_of is None


def test_fragment_inside_a_reported_clause_is_a_piece_of_it() -> None:
    quotes = run("Mayor Ann Lee said the budget for the bridge was “simply not enough” for the repairs.")
    clause = next(q for q in quotes if q.kind == "indirect")
    frag = next(q for q in quotes if q.kind == "partial")
    assert frag.text == "simply not enough" and frag.part_of == clause.id
    assert clause.start < frag.start and frag.end < clause.end


def test_nested_report_of_the_same_speaker_is_a_piece_of_the_outer_one() -> None:
    quotes = run("Mayor Ann Lee said on Monday that she hopes to finish the bridge by May.")
    outer = find(quotes, "she hopes to finish")
    inner = find(quotes, "to finish the bridge by May")
    assert outer.part_of is None
    assert inner is outer or inner.part_of == outer.id


def test_headline_attribution_needs_a_story_entity_as_label() -> None:
    quotes = run("Keller: Dam will be rebuilt before the winter\n\n"
                 "Update: Roads near the dam are closed\n\n"
                 "Governor Maria Keller spoke in Linz on Tuesday about the dam.")
    q = find(quotes, "Dam will be rebuilt before the winter")
    assert q.speaker == "Maria Keller" and q.cue == ":" and q.kind == "indirect"
    assert not any("Roads near the dam" in x.text for x in quotes)


@pytest.mark.parametrize("text", [
    "According to people familiar with the talks, the ferry deal is finished.",
    "The ferry deal, according to two city officials, is finished.",
    "According to talk show host Nina Brandt, the ferry deal reeks of “panic” and is finished.",
])
def test_according_to_before_or_inside_the_clause(text: str) -> None:
    quotes = run(text)
    q = find(quotes, "finished")
    assert q.cue == "according to" and q.speaker
    assert "ferry deal" in q.text and not q.text.lower().startswith("according")


def test_spokesman_passive_quoted_as_saying_and_told_without_that() -> None:
    quotes = run("Governor Maria Keller spoke on Monday. Keller's spokesman said the dam would be rebuilt by spring. "
                 "Senator Omar Haddad was quoted as saying that the harbour deal was dead. "
                 "Mr. Haddad told reporters the vote would be close.")
    assert find(quotes, "the dam would be rebuilt").speaker == "Keller's spokesman"
    dead = find(quotes, "the harbour deal was dead")
    assert dead.speaker == "Omar Haddad" and not dead.text.startswith("that")
    close = find(quotes, "the vote would be close")
    assert close.speaker == "Omar Haddad" and close.cue == "told" and "reporters" not in close.text


def test_told_someone_to_do_something_with_quoted_words_inside() -> None:
    quotes = run("Mayor Ann Lee tells her voters at the rally to “go to the polls early” "
                 "and then “bring a friend.”")
    told = next(q for q in quotes if q.kind == "indirect")
    assert told.cue == "tells" and "go to the polls early" in told.text and "bring a friend" in told.text
    assert all(q.part_of == told.id for q in quotes if q.kind == "partial")


def test_a_thought_needs_its_own_thinker() -> None:
    quotes = run("Governor Maria Keller opened the dam. It is hard to plan the harbour without knowing how the river "
                 "will behave. Keller believes the river will stay calm.")
    assert not any("how the river" in q.text for q in quotes)
    assert find(quotes, "the river will stay calm").speaker == "Maria Keller"


def test_cited_as_keeps_the_predicate_and_although_clause_is_left_out() -> None:
    quotes = run("Senator Ann Lee cited the budget as a reason for the delay. "
                 "Lee claimed that the harbour plan was sound, although she again refused to publish its costs.")
    assert find(quotes, "the budget").text == "the budget as a reason for the delay"
    claimed = find(quotes, "the harbour plan was sound")
    assert claimed.text == "the harbour plan was sound" and claimed.speaker == "Ann Lee"


def test_quote_introduced_by_a_colon_at_the_end_of_the_previous_paragraph() -> None:
    quotes = run("Mayor Ann Lee opened the bridge on Monday. The Linz Courier reports:\n\n"
                 "\"In a sign of the mood in the valley, the bridge was rebuilt in a month.\"")
    q = find(quotes, "In a sign of the mood")
    assert q.kind == "direct" and q.cue == "reports" and q.speaker == "Linz Courier"


@pytest.mark.parametrize("text, ends", [
    ("The mayor said the ferry would keep running through the winter, telling reporters that the budget was safe.",
     "through the winter"),
    ("Ms. Lee acknowledged that even she found the new timetable confusing and called the old one a great example.",
     "timetable confusing"),
])
def test_the_speakers_next_act_is_not_part_of_the_clause(text: str, ends: str) -> None:
    q = find(run(text), "ferry would keep" if "ferry" in text else "she found")
    assert q.text.endswith(ends)


def test_the_next_act_keeps_the_speaker_of_the_verb_that_reports_the_clause() -> None:
    quotes = run("A spokesman for the museum told the Herald it was saddened by the closure, adding that the "
                 "collection would move to a new building next spring.")
    q = find(quotes, "collection would move")
    assert "spokesman" in (q.speaker or "") and "saddened" not in q.text
