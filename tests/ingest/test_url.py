"""URL reading: local server and mock transport, timeouts, size cap, content types, HTTP errors."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable

import httpx
import pytest

from newsprism.config import Settings
from newsprism.errors import FetchError, InputError, TooLarge
from newsprism.ingest import Fetcher, iter_articles
from newsprism.model import Article


def read(*inputs: str, settings: Settings | None = None, fetcher: Fetcher | None = None) -> list[Article | InputError]:
    """Reads inputs; the local test server is on 127.0.0.1, so private addresses are allowed unless said otherwise."""
    return list(iter_articles(list(inputs), settings or Settings(allow_private=True), fetcher=fetcher))


def test_article_page_from_local_server(local_server: Callable[..., str], make_page: Callable[..., str]) -> None:
    base = local_server({"/news/library": (200, "text/html; charset=utf-8", make_page(canonical="").encode())})
    (a,) = read(base + "/news/library")
    assert isinstance(a, Article)
    assert a.source == base + "/news/library"
    assert a.url == base + "/news/library"
    assert a.outlet == "Lakeview Ledger"


def test_plain_text_and_json_urls(local_server: Callable[..., str], body: str) -> None:
    base = local_server({
        "/a.txt": (200, "text/plain; charset=utf-8", ("Library reopens\n\n" + body).encode()),
        "/a.json": (200, "application/json", json.dumps({"text": body, "title": "From JSON"}).encode()),
    })
    a, b = read(base + "/a.txt", base + "/a.json")
    assert isinstance(a, Article) and a.title == "Library reopens" and a.outlet == "127.0.0.1"
    assert isinstance(b, Article) and b.title == "From JSON"


def test_http_error_status(local_server: Callable[..., str]) -> None:
    base = local_server({})
    (e,) = read(base + "/missing")
    assert isinstance(e, FetchError) and "HTTP 404" in e.message and e.source == base + "/missing"


def test_wrong_content_type(local_server: Callable[..., str]) -> None:
    base = local_server({"/report.pdf": (200, "application/pdf", b"%PDF-1.4 ...")})
    (e,) = read(base + "/report.pdf")
    assert isinstance(e, FetchError) and "application/pdf" in e.message


def test_size_cap(local_server: Callable[..., str], make_page: Callable[..., str]) -> None:
    page = make_page().encode()
    base = local_server({"/big": (200, "text/html", page)})
    (e,) = read(base + "/big", settings=Settings(max_bytes=len(page) // 2, allow_private=True))
    assert isinstance(e, TooLarge) and "limit" in e.message


def test_timeout(local_server: Callable[..., str], make_page: Callable[..., str]) -> None:
    base = local_server({"/slow": (200, "text/html", make_page().encode())})
    (e,) = read(base + "/slow", settings=Settings(fetch_timeout=0.3, allow_private=True))
    assert isinstance(e, FetchError) and "0.3 s" in e.message


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_url_does_not_stop_other_inputs(local_server: Callable[..., str],
                                                    make_page: Callable[..., str]) -> None:
    bad = f"http://127.0.0.1:{_closed_port()}/story"
    base = local_server({"/ok": (200, "text/html", make_page().encode())})
    e, a = read(bad, base + "/ok", settings=Settings(fetch_timeout=2, allow_private=True))
    assert isinstance(e, FetchError) and e.source == bad and "check the address" in e.message
    assert isinstance(a, Article)


def test_mock_transport_seam(make_page: Callable[..., str]) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/moved":
            return httpx.Response(301, headers={"Location": "https://ledger.example/final"})
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=make_page(canonical="").encode())

    with Fetcher(Settings(), transport=httpx.MockTransport(handler)) as fetcher:
        (a,) = read("https://ledger.example/moved", fetcher=fetcher)
    assert isinstance(a, Article)
    assert a.url == "https://ledger.example/final"  # the address after redirects
    assert a.outlet == "Lakeview Ledger"
    assert seen == ["https://ledger.example/moved", "https://ledger.example/final"]


def test_non_http_scheme_is_refused() -> None:
    (e,) = read("ftp://ledger.example/story.txt")
    assert isinstance(e, InputError) and "http" in e.message


@pytest.mark.parametrize("ctype", ["image/png", "video/mp4", "application/zip"])
def test_non_article_types_via_mock(ctype: str) -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(200, headers={"Content-Type": ctype}, content=b"x"))
    with Fetcher(Settings(), transport=transport) as fetcher:
        (e,) = read("https://ledger.example/thing", fetcher=fetcher)
    assert isinstance(e, FetchError) and ctype in e.message
