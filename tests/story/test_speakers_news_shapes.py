"""Speakers on shapes of real news copy: lost quotation marks, the writer's own "I", unnamed "one" and "some"."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_quotes import run  # noqa: E402
from test_speakers_unseen import _about  # noqa: E402


def test_a_lost_quotation_mark_is_not_the_subject_of_said() -> None:
    _, quotes = run(
        "Markets rose on Monday after the vote.\n\n"
        "\ufffdIt looks like we have avoided the worst outcome,\ufffd said Dora Feld, an economist at Halden Bank "
        "in Oslo.\n\n"
        "\ufffdDebts can only be paid out of income,\ufffd said Mr. Ruben Osei."
    )
    assert {q.speaker for q in _about(quotes, "avoided the worst")} == {"Dora Feld"}
    assert {q.speaker for q in _about(quotes, "paid out of income")} == {"Ruben Osei"}


def test_the_writers_own_i_outside_quotes_is_no_story_entity() -> None:
    _, quotes = run(
        "Phone batteries wear out within two years, said Lena Marsh, an analyst at Corvo Research.\n\n"
        "Owners trade in their phones when the contract ends. I believe it is not just a hankering for the "
        "latest model. I am pointing out that makers have no reason to improve battery life."
    )
    for q in _about(quotes, "hankering") + _about(quotes, "no reason to improve"):
        assert q.speaker is None and q.entity is None


def test_one_who_appeals_is_not_the_person_quoted_before() -> None:
    _, quotes = run(
        "Lola Verin was also at the concert hall. \"Let's help him, please,\" she wrote.\n\n"
        "One appealed for help in finding Sami Okafor, 29, with the simple message: \"Tattoo of a lion on his "
        "left arm.\""
    )
    (q,) = _about(quotes, "Tattoo of a lion")
    assert q.speaker != "Lola Verin" and q.entity is None


def test_they_is_never_a_country_that_only_modifies_a_noun() -> None:
    _, quotes = run(
        "Owners want a new phone when their US contract is up. Many try every trick to save the battery.\n\n"
        "They know from experience that the battery problem will go away with a new phone."
    )
    for q in _about(quotes, "battery problem will go away"):
        assert q.speaker != "US"


def test_news_that_comes_after_a_claim_is_not_the_claimant() -> None:
    _, quotes = run(
        "Tomasz Hillar's comments come a day after the prime minister, Ewa Mrozek, stunned reporters in Warsaw "
        "by claiming that deliberate action by someone on board was the reason for the crash."
    )
    for q in _about(quotes, "deliberate action"):
        assert q.speaker != "Tomasz Hillar's comments" and q.entity is None or q.speaker == "Ewa Mrozek"


def test_a_portfolio_tells_one_minister_from_another() -> None:
    _, quotes = run(
        "Malaysian Transport Minister Hishammuddin Hussein said the search would resume on Tuesday.\n\n"
        "Australia's Defence Minister David Johnston said search efforts were unlikely to start again soon.\n\n"
        "The transport minister said that the area of search had been narrowed to 469,407 square miles."
    )
    assert {q.speaker for q in _about(quotes, "area of search")} == {"Hishammuddin Hussein"}


def test_pm_is_a_prime_minister() -> None:
    _, quotes = run(
        "Prime Minister Najib Razak addressed the nation on Monday evening.\n\n"
        "Speaking later, the Malaysian PM said the plane had ended its flight in the southern Indian Ocean."
    )
    assert {q.speaker for q in _about(quotes, "southern Indian Ocean")} == {"Najib Razak"}


def test_a_quote_after_a_person_is_introduced_is_that_persons() -> None:
    _, quotes = run(
        "Yesterday afternoon, the mayor of Paris, Anne Hidalgo, announced that she had opened a support group.\n\n"
        "The trauma was felt even by those not caught up in the attacks. Lucille Simon, 24, had to stay at a "
        "friend's house because her apartment was sealed off. “I am terrified. You don't feel safe any more.”"
    )
    assert {q.speaker for q in _about(quotes, "I am terrified")} == {"Lucille Simon"}


def test_the_company_is_the_company_its_sentence_names() -> None:
    _, quotes = run(
        "The phone supports NFC payments and a heart-rate sensor.\n\n"
        "When Samsung unveiled the Galaxy S5 and three smartwatches, the company said that it listens to its "
        "customers."
    )
    assert {q.speaker for q in _about(quotes, "listens to its customers")} == {"Samsung"}


def test_it_is_no_surprise_that_is_nobodys_report() -> None:
    _, quotes = run(
        "She appeared this week on the cover of US Weekly. The article pointed out that she shops at the US store "
        "Target.\n\n"
        "It is no surprise that the Obama campaign chose The View and US Weekly for their re-introduction of Mrs "
        "Obama; those outlets are extremely popular among women."
    )
    assert all(q.speaker is None for q in _about(quotes, "campaign chose"))


def test_a_surname_keeps_meaning_the_person_after_a_relative_is_named() -> None:
    _, quotes = run(
        "Rabbi Capers Funnye, spiritual leader of a synagogue on Chicago's South Side, is a cousin of the first "
        "lady. Funnye's mother, Verdelle Robinson Funnye, and the first lady's grandfather were siblings.\n\n"
        "\"He really jumped on everyone's radar after the 2004 convention,\" Funnye said."
    )
    (q,) = _about(quotes, "jumped on everyone")
    assert q.speaker is not None and q.speaker.endswith("Funnye") and "Verdelle" not in q.speaker


def test_a_person_named_in_passing_does_not_hide_the_one_introduced() -> None:
    _, quotes = run(
        "Yesterday afternoon, the mayor of Paris, Anne Hidalgo, announced that she had opened a support group.\n\n"
        "Lucille Simon, 24, had to stay with a friend because her flat near the home of Jean Dupont was sealed "
        "off. “I am terrified. You don't feel safe any more.”"
    )
    assert {q.speaker for q in _about(quotes, "I am terrified")} == {"Lucille Simon"}


def test_quoted_words_that_are_the_subject_never_speak() -> None:
    _, quotes = run(
        "Hishamuddin's comments come a day after the Malaysian prime minister, Najib Razak, surprised reporters by "
        "claiming that \"deliberate action by someone on the plane\" was the reason for MH370's disappearance."
    )
    assert all(q.speaker not in {"deliberate action", "Hishamuddin's comments"}
               for q in _about(quotes, "deliberate action"))


def test_it_had_to_be_concluded_is_nobodys_report() -> None:
    _, quotes = run(
        "The flight left at 0041 GMT and vanished from radar screens an hour later.\n\n"
        "But in a news conference late on Monday, the prime minister said it had to be concluded \"with deep "
        "sadness and regret\" that according to new data \"flight MH370 ended in the southern Indian Ocean\"."
    )
    assert {q.speaker for q in _about(quotes, "southern Indian Ocean")} == {"the prime minister"}
