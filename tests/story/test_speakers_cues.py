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
