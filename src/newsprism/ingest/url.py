"""Fetching http(s) URLs with timeouts, an overall deadline, a size cap, a content-type check, and a refusal of
addresses inside this machine or its network (loopback, private, link-local, multicast) unless allowed.

The transport is injectable (any ``httpx.BaseTransport``), so tests serve pages from a local server or an
``httpx.MockTransport`` instead of the network; so is the name resolver the address check uses.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import FetchError, InputError, TooLarge

if TYPE_CHECKING:
    import httpx

USER_AGENT = "newsprism/0.1 (news article analysis)"

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


Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """The addresses a host name stands for (empty when it does not resolve: the connection then fails by itself)."""
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)})
    except (OSError, UnicodeError):
        return []


def internal(address: str) -> bool:
    """Whether an address is inside this machine or a private network: loopback, private, link-local, multicast,
    unspecified or reserved (IPv4 written inside IPv6 counts as the IPv4 address)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True  # not an address we can judge: refuse rather than guess
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_multicast or not ip.is_global


class _Refused(Exception):
    """A request to an internal address, stopped before it was sent."""


def is_url(value: str) -> bool:
    """Whether an input names a web address rather than a file."""
    low = value.lower()
    return low.startswith(("http://", "https://"))


@dataclass(slots=True)
class _Job:
    """One URL being fetched on a worker thread."""

    url: str
    started: float | None = None
    result: "Fetched | InputError | None" = None
    done: threading.Event = field(default_factory=threading.Event)


class Fetcher:
    """Fetches URLs for the readers; one HTTP client for a whole run, several URLs at once with a bound."""

    def __init__(self, settings: Settings | None = None, transport: "httpx.BaseTransport | None" = None,
                 resolver: Resolver = resolve) -> None:
        self.settings = settings or Settings()
        self._transport = transport
        self._resolve = resolver
        self._client: "httpx.Client | None" = None
        self._slots = threading.BoundedSemaphore(max(1, self.settings.fetch_concurrency))
        self._client_lock = threading.Lock()

    def _get_client(self) -> "httpx.Client":
        with self._client_lock:
            if self._client is None:
                import httpx

                self._client = httpx.Client(
                    transport=self._transport,
                    timeout=httpx.Timeout(self.settings.fetch_timeout),
                    follow_redirects=True,
                    max_redirects=self.settings.ingest.max_redirects,
                    headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
                    event_hooks={"request": [self._check_address]},
                )
            return self._client

    def _check_address(self, request: "httpx.Request") -> None:
        """Stops a request (the first or a redirect) to an internal address, after resolving its host name."""
        if self.settings.allow_private:
            return
        host = request.url.host
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            addresses = self._resolve(host, port)
        bad = [a for a in addresses if internal(a)]
        if bad:
            where = host if bad == [host] else f"{host} ({bad[0]})"
            raise _Refused(f"{where} is an address inside this machine or a private network (loopback, private, "
                           "link-local or multicast), which is not fetched; pass --allow-private "
                           "(Settings.allow_private) to fetch it")

    def fetch(self, url: str) -> Fetched:
        """The document at ``url``, or a ``FetchError``/``TooLarge`` that says what went wrong."""
        (got,) = self.fetch_all([url])
        if isinstance(got, InputError):
            raise got
        return got

    def fetch_all(self, urls: Iterable[str]) -> Iterator["Fetched | InputError"]:
        """Each URL's document (or its error), in order; up to ``Settings.fetch_concurrency`` are fetched at once,
        and each gets ``Settings.fetch_deadline`` seconds in all, however slowly its server sends."""
        jobs = [_Job(u) for u in urls]
        for job in jobs:  # daemon threads: a server that never finishes cannot hold the process open at exit
            threading.Thread(target=self._run, args=(job,), daemon=True, name="newsprism-fetch").start()
        deadline = self.settings.fetch_deadline
        for job in jobs:
            while not job.done.wait(0.05):
                if job.started is not None and time.monotonic() - job.started > deadline + 1.0:
                    job.result = FetchError(job.url, f"no complete answer within {deadline:g} s (the server sends "
                                                     "too slowly); try again later, or save the page and give the file")
                    break
            assert job.result is not None
            yield job.result

    def _run(self, job: _Job) -> None:
        with self._slots:
            job.started = time.monotonic()
            try:
                job.result = self._fetch_now(job.url, job.started + self.settings.fetch_deadline)
            except InputError as exc:
                job.result = exc
            except Exception as exc:  # the client was closed under a request that outlived its deadline
                job.result = FetchError(job.url, f"could not be fetched ({exc.__class__.__name__}); try again")
            finally:
                job.done.set()

    def _fetch_now(self, url: str, deadline: float) -> Fetched:
        """One GET, on the calling thread."""
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
                    if time.monotonic() > deadline:
                        raise FetchError(url, f"no complete answer within {self.settings.fetch_deadline:g} s (the "
                                              "server sends too slowly); try again later, or save the page and "
                                              "give the file")
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(url, f"the page is over the {limit / 1e6:g} MB limit; "
                                            "raise the limit with --max-mb (Settings.max_bytes) to read it")
                    chunks.append(chunk)
                return Fetched(str(resp.url), kind or ("text" if ctype == "text/plain" else None), b"".join(chunks))
        except _Refused as exc:
            raise FetchError(url, str(exc)) from exc
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"no answer within {timeout:g} s; check the address or try again later") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(url, f"more than {self.settings.ingest.max_redirects} redirects; give the final address "
                                  "of the page") from exc
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
