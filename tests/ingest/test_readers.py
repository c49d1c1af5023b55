"""Each input format becomes articles with the right text and metadata."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.errors import InputError, NoArticle
from newsprism.ingest import article_from_html, article_from_text, iter_articles
from newsprism.model import Article


def read(*inputs: str, settings: Settings | None = None) -> list[Article | InputError]:
    return list(iter_articles(list(inputs), settings or Settings()))


def only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_txt_headline_detected(tmp_path: Path, body: str) -> None:
    p = tmp_path / "story.txt"
    p.write_text("Lakeview library reopens after flood\n\n" + body, encoding="utf-8")
    a = only_article(read(str(p)))
    assert a.title == "Lakeview library reopens after flood"
    assert a.text == body
    assert a.source == str(p)
    assert a.id.startswith("a") and len(a.id) == 13


def test_txt_without_headline_keeps_first_paragraph(tmp_path: Path, body: str) -> None:
    p = tmp_path / "story.txt"
    p.write_text(body, encoding="utf-8")
    a = only_article(read(str(p)))
    assert a.title is None
    assert a.text == body


def test_article_id_is_a_stable_content_hash(body: str) -> None:
    a = article_from_text(body, source="x")
    b = article_from_text("  " + body.replace("\n\n", "\n\n\n") + "\n", source="y")
    assert a.id == b.id
    assert article_from_text(body + " Extra.", source="x").id != a.id


def test_html_text_and_metadata(tmp_path: Path, make_page: Callable[..., str], body: str) -> None:
    p = tmp_path / "page.html"
    p.write_text(make_page(), encoding="utf-8")
    a = only_article(read(str(p)))
    assert a.title == "Lakeview library reopens after flood"
    assert a.outlet == "Lakeview Ledger"
    assert a.author == "Sam Ortega"
    assert a.published == "2025-05-12"
    assert a.url == "https://ledger.example/2025/05/12/library-reopens"
    assert "Home" not in a.text and "Contact the newsroom" not in a.text
    for para in body.split("\n\n"):
        assert para in a.text
    # the <h1> repeating the title is not part of the text
    assert not a.text.startswith("Lakeview library reopens")


def test_html_declared_latin1_charset(make_page: Callable[..., str]) -> None:
    page = make_page(["Café owner Zoë Müller said the façade would be repainted before the summer festival "
                      "begins, and that the work would take about three weeks to finish."] * 2, charset="iso-8859-1")
    a = article_from_html(page.encode("latin-1"), source="p.html")
    assert "Café owner Zoë Müller" in a.text


def test_htm_and_gz_extensions(tmp_path: Path, make_page: Callable[..., str]) -> None:
    (tmp_path / "a.htm").write_text(make_page(), encoding="utf-8")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(make_page(title="Second story about the library").encode()))
    items = read(str(tmp_path / "a.htm"), str(tmp_path / "b.html.gz"))
    assert [type(i) for i in items] == [Article, Article]


def test_json_object_with_aliases(tmp_path: Path, body: str) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"headline": "Library reopens", "body": body, "link": "https://ledger.example/x",
                             "date": "2025-05-12T08:00:00Z", "source": {"id": "ll", "name": "Lakeview Ledger"},
                             "authors": ["Sam Ortega", "Lee Chan"]}), encoding="utf-8")
    a = only_article(read(str(p)))
    assert (a.title, a.url, a.published, a.outlet, a.author) == (
        "Library reopens", "https://ledger.example/x", "2025-05-12", "Lakeview Ledger", "Sam Ortega, Lee Chan")
    assert a.text == body


def test_json_list_and_wrapper(tmp_path: Path, body: str) -> None:
    records = [{"text": body, "title": "One"}, {"content": body + " More.", "title": "Two", "published": "2025-05-13"}]
    (tmp_path / "list.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "wrap.json").write_text(json.dumps({"articles": records}), encoding="utf-8")
    items = read(str(tmp_path / "list.json"), str(tmp_path / "wrap.json"))
    assert [a.title for a in items if isinstance(a, Article)] == ["One", "Two", "One", "Two"]
    assert items[0].source.endswith("list.json#1") and items[1].source.endswith("list.json#2")


def test_jsonl_records_and_bad_lines(tmp_path: Path, body: str) -> None:
    lines = [json.dumps({"text": body, "title": "One", "outlet": "Ledger"}), "", "{not json",
             json.dumps({"title": "No text here"}), json.dumps({"text": body + " Two.", "url": "https://b.example/2"})]
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(lines), encoding="utf-8")
    items = read(str(p))
    assert isinstance(items[0], Article) and items[0].outlet == "Ledger"
    assert isinstance(items[1], InputError) and items[1].source.endswith("#3")
    assert isinstance(items[2], NoArticle) and "text" in items[2].message
    assert isinstance(items[3], Article) and items[3].outlet == "b.example"


def _warc(path: Path, pages: list[tuple[str, str, str]], gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for uri, ctype, content in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(content.encode("utf-8")),
                                               http_headers=headers)
            writer.write_record(record)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses(tmp_path: Path, make_page: Callable[..., str], gz: bool) -> None:
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(p, [
        ("https://ledger.example/a", "text/html; charset=utf-8", make_page(title="Library reopens after flood")),
        ("https://ledger.example/logo.png", "image/png", "PNG"),
        ("https://ledger.example/b", "text/html", make_page(title="Second library story", canonical="")),
    ], gz)
    items = read(str(p))
    assert all(isinstance(i, Article) for i in items) and len(items) == 2
    assert items[0].source == f"{p}#https://ledger.example/a"
    assert items[1].url == "https://ledger.example/b"


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Lakeview Ledger - Local news</title><link>https://ledger.example/</link>
<item><title>Library reopens after flood</title><link>https://ledger.example/library</link>
<pubDate>Mon, 12 May 2025 09:30:00 GMT</pubDate><author>Sam Ortega</author>
<description><![CDATA[{content}]]></description></item>
</channel></rss>"""


def test_rss_items_with_full_content(tmp_path: Path, body: str) -> None:
    content = "".join(f"<p>{p}</p>" for p in body.split("\n\n")) * 2
    p = tmp_path / "feed.rss"
    p.write_text(RSS.format(content=content), encoding="utf-8")
    a = only_article(read(str(p)))
    assert (a.title, a.url, a.published, a.outlet) == (
        "Library reopens after flood", "https://ledger.example/library", "2025-05-12", "Lakeview Ledger")
    assert a.text.startswith(body.split("\n\n")[0])


def test_atom_feed_with_links_fetches_pages(local_server: Callable[..., str], make_page: Callable[..., str]) -> None:
    base = local_server({"/story": (200, "text/html; charset=utf-8", make_page(published="").encode())})
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title><id>urn:ledger</id><updated>2025-05-12T10:00:00Z</updated>
<entry><title>Library reopens</title><link href="{base}/story"/><id>urn:1</id>
<updated>2025-05-12T10:00:00Z</updated><summary>The library reopened.</summary></entry>
<entry><title>Gone</title><link href="{base}/missing"/><id>urn:2</id><updated>2025-05-12T10:00:00Z</updated></entry>
</feed>"""
    base2 = local_server({"/feed.atom": (200, "application/atom+xml", atom.encode())})
    items = read(base2 + "/feed.atom", settings=Settings(allow_private=True))
    assert isinstance(items[0], Article)
    assert items[0].source == base + "/story"
    assert items[0].published == "2025-05-12"  # from the feed entry, as the page has no date
    assert isinstance(items[1], InputError) and "404" in items[1].message


def test_directory_recursive_sorted(tmp_path: Path, body: str, make_page: Callable[..., str]) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Second story\n\n" + body + " Later.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story\n\n" + body, encoding="utf-8")
    (tmp_path / "c.html").write_text(make_page(title="Third story"), encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\n" + body, encoding="utf-8")
    items = read(str(tmp_path))
    assert [a.title for a in items if isinstance(a, Article)] == ["First story", "Second story", "Third story"]


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    (items,) = read(str(tmp_path))
    assert isinstance(items, InputError) and "no article files" in items.message


def test_stdin(monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    fake = io.TextIOWrapper(io.BytesIO(("Library reopens\n\n" + body).encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", fake)
    a = only_article(read("-"))
    assert a.source == "-" and a.title == "Library reopens"


def test_stdin_html(monkeypatch: pytest.MonkeyPatch, make_page: Callable[..., str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(make_page().encode("utf-8"))))
    a = only_article(read("-"))
    assert a.outlet == "Lakeview Ledger"


def test_published_override_by_path_and_basename(tmp_path: Path, body: str, make_page: Callable[..., str]) -> None:
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b.html").write_text(make_page(), encoding="utf-8")
    s = Settings(published={str(tmp_path / "a.txt"): "2024-01-02", "b.html": "2024-03-04T10:00:00"})
    a, b = read(str(tmp_path), settings=s)
    assert isinstance(a, Article) and a.published == "2024-01-02"
    assert isinstance(b, Article) and b.published == "2024-03-04"  # the override beats the page's own date


def test_published_override_must_be_a_date(tmp_path: Path, body: str) -> None:
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (item,) = read(str(tmp_path / "a.txt"), settings=Settings(published={"a.txt": "last tuesday"}))
    assert isinstance(item, InputError) and "YYYY-MM-DD" in item.message


@pytest.mark.parametrize("content,kind", [
    (b"WARC/1.0\r\n", "warc"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (b"<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>", "feed"),
    (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
    (b'{"text": "x"}', "json"),
    (b'{"text": "x"}\n{"text": "y"}\n', "json"),
    (b"[Updated] Ferry fares rise\n\nThe operator said fares would rise.", "text"),
    (b"Plain text article.", "text"),
])
def test_sniff(content: bytes, kind: str) -> None:
    from newsprism.ingest.sources import sniff

    assert sniff(content) == kind


def test_unknown_extension_is_sniffed(tmp_path: Path, make_page: Callable[..., str], body: str) -> None:
    (tmp_path / "page.php").write_text(make_page(), encoding="utf-8")
    (tmp_path / "story").write_text("[Updated] Library reopens\n\n" + body, encoding="utf-8")
    a, b = read(str(tmp_path / "page.php"), str(tmp_path / "story"))
    assert isinstance(a, Article) and a.outlet == "Lakeview Ledger"
    assert isinstance(b, Article) and b.text.startswith("[Updated] Library reopens")
