"""Hostile inputs beside good ones: each gets one clear line naming it, and the good inputs are still read."""

from __future__ import annotations

import io
import logging
import os
import sys
from pathlib import Path

import pytest

from newsprism.commands.analyze import analyze_command
from newsprism.cli import main
from newsprism.config import IngestSettings, Settings
from newsprism.errors import InputError, NoArticle, TooLarge, shown
from newsprism.ingest import iter_articles
from newsprism.model import Article

MAX_WORDS = IngestSettings().max_words


def read_dir(path: Path) -> tuple[list[Article], list[InputError]]:
    items = list(iter_articles([str(path)], Settings()))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


@pytest.fixture
def folder(tmp_path: Path, body: str) -> Path:
    """A directory with one good article, to which each test adds a hostile file."""
    (tmp_path / "good.txt").write_text("Library reopens after flood\n\n" + body)
    return tmp_path


@pytest.mark.parametrize("name, content", [
    ("deep.json", "[" * 100_000 + "]" * 100_000),
    ("deep_object.json", '{"text": ' + "[" * 900 + '"x"' + "]" * 900 + "}"),
    ("deep.jsonl", "{" * 100_000 + "\n"),
])
def test_deeply_nested_json_is_refused_and_the_rest_read(folder: Path, name: str, content: str) -> None:
    (folder / name).write_text(content)
    arts, errs = read_dir(folder)
    assert [a.source for a in arts] == [str(folder / "good.txt")]
    (err,) = errs
    assert err.source.startswith(str(folder / name))
    assert "too deeply" in err.message or "not valid JSON" in err.message


def test_file_name_with_undecodable_bytes_is_read_and_stored(folder: Path, body: str, tmp_path: Path) -> None:
    raw = os.fsencode(str(folder)) + b"/caf\xe9 \xff.txt"
    with open(raw, "w") as fh:
        fh.write("Library reopens again\n\n" + body.replace("Monday", "Tuesday"))
    arts, errs = read_dir(folder)
    assert not errs and len(arts) == 2
    odd = next(a for a in arts if "caf" in a.source)
    assert odd.source.endswith("caf\\xe9 \\xff.txt")
    odd.source.encode("utf-8")  # storable and printable
    store = tmp_path / "s.db"
    assert main(["ingest", str(folder), "--store", str(store), "--no-progress"]) == 0
    assert main(["stories", "--store", str(store), "--format", "json"]) == 0


@pytest.mark.parametrize("name, shown_as", [("new\nline.txt", "new\\nline.txt"), ("esc\x1b[31mred.txt", "esc\\x1b[31mred.txt"),
                                            ("rtl\u202etxt.exe.txt", "rtl\\u202etxt.exe.txt")])
def test_control_characters_in_names_are_escaped(folder: Path, name: str, shown_as: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (folder / name).write_text("Too short to be an article.")
    assert analyze_command([str(folder)], fmt="json", output=str(folder / "out.json")) == 2
    err = capsys.readouterr().err
    (line,) = [ln for ln in err.splitlines() if "error" in ln]
    assert line == f"newsprism: error: {folder}/{shown_as}: " + line.split(f"{shown_as}: ", 1)[1]
    assert "\x1b" not in err and "\u202e" not in err
    assert "\u202e" not in (folder / "out.json").read_text() and "\x1b" not in (folder / "out.json").read_text()
    capsys.readouterr()
    assert analyze_command([str(folder)], fmt="html", output=str(folder / "out.html")) == 2
    page = (folder / "out.html").read_text()
    assert "\x1b" not in page and "\u202e" not in page and "\x1b" not in capsys.readouterr().err


def test_shown_escapes_what_a_terminal_or_page_would_act_on() -> None:
    assert shown("a\tb\r\n\x07\x9b\u2066\udcff") == "a\\tb\\r\\n\\x07\\x9b\\u2066\\xff"
    assert shown("Zoë’s café — ünïcode.txt") == "Zoë’s café — ünïcode.txt"


def test_five_megabyte_single_line_is_refused_quickly(folder: Path) -> None:
    words = ("council library water repairs said flood books city " * 80_000)[:5_000_000]
    (folder / "huge.txt").write_text(words)
    arts, errs = read_dir(folder)
    assert len(arts) == 1
    (err,) = errs
    assert isinstance(err, TooLarge) and err.source.endswith("huge.txt")
    assert f"{MAX_WORDS:,} words" in err.message and "split it" in err.message


def test_text_of_long_unbroken_words_is_refused(folder: Path) -> None:
    (folder / "blob.txt").write_text(" ".join(["x" * 50_000] * 20))
    _, (err,) = read_dir(folder)
    assert isinstance(err, TooLarge) and "characters" in err.message


@pytest.mark.parametrize("content", ['"' * 125_000, " ".join(['"'] * 5000 + ["“ ”"] * 1000),
                                     "\n".join(["\" ' “ ” « » ‘ ’ - — ..."] * 300)])
def test_a_file_of_quotation_marks_is_no_article(folder: Path, content: str) -> None:
    (folder / "marks.txt").write_text(content)
    arts, (err,) = read_dir(folder)
    assert len(arts) == 1
    assert isinstance(err, (NoArticle, TooLarge)) and err.source.endswith("marks.txt")


def test_invalid_utf8_warning_is_printed_by_the_command(folder: Path, body: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # a library that configures the root logger must not swallow the warning
    logging.getLogger().addHandler(logging.NullHandler())
    try:
        (folder / "mixed.txt").write_bytes(("Zoë’s café reopens\n\n" + body).encode() + b" The fee is 5\x80.")
        main(["ingest", str(folder / "mixed.txt"), "--store", str(folder / "s.db"), "--no-progress"])
    finally:
        logging.getLogger().handlers = [h for h in logging.getLogger().handlers
                                        if not isinstance(h, logging.NullHandler)]
    err = capsys.readouterr().err
    assert f"newsprism: warning: {folder}/mixed.txt: invalid UTF-8 bytes read as Windows-1252" in err


def _warc(gz: bool, pages: int = 3) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from .conftest import html_page

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        page = html_page(title=f"Library story {i}", canonical=f"https://ledger.example/{i}").encode()
        writer.write_record(writer.create_warc_record(f"https://ledger.example/{i}", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
    return buf.getvalue()


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_reports_the_cut_record(tmp_path: Path, gz: bool) -> None:
    data = _warc(gz)
    name = "crawl.warc.gz" if gz else "crawl.warc"
    (tmp_path / name).write_bytes(data[: int(len(data) * 0.6)])
    items = list(iter_articles([str(tmp_path / name)], Settings()))
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert len(arts) == 1 and len(errs) == 1
    assert "cut short" in errs[0].message and errs[0].source.startswith(str(tmp_path / name) + "#https://")
    (tmp_path / ("whole" + name)).write_bytes(data)
    assert all(isinstance(i, Article) for i in iter_articles([str(tmp_path / ("whole" + name))], Settings()))


def test_a_warc_record_with_malformed_headers_is_one_input_error(folder: Path) -> None:
    # a response record without its target URI: warcio cannot read its headers
    (folder / "odd.warc").write_bytes(b"WARC/1.0\r\nWARC-Date: 2024-05-17T10:00:00Z\r\nWARC-Record-ID: "
                                      b"<urn:uuid:00000000-0000-0000-0000-000000000000>\r\nWARC-Type: response\r\n")
    arts, errs = read_dir(folder)
    assert [a.source for a in arts] == [str(folder / "good.txt")]
    (err,) = errs
    assert err.source == str(folder / "odd.warc") and "not a readable WARC file" in err.message


def test_stdin_name_stays_plain(monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body.encode())))
    (a,) = list(iter_articles(["-"], Settings()))
    assert isinstance(a, Article) and a.source == "-"
