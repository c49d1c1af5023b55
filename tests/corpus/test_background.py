"""The background of general English behind idf: everyday words weigh little even in a corpus of two articles."""

from __future__ import annotations

import math

import numpy as np

from newsprism.config import ClusterSettings
from newsprism.corpus.background import background_counts, frequency, share
from newsprism.corpus.vectors import DocFreq

from .conftest import make
from .test_cluster import _stories


def test_frequency_of_words_names_numbers_and_years():
    assert frequency("car") > frequency("suspension") > frequency("quake") > 0.0
    assert frequency("#5.6") == frequency("Y:2008") == 0.0
    assert frequency("zqxwvbrelt") == 0.0
    # a name of several words is as rare as its words together, and rarer than any of them
    red, sox = frequency("red"), frequency("sox")
    assert math.isclose(frequency("E:red sox"), 1.0 / (1.0 / red + 1.0 / sox))
    assert frequency("E:red sox") < sox < red
    # a hyphenated word counts as its parts; one unknown part makes the whole unknown
    assert 0.0 < frequency("all-electric") < frequency("electric")
    assert frequency("E:kestrel zqxwvbrelt") == 0.0
    # a feature stem cut from a plural is looked up as the plural too ('crisis' -> 'crisi', 'series' -> 'sery')
    assert frequency("crisi") >= frequency("crisis") > 1e-6
    assert frequency("sery") >= frequency("series") > 1e-6


def test_share_and_counts_follow_the_frequency():
    assert math.isclose(share("the", 400), 1.0 - math.exp(-frequency("the") * 400))
    assert share("the", 400) > 0.99
    assert share("car", 40) < share("car", 400)  # shorter documents hold a word less often
    counts = background_counts(["the", "#12", "car"], 5000, 400)
    assert counts.shape == (3,) and counts[1] == 0.0
    assert np.allclose(counts[[0, 2]], [share("the", 400) * 5000, share("car", 400) * 5000])


def test_idf_of_an_everyday_word_is_below_a_rare_one_before_any_document():
    df = DocFreq()
    idf = df.idf(["car", "rear", "vizzion", "#406"])
    assert idf[0] < idf[1] < idf[2] == idf[3]


# Two reviews from one motor show: different makers, different cars, told with the same trade vocabulary.
WAGON = ("Volkner reveals the Arlo electric wagon at the Marston motor show",
         "Volkner revealed the Arlo, an electric wagon with a long roof and a low nose, at the Marston motor show on "
         "Tuesday. The car uses the rear motor and battery of the smaller Volkner Ika, and the company says the "
         "wagon will reach dealers next spring. Inside, the seats fold flat, the light strip runs across the door "
         "panels and the steering wheel hides its controls until the driver touches it. A single motor drives the "
         "rear wheels, the suspension is softer than in the sport models, and the battery charges in half an hour.")
COUPE = ("Brandt shows the Sorell coupe with four doors",
         "Brandt showed the Sorell, a coupe with four doors and a sloping roof, at its own event in Hollen. The car "
         "has a motor on each axle, a battery under the floor and adaptive suspension that lowers the body at speed. "
         "Its light bar stretches across the rear, the door handles sit flush, and the seats are trimmed in "
         "recycled cloth. Brandt quotes a range close to that of its other electric models and says the steering "
         "is quicker than in the wagon it replaces. Sales start in the summer.")


def test_everyday_vocabulary_alone_does_not_join_two_events():
    arts = [make(WAGON[1], title=WAGON[0], published="2024-11-19"),
            make(COUPE[1], title=COUPE[0], published="2024-11-19")]
    got = _stories(arts)
    assert got[arts[0].id] != got[arts[1].id]
    # without the background (documents of no words hold no word), two documents are all the idf has, and the
    # shared trade words carry the match
    assert ClusterSettings().background_length == 400
    got = _stories(arts, background_docs=20, background_length=0)
    assert got[arts[0].id] == got[arts[1].id]
