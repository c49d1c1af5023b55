"""Reading articles: files, directories, URLs, feeds, WARC crawls and stdin, cleaned into ``Article`` objects.

    iter_articles(inputs, settings)   every input's articles, an ``InputError`` in place of each failure
    article_from_text(text, ...)      an Article from plain text (headline detected, debris removed, id set)
    article_from_html(html, ...)      an Article from an HTML page (trafilatura text and metadata, then cleaned)
"""

from .article import article_from_text
from .clean import clean
from .html import article_from_html
from .sources import EXTENSIONS, READERS, iter_articles, read_bytes
from .url import Fetcher

__all__ = ["EXTENSIONS", "READERS", "Fetcher", "article_from_html", "article_from_text", "clean", "iter_articles",
           "read_bytes"]
