"""Web safety: headers on every response, body cap, same-origin posts, trusted hosts, loopback by default."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from web_support import BRIDGE_ID, FakeStore

from newsprism.report.html import SCRIPT_SRC
from newsprism.commands.serve import serve
from newsprism.web.app import LOOPBACK_NAMES, create_app, is_loopback


def _check_headers(r: Any) -> None:
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and SCRIPT_SRC in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"


def test_headers_on_every_kind_of_response(client: Any) -> None:
    responses = [
        client.get("/"), client.get(f"/stories/{BRIDGE_ID}"), client.get("/static/app.css"),
        client.get("/nowhere"), client.get("/api/stories", params={"limit": 0}), client.get("/openapi.json"),
        client.post("/analyze", content=b"x" * 300_000, headers={"content-type": "text/plain"}),
        client.post("/analyze", data={"text1": "x"}, headers={"origin": "http://evil.example"}),
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 404, 400, 200, 413, 403]
    for r in responses:
        _check_headers(r)


def test_body_cap_by_length_and_while_streaming(client: Any) -> None:
    r = client.post("/analyze", content=b"x" * 200_001, headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and "too large" in r.text

    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"text1=" + b"y" * 10_000 + b"&"

    r = client.post("/analyze", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    r = client.post("/api/stories", content=b"x" * 200_001)
    assert r.status_code == 413 and "too large" in r.json()["error"]


def test_cross_site_post_is_refused(client: Any) -> None:
    for origin in ("http://evil.example", "null"):
        r = client.post("/analyze", data={"text1": "hello"}, headers={"origin": origin})
        assert r.status_code == 403, origin
    r = client.post("/analyze", data={}, headers={"origin": "http://127.0.0.1:8000"})
    assert r.status_code == 400  # same origin gets through to the form handler


def test_trusted_hosts_when_bound_to_loopback(store: FakeStore) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    app = create_app("fake.db", store_factory=lambda p: store, allowed_hosts=LOOPBACK_NAMES)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "localhost:8000"}).status_code == 200
        r = c.get("/", headers={"host": "attacker.example"})
        assert r.status_code == 400
        _check_headers(r)


def test_store_is_closed_on_shutdown(store: FakeStore) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    with TestClient(create_app("fake.db", store_factory=lambda p: store)):
        pass
    assert store.closed


def test_default_bindis_loopback() -> None:
    from newsprism.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")


def test_serve_refuses_a_missing_store(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert serve(str(tmp_path / "none.db")) == 2
    assert "no store at" in capsys.readouterr().err


def test_serve_refuses_a_busy_port(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    db = tmp_path / "x.db"
    db.write_bytes(b"")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        assert serve(str(db), port=s.getsockname()[1]) == 2
    assert "pick another --port" in capsys.readouterr().err
