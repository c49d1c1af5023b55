"""verify lists the summary citations that no aligned fact backs."""

from __future__ import annotations

from newsprism.model import Fact, FactStatus, Report, Span, Story, SummarySentence
from newsprism.report.verify import check_support


def _report(fact_status: FactStatus, other_teller: str = "b") -> Report:
    own = Span("a", 0, 20)
    other = Span("b", 5, 30)
    return Report(story=Story("s", None, []), summary=[SummarySentence("x", [own, other])],
                  facts=[Fact("f1", "x", fact_status, [Span("a", 0, 20, "x"), Span(other_teller, 0, 40, "y")])])


def test_a_citation_inside_a_shared_fact_is_supported() -> None:
    assert check_support(_report("shared")) == []


def test_a_citation_no_shared_fact_backs_is_listed() -> None:
    problems = check_support(_report("conflict"))
    assert len(problems) == 1 and "summary[0].sources[1]" in problems[0] and "article b" in problems[0]
    assert len(check_support(_report("shared", other_teller="c"))) == 1
