"""Page layout in extraction: the teasers of other article elements and links set alone as paragraphs stay out."""

from __future__ import annotations

from trafilatura.utils import load_html

from newsprism.ingest import article_from_html
from newsprism.ingest.html import extract
from newsprism.ingest.layout import keep_article_lines, page_layout

from .conftest import PARAGRAPHS, html_page

TEASERS = [
    "The harbour ferry will run a later timetable through the summer months, with the last boat leaving the north "
    "pier at midnight on Fridays and Saturdays so that visitors to the festival can get home …",
    "Volunteers planted more than two hundred oak saplings along the river path on Sunday morning, the first part "
    "of a plan to restore the woodland that was cleared for the old railway line decades ago …",
    "The council's budget meeting ended without a vote on the new swimming pool, after members asked for a second "
    "study of running costs and of how many residents would use it in winter …",
    "A mural painted by pupils of the Eastside primary school now covers the wall of the bus station, showing the "
    "town's history from the first fishing village to the present day and its people …",
]


def _blog_page() -> str:
    """A blog post whose article is one paragraph, followed by an article element of related posts' teasers."""
    related = "".join(f'<article class="post"><h2>Story {i}</h2><p>{t}</p></article>' for i, t in enumerate(TEASERS))
    return ('<html><head><title>Library reopens</title></head><body><div id="primary">'
            f'<article class="post"><h1>Library reopens</h1><p>{" ".join(PARAGRAPHS)}</p></article>'
            f'<article class="postbox"><h3>You may also like...</h3>{related}</article></div></body></html>')


def test_related_posts_a_fallback_extractor_takes_are_left_out() -> None:
    page = _blog_page()
    assert TEASERS[0] in extract(page, layout=False).text  # trafilatura's fallback takes the teasers
    art = article_from_html(page, source="blog.html")
    assert art.text == " ".join(PARAGRAPHS)
    assert not any(t[:40] in art.text for t in TEASERS)


def test_a_link_alone_in_the_body_and_a_list_of_related_links_are_left_out() -> None:
    body = [f"<p>{p}</p>" for p in PARAGRAPHS]
    body.insert(2, '<p><strong><a href="/v/1">COUNCIL APPROVES NEW CYCLE LANES ON THE HIGH STREET</a></strong></p>')
    body.append('<ul><li><a href="/a/1">Floods close the riverside road again</a></li>'
                '<li><a href="/a/2">Photos: the library through the years</a></li></ul>')
    page = html_page(["PLACEHOLDER"]).replace("<p>PLACEHOLDER</p>", "".join(body))
    art = article_from_html(page, source="links.html")
    assert art.text.split("\n\n") == PARAGRAPHS


def test_a_paragraph_with_a_link_inside_it_stays() -> None:
    linked = ('The report, <a href="/r">published by the council on Friday</a>, says the repairs took six weeks '
              'because the shelving had to be made to order.')
    page = html_page(["PLACEHOLDER"]).replace("<p>PLACEHOLDER</p>",
                                              "".join(f"<p>{p}</p>" for p in [*PARAGRAPHS, linked]))
    art = article_from_html(page, source="inline.html")
    assert art.text.split("\n\n")[-1].startswith("The report, published by the council on Friday, says")


def test_lines_the_own_extractor_found_stay_even_in_another_article_element() -> None:
    page = ("<html><body><article><p>First story paragraph that the page is about, told at length.</p></article>"
            "<article><p>Second story paragraph, in a sibling article element.</p></article></body></html>")
    layout = page_layout(load_html(page))
    text = "First story paragraph that the page is about, told at length.\nSecond story paragraph, in a sibling " \
           "article element."
    own_first = "First story paragraph that the page is about, told at length."
    assert keep_article_lines(text, own_first, layout) == own_first
    assert keep_article_lines(text, text, layout) == text  # the own extractor took both: both stay


def test_the_first_line_stays_even_when_it_is_a_link() -> None:
    page = ('<html><body><p><a href="/s">Library reopens after the flood</a></p>'
            '<p><a href="/t">Council approves cycle lanes today</a></p><p>Text of the story goes here.</p></body></html>')
    layout = page_layout(load_html(page))
    text = "Library reopens after the flood\nCouncil approves cycle lanes today\nText of the story goes here."
    assert keep_article_lines(text, "", layout) == "Library reopens after the flood\nText of the story goes here."
