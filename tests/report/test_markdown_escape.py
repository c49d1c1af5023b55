"""Markdown shows untrusted text as written: syntax is neutralised with escapes Markdown itself removes."""

from __future__ import annotations

from newsprism.report.markdown import esc


def test_a_leading_number_keeps_its_digits_and_escapes_its_list_mark() -> None:
    assert esc("0.5") == "0\\.5"
    assert esc("2) the second") == "2\\) the second"


def test_list_and_heading_marks_and_html_are_neutralised() -> None:
    assert esc("- item") == "\\- item"
    assert esc("# title <b>") == "\\# title &lt;b&gt;"
    assert esc("a *b* [c]") == "a \\*b\\* \\[c\\]"


def test_text_without_syntax_is_unchanged() -> None:
    assert esc("Four people are in custody, police said.") == "Four people are in custody, police said."
