"""A second process that parses some of a long story's articles (and embeds their statements) while this one parses
the rest, so that one story uses two cores.

The helper is started once per process, on the first story long enough to pay for it, and keeps its spaCy pipeline
and embedding model loaded for the stories after it. Articles are shared by taking turns: this process takes them
from the front of the story, the helper from the back, one at a time, so neither waits for the other and a helper
still loading simply takes none. The helper is bounded: an article it fails on, or does not return in time, is
parsed here (nothing is lost), a helper that dies or hangs is ended and not used again after a few such failures,
and it ends with this process (asked at exit, or on its own once its parent is gone, however that ends).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .config import AlignSettings, Settings
from .model import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MAX_FAILURES = 3  # helpers that died, hung or failed to load, after which this process parses on its own
GRACE = 5.0  # seconds an article may take in the helper beyond its share of words ...
PER_WORD = 0.002  # ... plus this per word (several times spaCy's pace on a loaded machine), before it is given up
_LOCK = threading.Lock()  # one story at a time uses the helper; another one meanwhile parses on its own


@dataclass(slots=True)
class _State:
    """This process's helper, and how many helpers failed so far."""

    helper: Helper | None = None
    failures: int = 0


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
    articles and ``parse_worker_words`` words, and not inside a daemon process (a Dask worker or another pool's
    process, which keep the cores busy already and may not start processes)."""
    if not settings.align.parse_worker or articles < 2 or words < settings.align.parse_worker_words:
        return False
    if _cores() < 2 or multiprocessing.current_process().daemon:
        return False
    return _STATE.failures < MAX_FAILURES


_STATE = _State()


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
        """Ends the process: asked first, then terminated, then killed."""
        try:
            self.conn.send(("stop",))
        except (OSError, ValueError):
            pass
        for end in (None, self.proc.terminate, self.proc.kill):
            if end is not None:
                end()
            try:
                self.proc.wait(1.0)
                break
            except subprocess.TimeoutExpired:
                continue
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
    """One story shared with the helper: a thread hands it articles from the back of the share and keeps what comes
    back, while this process's parsing takes articles from the front."""

    jobs = 0  # stories shared so far: a reply to an earlier story's article is recognised and left aside

    def __init__(self, help: Helper, articles: Sequence[Article], share: Share, embed: AlignSettings | None,
                 ) -> None:
        Session.jobs += 1
        self.job = Session.jobs
        self.help, self.articles, self.share, self.embed = help, articles, share, embed
        self.results: dict[int, Result] = {}
        self.flight: int | None = None  # the article the helper is parsing
        self.stopping = False  # this process took the last article: hand out no more
        self.failed = False
        self.state = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="newsprism-parse-share", daemon=True)
        self.thread.start()

    def _send_next(self) -> bool:
        """Gives the idle helper the article at the back of the share; False when none is left to give."""
        with self.state:
            self.flight = None
            i = None if self.stopping else self.share.back()
            if i is None:
                return False
            self.flight, self.help.wants = i, False
            self.help.conn.send(("parse", self.job, i, self.articles[i], self.embed))
            return True

    def _run(self) -> None:
        try:
            if self.help.wants and not self._send_next():
                return
            while not self.done.is_set():
                if not self.help.conn.poll(0.05):
                    if not self.help.alive():
                        raise EOFError("the parse helper ended")
                    continue
                msg = self.help.conn.recv()
                if msg[0] == "broken":
                    raise EOFError(msg[1])
                self.help.wants = True  # "want", "done" and "failed" all say the helper is idle again
                if msg[0] == "done" and msg[1] == self.job:
                    _, _, i, blob, bounds, vectors = msg
                    self.results[i] = Result(i, blob, bounds, vectors)
                elif msg[0] == "failed" and msg[1] == self.job:
                    log.warning("the parse helper failed on article %s (%s); parsed here instead",
                                self.articles[msg[2]].id, msg[3])
                if not self._send_next():
                    return
        except (EOFError, OSError) as exc:
            log.warning("the parse helper stopped (%s); its articles are parsed here", exc)
            self.failed = True
        finally:
            self.done.set()

    def finish(self) -> dict[int, Result]:
        """What the helper parsed, once the share is empty; an article it still holds past its time is given up
        (and the helper with it), so the caller parses whatever is missing."""
        with self.state:
            self.stopping = True
            flight = self.flight
        if flight is None:
            self.done.set()  # nothing is owed: a helper still loading is not waited for
        elif not self.done.wait(GRACE + PER_WORD * self.articles[flight].words):
            log.warning("the parse helper did not return article %s in time; parsed here instead",
                        self.articles[flight].id)
            self.failed = True
            self.done.set()
        self.thread.join()
        if self.failed:
            drop(failed=True)
        return self.results


def shared_parse(nlp: "Language", articles: Sequence[Article], settings: Settings, batch_size: int,
                 ) -> Iterator[tuple[int, "Doc", Result | None]]:
    """Every article parsed once, as (index, doc, the helper's result or None), this process's articles as they are
    parsed and the helper's at the end; with the helper only when the story is long enough to pay for it."""
    share = Share(deque(range(len(articles))))
    session = None
    locked = False
    if enabled(settings, sum(a.words for a in articles), len(articles)):
        locked = _LOCK.acquire(blocking=False)
    try:
        if locked:
            session = Session(helper(settings.spacy_model), articles, share,
                              settings.align if settings.embeddings else None)
            batch_size = 1  # take articles one at a time, leaving the rest for the helper
        mine: list[int] = []

        def texts() -> Iterator[str]:
            while (i := share.front()) is not None:
                mine.append(i)
                yield articles[i].text

        for k, doc in enumerate(nlp.pipe(texts(), batch_size=batch_size)):
            yield mine[k], doc, None
        if session is None:
            return
        results = session.finish()
        from spacy.tokens import DocBin

        for i in sorted(set(range(len(articles))) - set(mine)):
            res = results.get(i)
            if res is None:
                yield i, nlp(articles[i].text), None
            else:
                yield i, next(iter(DocBin().from_bytes(res.docbin).get_docs(nlp.vocab))), res
    finally:
        if locked:
            _LOCK.release()


def serve(conn: Connection, model: str, parent: int) -> None:
    """The helper's loop: load the pipeline once, then parse (and embed) the articles it is sent, until told to stop
    or its parent is gone."""
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    try:
        from spacy.tokens import DocBin

        from .nlp import load_spacy
        from .story.embed import embed
        from .story.statements import statement_bounds

        nlp = load_spacy(model)
    except Exception as exc:  # noqa: BLE001 - any failure to load: the parent parses on its own
        conn.send(("broken", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("want",))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg[0] != "parse":
            return
        _, job, i, article, align = msg
        try:
            doc = nlp(article.text)
            blob = DocBin(docs=[doc], store_user_data=False).to_bytes()
            bounds = vectors = None
            if align is not None:
                bounds = statement_bounds(article, doc)
                vectors = embed([article.text[a:b] for a, b in bounds], 1, align)
            conn.send(("done", job, i, blob, bounds, vectors))
        except Exception as exc:  # noqa: BLE001 - the parent parses this article itself
            conn.send(("failed", job, i, f"{type(exc).__name__}: {exc}"))


def _watch(parent: int) -> None:
    """Ends the helper once its parent is gone, even killed, so no helper outlives the process it helps."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])), sys.argv[3], int(sys.argv[2]))
