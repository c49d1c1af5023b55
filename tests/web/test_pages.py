"""The app's HTML pages: story list and search, story report, article view with highlights."""

from __future__ import annotations

import re
from typing import Any

from web_support import BRIDGE_ID, HOSTILE_ID, FakeStore
from sample_story import A1, TEXTS


def test_story_list_links_every_story(client: Any) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert f'href="/stories/{BRIDGE_ID}"' in r.text and f'href="/stories/{HOSTILE_ID}"' in r.text
    assert "Harbor Ledger, Valley Post" in r.text


def test_search_matches_article_text(client: Any) -> None:
    r = client.get("/", params={"q": "inspection"})
    assert r.status_code == 200
    assert f"/stories/{BRIDGE_ID}" in r.text and f"/stories/{HOSTILE_ID}" not in r.text


def test_search_with_broken_fts_syntax_falls_back_to_words(client: Any) -> None:
    r = client.get("/", params={"q": '"inspection AND ('})
    assert r.status_code == 200
    assert "bad search query" in r.text and "Showing stories with the words inspection, AND" in r.text
    assert f"/stories/{BRIDGE_ID}" in r.text


def test_search_of_only_operators_says_what_to_do(client: Any) -> None:
    r = client.get("/", params={"q": '"'})
    assert r.status_code == 400
    assert "use plain words" in r.text


def test_overlong_search_is_refused(client: Any) -> None:
    r = client.get("/", params={"q": "x" * 301})
    assert r.status_code == 400 and "at most 300 characters" in r.text


def test_sql_in_search_is_just_text(client: Any, store: FakeStore) -> None:
    r = client.get("/", params={"q": "x'; DROP TABLE fts; --"})
    assert r.status_code in (200, 400)
    assert store.search_stories("inspection")  # the table is still there


def test_story_page_is_the_report_with_article_links(client: Any) -> None:
    r = client.get(f"/stories/{BRIDGE_ID}")
    assert r.status_code == 200
    assert "<h1>Riverside Bridge to close for repairs</h1>" in r.text
    assert 'data-text-of="a111111111111"' in r.text
    assert f'href="/articles/{A1}?story={BRIDGE_ID}"' in r.text
    assert 'href="/analyze"' in r.text


def test_story_report_is_computed_once(client: Any, store: FakeStore) -> None:
    for _ in range(3):
        assert client.get(f"/stories/{BRIDGE_ID}").status_code == 200
    client.get(f"/api/stories/{BRIDGE_ID}")
    assert store.report_calls == 1


def test_unknown_and_malformed_ids(client: Any) -> None:
    assert client.get("/stories/s000000000000").status_code == 404
    assert client.get("/articles/a000000000000").status_code == 404
    for bad in ("/stories/a..b", "/stories/%2E%2E", "/stories/a%20b", "/articles/%3Cscript%3E", "/stories/" + "x" * 81):
        r = client.get(bad)
        assert r.status_code == 400, bad
        assert "malformed id" in r.text
    assert client.get("/stories/..%2F..%2Fetc%2Fpasswd").status_code in (400, 404)
    assert client.get("/static/..%2F..%2Fapp.py").status_code == 404
    assert client.get("/static/app.css").status_code == 200


def test_article_view_highlights_the_span(client: Any) -> None:
    start = TEXTS[A1].index("The repairs will cost")
    end = start + len("The repairs will cost $12 million")
    r = client.get(f"/articles/{A1}", params={"story": BRIDGE_ID, "start": start, "end": end})
    assert r.status_code == 200
    m = re.search(r'<mark class="hl" id="np-highlight">(.*?)</mark>', r.text)
    assert m and m.group(1) == "The repairs will cost $12 million"
    assert 'title="Lena Ortiz"' in r.text  # quotes of the story's report are marked with their speaker
    assert "photo_credit" in r.text


def test_article_view_rejects_bad_offsets(client: Any) -> None:
    assert client.get(f"/articles/{A1}", params={"start": "x"}).status_code == 400
    assert client.get(f"/articles/{A1}", params={"start": 5, "end": 10**7}).status_code == 400


def test_hostile_article_is_escaped_everywhere(client: Any) -> None:
    for url in (f"/stories/{HOSTILE_ID}", "/articles/a999999999999?story=" + HOSTILE_ID, "/"):
        body = client.get(url).text
        assert "<script>window" not in body and "<img src=x" not in body, url
        assert 'href="javascript' not in body.lower()
