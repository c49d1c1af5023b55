"""What real crawls bring: leads precision mode drops, pages that are all navigation or behind a paywall, AMP
pages, two articles on one page, a date only in the URL or a stray one, titles and outlets hidden in furniture,
English pages with foreign words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.errors import NoArticle
from newsprism.ingest import article_from_html, article_from_text, iter_articles
from newsprism.ingest.clean import byline_outlet
from newsprism.ingest.dates import reconcile, url_date, visible_date
from newsprism.ingest.html import merge_extractions
from newsprism.ingest.language import detect_language, language_name
from newsprism.ingest.notarticle import page_reason
from newsprism.ingest.titles import best_title, furniture_title, lead_title
from newsprism.model import Article
from newsprism.story.analyze import make_story

from .conftest import PARAGRAPHS, article_body, html_page

# --- extraction: the precise text keeps its body, the fuller one lends its lead and headings ---------------------


def test_merge_takes_the_lead_and_a_heading_but_not_the_trailing_links() -> None:
    precise = "\n".join(PARAGRAPHS)
    fuller = "\n".join(["A burst main shut the library for six weeks.", PARAGRAPHS[0], PARAGRAPHS[1],
                        "What happens to the damaged books?", PARAGRAPHS[2], PARAGRAPHS[3],
                        "Most read: Council approves new cycle lanes"])
    merged = merge_extractions(precise, fuller).split("\n")
    assert merged[0] == "A burst main shut the library for six weeks."
    assert "What happens to the damaged books?" in merged
    assert "Most read: Council approves new cycle lanes" not in merged
    assert [ln for ln in merged if ln in PARAGRAPHS] == PARAGRAPHS


def test_a_standfirst_in_the_article_header_is_kept() -> None:
    from trafilatura.utils import load_html

    from newsprism.ingest.html import _main_text

    stand = "A burst water main shut the Lakeview library for six weeks and ruined thousands of its books."
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = ("<html><head><title>Lakeview library reopens</title></head><body><main><article><header>"
            f'<h1>Lakeview library reopens</h1><p class="standfirst">{stand}</p></header>{paras}</article>'
            "</main></body></html>")
    assert stand not in _main_text(load_html(page), None, favor_precision=True)  # what precision mode alone loses
    art = article_from_html(page, source="standfirst.html")
    assert art.text.split("\n\n") == [stand, *PARAGRAPHS]


def test_merge_keeps_the_precise_text_when_the_other_found_another_body() -> None:
    other = "Sign in\nSubscribe\nA different story altogether about the weather this weekend."
    assert merge_extractions("\n".join(PARAGRAPHS), other) == "\n".join(PARAGRAPHS)


# --- bad input -------------------------------------------------------------------------------------------------


def _left_out(page: str, source: str) -> str:
    """Why a page does not reach a story: refused by the reader, or read and then screened out."""
    try:
        art = article_from_html(page, source=source)
    except NoArticle as exc:
        return exc.message
    why = page_reason(art.text, art.title)
    assert why is not None, f"{source} was kept as an article: {art.text[:200]!r}"
    return why


def test_a_page_that_is_all_navigation_is_left_out() -> None:
    links = "\n".join(f'<li><a href="/s/{i}">Section {i} news and more</a></li>' for i in range(40))
    page = f"<html><head><title>Home | Ledger</title></head><body><nav><ul>{links}</ul></nav></body></html>"
    assert _left_out(page, "front.html")


def test_a_paywall_stub_is_left_out() -> None:
    page = html_page(["Subscribe to continue reading this story and every other one on the site.",
                      "Already a subscriber? Sign in to your account with your email address.",
                      "Get unlimited access to the Ledger for $1 a week. Cancel anytime."])
    assert _left_out(page, "paywall.html")


def test_an_amp_page_is_read_like_any_page() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = ('<!doctype html><html ⚡ lang="en"><head><meta charset="utf-8">'
            '<title>Lakeview library reopens after flood</title>'
            '<link rel="canonical" href="https://ledger.example/2025/05/12/library-reopens">'
            '<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-boilerplate>body{}</style>'
            f'</head><body><amp-img src="a.jpg" width="4" height="3"></amp-img><article>{paras}</article>'
            '<amp-analytics type="x"></amp-analytics></body></html>')
    art = article_from_html(page, source="amp.html")
    assert art.text.split("\n\n") == PARAGRAPHS
    assert art.title == "Lakeview library reopens after flood"
    assert art.published == "2025-05-12"  # from the canonical URL: the page declares no date


def test_a_page_with_two_articles_gives_the_first_alone() -> None:
    second = ["Harbour City beat Northgate 3-1 on Saturday, with striker Tomas Brandt scoring twice in the "
              "second half, coach Elena Ruiz said after the match.",
              "Northgate's goalkeeper was sent off after 70 minutes, and the win lifts Harbour City to second "
              "place in the league table ahead of next week's derby."]
    page = html_page(PARAGRAPHS).replace(
        "</article>", "</article><article><h2>Harbour City win</h2>"
        + "".join(f"<p>{p}</p>" for p in second) + "</article>")
    art = article_from_html(page, source="two.html")
    assert art.text.split("\n\n") == PARAGRAPHS
    assert art.title == "Lakeview library reopens after flood"


def test_a_date_only_in_the_url_is_the_publication_date() -> None:
    page = html_page(published="").replace('<meta property="article:published_time" content="">', "")
    art = article_from_html(page, source="dated.html")
    assert art.published == "2025-05-12"


def test_a_stray_date_gives_way_to_the_url_and_title_with_a_note() -> None:
    page = html_page(title="Lakeview library reopens 12.05.2025").replace(
        '<meta property="article:published_time" content="2025-05-12T09:30:00+00:00">', "").replace(
        "<footer>", '<footer><p class="date">2019-08-01</p>')
    art = article_from_html(page, source="stray.html")
    assert art.published == "2025-05-12"


def test_a_feed_item_with_an_html_summary_and_no_link(tmp_path: Path) -> None:
    long_html = "".join(f"<p>{p} {p}</p>" for p in PARAGRAPHS)
    feed = tmp_path / "feed.rss"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>
<item><title>Library reopens</title><description><![CDATA[{long_html}]]></description></item>
<item><title>Short</title><description><![CDATA[<p>Only a <b>teaser</b> here.</p>]]></description></item>
</channel></rss>""", encoding="utf-8")
    full, teaser = list(iter_articles([str(feed)], Settings()))
    assert isinstance(full, Article) and "<p>" not in full.text and full.text.startswith(PARAGRAPHS[0])
    assert isinstance(teaser, NoArticle) and teaser.source.endswith("feed.rss#2")


# --- dates -----------------------------------------------------------------------------------------------------


def test_dates_are_reconciled_and_the_disagreement_noted() -> None:
    assert url_date("https://x.example/news/2019/08/01/story") == "2019-08-01"
    assert url_date("https://x.example/a/20130610/b.html") == "2013-06-10"
    assert url_date("https://x.example/id/123456789") is None
    assert visible_date("Concert review 10.06.2013", "") == "2013-06-10"
    assert visible_date(None, "Published 5 March 2014 by staff") == "2014-03-05"
    assert visible_date(None, "05/10/2018 - posted", near=("2018-10-05",)) == "2018-10-05"
    day, note = reconcile("2019-08-01", "2013-06-10", "2013-06-10")
    assert day == "2013-06-10" and note is not None and "2019-08-01" in note
    assert reconcile("2013-06-10", "2013-06-11", None) == ("2013-06-10", None)  # a day apart: one date
    day, note = reconcile("2019-08-01", None, "2013-06-10", declared=False)
    assert day == "2013-06-10" and note is not None
    assert reconcile("2019-08-01", None, "2013-06-10", declared=True)[0] == "2019-08-01"


# --- titles ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "Tweet with a location", "Getty Images House Speaker John Boehner",
    "LISTEN TO ARTICLE 4:34 SHARE THIS ARTICLE Share", "Image caption Jane Wilson fell on the west face",
    "Media playback is unsupported on your device", "CHRISTCHURCH, New Zealand", "NEW YORK (CNNMoney)",
    "Tuesday, October 16, 2018", "Matt Mueller", "LATEST HEADLINES",
    "Members of Occupy remain at City Hall. (David M Warren / Staff Photographer)",
])
def test_furniture_is_never_a_title(line: str) -> None:
    assert furniture_title(line)


@pytest.mark.parametrize("line", ["Library reopens", "Lakeview library reopens after flood",
                                  "US, China agree to a trade truce", "Why The Mali Coup Threatens West Africa"])
def test_headlines_are_titles(line: str) -> None:
    assert not furniture_title(line)


def test_a_headline_on_a_caption_line_is_not_taken_and_the_story_gets_a_lead_title() -> None:
    text = "Image caption The library's reading room after the flood\n\n" + article_body()
    art = article_from_text(text, source="a.txt")
    assert art.title is None
    title = make_story([art]).title
    assert title is not None and title.startswith("The Lakeview public library reopened on Monday")
    assert len(title) <= 91 and title.endswith("…") and not title[:-1].endswith(" ")


def test_lead_title_skips_furniture_and_datelines() -> None:
    text = "Share this article\n\nLAKEVIEW (AP) — The library reopened on Monday after a flood. It was closed."
    assert lead_title(text) == "The library reopened on Monday after a flood"
    noted = "(This story has been updated with comments from the council.)\n\n" + article_body()
    art = article_from_text(noted, source="noted.txt")
    assert art.text == article_body() and [r.kind for r in art.removed] == ["update"]


def test_a_story_takes_its_best_article_title() -> None:
    texts = [article_body(), article_body(), "Harbour City beat Northgate 3-1 on Saturday at home, the coach said."]
    titles = ["Tweet with a location", "Lakeview library reopens after flood", "Harbour City win the derby"]
    assert best_title(titles, texts) == "Lakeview library reopens after flood"


# --- outlets ---------------------------------------------------------------------------------------------------


def test_outlets_from_bylines_and_sites_never_from_a_dateline_city() -> None:
    assert byline_outlet("By Jane Doe | CNN") == "CNN"
    assert byline_outlet("By Jane Doe, The Associated Press") == "AP"
    assert byline_outlet("By Jane Doe, Staff Writer") is None
    text = "LAS VEGAS — " + article_body()
    art = article_from_text(text, source="a.txt", url="https://www.latimes.com/nation/story-2019-05-01.html")
    assert art.outlet == "Los Angeles Times"
    page = html_page(site="latimes.com", canonical="https://www.latimes.com/local/2025/05/12/library")
    assert article_from_html(page, source="b.html").outlet == "Los Angeles Times"
    by = article_from_text("By Jane Doe | CNN\n\n" + article_body(), source="c.txt")
    assert by.outlet == "CNN" and by.author == "Jane Doe"


# --- language --------------------------------------------------------------------------------------------------


def test_english_with_foreign_words_stays_english_and_other_languages_are_named() -> None:
    mixed = ("The festival opened in Lyon with the motto « Vive la musique, vive la fête, vive la liberté », and "
             "the mayor said the crowds were the largest since 2019. Bienvenue à tous, she told them in French.")
    assert detect_language(mixed) == "en"
    table = ("Results: Lakeview 3, Northgate 1; Harbour City 2, Port Calder 2; Riverside 0, Eastfield 4; "
             "Westmoor 1, Hillcrest 1; Oakdale 5, Pinecrest 0; Brandt 2, Ruiz 1, Okonkwo 1, Hale 1")
    assert detect_language(table) == "en"
    french = ("La bibliothèque de Lakeview a rouvert ses portes lundi, six semaines après l'inondation qui avait "
              "endommagé plus de quatre mille livres dans la salle de lecture, selon la bibliothécaire.")
    assert detect_language(french) == "fr" and language_name("fr") == "French"


def test_one_rule_reads_dates_in_text_for_pages_and_clustering() -> None:
    from newsprism.corpus.features import text_date
    from newsprism.ingest.dates import date_in_text

    assert date_in_text("Updated: July 7, 2012, 10:04 PM ET | Klitschko retains") == "2012-07-07"
    assert date_in_text("posted 2012/7/7, then Sept. 3rd, 2019") == "2012-07-07"  # the first in the text
    assert date_in_text("March 2014, and 5 March 2014") == "2014-03-05"  # a month without its day is no date
    assert date_in_text("05/10/2018") == "2018-05-10" and date_in_text("05/10/2018", ("2018-10-05",)) == "2018-10-05"
    assert date_in_text("31/02/2018 and nothing else") is None
    day = text_date("LONDON, 7 July, 2012 - The champion retained his title.")
    assert day is not None and date.fromordinal(day).isoformat() == "2012-07-07"
