"""Attribution: per speaker and outlet, the reporting verbs, quoted vs paraphrased, and remarks on evidence."""

from __future__ import annotations

from newsprism.model import Article
from newsprism.nlp import parse
from newsprism.story.attribution import build_attribution
from newsprism.story.entities import build_entities
from newsprism.story.quotes import extract_quotes

CABLE = (
    "President Ana Ruiz claimed on Wednesday that the port had been sabotaged.\n\n"
    "“They tried to stop our trade,” Ruiz insisted at the summit. She offered scant details or evidence.\n\n"
    "Tomas Berg, the harbour master, said the cranes had simply failed."
)
PAPER = (
    "Ana Ruiz told reporters that the port had been sabotaged.\n\n"
    "Ruiz accused foreign agents of the attack, according to documents released by her office."
)


def _rows() -> tuple[list[Article], list]:
    arts = [Article(id="a1", text=CABLE, outlet="Cable"), Article(id="a2", text=PAPER, outlet="Paper")]
    docs = parse(arts)
    ents = build_entities(arts, docs)
    return arts, build_attribution(arts, extract_quotes(arts, docs, ents), ents)


def test_verbs_and_modes_per_outlet() -> None:
    _, rows = _rows()
    ruiz = {r.outlet: r for r in rows if "Ruiz" in r.speaker}
    assert set(ruiz) == {"Cable", "Paper"}
    assert {"claimed", "insisted"} <= set(ruiz["Cable"].verbs)
    assert {"told", "accused"} <= set(ruiz["Paper"].verbs)
    assert ruiz["Cable"].direct == 1 and ruiz["Cable"].paraphrased >= 1
    assert ruiz["Paper"].direct == 0 and ruiz["Paper"].paraphrased >= 1
    assert rows[0].speaker == ruiz["Cable"].speaker  # the most quoted speaker comes first


def test_evidence_remarks_belong_to_the_speaker_they_follow() -> None:
    arts, rows = _rows()
    ruiz = {r.outlet: r for r in rows if "Ruiz" in r.speaker}
    cable = [e.status for e in ruiz["Cable"].evidence]
    assert cable == ["none_offered"]
    ev = ruiz["Cable"].evidence[0]
    assert arts[0].text[ev.start:ev.end] == ev.text and "scant details" in ev.text
    assert [e.status for e in ruiz["Paper"].evidence] == ["supported"]
    berg = next(r for r in rows if "Berg" in r.speaker)
    assert berg.evidence == [] and berg.verbs == {"said": 1}


def test_no_quotes_no_rows() -> None:
    arts = [Article(id="a1", text="The port reopened on Monday after a week of repairs.")]
    docs = parse(arts)
    ents = build_entities(arts, docs)
    assert build_attribution(arts, extract_quotes(arts, docs, ents), ents) == []
