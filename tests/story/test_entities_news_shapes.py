"""Entities on shapes of real news copy: common words the tagger takes for people, marks glued to names."""

from __future__ import annotations

import sys
from pathlib import Path

from newsprism.model import Article
from newsprism.nlp import parse
from newsprism.story.entities import EntityIndex, build_entities

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the helpers importable
from test_entities_unseen import _entities  # noqa: E402


def test_a_word_leading_a_brand_is_not_part_of_a_persons_name() -> None:
    got = _entities(
        "Samsung unveiled its new phone on Monday. Samsung says the camera focuses faster than before, and "
        "Samsung expects strong sales.\n\n"
        "Older Samsung features like Air View are still there, but older phones will not get the update.",
    )
    assert "Older Samsung" not in got
    assert got.get("Samsung") != "PERSON"


def test_a_prayer_is_not_a_person_named_may() -> None:
    got = _entities(
        "Abaaoud boasted of his escape in an interview with the magazine.\n\n"
        "\u201cThey arrested Muslims in Greece, Spain, France, and Belgium in order to apprehend me \u2013 All those "
        "arrested were not even connected to our plans! May Allah release all Muslims from the prisons of these "
        "crusaders.\u201d\n\nHe said he may return."
    )
    assert "May" not in got


def test_a_verb_leading_a_name_is_not_part_of_it() -> None:
    got = _entities(
        "District Attorney Steve Cooley announced the charges on Friday.\n\n"
        "Joining Cooley at the event was the victim's widow. Cooley said the case was joining others in court."
    )
    assert "Joining Cooley" not in got
    assert got.get("Steve Cooley") == "PERSON"


def test_a_lost_quotation_mark_is_not_part_of_a_name() -> None:
    got = _entities(
        "Richard Scudamore, chief executive of the league, knows his business.\n\n"
        "\ufffdBeing British is the essence of what we are,\ufffd Scudamore says. \ufffd Scudamore smiles.",
    )
    assert not any(name.startswith("\ufffd") for name in got)


def test_initials_with_and_without_stops_are_one_person() -> None:
    got = _entities(
        "Samsung's mobile chief J.K. Shin said sales of the phone were strong in its first month.",
        "At the time, JK Shin said sales were stronger than those of the previous model.",
    )
    assert len([n for n in got if n.endswith("Shin")]) == 1


def test_the_countrys_leader_is_not_its_opposition_leader() -> None:
    arts = [Article(id="a1", outlet="O1", text=(
        "Malaysia's government concealed information about the missing plane, the country's opposition leader "
        "Anwar Ibrahim claimed on Monday.\n\n"
        "Earlier, in a news conference, the Malaysian leader said the plane had ended its flight in the ocean."))]
    index = EntityIndex(build_entities(arts, parse(arts)))
    assert index.resolve_description("the Malaysian leader") is None


def test_a_company_is_not_the_given_name_of_its_product() -> None:
    from newsprism.story.entities import _merge, _Mention

    def mention(start: int, text: str, label: str) -> _Mention:
        return _Mention("a1", start, start + len(text), text, label, 0, 0, 0)

    # the tagger took the phone for a person twice and the company for a body five times
    clusters = _merge([mention(0, "Samsung Galaxy S5", "PERSON"), mention(40, "Samsung Galaxy S5", "PERSON")]
                      + [mention(100 + 20 * i, "Samsung", "ORG") for i in range(5)])
    company = next(c for c in clusters if any(m.text == "Samsung" for m in c.mentions))
    assert all(m.text == "Samsung" for m in company.mentions) and company.label == "ORG"
