"""A hand-built report of one story told by many outlets, to test how pages scale (no real data, no analysis)."""

from __future__ import annotations

from typing import Any

PLACES = ["Averly", "Brightwater", "Calder", "Dunmore", "Eastham", "Fenwick", "Glenrock", "Harrow"]


def big_story(n_articles: int, n_facts: int = 0) -> tuple[dict[str, Any], dict[str, str]]:
    """A report of ``n_articles`` invented articles about a ferry strike, ``n_facts`` facts shared by three of them
    (default: two per article), one claim, and each article's own quote; and the article texts."""
    n_facts = n_facts or 2 * n_articles
    ids = [f"a{i:012d}" for i in range(n_articles)]
    texts: dict[str, str] = {}
    articles = []
    for i, aid in enumerate(ids):
        place = PLACES[i % len(PLACES)]
        texts[aid] = (f"Ferry crews in Port {place} ended their strike on Friday after {i + 2} days. "
                      f"\"We got what we asked for,\" said union leader Mara Quint{i}. "
                      f"The operator said {40 + i} sailings would run on Saturday. "
                      f"Passengers in {place} had waited for hours at the quay.")
        articles.append({"id": aid, "outlet": f"{place} Gazette number {i}", "title": f"Ferry strike ends in {place}",
                         "url": None, "published": f"2024-05-{1 + i % 28:02d}", "author": None,
                         "words": len(texts[aid].split()), "source": f"/srv/crawl/2024/{place.lower()}-{i}.txt"})

    def span(aid: str, phrase: str) -> dict[str, Any]:
        start = texts[aid].index(phrase)
        return {"article": aid, "start": start, "end": start + len(phrase), "text": phrase}

    facts = []
    for k in range(n_facts):
        tellers = [ids[(k + j) % n_articles] for j in range(min(3, n_articles))]
        facts.append({"id": f"f{k}", "text": f"Fact {k}: the ferry strike ended on Friday.", "status": "shared",
                      "support": [span(a, "ended their strike on Friday") for a in tellers], "conflict": None})
    facts.append({"id": "fc", "text": "The strike lasted some days.", "status": "conflict", "confidence": 0.9,
                  "support": [span(ids[0], "after 2 days"), span(ids[-1], f"after {n_articles + 1} days")],
                  "conflict": {"kind": "number", "strength": "hard", "confidence": 0.9,
                               "values": [{"article": ids[0], "text": "2", "statement": texts[ids[0]]},
                                          {"article": ids[-1], "text": str(n_articles + 1),
                                           "statement": texts[ids[-1]]}]}})
    facts += [{"id": f"u{i}", "text": f"Passengers in {PLACES[i % len(PLACES)]} had waited for hours at the quay.",
               "status": "unique", "support": [span(aid, "had waited for hours at the quay")], "conflict": None}
              for i, aid in enumerate(ids)]
    quotes = [{"id": f"q{i}", **span(aid, "We got what we asked for"), "kind": "direct",
               "speaker": f"Mara Quint{i}", "entity": None, "cue": "said", "anonymous": False, "speaker_span": None,
               "part_of": None} for i, aid in enumerate(ids)]
    evidence = [{"article": ids[0], "status": "none_offered", **span(ids[0], "We got what we asked for")}]
    evidence += [{"article": a, "status": "not_mentioned", "start": None, "end": None, "text": None} for a in ids[1:]]
    report = {
        "schema": "newsprism.report/1",
        "story": {"id": "sbbbbbbbbbbbb", "title": "Ferry strike ends", "articles": articles, "copies": {}},
        "summary": [{"text": "Ferry crews ended their strike on Friday.",
                     "sources": [span(ids[0], "ended their strike on Friday")], "generated": False}],
        "facts": facts, "quotes": quotes, "quote_groups": [],
        "claims": [{"id": "c1", "claimant": None, "text": "The union got what it asked for.", "quotes": ["q0"],
                    "responses": [], "evidence": evidence, "sources": []}],
        "entities": [], "timeline": [],
        "outlets": [{"article": a, "outlet": articles[i]["outlet"], "facts_covered": 3, "facts_total": n_facts,
                     "unique_facts": 1, "quotes": 1, "named_sources": 1, "anonymous_sources": 0,
                     "words": articles[i]["words"]} for i, a in enumerate(ids)],
        "cleaning": [{"article": a, "removed": []} for a in ids], "notes": [],
    }
    return report, texts
