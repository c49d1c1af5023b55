"""Turns extracted text and metadata into a cleaned, identified, English ``Article``."""

from __future__ import annotations

from ..errors import NoArticle, UnsupportedLanguage
from ..model import Article
from .clean import clean, split_headline
from .meta import article_id, detect_language, iso_date, language_name, outlet_from_url

MIN_WORDS = 15  # fewer words than this after cleaning is not an article


def build_article(text: str, *, source: str, title: str | None = None, outlet: str | None = None,
                  url: str | None = None, published: object = None, author: str | None = None,
                  detect_title: bool = False, lines_are_paragraphs: bool = False) -> Article:
    """Cleans ``text``, checks it is an English article, and fills the metadata from what is known."""
    title = _clean_field(title)
    if detect_title and not title:
        title, text = split_headline(text)
    cleaned = clean(text, title, lines_are_paragraphs=lines_are_paragraphs)
    body = cleaned.text
    if len(body.split()) < MIN_WORDS:
        what = "no text" if not body else f"only {len(body.split())} words"
        raise NoArticle(source, f"no article text found ({what} left after removing page debris); "
                                "give the full article, as a page or as text")
    lang = detect_language(body)
    if lang is not None and lang != "en":
        raise UnsupportedLanguage(
            source, f"the article looks {language_name(lang)}; newsprism analyses English articles only")
    return Article(
        id=article_id(body),
        text=body,
        title=title,
        outlet=_clean_field(outlet) or cleaned.dateline_outlet or outlet_from_url(url),
        url=_clean_field(url),
        published=iso_date(published),
        author=_clean_field(author) or cleaned.byline,
        source=source,
        language="en",
        removed=list(cleaned.removed),
    )


def _clean_field(value: str | None) -> str | None:
    """A metadata string with whitespace collapsed; empty becomes None."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def article_from_text(text: str, *, source: str, title: str | None = None, outlet: str | None = None,
                      url: str | None = None, published: str | None = None, author: str | None = None) -> Article:
    """An Article from plain text; when no title is given, a headline on the first line becomes the title."""
    return build_article(text, source=source, title=title, outlet=outlet, url=url, published=published,
                         author=author, detect_title=True)
