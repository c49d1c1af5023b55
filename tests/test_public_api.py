"""The package exports exactly the documented public names."""

import newsprism

DOCUMENTED = {
    "Article", "Claim", "Entity", "Fact", "InputError", "NewsprismError", "Quote", "QuoteGroup", "Report",
    "Settings", "Span", "Story", "SummarySentence", "TimelineEntry", "analyze", "load",
}


def test_all_matches_documented_names() -> None:
    assert set(newsprism.__all__) == DOCUMENTED


def test_every_exported_name_exists() -> None:
    for name in newsprism.__all__:
        assert getattr(newsprism, name) is not None
