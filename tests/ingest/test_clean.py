"""Cleaning removes crawl debris, records every removal, and leaves article sentences alone."""

from __future__ import annotations

import pytest

from newsprism.ingest.clean import clean, split_headline
from newsprism.ingest.debris import classify_line, match_dateline
from newsprism.ingest.hovercard import remove_hover_cards


def kinds(text: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in clean(text, title).removed]


def test_duplicate_title_and_photo_credit_removed() -> None:
    text = "Harbour ferry fares to rise\n© Lakeview Images\n\nFerry fares will rise by 20 cents in June, the operator said."
    res = clean(text, "Harbour ferry fares to rise")
    assert res.text == "Ferry fares will rise by 20 cents in June, the operator said."
    assert [(r.kind, r.text) for r in res.removed] == [
        ("duplicate_title", "Harbour ferry fares to rise"),
        ("photo_credit", "© Lakeview Images"),
    ]


@pytest.mark.parametrize("line", [
    "© Getty Images",
    "Photo: Jane Doe/AP",
    "(Photo by Kim Sato/AFP via Getty Images)",
    "Image copyright Reuters",
    "Photograph: Lee Marsh for the Ledger",
    "Tom Webb/Reuters/Getty Images",
])
def test_photo_credits(line: str) -> None:
    assert classify_line(line, 3, set()) == "photo_credit"


@pytest.mark.parametrize("line,kind", [
    ("This story has been updated.", "update"),
    ("This article was updated on Friday with comment from the council.", "update"),
    ("Updated 1:09 PM ET, Wed September 26, 2018", "update"),
    ("Published: 12 May 2025, 09:30 BST", "update"),
    ("November 20, 2019 - 11:28 AMT", "update"),
    ("Tuesday, Nov. 19, 2019 at 4:05 p.m. EST", "update"),
    ("11:28 am, 20 Nov 2019", "update"),
    ("03 / 14 / 21 9: 05 PM ET", "update"),
    ("October 3rd, 2021 6: 40 am", "update"),
    ("4: 12 PM, SUN 3 OCT 2021", "update"),
    ("3 October 2021 Last updated at 16: 02 GMT", "update"),
    ("Edited time: October 3, 2021 16: 02", "update"),
    ("Posted: 10 / 3 / 2021 4: 12 pm Updated: 10 / 3 / 2021 6: 30 pm", "update"),
    ("By Lee Park, Harbour Law Group. Posted in Ferry Accidents on Monday, October 4, 2021.", "update"),
    ("https://harbour.example/2021/10/03/ferry-strikes-pier/", "link"),
    ("http: / / www. harbour. example / news / ferry - strikes - pier - 1. 20211", "link"),
    ("CNN's Kwegyirba Croffie contributed reporting.", "contributor"),
    ("Maya Lind and Omar Said contributed to this report.", "contributor"),
    ("(Reporting by Ana Ruiz; Editing by Ben Cole)", "contributor"),
    ("— The Associated Press contributed.", "contributor"),
    ("Share this article", "share"),
    ("Facebook Twitter Email", "share"),
    ("Share on X", "share"),
    ("Subscribe to our newsletter for the latest news.", "subscribe"),
    ("Sign up for the morning briefing, delivered to your inbox.", "subscribe"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Read more: How the ferries became the backup bridge", "related"),
    ("Ferry operator adds night crossings as bridge stays shut Read more", "related"),
    ("Read more about the ferry timetable", "related"),
    ("More AP news: https://apnews.example/hub", "related"),
    ("By Sam Ortega", "byline"),
])
def test_debris_lines(line: str, kind: str) -> None:
    assert classify_line(line, 1, set()) == kind


def test_a_web_address_is_debris_only_among_the_first_lines() -> None:
    line = "https://harbour.example/2021/10/03/ferry-strikes-pier/"
    assert classify_line(line, 0, set()) == "link"
    assert classify_line(line, 12, set()) is None  # a source the article cites


@pytest.mark.parametrize("line", [
    "By Tuesday, the bridge had reopened to traffic in both directions.",
    "Copyright law was changed in 2019.",
    "Updated figures show 12 people were injured in the crash.",
    "Photos show the cracked pylons, engineers said.",
    "Pictures of the flood went viral.",
    "The state contributed $2 million to the project.",
    "Share prices fell 4 percent on Tuesday.",
    "Sign up numbers for the course doubled this year, the college said.",
    "Related: the mayor said the two cases were linked.",
    "The engineers said they would need to read more of the inspection logs",
    "Drivers were told to check the timetable before travelling. Read more",
    "Watch the council debate the budget on Thursday.",
    "Advertising revenue fell by a third last year.",
    "The Associated Press reported the figures first.",
    "Reuters — the news agency — said it had seen the letter.",
    "November 20, 2019",
    "The polls closed on November 20, 2019 at 8:00 p.m. local time.",
    "Last updated at 9:30, the timetable shows two extra crossings.",
    "https://harbour.example is where the ferry operator posts its timetable.",
    "The ferry operator posted in its blog on Monday, October 4, 2021 that crossings would resume.",
])
def test_article_sentences_are_not_debris(line: str) -> None:
    assert classify_line(line, 1, set()) is None
    assert clean(line + "\n\nThe council met again on Friday.").text.startswith(line)


@pytest.mark.parametrize("line,outlet,rest", [
    ("United Nations CNN — ", "CNN", ""),
    ("WASHINGTON (Reuters) - The president said on Monday that talks would resume.", "Reuters",
     "The president said on Monday that talks would resume."),
    ("SANTA FE, N.M. (AP) — A cat missing for two years was found.", "AP", "A cat missing for two years was found."),
    ("LONDON, Sept 26 (Harbour Wire) - Ferry fares will rise.", "Harbour Wire", "Ferry fares will rise."),
    ("BUFFALO, N.Y. — Snow closed the airport.", None, "Snow closed the airport."),
    ("Port Calder CBN — Drivers faced long delays.", "CBN", "Drivers faced long delays."),
])
def test_datelines(line: str, outlet: str | None, rest: str) -> None:
    dl = match_dateline(line.strip())
    assert dl is not None
    assert dl.outlet == outlet
    assert line.strip()[dl.end:] == rest


@pytest.mark.parametrize("line", [
    "President Donald Trump — who spoke on Tuesday — said the talks were over.",
    "The NFL — under pressure from sponsors — changed its rules.",
    "Reuters — the news agency — said it had seen the letter.",
    "Obama said the plan was dead.",
])
def test_not_datelines(line: str) -> None:
    assert match_dateline(line) is None


def test_dateline_at_text_start_is_removed_and_names_outlet() -> None:
    res = clean("WASHINGTON (Reuters) - The senate passed the bill on Monday.\n\nIt now goes to the house.")
    assert res.text == "The senate passed the bill on Monday.\n\nIt now goes to the house."
    assert res.dateline_outlet == "Reuters"
    assert ("dateline", "WASHINGTON (Reuters) -") in [(r.kind, r.text) for r in res.removed]


def test_dateline_later_in_text_is_kept() -> None:
    text = "The mayor spoke first.\n\nWASHINGTON (Reuters) - This line is quoted from a wire story."
    assert clean(text).text == text


def test_hover_card_general_rule() -> None:
    line = ("Senator Alma RiveraAlma Beatriz RiveraRivera backs port budget Council passes ferry plan "
            "Voters weigh harbour tax MORE's proposal was rejected.")
    cleaned, cards = remove_hover_cards(line)
    assert cleaned == "Senator Alma Rivera's proposal was rejected."
    assert cards == ["Alma Beatriz RiveraRivera backs port budget Council passes ferry plan Voters weigh harbour tax MORE"]


def test_hover_card_with_nickname_and_internal_capital() -> None:
    line = ("Leader Rob McAllisterRobert (Rob) James McAllisterSenate delays vote on harbour bill "
            "Five things to know MORE told reporters on Friday that the bill was dead.")
    cleaned, _ = remove_hover_cards(line)
    assert cleaned == "Leader Rob McAllister told reporters on Friday that the bill was dead."


def test_capitalised_more_without_a_card_is_kept() -> None:
    line = "The campaign slogan was DO MORE and it appeared on every bus in the city."
    assert remove_hover_cards(line) == (line, [])
    line = "McDonald said the iPhone sold MORE units than expected."
    assert remove_hover_cards(line)[0] == line


def test_whitespace_normalised_paragraphs_and_curly_quotes_kept() -> None:
    text = "  First\u00a0paragraph   has “curly quotes”.\u200b  \r\n\r\n\r\nSecond\tparagraph, ‘single’ too.  \n"
    assert clean(text).text == "First paragraph has “curly quotes”.\n\nSecond paragraph, ‘single’ too."


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    text = ("The council voted on Monday to close the old ferry terminal at the end of\n"
            "the year, saying repairs would cost more than a new building and that the\n"
            "site could be sold to pay for a replacement near the bus station.\n\n"
            "Residents will be consulted next month.")
    out = clean(text).text
    assert out.split("\n\n")[0].startswith("The council voted on Monday to close the old ferry terminal at the end of the year")
    assert out.count("\n\n") == 1


def test_split_headline() -> None:
    assert split_headline("Ferry fares to rise\n\nFerry fares will rise by 20 cents in June, the operator said on Monday.")[0] \
        == "Ferry fares to rise"
    # a paragraph (ends with a period) is not a headline
    assert split_headline("Ferry fares will rise.\n\nThe operator said so on Monday in a statement to the press.")[0] is None
    # a dateline is not a headline
    assert split_headline("United Nations CNN —\n\nThe president said on Wednesday that the talks had failed.")[0] is None


def test_every_removal_is_recorded() -> None:
    text = ("Bridge closed\n\nBridge closed\n© Photo Desk\n\nLONDON (Reuters) - The bridge closed on Tuesday after "
            "a ship struck it.\n\nShare this article\n\nAdvertisement\n\nThis story has been updated.\n\n"
            "Ann Lee contributed reporting.")
    res = clean(text.split("\n\n", 1)[1], "Bridge closed")
    assert res.text == "The bridge closed on Tuesday after a ship struck it."
    assert sorted(r.kind for r in res.removed) == sorted(
        ["duplicate_title", "photo_credit", "dateline", "share", "advertisement", "update", "contributor"])


SHORT_PARAGRAPH_LINES = ("The ferry left the quay at nine on Monday morning.\n"
                         "It carried forty passengers and six cars to the island.\n"
                         "The crossing took just under an hour in calm weather.")


def test_one_sentence_lines_are_not_joined() -> None:
    assert clean(SHORT_PARAGRAPH_LINES).text == SHORT_PARAGRAPH_LINES.replace("\n", "\n\n")


def test_extracted_html_lines_stay_paragraphs() -> None:
    text = "The ferry left at nine\nthe crossing took an hour\nand the sea was calm all the way"
    assert clean(text, lines_are_paragraphs=True).text == text.replace("\n", "\n\n")
    assert clean(text).text == text.replace("\n", " ")


def test_bullet_lists_are_not_joined() -> None:
    text = ("The council listed three options for the old terminal building:\n"
            "- sell the building and the car park to a developer\n"
            "- repair it with money from the harbour maintenance fund\n"
            "- demolish it and turn the site into a public park")
    assert clean(text).text.count("\n\n") == 3


@pytest.mark.parametrize("line,kind", [
    ("Comments", "comments"),
    ("Tell us what YOU think...", "comments"),
    ("12 comments", "comments"),
    ("Click here to continue reading.", "promotion"),
    ("Get Harbour Monthly delivered every month. 12 issues for £11.99. Click here for more information.", "promotion"),
])
def test_comment_and_promotion_lines(line: str, kind: str) -> None:
    assert classify_line(line, 5, set()) == kind


def test_live_blog_entry_mentioning_click_here_is_kept() -> None:
    line = "7:37 P.M. Ministers criticise the handling of the operation. For the full story, click here (Dana Levi)"
    assert classify_line(line, 5, set()) is None


def test_follow_us_plug_removed_only_at_the_end() -> None:
    plug = "Sam Ortega covers the harbour for the Ledger. Follow him on Twitter @samortega."
    body = "The ferry left at nine on Monday.\n\nIt carried forty passengers to the island."
    res = clean(body + "\n\n" + plug)
    assert res.text == body and [(r.kind, r.text) for r in res.removed] == [("promotion", plug)]
    middle = "The mayor urged residents to follow us on Twitter for updates, the council said."
    assert clean(middle + "\n\n" + body).text.startswith(middle)


def test_a_plug_naming_the_outlet_or_writer_is_removed_at_the_end() -> None:
    body = "The ferry left at nine on Monday.\n\nIt carried forty passengers to the island."
    for plug in ("For breaking news and analysis from the coast, follow Harbour Ledger Live on Facebook.",
                 "Follow Ortega on Twitter at @samortega"):
        res = clean(body + "\n\n" + plug)
        assert res.text == body and [(r.kind, r.text) for r in res.removed] == [("promotion", plug)]
    kept = body + "\n\nDivers follow the wreck on sonar as the tide turns."
    assert clean(kept).text == kept
