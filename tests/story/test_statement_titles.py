"""A title before a name ends no statement."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import article, parsed  # noqa: E402

from newsprism.story.statements import article_units  # noqa: E402


def test_a_title_before_a_name_ends_no_statement() -> None:
    text = ("The van was found abandoned near the harbour on Friday, said Harbour police Sgt. Ann Lee.\n\n"
            "Officers also questioned the Rev. John Moss, who saw the driver run.\n\n"
            "The ferry sailed on time.")
    arts = [article("t1", text, "A")]
    units = article_units(arts[0], parsed(arts)["t1"])
    assert [u.text for u in units] == [
        "The van was found abandoned near the harbour on Friday, said Harbour police Sgt. Ann Lee.",
        "Officers also questioned the Rev. John Moss, who saw the driver run.",
        "The ferry sailed on time."]
