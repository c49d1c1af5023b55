"""The fact-level alignment threshold is chosen out of fold: the lowest that keeps the look-alikes of held-out
clusters apart, and one where a restatement is linked when the look-alike allows it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from newsprism.eval.fit_pairs import FACT_APART, FACT_GRID, LabelledStory, fact_threshold
from newsprism.story.align import link_statements
from newsprism.story.statements import story_units
from newsprism.story.pairs import WORDS_MODEL_PATH, same_probability

sys.path.insert(0, str(Path(__file__).parents[1] / "story"))
from story_fixtures import article, parsed  # noqa: E402

A = ("The council voted on Monday to close the old river bridge after engineers found deep cracks in it. "
     "The mayor said the repairs would cost the city about four million dollars.")
B = ("Engineers found deep cracks in the old river bridge, and the council voted on Monday to close it. "
     "The mayor said the city would open a new library beside the school next spring.")


def _story(cluster: int) -> LabelledStory:
    arts = [article(f"a{cluster}", A, "One"), article(f"b{cluster}", B, "Two")]
    docs = parsed(arts)
    units = story_units(arts, docs, [])
    label = {"cluster": cluster, "conflicts": [],
             "same": [{"a": {"p": 1, "quote": A.split(". ")[0]}, "b": {"p": 2, "quote": B.split(". ")[0]}}],
             "different": [{"a": {"p": 1, "quote": A.split(". ")[1]}, "b": {"p": 2, "quote": B.split(". ")[1]}}]}
    return LabelledStory(label, units, None, {f"a{cluster}": 1, f"b{cluster}": 2})


def test_the_fact_threshold_keeps_held_out_look_alikes_apart() -> None:
    model = json.loads(WORDS_MODEL_PATH.read_text(encoding="utf-8"))
    raw = (np.array(model["mean"]), np.array(model["scale"]), np.array(model["coef"]), float(model["intercept"]))
    stories = [_story(1), _story(2)]
    chosen, (same_found, apart, different, same) = fact_threshold(
        stories, [(raw, {1}), (raw, {2})], model["calibration"], model["threshold"])
    assert chosen in FACT_GRID and (same, different) == (2, 2)
    assert apart >= FACT_APART * different
    # the look-alike pair is below the chosen threshold, and no lower grid value would keep it apart
    prob = same_probability(stories[0].units, None, model)
    look = [(i, j) for i in range(len(stories[0].units)) for j in range(len(stories[0].units))
            if stories[0].units[i].article != stories[0].units[j].article and "mayor" in stories[0].units[i].text.lower()
            and "mayor" in stories[0].units[j].text.lower()]
    assert look and all(prob[i, j] < chosen for i, j in look)
    lower = [t for t in FACT_GRID if t < chosen]
    assert all(any(len(g) > 1 and {stories[0].units[k].text for k in g} >= {stories[0].units[i].text,
               stories[0].units[j].text} for g in link_statements(stories[0].units, prob, t)) for t in lower
               for i, j in look[:1])
    assert same_found == 2 * any(len(g) > 1 for g in link_statements(stories[0].units, prob, chosen))
