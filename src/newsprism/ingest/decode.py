"""Bytes to text: size-capped reading, binary detection, and forgiving decoding."""

from __future__ import annotations

import codecs
import gzip
import io
import logging
import re
from typing import BinaryIO

from ..errors import BinaryInput, EmptyInput, TooLarge, shown

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
LOG = logging.getLogger("newsprism.ingest")
# C0 controls other than tab, newline, carriage return and form feed: never in real text
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decodes each byte that is not UTF-8 as Windows-1252 (Latin-1 for its five holes)."""
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start:exc.end]
    out = []
    for b in bad:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(bytes([b]).decode("latin-1"))
    return "".join(out), exc.end


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    """The five bytes Windows-1252 leaves undefined, read as Latin-1."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error("newsprism-cp1252", _cp1252_fallback)
codecs.register_error("newsprism-latin1", _latin1_fallback)


def read_capped(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    """Reads at most ``max_bytes`` from a stream; more than that is refused rather than truncated."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(source, f"larger than the {_mb(max_bytes)} limit; split it or raise the limit "
                               "with --max-mb (Settings.max_bytes)")
    return data


def gunzip_capped(data: bytes, source: str, max_bytes: int) -> bytes:
    """The decompressed content of gzip data, refusing anything that inflates past the size cap."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            return read_capped(fh, source, max_bytes)  # type: ignore[arg-type]
    except (OSError, EOFError) as exc:
        raise BinaryInput(source, f"not a readable gzip file ({exc}); give the uncompressed file") from exc


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


def check_text_bytes(data: bytes, source: str) -> None:
    """Refuses empty and binary content with a message that says what to give instead."""
    if not data.strip():
        raise EmptyInput(source, "the input is empty; give a file with article text")
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if b"\x00" in head or controls > max(2, len(head) // 100):
        raise BinaryInput(source, "binary data, not text; give a .txt, .html, .json/.jsonl, WARC or feed file")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if it is one Python knows."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # pages that say latin-1 almost always mean Windows-1252 (browsers decode them so)
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Text of ``data``: by its BOM, its declared charset, UTF-8, or Windows-1252 where UTF-8 fails.

    A file with no UTF-8 sequence at all is a single-byte file (Latin-1 or Windows-1252) and is read as one. A
    UTF-8 file with stray single bytes keeps its UTF-8 text, the stray bytes are read as Windows-1252 (no
    replacement characters). Either way a warning (logger ``newsprism.ingest``, which the command prints) names
    the file, since the encoding was guessed and a character or two may be wrong.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise BinaryInput(source, f"invalid {codec} text ({exc.reason}); re-save the file as UTF-8") from exc
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if not _UTF8_MULTIBYTE.search(data):
        LOG.warning("newsprism: warning: %s: not UTF-8, read as Windows-1252 (Latin-1); if a character looks wrong, "
                    "re-save the file as UTF-8", shown(source))
        return data.decode("cp1252", errors="newsprism-latin1")
    LOG.warning("newsprism: warning: %s: invalid UTF-8 bytes read as Windows-1252; if a character looks wrong, "
                "re-save the file as UTF-8", shown(source))
    return data.decode("utf-8", errors="newsprism-cp1252")
