"""`newsprism eval extract`: the benchmark's scoring, a run on invented pages, and a clear error without data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsprism.eval.extract import refused_languages, run_extract, shingles

BODY = [
    "The Lakeview public library reopened on Monday, six weeks after a burst water main flooded its reading room "
    "and damaged more than 4,000 books.",
    "The city council paid for new shelving and carpets, and a local bookshop donated 600 picture books to replace "
    "the ones that could not be saved.",
    "Council member Victor Hale said the repairs cost about $85,000, which was less than the insurers had first "
    "estimated.",
]


def _bench(folder: Path) -> Path:
    """Two invented pages with their gold bodies, laid out as the article-extraction benchmark is."""
    (folder / "html").mkdir(parents=True)
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    pages = {
        "plain": f"<html><head><title>Library reopens</title></head><body><article>{paras}</article></body></html>",
        "with-related": ("<html><head><title>Library reopens</title></head><body><article>"
                         + paras.replace("</p>", '</p><p><strong><a href="/x">COUNCIL APPROVES NEW CYCLE LANES ON '
                                                 "THE HIGH STREET</a></strong></p>", 1)
                         + "</article></body></html>"),
    }
    for key, html in pages.items():
        with gzip.open(folder / "html" / f"{key}.html.gz", "wt", encoding="utf-8") as fh:
            fh.write(html)
    truth = {key: {"articleBody": "\n".join(BODY)} for key in pages}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def test_shingles_are_a_multiset_of_word_4_grams() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b") == {("a", "b"): 1}  # a short text is one shingle
    assert sum(shingles("x y z w x y z w").values()) == 5


def test_run_on_invented_pages_scores_each_system(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scores.json"
    run = run_extract(str(_bench(tmp_path / "bench")), json_out=str(out), modes=True)
    assert run.code == 0 and capsys.readouterr() == ("", "")
    printed = run.out()
    assert "article extraction, 2 pages" in printed and "merged, clean (no layout)" in printed
    assert "language check on newsprism's texts: 0 of 2 pages refused as not English" in printed
    systems = json.loads(out.read_text(encoding="utf-8"))["systems"]
    ours = systems["newsprism (merged, layout, clean)"]
    assert ours["precision"] == pytest.approx(1.0) and ours["recall"] == pytest.approx(1.0)
    # without the layout rules, the link set alone as a paragraph costs precision on one page
    assert systems["merged, clean (no layout)"]["per_page"]["with-related"][1] > 0
    assert len(systems) == 9


def test_pages_in_another_language_are_named() -> None:
    portuguese = ("Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida. Gostar é sentir com "
                  "a alma, mas expressar os sentimentos depende das idéias de cada um e do que cada um espera.")
    assert refused_languages({"en": " ".join(BODY), "pt": portuguese}) == {"pt": "pt"}


def test_missing_benchmark_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_extract(str(tmp_path))
    assert run.code == 2
    err = run.err().strip().splitlines()
    assert len(err) == 1 and str(tmp_path) in err[0] and "ground-truth.json" in err[0]
