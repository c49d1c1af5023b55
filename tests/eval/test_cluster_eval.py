"""`newsprism eval cluster`: the metrics, the loaders, and a quality floor on ECB+ when the data is present."""

from __future__ import annotations

import json
import os

import pytest

from newsprism.eval.cluster import (bcubed, load_ecb, load_wikiref, pairwise, run_cluster, split_diagnosis,
                                    tune_threshold)
from newsprism.model import Article

ECB = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "ecbplus", "dev.jsonl")


def test_bcubed_and_pairwise_on_known_clusterings():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert bcubed(gold, dict(gold)) == (1.0, 1.0, 1.0)
    one = {k: "all" for k in gold}
    p, r, f = bcubed(gold, one)
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)
    single = {k: k for k in gold}
    p, r, f = bcubed(gold, single)
    assert (p, r) == (1.0, 0.5)
    pp, pr, pf = pairwise(gold, one)
    assert (pp, pr) == (pytest.approx(2 / 6), 1.0)
    pp, pr, pf = pairwise(gold, {"a": 1, "b": 1, "c": 1, "d": 2})
    assert pp == pytest.approx(1 / 3) and pr == pytest.approx(1 / 2)


def _write_data(tmp_path):
    ecb = tmp_path / "ecb.jsonl"
    rows = []
    events = {
        "1_a": "Tara Reid entered the Promises Treatment Center in Malibu, publicist Jack Ketsoyan said.",
        "1_b": "Lindsay Lohan arrived at the Betty Ford Center in Rancho Mirage, lawyer Mark Heller said.",
    }
    for sub, text in events.items():
        for i in range(3):
            rows.append({"doc_id": f"{sub}{i}", "topic": 1, "subtopic": sub,
                         "text": f"{text} Report number {i} on the actress and the centre."})
    ecb.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    wiki = tmp_path / "wiki"
    wiki.mkdir()
    (wiki / "greek.elections.112.txt").write_text("Greek vote\nGreek voters chose a new parliament in Athens.")
    (wiki / "greek.elections.113.txt").write_text("Athens poll\nThe Greek election in Athens saw a new parliament.")
    (wiki / "ParisAttacks2015 (3).txt").write_text("Paris\nAttacks in Paris killed many people at the Bataclan.")
    return str(ecb), str(wiki)


def test_tune_threshold_finds_the_cut_between_two_groups():
    import numpy as np

    # two groups, 0.1 apart inside and 0.7 apart across: only a cut between 0.1 and 0.7 gets both right
    dist = np.full((5, 5), 0.7)
    dist[:3, :3] = 0.1
    dist[3:, 3:] = 0.1
    np.fill_diagonal(dist, 0.0)
    ids = ["a", "b", "c", "d", "e"]
    t, pred = tune_threshold(dist, ids, {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"})
    assert 0.1 < t <= 0.7
    assert pred["a"] == pred["b"] == pred["c"] != pred["d"] == pred["e"]


def _fight(i: int, champion: str, opponent: str, city: str, round_: int, fillers: list[str]) -> str:
    return (f"{champion} defended the heavyweight title against {opponent} in {city}, stopping him in round "
            f"{round_}. {opponent} had trained in {city} for months. {fillers[i]} {fillers[(i + 1) % 6]} "
            f"{fillers[(i + 2) % 6]}")


def test_split_diagnosis_reports_the_cut_between_events_and_inside_each():
    arts, gold, topic = [], {}, {}
    # each article shares its closing lines with its neighbours in a ring, so no two groups of one event
    # stand apart
    events = {"7_a": ("Vitali Brenner", "Marco Ostrowski", "Stuttgart", 9,
                      ["The crowd stood.", "Promoters were pleased.", "Ringside seats sold out.",
                       "Broadcasters reported record viewing.", "His trainer praised the footwork.",
                       "Rain fell outside."]),
              "7_b": ("Vitali Brenner", "Dennis Okafor", "Lisbon", 4,
                      ["Fans waved flags.", "The referee checked the gloves.", "Tickets were scarce.",
                       "Critics doubted the challenger.", "The arena lights dimmed.", "Sponsors lined the ropes."])}
    for ev, spec in events.items():
        for i in range(6):
            a = Article(id=f"{ev}{i}", text=_fight(i, *spec), source=f"{ev}{i}")
            arts.append(a)
            gold[a.id], topic[a.id] = ev, 7
    pairs, singles = split_diagnosis(arts, gold, topic)
    assert len(pairs) == 1
    pair = pairs[0]
    assert pair["topic"] == 7 and pair["events"] == ("7_a", "7_b") and pair["sizes"] == (6, 6)
    # the opponent, the city and the round are held by one event only: the two barely match across
    assert pair["split"] and pair["ratio"] < 0.2
    assert pair["found_sizes"] == (6, 6) and pair["found_agreement"] == 1.0
    assert [s["event"] for s in singles] == ["7_a", "7_b"]
    # inside one event only the filler lines differ: the re-check finds no two events there
    assert not any(s["split"] for s in singles)
    assert all(s["ratio"] > pair["ratio"] for s in singles)


def test_loaders_read_gold_labels(tmp_path):
    ecb, wiki = _write_data(tmp_path)
    arts, gold, topic = load_ecb(ecb)
    assert len(arts) == 6 and set(gold.values()) == {"1_a", "1_b"} and set(topic.values()) == {1}
    arts, gold = load_wikiref(wiki)
    assert sorted(set(gold.values())) == ["ParisAttacks2015", "greek.elections"]
    assert all(a.title for a in arts)


def test_ecb_loader_drops_the_source_url_that_opens_a_document(tmp_path):
    path = tmp_path / "ecb.jsonl"
    sents = ["http: / / www. example. org / 2009 / 03 / 03 / rehab. html", "Actress enters rehab",
             "The actress checked in on Tuesday."]
    rows = [{"doc_id": "1_1ecbplus", "topic": 1, "subtopic": "1_ecbplus", "text": "\n".join(sents),
             "sentences": sents},
            {"doc_id": "1_1ecb", "topic": 1, "subtopic": "1_ecb", "text": "No URL here.\nSecond line.",
             "sentences": ["No URL here.", "Second line."]}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    arts, _, _ = load_ecb(str(path))
    assert arts[0].text == "Actress enters rehab\nThe actress checked in on Tuesday."
    assert arts[1].text == "No URL here.\nSecond line."


def test_run_cluster_gives_both_systems_and_prints_nothing(tmp_path, capsys):
    ecb, wiki = _write_data(tmp_path)
    out = tmp_path / "r.json"
    run = run_cluster(ecb, wiki, json_out=str(out))
    assert run.code == 0 and capsys.readouterr() == ("", "")
    text = run.out()
    assert "newsprism (file order)" in text and "tfidf+agglomerative" in text
    assert "newsprism (shuffled, mean of 10 orders)" in text
    res = json.loads(out.read_text())
    assert {r["system"].split(" (")[0] for r in res["ecbplus"]} == {"newsprism", "tfidf+agglomerative"}
    shuffled = res["ecbplus"][1]
    assert shuffled["b3_f1_min"] - 1e-9 <= shuffled["b3_f1"] <= shuffled["b3_f1_max"] + 1e-9


def test_run_cluster_without_data(tmp_path, capsys):
    from newsprism.commands.evaluate import show

    run = run_cluster(str(tmp_path / "no.jsonl"), str(tmp_path / "nowiki"))
    assert run.code == 2 and "no evaluation data" in run.err() and run.out() == ""
    assert show(run) == 2
    err = capsys.readouterr().err.splitlines()  # the command prints the notes in order, the error last
    assert "ECB+ data not found" in err[0] and "WikiRef220" in err[1] and "no evaluation data" in err[2]


@pytest.mark.slow
@pytest.mark.data
def test_ecb_quality_floor():
    if not os.path.isfile(ECB):
        pytest.skip(f"ECB+ data not found at {ECB}")
    from newsprism.eval.cluster import cluster_newsprism

    arts, gold, _ = load_ecb(ECB)
    f1 = bcubed(gold, cluster_newsprism(arts))[2]
    assert f1 >= 0.935, f"B-cubed F1 on ECB+ dev fell to {f1:.3f}"
