"""Cuts the inputs of a batch into partitions: runs of files, line ranges of JSONL, record ranges of WARC files.

A partition is a small plain description (paths and offsets); the worker that runs it opens the files itself, so
the client never reads article text. The order of partitions, and of articles inside each, is the order in which
the local path reads the same inputs; the global step relies on it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import InputError, NewsprismError

PartKind = Literal["files", "jsonl", "warc"]
_JSONL = (".jsonl", ".ndjson")
_WARC = (".warc", ".warc.gz")
_SCAN_CHUNK = 1 << 22


@dataclass(slots=True, frozen=True)
class Part:
    """One unit of work: some files, a range of JSONL lines, or some WARC records."""

    index: int
    kind: PartKind
    paths: tuple[str, ...]
    start: int = 0  # jsonl, warc: byte offset of the first line or record
    end: int = 0  # jsonl, warc: byte offset just past the last line or record
    first_line: int = 1  # jsonl: 1-based number of the first line

    def describe(self) -> str:
        """A short human label, for progress and error messages."""
        if self.kind == "files":
            return f"{len(self.paths)} file(s) from {self.paths[0]}"
        if self.kind == "jsonl":
            return f"{self.paths[0]} from line {self.first_line}"
        return f"{self.paths[0]} from byte {self.start}"


def input_kind(path: str) -> PartKind:
    """How an input is partitioned, by its name: JSONL by lines, WARC by records, anything else whole."""
    low = path.lower()
    if low.endswith(_JSONL):
        return "jsonl"
    if low.endswith(_WARC):
        return "warc"
    return "files"


def expand(inputs: Sequence[str]) -> Iterator[str]:
    """Every input item in reading order: directories become their article files, as the local reader lists them.

    Items that are not local files (URLs, missing paths) are passed through, so the reader reports them as it
    does on the local path.
    """
    from ..ingest.sources import dir_files  # the local reader's own listing, so the order is the same

    for item in inputs:
        if item == "-":
            raise NewsprismError("a batch cannot read standard input; save it to a file and give the file")
        files = dir_files(item) if os.path.isdir(item) else []
        yield from files or [item]


def jsonl_ranges(path: str, lines_per_part: int) -> list[tuple[int, int, int]]:
    """(start byte, end byte, first line number) of consecutive runs of ``lines_per_part`` lines."""
    size = os.path.getsize(path)
    ranges: list[tuple[int, int, int]] = []
    start, line, count, pos = 0, 1, 0, 0
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(_SCAN_CHUNK)
            if not chunk:
                break
            i = chunk.find(b"\n")
            while i >= 0:
                count += 1
                if count == lines_per_part:
                    end = pos + i + 1
                    ranges.append((start, end, line))
                    start, line, count = end, line + count, 0
                i = chunk.find(b"\n", i + 1)
            pos += len(chunk)
    if start < size:
        ranges.append((start, size, line))
    return ranges


def warc_ranges(path: str, records_per_part: int) -> list[tuple[int, int]]:
    """(start, end) byte ranges of a WARC file, each holding ``records_per_part`` response or resource records.

    Only record headers are read. Ranges start on record boundaries (gzip member boundaries for .warc.gz), so a
    worker can read a range as a WARC stream of its own.
    """
    from warcio.archiveiterator import ArchiveIterator

    ranges: list[tuple[int, int]] = []
    start, count = 0, 0
    try:
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                if record.rec_type in ("response", "resource"):
                    if count == records_per_part:
                        off = it.get_record_offset()
                        ranges.append((start, off))
                        start, count = off, 0
                    count += 1
    except Exception as exc:  # warcio raises several unrelated types on a damaged file
        raise InputError(path, f"not a readable WARC file ({exc}); check the file or leave it out") from exc
    ranges.append((start, os.path.getsize(path)))
    return ranges


def plan_partitions(inputs: Sequence[str], partition_size: int) -> list[Part]:
    """The partitions of the inputs, in reading order, each holding at most ``partition_size`` articles."""
    if partition_size < 1:
        raise NewsprismError("--partition-size must be at least 1")
    parts: list[Part] = []
    pending: list[str] = []

    def flush() -> None:
        for i in range(0, len(pending), partition_size):
            parts.append(Part(len(parts), "files", tuple(pending[i:i + partition_size])))
        pending.clear()

    for path in expand(inputs):
        kind = input_kind(path)
        if kind == "files" or not os.path.isfile(path):
            pending.append(path)
            if len(pending) >= partition_size:
                flush()
            continue
        flush()
        if kind == "jsonl":
            for start, end, line in jsonl_ranges(path, partition_size):
                parts.append(Part(len(parts), "jsonl", (path,), start=start, end=end, first_line=line))
        else:
            for start, end in warc_ranges(path, partition_size):
                parts.append(Part(len(parts), "warc", (path,), start=start, end=end))
    flush()
    return parts


def jsonl_lines(path: str, start: int, end: int) -> Iterator[bytes]:
    """The raw lines of a JSONL file between two line-aligned byte offsets."""
    with open(path, "rb") as fh:
        fh.seek(start)
        pos = start
        while pos < end:
            line = fh.readline()
            if not line:
                break
            pos += len(line)
            yield line


class RangeReader(io.RawIOBase):
    """A file read from ``start`` up to ``end`` only, so a WARC reader stops at the end of the range."""

    def __init__(self, fh: io.BufferedReader, start: int, end: int) -> None:
        self._fh = fh
        self._left = end - start
        fh.seek(start)

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buf)[: self._left]
        n = self._fh.readinto(view)
        n = n or 0
        self._left -= n
        return n
