"""Who a quote's cue points to: names after the verb, and pronouns that never stand for one person."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_quotes import find, run  # noqa: E402


def test_name_after_a_speech_verb_that_follows_the_quote_speaks() -> None:
    _, quotes = run(
        "Prime Minister John Key met Secretary of State Hillary Clinton in Wellington on Thursday.\n\n"
        "“And we, on a purely bilateral basis, have concerns about the fact that Australia” has a free-trade "
        "agreement, began Key. “They are a very important part of our market.”"
    )
    assert find(quotes, "purely bilateral basis").speaker == "John Key"


def test_we_outside_quotes_is_never_one_person() -> None:
    _, quotes = run(
        "Reporter Patrick Gavin covered the visit for the Daily Ledger.\n\n"
        "We all know that Hillary Clinton came close to winning the nomination."
    )
    assert all(q.speaker != "Patrick Gavin" for q in quotes)


def test_role_the_article_gives_a_named_person_outranks_another_outlets_spelling() -> None:
    arts, quotes = run(
        "Moustafa Soliman, the trial's chief prosecutor, opened the case on Monday. Soliman spoke for an hour.",
        "On Tuesday the prosecutor argued for a harsh sentence.\n\n"
        "“He deserves the harshest penalty,” the prosecutor, Mustafa Suleiman, told the court.\n\n"
        "“Here we have a president who planned the succession of his son,” said the prosecutor.",
    )
    assert find(quotes, "harshest penalty").speaker == "Mustafa Suleiman"
    assert find(quotes, "succession of his son").speaker == "Mustafa Suleiman"


def test_role_noun_given_in_apposition_carries_the_pronoun_after_it() -> None:
    _, quotes = run(
        "Speaking to a radio host, Matt Dane compared the allegations against the comedian Louis Kay, whom he "
        "praised for his response.\n\n"
        "“That is the sign of somebody we can work with,” Dane said.\n\n"
        "The comedian was accused of misconduct by several women. In response, he said “these stories are true” "
        "but did not apologise."
    )
    assert find(quotes, "these stories are true").speaker == "Louis Kay"


def test_name_before_an_according_to_aside_speaks() -> None:
    _, quotes = run(
        "Hillary Clinton visited New Zealand on Thursday.\n\n"
        "Asked by TV3 New Zealand whether she ruled out standing for the top U.S. office through 2016, Clinton, "
        "according to a U.S. reporter, replied: \"Oh yes, yes. I'm very pleased to be doing what I'm doing.\""
    )
    direct = [q for q in quotes if q.kind == "direct"]
    assert find(direct, "Oh yes, yes").speaker == "Hillary Clinton"


def test_we_are_told_is_not_a_brand_named_paragraphs_before() -> None:
    _, quotes = run(
        "Silva claims she gave him the guitar, a Martin D-18E built for left-handed players, as a wedding "
        "present in 2014. It was once insured for $1 million.\n\n"
        "Her mother has said the guitar is a treasured heirloom of the family and not his to take.\n\n"
        "We’re told that after months of talks, Silva is still holding out."
    )
    assert all(q.speaker != "Martin" for q in quotes)


def test_person_named_before_the_colon_that_opens_a_quote_speaks() -> None:
    _, quotes = run(
        "Correspondents say long lines have formed at petrol stations in the capital.\n\n"
        "Media playback is unsupported on your device Media caption Timbuktu mayor Halle Cisse: "
        "\"We don't know who's in charge\"\n\n"
        "A farmer told the BBC that he was worried about his crops."
    )
    assert find(quotes, "who's in charge").speaker == "Halle Cisse"


def test_a_review_in_the_paragraph_that_cites_an_agencys_report_speaks_for_the_agency() -> None:
    _, quotes = run(
        "The builder agreed to pay a fine to the EPA on Tuesday.\n\n"
        "According to the EPA report, footage of the renovations was viewed by the agency. A review of information "
        "“obtained with the builder’s cooperation” found “evidence of noncompliance at renovations of 33 properties.”"
    )
    assert find(quotes, "evidence of noncompliance").speaker == "EPA"


def test_a_document_speaks_for_the_author_the_sentence_names() -> None:
    _, quotes = run(
        "Maria Keller has studied the dam for a decade.\n\n"
        "“The spillway was never built to carry a flood of this size,” said the article, written by "
        "historian Maria Keller."
    )
    assert find(quotes, "never built to carry").speaker == "Maria Keller"
