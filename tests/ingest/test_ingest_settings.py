"""The ingest bounds (where cleaning looks for datelines and plugs, hover cards, the extraction merge, dates,
furniture pages) are read from ``IngestSettings``, so a run can change them."""

from __future__ import annotations

from newsprism.config import IngestSettings
from newsprism.ingest import article_from_text
from newsprism.ingest.clean import clean
from newsprism.ingest.dates import reconcile, visible_date
from newsprism.ingest.hovercard import remove_hover_cards
from newsprism.ingest.html import merge_extractions
from newsprism.ingest.notarticle import page_reason

BODY = "The ferry left at nine on Monday.\n\nIt carried forty passengers to the island."
PLUG = "Sam Ortega covers the harbour for the Ledger. Follow him on Twitter @samortega."


def test_plugs_are_looked_for_in_as_many_last_lines_as_set() -> None:
    assert clean(BODY + "\n\n" + PLUG).text == BODY
    assert clean(BODY + "\n\n" + PLUG, bounds=IngestSettings(tail_lines=0)).text == BODY + "\n\n" + PLUG


def test_a_dateline_alone_is_looked_for_in_as_many_first_lines_as_set() -> None:
    text = "Photo: Getty Images\n\nLONDON (Reuters) -\n\nIt carried forty passengers to the island."
    assert ("dateline", "LONDON (Reuters) -") in [(r.kind, r.text) for r in clean(text).removed]
    kept = clean(text, bounds=IngestSettings(head_lines=1))  # the dateline is the second line
    assert "LONDON (Reuters) -" in kept.text and [r.kind for r in kept.removed] == ["photo_credit"]


def test_a_hover_card_longer_than_set_is_left_alone() -> None:
    line = ("Senator Alma RiveraAlma Beatriz RiveraRivera backs port budget Council passes ferry plan "
            "Voters weigh harbour tax MORE's proposal was rejected.")
    assert remove_hover_cards(line)[0] == "Senator Alma Rivera's proposal was rejected."
    assert remove_hover_cards(line, IngestSettings(hover_card_chars=40)) == (line, [])
    assert remove_hover_cards(line, IngestSettings(hover_name_chars=10)) == (line, [])


def test_the_extraction_merge_share_is_a_setting() -> None:
    precise = "The library reopened on Monday after repairs.\nThe council paid for the new roof."
    fuller = "A lead the precise mode lost.\nThe library reopened on Monday after repairs.\nSomething else.\nMore."
    assert merge_extractions(precise, fuller, 0.8) == precise  # half the precise text in common: another body
    assert merge_extractions(precise, fuller, 0.4).startswith("A lead the precise mode lost.")


def test_publication_date_bounds_are_settings() -> None:
    far_down = "x " * 200 + "Published 5 March 2014 by staff"
    assert visible_date(None, far_down) is None
    assert visible_date(None, far_down, bounds=IngestSettings(date_head_chars=1000)) == "2014-03-05"
    assert reconcile("2013-06-10", "2013-06-11", None) == ("2013-06-10", None)  # a day apart: one date
    day, note = reconcile("2013-06-10", "2013-06-11", None, bounds=IngestSettings(date_close_days=0))
    assert day == "2013-06-10" and note is not None and "no two sources agree" in note


def test_furniture_page_bounds_are_settings() -> None:
    menu = "Home.\n\nNews.\n\nSport.\n\nWeather.\n\nContact us and find our offices."
    assert page_reason(menu) == "page furniture (short lines, no reporting)"
    assert page_reason(menu, bounds=IngestSettings(page_lines=10)) is None  # too few lines to be a page
    assert page_reason(menu, bounds=IngestSettings(prose_words=1)) is None  # every line counted as prose


def test_article_building_passes_the_bounds_to_cleaning() -> None:
    text = "Ferry service resumes\n\n" + (BODY + " The crossing took an hour, the operator said.\n\n") * 2 + PLUG
    assert article_from_text(text, source="a.txt").text.endswith("operator said.")
    assert article_from_text(text, source="a.txt", limits=IngestSettings(tail_lines=0)).text.endswith(PLUG)
