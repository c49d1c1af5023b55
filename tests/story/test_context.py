"""One story context: statements and their pairwise P(same fact) computed once, read by facts and the timeline."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from newsprism.config import Settings
from newsprism.model import Article
from newsprism.nlp import parse
from newsprism.story.align import align_facts
from newsprism.story.context import parse_story, statement_vectors, story_context
from newsprism.story.embed import embed
from newsprism.story.timeline import build_timeline

sys.path.insert(0, str(Path(__file__).parent))  # tests import with importlib: make the fixtures importable
from story_fixtures import GAZETTE, TIMES, article  # noqa: E402


def _articles() -> list[Article]:
    return [article("gaz", GAZETTE, "Gazette"), article("tim", TIMES, "Times")]


def test_embeddings_do_not_depend_on_threads_or_batching() -> None:
    texts = ["A fire killed 12 people on Tuesday.", "Twelve people died in Tuesday's fire.", "The governor spoke.",
             "Residents were told to stay indoors."] * 9
    one, two = embed(texts, workers=1), embed(texts, workers=2)
    assert np.allclose(one, two, atol=1e-5)
    assert np.allclose(np.linalg.norm(one, axis=1), 1.0, atol=1e-4)
    assert one[0] @ one[1] > one[0] @ one[2]  # a paraphrase is closer than another statement


def test_parse_story_embeds_every_statement_once_as_embedding_them_later_would() -> None:
    articles, s = _articles(), Settings()
    parsed = parse_story(articles, s)
    ctx = story_context(articles, parsed.docs, (), s, parsed.vectors)
    assert set(parsed.vectors) == set(ctx.index)
    later = statement_vectors([u.text for u in ctx.units], [(u.article, u.start, u.end) for u in ctx.units], None)
    got = np.stack([parsed.vectors[(u.article, u.start, u.end)] for u in ctx.units])
    assert np.allclose(got, later, atol=1e-5)


def test_a_statement_vector_depends_on_its_article_alone() -> None:
    articles, s = _articles(), Settings()
    forward, backward = parse_story(articles, s).vectors, parse_story(articles[::-1], s).vectors
    alone = parse_story(articles[:1], s).vectors
    assert forward.keys() == backward.keys()
    assert all(np.array_equal(forward[k], backward[k]) for k in forward)
    assert all(np.array_equal(forward[k], v) for k, v in alone.items())


def test_facts_and_timeline_read_one_context() -> None:
    articles, s = _articles(), Settings()
    docs = parse(articles, s)
    ctx = story_context(articles, docs, (), s)
    fire_g = next(u for u in ctx.units if u.article == "gaz" and "killed 12" in u.text)
    fire_t = next(u for u in ctx.units if u.article == "tim" and "killed 14" in u.text)
    assert ctx.same(fire_g, fire_t) >= ctx.threshold and ctx.same(fire_g, fire_g) == 0.0
    facts = align_facts(articles, docs, (), s, context=ctx)
    assert facts == align_facts(articles, docs, (), s)  # given or computed, the same context
    fire = next(f for f in facts if any("killed 12" in sp.text for sp in f.support))
    assert any("killed 14" in sp.text for sp in fire.support)
    # the timeline merges the two outlets' Tuesday because the same context aligns their statements
    timeline = build_timeline(articles, docs, s, ctx)
    tuesday = [e for e in timeline if e.expression.lower() == "tuesday"]
    assert len(tuesday) == 1 and {sp.article for sp in tuesday[0].sources} == {"gaz", "tim"}


def test_context_without_embeddings_uses_the_words_model() -> None:
    articles = _articles()
    s = Settings(embeddings=False)
    docs = parse(articles, s)
    ctx = story_context(articles, docs, (), s)
    assert ctx.prob.shape == (len(ctx.units), len(ctx.units))
    assert np.allclose(ctx.prob, ctx.prob.T)
