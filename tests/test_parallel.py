"""A long story shares its articles with a second process: the same report as parsing alone, and nothing lost or
left running when that process fails, hangs or its parent ends."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism import parallel
from newsprism.config import Settings
from newsprism.model import Article, Story
from newsprism.nlp import load_spacy
from newsprism.story.analyze import analyze_story

sys.path.insert(0, str(Path(__file__).parent / "story"))  # tests import with importlib: make the fixtures importable
from story_fixtures import GAZETTE, TIMES, article  # noqa: E402

LEDGER = (
    "Officials in Millbrook County said on Wednesday that the chemical plant fire had killed 13 people.\n\n"
    "\"We will find out what happened,\" Governor Alice Raman told reporters outside the plant.\n\n"
    "Delta Chemicals said its safety record was good and that it was cooperating with investigators.\n\n"
    "Neighbours said they had complained about fumes from the plant for years."
)
POST = (
    "Firefighters worked through the night at the Millbrook plant, where 12 people died on Tuesday.\n\n"
    "The state fire marshal, Tom Okafor, said the cause of the blaze was not yet known.\n\n"
    "\"It is too early to say,\" Okafor said. Residents were allowed home on Friday."
)


def _story() -> Story:
    arts = [article("gaz", GAZETTE, "Gazette"), article("tim", TIMES, "Times"), article("led", LEDGER, "Ledger"),
            article("pos", POST, "Post")]
    return Story(id="s1", title="Millbrook fire", articles=arts)


def _settings(on: bool, embeddings: bool = True) -> Settings:
    s = Settings(embeddings=embeddings)
    return Settings(align=replace(s.align, parse_worker=on, parse_worker_words=0))


@pytest.fixture()
def ready(monkeypatch: pytest.MonkeyPatch) -> Iterator[parallel.Helper]:
    """A loaded helper, ended after the test (the failures a test causes do not count for the next)."""
    monkeypatch.setattr(parallel._STATE, "failures", 0)
    assert parallel.prestart(_settings(True), wait=120.0), "the parse helper did not load"
    current = parallel._STATE.helper
    assert current is not None
    yield current
    parallel.drop()


def _signature(arts: list[Article], settings: Settings) -> tuple[list[int], list[tuple[str, ...]]]:
    """Which articles the helper parsed, and every article's tokens with their annotations, in story order."""
    out: dict[int, tuple[str, ...]] = {}
    helped = []
    sharing = parallel.Sharing(load_spacy(), arts, settings)
    try:
        for i, doc, res in sharing.parse(1):
            out[i] = tuple(f"{t.text}/{t.tag_}/{t.dep_}/{t.head.i}/{t.lemma_}/{t.ent_type_}/{t.is_sent_start}"
                           for t in doc)
            if res is not None:
                helped.append(i)
    finally:
        sharing.close()
    return helped, [out[i] for i in range(len(arts))]


@pytest.mark.slow
@pytest.mark.parametrize("embeddings", [True, False])
def test_a_shared_story_reports_exactly_what_one_process_reports(ready: parallel.Helper, embeddings: bool,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    story = _story()
    alone = analyze_story(story, _settings(False, embeddings)).to_dict()
    arts = story.articles
    helped, _ = _signature(arts, _settings(True, embeddings))
    assert helped, "the loaded helper took no article"
    made: list[object] = []
    context = parallel.Sharing.context

    def recorded(self: parallel.Sharing) -> object:
        made.append(context(self))
        return made[-1]

    monkeypatch.setattr(parallel.Sharing, "context", recorded)
    shared = analyze_story(story, _settings(True, embeddings)).to_dict()
    assert made and made[0] is not None, "the helper made no story context"
    assert json.dumps(shared, sort_keys=True) == json.dumps(alone, sort_keys=True)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["killed", "hung"])
def test_a_context_the_helper_does_not_return_is_made_here(ready: parallel.Helper, monkeypatch: pytest.MonkeyPatch,
                                                          how: str) -> None:
    story = _story()
    alone = analyze_story(story, _settings(False)).to_dict()
    monkeypatch.setattr(parallel, "GRACE", 0.5)
    monkeypatch.setattr(parallel, "CONTEXT_PER_WORD", 0.0)
    ask = parallel.Sharing.ask_context

    def ask_then_fail(self: parallel.Sharing, *args: object) -> bool:
        asked = ask(self, *args)  # type: ignore[arg-type]
        if how == "killed":
            ready.proc.kill()
        else:
            os.kill(ready.proc.pid, signal.SIGSTOP)
        return asked

    monkeypatch.setattr(parallel.Sharing, "ask_context", ask_then_fail)
    try:
        shared = analyze_story(story, _settings(True)).to_dict()
    finally:
        if ready.proc.poll() is None:
            os.kill(ready.proc.pid, signal.SIGCONT)
    assert json.dumps(shared, sort_keys=True) == json.dumps(alone, sort_keys=True)
    assert parallel._STATE.helper is None and ready.proc.poll() is not None


@pytest.mark.slow
def test_a_hung_helper_is_given_up_and_its_article_parsed_here(ready: parallel.Helper,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    arts = _story().articles
    _, expected = _signature(arts, _settings(False))
    monkeypatch.setattr(parallel, "GRACE", 0.5)
    monkeypatch.setattr(parallel, "PER_WORD", 0.0)
    os.kill(ready.proc.pid, signal.SIGSTOP)
    try:
        helped, got = _signature(arts, _settings(True))
    finally:
        if ready.proc.poll() is None:
            os.kill(ready.proc.pid, signal.SIGCONT)
    assert helped == [] and got == expected
    assert parallel._STATE.helper is None and ready.proc.poll() is not None  # ended, not left stopped


@pytest.mark.slow
def test_a_helper_dying_with_an_article_loses_nothing_and_the_next_story_starts_another(
        ready: parallel.Helper, monkeypatch: pytest.MonkeyPatch) -> None:
    arts = _story().articles
    _, expected = _signature(arts, _settings(False))
    monkeypatch.setattr(parallel, "GRACE", 60.0)
    os.kill(ready.proc.pid, signal.SIGSTOP)  # it holds its article until it is killed below
    threading.Timer(1.0, ready.proc.kill).start()
    start = time.monotonic()
    helped, got = _signature(arts, _settings(True))
    assert helped == [] and got == expected and time.monotonic() - start < 30  # not the whole grace period
    assert parallel._STATE.helper is None and parallel._STATE.failures == 1
    assert parallel.prestart(_settings(True), wait=120.0)
    helped, got = _signature(arts, _settings(True))
    assert helped and got == expected


def test_short_stories_and_the_setting_keep_parsing_in_this_process() -> None:
    s = Settings()
    assert not parallel.enabled(s, s.align.parse_worker_words - 1, 5)  # the seeds: about 1,300 words
    assert not parallel.enabled(_settings(False), 100_000, 5)
    assert not parallel.enabled(_settings(True), 100_000, 1)  # one article: nothing to share
    assert parallel.enabled(_settings(True), 100_000, 5) == (parallel._cores() >= 2)
    with pytest.raises(Exception, match="parse_worker_words"):
        Settings(align=replace(s.align, parse_worker_words=-1))


def test_a_process_starts_its_helper_at_its_second_long_story(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command that analyses one story does not pay for loading a helper it could not use in time."""
    parallel.drop()
    monkeypatch.setattr(parallel._STATE, "long_stories", 0)
    arts, s = _story().articles, _settings(True)
    try:
        _signature(arts, s)
        assert parallel._STATE.helper is None
        _signature(arts, s)
        assert parallel._STATE.helper is not None or parallel._cores() < 2
    finally:
        parallel.drop()


def test_pool_workers_parse_on_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A daemon process (a Dask worker under its nanny, another pool's worker) starts no helper."""
    class Daemon:
        daemon = True

    monkeypatch.setattr(multiprocessing, "current_process", lambda: Daemon())
    assert not parallel.enabled(_settings(True), 100_000, 5)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["exit", "killed"])
def test_no_helper_outlives_its_parent(tmp_path: Path, how: str) -> None:
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        from dataclasses import replace
        from newsprism import parallel
        from newsprism.config import Settings
        s = Settings()
        assert parallel.prestart(Settings(align=replace(s.align, parse_worker_words=0)), wait=120.0)
        print(parallel._STATE.helper.proc.pid, flush=True)
        if {how == "killed"!r}:
            time.sleep(60)
    """))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pid = int(parent.stdout.readline())
    if how == "killed":
        parent.kill()
    parent.wait(60)
    deadline = time.monotonic() + 10
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(pid)


def _running(pid: int) -> bool:
    """Whether the process exists and is not a zombie (an ended child not yet reaped by init)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
