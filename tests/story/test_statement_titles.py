"""What ends a statement and what is none: a title before a name, a loose headline line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import article, parsed  # noqa: E402

from newsprism.story.statements import article_units  # noqa: E402

TITLES = ("The van was found abandoned near the harbour on Friday, said Harbour police Sgt. Ann Lee.\n\n"
          "Officers also questioned the Rev. John Moss, who saw the driver run.\n\n"
          "The ferry sailed on time.")
RELATED_HEADLINE = ("Two men were charged with running a betting ring from a harbour warehouse, police said.\n\n"
                    "Dock worker jailed for smuggling cigarettes\n\n"
                    "The men will appear in court on Monday.")


@pytest.mark.parametrize("text, expected", [
    # a title before a name ends no statement
    (TITLES, ["The van was found abandoned near the harbour on Friday, said Harbour police Sgt. Ann Lee.",
              "Officers also questioned the Rev. John Moss, who saw the driver run.",
              "The ferry sailed on time."]),
    # another story's headline between paragraphs is no statement
    (RELATED_HEADLINE, ["Two men were charged with running a betting ring from a harbour warehouse, police said.",
                        "The men will appear in court on Monday."]),
])
def test_statements_of_an_article(text: str, expected: list[str]) -> None:
    arts = [article("t1", text, "A")]
    assert [u.text for u in article_units(arts[0], parsed(arts)["t1"])] == expected
