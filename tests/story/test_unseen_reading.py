"""What a fact-checker reading unseen real clusters rejected outside conflicts: datelines and labels riding on
statements, citations of statements that say something else."""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.config import SummaryWeights
from newsprism.model import Fact, Span
from newsprism.story.statements import article_units
from newsprism.story.summarizers.extractive import score_units
from newsprism.story.summarizers.units import build_units

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import article, parsed  # noqa: E402


def _units(text: str) -> list:
    """The statements of one article of ``text``."""
    a = article("a", text, "A")
    return article_units(a, parsed([a])[a.id])


def test_a_dateline_or_a_label_alone_rides_on_no_statement() -> None:
    text = ("The quake was upgraded to magnitude 9.0 on Monday by the geological survey.\n\n"
            "LOS ANGELES -\n\n"
            "Aftershocks shook the coast again on Tuesday morning.\n\n"
            "December 1999:\n\n"
            "Crews began clearing the harbour road, the mayor said.\n\n"
            "he said.")
    units = _units(text)
    extras = [sp.text for u in units for sp in u.extra]
    assert "LOS ANGELES -" not in extras and "December 1999:" not in extras
    assert "he said." in extras  # a dangling attribution still belongs to the statement before it
    assert not any("LOS ANGELES" in u.text or "December 1999" in u.text for u in units)


def test_a_statement_a_fact_links_loosely_is_not_cited() -> None:
    one = article("a", "The ferry Calder sank near Tolsey harbour on Sunday with 40 passengers aboard.", "A")
    two = article("b", "The ferry Calder sank on Sunday near Tolsey harbour, carrying 40 passengers.", "B")
    three = article("c", "Weather forecasters had promised a calm weekend across the region.", "C")
    arts = [one, two, three]
    docs = parsed(arts)
    units = build_units(arts, docs)
    support = [Span(a.id, 0, len(a.text), a.text) for a in arts]
    fact = Fact(id="f1", text=one.text, status="shared", support=support, confidence=0.6)
    scored = {s.unit.article: s for s in score_units(units, [fact], SummaryWeights())}
    cited = {sp.article for sp in scored["a"].cited}
    assert cited == {"a", "b"}
    assert scored["a"].support == {"a", "b", "c"}  # the fact still weighs in choosing the sentence


def test_stamps_dated_links_and_corrections_are_no_statements() -> None:
    text = ("The reactor was shut down after the quake, the operator said.\n\n"
            "0930 GMT, 12 March 2011\n\n"
            "Wiggle Room Emerges in the Bailout DealJUNE 19, 2012\n\n"
            "Because of an editing error, an article on June 27 about the search misstated the size of the area.\n\n"
            "Engineers were pumping sea water into the reactor on Sunday.")
    units = _units(text)
    assert [u.text[:12] for u in units] == ["The reactor ", "Engineers we"]


def test_figures_among_figures_and_months_in_names_are_no_dates() -> None:
    from newsprism.config import Settings
    from newsprism.story.timeline import build_timeline

    text = ("Most variants support the 850/900/1900/2100 bands, the maker said.\n\n"
            "The screen shows 1920 x 1080 pixels in every mode.\n\n"
            "Even at ISO 2000 the pictures stay clean, and the maximum ISO of 2000 is seldom needed.\n\n"
            "Interior Minister Jan Jambon announced more patrols in the capital.\n\n"
            "In June Obama signed the bill into law.\n\n"
            "The plant opened in 1990 near the river.")
    a = article("a", text, "A")
    entries = build_timeline([a], parsed([a]), Settings())
    assert sorted(e.expression for e in entries) == ["1990", "June"]


def test_a_sentence_a_page_prints_twice_is_one_timeline_event() -> None:
    from newsprism.config import Settings
    from newsprism.story.timeline import build_timeline

    said = "Now, in 2014, the phone comes with a fingerprint scanner built into the home button."
    a = article("a", f"{said}\n\nThe battery lasts a full day.\n\n{said}\n\nThe screen is bright.", "A")
    entries = build_timeline([a], parsed([a]), Settings())
    assert [(e.expression, len(e.sources)) for e in entries] == [("2014", 2)]
