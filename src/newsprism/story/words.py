"""Word lists the statements are read with: the words outlets use interchangeably for one predicate or thing, and
the verbs that report speech."""

from __future__ import annotations

NORMAL = {"us": "usa", "u.s": "usa", "u.s.": "usa", "america": "usa", "un": "un", "u.n": "un", "u.n.": "un",
           "uk": "britain", "u.k.": "britain", "britain": "britain"}
# Words that news outlets use interchangeably for one predicate or thing; each maps to its group's first word.
_PARAPHRASES = (
    "interfere meddle meddling interference",
    "election midterm midterms vote poll ballot",
    "deny reject refuse dismiss rebuff rebut denial",
    "accuse accusation allege allegation claim charge",
    "attempt try effort bid",
    "say tell state add remark comment",
    "warn caution alert",
    "evidence proof",
    "kill slay",
    "die dead death",
    "injure wound hurt injury",
    "hospital hospitalize treat",
    "arrest detain apprehend custody",
    "announce unveil reveal disclose",
    "resign quit step_down resignation",
    "sue lawsuit suit",
    "police officer cop",
    "investigate probe investigation inquiry",
    "president presidency",
    "buy purchase acquire acquisition",
    "fire dismiss oust sack",
    "rise increase climb jump grow",
    "fall drop decline decrease plunge",
    "begin start launch",
    "ban prohibit bar",
    "child kid",
    "car vehicle",
    "law legislation bill",
    "company firm",
    "speech address",
    "sanction penalty",
)
for _group in _PARAPHRASES:
    _words = _group.split()
    for _w in _words:
        NORMAL.setdefault(_w, _words[0])
REPORTING = {"say", "tell", "add", "note", "state", "report"}
