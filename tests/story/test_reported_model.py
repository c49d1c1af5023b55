"""The learned reported-speech decision: candidates, the shipped weights, and what it must never take as a quote."""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.story.reported_model import candidates, load_model, score, select

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_quotes import run  # noqa: E402


def test_shipped_model_loads_with_cuts_in_range() -> None:
    weights, bias, cut, new_cut, floor = load_model()
    assert len(weights) > 100 and 0.0 < cut < 1.0 and cut <= new_cut <= 1.01 and 0.0 <= floor < cut


def test_every_verb_with_a_subject_proposes_its_complements() -> None:
    from newsprism.nlp import parse
    from newsprism.model import Article

    art = Article(id="a", text="Senator Elizabeth Warren hammered the bank chief on Tuesday for his role in the scheme.")
    doc = parse([art])["a"]
    cands = score(candidates(doc, [], art.text))
    assert any(c.cue.lemma_ == "hammer" and "bank chief" in art.text[c.start:c.end] for c in cands)
    assert all(0.0 <= c.score <= 1.0 for c in cands)
    chosen = select(cands)
    assert len({c.cue.i for c in chosen}) == len(chosen)  # one content per cue at most


def test_negated_report_is_not_a_quote() -> None:
    _, quotes = run("The official said China was meddling, without explaining how such actions amount to "
                    "election interference.")
    assert not any("amount to election interference" in q.text and q.kind == "indirect" and q.cue == "explaining"
                   for q in quotes)


def test_question_is_not_reported_speech() -> None:
    _, quotes = run("Reporters asked him what he would tell Toronto Mayor John Tory about being homeless.")
    assert not any("what he would tell" in q.text for q in quotes)


def test_coordinated_clauses_stay_whole() -> None:
    _, quotes = run("His brother Dan Moore said he drank too much, used drugs and was in and out of relationships.")
    q = next(q for q in quotes if "drank too much" in q.text)
    assert q.text.endswith("in and out of relationships")


def test_title_of_a_work_is_not_a_quote() -> None:
    _, quotes = run("Mary Blige sang Bruce Springsteen’s “American Skin” to Hillary Clinton on Monday.")
    assert not any(q.text == "American Skin" for q in quotes)


def test_claim_inside_a_rejection_keeps_its_own_speaker() -> None:
    _, quotes = run("Foreign Minister Wang Yi spoke on Thursday.\n\n"
                    "Wang rejected President Donald Trump's accusation that China has tried to interfere in U.S. "
                    "elections.")
    claim = next(q for q in quotes if q.text.startswith("China has tried to interfere"))
    assert claim.speaker is not None and "Trump" in claim.speaker
    assert any(q.cue == "rejected" and "Wang" in (q.speaker or "") for q in quotes)


def test_clause_with_a_quoted_fragment_stays_a_candidate_and_a_whole_quotation_does_not() -> None:
    from newsprism.model import Article
    from newsprism.nlp import parse
    from newsprism.story.quotes import find_segments

    text = ("Clinton cited the “disparaging remarks” Trump had made about the pageant winner as examples of his "
            "contempt. Warren said it was “a shameful and dishonest attack on every worker.”")
    art = Article(id="a", text=text)
    doc = parse([art])["a"]
    cands = candidates(doc, [s.outer for s in find_segments(text)], text)
    fragment = [c for c in cands if c.cue.lemma_ == "cite" and "remarks" in text[c.start:c.end]]
    assert fragment and all("quoted_words" in c.features and "mostly_quoted" not in c.features for c in fragment)
    whole = [c for c in cands if c.cue.lemma_ == "say" and "shameful" in text[c.start:c.end]]
    assert whole and all("mostly_quoted" in c.features for c in whole)


def test_preposition_of_the_object_or_adjective_proposes_its_object() -> None:
    from newsprism.model import Article
    from newsprism.nlp import parse

    text = ("Donald Trump launched a fierce attack against the Federal Reserve on Monday. "
            "Polls released this week show voters are uneasy about the new tariffs.")
    art = Article(id="a", text=text)
    doc = parse([art])["a"]
    spans = {(c.cue.lemma_, text[c.start:c.end]) for c in candidates(doc, [], text)}
    assert ("launch", "the Federal Reserve") in spans  # the object's preposition, not only the object
    assert any(cue == "be" and span == "the new tariffs" for cue, span in spans)  # the adjective's


def test_report_inside_another_reports_content_leaves_the_outer_one_standing() -> None:
    _, quotes = run("Joseph Bermudez, a North Korea analyst, wrote an article in 2013 that said the North is capable "
                    "of employing significant quantities of chemical weapons across the peninsula.")
    outer = [q for q in quotes if q.kind == "indirect" and q.speaker and "Bermudez" in q.speaker]
    assert outer and all(q.speaker is not None for q in quotes if q.kind == "indirect")


def _candidates(text: str) -> list[tuple[str, str, str]]:
    """(cue, content, complement kind) of every candidate of a one-paragraph text."""
    from newsprism.model import Article
    from newsprism.nlp import parse

    doc = parse([Article(id="a", text=text)])["a"]
    return [(c.cue.text, text[c.start:c.end], next(k[4:] for k in c.features if k.startswith("dep=")))
            for c in candidates(doc, [], text)]


def test_a_noun_whose_owner_can_speak_proposes_what_it_holds() -> None:
    found = _candidates("Senator Ann Lee repeated her criticism of the new tax bill on Monday.")
    assert ("criticism", "the new tax bill", "noun_prep:of") in found
    _, quotes = run("The mayor's city of Linz has a new bridge.")
    assert not any(q.cue == "city" for q in quotes)  # what an owner has is not what they hold to be true


def test_an_adjective_proposes_its_clause_and_an_object_its_phrase() -> None:
    assert ("are", "he will win the state", "acomp_ccomp") in _candidates(
        "His supporters are optimistic that he will win the state.")
    assert ("chastised", "Snyder for refusing federal help", "dobj+prep:for") in _candidates(
        "Clinton chastised Snyder for refusing federal help.")


def test_a_relative_clause_reports_what_follows_its_cue() -> None:
    _, quotes = run("The rules, which officials said will take effect next month, cover all ferries on the lake.")
    q = next(q for q in quotes if q.kind == "indirect" and q.cue == "said")
    assert (q.speaker, q.text) == ("officials", "will take effect next month")


def test_a_passive_cue_does_not_make_its_subject_a_speaker() -> None:
    _, quotes = run("Tony Ruiz will take over as coach and is expected to remain in charge for the rest of the season.")
    assert not any("remain in charge" in q.text for q in quotes)


def test_a_borrowed_passive_subject_is_the_patient_and_an_active_one_is_not() -> None:
    from newsprism.model import Article
    from newsprism.nlp import parse
    from newsprism.story.reported import patient_subject, subject_of

    art = Article(id="a", text="Ruiz will take over and is expected to stay. Lee met the crew and praised them.")
    doc = parse([art])["a"]
    expected, praised = (next(t for t in doc if t.lower_ == w) for w in ("expected", "praised"))
    assert patient_subject(expected, subject_of(expected))  # type: ignore[arg-type]
    assert not patient_subject(praised, subject_of(praised))  # type: ignore[arg-type]
