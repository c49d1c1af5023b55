"""The library in a notebook: Article.from_text, a short repr, the digest as HTML, records and DataFrames, and
unrelated articles kept apart."""

from __future__ import annotations

import pytest

import newsprism
from newsprism.api import unrelated_stories
from newsprism.errors import NewsprismError
from newsprism.model import Conflict, ConflictValue, Fact, Quote, Report, Span, Story

FERRY = [
    "Ferry crews in Port Averly ended their strike on Friday after the operator Averly Line agreed to a pay rise "
    "of four percent, the union said. Sailings to Brightwater resume on Saturday morning, Averly Line said. "
    "Union leader Mara Quintel said the crews had won what they asked for after nine days of strike.",
    "The nine-day ferry strike in Port Averly is over. Averly Line and the crews' union agreed a four percent "
    "pay rise on Friday, and sailings to Brightwater start again on Saturday, union leader Mara Quintel said.",
    "Averly Line ferries sail again on Saturday: the strike by crews in Port Averly ended on Friday with a pay "
    "rise of four percent, Mara Quintel of the union said, after nine days without sailings to Brightwater.",
]
PHONE = ("The Zento X5 phone has a bright screen and a battery that lasts two days, but its camera struggles in "
         "low light and the charger is sold separately. At 499 euros it costs less than its rivals, our reviewer found.")


def _report() -> Report:
    a, b = (newsprism.Article.from_text(t, outlet=o, source=f"{o}.txt") for t, o in zip(FERRY, ("Bay Times", "Wire")))
    facts = [Fact(id="f1", text="The strike ended on Friday.", status="shared",
                  support=[Span(a.id, 0, 10, a.text[:10]), Span(b.id, 0, 10, b.text[:10])]),
             Fact(id="f2", text="Nine days.", status="conflict", support=[Span(a.id, 0, 5, a.text[:5])],
                  conflict=Conflict("number", "hard", 0.9, [ConflictValue(a.id, "nine", "Nine days.")]))]
    quotes = [Quote(id="q1", article=a.id, start=0, end=5, text=a.text[:5], kind="indirect", speaker="Mara Quintel")]
    return Report(story=Story(id="s1", title="Ferry strike ends", articles=[a, b]), facts=facts, quotes=quotes)


def test_article_from_text_cleans_and_identifies() -> None:
    art = newsprism.Article.from_text("Ferry strike ends\n\n" + FERRY[0], outlet="Bay Times")
    assert art.title == "Ferry strike ends" and art.outlet == "Bay Times" and art.id.startswith("a")
    assert art.text.startswith("Ferry crews")


def test_text_given_as_a_path_says_how_to_pass_it() -> None:
    with pytest.raises(NewsprismError, match="looks like article text.*Article.from_text"):
        newsprism.analyze(FERRY[0] + "\n" + FERRY[1])


def test_repr_is_one_short_line_and_html_is_the_digest() -> None:
    report = _report()
    text = repr(report)
    assert "\n" not in text and len(text) < 300
    assert "2 articles (Bay Times, Wire)" in text and "1 conflicting, 1 shared, 0 unique" in text
    html = report._repr_html_()
    assert 'class="np-digest"' in html and "number differs" in html


def test_records_are_flat_rows() -> None:
    rows = _report().records("facts")
    assert [r["id"] for r in rows] == ["f1", "f2"]
    assert rows[0]["support_outlets"] == "Bay Times; Wire" and rows[0]["confidence"] == 1.0
    assert all(not isinstance(v, (dict, list)) for r in rows for v in r.values())
    assert _report().records("quotes")[0]["outlet"] == "Bay Times"
    with pytest.raises(NewsprismError, match="choose one of: articles, summary, facts"):
        _report().records("fact")


def test_to_frames_gives_dataframes() -> None:
    pd = pytest.importorskip("pandas")
    frames = _report().to_frames()
    assert isinstance(frames["facts"], pd.DataFrame) and len(frames["facts"]) == 2
    assert list(frames["articles"]["outlet"]) == ["Bay Times", "Wire"]


def test_unrelated_articles_form_separate_stories() -> None:
    ferry = [newsprism.Article.from_text(t, source=f"f{i}.txt") for i, t in enumerate(FERRY)]
    phone = newsprism.Article.from_text(PHONE, source="phone.txt")
    groups = unrelated_stories([ferry[0], phone, ferry[1], ferry[2]])
    assert [sorted(a.source for a in g) for g in groups] == [["f0.txt", "f1.txt", "f2.txt"], ["phone.txt"]]
    assert len(unrelated_stories(ferry)) == 1
