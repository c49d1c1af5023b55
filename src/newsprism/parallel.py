"""A second process that parses some of a long story's articles while this one parses the rest, then embeds the
story's statements and compares them (the story context) while this one finds entities and quotes, so that one
story uses two cores.

The helper is started once per process, by its second story long enough to pay for it (or ahead of them, by
``prestart``), and keeps its spaCy pipeline and models loaded for the stories after it. Articles are shared by taking turns: this process takes them from the
front of the story, the helper from the back, one at a time, so neither waits for the other and a helper still
loading simply takes none (and the story is then analysed here, as without a helper). The helper is bounded: an
article or a context it fails on, or does not return in time, is made here (nothing is lost), a helper that dies or
hangs is ended and not used again after a few such failures, and it ends with this process (asked at exit, or on
its own once its parent is gone, however that ends).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .config import AlignSettings, Settings
from .model import Article, Entity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .story.context import SpanKey, StoryContext

log = logging.getLogger(__name__)

# A process starts its helper at its second long story (or when told to, by ``prestart``): a command that analyses
# one story would spend more on loading the helper's models than the helper could save it.
START_AT = 2
MAX_FAILURES = 3  # helpers that died, hung or failed to load, after which this process parses on its own
GRACE = 5.0  # seconds an article may take in the helper beyond its share of words ...
PER_WORD = 0.002  # ... plus this per word (several times spaCy's pace on a loaded machine), before it is given up
CONTEXT_PER_WORD = 0.005  # the story context, embeddings included, may take this per word of the story beyond GRACE
_LOCK = threading.Lock()  # one story at a time uses the helper; another one meanwhile parses on its own


@dataclass(slots=True)
class _State:
    """This process's helper, and how many helpers failed so far."""

    helper: Helper | None = None
    failures: int = 0
    long_stories: int = 0  # stories long enough for the helper seen so far


@dataclass(slots=True)
class Result:
    """An article parsed by the helper: its doc as DocBin bytes, and its statements' bounds and vectors (when the
    story embeds them)."""

    index: int
    docbin: bytes
    bounds: list[tuple[int, int]] | None
    vectors: np.ndarray | None


@dataclass(slots=True)
class Share:
    """The story's articles not yet taken, by index: this process takes from the front, the helper from the back."""

    left: deque[int]
    lock: threading.Lock = field(default_factory=threading.Lock)

    def front(self) -> int | None:
        with self.lock:
            return self.left.popleft() if self.left else None

    def back(self) -> int | None:
        with self.lock:
            return self.left.pop() if self.left else None


def enabled(settings: Settings, words: int, articles: int) -> bool:
    """Whether a story of this size is parsed with the helper: two cores or more, the setting on, at least two
    articles and ``parse_worker_words`` words, and not in a Dask worker or a daemon process (another pool's worker):
    those keep the cores busy already."""
    if not settings.align.parse_worker or articles < 2 or words < settings.align.parse_worker_words:
        return False
    if _cores() < 2 or multiprocessing.current_process().daemon or _in_dask_worker():
        return False
    return _STATE.failures < MAX_FAILURES


_STATE = _State()


def _in_dask_worker() -> bool:
    """Whether this runs as a task of a Dask worker (one without a nanny is no daemon, yet its cores are taken)."""
    dist = sys.modules.get("distributed")
    if dist is None:
        return False
    try:
        dist.get_worker()
    except ValueError:
        return False
    return True


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class Helper:
    """The second process and the pipe to it. It is started as ``python -m newsprism.parallel``, not by
    multiprocessing's spawn, which would run the caller's main script again in it (a script without a
    ``__main__`` guard would then analyse its story twice)."""

    def __init__(self, model: str) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.model = model
        package = str(Path(__file__).resolve().parents[1])  # importable however this process found the package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package, os.environ.get("PYTHONPATH")]))}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsprism.parallel", str(child.fileno()), str(os.getpid()), model],
            pass_fds=[child.fileno()], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        child.close()
        self.wants = False  # the helper said it is loaded and waits for an article

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        """Ends the process at once (it holds nothing worth finishing): terminated, then killed if need be."""
        self.proc.terminate()
        try:
            self.proc.wait(1.0)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stopped process ignores SIGTERM until continued
            self.proc.kill()
            self.proc.wait()
        self.conn.close()


def helper(model: str) -> Helper:
    """The process's helper for this spaCy model, started now when there is none (or the last one died)."""
    current: Helper | None = _STATE.helper
    if current is not None and (current.model != model or not current.alive()):
        drop(failed=not current.alive())
        current = None
    if current is None:
        current = Helper(model)
        _STATE.helper = current
    return current


def drop(failed: bool = False) -> None:
    """Ends the helper (at exit, or after it failed: a few failures and no helper is started again)."""
    current: Helper | None = _STATE.helper
    _STATE.helper = None
    _STATE.failures += int(failed)
    if current is not None:
        current.stop()


atexit.register(drop)


def prestart(settings: Settings, wait: float = 0.0) -> bool:
    """Starts the helper before the first long story (a server, a benchmark), waiting up to ``wait`` seconds for it
    to load its models; True when it is ready for articles."""
    if not enabled(settings, settings.align.parse_worker_words, 2):
        return False
    with _LOCK:
        current = helper(settings.spacy_model)
        if not current.wants and current.conn.poll(wait):
            try:
                msg = current.conn.recv()
            except (EOFError, OSError):
                msg = ("broken",)
            if msg[0] == "broken":
                drop(failed=True)
                return False
            current.wants = True
        return current.wants


class Session:
    """One story shared with the helper. A thread reads the helper's replies: it hands the idle helper the article at
    the back of the share, keeps what comes back, and takes the story context when it comes."""

    jobs = 0  # stories shared so far: a reply about an earlier story is recognised and left aside

    def __init__(self, help: Helper, articles: Sequence[Article], share: Share, embed: AlignSettings | None,
                 ) -> None:
        Session.jobs += 1
        self.job = Session.jobs
        self.help, self.articles, self.share, self.embed = help, articles, share, embed
        self.remote = help.wants  # a loaded helper also makes the story context; one still loading only parses
        self.results: dict[int, Result] = {}
        self.context: Future[StoryContext | None] = Future()
        self.flight: int | None = None  # the article the helper is parsing
        self.stopping = False  # this process took the last article: hand out no more
        self.failed = False
        self.state = threading.Lock()
        self.idle = threading.Event()  # no article in flight
        self.closed = threading.Event()
        self.idle.set()
        # Messages go out through one writer thread, so that neither this process's parsing nor the reader ever
        # waits on a full pipe (the helper, answering, may be waiting on a full pipe the other way).
        self.outbox: queue.SimpleQueue[tuple[Any, ...] | Callable[[], tuple[Any, ...]] | None] = \
            queue.SimpleQueue()
        self.writer = threading.Thread(target=self._write, name="newsprism-parse-send", daemon=True)
        self.thread = threading.Thread(target=self._run, name="newsprism-parse-share", daemon=True)
        self.writer.start()
        self.thread.start()

    def send(self, *msg: Any) -> bool:
        """Sends a message about this story (in turn, by the writer thread); False once the helper failed."""
        if self.failed:
            return False
        self.outbox.put((msg[0], self.job, *msg[1:]))
        return True

    def send_later(self, make: Callable[[], tuple[Any, ...]]) -> None:
        """Sends a message about this story made by the writer thread when its turn comes (it may wait for its
        content, such as vectors still being computed, without holding up this process)."""
        job = self.job
        self.outbox.put(lambda: (lambda msg: (msg[0], job, *msg[1:]))(make()))

    def _write(self) -> None:
        while (msg := self.outbox.get()) is not None:
            if self.failed:
                continue
            try:
                self.help.conn.send(msg() if callable(msg) else msg)
            except Exception as exc:  # noqa: BLE001 - a broken pipe, or vectors that could not be computed
                log.warning("the parse helper cannot be reached (%s); its work is done here", exc)
                self.failed = True
                self.idle.set()

    def _send_next(self) -> None:
        """Gives the idle helper the article at the back of the share, if any is left to give."""
        with self.state:
            self.flight = None
            i = None if self.stopping or self.failed else self.share.back()
            if i is None:
                self.idle.set()
                return
            self.flight, self.help.wants = i, False
            self.idle.clear()
            self.send("parse", i, self.articles[i], self.embed, not self.remote)

    def _run(self) -> None:
        try:
            if self.help.wants:
                self._send_next()
            while not self.closed.is_set():
                if not self.help.conn.poll(0.05):
                    if not self.help.alive():
                        raise EOFError("the parse helper ended")
                    continue
                msg = self.help.conn.recv()
                if msg[0] == "broken":
                    raise EOFError(msg[1])
                self.help.wants = True  # every reply says the helper is idle again
                mine = msg[0] != "want" and msg[1] == self.job
                if mine and msg[0] == "done":
                    _, _, i, blob, bounds, vectors = msg
                    self.results[i] = Result(i, blob, bounds, vectors)
                elif mine and msg[0] == "failed":
                    log.warning("the parse helper failed on article %s (%s); parsed here instead",
                                self.articles[msg[2]].id, msg[3])
                elif mine and msg[0] == "context":
                    self.context.set_result(msg[2])
                    continue
                self._send_next()
        except (EOFError, OSError) as exc:
            log.warning("the parse helper stopped (%s); its work is done here", exc)
            self.failed = True
        finally:
            self.idle.set()
            if not self.context.done():
                self.context.set_result(None)

    def finish(self) -> dict[int, Result]:
        """What the helper parsed, once the share is empty; an article it still holds past its time is given up
        (and the helper with it), so the caller parses whatever is missing."""
        with self.state:
            self.stopping = True
            flight = self.flight
        if flight is not None and not self.idle.wait(GRACE + PER_WORD * self.articles[flight].words):
            log.info("the parse helper did not return article %s in time; parsed here instead",
                     self.articles[flight].id)
            self.failed = True
        return self.results if not self.failed else {i: r for i, r in self.results.items() if i != flight}

    def close(self) -> None:
        """Ends the story's use of the helper (ending the helper too when it failed)."""
        self.closed.set()
        self.outbox.put(None)
        self.thread.join()
        self.writer.join(GRACE)
        if self.writer.is_alive():  # stuck on a helper that reads nothing
            log.warning("the parse helper stopped reading; it is ended")
            self.failed = True
        if self.failed:
            drop(failed=True)


class Sharing:
    """A story's parse (and context) shared with the helper, or done here alone when the story is short, the helper
    is off or busy with another story."""

    def __init__(self, nlp: "Language", articles: Sequence[Article], settings: Settings) -> None:
        self.nlp, self.articles, self.settings = nlp, articles, settings
        self.share = Share(deque(range(len(articles))))
        self.session: Session | None = None
        self.asked = False  # the helper was asked for the story context
        if not enabled(settings, sum(a.words for a in articles), len(articles)):
            return
        _STATE.long_stories += 1
        if (_STATE.helper is not None or _STATE.long_stories >= START_AT) and _LOCK.acquire(blocking=False):
            try:
                self.session = Session(helper(settings.spacy_model), articles, self.share,
                                       settings.align if settings.embeddings else None)
            except (OSError, ValueError) as exc:  # no process could be started: the story is analysed here
                log.warning("no parse helper could be started (%s); parsing here", exc)
                _STATE.failures += 1
                _LOCK.release()

    @property
    def remote(self) -> bool:
        """Whether the helper makes the story context (so this process leaves embedding to it)."""
        return self.session is not None and self.session.remote and not self.session.failed

    def parse(self, batch_size: int) -> Iterator[tuple[int, "Doc", Result | None]]:
        """Every article parsed once, as (index, doc, the helper's result or None): this process's articles as they
        are parsed, then the helper's."""
        session = self.session
        mine: list[int] = []

        def texts() -> Iterator[str]:
            while (i := self.share.front()) is not None:
                mine.append(i)
                yield self.articles[i].text

        for k, doc in enumerate(self.nlp.pipe(texts(), batch_size=1 if session else batch_size)):
            yield mine[k], doc, None
        if session is None:
            return
        results = session.finish()
        from spacy.tokens import DocBin

        for i in sorted(set(range(len(self.articles))) - set(mine)):
            res = results.get(i)
            if res is None:
                yield i, self.nlp(self.articles[i].text), None
            else:
                yield i, next(iter(DocBin().from_bytes(res.docbin).get_docs(self.nlp.vocab))), res

    def give(self, i: int, doc: "Doc") -> None:
        """Sends the helper an article parsed here, for the story context it will make."""
        if self.session is not None and self.remote:
            from spacy.tokens import DocBin

            blob = DocBin(docs=[doc], store_user_data=False).to_bytes()
            self.session.send("doc", i, self.articles[i], blob, None)

    def ask_context(self, entities: Sequence[Entity], vectors: Sequence[tuple[list[SpanKey], Future[np.ndarray]]],
                    ) -> bool:
        """Asks the helper for the story context of these entities, sending it the vectors of the statements
        embedded here once they are ready; False when it cannot make the context."""
        session = self.session
        if session is None or not self.remote:
            return False
        pending = list(vectors)
        session.send_later(lambda: ("vectors", [(k, v) for keys, fut in pending for k, v in zip(keys, fut.result())]))
        self.asked = session.send("context", list(self.articles), list(entities), self.settings)
        return self.asked

    def context(self) -> StoryContext | None:
        """The context the helper made, or None (and the helper given up) when it failed or took too long."""
        session = self.session
        if session is None or not self.asked:
            return None
        try:
            words = sum(a.words for a in self.articles)
            ctx = session.context.result(GRACE + CONTEXT_PER_WORD * words)
        except TimeoutError:
            log.info("the parse helper did not return the story context in time; made here instead")
            session.failed, ctx = True, None
        return ctx

    def close(self) -> None:
        """Releases the helper for the next story."""
        session, self.session = self.session, None
        if session is not None:
            try:
                session.close()
            finally:
                _LOCK.release()


def serve(conn: Connection, model: str, parent: int) -> None:
    """The helper's loop: load the models once, then parse the articles it is sent and make the story context,
    until told to stop or its parent is gone."""
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    try:
        from .nlp import load_spacy

        nlp = load_spacy(model)
    except Exception as exc:  # noqa: BLE001 - any failure to load: the parent parses on its own
        conn.send(("broken", f"{type(exc).__name__}: {exc}"))
        return
    story = _Story(nlp)
    conn.send(("want",))
    while True:
        try:
            if story.backlog and not conn.poll(0):
                story.embed_next()  # nothing else to do: embed an article kept for the context
                continue
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg[0] not in ("parse", "doc", "vectors", "context"):
            return
        reply = story.handle(msg)
        if reply is not None:
            conn.send(reply)


class _Story:
    """The helper's side of one story: the docs of every article (parsed here or sent) and their statement vectors,
    kept until the story context is made. Articles are embedded when the helper has nothing else to do, so that
    embedding never holds up its share of the parsing."""

    def __init__(self, nlp: "Language") -> None:
        self.nlp = nlp
        self.job = 0
        self.docs: dict[int, Doc] = {}
        self.vectors: dict[SpanKey, np.ndarray] = {}
        self.backlog: list[tuple[Article, "Doc", AlignSettings]] = []  # articles still to embed

    def handle(self, msg: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """One request: a reply for "parse" and "context", none for a doc sent for the context."""
        from spacy.tokens import DocBin

        kind, job = msg[0], msg[1]
        if job != self.job:
            self.job, self.docs, self.vectors, self.backlog = job, {}, {}, []
        try:
            if kind == "parse":
                _, _, i, article, align, now = msg
                doc = self.docs[i] = self.nlp(article.text)
                bounds, vectors = self._embed(article, doc, align) if now else self._later(article, doc, align)
                return ("done", job, i, DocBin(docs=[doc], store_user_data=False).to_bytes(), bounds, vectors)
            if kind == "doc":
                _, _, i, article, blob, align = msg
                doc = self.docs[i] = next(iter(DocBin().from_bytes(blob).get_docs(self.nlp.vocab)))
                self._later(article, doc, align)
                return None
            if kind == "vectors":
                self.vectors.update(msg[2])
                return None
            _, _, articles, entities, settings = msg
            return ("context", job, self._context(articles, entities, settings))
        except Exception as exc:  # noqa: BLE001 - the parent does this work itself
            log.debug("parse helper: %s failed: %s", kind, exc)
            return ("failed", job, msg[2], f"{type(exc).__name__}: {exc}") if kind == "parse" else \
                ("context", job, None) if kind == "context" else None

    def _later(self, article: Article, doc: "Doc", align: AlignSettings | None) -> tuple[None, None]:
        """Keeps the article to embed when there is time."""
        if align is not None:
            self.backlog.append((article, doc, align))
        return None, None

    def embed_next(self) -> None:
        """Embeds the next article kept for later."""
        self._embed(*self.backlog.pop(0))

    def _embed(self, article: Article, doc: "Doc", align: AlignSettings | None,
               ) -> tuple[list[tuple[int, int]] | None, np.ndarray | None]:
        """The article's statement bounds and vectors (kept for the context), when the story embeds them."""
        if align is None:
            return None, None
        from .story.embed import embed
        from .story.statements import statement_bounds

        bounds = statement_bounds(article, doc)
        vectors = embed([article.text[a:b] for a, b in bounds], 1, align)
        self.vectors.update(zip([(article.id, a, b) for a, b in bounds], vectors))
        return bounds, vectors

    def _context(self, articles: list[Article], entities: list[Entity], settings: Settings) -> StoryContext | None:
        """The story context, as the parent would make it; None when an article's doc is missing."""
        from .story.context import story_context

        if set(self.docs) != set(range(len(articles))):
            return None
        while self.backlog:
            self.embed_next()
        docs = {a.id: self.docs[i] for i, a in enumerate(articles)}
        ctx = story_context(articles, docs, entities, settings, self.vectors if settings.embeddings else None)
        self.docs, self.vectors = {}, {}
        return ctx


def _watch(parent: int) -> None:
    """Ends the helper once its parent is gone, even killed, so no helper outlives the process it helps."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])), sys.argv[3], int(sys.argv[2]))
