"""Fetching http(s) URLs with timeouts, a size cap and a content-type check.

The transport is injectable (any ``httpx.BaseTransport``), so tests serve pages from a local server or an
``httpx.MockTransport`` instead of the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import FetchError, TooLarge

if TYPE_CHECKING:
    import httpx

USER_AGENT = "newsprism/0.1 (news article analysis)"
MAX_REDIRECTS = 5

# content types that can hold an article, and the reader that handles each
CONTENT_KINDS: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/json": "json",
    "application/ld+json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/warc": "warc",
}

# generic types whose content is recognised by sniffing it (a .warc.gz, a gzipped page)
SNIFF_TYPES = {"application/octet-stream", "binary/octet-stream", "application/gzip", "application/x-gzip"}


@dataclass(slots=True, frozen=True)
class Fetched:
    """A fetched document: the final URL after redirects, the reader kind its content type implies, the bytes."""

    url: str
    kind: str | None
    content: bytes


def is_url(value: str) -> bool:
    """Whether an input names a web address rather than a file."""
    low = value.lower()
    return low.startswith(("http://", "https://"))


class Fetcher:
    """Fetches URLs for the readers; one HTTP client for a whole run."""

    def __init__(self, settings: Settings | None = None, transport: "httpx.BaseTransport | None" = None) -> None:
        self.settings = settings or Settings()
        self._transport = transport
        self._client: "httpx.Client | None" = None

    def _get_client(self) -> "httpx.Client":
        if self._client is None:
            import httpx

            self._client = httpx.Client(
                transport=self._transport,
                timeout=httpx.Timeout(self.settings.fetch_timeout),
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
            )
        return self._client

    def fetch(self, url: str) -> Fetched:
        """The document at ``url``, or a ``FetchError``/``TooLarge`` that says what went wrong."""
        import httpx

        limit = self.settings.max_bytes
        timeout = self.settings.fetch_timeout
        try:
            with self._get_client().stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise FetchError(url, f"the server answered HTTP {resp.status_code} {resp.reason_phrase}; "
                                          "check the address, or save the page and give the file")
                ctype = resp.headers.get("content-type", "").split(";", 1)[0].strip().lower()
                kind = CONTENT_KINDS.get(ctype)
                if ctype and kind is None and not ctype.startswith("text/") and ctype not in SNIFF_TYPES:
                    raise FetchError(url, f"content type {ctype!r} is not an article (HTML, text, JSON or a feed); "
                                          "give the address of the article page")
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise TooLarge(url, f"the page is {int(declared) / 1e6:.1f} MB, over the "
                                        f"{limit / 1e6:g} MB limit; raise the limit with --max-mb "
                                        "(Settings.max_bytes) to read it")
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(url, f"the page is over the {limit / 1e6:g} MB limit; "
                                            "raise the limit with --max-mb (Settings.max_bytes) to read it")
                    chunks.append(chunk)
                return Fetched(str(resp.url), kind or ("text" if ctype == "text/plain" else None), b"".join(chunks))
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"no answer within {timeout:g} s; check the address or try again later") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects; give the final address of the page") from exc
        except httpx.UnsupportedProtocol as exc:
            raise FetchError(url, "not an http or https address; check the URL") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"not a valid URL ({exc}); check the address") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"could not be fetched ({exc.__class__.__name__}: {exc}); check the address "
                                  "and the network connection") from exc

    def close(self) -> None:
        """Closes the HTTP client."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
