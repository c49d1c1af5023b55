"""Entity descriptions in lists of victims and reduced clauses, as wire copy writes them."""

from __future__ import annotations

from newsprism.model import Article
from newsprism.nlp import parse
from newsprism.story.entities import build_entities


def _descriptions(text: str) -> dict[str, list[str]]:
    arts = [Article(id="a1", text=text, outlet="One")]
    return {e.name: e.descriptions for e in build_entities(arts, parse(arts)) if e.type == "PERSON"}


def test_a_role_in_a_reduced_clause_is_not_the_killers() -> None:
    got = _descriptions(
        "Brian Nolan was sentenced to life on Saturday.\n\n"
        "\"I think Brian Nolan won,\" said Christine Green, daughter of the court reporter Nolan murdered."
    )
    assert not any("reporter" in d for d in got["Brian Nolan"])


def test_a_list_of_victims_gives_each_their_own_title() -> None:
    got = _descriptions(
        "Nolan killed Superior Court Judge Roland Barnes, court reporter Julie Brandon, Sheriff's Deputy Sgt. "
        "Harold Teague and U.S. Customs Agent David Wilson.\n\n"
        "He shot and killed Judge Roland Barnes, Brandon and sheriff's Deputy Harold Teague."
    )
    assert not any("Sgt" in d or "Deputy" in d for d in got["Julie Brandon"])
    assert not any("Teague" in d for d in got["David Wilson"])
    assert "sheriff's Deputy" in got["Harold Teague"]
    assert not any("Brandon" in d for d in got["Harold Teague"])


def test_a_sentence_opening_conjunction_is_no_title() -> None:
    got = _descriptions("But District Attorney Paul Harwood said he would seek the death penalty again.")
    assert "District Attorney" in got["Paul Harwood"]
    assert not any(d.startswith("But") for d in got["Paul Harwood"])


def _entities(*texts: str) -> dict[str, str]:
    arts = [Article(id=f"a{i}", text=t, outlet=f"O{i}") for i, t in enumerate(texts, 1)]
    return {e.name: e.type for e in build_entities(arts, parse(arts))}


def test_a_rank_before_a_surname_is_no_part_of_the_name() -> None:
    got = _entities(
        "Sheriff's Deputy Jerry Ortega was shot dead on Friday in Hawaiian Gardens.\n\n"
        "Deputy Ortega had knocked on the door of the apartment when he was shot.",
        "Trooper William Hakes, a bomb technician, died at the scene.\n\nTrooper Hakes had served 11 years.",
    )
    assert "Jerry Ortega" in got and "Deputy Ortega" not in got
    assert "William Hakes" in got and not any(n.startswith("Trooper") for n in got)


def test_a_rank_after_a_body_is_not_part_of_the_body() -> None:
    got = _entities(
        "\"This individual took the lives of two officers,\" Oregon State Police Lt. Gregg Hastings said.\n\n"
        "The Oregon State Police and Capt. Tom Tennant's department led the search."
    )
    assert "Oregon State Police" in got
    assert not any(n.endswith(("Lt", "Capt", " and")) for n in got)


def test_a_surname_the_tagger_calls_a_group_is_the_person() -> None:
    arts = [Article(id="a1", text=(
        "The shooting occurred in the neighborhood Monday, said Sheriff's Capt. Ray Peavy, a homicide investigator.\n\n"
        "Orozco, 27, a known gang member, was also suspected of violating parole, Peavy said."), outlet="One")]
    ents = build_entities(arts, parse(arts))
    peavy = [e for e in ents if "Peavy" in e.name or "Peavy" in e.aliases]
    assert len(peavy) == 1 and peavy[0].type == "PERSON" and peavy[0].mentions == {"a1": 2}
