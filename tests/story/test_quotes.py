"""Quotes: direct, partial and indirect, speakers from cues, pronouns, roles and anonymous sources; bad input."""

from __future__ import annotations

import sys
from pathlib import Path
import time

import pytest

from newsprism.model import Article, Quote
from newsprism.nlp import parse
from newsprism.story.entities import build_entities
from newsprism.story.quotes import extract_quotes, find_segments

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import seed_story  # noqa: E402


def run(*texts: str) -> tuple[list[Article], list[Quote]]:
    arts = [Article(id=f"a{i}", text=t, outlet=f"O{i}") for i, t in enumerate(texts, 1)]
    docs = parse(arts)
    ents = build_entities(arts, docs)
    quotes = extract_quotes(arts, docs, ents)
    by_id = {a.id: a for a in arts}
    for q in quotes:  # every quote points exactly into its article
        assert by_id[q.article].text[q.start:q.end] == q.text
        if q.speaker_span is not None:
            assert by_id[q.article].text[q.speaker_span.start:q.speaker_span.end] == q.speaker_span.text
    return arts, quotes


def find(quotes: list[Quote], fragment: str) -> Quote:
    return next(q for q in quotes if fragment in q.text)


STORY = (
    "Governor Maria Keller said on Tuesday that the dam would be rebuilt by spring.\n\n"
    "“We will not abandon the valley. Every family will be housed,” Keller told reporters in Linz. "
    "“The money is already there.”\n\n"
    "A senior city official said the plan had “no realistic budget” and warned of delays.\n\n"
    "“The numbers do not add up,” the official said.\n\n"
    "Keller accused the opposition of spreading panic. According to Keller, the repairs will cost $40 million.\n\n"
    "\"Straight quotes work too,\" said Peter Brandt, the mayor of Linz. \"So do two sentences. Really.\"\n\n"
    "She denied any delay."
)


@pytest.fixture(scope="module")
def story() -> tuple[list[Article], list[Quote]]:
    return run(STORY)


def test_direct_quotes_with_curly_and_straight_marks(story) -> None:
    _, quotes = story
    q = find(quotes, "We will not abandon the valley")
    assert q.kind == "direct" and q.speaker == "Maria Keller" and q.cue == "told"
    assert q.text == "We will not abandon the valley. Every family will be housed,"
    s = find(quotes, "Straight quotes work too")
    assert s.kind == "direct" and s.speaker == "Peter Brandt" and s.text == "Straight quotes work too,"


def test_quote_without_cue_continues_the_last_speaker(story) -> None:
    _, quotes = story
    assert find(quotes, "The money is already there").speaker == "Maria Keller"
    assert find(quotes, "So do two sentences").speaker == "Peter Brandt"


def test_partial_quote_inside_narrative(story) -> None:
    _, quotes = story
    q = next(q for q in quotes if q.kind == "partial")
    assert q.text == "no realistic budget" and q.anonymous and q.speaker == "senior city official"


def test_anonymous_source_and_the_official_referring_back(story) -> None:
    _, quotes = story
    q = find(quotes, "The numbers do not add up")
    assert q.anonymous and q.entity is None
    assert q.speaker == "senior city official"


def test_indirect_quotes(story) -> None:
    _, quotes = story
    said = find(quotes, "the dam would be rebuilt")
    assert said.kind == "indirect" and said.speaker == "Maria Keller" and not said.text.startswith("that")
    accused = find(quotes, "the opposition of spreading panic")
    assert accused.kind == "indirect" and accused.cue == "accused" and accused.speaker == "Maria Keller"
    according = find(quotes, "the repairs will cost")
    assert according.cue == "according to" and according.speaker == "Maria Keller"
    assert "According" not in according.text


def test_pronoun_resolves_to_the_last_person(story) -> None:
    _, quotes = story
    q = find(quotes, "any delay")
    assert q.kind == "indirect" and q.speaker_span is not None and q.speaker_span.text == "She"
    assert q.entity is not None


def test_role_noun_resolves_to_the_story_entity() -> None:
    _, quotes = run(
        "President Ana Ruiz spoke on Monday.\n\n"
        "“We will win,” the President said on her official account.\n\n"
        "“Never again,” said Tomas Berg, the country’s finance minister."
    )
    q = find(quotes, "We will win")
    assert q.speaker == "Ana Ruiz" and q.entity is not None
    assert find(quotes, "Never again").speaker == "Tomas Berg"


def test_lost_opening_mark_and_multi_paragraph_quote() -> None:
    _, quotes = run(
        "President Ana Ruiz wrote on Friday.\n\n"
        "“The harvest was good,” she tweeted. What the critics miss is the rain that came late.”\n\n"
        "“First part of a long statement, which goes on\n\n"
        "“and ends in the next paragraph,” said Ines Vidal."
    )
    lost = find(quotes, "What the critics miss")
    assert lost.text == "What the critics miss is the rain that came late."
    assert lost.kind == "direct" and lost.speaker is not None and "Ruiz" in lost.speaker
    first = find(quotes, "First part of a long statement")
    assert first.speaker == "Ines Vidal"


def test_text_without_quotes_gives_nothing_odd() -> None:
    _, quotes = run("The river rose by two metres overnight. Roads were closed across the region.")
    assert quotes == []


def test_hundreds_of_quote_marks_are_fast_and_sane() -> None:
    text = " ".join(['"a" "b"'] * 150 + ['"' * 200] + ["“Real words spoken here,” said Ann Lee."])
    t0 = time.perf_counter()
    _, quotes = run(text)
    assert time.perf_counter() - t0 < 20
    assert any(q.text == "Real words spoken here," and q.speaker == "Ann Lee" for q in quotes)


def test_unmatched_marks_do_not_crash() -> None:
    _, quotes = run("He said “this never closes.\n\nAnd ” this never opened. Also \" stray.\n\n“")
    for q in quotes:
        assert q.text.strip() == q.text and q.text


def test_very_long_quote_is_kept_whole_and_bounded() -> None:
    body = " ".join(["The plan will work because the people want it to work."] * 400)
    _, quotes = run(f"“{body}” said Ann Lee.\n\n“{body}")
    assert any(q.text == body and q.speaker == "Ann Lee" for q in quotes)
    assert all(len(q.text) <= len(body) for q in quotes)


def test_non_ascii_names_and_marks() -> None:
    _, quotes = run("«Nous resterons», a dit Zoë Šimić.\n\n“Wir bleiben hier,” said Jürgen Müller-Łukasz.")
    q = find(quotes, "Wir bleiben hier")
    assert q.speaker is not None and "Müller" in q.speaker
    assert any(q.text == "Nous resterons" for q in quotes)


def test_segments_pair_marks_by_context() -> None:
    text = 'She called it "fake" and said: "We stay." He said "no'
    segs = [text[s.start:s.end] for s in find_segments(text)]
    assert segs == ["fake", "We stay.", "no"]


@pytest.mark.slow
def test_seed_articles_quotes_and_speakers() -> None:
    seeds = seed_story()
    arts, quotes = seeds.articles, seeds.quotes
    tweet = find(quotes, "What China does not understand")
    assert tweet.kind == "direct" and tweet.speaker == "Donald Trump" and tweet.text.endswith("many years.")
    assert find(quotes, "The activities have reached").speaker == "senior administration official"
    wang = [q for q in quotes if q.speaker == "Wang Yi"]
    assert {q.article for q in wang} == {a.id for a in arts}


def test_dash_attribution_transcript_turns_and_two_apostrophe_marks() -> None:
    _, quotes = run(
        "Readers wrote in about the vote.\n\n"
        "“The bridge matters more than the stadium.”\u00a0― Lena Ortiz\n\n"
        "Host Mark Reyes spoke to Senator Jo Park.\n\n"
        "REYES: Will you vote for the bill?\n\n"
        "PARK: Yes, and I will say why on Monday.\n\n"
        "UPDATE: The vote was moved.\n\n"
        "''We are not done yet,'' Park said."
    )
    dash = find(quotes, "The bridge matters")
    assert dash.speaker == "Lena Ortiz" and dash.kind == "direct"
    assert find(quotes, "Will you vote").speaker == "Mark Reyes"
    assert find(quotes, "I will say why").speaker == "Jo Park"
    assert not any("The vote was moved" in q.text for q in quotes)
    assert find(quotes, "We are not done yet").text == "We are not done yet,"


def test_closing_mark_typed_as_opening_mark() -> None:
    text = "”We will stay,” she said. He wrote “later“ and left."
    segs = [text[s.start:s.end] for s in find_segments(text)]
    assert segs[0] == "We will stay,"


def test_relative_pronoun_speaks_as_its_antecedent() -> None:
    _, quotes = run("The plan was backed by Ana Ruiz, who said the river would be cleaned by June.")
    q = find(quotes, "the river would be cleaned")
    assert q.speaker == "Ana Ruiz" and q.speaker_span is not None and q.speaker_span.text == "who"


def test_quoted_words_opening_a_reported_clause_are_a_piece_of_it() -> None:
    _, quotes = run("As governor, Tim Kaine declared that \"I strongly support\" the state's right-to-work law.")
    clause = next(q for q in quotes if q.kind == "indirect" and "right-to-work law" in q.text)
    fragment = next(q for q in quotes if q.kind != "indirect" and q.text == "I strongly support")
    assert fragment.part_of == clause.id and clause.part_of is None


def test_quote_going_on_in_its_paragraph_without_a_cue_is_a_piece_of_the_first() -> None:
    _, quotes = run("“We have offices on the ground in South Carolina since last April,” said Stephanie Formas, a "
                    "spokeswoman for the campaign who joined it from the state party and the governor's office in the "
                    "autumn of last year. "
                    "“And we have been forming long-term relationships that last.”")
    first = find(quotes, "offices on the ground")
    second = find(quotes, "long-term relationships")
    assert second.part_of == first.id and second.speaker == first.speaker


def test_a_word_or_two_quoted_outside_any_reported_clause_are_scare_quotes() -> None:
    _, quotes = run("Ann Lee wrote a “thank you” note to the volunteers.",
                    "At the rally, Ann Lee mentioned the “silent majority” twice.")
    assert not any(q.kind == "partial" for q in quotes)
    _, quotes = run("Jorge Ramos said Trump was “rebellious” and rude.")
    assert any(q.text == "rebellious" and q.part_of is not None for q in quotes)  # a piece of what he said
