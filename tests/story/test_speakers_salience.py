"""Pronouns outside quotes: captions joined to the next sentence, and narration that keeps to the story's subject."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_quotes import find, run  # noqa: E402

from newsprism.model import Article  # noqa: E402
from newsprism.nlp import parse  # noqa: E402
from newsprism.story.entities import EntityIndex, build_entities  # noqa: E402
from newsprism.story.quotes import find_segments  # noqa: E402
from newsprism.story.salience import caption_lines, infer_genders, pronoun_antecedents  # noqa: E402
from newsprism.story.speakers import entity_tokens  # noqa: E402

CAPTIONED = (
    "Clara Dunn, one half of a cookery duo with the late Nora Pike, has died aged 66. Dunn filmed four series "
    "of the show. Dunn wrote six books. Pike died of cancer in 1999.\n\n"
    "Image caption Nora Pike on her famous motorbike in series one of the show\n\n"
    "Speaking on the radio in 1999, following the death of her partner Pike from cancer, she said:\n\n"
    "“She died magnificently, she was an example to all of us.”"
)


def test_caption_lines_are_found_by_line() -> None:
    lo = CAPTIONED.index("Image caption")
    assert caption_lines(CAPTIONED) == [(lo, CAPTIONED.index("\n", lo))]


def test_pronoun_after_a_caption_the_tagger_joined_to_its_sentence_is_resolved() -> None:
    art = Article(id="a1", text=CAPTIONED, outlet="O1")
    docs = parse([art])
    ents = build_entities([art], docs)
    doc, index = docs["a1"], EntityIndex(ents)
    at = entity_tokens(art, doc, ents)
    quoted = [s.outer for s in find_segments(CAPTIONED)]
    ante = pronoun_antecedents(doc, at, index, infer_genders(doc, at, index, quoted), quoted)
    she = next(t for t in doc if t.text == "she" and t.head.lemma_ == "say")
    assert index.by_id[ante[she.i]].name == "Clara Dunn"


def test_caption_line_run_into_the_next_sentence_leaves_its_speaker_to_the_story() -> None:
    _, quotes = run(CAPTIONED)
    assert find(quotes, "She died magnificently").speaker == "Clara Dunn"


def test_narrating_pronoun_after_an_agents_quote_is_the_subject_of_the_story() -> None:
    _, quotes = run(
        "Clara Dunn, one half of a cookery duo, has died in Edinburgh aged 66. Dunn filmed four series of the show.\n\n"
        "Dunn died on Saturday at the Royal Infirmary.\n\n"
        "“Loved dearly by her friends, Clara fought for what she believed in,” said agent Helen Vose.\n\n"
        "She and Nora Pike were brought together for the show by a television director in 1996.\n\n"
        "During an interview in 2009, she told a newspaper: “You go there and they are pleased to see you.”"
    )
    assert find(quotes, "pleased to see you").speaker == "Clara Dunn"


def test_she_said_goes_on_from_the_woman_who_spoke_just_before_over_the_storys_subject() -> None:
    _, quotes = run(
        "Myra Lind sued her employer, Delta Freight, in May. Lind says the firm tracked her phone at night. "
        "Lind says she was fired a few weeks later.\n\n"
        "Her lawyer is Gail Moreno. Lind objected to the app from the start.\n\n"
        "Lind says Delta Freight fired her a few weeks later.\n\n"
        "Moreno said that an employer can legally monitor employees at work if it has a good reason.\n\n"
        "“But if an employee can't stop it, then that is a complete violation of the law,” she said."
    )
    assert find(quotes, "complete violation").speaker == "Gail Moreno"


def test_she_said_after_a_source_described_by_the_subject_stays_with_the_subject() -> None:
    _, quotes = run(
        "Clara Dunn, the cook, has died aged 66. Dunn hosted the show for ten years. Dunn wrote six books.\n\n"
        "Her birthday in June would have marked her 27th year without a drink, a day her agent Helen Vose said "
        "“meant much more to her than another year”.\n\n"
        "During an interview in 2009, she said of her meetings: “You go there and they are pleased to see you.”"
    )
    assert find(quotes, "pleased to see you").speaker == "Clara Dunn"


def test_pronoun_in_a_speakers_own_reported_words_outweighs_a_given_names_usual_sex() -> None:
    _, quotes = run(
        "Prices rose again, said Nabil Fattah, director of a research centre in Cairo.\n\n"
        "In Minya, where voting is held today, Mina Magdy, a Christian, said gains by Islamists in earlier rounds "
        "encouraged him to vote for the secular alliance.\n\n"
        "“We are trying to balance things out,” he said."
    )
    assert find(quotes, "balance things out").speaker == "Mina Magdy"
