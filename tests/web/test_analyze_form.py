"""The paste-or-upload page: articles go through ingest and the analysis API, and come back as a report."""

from __future__ import annotations

import json
from typing import Any

import pytest

import newsprism.api
from newsprism.model import Article, Report, Span, Story, SummarySentence

FIRST = ("The city council voted on Monday to build a new library in the harbour district. "
         "The building will cost 8 million euros and open in 2027, the mayor said at the meeting.")
SECOND = ("A new library will be built in the harbour district after a council vote on Monday. "
          "Council members said the project would cost 9 million euros and take three years to finish.")


@pytest.fixture()
def seen(monkeypatch: pytest.MonkeyPatch) -> list[list[Article]]:
    """Replaces the analysis with one that cites the first sentence of each article."""
    calls: list[list[Article]] = []

    def fake_analyze(articles: list[Article], settings: Any = None) -> Report:
        calls.append(list(articles))
        first = [SummarySentence(a.text.split(". ")[0] + ".",
                                 [Span(a.id, 0, len(a.text.split(". ")[0]) + 1)]) for a in articles]
        return Report(story=Story(id="s1", title=articles[0].title, articles=list(articles)), summary=first)

    monkeypatch.setattr(newsprism.api, "analyze", fake_analyze)
    return calls


def test_pasted_articles_are_analysed(client: Any, seen: list[list[Article]]) -> None:
    r = client.post("/analyze", data={"outlet1": "North Post", "title1": "Library vote", "published1": "2024-05-06",
                                      "text1": FIRST, "outlet2": "South Star", "text2": SECOND})
    assert r.status_code == 200, r.text
    arts = seen[0]
    assert [a.outlet for a in arts] == ["North Post", "South Star"]
    assert arts[0].published == "2024-05-06" and arts[0].title == "Library vote"
    assert 'data-text-of="' + arts[0].id + '"' in r.text and 'class="cite"' in r.text


def test_uploaded_files_are_read(client: Any, seen: list[list[Article]]) -> None:
    page = (f"<html><head><title>Library vote - North Post</title></head><body><article><h1>Library vote</h1>"
            f"<p>{FIRST}</p><p>{SECOND}</p></article></body></html>").encode()
    files = [("files", ("north.html", page, "text/html")), ("files", ("south.txt", SECOND.encode(), "text/plain"))]
    r = client.post("/analyze", data={"published": "2024-05-06"}, files=files)
    assert r.status_code == 200, r.text
    arts = seen[0]
    assert [a.source for a in arts] == ["north.html", "south.txt"]
    assert all(a.published == "2024-05-06" for a in arts)
    assert "harbour district" in arts[0].text


def test_uploads_go_to_the_reader_of_their_kind(client: Any, seen: list[list[Article]]) -> None:
    lines = "\n".join(json.dumps({"text": t, "outlet": o, "title": "Library vote", "published": "2024-05-07"})
                      for t, o in ((FIRST, "North Post"), (SECOND, "South Star")))
    r = client.post("/analyze", files=[("files", ("both.jsonl", lines.encode(), "application/x-ndjson"))])
    assert r.status_code == 200, r.text
    assert [(a.outlet, a.published) for a in seen[0]] == [("North Post", "2024-05-07"), ("South Star", "2024-05-07")]


def test_links_of_an_uploaded_feed_are_not_fetched(client: Any, seen: list[list[Article]]) -> None:
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
            b"<item><title>Library vote</title><link>http://127.0.0.1:9/library</link></item></channel></rss>")
    r = client.post("/analyze", files=[("files", ("desk.rss", feed, "application/rss+xml"))])
    assert r.status_code == 400 and "not fetched" in r.text and not seen


@pytest.mark.parametrize(("data", "message"), [
    ({}, "no article given"),
    ({"text1": FIRST, "published1": "May 6"}, "not YYYY-MM-DD"),
    ({"text1": "Too short."}, "pasted-1: "),
])
def test_bad_forms_say_what_to_do(client: Any, seen: list[list[Article]], data: dict[str, str], message: str) -> None:
    r = client.post("/analyze", data=data)
    assert r.status_code == 400
    assert message in r.text
    assert not seen


def test_form_keeps_what_was_typed(client: Any, seen: list[list[Article]]) -> None:
    r = client.post("/analyze", data={"outlet1": "<b>North</b>", "text1": FIRST, "published1": "bad"})
    assert r.status_code == 400
    assert 'value="&lt;b&gt;North&lt;/b&gt;"' in r.text


def test_empty_upload_is_refused(client: Any, seen: list[list[Article]]) -> None:
    r = client.post("/analyze", files=[("files", ("empty.txt", b"  ", "text/plain"))])
    assert r.status_code == 400 and "empty" in r.text


def test_binary_upload_is_named_as_binary(client: Any, seen: list[list[Article]]) -> None:
    blob = bytes(range(256)) * 8  # control bytes and NULs: not a text file whatever its name says
    r = client.post("/analyze", data={"text1": FIRST}, files=[("files", ("scan.txt", blob, "text/plain"))])
    assert r.status_code == 400 and "scan.txt: binary data, not text" in r.text and not seen


@pytest.mark.slow
def test_real_analysis_of_pasted_articles(client: Any) -> None:
    r = client.post("/analyze", data={"outlet1": "North Post", "text1": FIRST, "published1": "2024-05-06",
                                      "outlet2": "South Star", "text2": SECOND, "published2": "2024-05-06"})
    assert r.status_code == 200, r.text[:500]
    assert "Facts across outlets" in r.text and "North Post" in r.text and "South Star" in r.text
