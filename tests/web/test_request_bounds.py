"""The analysis form's bounds: a word budget per request (413 with a message), a deadline (503 with a message), one
analysis in memory at a time, and dates far out of range answered rather than crashing."""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

import newsprism.api
import newsprism.web.app as web_app
from newsprism.config import Settings, WebSettings
from newsprism.model import Article, Report, Story

FIRST = ("The city council voted on Monday to build a new library in the harbour district. "
         "The building will cost 8 million euros and open in 2027, the mayor said at the meeting on Tuesday.")
SECOND = ("A new library will be built in the harbour district after a council vote on Monday. "
          "Council members said the project would cost 9 million euros and take three years to finish.")


def _client(app: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    return TestClient(app, base_url="http://127.0.0.1:8000")


@pytest.fixture()
def big_client(store: Any) -> Iterator[Any]:
    """The app with its real body cap (5 MB), over the store double."""
    with _client(web_app.create_app("fake.db", store_factory=lambda path: store)) as c:
        yield c


def test_a_one_megabyte_paste_is_refused_at_once_with_413(big_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[int] = []
    monkeypatch.setattr(newsprism.api, "analyze", lambda *a, **k: called.append(1))
    paste = ("The council said the library would reopen next week after the flood. " * 15_000)[:1_000_000]
    t0 = time.monotonic()
    r = big_client.post("/analyze", data={"text1": paste})
    assert time.monotonic() - t0 < 10
    assert r.status_code == 413
    assert f"at most {WebSettings().max_analysis_words:,} words" in r.text and "send fewer or shorter articles" in r.text
    assert not called
    assert big_client.get("/healthz").status_code == 200  # the connection and the server carry on


def test_an_overlong_upload_is_refused_with_413(big_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newsprism.api, "analyze", lambda *a, **k: pytest.fail("must not analyse"))
    blob = ("x" * 40_000 + " ") * 10
    r = big_client.post("/analyze", files=[("files", ("blob.txt", blob.encode(), "text/plain"))])
    assert r.status_code == 413 and "blob.txt" in r.text and "characters" in r.text


def test_analysis_past_its_deadline_is_answered_and_holds_the_slot(store: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    runs: list[int] = []

    def slow_analyze(articles: list[Article], settings: Any = None) -> Report:
        runs.append(len(articles))
        release.wait(20)
        return Report(story=Story(id="s1", title=None, articles=list(articles)))

    monkeypatch.setattr(newsprism.api, "analyze", slow_analyze)
    quick = Settings(web=WebSettings(analysis_seconds=0.5))
    with _client(web_app.create_app("fake.db", store_factory=lambda path: store, settings=quick)) as c:
        t0 = time.monotonic()
        r = c.post("/analyze", data={"text1": FIRST, "text2": SECOND})
        assert time.monotonic() - t0 < 5
        assert r.status_code == 503 and "longer than 0.5 s" in r.text
        busy = c.post("/analyze", data={"text1": FIRST})
        assert busy.status_code == 503 and "still finishing an earlier analysis" in busy.text
        assert runs == [2]  # the second request did not start another analysis beside the first
        release.set()
        deadline = time.monotonic() + 10
        while True:
            r = c.post("/analyze", data={"text1": FIRST})
            if r.status_code != 503 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert r.status_code == 200, r.text


@pytest.mark.slow
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_dates_out_of_range_are_analysed_with_a_note(big_client: Any, day: str) -> None:
    r = big_client.post("/analyze", data={"text1": FIRST, "published1": day, "text2": SECOND, "published2": day})
    assert r.status_code == 200, r.text
    assert "outside 1800..2200" in r.text
    assert big_client.get("/healthz").status_code == 200
