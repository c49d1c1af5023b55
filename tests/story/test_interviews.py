"""Interview transcripts: where the last answer ends, and who speaks the quotes inside it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_quotes import find, run  # noqa: E402

from newsprism.story.interviews import transcript_turns, turn_regions  # noqa: E402

TRANSCRIPT = (
    "Nora Quill spoke to the director Tomas Berg about his new film.\n\n"
    "NQ: What did the studio tell you after the first cut?\n\n"
    "TB: They were kind about it. Then my producer called.\n\n"
    "NQ: And where does the industry go from here?\n\n"
    "TB: With social media, there are no secrets any more.\n\n"
    "And that is fine. But we have to get to a place where we are looking at the whole thing and saying, "
    "“Well, let us deal with this with some reflection and move on together.” Then I think we are making progress.\n\n"
    "Watch part of Tomas Berg’s interview in the video above. The film opens in June.\n\n"
    "Editor’s note: This interview has been edited for length."
)


def test_last_answer_runs_on_over_first_person_paragraphs_only() -> None:
    turns = transcript_turns(TRANSCRIPT)
    last = turn_regions(TRANSCRIPT, turns)[-1]
    body = TRANSCRIPT[last[0]:last[1]]
    assert "we are making progress" in body
    assert "Watch part" not in body


def test_quote_said_by_we_inside_the_last_answer_is_the_answerers() -> None:
    _, quotes = run(TRANSCRIPT)
    assert find(quotes, "let us deal with this").speaker == "Tomas Berg"
