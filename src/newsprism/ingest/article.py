"""Turns extracted text and metadata into a cleaned, identified, English ``Article``."""

from __future__ import annotations

from ..errors import NoArticle, TooLarge, UnsupportedLanguage, shown
from ..model import Article
from .clean import clean, split_headline
from .language import detect_language, language_name
from .meta import article_id, iso_date, outlet_from_url

MIN_WORDS = 15  # fewer words than this after cleaning is not an article
# More words than this is not one article (the longest news features run to about 10,000): the analysis of one
# 20,000-word article takes about 10 s and 700 MB, and grows faster than the text.
MAX_WORDS = 20_000
MAX_CHARS = 12 * MAX_WORDS  # the same bound for text whose "words" are very long (no spaces)


def real_words(text: str) -> int:
    """Words that hold a letter or a digit: a run of quotation marks or dashes is no word of an article."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def check_length(text: str, source: str) -> None:
    """Refuses text longer than one article can be, before any costly step reads it."""
    words = len(text.split())
    if words > MAX_WORDS or len(text) > MAX_CHARS:
        size = f"{words:,} words" if words > MAX_WORDS else f"{len(text):,} characters"
        raise TooLarge(source, f"{size}, longer than one article can be (at most {MAX_WORDS:,} words and "
                               f"{MAX_CHARS:,} characters); split it into its articles")


def within_limits(articles: list[Article]) -> tuple[list[Article], list[str]]:
    """The articles short enough to analyse, and a note for each one left out (stored before the limit existed)."""
    kept, notes = [], []
    for a in articles:
        try:
            check_length(a.text, a.source)
            kept.append(a)
        except TooLarge as exc:
            notes.append(f"{exc}; it was left out of this analysis")
    return kept, notes


def build_article(text: str, *, source: str, title: str | None = None, outlet: str | None = None,
                  url: str | None = None, published: object = None, author: str | None = None,
                  detect_title: bool = False, lines_are_paragraphs: bool = False) -> Article:
    """Cleans ``text``, checks it is an English article, and fills the metadata from what is known."""
    source = shown(source)  # however a caller named it, the article carries a printable, one-line name
    check_length(text, source)
    title = _clean_field(title)
    if detect_title and not title:
        title, text = split_headline(text)
    cleaned = clean(text, title, lines_are_paragraphs=lines_are_paragraphs)
    body = cleaned.text
    words = real_words(body)
    if words < MIN_WORDS:
        what = "no text" if not body else f"only {words} words"
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
        outlet=_clean_field(outlet) or cleaned.dateline_outlet or cleaned.byline_outlet or outlet_from_url(url),
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
