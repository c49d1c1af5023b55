"""Entities merged across articles: names, surnames, titles, descriptions, NER repair, debris."""

from __future__ import annotations

import pytest

from newsprism.config import Settings
from newsprism.model import Article
from newsprism.nlp import load_spacy, parse
from newsprism.story.entities import EntityIndex, build_entities, name_tokens

A1 = (
    "Norwegian foreign minister Kari Nordmann rejected President Alvarez's claim on Monday.\n\n"
    "\"We have never interfered in the vote,\" Nordmann said at the United Nations.\n\n"
    "Alvarez repeated the accusation later in the day."
)
A2 = (
    "President Carlos Alvarez said on Monday that Norway had tried to sway the election.\n\n"
    "\"This is a fact,\" said Kari Nordmann, Norway's Minister of Foreign Affairs and head of the delegation, "
    "before the council.\n\n"
    "Speaking after Alvarez, Norway's envoy to the council denied the claim. The President did not answer."
)


@pytest.fixture(scope="module")
def story() -> tuple[list[Article], dict]:
    arts = [Article(id="a1", text=A1, outlet="One"), Article(id="a2", text=A2, outlet="Two")]
    return arts, parse(arts)


def _by_name(entities, name):
    return next(e for e in entities if e.name == name)


def test_surname_and_full_name_merge_across_articles(story) -> None:
    arts, docs = story
    ents = build_entities(arts, docs)
    alvarez = _by_name(ents, "Carlos Alvarez")
    assert alvarez.type == "PERSON"
    assert set(alvarez.mentions) == {"a1", "a2"}
    assert "Alvarez" in alvarez.aliases
    nordmann = _by_name(ents, "Kari Nordmann")
    assert nordmann.mentions["a1"] >= 2


def test_titles_and_appositives_become_aliases_and_descriptions(story) -> None:
    arts, docs = story
    ents = build_entities(arts, docs)
    alvarez = _by_name(ents, "Carlos Alvarez")
    assert any(a.startswith("President") for a in alvarez.aliases)
    nordmann = _by_name(ents, "Kari Nordmann")
    assert any("foreign minister" in d for d in nordmann.descriptions)
    assert any("Minister of Foreign Affairs" in d for d in nordmann.descriptions)


def test_descriptions_used_alone_resolve_through_story_context(story) -> None:
    arts, docs = story
    ents = build_entities(arts, docs)
    index = EntityIndex(ents)
    nordmann = _by_name(ents, "Kari Nordmann")
    assert index.resolve_description("Norway's envoy to the council") is nordmann
    assert index.resolve_description("the President").name == "Carlos Alvarez"  # type: ignore[union-attr]
    assert index.resolve_description("the official") is None


def test_ids_are_stable_and_spans_point_into_the_text(story) -> None:
    arts, docs = story
    first = build_entities(arts, docs)
    second = build_entities(arts, docs)
    assert [(e.id, e.name) for e in first] == [(e.id, e.name) for e in second]
    assert [e.id for e in first] == [f"e{i}" for i in range(1, len(first) + 1)]
    texts = {a.id: a.text for a in arts}
    for e in first:
        assert sum(e.mentions.values()) == len(e.spans)
        for sp in e.spans:
            assert texts[sp.article][sp.start:sp.end] == sp.text


def test_mislabelled_surname_is_repaired_from_story_context() -> None:
    from spacy.tokens import Span as SpacySpan

    arts = [Article(id="b1", text="Foreign minister Li Wei spoke first. Later Wei said the talks had failed.")]
    docs = parse(arts)
    doc = docs["b1"]
    wei = next(t for t in doc if t.text == "Wei" and t.i > 5)
    li = next(t for t in doc if t.text == "Li")
    # the small model sometimes tags a lone surname as an organisation: force that mistake
    doc.ents = [SpacySpan(doc, li.i, li.i + 2, label="PERSON"), SpacySpan(doc, wei.i, wei.i + 1, label="ORG")]
    ents = build_entities(arts, docs)
    assert len(ents) == 1
    assert ents[0].name == "Li Wei" and ents[0].type == "PERSON" and ents[0].mentions == {"b1": 2}


def test_crawl_debris_never_becomes_an_entity() -> None:
    text = ("Senator Jane DoeJane Mary DoeSenate passes budget bill after long night MORE said on Tuesday that "
            "the bill would pass. Doe spoke to reporters in Ohio.")
    arts = [Article(id="c1", text=text)]
    ents = build_entities(arts, parse(arts))
    for e in ents:
        for form in [e.name, *e.aliases]:
            assert "MORE" not in form and "DoeJane" not in form and "DoeSenate" not in form
    # names inside the hover card's headline are debris too
    assert "Senate" not in {e.name for e in ents}
    assert "Ohio" in {e.name for e in ents}


def test_non_ascii_names_and_empty_articles() -> None:
    arts = [Article(id="d1", text="Zoë Šimić, the mayor of Zagreb, said Ångström's plan was sound. Šimić left."),
            Article(id="d2", text="")]
    docs = parse(arts)
    ents = build_entities(arts, docs)
    assert all(e.mentions.get("d2") is None for e in ents)
    for e in ents:
        for sp in e.spans:
            assert arts[0].text[sp.start:sp.end] == sp.text


def test_name_tokens_drop_honorifics_and_suffixes() -> None:
    assert name_tokens("President Donald J. Trump Jr.") == ["Donald", "J.", "Trump"]
    assert name_tokens("Mr. Smith's") == ["Smith"]


def test_spacy_is_loaded_once() -> None:
    assert load_spacy() is load_spacy()


def test_online_platforms_are_organisations_not_people() -> None:
    text = ("Senator Omar Haddad posted on Twitter late on Monday. Twitter said the account was real. "
            "Instagram and YouTube removed the video.\n\nHe later wrote that the vote was rigged.")
    arts = [Article(id="a1", text=text, outlet="One")]
    docs = parse(arts)
    ents = build_entities(arts, docs)
    assert all(e.type != "PERSON" for e in ents if e.name in {"Twitter", "Instagram", "YouTube"})
    from newsprism.story.quotes import extract_quotes

    rigged = next(q for q in extract_quotes(arts, docs, ents) if "rigged" in q.text)
    assert rigged.speaker == "Omar Haddad"


def test_council_titles_and_facility_names() -> None:
    arts = [
        Article(id="c1", text="Councillor Mira Holt said the Dunmore Bridge would reopen. Holt spoke at noon.",
                outlet="A"),
        Article(id="c2", text="City councillor Mira Holt told reporters that Halden Line had paid for repairs.",
                outlet="B"),
    ]
    ents = build_entities(arts, parse(arts), Settings())
    holt = [e for e in ents if "Holt" in e.name]
    assert len(holt) == 1 and holt[0].type == "PERSON" and set(holt[0].mentions) == {"c1", "c2"}
    assert all(e.type != "PERSON" for e in ents if e.name.endswith(("Bridge", "Line")))


def test_person_tagged_as_organisation_is_repaired_from_given_name_and_apposition() -> None:
    text = ("Chiara Natasya Tanus, a Surabaya-born student, lost her parents in the crash.\n\n"
            "Rescuers searched the Java Sea on Monday, and Chiara Natasya Tanus flew home.")
    arts = [Article(id="a1", text=text)]
    ents = build_entities(arts, parse(arts, Settings()))
    chiara = [e for e in ents if "Chiara" in e.name]
    assert chiara and all(e.type == "PERSON" for e in chiara)


def test_hyphenated_surname_is_one_person_with_the_spaced_form() -> None:
    arts = [Article(id="a1", text="Clarissa Dickson Wright, the cook, died on Saturday in Edinburgh."),
            Article(id="a2", text="Clarissa Dickson-Wright, who hosted the show, has died aged 66.")]
    ents = build_entities(arts, parse(arts, Settings()))
    people = [e for e in ents if e.type == "PERSON" and "Clarissa" in e.name]
    assert len(people) == 1
