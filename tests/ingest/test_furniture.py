"""Page furniture inside sentences, as the analysis stages test it: defined in ingest, beside cleaning's line rules."""

from __future__ import annotations

from newsprism.ingest.furniture import (has_furniture_phrase, has_player_controls, hover_card_regions,
                                        is_boilerplate_line, is_caption, is_furniture)


def test_credits_captions_and_links_are_furniture_reporting_is_not() -> None:
    assert is_caption("Rescue boats circle the bridge in Calder, Thursday, Feb. 16, 2017.")
    assert is_caption("Photo by Jane Roe/Getty Images")
    assert is_furniture("Follow @harbourwire for updates") and is_furniture("Read it at https://example.org/x")
    assert not is_furniture("Twelve people were taken to hospital, the fire service said.")
    assert is_boilerplate_line("This story has been updated with the mayor's comments.")
    assert is_boilerplate_line("Jane Roe contributed reporting.")
    assert not is_boilerplate_line("The mayor said the bridge would reopen next week.")
    assert has_furniture_phrase("Image copyright Getty Images") and not has_furniture_phrase("The ship struck it.")
    assert has_player_controls("CLOSE Skip in Skip x Embed x Share") and not has_player_controls("Closing the port")


def test_a_hover_card_left_in_the_text_is_found_where_it_stands() -> None:
    text = "President TrumpDonald John TrumpHarris bashes the plan MORE said on Monday."
    (start, end), = hover_card_regions(text)
    assert text[start:end] == "Donald John TrumpHarris bashes the plan MORE"
