"""Entities repaired from story context: nicknames, titles glued to names, namesakes, companies, brands, roles."""

from __future__ import annotations

from newsprism.model import Article, Entity
from newsprism.nlp import parse
from newsprism.story.entities import EntityIndex, build_entities


def _entities(*texts: str) -> list[Entity]:
    arts = [Article(id=f"a{i}", text=t, outlet=f"O{i}") for i, t in enumerate(texts, 1)]
    return build_entities(arts, parse(arts))


def _named(ents: list[Entity], word: str) -> list[Entity]:
    return [e for e in ents if word in e.name or any(word in a for a in e.aliases)]


def test_nickname_and_given_name_are_one_person() -> None:
    ents = _entities("Former White House strategist Stephen Bannon spoke in Rome on Monday. Bannon said it would grow.",
                     "Steve Bannon told reporters the movement would grow.")
    assert len(_named(ents, "Bannon")) == 1


def test_role_word_glued_to_a_name_is_not_part_of_it() -> None:
    ents = _entities("Archaeologist Giles Hamm dug at the site for a month.", "Giles Hamm said the mound was old.")
    hamm = _named(ents, "Hamm")
    assert len(hamm) == 1 and hamm[0].name == "Giles Hamm"


def test_a_wife_called_by_title_keeps_her_own_entity() -> None:
    ents = _entities("Rep. Dave Joyce voted against the bill on Friday. Mrs. Joyce said she was proud of the vote.")
    dave = next(e for e in ents if e.name == "Dave Joyce")
    assert not any("Mrs" in a for a in dave.aliases)


def test_company_named_with_and_without_its_legal_form_is_one_organisation() -> None:
    ents = _entities("Qualcomm said sales fell. Qualcomm shares dropped. Qualcomm Inc. denied it. Qualcomm won.")
    qualcomm = _named(ents, "Qualcomm")
    assert len(qualcomm) == 1 and qualcomm[0].type == "ORG"


def test_brand_one_owns_or_drives_is_not_a_person() -> None:
    ents = _entities("He drove a Maserati to the club. The Maserati was red. Police found his Maserati later. "
                     "Jon Pike said the car was fast.")
    assert all(e.type != "PERSON" for e in _named(ents, "Maserati"))


def test_a_named_craft_is_a_thing_not_a_body_or_a_person() -> None:
    ents = _entities("The Halvard Deep Space Probe will launch in May. Engineers said the Halvard Deep Space Probe "
                     "would carry four instruments. The Lindqvist Telescope took the first picture.")
    crafts = _named(ents, "Probe") + _named(ents, "Telescope")
    assert crafts and all(e.type == "PRODUCT" for e in crafts)


def test_a_countrys_representative_is_never_its_president() -> None:
    index = EntityIndex([
        Entity(id="xi", name="Xi Jinping", type="PERSON", descriptions=["Chinese President"]),
        Entity(id="cn", name="China", type="GPE"),
    ])
    assert index.resolve_description("China's representative at the World Trade Organization") is None
    assert index.resolve_description("the Chinese President") is not None


def test_a_body_before_a_title_abbreviation_is_not_a_person() -> None:
    ents = _entities("\"Right now, we have no plans to go into the encampment,\" LAPD Cmdr. Andy Smith said.")
    assert not any(e.type == "PERSON" and "Cmdr" in e.name for e in ents)
    assert any(e.name == "Andy Smith" and e.type == "PERSON" for e in ents)
