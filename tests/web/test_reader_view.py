"""Pages that scale and read plainly: paged story sections, compact tables, a quick first answer, the list's
filters and order, and file names instead of server paths."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from big_story import big_story
from web_support import BRIDGE_ID, HOSTILE_ID, FakeStore

from newsprism.config import WebSettings
from newsprism.web.app import create_app


def _client(store: FakeStore) -> Any:
    from starlette.testclient import TestClient

    return TestClient(create_app("fake.db", store_factory=lambda path: store), base_url="http://127.0.0.1:8000")


@pytest.fixture()
def big() -> FakeStore:
    return FakeStore([big_story(120)])


def test_big_story_page_is_paged_and_compact(big: FakeStore) -> None:
    with _client(big) as client:
        r = client.get("/stories/sbbbbbbbbbbbb")
        assert r.status_code == 200
        assert len(r.content) < 1_500_000
        assert r.text.count('<tr class="fact-') == WebSettings().section_page  # one page of the 241 facts told by several
        assert "1–50 of 241" in r.text and 'href="?facts=2#facts"' in r.text
        assert "<th>Told by</th>" in r.text  # a cell of outlets, not a column for each of 120 articles
        # evidence: the one outlet that says something has a row; the 119 silent ones share one line
        assert r.text.count("says no evidence was offered") >= 1
        assert "119 other outlets: says nothing about evidence" in r.text
        third = client.get("/stories/sbbbbbbbbbbbb", params={"facts": 3})
        assert "101–150 of 241" in third.text and 'id="fact-1"' in third.text
        assert "/srv/crawl" not in r.text and "/srv/crawl" not in client.get("/api/stories/sbbbbbbbbbbbb").text


def test_the_digest_leads_the_story_page(big: FakeStore) -> None:
    with _client(big) as client:
        text = client.get("/stories/sbbbbbbbbbbbb").text
    assert text.index('id="digest"') < text.index('id="summary"')
    assert "number differs: Averly Gazette number 0 says 2, Harrow Gazette number 119 says 121" in text


class SlowStore(FakeStore):
    """A store whose first report takes until the test releases it, like a big story analysed for the first time."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.release = threading.Event()

    def story_report(self, story_id: str, settings: Any = None) -> dict[str, Any]:
        self.release.wait(30)
        return super().story_report(story_id, settings)


def test_a_slow_report_answers_at_once_and_then_shows(big: FakeStore) -> None:
    slow = SlowStore([big_story(12)])
    with _client(slow) as client:
        started = time.monotonic()
        r = client.get("/stories/sbbbbbbbbbbbb")
        assert time.monotonic() - started < 2.5
        assert r.status_code == 202 and 'http-equiv="refresh"' in r.text and "12 articles" in r.text
        slow.release.set()
        deadline = time.monotonic() + 20
        while (r := client.get("/stories/sbbbbbbbbbbbb")).status_code == 202 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert r.status_code == 200 and 'id="digest"' in r.text
        assert slow.report_calls == 1


def test_story_list_filters_and_sorts(client: Any) -> None:
    r = client.get("/", params={"min": 2})
    assert f"/stories/{BRIDGE_ID}" in r.text and f"/stories/{HOSTILE_ID}" not in r.text
    r = client.get("/", params={"outlet": "valley post"})
    assert f"/stories/{BRIDGE_ID}" in r.text and f"/stories/{HOSTILE_ID}" not in r.text
    r = client.get("/", params={"since": "2024-03-06"})  # the bridge's only dated article is of 2024-03-05
    assert f"/stories/{BRIDGE_ID}" not in r.text and "No story matches with these filters" in r.text
    titles = client.get("/", params={"sort": "title"}).text
    assert titles.index(f"/stories/{HOSTILE_ID}") < titles.index(f"/stories/{BRIDGE_ID}")  # "Hostile" < "Riverside"
    assert '<option value="title" selected>' in titles


def test_story_list_dates_are_publication_dates(client: Any) -> None:
    text = client.get("/").text
    assert "2024-03-05" in text and "2024-03-06" not in text  # the store's own range is not shown


def test_pages_and_api_show_file_names_not_paths(store: FakeStore, client: Any) -> None:
    art = next(iter(store.articles.values()))
    art.source = "/home/desk/crawl/2024/ledger.txt"
    page = client.get(f"/articles/{art.id}").text
    assert "ledger.txt" in page and "/home/desk" not in page
    assert client.get(f"/api/articles/{art.id}").json()["source"] == "ledger.txt"
    assert "/home/desk" not in client.get("/api/stories").text
