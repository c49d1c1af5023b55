"""The abstractive mode against a fake OpenAI-compatible server on 127.0.0.1: linking, dropping, failures."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from newsprism.config import Settings
from newsprism.model import Article, Span
from newsprism.nlp import parse
from newsprism.story.llm import ChatClient, link, split_generated
from newsprism.story.summarize import summarize

TEXT_A = (
    "Flood waters closed the Elmford river bridge on Monday after three days of heavy rain.\n\n"
    "Mayor Dana Whitlock said the bridge would stay shut until engineers inspect its supports.\n\n"
    "Schools in the eastern district will close on Tuesday as a precaution."
)
TEXT_B = (
    "The Elmford river bridge was closed on Monday as flood waters rose after three days of rain.\n\n"
    "Commuters face a detour of almost forty minutes through the northern hills."
)


class FakeChat:
    """A threaded local server that answers chat completions as told and records what it was sent."""

    def __init__(self) -> None:
        self.status = 200
        self.reply: Any = None
        self.delay = 0.0
        self.raw: bytes | None = None
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                if fake.delay:
                    time.sleep(fake.delay)
                payload = fake.raw if fake.raw is not None else json.dumps(
                    {"choices": [{"message": {"role": "assistant", "content": fake.reply}}]}).encode()
                try:
                    self.send_response(fake.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeChat":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture()
def fake() -> Iterator[FakeChat]:
    with FakeChat() as server:
        yield server


@pytest.fixture(scope="module")
def story() -> tuple[list[Article], dict[str, Any]]:
    arts = [Article(id="allma00000001", text=TEXT_A, outlet="Herald", source="a.txt"),
            Article(id="allmb00000002", text=TEXT_B, outlet="Courier", source="b.txt")]
    return arts, parse(arts)


def _settings(url: str | None, **kw: Any) -> Settings:
    return Settings(summary_mode="llm", llm_url=url, llm_model="tiny-test", summary_words=80, **kw)


def test_generated_sentences_are_linked_or_dropped(fake: FakeChat, story: Any) -> None:
    arts, docs = story
    fake.reply = ("The Elmford river bridge was closed on Monday after three days of heavy rain [1][2]. "
                  "Astronauts landed a rocket on the town hall roof yesterday [3].")
    summary, notes = summarize(arts, docs, [], [], _settings(fake.url, llm_api_key="sekret"))
    assert len(summary) == 1
    s = summary[0]
    assert s.generated and s.text.startswith("The Elmford river bridge was closed")
    texts = {a.id: a.text for a in arts}
    assert s.sources and all(texts[sp.article][sp.start:sp.end] == sp.text for sp in s.sources)
    assert any("Astronauts" in n and "dropped" in n for n in notes)
    req = fake.requests[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["body"]["model"] == "tiny-test"
    assert req["auth"] == "Bearer sekret"
    prompt = req["body"]["messages"][-1]["content"]
    assert "[1]" in prompt and "Elmford" in prompt and "80 words" in prompt


def test_nothing_linkable_falls_back_to_extractive(fake: FakeChat, story: Any) -> None:
    arts, docs = story
    fake.reply = "Penguins organised a jazz festival on the moon."
    summary, notes = summarize(arts, docs, [], [], _settings(fake.url))
    assert summary and not any(s.generated for s in summary)
    assert any("could be linked" in n for n in notes)


def test_http_error_is_reported_and_extractive_summary_kept(fake: FakeChat, story: Any,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    arts, docs = story
    fake.status = 500
    fake.raw = b'{"error": "model not loaded"}'
    summary, notes = summarize(arts, docs, [], [], _settings(fake.url))
    assert summary and not any(s.generated for s in summary)
    assert "HTTP 500" in notes[0]
    assert "HTTP 500" in caplog.text  # logged as a warning, which the command prints


def test_reply_that_is_not_chat_json(fake: FakeChat, story: Any) -> None:
    arts, docs = story
    fake.raw = b"<html>hello</html>"
    summary, notes = summarize(arts, docs, [], [], _settings(fake.url))
    assert summary and "OpenAI-compatible" in notes[0]


def test_slow_endpoint_times_out(fake: FakeChat, story: Any) -> None:
    arts, docs = story
    fake.delay = 2.0
    fake.reply = "late"
    summary, notes = summarize(arts, docs, [], [], _settings(fake.url, llm_timeout=0.3))
    assert summary and "did not answer within" in notes[0]


def test_unreachable_endpoint(story: Any, caplog: pytest.LogCaptureFixture) -> None:
    arts, docs = story
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    summary, notes = summarize(arts, docs, [], [], _settings(f"http://127.0.0.1:{port}/v1", llm_timeout=2.0))
    assert summary and not any(s.generated for s in summary)
    assert "cannot reach" in notes[0] and "--llm-url" in notes[0]
    assert "cannot reach" in caplog.text


@pytest.mark.parametrize("url, words", [(None, "--llm-url"), ("ftp://127.0.0.1/v1", "not an http(s) URL"),
                                        ("127.0.0.1:8080", "not an http(s) URL")])
def test_misconfigured_endpoint(url: str | None, words: str, story: Any) -> None:
    arts, docs = story
    summary, notes = summarize(arts, docs, [], [], _settings(url))
    assert summary
    assert words in notes[0] and "extractive summary is shown instead" in notes[0]


def test_llm_is_never_the_default() -> None:
    assert Settings().summary_mode == "extractive"


def test_split_generated_reads_citations_and_bullets() -> None:
    parts = split_generated("- The bridge closed [1, 2]. Schools shut on Tuesday [3].\n2) Rain fell for days.")
    assert parts == [("The bridge closed.", [1, 2]), ("Schools shut on Tuesday.", [3]), ("Rain fell for days.", [])]


def test_link_needs_most_content_words() -> None:
    sources = [Span("a", 0, 40, "The bridge closed on Monday after heavy rain."),
               Span("b", 0, 40, "Schools in the eastern district will close on Tuesday.")]
    ok = link("The bridge closed on Monday, and schools in the eastern district will close.", [], sources)
    assert len(ok.sources) == 2
    bad = link("The mayor resigned over a bribery scandal on Monday.", [1], sources)
    assert bad.sources == [] and bad.coverage < 0.6


def test_client_rejects_missing_url() -> None:
    from newsprism.errors import LLMError

    with pytest.raises(LLMError, match="--llm-url"):
        ChatClient(None)


@pytest.mark.slow
def test_cli_llm_mode_end_to_end(fake: FakeChat, tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    from newsprism.cli import main

    a = tmp_path / "a.txt"
    a.write_text(TEXT_A + "\n", encoding="utf-8")
    fake.reply = "Flood waters closed the Elmford river bridge on Monday after heavy rain [1]."
    monkeypatch.setenv("NEWSPRISM_LLM_API_KEY", "k-123")
    out = tmp_path / "r.json"
    assert main(["analyze", str(a), "--format", "json", "-o", str(out), "--summary-mode", "llm",
                 "--llm-url", fake.url, "--llm-model", "m1", "--llm-timeout", "5"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [s["generated"] for s in report["summary"]] == [True]
    assert fake.requests[0]["auth"] == "Bearer k-123" and fake.requests[0]["body"]["model"] == "m1"
    assert main(["verify", str(out), str(a)]) == 0
