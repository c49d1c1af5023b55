"""Interviews printed as transcripts: who holds each turn ("WALLACE:", "Matt Damon:", "MD:") and where it runs."""

from __future__ import annotations

import re

_TURN = re.compile(r"^[\"“]?([A-Z][A-Z.'’ -]{1,30}[A-Z.]):[^\S\n]+(?=\S)", re.MULTILINE)
_NAME_TURN = re.compile(r"^([A-Z][a-z][\w'’.-]*(?:[^\S\n]+[A-Z][\w'’.-]*){1,3}):[^\S\n]+(?=\S)", re.MULTILINE)
_NOT_NAMES = frozenset({"Read", "More", "Related", "Update", "Updated", "Note", "Editor", "Editor’s", "Editor's",
                        "Photo", "Watch", "Source", "Sources", "Click", "See", "Also", "Video", "Listen", "Image"})
_HEADING_WORDS = frozenset({"IN", "THE", "OF", "AND", "FOR", "ON", "AT", "TO", "A", "WITH"})
_INITIALS_TURN = re.compile(r"^([A-Z]{2,3}):[^\S\n]+(?=\S)", re.MULTILINE)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _name_for_initials(text: str, label: str, named: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    """Where the article writes the name that a turn label of initials stands for ("MD" for "Matt Damon")."""
    if label in named:
        return named[label]
    pattern = r"\b" + r"[\w'’.-]*\s+".join(label) + r"[\w'’-]*"
    hits = {(m.start(), m.end() - 2 * bool(re.search(r"[’']s$", m.group(0)))) for m in re.finditer(pattern, text)
            if m.group(0)[-1:].isalpha()}  # "Tomas Berg’s interview" names Tomas Berg too
    names = {text[a:b] for a, b in hits}
    return min(hits) if len(names) == 1 else None


def transcript_turns(text: str) -> list[tuple[int, int, int, int]]:
    """Interview turns ("WALLACE: Governor, ...", "Matt Damon: I think ...", "MD: ..."): (name start, name end,
    body start, body end), the name being where the article writes the speaker's name.

    A capitalised label counts only when the article also writes it as an ordinary name ("Chris Wallace"); a name
    written as usual ("Peter Travers:") and initials ("PT:") count only in a transcript of two turns or more, so a
    headline such as "Sanders: Clinton needs to change course" is not a turn.
    """
    out: list[tuple[int, int, int, int]] = []
    named: dict[str, tuple[int, int]] = {}  # initials -> a full-name label that gives them
    found: list[tuple[int, int, int, int, bool]] = []
    for m in _TURN.finditer(text):
        label = m.group(1).strip()
        if len(label.replace(" ", "")) < 3 or not any(ch.isalpha() for ch in label) or _HEADING_WORDS.intersection(
                label.split()):
            continue  # "TODAY IN THE SKY:" is a heading, not a name
        name = " ".join(w.capitalize() for w in label.split())
        if not re.search(r"\b" + re.escape(name.split()[-1]) + r"\b", text):
            continue
        found.append((m.start(1), m.start(1) + len(label), m.end(), m.end(), True))
    for m in _NAME_TURN.finditer(text):
        if _NOT_NAMES.intersection(m.group(1).split()):
            continue
        found.append((m.start(1), m.end(1), m.end(), m.end(), False))
        named.setdefault(_initials(m.group(1)), (m.start(1), m.end(1)))
    for m in _INITIALS_TURN.finditer(text):
        where = _name_for_initials(text, m.group(1), named)
        if where is not None:
            found.append((where[0], where[1], m.end(), m.end(), False))
    if sum(1 for f in found if not f[4]) < 2:
        found = [f for f in found if f[4]]
    for l0, l1, b0, _, _ in sorted(found, key=lambda f: f[2]):
        end = text.find("\n", b0)
        body_end = len(text) if end < 0 else end
        while body_end > b0 and text[body_end - 1].isspace():
            body_end -= 1
        if body_end > b0:
            out.append((l0, l1, b0, body_end))
    return out


_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Oo]ur|us)\b")  # "us", never "US"


def _answer_runs_on(text: str, end: int) -> int:
    """The end of the last turn: it goes on over the paragraphs after it that speak in the first person.

    A transcript's last answer often runs over several paragraphs; the article's own lines after it ("Watch the
    interview above", an editor's note) speak of the speakers, not as them.
    """
    pos = end
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            return pos
        start = nl
        while start < len(text) and text[start].isspace():
            start += 1
        stop = text.find("\n", start)
        stop = len(text) if stop < 0 else stop
        para = text[start:stop]
        if not para or _TURN.match(para) or _NAME_TURN.match(para) or not _FIRST_PERSON.search(para):
            return pos
        pos = stop


def turn_regions(text: str, turns: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """Where each interview turn runs: up to the next turn's line, over paragraphs that carry no label of their own."""
    out = []
    for k, (_, _, b0, b1) in enumerate(turns):
        nxt = turns[k + 1][2] if k + 1 < len(turns) else None
        out.append((b0, text.rfind("\n", 0, nxt) + 1 if nxt is not None else _answer_runs_on(text, b1)))
    return out
