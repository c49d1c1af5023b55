"""Inputs that are not news articles (player, widget, archive, share or shop text, a bare tweet, a page about
something else) are left out of a story with a note naming them; real articles, furniture and all, are kept."""

from __future__ import annotations

import pytest

from newsprism.errors import NewsprismError
from newsprism.ingest import article_from_text
from newsprism.ingest.notarticle import page_reason, screen
from newsprism.ingest.offtopic import off_topic

from .conftest import article_body

PLAYER = ("Your browser does not support the video player. Enable JavaScript to watch the video.\n\n"
          "Up next\n\nReplay\n\nMute\n\nFull screen\n\nThis video is unavailable in your country at the moment.")
SHARE_FORM = ("Thank you for your interest in passing this page along to a colleague.\n\n"
              "We only ask for your email address so that the person you are recommending the page to knows it "
              "came from you and that it is not spam. We do not keep any email address.")
ARCHIVE = ("These pages were collected by an automated crawl of news sites for the Internet Archive. The crawled "
           "pages are added to the Wayback Machine after an embargo period, and each snapshot can be browsed by "
           "date from the archive's calendar view, together with the pages it links to.")
SHOP = ("Plan every route with FleetPilot\n\nSee where your vans are right now\n\nSend the day's jobs to every "
        "driver's phone\n\nDownload the brochure\n\nPricing\n\nFleetPilot costs about $2 a day per user, billed "
        "monthly.\n\nCustomer support\n\nOur support team answers your questions by email or phone around the "
        "clock. Request a demo or click here to learn more.\n\nSupported devices\n\nAndroid and iOS phones and "
        "tablets.")
TWEET = ("I hope you remember who stood with you when it mattered. Proud of every one of you. "
         "#StrongerTogether pic.twitter.com/abc123XY")
HEADLINES = ("More stories\n\nCouncil backs new cycle lanes on the ring road after a long debate\n\n"
             "Recipe of the week: a lemon cake for the last warm days of summer\n\n"
             "Five walks to try before the clocks go back, from the river to the hills")
ERROR_PAGE = ("Sorry, the page you requested was not found. Please check the URL for proper spelling, or go to "
              "the home page and try searching for what you were looking for.")


@pytest.mark.parametrize(("text", "kind"), [
    (PLAYER, "video player text"),
    (SHARE_FORM, "a share or sign-up form"),
    (ARCHIVE, "a web archive's notice"),
    (SHOP, "shop or product text"),
    (TWEET, "a bare tweet or reader comment"),
    (HEADLINES, "a list of headlines"),
    (ERROR_PAGE, "a page-not-found notice"),
])
def test_page_furniture_is_named_for_what_it_is(text: str, kind: str) -> None:
    assert page_reason(text) == kind


def test_a_real_article_with_some_furniture_is_an_article() -> None:
    text = "936 shares Share Tweet\n\n" + article_body() + "\n\nSign up for our newsletter. Cookie settings."
    assert page_reason(text) is None
    assert page_reason(article_body()) is None


def test_a_short_news_brief_is_an_article() -> None:
    brief = ("Staunton police on Friday arrested a 60-year-old woman in the 1967 killings of two young women at "
             "a local ice cream stand, ending an investigation that lasted four decades.")
    assert page_reason(brief) is None


def _story(texts: dict[str, str]) -> list:
    return [article_from_text(t, source=f"story/{name}") for name, t in texts.items()]


FLOOD_2 = ("The Lakeview library flood damaged thousands of books when a water main burst under the reading "
           "room, librarian Ruth Okonkwo said on Monday as the library reopened.\n\nCouncil member Victor Hale "
           "said the repairs to the Lakeview library cost about $85,000 and the water main will be replaced.")
FLOOD_3 = ("Lakeview's public library is open again six weeks after a burst water main flooded it, head "
           "librarian Ruth Okonkwo told reporters.\n\nThe flood ruined more than 4,000 books; a bookshop donated "
           "600 picture books, and council member Victor Hale said the water main would be replaced next month.")
MATCH = ("Harbour City beat Northgate 3-1 on Saturday, with striker Tomas Brandt scoring twice in the second "
         "half, coach Elena Ruiz said.\n\nNorthgate's goalkeeper was sent off after 70 minutes, and the win "
         "lifts Harbour City to second place in the league table ahead of next week's derby.")


def test_an_article_about_something_else_is_left_out() -> None:
    arts = _story({"p1.txt": article_body(), "p2.txt": FLOOD_2, "p3.txt": FLOOD_3, "p4.txt": MATCH})
    away = off_topic(arts)
    assert list(away) == [arts[3].id]
    assert "not about this story" in away[arts[3].id]


def test_two_articles_are_never_judged_off_topic() -> None:
    assert off_topic(_story({"p1.txt": article_body(), "p4.txt": MATCH})) == {}


def test_screen_notes_name_the_file_and_why() -> None:
    arts = _story({"p1.txt": article_body(), "p2.txt": FLOOD_2, "p3.txt": SHARE_FORM, "p4.txt": FLOOD_3})
    kept, notes = screen(arts)
    assert [a.source for a in kept] == ["story/p1.txt", "story/p2.txt", "story/p4.txt"]
    assert notes == ["p3.txt: not a news article (a share or sign-up form); left out of the story"]


def test_analyze_leaves_junk_out_with_a_note_and_refuses_a_story_of_junk_only() -> None:
    import newsprism

    arts = _story({"p1.txt": article_body(), "p2.txt": FLOOD_2, "p3.txt": PLAYER})
    report = newsprism.analyze(arts)
    assert [a.source for a in report.story.articles] == ["story/p1.txt", "story/p2.txt"]
    assert any(n.startswith("p3.txt: not a news article (video player text)") for n in report.notes)
    with pytest.raises(NewsprismError, match="no news article among the inputs"):
        newsprism.analyze(_story({"a.txt": PLAYER, "b.txt": TWEET}))


def test_a_store_keeps_non_articles_apart_with_their_reason(tmp_path) -> None:
    from newsprism.corpus.store import Store

    arts = _story({"p1.txt": article_body(), "p2.txt": ARCHIVE, "p3.txt": FLOOD_2})
    with Store(str(tmp_path / "news.db")) as db:
        counts = db.add_articles(arts)
        assert counts["added"] == 2 and counts["rejected"] == 1
        assert db.last_rejected == [("story/p2.txt", "not a news article (a web archive's notice)")]
        assert [r["source"] for r in db.rejected()] == ["story/p2.txt"]
        assert db.count_articles() == 2
        assert all(a.source != "story/p2.txt" for s in db.list_stories() for a in db.story_articles(s["id"]))


@pytest.mark.parametrize(("text", "kind"), [
    ("You can add location information to your Tweets, such as your city or precise location, from the web and "
     "via third-party applications. You always have the option to delete your Tweet location history.",
     "a social media widget"),
    ("Copyright 2014 The Ledger. All rights reserved. This material may not be published, broadcast, rewritten or "
     "redistributed.", "a copyright or permissions notice"),
    ("We noticed you are using an ad blocker. Please disable your ad blocker or whitelist our site to keep reading "
     "for free.", "an ad-blocker or browser notice"),
])
def test_widgets_and_notices_are_named(text: str, kind: str) -> None:
    assert page_reason(text) == kind


def test_the_fragment_bound_is_a_setting() -> None:
    from newsprism.config import IngestSettings

    teaser = "Watch the latest video and follow us for more. Click to read the full story on our site…"
    assert page_reason(teaser) is not None
    assert page_reason(teaser, bounds=IngestSettings(fragment_words=5, article_words=6)) is None
