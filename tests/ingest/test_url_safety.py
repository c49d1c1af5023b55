"""URL safety: internal addresses refused (after name resolution and after each redirect) unless allowed, an overall
deadline however slowly a server sends, and a feed's linked items fetched several at once."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from newsprism.cli import main
from newsprism.config import Settings
from newsprism.errors import FetchError, InputError
from newsprism.ingest import Fetcher, iter_articles
from newsprism.ingest.url import internal
from newsprism.model import Article

PUBLIC = "93.184.216.34"  # a public address the fake resolver gives; nothing is ever sent to it


def _mock(seen: list[str], page: bytes, redirect: str | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if redirect and request.url.path == "/moved":
            return httpx.Response(302, headers={"Location": redirect})
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=page)
    return httpx.MockTransport(handler)


def _resolver(table: dict[str, list[str]]) -> Callable[[str, int], list[str]]:
    return lambda host, port: table.get(host, [])


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/story", "http://localhost/story", "http://127.1/story", "http://2130706433/story",
    "http://0x7f.1/story", "http://[::1]/story", "http://[::ffff:127.0.0.1]/story", "http://10.0.0.5/story",
    "http://192.168.1.1/story", "http://172.16.0.9/story", "http://169.254.169.254/latest/meta-data",
    "http://[fe80::1]/story", "http://224.0.0.1/story", "http://0.0.0.0/story",
])
def test_internal_addresses_are_refused_before_any_request(url: str, make_page: Callable[..., str]) -> None:
    seen: list[str] = []
    with Fetcher(Settings(), transport=_mock(seen, make_page().encode())) as fetcher:
        (e,) = list(iter_articles([url], Settings(), fetcher=fetcher))
    assert isinstance(e, FetchError) and e.source == url
    assert "inside this machine or a private network" in e.message and "--allow-private" in e.message
    assert seen == []


def test_a_name_that_resolves_inside_is_refused(make_page: Callable[..., str]) -> None:
    seen: list[str] = []
    resolver = _resolver({"intranet.example": ["10.1.2.3"], "news.example": [PUBLIC]})
    with Fetcher(Settings(), transport=_mock(seen, make_page().encode()), resolver=resolver) as fetcher:
        e, a = list(iter_articles(["http://intranet.example/wiki", "http://news.example/story"], Settings(),
                                  fetcher=fetcher))
    assert isinstance(e, FetchError) and "intranet.example (10.1.2.3)" in e.message
    assert isinstance(a, Article)
    assert seen == ["http://news.example/story"]


@pytest.mark.parametrize("target", ["http://127.0.0.1:8000/admin", "http://intranet.example/secret",
                                    "http://[::1]/x"])
def test_a_redirect_to_an_internal_address_is_refused(target: str, make_page: Callable[..., str]) -> None:
    seen: list[str] = []
    resolver = _resolver({"intranet.example": ["192.168.0.10"], "news.example": [PUBLIC]})
    with Fetcher(Settings(), transport=_mock(seen, make_page().encode(), redirect=target),
                 resolver=resolver) as fetcher:
        (e,) = list(iter_articles(["http://news.example/moved"], Settings(), fetcher=fetcher))
    assert isinstance(e, FetchError) and "private network" in e.message
    assert seen == ["http://news.example/moved"]  # the redirect target was never requested


def test_internal_address_check() -> None:
    assert all(internal(a) for a in ("127.0.0.1", "10.0.0.1", "::1", "fe80::1", "ff02::1", "239.1.1.1", "fc00::1",
                                     "100.64.0.1", "::ffff:10.0.0.1", "not an address"))
    assert not any(internal(a) for a in (PUBLIC, "2606:4700:4700::1111"))


class _Server:
    """A server on 127.0.0.1 whose paths answer slowly in the ways the tests need."""

    def __init__(self, page: bytes) -> None:
        outer = self
        self.hits: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
                outer.hits.append(self.path)
                try:
                    if self.path.startswith("/trickle"):  # one byte every 0.3 s, for ever
                        self.send_response(200)
                        self.send_header("Content-Type", "text/html")
                        self.send_header("Content-Length", "100000")
                        self.end_headers()
                        for _ in range(200):
                            self.wfile.write(b"<")
                            self.wfile.flush()
                            time.sleep(0.3)
                        return
                    if self.path.startswith("/slow"):
                        time.sleep(1.0)
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server(make_page: Callable[..., str]) -> Iterator[_Server]:
    s = _Server(make_page(canonical="").encode())
    yield s
    s.close()


def test_local_server_is_refused_by_default_and_read_with_allow_private(server: _Server, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (e,) = list(iter_articles([server.url + "/story"], Settings()))
    assert isinstance(e, FetchError) and "--allow-private" in e.message and server.hits == []
    (a,) = list(iter_articles([server.url + "/story"], Settings(allow_private=True)))
    assert isinstance(a, Article) and server.hits == ["/story"]
    db = str(tmp_path / "s.db")
    assert main(["ingest", server.url + "/story", "--store", db, "--no-progress"]) == 2
    assert "--allow-private" in capsys.readouterr().err
    assert main(["ingest", server.url + "/story", "--store", db, "--no-progress", "--allow-private"]) == 0
    assert "ingested 1 new articles" in capsys.readouterr().out


def test_a_trickling_server_meets_the_overall_deadline(server: _Server) -> None:
    settings = Settings(allow_private=True, fetch_timeout=5, fetch_deadline=1.5)
    t0 = time.monotonic()
    (e,) = list(iter_articles([server.url + "/trickle"], settings))
    took = time.monotonic() - t0
    assert isinstance(e, FetchError) and "no complete answer within 1.5 s" in e.message
    assert took < 4, took


def _feed(links: list[str]) -> str:
    entries = "".join(f"<item><title>Story {i}</title><link>{u}</link><description>Short.</description></item>"
                      for i, u in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>{entries}</channel></rss>'


def test_feed_items_are_fetched_several_at_once_in_feed_order(server: _Server, tmp_path: Path) -> None:
    links = [f"{server.url}/slow/{i}" for i in range(5)]
    (tmp_path / "feed.rss").write_text(_feed(links))
    t0 = time.monotonic()
    items = list(iter_articles([str(tmp_path / "feed.rss")], Settings(allow_private=True)))
    took = time.monotonic() - t0
    assert [i.source for i in items] == links  # feed order, one item each
    assert took < 3.5, f"5 items of 1 s each took {took:.1f} s: not fetched concurrently"
    assert sorted(server.hits) == [f"/slow/{i}" for i in range(5)]


def test_concurrency_is_bounded(server: _Server, tmp_path: Path) -> None:
    links = [f"{server.url}/slow/{i}" for i in range(4)]
    (tmp_path / "feed.rss").write_text(_feed(links))
    t0 = time.monotonic()
    items = list(iter_articles([str(tmp_path / "feed.rss")], Settings(allow_private=True, fetch_concurrency=2)))
    assert len(items) == 4 and time.monotonic() - t0 >= 1.9  # two rounds of two


def test_feed_in_a_directory_does_not_reach_inside_addresses(server: _Server, tmp_path: Path, body: str) -> None:
    (tmp_path / "a.txt").write_text("Library reopens\n\n" + body)
    (tmp_path / "feed.rss").write_text(_feed([server.url + "/story", "http://169.254.169.254/latest/meta-data"]))
    items = list(iter_articles([str(tmp_path)], Settings()))
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert len(arts) == 1 and len(errs) == 2 and all("private network" in e.message for e in errs)
    assert server.hits == []
