"""The JSON API and its OpenAPI description."""

from __future__ import annotations

from typing import Any

from web_support import BRIDGE, BRIDGE_ID
from sample_story import A1, TEXTS


def test_list_stories(client: Any) -> None:
    r = client.get("/api/stories")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["count"] == 2 and {s["id"] for s in body["stories"]} == {BRIDGE_ID, "s999999999999"}
    assert set(body["stories"][0]) >= {"id", "title", "first_seen", "last_seen", "articles"}


def test_paging_and_bad_numbers(client: Any) -> None:
    assert client.get("/api/stories", params={"limit": 1}).json()["count"] == 1
    assert client.get("/api/stories", params={"limit": 1, "offset": 1}).json()["count"] == 1
    for params in ({"limit": 0}, {"limit": 501}, {"limit": "ten"}, {"offset": -1}):
        r = client.get("/api/stories", params=params)
        assert r.status_code == 400 and "error" in r.json(), params


def test_search_and_bad_query(client: Any) -> None:
    body = client.get("/api/stories", params={"q": "inspection"}).json()
    assert [s["id"] for s in body["stories"]] == [BRIDGE_ID] and body["query"] == "inspection"
    r = client.get("/api/stories", params={"q": 'bridge AND ("'})
    assert r.status_code == 400
    assert "bad search query" in r.json()["error"]


def test_story_with_and_without_report(client: Any) -> None:
    body = client.get(f"/api/stories/{BRIDGE_ID}").json()
    assert body["story"]["id"] == BRIDGE_ID and body["report"] == BRIDGE
    assert "report" not in client.get(f"/api/stories/{BRIDGE_ID}", params={"report": 0}).json()
    assert client.get(f"/api/stories/{BRIDGE_ID}", params={"report": "yes"}).status_code == 400


def test_article(client: Any) -> None:
    body = client.get(f"/api/articles/{A1}").json()
    assert body["text"] == TEXTS[A1] and body["outlet"] == "Harbor Ledger"


def test_errors_are_json(client: Any) -> None:
    r = client.get("/api/stories/s000000000000")
    assert r.status_code == 404 and "no story" in r.json()["error"]
    r = client.get("/api/stories/bad..id")
    assert r.status_code == 400 and "malformed id" in r.json()["error"]


def test_openapi_describes_the_routes(client: Any, app: Any) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}"}
    for path, ops in doc["paths"].items():
        url = path.replace("{story_id}", BRIDGE_ID).replace("{article_id}", A1)
        for method, op in ops.items():
            r = client.request(method.upper(), url)
            assert str(r.status_code) in op["responses"], (path, r.status_code)
            for ref in _refs(op):
                name = ref.rsplit("/", 1)[-1]
                assert name in doc["components"]["schemas"], ref


def test_docs_page_lists_the_endpoints(client: Any) -> None:
    r = client.get("/api")
    assert r.status_code == 200
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/openapi.json"):
        assert path in r.text


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        out = [node["$ref"]] if "$ref" in node else []
        for v in node.values():
            out += _refs(v)
        return out
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []
