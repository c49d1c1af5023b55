"""Fixtures of the web tests: the store double, the app over it, a test client and a live server."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from web_support import TEXTS, FakeStore, LiveServer, build_report, hostile_report  # noqa: E402


@pytest.fixture()
def store() -> FakeStore:
    return FakeStore([(build_report(), dict(TEXTS)), hostile_report()])


@pytest.fixture()
def app(store: FakeStore) -> Any:
    from newsprism.web.app import create_app

    return create_app("fake.db", store_factory=lambda path: store, max_body=200_000)


@pytest.fixture()
def client(app: Any) -> Iterator[Any]:
    with warnings.catch_warnings():  # starlette asks for httpx2 on import; httpx works the same here
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.fixture()
def live(app: Any) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server
