"""RSS and Atom feeds: items with full content become articles, items with only a link are fetched."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..errors import BinaryInput, InputError, NoArticle
from ..model import Article
from .article import build_article
from .base import Context, Item
from .meta import KNOWN_HOSTS, host_of, iso_date


def _entry_html(entry: Any) -> str:
    """The richest content an item carries: full content, else its summary."""
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def _feed_outlet(feed: Any, link: str | None) -> str | None:
    """The outlet of a feed item: a known outlet's name from the link, else the feed's own title."""
    host = host_of(link)
    if host and host in KNOWN_HOSTS:
        return KNOWN_HOSTS[host]
    title = (feed.get("title") or "").strip()
    if title:
        return re.split(r"\s+[|:–—-]\s+", title, maxsplit=1)[0].strip() or None
    return host


def read_feed(data: bytes, source: str, ctx: Context, url: str | None = None) -> Iterator[Item]:
    """Articles of an RSS or Atom feed, in feed order."""
    import feedparser

    from .html import fragment_text

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise BinaryInput(source, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')}); "
                                      "check the file or address")
        raise NoArticle(source, "the feed has no items; give a feed with articles")
    feed = parsed.get("feed", {})
    texts = [fragment_text(_entry_html(entry)) for entry in entries]
    links = [entry.get("link") or None for entry in entries]
    # items that are only links are fetched together, a few at once, and read in feed order
    limits = ctx.settings.ingest
    wanted = [link for link, text in zip(links, texts) if link and len(text.split()) < limits.full_content_words]
    fetched = _fetch_links(ctx, wanted)
    for i, (entry, link, text) in enumerate(zip(entries, links, texts), 1):
        published = iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        title = entry.get("title") or None
        author = entry.get("author") or None
        where = link or f"{source}#{i}"
        try:
            if len(text.split()) >= limits.full_content_words:
                yield build_article(text, source=where, title=title, outlet=_feed_outlet(feed, link), url=link,
                                    published=published, author=author, limits=limits)
            elif link:
                yield from _with_item_meta(next(fetched), published, title)
            else:
                yield NoArticle(f"{source}#{i}", "the feed item has neither full text nor a link; "
                                                 "give a feed that carries whole articles or links to them")
        except InputError as exc:
            yield exc


def _fetch_links(ctx: Context, links: list[str]) -> Iterator[list[Item]]:
    """The items behind each link, in order: fetched concurrently when the context can, else one by one."""
    if ctx.read_urls is not None:
        return ctx.read_urls(links)
    return (list(ctx.read_url(link)) for link in links)


def _with_item_meta(items: list[Item], published: str | None, title: str | None) -> Iterator[Item]:
    """The articles behind a feed item's link, with the item's date and title where the page lacks them."""
    for item in items:
        if isinstance(item, Article):
            item.published = item.published or published
            item.title = item.title or (" ".join(title.split()) if title else None)
        yield item
