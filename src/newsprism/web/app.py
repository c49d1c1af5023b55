"""`newsprism serve`: a Starlette app over the store. Thin: it calls the store, the analysis API and the renderers."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import resources
from typing import Any, Literal
from urllib.parse import urlencode

import anyio
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..config import Settings
from ..corpus.listing import SORTS, StoryFilter
from ..errors import InputError, NewsprismError, StoreError, TooLarge
from ..model import Article, Report
from ..report import render
from ..report.html import PAGED
from ..report.display import one_line, plain
from . import openapi
from .pages import NAV, list_filter, page, public_report, public_source, public_story, segments, story_row
from .security import BodyLimit, SameOrigin, SecurityHeaders

ID = re.compile(openapi.ID_PATTERN)
LIST_PARAMS = ("sort", "min", "outlet", "since", "until")
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]

StoreFactory = Callable[[str], Any]


class _Cache:
    """A small LRU of rendered story pages, keyed by story id and the story's membership."""

    def __init__(self, size: int = 64, recheck: float = 2.0) -> None:
        self.size = size
        self.recheck = recheck
        self.items: OrderedDict[tuple[Any, ...], tuple[Report, str]] = OrderedDict()
        self.checked: dict[str, tuple[float, tuple[Any, ...]]] = {}
        self.lock = threading.Lock()
        self.story_locks: dict[str, threading.Lock] = {}

    def recent(self, story_id: str) -> tuple[Report, str] | None:
        """The story's page when its membership was checked against the store less than ``recheck`` s ago."""
        with self.lock:
            seen = self.checked.get(story_id)
            if seen is None or time.monotonic() - seen[0] > self.recheck:
                return None
            return self.items.get(seen[1])

    def checked_now(self, story_id: str, key: tuple[Any, ...]) -> None:
        with self.lock:
            self.checked[story_id] = (time.monotonic(), key)
            if len(self.checked) > 4 * self.size:
                self.checked.pop(next(iter(self.checked)))

    def get(self, key: tuple[Any, ...]) -> tuple[Report, str] | None:
        with self.lock:
            hit = self.items.get(key)
            if hit is not None:
                self.items.move_to_end(key)
            return hit

    def put(self, key: tuple[Any, ...], value: tuple[Report, str]) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def story_lock(self, story_id: str) -> threading.Lock:
        """One lock per story, so concurrent first views compute its report once."""
        with self.lock:
            return self.story_locks.setdefault(story_id, threading.Lock())


class App:
    """The handlers, holding one open store shared by the worker threads (the store serialises its own access)."""

    def __init__(self, store: Any, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.cache = _Cache()
        self.analysis_slot = threading.Semaphore(1)
        self.web = settings.web  # the form's budget and deadline, the request size
        self.reports = ThreadPoolExecutor(max_workers=2, thread_name_prefix="newsprism-report")
        self.pending: dict[str, Future[tuple[Report, str] | None]] = {}
        self.pending_lock = threading.Lock()

    # -- shared helpers ------------------------------------------------------------------------------------
    def _story_page(self, story_id: str) -> tuple[Report, str] | None:
        """The story's report and its HTML page (cached while the story's articles stay the same)."""
        story = self.store.get_story(story_id)
        if story is None:
            return None
        key = (story_id, tuple((a.get("id"), a.get("copy_of")) for a in story.get("articles") or []))
        hit = self.cache.get(key)
        if hit is None:
            with self.cache.story_lock(story_id):
                hit = self.cache.get(key)
                if hit is None:
                    report = Report.from_dict(self.store.story_report(story_id))
                    hit = (report, self._render_story(story_id, report, {}))
                    self.cache.put(key, hit)
        self.cache.checked_now(story_id, key)
        return hit

    def _render_story(self, story_id: str, report: Report, pages: dict[str, int]) -> str:
        """One page of a story: long sections a page at a time, sources shown by file name."""
        texts = {a.id: a.text for a in self.store.story_articles(story_id)}
        return render(public_report(report), "html", articles=texts, nav=NAV, per_page=self.web.section_page,
                      pages=pages, article_href="/articles/{id}?story=" + story_id, limits=self.settings.report)

    async def _story_soon(self, story_id: str) -> tuple[Report, str] | None | Literal[False]:
        """The story's page, None for an unknown story, or False while its report is still being made."""
        with self.pending_lock:
            job = self.pending.get(story_id)
            started = job is None
            if job is None:
                job = self.reports.submit(self._story_page, story_id)
                self.pending[story_id] = job
        if started:  # outside the lock: a job already done runs the callback at once, in this thread
            job.add_done_callback(lambda _: self._forget(story_id))
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(job)), self.web.first_byte_wait)
        except TimeoutError:
            return False

    def _forget(self, story_id: str) -> None:
        with self.pending_lock:
            self.pending.pop(story_id, None)

    # -- HTML pages ----------------------------------------------------------------------------------------
    async def index(self, request: Request) -> Response:
        query = _query(request.query_params.get("q"), self.web.max_query)
        page_no = _int_param(request, "page", 1, 1, 100_000)
        size = self.web.page_size
        error = note = None
        status = 200
        stories: list[dict[str, Any]] = []
        if query is None:
            error, status = f"the search is too long: use at most {self.web.max_query} characters", 400
        elif query:
            try:
                stories = await run_in_threadpool(self.store.search_stories, query)
            except StoreError as exc:
                words = _plain_words(query)
                if not words:
                    error, status = str(exc), 400
                else:  # not valid FTS5 syntax: search the words themselves
                    note = f"{exc}. Showing stories with the words {', '.join(words)}."
                    stories = await run_in_threadpool(self.store.search_stories,
                                                      " ".join(f'"{w}"' for w in words))
        wanted = list_filter({k: (request.query_params.get(k) or "")[:self.web.max_query] for k in LIST_PARAMS})
        plain_list = not query and wanted == StoryFilter()
        if plain_list:  # the store pages its own list, newest first
            stories = await run_in_threadpool(self.store.list_stories, size + 1, (page_no - 1) * size)
        else:
            if not query and not error:
                stories = await run_in_threadpool(self.store.list_stories, self.web.list_cap, 0)
            stories = wanted.apply(stories, keep_order=bool(query) and wanted.sort == "recent")
            stories = stories[(page_no - 1) * size:page_no * size + 1]
        more = len(stories) > size
        rows = [story_row(s) for s in stories[:size]]
        kept = {k: request.query_params[k] for k in ("q", *LIST_PARAMS) if request.query_params.get(k)}
        return _html(page("stories.html.j2", title="Stories", query=query or "", rows=rows, error=error,
                          note=note, page_no=page_no, more=more, searched=bool(query), wanted=wanted,
                          sorts=SORTS, filtered=not plain_list, kept=urlencode(kept)), status)

    async def story(self, request: Request) -> Response:
        story_id = _valid_id(request.path_params["story_id"])
        got = self.cache.recent(story_id) or await self._story_soon(story_id)
        if got is False:
            info = await run_in_threadpool(self.store.get_story, story_id)
            n = len((info or {}).get("articles") or [])
            return _html(page("working.html.j2", title="Analysing the story", n=n,
                              story_title=one_line((info or {}).get("title")) or "this story"), 202)
        if got is None:
            raise HTTPException(404, f"no story {story_id} in this store")
        pages = {k: _int_param(request, k, 1, 1, 100_000) for k in PAGED if k in request.query_params}
        if not pages:
            return _html(got[1])
        return _html(await run_in_threadpool(self._render_story, story_id, got[0], pages))

    async def article(self, request: Request) -> Response:
        article_id = _valid_id(request.path_params["article_id"])
        art: Article | None = await run_in_threadpool(self.store.get_article, article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id} in this store")
        story_id = request.query_params.get("story")
        quotes: list[tuple[int, int, str]] = []
        quote_rows: list[dict[str, Any]] = []
        if story_id:
            story_id = _valid_id(story_id)
            got = await run_in_threadpool(self._story_page, story_id)
            if got is not None:
                for q in got[0].quotes:
                    if q.article == article_id:
                        who = one_line(q.speaker) or "unattributed"
                        quotes.append((q.start, q.end, who))
                        quote_rows.append({"speaker": who, "kind": q.kind, "start": q.start, "end": q.end,
                                           "text": one_line(q.text)})
        highlight = None
        if "start" in request.query_params or "end" in request.query_params:
            start = _int_param(request, "start", 0, 0, len(art.text))
            end = _int_param(request, "end", start, start, len(art.text))
            highlight = (start, end)
        return _html(page("article.html.j2", title=one_line(art.title) or art.id, art=art,
                          source=public_source(art.source),
                          pieces=segments(art.text, quotes, highlight), quotes=quote_rows, story_id=story_id,
                          highlight=highlight, removed=[(one_line(r.kind), plain(r.text)) for r in art.removed]))

    async def analyze_form(self, request: Request) -> Response:
        return _html(page("analyze.html.j2", title="Analyse articles", slots=range(1, self.web.paste_slots + 1),
                          error=None, values={}, max_body=self.web.max_body, max_files=self.web.max_files))

    async def analyze_post(self, request: Request) -> Response:
        values: dict[str, str] = {}
        try:
            async with request.form(max_files=self.web.max_files, max_fields=8 * self.web.paste_slots + 8,
                                    max_part_size=self.web.max_body) as form:
                for key, value in form.multi_items():
                    if isinstance(value, str):
                        values[key] = value
                uploads = []
                for item in form.getlist("files"):
                    if isinstance(item, UploadFile) and item.filename:
                        uploads.append((os.path.basename(item.filename), await item.read()))
        except HTTPException:
            raise
        except Exception as exc:  # malformed multipart bodies
            return self._form_error(f"the form could not be read ({exc}); send it again from this page", values)
        words = sum(len(values.get(f"text{i}", "").split()) for i in range(1, self.web.paste_slots + 1)) + \
            sum(len(data.split()) for _, data in uploads)
        if words > self.web.max_analysis_words:
            return self._form_error(f"the articles hold {words:,} words; one analysis here takes at most "
                                    f"{self.web.max_analysis_words:,} words in all: send fewer or shorter articles, or "
                                    "analyse them with the newsprism command", values, 413)
        try:
            articles = _form_articles(values, uploads, self.settings)
        except TooLarge as exc:
            return self._form_error(str(exc), values, 413)
        except (InputError, NewsprismError) as exc:
            return self._form_error(str(exc), values)
        if not articles:
            return self._form_error("no article given: paste a text or choose a file", values)
        if not self.analysis_slot.acquire(blocking=False):  # an analysis past its deadline is still finishing
            return self._form_error("the server is still finishing an earlier analysis; send the form again in "
                                    "a minute", values, 503)
        try:
            with anyio.fail_after(self.web.analysis_seconds):
                report = await anyio.to_thread.run_sync(self._analyze_in_slot, articles, abandon_on_cancel=True)
        except TimeoutError:
            seconds = self.web.analysis_seconds
            return self._form_error(f"the analysis took longer than {seconds:g} s and was given up; send fewer or "
                                    "shorter articles", values, 503)
        except NewsprismError as exc:
            return self._form_error(str(exc), values)
        texts = {a.id: a.text for a in articles}
        return _html(render(report, "html", articles=texts, nav=NAV, limits=self.settings.report))

    def _analyze_in_slot(self, articles: list[Article]) -> Report:
        """The analysis, on a worker thread; the slot is held until it ends, even after its request gave up on it,
        so at most one analysis is ever in memory."""
        try:
            return self._analyze(articles)
        finally:
            self.analysis_slot.release()

    def _analyze(self, articles: list[Article]) -> Report:
        from ..api import analyze

        return analyze(articles, self.settings)

    def _form_error(self, message: str, values: dict[str, str], status: int = 400) -> Response:
        return _html(page("analyze.html.j2", title="Analyse articles", slots=range(1, self.web.paste_slots + 1),
                          error=message, values=values, max_body=self.web.max_body,
                          max_files=self.web.max_files), status)

    async def api_docs(self, request: Request) -> Response:
        return _html(page("api.html.j2", title="API", doc=openapi.document(__version__)))

    # -- JSON API ------------------------------------------------------------------------------------------
    async def api_stories(self, request: Request) -> Response:
        query = _query(request.query_params.get("q"), self.web.max_query)
        if query is None:
            return _error(400, f"q is too long: use at most {self.web.max_query} characters")
        limit = _int_param(request, "limit", 100, 1, 500)
        offset = _int_param(request, "offset", 0, 0, 10**9)
        try:
            if query:
                stories = await run_in_threadpool(self.store.search_stories, query, limit)
            else:
                stories = await run_in_threadpool(self.store.list_stories, limit, offset)
        except StoreError as exc:
            return _error(400, str(exc))
        stories = [public_story(st) for st in stories]
        return JSONResponse({"stories": stories, "count": len(stories), "query": query or None, "limit": limit,
                             "offset": 0 if query else offset})

    async def api_story(self, request: Request) -> Response:
        story_id = _valid_id(request.path_params["story_id"])
        with_report = request.query_params.get("report", "1")
        if with_report not in ("0", "1"):
            return _error(400, "report must be 0 or 1")
        story = await run_in_threadpool(self.store.get_story, story_id)
        if story is None:
            return _error(404, f"no story {story_id} in this store")
        body: dict[str, Any] = {"story": public_story(story)}
        if with_report == "1":
            got = await run_in_threadpool(self._story_page, story_id)
            if got is None:
                return _error(404, f"no story {story_id} in this store")
            body["report"] = public_report(got[0]).to_dict()
        return JSONResponse(body)

    async def api_article(self, request: Request) -> Response:
        article_id = _valid_id(request.path_params["article_id"])
        art = await run_in_threadpool(self.store.get_article, article_id)
        if art is None:
            return _error(404, f"no article {article_id} in this store")
        return JSONResponse({**art.meta(), "source": public_source(art.source), "text": art.text})

    async def openapi_json(self, request: Request) -> Response:
        return JSONResponse(openapi.document(__version__))

    async def health(self, request: Request) -> Response:
        return PlainTextResponse("ok\n")


def _form_articles(values: dict[str, str], uploads: list[tuple[str, bytes]],
                   settings: Settings | None = None) -> list[Article]:
    """Articles from the form's pasted texts and uploaded files; a file goes to the reader of its kind (text, HTML,
    JSON, JSON Lines, WARC, feed), by its name or else by its content, as on the command line."""
    from ..ingest import article_from_text

    settings = settings or Settings()
    out: list[Article] = []
    default_date = _date(values.get("published", ""))
    for i in range(1, settings.web.paste_slots + 1):
        text = values.get(f"text{i}", "")
        if not text.strip():
            continue
        out.append(article_from_text(text, source=f"pasted-{i}", title=_field(values.get(f"title{i}")),
                                     outlet=_field(values.get(f"outlet{i}")),
                                     published=_date(values.get(f"published{i}", "")) or default_date,
                                     limits=settings.ingest))
    for name, data in uploads:
        out.extend(_upload_articles(name, data, settings, default_date))
    return out


def _upload_articles(name: str, data: bytes, settings: Settings, published: str | None) -> list[Article]:
    """The articles of one uploaded file, read by the ingest readers; links in it (a feed's items) are not fetched."""
    from ..ingest import EXTENSIONS, Fetcher, read_bytes
    from ..ingest.base import Context
    from ..ingest.sources import with_date

    if not data.strip():
        raise InputError(name, "the file is empty; choose another file")

    def no_links(url: str) -> Iterator[Article | InputError]:
        yield InputError(url, "links in an uploaded file are not fetched; upload the linked articles themselves")

    ctx = Context(settings=settings, fetcher=Fetcher(settings), read_url=no_links)
    kind = EXTENSIONS.get(os.path.splitext(name.lower())[1])
    out: list[Article] = []
    for item in read_bytes(data, name, ctx, kind=kind, name=name):
        if published and isinstance(item, Article):
            item = with_date(item, name, {name: published})
        if isinstance(item, InputError):
            raise item
        out.append(item)
    if not out:
        raise InputError(name, "no article found in the file; choose an article page, text, JSON, WARC or feed")
    return out


def _field(value: str | None) -> str | None:
    s = one_line(value)[:300]
    return s or None


def _date(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise NewsprismError(f"publication date {value[:40]!r} is not YYYY-MM-DD; fix it or leave it empty")
    return value


def _query(raw: str | None, longest: int) -> str | None:
    """The search text, trimmed and without control characters; None when it is longer than ``longest``."""
    q = " ".join(plain(raw or "").split())
    return None if len(q) > longest else q


def _plain_words(query: str) -> list[str]:
    """The words of a search, with every FTS5 operator character dropped."""
    return re.findall(r"\w+", query)[:20]


def _valid_id(value: str) -> str:
    if not ID.match(value or ""):
        raise HTTPException(400, "malformed id: ids are letters, digits, '-' and '_' (at most 80)")
    return value


def _int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise HTTPException(400, f"{name} must be a whole number") from None
    if not lo <= value <= hi:
        raise HTTPException(400, f"{name} must be between {lo} and {hi}")
    return value


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    if request.url.path.startswith("/api"):
        return _error(status, str(detail))
    return _html(page("error.html.j2", title=f"Error {status}", status=status, message=str(detail)), status)


async def _server_error(request: Request, exc: Exception) -> Response:
    message = str(exc) if isinstance(exc, NewsprismError) else "internal error; see the server log"
    if request.url.path.startswith("/api"):
        return _error(500, message)
    return _html(page("error.html.j2", title="Error 500", status=500, message=message), 500)


def create_app(store_path: str, *, store_factory: StoreFactory | None = None, settings: Settings | None = None,
               max_body: int | None = None, allowed_hosts: list[str] | None = None) -> Starlette:
    """The ASGI app over the store at ``store_path``; ``store_factory`` opens it (default: the SQLite Store)."""
    settings = settings or Settings()
    if store_factory is None:
        from ..corpus.store import Store

        def store_factory(path: str) -> Any:
            return Store(path, settings, create=False)

    store = store_factory(store_path)
    handlers = App(store, settings)
    static = str(resources.files("newsprism.web") / "static")
    routes = [
        Route("/", handlers.index),
        Route("/stories/{story_id}", handlers.story),
        Route("/articles/{article_id}", handlers.article),
        Route("/analyze", handlers.analyze_form, methods=["GET"]),
        Route("/analyze", handlers.analyze_post, methods=["POST"]),
        Route("/api", handlers.api_docs),
        Route("/api/stories", handlers.api_stories),
        Route("/api/stories/{story_id}", handlers.api_story),
        Route("/api/articles/{article_id}", handlers.api_article),
        Route("/openapi.json", handlers.openapi_json),
        Route("/healthz", handlers.health),
        Mount("/static", app=StaticFiles(directory=static), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders), Middleware(BodyLimit, max_bytes=max_body or settings.web.max_body), Middleware(SameOrigin)]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))

    def close() -> None:
        handlers.reports.shutdown(wait=False, cancel_futures=True)
        closer = getattr(store, "close", None)
        if closer is not None:
            closer()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            close()

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.store = store
    app.state.close = close
    return app


def is_loopback(host: str) -> bool:
    """Whether the app listens on this machine only (loopback), so other machines cannot reach it."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
