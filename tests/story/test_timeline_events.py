"""Timeline entries are events: weekdays in names of shows and holidays are no dates, captions are no events, and a
weekday takes its date from the tense of its sentence."""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.config import Settings
from newsprism.story.timeline import build_timeline

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import article, parsed  # noqa: E402

TEXT = ("The comedian was arrested on Friday outside a theatre in Brookfield, police said.\n\n"
        "He was released on Saturday after paying bail.\n\n"
        "He had hosted Saturday Night Live twice and appeared on Monday Night Football last year.\n\n"
        "Shops in the town expect crowds on Black Friday.\n\n"
        "The comedian leaves the courthouse on Saturday. (AP Photo/Jane Doe)\n\n"
        "He will appear in court on Thursday, his lawyer said.")


def _entries():
    arts = [article("t1", TEXT, "A", published="2024-03-18")]  # a Monday
    return build_timeline(arts, parsed(arts), Settings())


def test_names_of_shows_and_holidays_are_not_dates() -> None:
    for e in _entries():
        assert "Night Live" not in e.event or e.expression == "last year", e
        assert "Black Friday" not in e.event, e


def test_captions_are_not_events_and_weekdays_follow_tense() -> None:
    entries = _entries()
    assert not any("leaves the courthouse" in e.event for e in entries)
    dates = {e.expression.lower().removeprefix("on "): e.date for e in entries}
    assert dates.get("friday") == "2024-03-15"  # past tense: the latest Friday before the Monday
    assert dates.get("saturday") == "2024-03-16"  # released the day after the arrest, not a week before it
    assert dates.get("thursday") == "2024-03-21"  # future tense: the coming Thursday


def test_a_march_is_no_month_and_a_date_alone_is_no_event() -> None:
    text = ("MONDAY, MARCH 18, 2024\n\n"
            "The march on the town hall began peacefully on Saturday, police said.\n\n"
            "Organisers of the march said they would return in May 2024.")
    arts = [article("t1", text, "A", published="2024-03-18")]
    entries = build_timeline(arts, parsed(arts), Settings())
    assert not any(e.expression.lower() == "march" for e in entries), entries
    assert not any(e.event.strip() == "MONDAY, MARCH 18, 2024" for e in entries), entries
    assert {e.expression for e in entries} >= {"Saturday", "May 2024"}, entries
