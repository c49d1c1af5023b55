"""Page furniture inside sentences, as the analysis stages test it: defined in ingest, beside cleaning's line rules."""

from __future__ import annotations

from newsprism.ingest.furniture import (has_furniture_phrase, has_player_controls, hover_card_regions,
                                        is_boilerplate_line, is_caption, is_furniture, is_loose_line)


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


def test_a_short_unpunctuated_paragraph_inside_the_article_is_a_loose_line() -> None:
    text = ("Harbour tolls rise next month\n\n"
            "The port authority will raise tolls by 4 percent, its chair said.\n\n"
            "Ferry captain fined after night crossing\n\n"
            "The increase is the first since 2019.\n"
            "“We will keep the ferries running.” ― Ana Ruiz\n"
            "“The fares stay as they are, which riders\n"
            "Three bridges close for repairs")

    def loose(line: str) -> bool:
        start = text.index(line)
        return is_loose_line(text, start, start + len(line))

    assert not loose("Harbour tolls rise next month")  # the opening line is the article's own headline
    assert loose("Ferry captain fined after night crossing")  # another story's headline in the body
    assert loose("Three bridges close for repairs")  # the last line counts too
    assert not loose("The port authority will raise tolls by 4 percent, its chair said.")
    assert not loose("“We will keep the ferries running.” ― Ana Ruiz")  # a signed quote
    assert not loose("“The fares stay as they are, which riders")  # a quotation going on in the next paragraph
    para = "A toll rises\n\nTolls rise today as the chair said they would. More follows"
    assert not is_loose_line(para, para.index("More"), len(para) - len(" follows"))  # not a paragraph of its own
