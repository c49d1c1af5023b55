"""Property-based fuzzing: ``newsprism.analyze`` and every reader take hostile input without crashing.

A reader gives articles or ``InputError``s, never another exception; ``analyze`` gives a report or a
``NewsprismError``. CI runs a few hundred cases with a fixed seed; more with environment variables:

    NEWSPRISM_FUZZ_EXAMPLES=5000 NEWSPRISM_FUZZ_SEED=7 .venv/bin/python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import io
import json
import os
import string
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import newsprism
from newsprism.config import Settings
from newsprism.errors import InputError, NewsprismError
from newsprism.ingest import READERS, Fetcher, article_from_text
from newsprism.ingest.base import Context
from newsprism.model import Article

EXAMPLES = int(os.environ.get("NEWSPRISM_FUZZ_EXAMPLES", "0"))
SEED = int(os.environ.get("NEWSPRISM_FUZZ_SEED", "20240517"))
FUZZ = settings(max_examples=EXAMPLES or 60, deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])

WORDS = ("the council said on Monday that the new library would open next week after a flood damaged 4,000 books "
         "in March mayor Ruth Okonkwo told reporters we did not expect this cost $85,000 last year yesterday "
         "Wang Yi denied election interference claims evidence officials according to sources police arrested "
         "two men Friday tomorrow earlier this month").split()
ODD = ["\u202e", "\x1b[31m", "\x00", "\u200b", "\ufeff", "“", "”", "‘", "’", "«", "»", "—", "…", "\"", "'", "é", "ß",
       "中文", "🙂", "\u0301", "\r", "\t", "\x0c", "9999-12-31", "0001-01-01", "Dec. 31, 9999", "Feb 30, 2020", "1e308",
       "-0", "NaN", "<script>", "&amp;", "\\", "$", "%", "CLIMATE", "U.S.", "Mr.", "“We did not,” he said."]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=12),
                  st.text(alphabet=string.ascii_letters, min_size=1, max_size=15))
sentence = st.lists(token, min_size=1, max_size=30).map(" ".join).map(lambda s: s + st_end(s))
# sentences whose time expressions are counted from the publication date (the far ends of the calendar broke this)
dated = st.sampled_from(["The council will vote tomorrow, the mayor said.", "The library flooded yesterday.",
                         "He will return next week, officials said.", "The report came out last year.",
                         "The talks resumed on Monday and end next Friday.", "Two weeks ago the bridge closed.",
                         "Earlier this month, police arrested two men.", "She said she would leave in December.",
                         "The trial starts on Dec. 31 and the verdict is due in January."])
prose = st.lists(st.one_of(sentence, dated, st.text(max_size=200)), min_size=1, max_size=25).map(
    lambda parts: "\n\n".join(parts) if len(parts) % 3 else " ".join(parts))
day = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.sampled_from(["9999-12-31", "0001-01-01"]),
                st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"), st.text(max_size=20),
                st.sampled_from(["9999-12-31", "0001-01-01", "1799-12-31", "2201-01-01", "2018-09-26"]))
name = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(["CNN", "The Hill", "\u202eevil", "a\nb"]))


def st_end(s: str) -> str:
    return "" if s.endswith((".", "!", "?")) else "."


@st.composite
def article(draw: Any, i: int = 0) -> Article | None:
    """An article as the readers would make it from hostile text, or None when the text is refused."""
    text = draw(prose)
    try:
        art = article_from_text(text, source=draw(st.one_of(st.just(f"in{i}.txt"), st.text(max_size=30))),
                                title=draw(name), outlet=draw(name), url=draw(st.one_of(st.none(), st.text(max_size=30))),
                                published=None, author=draw(name))
    except InputError:
        return None
    art.published = draw(day)  # any date a record, a form or --published could carry
    return art


@seed(SEED)
@settings(FUZZ, max_examples=EXAMPLES or 120)
@given(arts=st.lists(article(), min_size=1, max_size=4), override=day)
def test_analyze_gives_a_report_or_a_clear_error(arts: list[Article | None], override: str | None) -> None:
    good = [a for a in arts if a is not None]
    overrides = {good[0].source: override} if good and override else {}  # as --published FILE=DATE gives it
    try:
        report = newsprism.analyze(good, Settings(published=overrides))
    except NewsprismError as exc:  # no article at all, or none that is one: a clear one-line message
        assert str(exc) and "\n" not in str(exc)
        return
    data = report.to_dict()
    json.dumps(data)
    for s in data["summary"]:
        for src in s["sources"]:
            text = next(a.text for a in good if a.id == src["article"])
            assert 0 <= src["start"] <= src["end"] <= len(text)


def _context() -> Context:
    """A reading context whose URL fetches never leave the process: every page is a 404."""
    fetcher = Fetcher(Settings(), transport=httpx.MockTransport(lambda r: httpx.Response(404)))
    return Context(settings=Settings(max_bytes=2_000_000), fetcher=fetcher, read_url=lambda u: iter(()))


def _check_reader(kind: str, data: bytes) -> None:
    ctx = _context()
    try:
        items = list(READERS[kind](data, "fuzz\u202e\x1b.in", ctx))
    except InputError:
        return
    finally:
        ctx.fetcher.close()
    for item in items:
        assert isinstance(item, (Article, InputError)), item
        if isinstance(item, Article):
            assert item.text and "\x1b" not in item.source and "\u202e" not in item.source


json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=50), prose),
                          lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                 st.dictionaries(st.sampled_from(["text", "title", "published", "url",
                                                                                  "outlet", "author", "html", "body",
                                                                                  "articles", "date", "x"]), kids,
                                                                 max_size=6)),
                          max_leaves=20)
raw = st.one_of(st.binary(max_size=3000), prose.map(lambda t: t.encode("utf-8", "surrogatepass")),
                prose.map(lambda t: t.encode("latin-1", "replace")), prose.map(lambda t: t.encode("utf-16")))


def _html(draw: Any) -> bytes:
    tags = draw(st.lists(st.sampled_from(["p", "div", "h1", "article", "script", "title", "meta", "a", "span", "br",
                                          "table", "td", "nav", "footer", "!--"]), max_size=20))
    parts = [f"<{t}>{draw(prose)}" + (f"</{t}>" if draw(st.booleans()) else "") for t in tags]
    head = draw(st.sampled_from(["", "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>",
                                 "<html><head><meta charset='x-bogus'><title>T</title></head>"]))
    return (head + "".join(parts) + ("<div>" * draw(st.integers(0, 3000)))).encode("utf-8", "surrogatepass")


def _feed(draw: Any) -> bytes:
    items = "".join(f"<item><title>{draw(st.text(max_size=20))}</title><link>{draw(st.sampled_from(['http://127.0.0.1/a', 'https://news.example/x', 'ftp://x', '', 'http://[::1]/']))}"
                    f"</link><description>{draw(prose)}</description><pubDate>{draw(day)}</pubDate></item>"
                    for _ in range(draw(st.integers(0, 4))))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode(
        "utf-8", "surrogatepass")


def _warc(draw: Any) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=draw(st.booleans()))
    for i in range(draw(st.integers(0, 3))):
        headers = StatusAndHeaders(draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved"])),
                                   [("Content-Type", draw(st.sampled_from(["text/html", "text/html; charset=latin-1",
                                                                           "image/png"])))], protocol="HTTP/1.1")
        fixed = {"WARC-Date": "2024-05-17T10:00:00Z", "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>"}
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(_html(draw)), http_headers=headers,
                                                      warc_headers_dict=fixed))  # same bytes on every replay
    data = buf.getvalue()
    cut = draw(st.one_of(st.none(), st.integers(0, max(len(data), 1))))
    return data if cut is None else data[:cut]


@st.composite
def reader_input(draw: Any, kind: str) -> bytes:
    """Bytes a reader of ``kind`` might be handed: shaped like its format, broken, or random."""
    if draw(st.integers(0, 4)) == 0:
        return draw(raw)
    if kind in ("json", "jsonl"):
        values = draw(st.lists(json_value, min_size=1, max_size=4))
        if kind == "jsonl":
            return "\n".join(json.dumps(v) for v in values).encode()
        depth = draw(st.integers(0, 3)) * 40_000
        return ("[" * depth + json.dumps(values) + "]" * depth).encode()
    if kind == "html":
        return _html(draw)
    if kind == "feed":
        return _feed(draw)
    if kind == "warc":
        return _warc(draw)
    return draw(prose).encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("kind", sorted(READERS))
def test_each_reader_gives_articles_or_input_errors(kind: str) -> None:
    @seed(SEED)
    @settings(FUZZ, max_examples=EXAMPLES or 60)
    @given(data=reader_input(kind))
    def run(data: bytes) -> None:
        _check_reader(kind, data)

    run()
