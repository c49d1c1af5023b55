"""A hand-built report of an invented two-outlet story that exercises every section of the report contract."""

from __future__ import annotations

from typing import Any

LEDGER = (
    "Mayor Lena Ortiz said on Tuesday that the Riverside Bridge will close for repairs next month.\n\n"
    "\u201cWe will not let the bridge fail on our watch. Safety comes first,\u201d Ortiz told reporters at City Hall.\n\n"
    "The repairs will cost $12 million, according to the city engineer.\n\n"
    "Council member Raj Patel accused the mayor of hiding an inspection report, but offered no evidence.\n\n"
    "The bridge opened in 1962 and carries 40,000 cars a day."
)

POST = (
    "Riverside Bridge will shut next month, Mayor Lena Ortiz announced Tuesday.\n\n"
    '"We will not let the bridge fail. Safety comes first," the mayor said.\n\n'
    "The work is expected to cost $15 million.\n\n"
    "Patel, a council member, claimed the mayor had concealed an inspection report. "
    'Ortiz denied it: "There is no hidden report."\n\n'
    "A city official, who asked not to be named, said detours would add 20 minutes to commutes."
)

A1 = "a111111111111"
A2 = "a222222222222"
TEXTS = {A1: LEDGER, A2: POST}


def span(article: str, phrase: str, with_text: bool = True) -> dict[str, Any]:
    """The span of the first occurrence of ``phrase`` in an article, as the report writes it."""
    text = TEXTS[article]
    start = text.index(phrase)
    d: dict[str, Any] = {"article": article, "start": start, "end": start + len(phrase)}
    if with_text:
        d["text"] = phrase
    return d


def quote(qid: str, article: str, phrase: str, kind: str, speaker: str | None, entity: str | None,
          cue: str | None, anonymous: bool = False) -> dict[str, Any]:
    s = span(article, phrase)
    return {"id": qid, "article": article, "start": s["start"], "end": s["end"], "text": phrase, "kind": kind,
            "speaker": speaker, "entity": entity, "cue": cue, "anonymous": anonymous, "speaker_span": None,
            "part_of": None, "confidence": 0.9 if entity else 0.85}


def build_report() -> dict[str, Any]:
    """The report dict; every span's text equals the article text at its offsets."""
    q_ledger = "We will not let the bridge fail on our watch. Safety comes first,"
    q_post = "We will not let the bridge fail. Safety comes first,"
    return {
        "schema": "newsprism.report/1",
        "story": {
            "id": "s0123456789ab",
            "title": "Riverside Bridge to close for repairs",
            "articles": [
                {"id": A1, "outlet": "Harbor Ledger", "title": "Riverside Bridge to close for repairs",
                 "url": "https://ledger.example/bridge", "published": "2024-03-05", "author": "Ana Reyes",
                 "words": len(LEDGER.split()), "source": "ledger.txt"},
                {"id": A2, "outlet": "Valley Post", "title": "Bridge shuts next month",
                 "url": "javascript:alert(1)", "published": None, "author": None,
                 "words": len(POST.split()), "source": "post.html"},
            ],
            "copies": {"a333333333333": A1},
        },
        "summary": [
            {"text": "Mayor Lena Ortiz said the Riverside Bridge will close for repairs next month.",
             "sources": [span(A1, "Mayor Lena Ortiz said on Tuesday that the Riverside Bridge will close for "
                                  "repairs next month."),
                         span(A2, "Riverside Bridge will shut next month, Mayor Lena Ortiz announced Tuesday.")],
             "generated": False},
            {"text": "Council member Raj Patel accused the mayor of hiding an inspection report.",
             "sources": [span(A1, "Council member Raj Patel accused the mayor of hiding an inspection report, "
                                  "but offered no evidence.")], "generated": False},
        ],
        "facts": [
            {"id": "f1", "text": "The Riverside Bridge will close next month.", "status": "shared",
             "support": [span(A1, "the Riverside Bridge will close for repairs next month"),
                         span(A2, "Riverside Bridge will shut next month")], "conflict": None, "confidence": 0.8},
            {"id": "f2", "text": "The repairs will cost $12 million.", "status": "conflict",
             "support": [span(A1, "The repairs will cost $12 million"),
                         span(A2, "The work is expected to cost $15 million")],
             "conflict": {"kind": "number", "strength": "hard", "confidence": 0.9,
                          "values": [{"article": A1, "text": "$12 million",
                                      "statement": "The repairs will cost $12 million."},
                                     {"article": A2, "text": "$15 million",
                                      "statement": "The work is expected to cost $15 million."}]},
             "confidence": 0.9},
            {"id": "f3", "text": "The bridge opened in 1962.", "status": "unique",
             "support": [span(A1, "The bridge opened in 1962 and carries 40,000 cars a day.")], "conflict": None,
             "confidence": 1.0},
            {"id": "f4", "text": "Detours would add 20 minutes to commutes.", "status": "unique",
             "support": [span(A2, "detours would add 20 minutes to commutes")], "conflict": None,
             "confidence": 1.0},
        ],
        "quotes": [
            quote("q1", A1, q_ledger, "direct", "Lena Ortiz", "e1", "told"),
            quote("q2", A2, q_post, "direct", "Lena Ortiz", "e1", "said"),
            quote("q3", A2, "There is no hidden report.", "direct", "Lena Ortiz", "e1", "denied"),
            quote("q4", A1, "the mayor of hiding an inspection report", "indirect", "Raj Patel", "e2", "accused"),
            quote("q5", A2, "detours would add 20 minutes to commutes", "indirect", "a city official", None, "said",
                  anonymous=True),
        ],
        "quote_groups": [
            {"id": "g1", "entity": "e1", "quotes": ["q1", "q2"], "agreement": "reworded",
             "diff": [{"op": "equal", "a": "We will not let the bridge fail", "b": "We will not let the bridge fail"},
                      {"op": "delete", "a": "on our watch", "b": ""},
                      {"op": "equal", "a": ". Safety comes first,", "b": ". Safety comes first,"}],
             "confidence": 0.9},
        ],
        "claims": [
            {"id": "c1", "claimant": "e2", "text": "The mayor hid an inspection report.", "quotes": ["q4"],
             "responses": [{"entity": "e1", "stance": "denies", "quote": "q3", "span": None}],
             "evidence": [
                 {"article": A1, "status": "none_offered", **_pos(span(A1, "but offered no evidence"))},
                 {"article": A2, "status": "not_mentioned", "start": None, "end": None, "text": None},
             ],
             "sources": [span(A1, "Council member Raj Patel accused the mayor of hiding an inspection report")],
             "confidence": 0.9},
        ],
        "attribution": [
            {"speaker": "Lena Ortiz", "entity": "e1", "article": A1, "outlet": "Harbor Ledger", "verbs": {"told": 1},
             "direct": 1, "partial": 0, "paraphrased": 0, "evidence": [], "quotes": ["q1"], "confidence": 0.9},
        ],
        "entities": [
            {"id": "e1", "name": "Lena Ortiz", "type": "PERSON", "aliases": ["Ortiz", "the mayor"],
             "descriptions": ["Mayor"], "mentions": {A1: 2, A2: 3}, "spans": [span(A1, "Lena Ortiz")]},
            {"id": "e2", "name": "Raj Patel", "type": "PERSON", "aliases": ["Patel"],
             "descriptions": ["council member"], "mentions": {A1: 1, A2: 1}, "spans": [span(A1, "Raj Patel")]},
            {"id": "e3", "name": "Riverside Bridge", "type": "FAC", "aliases": [], "descriptions": [],
             "mentions": {A1: 1, A2: 1}, "spans": []},
        ],
        "timeline": [
            {"date": "1962", "precision": "year", "expression": "1962", "event": "The bridge opened.",
             "sources": [span(A1, "1962")]},
            {"date": "2024-03-05", "precision": "day", "expression": "Tuesday",
             "event": "Ortiz announces the closure.", "sources": [span(A1, "Tuesday")]},
            {"date": None, "precision": "relative", "expression": "next month",
             "event": "The bridge closes.", "sources": [span(A2, "next month")]},
        ],
        "outlets": [
            {"article": A1, "outlet": "Harbor Ledger", "facts_covered": 3, "facts_total": 4, "unique_facts": 1,
             "quotes": 2, "named_sources": 2, "anonymous_sources": 0, "words": len(LEDGER.split())},
            {"article": A2, "outlet": "Valley Post", "facts_covered": 3, "facts_total": 4, "unique_facts": 1,
             "quotes": 3, "named_sources": 1, "anonymous_sources": 1, "words": len(POST.split())},
        ],
        "cleaning": [
            {"article": A1, "removed": [{"kind": "duplicate_title", "text": "Riverside Bridge to close for repairs"},
                                        {"kind": "photo_credit", "text": "\u00a9 Getty Images"}]},
            {"article": A2, "removed": []},
        ],
        "notes": ["1 summary sentence dropped: no source span supports it."],
        "groups": [],
        "other_stories": [],
    }


def _pos(s: dict[str, Any]) -> dict[str, Any]:
    return {"start": s["start"], "end": s["end"], "text": s["text"]}


HOSTILE_TEXT = (
    "Officials met on Monday.\n\n"
    "<script>window.__pwned = 1; alert('x')</script>\n\n"
    '<img src=x onerror="window.__pwned = 2; alert(2)">\n\n'
    "</script><script>window.__pwned = 3</script> A value like \u2028 and {{ 7*7 }} stays text.\n\n"
    "\x1b[31mRed\x1b[0m [bold]markup[/bold] *stars* | pipe"
)


def hostile_report() -> tuple[dict[str, Any], dict[str, str]]:
    """A report whose article text, title and outlet carry script and markup payloads."""
    aid = "a999999999999"
    text = HOSTILE_TEXT
    payload = "<img src=x onerror=\"window.__pwned = 4\">"
    start = text.index("<script>")
    end = start + len("<script>window.__pwned = 1; alert('x')</script>")
    return ({
        "schema": "newsprism.report/1",
        "story": {"id": "s999999999999", "title": "Hostile " + payload,
                  "articles": [{"id": aid, "outlet": "<script>window.__pwned=5</script>", "title": payload,
                                "url": "javascript:window.__pwned=6", "published": None, "author": payload,
                                "words": len(text.split()), "source": "evil.html"}],
                  "copies": {}},
        "summary": [{"text": "Officials met " + payload, "generated": False,
                     "sources": [{"article": aid, "start": start, "end": end, "text": text[start:end]}]}],
        "facts": [{"id": "f1", "text": payload, "status": "unique",
                   "support": [{"article": aid, "start": start, "end": end, "text": text[start:end]}],
                   "conflict": {"kind": "name", "strength": "hard", "confidence": 0.9,
                                "values": [{"article": aid, "text": payload, "statement": payload}]},
                   "confidence": 1.0}],
        "quotes": [{"id": "q1", "article": aid, "start": start, "end": end, "text": text[start:end],
                    "kind": "direct", "speaker": payload, "entity": None, "cue": payload, "anonymous": False,
                    "speaker_span": None, "part_of": None, "confidence": 0.5}],
        "quote_groups": [{"id": "g1", "entity": None, "quotes": ["q1"], "agreement": "reworded",
                          "diff": [{"op": "insert", "a": "", "b": payload}], "confidence": 0.5}],
        "claims": [{"id": "c1", "claimant": None, "text": payload, "quotes": ["q1"], "responses": [],
                    "evidence": [{"article": aid, "status": "none_offered", "start": None, "end": None,
                                  "text": payload}], "sources": [], "confidence": 0.5}],
        "entities": [{"id": "e1", "name": payload, "type": "PERSON", "aliases": [payload], "descriptions": [payload],
                      "mentions": {aid: 1}, "spans": []}],
        "timeline": [{"date": None, "precision": "relative", "expression": payload, "event": payload,
                      "sources": []}],
        "outlets": [{"article": aid, "outlet": payload, "facts_covered": 1, "facts_total": 1, "unique_facts": 1,
                     "quotes": 1, "named_sources": 0, "anonymous_sources": 0, "words": len(text.split())}],
        "cleaning": [{"article": aid, "removed": [{"kind": "debris", "text": payload}]}],
        "notes": [payload],
        "attribution": [],
        "groups": [],
        "other_stories": [],
    }, {aid: text})
