"""Metadata helpers: dates, outlets, language, ids and --published matching."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from newsprism.ingest.html import strip_site_from_title
from newsprism.ingest.meta import (article_id, detect_language, iso_date, outlet_from_dateline, outlet_from_url,
                                   published_override)


@pytest.mark.parametrize("value,expected", [
    ("2018-09-26", "2018-09-26"),
    ("2018-09-26T14:05:00-04:00", "2018-09-26"),
    ("Wed, 26 Sep 2018 18:05:00 GMT", "2018-09-26"),
    ("September 26, 2018", "2018-09-26"),
    (dt.datetime(2018, 9, 26, 23, 0), "2018-09-26"),
    (time.strptime("2018-09-26", "%Y-%m-%d"), "2018-09-26"),
    ("2018-02-30", None),
    ("last Wednesday", None),
    ("", None),
    (None, None),
    (1537999200, None),
])
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize("url,outlet", [
    ("https://www.cnn.com/2018/09/26/politics/x", "CNN"),
    ("https://edition.cnn.com/x", "CNN"),
    ("https://thehill.com/policy/x", "The Hill"),
    ("https://news.ledger.example/x", "news.ledger.example"),
    ("not a url", None),
    (None, None),
])
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_outlet_from_dateline() -> None:
    assert outlet_from_dateline("REUTERS") == "Reuters"
    assert outlet_from_dateline("Harbour Wire") == "Harbour Wire"


def test_article_id_format() -> None:
    assert article_id("abc") == "aa9993e364706"
    assert article_id("abc") == article_id("abc")


def test_language() -> None:
    en = "The council said on Monday that the bridge would stay closed until engineers had finished their work."
    assert detect_language(en) == "en"
    assert detect_language("Der Rat sagte am Montag, dass die Brücke geschlossen bleibt, bis die Ingenieure "
                           "ihre Arbeit beendet haben und der Verkehr wieder fließen kann.") == "de"
    assert detect_language("市议会周一表示，在工程师完成工作之前，这座桥将一直关闭。这是一个很长的句子，用来测试语言识别。"
                           "我们需要更多的文字来确保检测有足够的单词数量可以使用。") in ("und", None)
    assert detect_language("Too short.") is None


def test_published_override_matching() -> None:
    o = {"seeds/a.txt": "2018-09-26", "b.html": "2018-09-27", "https://x.example/story": "2018-09-28"}
    assert published_override("seeds/a.txt", o) == "2018-09-26"
    assert published_override("./seeds/a.txt", o) == "2018-09-26"
    assert published_override("/data/other/b.html", o) == "2018-09-27"
    assert published_override("crawl.warc.gz#https://x.example/story", o) == "2018-09-28"
    assert published_override("c.txt", o) is None


def test_strip_site_from_title() -> None:
    assert strip_site_from_title("Bridge closed | The Courier", "The Courier", "courier.example") == "Bridge closed"
    assert strip_site_from_title("Bridge closed - courier.example", None, "courier.example") == "Bridge closed"
    assert strip_site_from_title("Ship hits bridge - 14 hurt", "The Courier", None) == "Ship hits bridge - 14 hurt"
