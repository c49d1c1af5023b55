"""Each kind of bad input gives one clear error naming the input, and the other inputs are still read."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from newsprism.api import load
from newsprism.config import Settings
from newsprism.errors import (BinaryInput, EmptyInput, FetchError, InputError, NoArticle, TooLarge,
                              UnsupportedLanguage)
from newsprism.ingest import iter_articles
from newsprism.model import Article


def read_with_good(bad: str, good: str, settings: Settings | None = None) -> InputError:
    """Reads a bad input between two good ones; returns the bad input's error."""
    items = list(iter_articles([good, bad, good], settings or Settings(fetch_timeout=2, allow_private=True)))
    assert len(items) == 3, items
    assert isinstance(items[0], Article) and isinstance(items[2], Article)
    err = items[1]
    assert isinstance(err, InputError), err
    assert err.source == bad
    assert str(err).startswith(bad + ": ")
    assert ";" in err.message  # what went wrong; what to do
    return err


@pytest.fixture
def good(tmp_path: Path, body: str) -> str:
    p = tmp_path / "good.txt"
    p.write_text("Library reopens after flood\n\n" + body, encoding="utf-8")
    return str(p)


def test_empty_file(tmp_path: Path, good: str) -> None:
    p = tmp_path / "empty.txt"
    p.write_text("  \n\n \t", encoding="utf-8")
    err = read_with_good(str(p), good)
    assert isinstance(err, EmptyInput) and "empty" in err.message


def test_binary_file(tmp_path: Path, good: str) -> None:
    p = tmp_path / "photo.txt"
    p.write_bytes(bytes(range(256)) * 40)
    err = read_with_good(str(p), good)
    assert isinstance(err, BinaryInput) and "binary" in err.message


def test_binary_file_without_extension(tmp_path: Path, good: str) -> None:
    p = tmp_path / "blob"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    assert isinstance(read_with_good(str(p), good), BinaryInput)


def test_50_mb_file_is_refused_without_reading_it(tmp_path: Path, good: str) -> None:
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50_000_000)  # sparse: no 50 MB written to disk
    err = read_with_good(str(p), good)
    assert isinstance(err, TooLarge)
    assert "50.0 MB" in err.message and "max_bytes" in err.message


def test_latin1_file_is_decoded(tmp_path: Path, body: str, caplog: pytest.LogCaptureFixture) -> None:
    p = tmp_path / "latin1.txt"
    text = "Café reopens in Zürich\n\nThe café’s owner, Zoë Müller, said the façade would be repainted. " + body
    p.write_bytes(text.replace("’", "'").encode("latin-1"))
    (a,) = list(iter_articles([str(p)], Settings()))
    assert isinstance(a, Article)
    assert a.title == "Café reopens in Zürich"
    assert "The café's owner, Zoë Müller, said the façade" in a.text
    assert "\ufffd" not in a.text
    (warning,) = [r.getMessage() for r in caplog.records]  # the encoding is a guess: say so, once
    assert str(p) in warning and "not UTF-8, read as Windows-1252" in warning


def test_windows_1252_quotes_are_decoded(tmp_path: Path, body: str) -> None:
    p = tmp_path / "cp1252.txt"
    p.write_bytes(("\u201cWe are open again,\u201d the librarian said. " + body).encode("cp1252"))
    (a,) = list(iter_articles([str(p)], Settings()))
    assert isinstance(a, Article) and a.text.startswith("“We are open again,” the librarian said.")


def test_invalid_utf8_bytes_fall_back_without_losing_text(tmp_path: Path, body: str,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    # mostly UTF-8 with one stray Windows-1252 byte: the valid characters stay, the stray byte is read as cp1252
    p = tmp_path / "mixed.txt"
    p.write_bytes(("Zoë’s café reopens\n\n" + body).encode("utf-8") + b" The fee is 5\x80 a year.")
    (a,) = list(iter_articles([str(p)], Settings()))
    assert isinstance(a, Article)
    assert a.title == "Zoë’s café reopens"
    assert a.text.endswith("The fee is 5€ a year.")
    assert "\ufffd" not in a.text
    (warning,) = [r.getMessage() for r in caplog.records]
    assert str(p) in warning and "re-save the file as UTF-8" in warning


def test_html_with_no_article(tmp_path: Path, good: str) -> None:
    p = tmp_path / "front.html"
    p.write_text("<html><head><title>Ledger</title></head><body><nav><a href='/'>Home</a> <a href='/a'>News</a>"
                 "</nav><div><img src='x.png'></div></body></html>", encoding="utf-8")
    err = read_with_good(str(p), good)
    assert isinstance(err, NoArticle) and "no article text" in err.message


def test_json_without_text(tmp_path: Path, good: str) -> None:
    p = tmp_path / "meta.json"
    p.write_text(json.dumps({"title": "Library reopens", "url": "https://ledger.example/x"}), encoding="utf-8")
    err = read_with_good(str(p), good)
    assert isinstance(err, NoArticle) and '"text"' in err.message


def test_invalid_json(tmp_path: Path, good: str) -> None:
    p = tmp_path / "broken.json"
    p.write_text('{"text": "unterminated', encoding="utf-8")
    err = read_with_good(str(p), good)
    assert "invalid JSON" in err.message


def test_unreachable_url(good: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    err = read_with_good(f"http://127.0.0.1:{port}/story", good)
    assert isinstance(err, FetchError)


def test_missing_file(good: str) -> None:
    err = read_with_good("no/such/story.txt", good)
    assert "no such file" in err.message


def test_non_english_article(tmp_path: Path, good: str) -> None:
    p = tmp_path / "fr.txt"
    p.write_text("La bibliothèque de Lakeview a rouvert lundi, six semaines après une inondation qui a "
                 "endommagé plus de 4 000 livres. « Nous attendions ce jour depuis que l'eau est entrée », a dit "
                 "la bibliothécaire Ruth Okonkwo. La ville a payé pour les nouvelles étagères et les tapis, et une "
                 "librairie a donné 600 livres pour les enfants qui sont venus le premier jour.", encoding="utf-8")
    err = read_with_good(str(p), good)
    assert isinstance(err, UnsupportedLanguage) and "French" in err.message


def test_too_short_after_cleaning(tmp_path: Path, good: str) -> None:
    p = tmp_path / "stub.txt"
    p.write_text("Share this article\n\nAdvertisement\n\nThe library reopened.", encoding="utf-8")
    err = read_with_good(str(p), good)
    assert isinstance(err, NoArticle) and "words" in err.message


def test_load_collects_errors_or_raises(tmp_path: Path, good: str) -> None:
    bad = str(tmp_path / "empty.txt")
    Path(bad).write_text("", encoding="utf-8")
    errors: list[InputError] = []
    articles = load([good, bad], errors=errors)
    assert len(articles) == 1 and [e.source for e in errors] == [bad]
    with pytest.raises(EmptyInput):
        load([good, bad])


def test_local_server_fixture_serves(local_server: Callable[..., str]) -> None:
    import httpx

    base = local_server({"/x": (200, "text/plain", b"hello")})
    resp = httpx.get(base + "/x", timeout=5)
    assert resp.status_code == 200 and resp.text == "hello"
    assert resp.headers["content-type"].startswith("text/plain")


def test_utf16_with_bom_is_decoded(tmp_path: Path, body: str) -> None:
    p = tmp_path / "utf16.txt"
    p.write_bytes(("Library reopens\n\n" + body).encode("utf-16"))
    (a,) = list(iter_articles([str(p)], Settings()))
    assert isinstance(a, Article) and a.title == "Library reopens"


def test_gzip_bomb_is_capped(tmp_path: Path, good: str) -> None:
    import gzip

    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a " * 2_000_000))
    err = read_with_good(str(p), good, Settings(max_bytes=1_000_000))
    assert isinstance(err, TooLarge)
