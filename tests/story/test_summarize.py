"""The extractive summary: cross-outlet support, budget, whole quotes, citations that verify, odd stories."""

from __future__ import annotations

from newsprism.config import Settings, SummaryWeights
from newsprism.model import Article, Fact, Quote, Span
from newsprism.nlp import parse
from newsprism.report.verify import check_summary
from newsprism.story.summarize import summarize
from newsprism.story.summarizers import get, names
from newsprism.story.summarizers.units import build_units, is_debris

HERALD = (
    "Flood waters closed the Elmford river bridge on Monday after three days of heavy rain.\n\n"
    "Mayor Dana Whitlock said the bridge would stay shut until engineers inspect its supports.\n\n"
    "\"We will not reopen it until every pillar has been checked. Safety comes first,\" Whitlock told reporters.\n\n"
    "A local bakery reported selling twice as much bread as usual.\n\n"
    "Photo: Staff Photographer\n\n"
    "Schools in the eastern district will close on Tuesday as a precaution."
)
COURIER = (
    "The Elmford river bridge was closed on Monday as flood waters rose after three days of rain.\n\n"
    "Engineers will inspect the supports before the bridge can reopen, Mayor Dana Whitlock said.\n\n"
    "Commuters face a detour of almost forty minutes through the northern hills.\n\n"
    "The river reached its highest level since 1987, the county water agency said."
)
POST = (
    "Heavy rain forced the closure of the Elmford river bridge on Monday.\n\n"
    "Drivers were sent on a long detour through the northern hills, adding forty minutes to their commute.\n\n"
    "The county water agency said the river was at its highest level since 1987."
)


def _articles() -> list[Article]:
    return [
        Article(id="aherald000001", text=HERALD, outlet="Herald", published="2024-05-06", source="herald.txt"),
        Article(id="acourier00002", text=COURIER, outlet="Courier", published="2024-05-06", source="courier.txt"),
        Article(id="apost00000003", text=POST, outlet="Post", published="2024-05-07", source="post.txt"),
    ]


def _span(a: Article, needle: str) -> Span:
    start = a.text.index(needle)
    return Span(a.id, start, start + len(needle), needle)


def _check(summary, articles):  # type: ignore[no-untyped-def]
    texts = {a.id: a.text for a in articles}
    return check_summary(summary, texts)


def test_summary_fits_budget_and_every_sentence_is_cited_exactly() -> None:
    arts = _articles()
    docs = parse(arts)
    summary, notes = summarize(arts, docs, [], [], Settings(summary_words=60))
    assert summary, notes
    assert sum(len(s.text.split()) for s in summary) <= 60
    for s in summary:
        first = s.sources[0]
        text = next(a.text for a in arts if a.id == first.article)
        assert text[first.start:first.end] == s.text
        assert not s.generated
    assert _check(summary, arts) == []
    assert all("Photo:" not in s.text for s in summary)


def test_facts_add_cross_outlet_citations_and_weight() -> None:
    arts = _articles()
    herald, courier, post = arts
    bridge = Fact("f1", "bridge closed", "shared", [
        _span(herald, "Flood waters closed the Elmford river bridge on Monday after three days of heavy rain."),
        _span(courier, "The Elmford river bridge was closed on Monday as flood waters rose after three days of rain."),
        _span(post, "Heavy rain forced the closure of the Elmford river bridge on Monday."),
    ])
    bakery = Fact("f2", "bakery", "unique", [_span(herald, "A local bakery reported selling twice as much bread as usual.")])
    docs = parse(arts)
    # room for one sentence: the fact all three outlets report wins over the shorter one only the Herald has
    summary, _ = summarize(arts, docs, [bridge, bakery], [], Settings(summary_words=20))
    assert [s.text for s in summary] == [bridge.support[0].text]
    assert {sp.article for sp in summary[0].sources} == {a.id for a in arts}
    assert summary[0].sources[1:] == bridge.support[1:]
    assert _check(summary, arts) == []


def test_quotes_are_never_cut() -> None:
    text = ("The council met on Friday to discuss the new stadium.\n\n"
            "\"We have waited ten years for this. The city deserves a stadium. Work begins in June,\" "
            "said councillor Ray Osei.\n\n"
            "Opponents said the cost of the stadium was too high for a small city.")
    art = Article(id="astadium00001", text=text, source="s.txt")
    docs = parse([art])
    units = build_units([art], docs)
    for u in units:
        assert u.text.count('"') % 2 == 0, u.text
    quote_unit = next(u for u in units if "waited ten years" in u.text)
    assert quote_unit.text.endswith("said councillor Ray Osei.")
    for budget in (10, 15, 25, 40, 80):
        summary, _ = summarize([art], docs, [], [], Settings(summary_words=budget))
        for s in summary:
            assert s.text.count('"') % 2 == 0
            assert ("waited ten years" in s.text) == ("Work begins in June" in s.text)


def test_extracted_quote_spanning_sentences_keeps_its_sentences_together() -> None:
    text = ("The minister spoke at length. She said the plan was sound. She said it would be funded in full. "
            "Critics were not convinced.")
    art = Article(id="aquote0000001", text=text, source="q.txt")
    start = text.index("the plan was sound")
    end = text.index(" Critics")
    quote = Quote("q1", art.id, start, end, text[start:end], "indirect", speaker="minister")
    units = build_units([art], parse([art]), [quote])
    joined = next(u for u in units if "plan was sound" in u.text)
    assert "funded in full" in joined.text


def test_one_article_story() -> None:
    art = _articles()[1]
    summary, notes = summarize([art], parse([art]), [], [], Settings(summary_words=50))
    assert summary
    assert {sp.article for s in summary for sp in s.sources} == {art.id}
    assert _check(summary, [art]) == []


def test_one_sentence_story() -> None:
    art = Article(id="aone000000001", text="The harbour was closed to ships on Sunday because of the storm.", source="x")
    summary, notes = summarize([art], parse([art]), [], [], Settings(summary_words=120))
    assert [s.text for s in summary] == [art.text]


def test_story_of_only_quotes() -> None:
    text = ("\"We are closing the harbour today.\"\n\n"
            "\"Nobody will sail until the storm has passed,\" the harbour master said.\n\n"
            "\"Ships already at sea have been warned.\"")
    art = Article(id="aquotes000001", text=text, source="q.txt")
    summary, notes = summarize([art], parse([art]), [], [], Settings(summary_words=30))
    assert summary, notes
    for s in summary:
        assert s.text.count('"') % 2 == 0
    assert _check(summary, [art]) == []


def test_budget_below_shortest_sentence_gives_clear_note() -> None:
    arts = _articles()
    summary, notes = summarize(arts, parse(arts), [], [], Settings(summary_words=3))
    assert summary == []
    assert len(notes) == 1 and "--summary-words" in notes[0] and "shortest" in notes[0]


def test_empty_articles_give_a_note() -> None:
    art = Article(id="aempty0000001", text="   ", source="e.txt")
    summary, notes = summarize([art], parse([art]), [], [], Settings())
    assert summary == [] and notes


def test_order_follows_articles_top_down() -> None:
    arts = _articles()
    summary, _ = summarize(arts, parse(arts), [], [], Settings(summary_words=120))
    starts = {(sp.article, sp.start) for s in summary for sp in s.sources[:1]}
    assert len(starts) == len(summary)
    first = summary[0].sources[0]
    assert first.start == 0  # a lead sentence opens the summary


def test_redundant_sentences_are_not_repeated() -> None:
    arts = _articles()
    summary, _ = summarize(arts, parse(arts), [], [], Settings(summary_words=120))
    closures = [s for s in summary if "bridge" in s.text and "closed" in s.text.lower() or "closure" in s.text]
    assert len(closures) <= 1, [s.text for s in summary]


def test_debris_detection() -> None:
    assert is_debris("Photo: Getty Images")
    assert is_debris("Follow us on Twitter at www.example.com.")
    assert is_debris(", she said in a statement on Monday.")
    assert not is_debris("The mayor said the bridge would reopen on Friday.")


def test_registry_lists_modes() -> None:
    assert {"extractive", "llm"} <= set(names())
    assert callable(get("extractive"))


def test_conflicting_accounts_are_not_cited_as_support() -> None:
    a = Article(id="aconflict0001", text="The fire at the Millbrook plant killed 12 people on Tuesday, officials said.",
                source="a.txt")
    b = Article(id="aconflict0002", text="The fire at the Millbrook plant killed 14 people on Tuesday, officials said.",
                source="b.txt")
    conflict = Fact("f1", "fire deaths", "conflict", [_span(a, a.text), _span(b, b.text)], {"kind": "number"})
    for facts in ([], [conflict]):
        summary, _ = summarize([a, b], parse([a, b]), facts, [], Settings(summary_words=15))
        assert len(summary) == 1
        assert len({sp.article for sp in summary[0].sources}) == 1


def test_an_unclosed_quotation_joins_at_most_max_joined_sentences_into_one_candidate() -> None:
    text = ("The mayor spoke on Friday. \"The bridge will close. Traffic will move to the ferry. The ferry is free. "
            "Buses will run every hour. Shops stay open. Parking is free downtown. We ask for patience.\n\n"
            "The council meets again on Monday.")
    art = Article(id="aunclosed0001", text=text, source="u.txt")
    docs = parse([art])
    joined = next(u for u in build_units([art], docs) if "Traffic" in u.text)
    assert joined.debris and "patience" in joined.text  # more than six sentences held open: one long candidate
    loose = next(u for u in build_units([art], docs, max_joined=SummaryWeights(max_joined=12).max_joined)
                 if "Traffic" in u.text)
    assert loose.text == joined.text and not loose.debris
