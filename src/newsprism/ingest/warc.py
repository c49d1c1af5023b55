"""WARC crawls (.warc, .warc.gz): every HTML response record becomes an article."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from ..errors import BinaryInput, InputError, NoArticle
from .base import Context, Item
from .decode import decode, declared_charset, read_capped


def read_warc_stream(stream: BinaryIO, source: str, ctx: Context) -> Iterator[Item]:
    """Articles of the HTML responses in a WARC stream; the size cap applies to each record, not the crawl."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .html import article_from_html

    pages = 0
    try:
        for record in _records(ArchiveIterator(stream), source):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            if record.rec_type == "response":
                headers = record.http_headers
                if headers is None or not _is_html(headers.get_header("Content-Type")):
                    continue
                status = headers.get_statuscode() or ""
                if not status.startswith("2"):
                    continue
            elif not _is_html(record.rec_headers.get_header("Content-Type")):
                continue
            pages += 1
            where = f"{source}#{uri}" if uri else f"{source}#{pages}"
            try:
                data = read_capped(record.content_stream(), where, ctx.settings.max_bytes)
                missing = getattr(record.raw_stream, "limit", 0)  # bytes the record header promised but never came
                if missing:
                    raise BinaryInput(where, f"the record is cut short ({missing:,} of its {record.length:,} bytes "
                                             "missing: the crawl file ends inside it); re-download or re-write "
                                             "the crawl")
                html = decode(data, where, declared_charset(data))
                yield article_from_html(html, source=where, url=uri or None, limits=ctx.settings.ingest)
            except InputError as exc:
                yield exc
    except ArchiveLoadFailed as exc:
        raise BinaryInput(source, f"not a readable WARC file ({exc}); check that the crawl was written completely") from exc
    if pages == 0:
        raise NoArticle(source, "the WARC file holds no HTML response records; give a crawl of article pages")


def _records(records: Iterable[Any], source: str) -> Iterator[Any]:
    """The crawl's records; a record whose headers warcio cannot read (a response without its target URI makes it
    fail with AttributeError) ends the file as unreadable, like a record it refuses outright."""
    from warcio.exceptions import ArchiveLoadFailed

    it = iter(records)
    while True:
        try:
            record = next(it)
        except StopIteration:
            return
        except ArchiveLoadFailed:
            raise
        except (AttributeError, ValueError, KeyError) as exc:
            raise BinaryInput(source, "not a readable WARC file (a record's headers are malformed); check that the "
                                      "crawl was written completely") from exc
        yield record


def _is_html(ctype: str | None) -> bool:
    return bool(ctype) and ctype.split(";", 1)[0].strip().lower() in ("text/html", "application/xhtml+xml")  # type: ignore[union-attr]


def read_warc(data: bytes, source: str, ctx: Context, url: str | None = None) -> Iterator[Item]:
    """Articles of a WARC file held in memory (stdin, a fetched URL)."""
    yield from read_warc_stream(io.BytesIO(data), source, ctx)
