"""JSON and JSON Lines articles: one record, a list of records, or a wrapper such as ``{"articles": [...]}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..config import IngestSettings
from ..errors import BinaryInput, InputError, NoArticle
from ..model import Article
from .article import build_article
from .base import Context, Item
from .decode import check_text_bytes, decode

# field names in the order they are tried (matched case-insensitively)
TEXT_KEYS = ("text", "body", "content", "articlebody", "article_body", "article", "maintext", "main_text",
             "full_text", "fulltext", "content_text", "story")
HTML_KEYS = ("html", "raw_html", "content_html", "body_html")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "canonical_url", "link", "source_url", "href")
DATE_KEYS = ("published", "date", "published_at", "publishedat", "publish_date", "published_date", "date_publish",
             "datepublished", "date_published", "pubdate", "pub_date")
OUTLET_KEYS = ("outlet", "site_name", "sitename", "publisher", "source", "source_name", "source_domain", "domain",
               "site", "media")
AUTHOR_KEYS = ("author", "authors", "byline", "creator")
_WRAPPERS = ("articles", "items", "data", "results", "documents", "records", "entries")
TOO_DEEP = "JSON nested too deeply to be an article record; give objects with a \"text\" field, or the text as .txt"


def _field(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first non-empty value among ``keys``, flattened to a string (names of dicts, lists joined)."""
    lower = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        value = _flatten(lower.get(key))
        if value:
            return value
    return None


def _flatten(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return _flatten(value.get("name") or value.get("title") or value.get("url") or value.get("value"))
    if isinstance(value, list):
        parts = [p for p in (_flatten(v) for v in value) if p]
        return ", ".join(parts) if parts else None
    return None


def record_article(record: Any, source: str, limits: IngestSettings | None = None) -> Item:
    """The article of one JSON record, or the error saying what the record lacks."""
    if not isinstance(record, dict):
        return NoArticle(source, f"a JSON {type(record).__name__}, not an object with article fields; "
                                 "give objects with a \"text\" field")
    try:
        text = _field(record, TEXT_KEYS)
        url = _field(record, URL_KEYS)
        published = _field(record, DATE_KEYS)
        if not text:
            html = _field(record, HTML_KEYS)
            if html:
                from .html import article_from_html

                art = article_from_html(html, source=source, url=url, published=published, limits=limits)
                art.title = _field(record, TITLE_KEYS) or art.title
                art.outlet = _field(record, OUTLET_KEYS) or art.outlet
                art.author = _field(record, AUTHOR_KEYS) or art.author
                return art
            return NoArticle(source, "the record has no article text (none of the fields text, body, content, "
                                     "articleBody or html); add the text in a \"text\" field")
        return build_article(text, source=source, title=_field(record, TITLE_KEYS), outlet=_field(record, OUTLET_KEYS),
                             url=url, published=published, author=_field(record, AUTHOR_KEYS),
                             detect_title=_field(record, TITLE_KEYS) is None, limits=limits or IngestSettings())
    except InputError as exc:
        return exc
    except RecursionError:  # a field nested hundreds of levels deep
        return BinaryInput(source, TOO_DEEP)


def _records(value: Any) -> list[Any]:
    """The article records in a parsed JSON document."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        lower = {str(k).lower(): v for k, v in value.items()}
        if not any(k in lower for k in TEXT_KEYS + HTML_KEYS):
            for key in _WRAPPERS:
                if isinstance(lower.get(key), list):
                    return list(lower[key])
    return [value]


def read_json(data: bytes, source: str, ctx: Context, url: str | None = None) -> Iterator[Item]:
    """Articles of a JSON document; a file that is really JSON Lines is read as such."""
    check_text_bytes(data, source)
    text = decode(data, source)
    try:
        value = json.loads(text)
    except RecursionError as exc:
        raise BinaryInput(source, TOO_DEEP) from exc
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from _read_lines(text, source, ctx.settings.ingest)
            return
        raise BinaryInput(source, f"invalid JSON at line {exc.lineno} column {exc.colno} ({exc.msg}); "
                                  "fix the file, or give the text as .txt") from exc
    records = _records(value)
    if not records:
        raise NoArticle(source, "the JSON holds no records; give an object or a list of objects with a \"text\" field")
    for i, record in enumerate(records, 1):
        yield record_article(record, source if len(records) == 1 else f"{source}#{i}", ctx.settings.ingest)


def read_jsonl(data: bytes, source: str, ctx: Context, url: str | None = None) -> Iterator[Item]:
    """Articles of a JSON Lines file, one record a line; a bad line is reported by its number."""
    check_text_bytes(data, source)
    yield from _read_lines(decode(data, source), source, ctx.settings.ingest)


def _read_lines(text: str, source: str, limits: IngestSettings) -> Iterator[Item]:
    found = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        found = True
        yield line_article(line, f"{source}#{n}", n, limits)
    if not found:
        yield NoArticle(source, "no JSON records in the file; give one JSON object with a \"text\" field per line")


def line_article(line: str, where: str, n: int, limits: IngestSettings | None = None) -> Article | InputError:
    """The article of one JSONL line, or the error that says which line to fix."""
    try:
        record = json.loads(line)
    except RecursionError:
        return BinaryInput(where, f"line {n}: {TOO_DEEP}")
    except json.JSONDecodeError as exc:
        return BinaryInput(where, f"line {n} is not valid JSON ({exc.msg}); fix or remove that line")
    return record_article(record, where, limits)
