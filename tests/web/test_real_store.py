"""The app over a real SQLite store: ingest two invented articles, then browse, search and read the report."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

NORTH = ("Harbour library approved\n\n"
         "The city council voted on Monday to build a new public library in the harbour district, ending a "
         "debate that lasted two years. \"This library will serve every family in the harbour,\" Mayor Ines "
         "Duarte said after the vote. The building will cost 8 million euros and open in 2027, officials said. "
         "Opponents argued that the money should go to road repairs instead.")
SOUTH = ("Council backs harbour library\n\n"
         "A new public library will be built in the harbour district after a council vote on Monday. "
         "\"This library will serve every family in the harbour district,\" Mayor Ines Duarte told reporters. "
         "Council members said the project would cost 9 million euros. Construction is expected to start in "
         "the spring and take three years.")


@pytest.fixture()
def real_client(tmp_path: Path) -> Iterator[tuple[Any, str]]:
    from newsprism.corpus.store import Store
    from newsprism.ingest import article_from_text
    from newsprism.web.app import create_app

    db = str(tmp_path / "corpus.db")
    with Store(db) as store:
        store.add_articles([article_from_text(NORTH, source="north.txt", outlet="North Post", published="2024-05-06"),
                            article_from_text(SOUTH, source="south.txt", outlet="South Star", published="2024-05-06")])
        story_id = store.list_stories()[0]["id"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    with TestClient(create_app(db), base_url="http://127.0.0.1:8000") as c:
        yield c, story_id


def test_missing_store_is_not_created(tmp_path: Path) -> None:
    from newsprism.errors import StoreError
    from newsprism.web.app import create_app

    with pytest.raises(StoreError, match="no store at"):
        create_app(str(tmp_path / "absent.db"))
    assert not (tmp_path / "absent.db").exists()


def test_list_search_and_bad_query(real_client: tuple[Any, str]) -> None:
    client, story_id = real_client
    assert f"/stories/{story_id}" in client.get("/").text
    found = client.get("/api/stories", params={"q": "library"}).json()
    assert [s["id"] for s in found["stories"]] == [story_id]
    bad = client.get("/api/stories", params={"q": 'library AND ("'})
    assert bad.status_code == 400 and bad.json()["error"]


@pytest.mark.slow
def test_story_page_and_api_report(real_client: tuple[Any, str]) -> None:
    client, story_id = real_client
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert "North Post" in page.text and "South Star" in page.text and 'class="cite"' in page.text
    report = client.get(f"/api/stories/{story_id}").json()["report"]
    assert report["schema"] == "newsprism.report/1" and len(report["story"]["articles"]) == 2
    art = report["story"]["articles"][0]["id"]
    assert client.get(f"/articles/{art}", params={"story": story_id}).status_code == 200
