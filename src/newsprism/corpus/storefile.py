"""Opening a store's file: one writing process at a time, and reading a store on media that cannot be written."""

from __future__ import annotations

import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable

from ..errors import StoreError


def connect(path: str, timeout: float, writable: bool) -> tuple[sqlite3.Connection, bool]:
    """A connection to the store file and whether it is read-only: a reader of a store it cannot write (read-only
    media or permissions) opens it read-only, and where even SQLite's lock files cannot be made, as a file that
    nothing changes."""
    def open_uri(uri: str) -> sqlite3.Connection:
        return sqlite3.connect(uri, timeout=timeout, isolation_level=None, check_same_thread=False, uri=True)

    base = "file:" + urllib.parse.quote(os.path.abspath(path))
    folder = os.path.dirname(os.path.abspath(path))
    if writable or (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return open_uri(base), False
    if os.access(folder, os.W_OK) or os.access(path + "-shm", os.R_OK):
        db = open_uri(base + "?mode=ro")
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db, True
        except sqlite3.OperationalError:
            db.close()
    return open_uri(base + "?immutable=1"), True


class WriterLock:
    """One writing process per store: an exclusive ``flock`` on the store file, held while the store is open.

    A second writer waits for it (polling, so it can give up after ``wait`` seconds) and is told once through
    ``on_wait``. The lock ends with its process, even one killed with SIGKILL. It is a BSD lock, separate from
    SQLite's POSIX locks; its file descriptor is opened before SQLite opens the file and closed after SQLite has
    closed it, so closing it never drops a lock SQLite holds.
    """

    def __init__(self, path: str, wait: float, on_wait: Callable[[str], None] | None = None) -> None:
        import fcntl

        try:
            self._fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"store {path} cannot be written ({exc.strerror}); check the path and its permissions, "
                             "or read it with: newsprism stories") from exc
        deadline = time.monotonic() + max(wait, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            if time.monotonic() >= deadline:
                self.release()
                raise StoreError(f"store {path} is being written by another process (an ingest or load), still "
                                 f"after {wait:g} s; run this command again when it has finished")
            if not told and on_wait is not None:
                on_wait(f"newsprism: store {path} is being written by another process; waiting up to {wait:g} s "
                        "for it to finish")
                told = True
            time.sleep(0.1)

    def release(self) -> None:
        """Ends the lock (closing the descriptor releases it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
