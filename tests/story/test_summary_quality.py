"""Summary sentences stand alone: no leaning pronoun or connective without the sentence that introduces it, no page
furniture, no open quotation; other outlets cited only where the aligned facts back them."""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.config import Settings
from newsprism.story.summarizers.units import flaws

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import article  # noqa: E402

ONE = ("Harbour pilot Mara Quint steered the damaged ferry Calloway into port on Sunday after its engine failed "
       "in a storm off the Ellery coast.\n\n"
       "She had been at sea for eleven hours when the coast guard reached the ferry.\n\n"
       "Cliff Owen/AP Buy Photo Wait 1 second to continue.\n\n"
       "\u201cWe were lucky the wind turned,\" a passenger said.\n\n"
       "The ferry company said all 212 passengers were taken to a hotel in Port Ellery.")
TWO = ("The ferry Calloway reached Port Ellery on Sunday after its engine failed during a storm, the coast guard "
       "said.\n\n"
       "All 212 passengers were taken to a hotel in the town, the ferry company said.\n\n"
       "But the company did not say when the ferry would sail again.\n\n"
       "Contact the reporter at mquint@example.org or 555-356-4554.")


def test_flaws_name_what_is_wrong() -> None:
    assert flaws("She had been at sea for eleven hours.") == ["dangling"]
    assert "furniture" in flaws("Cliff Owen/AP Buy Photo Wait 1 second to continue.")
    assert "furniture" in flaws("Contact the reporter at 555-356-4554.")
    assert flaws("\u201cWe were lucky the wind turned,\" a passenger said.") == ["unbalanced quotes"]
    assert flaws("The ferry reached Port Ellery on Sunday, the coast guard said.") == []


def test_summary_sentences_stand_alone_and_cite_aligned_support() -> None:
    from newsprism.api import analyze

    report = analyze([article("f1", ONE, "Gazette"), article("f2", TWO, "Times")],
                     Settings(summary_words=200)).to_dict()
    assert report["summary"]
    from newsprism.eval.compare import summary_flaws

    counts = summary_flaws(report)
    assert counts["summary"] == len(report["summary"]) and counts["summary_flawed"] == 0, report["summary"]
    texts = [s["text"] for s in report["summary"]]
    for n, text in enumerate(texts):  # "She had been at sea ..." only right after the sentence that names her
        if text.startswith("She "):
            assert n > 0 and "Mara Quint" in texts[n - 1]
    from newsprism.model import Report
    from newsprism.report.verify import check_support

    assert check_support(Report.from_dict(report)) == []
