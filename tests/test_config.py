"""Settings: frozen sections, the flat keywords kept, values checked, built once from the command line."""

from __future__ import annotations

import dataclasses
import pickle
import re
from typing import Any

import pytest

from newsprism.cli import build_parser, main
from newsprism.config import (AlignSettings, ClusterSettings, IngestSettings, SalienceWeights, Settings, SummarySettings,
                              WebSettings)
from newsprism.errors import SettingsError


def test_flat_keywords_and_sections_are_one_setting() -> None:
    flat = Settings(summary_words=80, published={"a.txt": "2024-05-01"}, embeddings=False)
    nested = Settings(summary=SummarySettings(words=80), ingest=IngestSettings(published={"a.txt": "2024-05-01"}),
                      align=AlignSettings(embeddings=False))
    assert flat == nested
    assert flat.summary_words == flat.summary.words == 80 and flat.published == {"a.txt": "2024-05-01"}
    assert flat.embeddings is False and flat.max_bytes == IngestSettings().max_bytes
    assert pickle.loads(pickle.dumps(flat)) == flat  # the Dask batch sends it to its workers


def test_settings_are_frozen_and_replaced_not_changed() -> None:
    s = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.summary_words = 10  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.summary.words = 10  # type: ignore[misc]
    t = s.replace(summary_words=10, web=WebSettings(port=9000))
    assert (t.summary_words, t.web.port, s.summary_words, s.web.port) == (10, 9000, 120, 8000)


def test_flat_view_names_every_knob_once() -> None:
    flat = Settings(llm_timeout=5.0).flat()
    assert flat["llm_timeout"] == 5.0 and flat["story_window_days"] == 7 and "web" not in flat


@pytest.mark.parametrize(("given", "message"), [
    ({"summary_words": 0}, "summary_words (--summary-words) must be at least 1 word, got 0"),
    ({"conflict_threshold": 1.5}, "conflict_threshold must be between 0 and 1, got 1.5"),
    ({"llm_timeout": 0}, "llm_timeout (--llm-timeout) must be above 0 seconds, got 0"),
    ({"sumary_words": 3}, "Settings has no setting 'sumary_words'"),
])
def test_bad_values_are_refused_naming_the_setting(given: dict[str, Any], message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        Settings(**given)
    with pytest.raises(SettingsError, match=re.escape("port (--port) must be a port number")):
        WebSettings(port=70_000)


@pytest.mark.parametrize(("section", "given", "message"), [
    (ClusterSettings, {"join_threshold": 1.5}, "join_threshold must be between 0 and 1, got 1.5"),
    (ClusterSettings, {"time_fade": 0.0}, "time_fade must be above 0 days, got 0.0"),
    (IngestSettings, {"max_words": 10}, "max_words must be at least min_words, got 10"),
    (WebSettings, {"paste_slots": 0}, "paste_slots must be at least 1, got 0"),
    (AlignSettings, {"same_rest": 1.5}, "same_rest must be between 0 and 1, got 1.5"),
    (AlignSettings, {"embed_max_tokens": 0}, "embed_max_tokens must be at least 1, got 0"),
    (AlignSettings, {"placeable_years": (2200, 1800)}, "placeable_years must be a (first, last) pair of years"),
    (SalienceWeights, {"speaker": -1.0}, "speaker must be 0 or more, got -1.0"),
    (ClusterSettings, {"split_sizes": (6, 60)}, "split_sizes must be story sizes from 2 to max_members"),
    (ClusterSettings, {"orphan_steps": (0.25, 1.5)}, "orphan_steps must be two shares between 0 and 1"),
    (IngestSettings, {"merge_common": 2.0}, "merge_common must be between 0 and 1, got 2.0"),
])
def test_section_knobs_are_checked_too(section: type[Any], given: dict[str, Any], message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        section(**given)


def test_ingest_knobs_reach_the_readers(tmp_path: Any) -> None:
    from newsprism import load
    from newsprism.errors import InputError, TooLarge

    path = tmp_path / "a.txt"
    path.write_text("Harbour bridge reopens\n\n" + "The harbour bridge reopened on Monday after repairs, the port "
                    "authority said, and traffic moved freely again across the river. " * 3, encoding="utf-8")
    assert len(load([str(path)])) == 1
    errors: list[InputError] = []
    assert load([str(path)], Settings(ingest=IngestSettings(min_words=5, max_words=30)), errors=errors) == []
    assert isinstance(errors[0], TooLarge) and "at most 30 words" in str(errors[0])


def test_from_args_reads_each_commands_options() -> None:
    args = build_parser().parse_args(["analyze", "a.txt", "--summary-words", "50", "--published", "a.txt=2024-05-01",
                                      "--max-mb", "2", "--no-embeddings", "--llm-timeout", "9"])
    s = Settings.from_args(args, environ={"NEWSPRISM_LLM_API_KEY": "k"})
    assert (s.summary_words, s.published, s.max_bytes, s.embeddings, s.llm_timeout, s.llm_api_key) == \
        (50, {"a.txt": "2024-05-01"}, 2_000_000, False, 9.0, "k")
    serve = Settings.from_args(build_parser().parse_args(["serve", "--port", "8123"]), environ={})
    assert serve.web.port == 8123 and serve.summary_words == 120


def test_batch_gets_the_metadata_and_limits_of_its_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsprism.commands.batch as batch

    seen: list[Settings] = []

    def run(*args: Any, settings: Settings, **options: Any) -> int:
        seen.append(settings)
        return 0

    monkeypatch.setattr(batch, "batch_command", run)
    assert main(["batch", "crawl/", "--output", "out", "--published", "a.txt=2024-05-01", "--max-mb", "3"]) == 0
    assert seen[0].published == {"a.txt": "2024-05-01"} and seen[0].max_bytes == 3_000_000


@pytest.mark.parametrize(("argv", "message"), [
    (["analyze", "a.txt", "--summary-words", "0"], "summary_words (--summary-words) must be at least 1 word, got 0"),
    (["analyze", "a.txt", "--published", "2024-05-01"], "--published expects FILE=YYYY-MM-DD, got '2024-05-01'"),
    (["analyze", "a.txt", "--max-mb", "-1"], "max_bytes (--max-mb) must be above 0 MB, got -1.0"),
    (["serve", "--port", "70000"], "port (--port) must be a port number (0 to 65535), got 70000"),
])
def test_a_bad_option_is_one_error_line_and_exit_2(argv: list[str], message: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == f"newsprism: error: {message}; fix the value or leave the default\n" or \
        err == f"newsprism: error: {message}\n"


def test_choices_come_from_the_registries() -> None:
    from newsprism.report import formats
    from newsprism.story.summarizers import names

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    actions = {a.dest: a for a in sub.choices["analyze"]._actions}  # type: ignore[index]
    assert tuple(actions["format"].choices) == formats()
    assert list(actions["summary_mode"].choices) == names()


def test_ingest_takes_no_summary_options() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ingest", "crawl/", "--llm-timeout", "5"])  # ingest never summarises
