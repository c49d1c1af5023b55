"""Metadata the user gives: --outlet, a metadata CSV, a file-name pattern and an outlets file, applied on read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.api import load
from newsprism.config import Settings
from newsprism.errors import NewsprismError
from newsprism.ingest.metadata_file import compile_pattern, load_outlets
from newsprism.ingest.sources import dir_files

from .conftest import article_body


def _folder(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, name in enumerate(names):
        # a dateline that names a place, as in "DES MOINES, Iowa —": never an outlet once the user has named one
        (folder / name).write_text(f"Lakeview library reopens {i}\n\nLAKEVIEW (AP) — {article_body()}\n\nThis is copy {i}.\n",
                                   encoding="utf-8")
    return folder


def test_file_name_pattern_gives_outlet_and_date(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["usa-today_2016-06-30_library-reopens.txt", "nyt_2016-07-01_lakeview.txt"])
    settings = Settings(name_pattern="{outlet}_{date}_{slug}.txt")
    got = {(a.outlet, a.published) for a in load([str(folder)], settings)}
    assert got == {("usa-today", "2016-06-30"), ("nyt", "2016-07-01")}


def test_outlets_file_names_the_outlet_by_alias(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["usa-today_2016-06-30_a.txt", "wash-post_2016-07-01_b.txt"])
    outlets = tmp_path / "outlets.csv"
    outlets.write_text("name,domain,aliases,lean\nUSA Today,usatoday.com,,center\n"
                       "The Washington Post,washingtonpost.com,wash-post,center-left\n", encoding="utf-8")
    settings = Settings(name_pattern="{outlet}_{date}_{slug}", outlets_file=str(outlets))
    assert sorted(a.outlet for a in load([str(folder)], settings)) == ["The Washington Post", "USA Today"]
    registry = load_outlets(str(outlets))
    assert registry.group_names() == ["lean"]
    assert registry.find("https://www.washingtonpost.com/x").name == "The Washington Post"  # type: ignore[union-attr]


def test_meta_csv_by_glob_and_outlet_option_win_over_extraction(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["one.txt", "two.txt"])
    meta = tmp_path / "meta.csv"
    meta.write_text("path,outlet,date,title,url\n*.txt,Ledger,2025-05-12,,https://ledger.example/x\n"
                    "two.txt,,,Second title,\n", encoding="utf-8")
    settings = Settings(meta_files=[str(meta)], outlet_names={"one.txt": "Lakeview Ledger"})
    arts = {Path(a.source).name: a for a in load([str(folder)], settings)}
    assert arts["one.txt"].outlet == "Lakeview Ledger" and arts["two.txt"].outlet == "Ledger"
    assert {a.published for a in arts.values()} == {"2025-05-12"}
    assert arts["two.txt"].title == "Second title" and arts["one.txt"].url == "https://ledger.example/x"
    assert Settings().outlet_names == {} and load([str(folder)])[0].outlet == "AP"  # without rules: the dateline


@pytest.mark.parametrize("pattern,name,expected", [
    ("{outlet}_{date}_{slug}.txt", "huff-post_2016-01-02_a_b.txt", {"outlet": "huff-post", "date": "2016-01-02"}),
    ("{date}-{outlet}", "20160102-reuters.html", {"date": "20160102", "outlet": "reuters"}),
    ("{outlet}_{date}_{slug}.txt", "notes.txt", None),
])
def test_pattern_matching(pattern: str, name: str, expected: dict[str, str] | None) -> None:
    m = compile_pattern(pattern).match(name)
    assert (None if m is None else {k: v for k, v in m.groupdict().items() if k != "slug"}) == expected


def test_bad_metadata_inputs_say_what_to_fix(tmp_path: Path) -> None:
    with pytest.raises(NewsprismError, match="use fields among"):
        compile_pattern("{source}_{day}.txt")
    meta = tmp_path / "meta.csv"
    meta.write_text("path,published\na.txt,yesterday-ish\n", encoding="utf-8")
    with pytest.raises(NewsprismError, match="line 2.*not a date; use YYYY-MM-DD"):
        load([str(tmp_path)], Settings(meta_files=[str(meta)]))
    with pytest.raises(NewsprismError, match="missing.csv: cannot be read"):
        load([str(tmp_path)], Settings(outlets_file=str(tmp_path / "missing.csv")))


def test_files_are_read_in_natural_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["Paris (10).txt", "Paris (2).txt", "Paris (1).txt"])
    assert [Path(p).name for p in dir_files(str(folder))] == ["Paris (1).txt", "Paris (2).txt", "Paris (10).txt"]


def test_cli_pattern_and_outlet_options_reach_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsprism.cli import main

    folder = _folder(tmp_path, ["bay-times_2024-05-01_library.txt", "other.txt"])
    db = str(tmp_path / "s.db")
    assert main(["ingest", str(folder), "--name-pattern", "{outlet}_{date}_{slug}.txt", "--outlet",
                 "other.txt=Harbor Ledger", "--published", "other.txt=2024-05-03", "--store", db,
                 "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["stories", "--store", db, "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    got = sorted((a["outlet"], a["published"]) for s in stories for a in s["articles"])
    assert got == [("Harbor Ledger", "2024-05-03"), ("bay-times", "2024-05-01")]
