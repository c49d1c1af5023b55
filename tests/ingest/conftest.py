"""Fixtures for the ingest tests: invented articles and a local web server."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator

import pytest

PARAGRAPHS = [
    "The Lakeview public library reopened on Monday, six weeks after a burst water main flooded its reading "
    "room and damaged more than 4,000 books.",
    "\"We have been waiting for this day since the water came in,\" said head librarian Ruth Okonkwo. \"The "
    "children's section is the first thing we rebuilt, because that is where most of our visitors go.\"",
    "The city council paid for new shelving and carpets, and a local bookshop donated 600 picture books to "
    "replace the ones that could not be saved.",
    "Council member Victor Hale said the repairs cost about $85,000, which was less than the insurers had "
    "first estimated. He added that the water main would be replaced next month.",
]


def article_body() -> str:
    """A short invented English news article, paragraphs separated by blank lines."""
    return "\n\n".join(PARAGRAPHS)


def html_page(body_paragraphs: list[str] | None = None, *, title: str = "Lakeview library reopens after flood",
              site: str = "Lakeview Ledger", published: str = "2025-05-12T09:30:00+00:00",
              author: str = "Sam Ortega", canonical: str = "https://ledger.example/2025/05/12/library-reopens",
              charset: str = "utf-8") -> str:
    """An article page with the usual metadata, navigation and footer around the story."""
    paras = "\n".join(f"<p>{p}</p>" for p in (body_paragraphs if body_paragraphs is not None else PARAGRAPHS))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{title} | {site}</title>
<meta name="author" content="{author}">
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{canonical}">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main><article><h1>{title}</h1>
{paras}
</article></main>
<footer><p>Contact the newsroom</p></footer>
</body></html>"""


Route = tuple[int, str, bytes]  # status, content type, body


@pytest.fixture
def local_server() -> Iterator[Callable[[dict[str, Route]], str]]:
    """Starts a server on 127.0.0.1 serving the given routes; returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(routes: dict[str, Route]) -> str:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
                if self.path == "/slow":
                    threading.Event().wait(1.5)
                status, ctype, body = routes.get(self.path, (404, "text/plain", b"not found"))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


@pytest.fixture
def body() -> str:
    """The invented article's text."""
    return article_body()


@pytest.fixture
def make_page() -> Callable[..., str]:
    """Builds an article page (see ``html_page``)."""
    return html_page
