"""verify lists the summary citations that no aligned fact backs."""

from __future__ import annotations

from newsprism.report.verify import check_support


def _report(fact_status: str) -> dict:
    own = {"article": "a", "start": 0, "end": 20}
    other = {"article": "b", "start": 5, "end": 30}
    return {"summary": [{"text": "x", "sources": [own, other]}],
            "facts": [{"status": fact_status, "support": [{**own, "text": "x"}, {"article": "b", "start": 0,
                                                                                  "end": 40, "text": "y"}]}]}


def test_a_citation_inside_a_shared_fact_is_supported() -> None:
    assert check_support(_report("shared")) == []


def test_a_citation_no_shared_fact_backs_is_listed() -> None:
    problems = check_support(_report("conflict"))
    assert len(problems) == 1 and "summary[0].sources[1]" in problems[0] and "article b" in problems[0]
    lone = _report("shared")
    lone["facts"][0]["support"][1]["article"] = "c"
    assert len(check_support(lone)) == 1
