"""Turns extracted text and metadata into a cleaned, identified, English ``Article``."""

from __future__ import annotations

from ..config import IngestSettings
from ..errors import NoArticle, TooLarge, UnsupportedLanguage, shown
from ..model import Article
from .clean import clean, split_headline
from .language import detect_language, language_name
from .meta import article_id, iso_date, outlet_from_url

DEFAULTS = IngestSettings()  # the length and language bounds (``min_words``, ``max_words`` ...) unless given


def real_words(text: str) -> int:
    """Words that hold a letter or a digit: a run of quotation marks or dashes is no word of an article."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def check_length(text: str, source: str, limits: IngestSettings = DEFAULTS) -> None:
    """Refuses text longer than one article can be, before any costly step reads it."""
    words = len(text.split())
    if words > limits.max_words or len(text) > limits.max_chars:
        size = f"{words:,} words" if words > limits.max_words else f"{len(text):,} characters"
        raise TooLarge(source, f"{size}, longer than one article can be (at most {limits.max_words:,} words and "
                               f"{limits.max_chars:,} characters); split it into its articles")


def within_limits(articles: list[Article], limits: IngestSettings = DEFAULTS) -> tuple[list[Article], list[str]]:
    """The articles short enough to analyse, and a note for each one left out (stored before the limit existed)."""
    kept, notes = [], []
    for a in articles:
        try:
            check_length(a.text, a.source, limits)
            kept.append(a)
        except TooLarge as exc:
            notes.append(f"{exc}; it was left out of this analysis")
    return kept, notes


def build_article(text: str, *, source: str, title: str | None = None, outlet: str | None = None,
                  url: str | None = None, published: object = None, author: str | None = None,
                  detect_title: bool = False, lines_are_paragraphs: bool = False,
                  limits: IngestSettings = DEFAULTS) -> Article:
    """Cleans ``text``, checks it is an English article, and fills the metadata from what is known."""
    source = shown(source)  # however a caller named it, the article carries a printable, one-line name
    check_length(text, source, limits)
    title = _clean_field(title)
    if detect_title and not title:
        title, text = split_headline(text)
    cleaned = clean(text, title, lines_are_paragraphs=lines_are_paragraphs, bounds=limits)
    body = cleaned.text
    words = real_words(body)
    if words < limits.min_words:
        what = "no text" if not body else f"only {words} words"
        raise NoArticle(source, f"no article text found ({what} left after removing page debris); "
                                "give the full article, as a page or as text")
    lang = detect_language(body, limits)
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
                      url: str | None = None, published: str | None = None, author: str | None = None,
                      limits: IngestSettings = DEFAULTS) -> Article:
    """An Article from plain text; when no title is given, a headline on the first line becomes the title."""
    return build_article(text, source=source, title=title, outlet=outlet, url=url, published=published,
                         author=author, detect_title=True, limits=limits)
