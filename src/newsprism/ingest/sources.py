"""Resolves inputs (files, directories, URLs, ``-``) to readers, and keeps going when one input fails."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator

from ..config import Settings
from ..errors import InputError, TooLarge, shown
from ..model import Article
from .base import Context, Item, Reader
from .decode import check_text_bytes, gunzip_capped, read_capped
from .feeds import read_feed
from .html import read_html
from .jsonl import read_json, read_jsonl
from .meta import iso_date, published_override
from .metadata_file import MetadataRules
from .text import read_text
from .url import Fetcher, is_url
from .warc import read_warc, read_warc_stream

READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "warc": read_warc,
    "feed": read_feed,
}
EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".warc.gz": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "xml",
}


def _kind_by_name(name: str) -> str | None:
    low = name.lower()
    if low.endswith(".warc.gz"):
        return "warc"
    return EXTENSIONS.get(os.path.splitext(low)[1])


def sniff(data: bytes) -> str:
    """The reader kind for content whose name says nothing: WARC, feed, HTML, JSON(L) or text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<"):
        if any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "feed" if head.startswith(b"<?xml") and b"<html" not in head else "html"
    if head.startswith((b"{", b"[")) and _is_json(data):
        return "json"
    return "text"


def _is_json(data: bytes) -> bool:
    """Whether content is a JSON document or JSON Lines (text that merely opens with a bracket is not)."""
    try:
        json.loads(data)
        return True
    except RecursionError:
        return True  # JSON, too deep to use: the JSON reader says so
    except ValueError:
        lines = [ln for ln in data.splitlines()[:5] if ln.strip()]
        try:
            return all(isinstance(json.loads(ln), dict) for ln in lines)
        except (ValueError, RecursionError):
            return False


def read_bytes(data: bytes, source: str, ctx: Context, kind: str | None = None, url: str | None = None,
               name: str | None = None) -> Iterator[Item]:
    """Articles of in-memory content, by the kind its name or content type gives, else by sniffing it."""
    limit = ctx.settings.max_bytes
    if data[:2] == b"\x1f\x8b" and kind != "warc":
        data = gunzip_capped(data, source, limit)
        if data[:5] == b"WARC/":
            kind = "warc"
        elif name and name.lower().endswith(".gz"):
            kind = _kind_by_name(name[:-3])
        else:
            kind = None
    if kind is None or kind == "xml":
        check_text_bytes(data, source)
        kind = sniff(data)
    yield from READERS[kind](data, source, ctx, url)


def read_url(url: str, ctx: Context) -> Iterator[Item]:
    """Articles at a URL: an article page, a feed, a JSON document or plain text."""
    fetched = ctx.fetcher.fetch(url)
    yield from read_bytes(fetched.content, shown(url), ctx, kind=fetched.kind, url=fetched.url)


def read_urls(urls: list[str], ctx: Context) -> Iterator[list[Item]]:
    """The items of each URL, in order, the URLs fetched several at once."""
    for url, fetched in zip(urls, ctx.fetcher.fetch_all(urls)):
        if isinstance(fetched, InputError):
            yield [fetched]
        else:
            yield list(_guarded(url, read_bytes(fetched.content, shown(url), ctx, kind=fetched.kind,
                                                url=fetched.url)))


def read_path(path: str, ctx: Context) -> Iterator[Item]:
    """Articles of one file; WARC files are streamed, other files are refused above the size cap."""
    kind = _kind_by_name(path)
    source = shown(path)  # the name as articles and messages carry it: printable, storable, one line
    if kind == "warc":
        with open(path, "rb") as fh:
            yield from read_warc_stream(fh, source, ctx)
        return
    size = os.path.getsize(path)
    limit = ctx.settings.max_bytes
    if size > limit:
        raise TooLarge(source, f"the file is {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit; "
                             "split it or raise the limit with --max-mb (Settings.max_bytes)")
    with open(path, "rb") as fh:
        data = fh.read()
    if kind is None and data[:5] == b"WARC/":
        kind = "warc"
    yield from read_bytes(data, source, ctx, kind=kind, name=path)


def dir_files(root: str) -> list[str]:
    """Article files under a directory, recursively, in sorted order; hidden files and unknown types skipped."""
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted((d for d in dirnames if not d.startswith(".")), key=natural_key)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            base = name[:-3] if name.lower().endswith(".gz") and not name.lower().endswith(".warc.gz") else name
            if _kind_by_name(base) is not None:
                out.append(os.path.join(dirpath, name))
    return sorted(out, key=lambda p: [natural_key(part) for part in os.path.relpath(p, root).split(os.sep)])


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders numbers by value, so "(2)" comes before "(10)" as a reader expects."""
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in re.split(r"(\d+)", name) if p)


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Items of one input; an error that stops the input is yielded, so the other inputs still run."""
    try:
        yield from items
    except InputError as exc:
        yield exc
    except UnicodeDecodeError as exc:
        yield InputError(source, f"undecodable text ({exc.reason}); re-save the file as UTF-8")
    except OSError as exc:
        yield InputError(source, f"cannot be read ({exc.strerror or exc}); check the path and its permissions")
    except RecursionError:
        yield InputError(source, "nested too deeply to read (markup or JSON thousands of levels deep); give the "
                                 "article as plain text")


def _one_input(item: str, ctx: Context) -> Iterator[Item]:
    if item == "-":
        data = read_capped(sys.stdin.buffer, "-", ctx.settings.max_bytes)
        yield from _guarded("-", read_bytes(data, "-", ctx))
    elif is_url(item):
        yield from _guarded(item, read_url(item, ctx))
    elif os.path.isdir(item):
        files = dir_files(item)
        if not files:
            yield InputError(item, "the directory holds no article files (.txt, .html, .json, .jsonl, .warc, "
                                   ".rss, .atom, .xml); check the path")
        for path in files:
            yield from _guarded(path, read_path(path, ctx))
    elif os.path.exists(item):
        yield from _guarded(item, read_path(item, ctx))
    elif "://" in item:
        yield InputError(item, "only http and https addresses can be fetched; check the URL")
    else:
        yield InputError(item, "no such file, directory or URL; check the path")


def with_date(article: Article, given: str, overrides: dict[str, str]) -> Item:
    """The article with the user's --published date for it, when one was given."""
    override = published_override(article.source, overrides) or published_override(given, overrides)
    if override is None:
        return article
    day = iso_date(override)
    if day is None:
        return InputError(article.source, f"--published date {override!r} is not a date; use YYYY-MM-DD")
    article.published = day
    return article


def iter_articles(inputs: list[str], settings: Settings | None = None, *,
                  fetcher: Fetcher | None = None) -> Iterator[Article | InputError]:
    """Articles of every input in order, with an ``InputError`` in place of each input (or part) that failed.

    ``fetcher`` replaces the HTTP client (tests pass one with a mock transport).
    """
    settings = settings or Settings()
    own = fetcher is None
    fetch = fetcher if fetcher is not None else Fetcher(settings)
    ctx = Context(settings=settings, fetcher=fetch, read_url=lambda u: _guarded(u, read_url(u, ctx)),
                  read_urls=lambda us: read_urls(us, ctx))
    rules = MetadataRules.from_settings(settings.outlet_names, settings.meta_files, settings.name_pattern,
                                        settings.outlets_file)
    try:
        for given in inputs:
            for item in _one_input(given, ctx):
                if isinstance(item, Article):
                    item = with_date(rules.apply(item, given) if rules else item, given, settings.published)
                yield item
    finally:
        if own:
            fetch.close()
