"""Conflicts between aligned statements: incompatible values for the same thing, each with a confidence.

Only statements that the pair model aligns are compared, and only on values that name the same thing: a figure
counting the same noun, a clock time, a day of a month, a weekday. A value given as a bound or an estimate ("at least
six", "about 10:40 p.m.") makes the difference soft, a possible difference rather than a contradiction, and so does
a toll or a running total told on different or unknown days (it changes as news comes in; the conflict says so in
its ``reason``). Negation alone, different names in one slot and figures of different things are not compared, nor
a relative date against a weekday unless the statements say much else alike: on real clusters they were mostly
differences of wording or of subject, not of fact; nor are clock times hours apart, or a time that the other outlet
also gives elsewhere (a sequence of events). A person's name spelled two ways across outlets is the
one conflict found outside alignment (``spelling_conflicts``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from ..config import AlignSettings
from ..model import Article, Conflict, ConflictValue, Entity, Fact, Span
from .align import fact_id
from .figures import counted_noun
from .statements import Unit
from .words import REPORTING

# How often a difference of each kind between two statements that state the same fact is a real conflict (a prior
# on the kind, multiplied by how sure the alignment is).
KIND_PRIOR = {("number", "hard"): 0.9, ("number", "soft"): 0.55, ("time", "hard"): 0.9, ("time", "soft"): 0.6,
              ("date", "hard"): 0.9, ("weekday", "hard"): 0.7, ("date", "soft"): 0.6, ("negation", "hard"): 0.85,
              ("entity", "hard"): 0.8}
# Negation and names are compared only between statements that say the rest alike (``AlignSettings.same_rest``);
# estimates of one moment agree within ``AlignSettings.estimate_minutes``.
DEFAULTS = AlignSettings()  # the bounds unless a run sets its own
# Two clock times this far apart (in minutes) time different events, or one event in two time zones.
_EVENT_GAP = 120
# Roles of a count that say one thing: "attacks that killed 129 people" and "129 people died".
_SAME_ROLE = {"die:agent": "kill:patient"}
_NEGATIVE = re.compile(r"\b(?:not|n[’']t|no|never|without|against|avoid\w*|den(?:y|ied|ies)|refus\w*|declin\w*|fail\w*)\b", re.I)
_NEAR = ("day", "week", "weekend")
# A relative date ("next month") and a weekday date one event only in statements this alike besides (a share of
# their content words): "a hearing is scheduled for Thursday" / "will hold a hearing next month"
_DATED_REST = 0.3
_YEARS = re.compile(r"^(?:1[89]|20)\d\d$")
# Figures of spans of time are rarely the same quantity in two statements ("499,000 years ago", "20-year-old").
_SURVEY = re.compile(r"\b(?:poll|survey|study|census|report)\b", re.I)
_CAPS = re.compile(r"\b[A-Z][a-z]+\b")
_SHARES = {"percent", "%", "per", "percentage", "point"}
# The day a source spoke ("a prosecutor said Friday") dates no event of the story; say, tell, state, add and
# comment are one paraphrase group.
_TELLING = {"say"}
# verbs whose subject reports or speaks rather than acts
_ATTRIBUTING = REPORTING | {"announce", "explain", "write", "claim", "insist", "argue", "confirm", "reveal"}
_SPANS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time", "night", "season"}


@dataclass(frozen=True, slots=True)
class StoryDates:
    """What the whole story tells about each article beyond one statement: when it was published and every clock
    time it gives."""

    published: Mapping[str, str | None] = field(default_factory=dict)
    times: Mapping[str, frozenset[str]] = field(default_factory=dict)


def story_dates(articles: Sequence[Article], units: Sequence[Unit]) -> StoryDates:
    """The publication date and the clock times of each article of a story."""
    times: dict[str, set[str]] = {}
    for u in units:
        times.setdefault(u.article, set()).update(u.times)
    return StoryDates({a.id: a.published for a in articles}, {k: frozenset(v) for k, v in times.items()})


def rising_reason(a: Unit, va: dict[str, str], b: Unit, vb: dict[str, str], story: StoryDates | None) -> str:
    """Why a difference of a toll or a running total is only possible: such counts change from one report to the
    next, so two articles not published on the same known day may both have been right when written."""
    if not (va.keys() & a.rising or vb.keys() & b.rising):
        return ""
    days = {story.published.get(a.article), story.published.get(b.article)} if story else {None}
    if None in days:
        return "tolls and running totals change as news comes in, and when these articles were written is not known"
    if len(days) > 1:
        return "tolls and running totals change as news comes in, and these articles were written on different days"
    return ""


def _other_roles(a: Unit, va: dict[str, str], b: Unit, vb: dict[str, str]) -> bool:
    """A count of casualties against a count of one noun that did or underwent something else ("130 people have
    died", "the 80 people admitted"; "one attacker was killed", "two attackers set off vests"): different groups.
    Other roles are often one act in other words ("taken to hospital", "treated"), so they are still compared."""
    ra = {_SAME_ROLE.get(r, r) for v in va if (r := a.count_roles.get(v))}
    rb = {_SAME_ROLE.get(r, r) for v in vb if (r := b.count_roles.get(v))}
    hurt = {r for r in ra | rb if r.split(":")[0] in ("kill", "injure")}
    return bool(ra and rb and not ra & rb and hurt)


def _other_actors(a: Unit, b: Unit) -> bool:
    """Statements whose acts have different named subjects (people, organisations, places), neither named in the
    other ("Chelsea signed Shevchenko for about £30m", "Liverpool signed Carroll for about £35m"): their figures and
    dates are of different acts. Who reports ("Belgian TV says", "said Mr. Molins") is no such subject."""
    def subjects(u: Unit) -> set[str]:
        return {key for label, dep, head, key in u.roles
                if label in ("PERSON", "ORG", "PLACE") and dep == "nsubj" and head not in _ATTRIBUTING}

    sa, sb = subjects(a), subjects(b)
    return bool(sa and sb and not sa & b.names.keys() and not sb & a.names.keys())


def _sequence(a: Unit, b: Unit, story: StoryDates | None) -> bool:
    """Clock times of different events: hours apart, or one outlet giving the other's time elsewhere ("the assault
    began at 9:20 p.m." against another outlet's "detonated his explosives at 9:30 p.m.", where 9:20 p.m. is the
    first bomb)."""
    if _minutes_apart(a.times, b.times) > _EVENT_GAP:
        return True
    if story is None:
        return False
    return bool(a.times.keys() & (story.times.get(b.article, frozenset()) - b.times.keys())
                or b.times.keys() & (story.times.get(a.article, frozenset()) - a.times.keys()))


def _value_text(unit: Unit, values: dict[str, str]) -> ConflictValue:
    return ConflictValue(article=unit.article, text=", ".join(values.values()), statement=unit.text)


def _other_scope(a: Unit, b: Unit) -> bool:
    """Whether the two statements count one noun over different scopes ("in 54 games" against "in a combined 157
    games"): then their other figures ("43 RBIs", "121 RBIs") belong to those scopes too, and are not compared."""
    plain_a = {counted_noun(k): k for k in a.quantities}
    return any(counted_noun(k) in plain_a and plain_a[counted_noun(k)] != k for k in b.quantities)


def _one_mood(a: Unit, va: dict[str, str], b: Unit, vb: dict[str, str]) -> bool:
    """Whether both figures say what happened, or both what may or was to happen: an expectation ("was supposed to
    get 222") and a result ("won 306") are two different things, not one thing told two ways."""
    return bool(va.keys() & a.hypothetical) == bool(vb.keys() & b.hypothetical)


def _differences(a: Unit, b: Unit, p: AlignSettings,
                 story: StoryDates | None = None) -> list[tuple[str, str, dict[str, str], dict[str, str]]]:
    """(kind, strength, a's values, b's values) for every value both statements give for one thing, disagreeing."""
    if a.verbless or b.verbless:
        return []  # a line without a verb (a specification, a list entry) states nothing to contradict
    if _other_actors(a, b):
        return _slot_differences(a, b) if _rest_alike(a, b, p.same_rest) else []
    out = []
    for noun in {k for k in a.quantities.keys() & b.quantities.keys() if counted_noun(k) not in _SPANS
                 and not _other_scope(a, b)}:
        va = {k: v for k, v in a.quantities[noun].items() if not _YEARS.match(k)}
        vb = {k: v for k, v in b.quantities[noun].items() if not _YEARS.match(k)}
        if va and vb and not va.keys() & vb.keys() and not _other_measurements(noun, a, b) \
                and not _within_bound(a, va, b, vb) and _one_mood(a, va, b, vb) and not _other_roles(a, va, b, vb):
            soft = bool((va.keys() | vb.keys()) & (a.hedged | b.hedged)) and not _under_floor(a, va, b, vb)
            soft = soft or bool(rising_reason(a, va, b, vb, story))
            out.append(("number", "soft" if soft else "hard", va, vb))
    out.extend(_floor_of_all(a, b))
    if a.times and b.times and not a.times.keys() & b.times.keys() and not _times_agree(a, b) \
            and not _sequence(a, b, story):
        hedged = (a.times.keys() | b.times.keys()) & (a.hedged | b.hedged)
        # a bound ("before 10 p.m.") is always soft; estimates only while they are within what rounding explains
        soft = bool(hedged - (a.approximate | b.approximate)) \
            or (bool(hedged) and _minutes_apart(a.times, b.times) <= p.estimate_minutes)
        out.append(("time", "soft" if soft else "hard", a.times, b.times))
    months_a = {k.split()[0] for k in a.days}
    same_month = {k: v for k, v in b.days.items() if k.split()[0] in months_a}
    if a.days and same_month and not a.days.keys() & b.days.keys() and _same_event(a.day_events, b.day_events):
        out.append(("date", "hard", {k: v for k, v in a.days.items() if k.split()[0] in {x.split()[0] for x in same_month}},
                    same_month))
    wa, wb = a.dates.get("weekday", {}), b.dates.get("weekday", {})
    if len(wa) == 1 and len(wb) == 1 and not wa.keys() & wb.keys() and not a.days and not b.days:
        event_a, event_b = a.weekday_events.get(next(iter(wa))), b.weekday_events.get(next(iter(wb)))
        # the same event on two days; other verbs are other events, and a day a source spoke on dates no event
        if event_a and event_a == event_b and event_a not in _TELLING:
            out.append(("weekday", "hard", wa, wb))
    for day in a.day_parts.keys() & b.day_parts.keys():
        parts = {a.day_parts[day], b.day_parts[day]}
        told = {a.weekday_events.get(day), b.weekday_events.get(day)} & _TELLING
        # a day part on an event noun ("the Monday morning shootings") dates that event, not another one
        nouns = (day in a.noun_dated or day in b.noun_dated) \
            and a.weekday_events.get(day) != b.weekday_events.get(day)
        if not told and not nouns and len(parts) == 2 and "" not in parts and parts != {"evening", "night"} \
                and not (a.times or b.times):
            out.append(("time", "hard", {day: f"{a.dates['weekday'][day]} {a.day_parts[day]}"},
                        {day: f"{b.dates['weekday'][day]} {b.day_parts[day]}"}))
    clash = _relative_clash(a.dates, b.dates)
    if clash and _rest_alike(a, b, _DATED_REST):
        out.append(("date", "soft", {"relative": clash[0]}, {"relative": clash[1]}))
    if _rest_alike(a, b, p.same_rest):
        out.extend(_slot_differences(a, b))
    kinds = {kind for kind, *_ in out}
    if "number" in kinds and kinds & {"weekday", "date"}:
        # other counts on other days ("five killed on Thursday", "116 killed Wednesday") are two days' tolls, two
        # events, not one event told two ways
        out = [d for d in out if d[0] not in {"number", "weekday", "date"}]
    return out


def _figure(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _within_bound(a: Unit, va: dict[str, str], b: Unit, vb: dict[str, str]) -> bool:
    """One side gives a bound ("at least two", "up to 80") that the other's figure meets, exact or as the other
    bound ("more than 100" and "up to 120"): both can hold."""
    for x, vx, y, vy in ((a, va, b, vb), (b, vb, a, va)):
        if len(vx) != 1 or len(vy) != 1 or not vx.keys() <= x.floors | x.ceilings:
            continue
        bound, other = _figure(next(iter(vx))), _figure(next(iter(vy)))
        if bound is None or other is None:
            continue
        exact = not vy.keys() & y.hedged
        if vx.keys() <= x.floors and other >= bound and (exact or vy.keys() <= y.ceilings):
            return True
        if vx.keys() <= x.ceilings and other <= bound and exact:
            return True
    return False


def _under_floor(a: Unit, va: dict[str, str], b: Unit, vb: dict[str, str]) -> bool:
    """One side counts at least L ("at least nine") and the other exactly fewer ("eight"): both cannot hold."""
    for x, vx, y, vy in ((a, va, b, vb), (b, vb, a, va)):
        if len(vx) == 1 and len(vy) == 1 and not vx.keys() & x.hedged and vy.keys() <= y.floors:
            exact, floor = _figure(next(iter(vx))), _figure(next(iter(vy)))
            if exact is not None and floor is not None and exact < floor:
                return True
    return False


# Nouns that count everyone a verb concerns, so that any group it concerns is part of them: "eight people were
# arrested" cannot hold beside "at least nine activists were arrested".
_EVERYONE = {"people", "person"}


def _floor_of_all(a: Unit, b: Unit) -> list[tuple[str, str, dict[str, str], dict[str, str]]]:
    """A count of everyone a verb concerns below a least count of some of them, told of the same verb and role."""
    def nouns(u: Unit) -> dict[str, str]:
        return {v: n for n, values in u.quantities.items() for v in values}

    na, nb = nouns(a), nouns(b)
    for x, nx, y, ny in ((a, na, b, nb), (b, nb, a, na)):
        for exact, role in x.count_roles.items():
            if nx.get(exact) not in _EVERYONE or exact in x.hedged:
                continue
            for floor in y.floors:
                vx, vy = {exact: x.numbers.get(exact, exact)}, {floor: y.numbers.get(floor, floor)}
                if y.count_roles.get(floor) == role and ny.get(floor) not in (None, nx[exact]) \
                        and _under_floor(x, vx, y, vy):
                    return [("number", "hard", vx, vy) if x is a else ("number", "hard", vy, vx)]
    return []


# An estimate of a time ("about 7 p.m.") is the time itself within this many minutes ("7:01 p.m.").
_ROUNDING = 5


def _times_agree(a: Unit, b: Unit) -> bool:
    """Two statements' single clock times that can both hold: a bound the other time meets ("shortly before 9pm"
    and "8.49pm", "after 3 p.m." and "about 3:30 p.m."), or an estimate that rounds the other ("about 7 p.m.",
    "7:01 p.m.")."""
    if len(a.times) != 1 or len(b.times) != 1:
        return False
    ta, tb = next(iter(a.times)), next(iter(b.times))
    for x, tx, y, ty in ((a, ta, b, tb), (b, tb, a, ta)):
        way = x.time_bounds.get(tx)
        if way and ty not in y.time_bounds and (ty <= tx if way == "before" else ty >= tx):
            return True
        if tx in x.approximate and _minutes_apart({tx: ""}, {ty: ""}) <= _ROUNDING:
            return True
    return False


def _minutes_apart(a: dict[str, str], b: dict[str, str]) -> int:
    """The least gap in minutes between a clock time of one statement and one of the other (on the 24-hour clock)."""
    def minutes(v: str) -> int:
        h, m = v.split(":")
        return int(h) * 60 + int(m)

    return min(min(abs(minutes(x) - minutes(y)), 1440 - abs(minutes(x) - minutes(y))) for x in a for y in b)


def _other_measurements(noun: str, a: Unit, b: Unit) -> bool:
    """Shares credited to different sources (organisations, or pollsters known by a person's name) are different
    measurements, not one figure told two ways: "55 percent" in one poll and "39 percent" in another."""
    if counted_noun(noun) not in _SHARES:
        return False
    orgs_a = {k for k, label in a.names.items() if label in ("ORG", "PERSON")}
    orgs_b = {k for k, label in b.names.items() if label in ("ORG", "PERSON")}
    if orgs_a and orgs_b and not orgs_a & orgs_b:
        return True
    # the tagger misses many pollsters: two surveys named by different capitalised words
    if _SURVEY.search(a.text) and _SURVEY.search(b.text):
        caps_a, caps_b = set(_CAPS.findall(a.text[1:])), set(_CAPS.findall(b.text[1:]))
        return bool(caps_a - caps_b) and bool(caps_b - caps_a)
    return False


def _same_event(ea: dict[str, str], eb: dict[str, str]) -> bool:
    """Dates of one month in two statements date one event when the verbs they attach to agree (or are not known):
    "due to hold its first session on Jan. 23" and "the uprising broke out on Jan. 25" are two events, and so are
    two sources speaking ("said on Jan. 23")."""
    verbs_a, verbs_b = {v for v in ea.values() if v}, {v for v in eb.values() if v}
    if (verbs_a and verbs_a <= _TELLING) or (verbs_b and verbs_b <= _TELLING):
        return False
    return not verbs_a or not verbs_b or bool(verbs_a & verbs_b)


def _content(u: Unit) -> set[str]:
    """What a statement says besides its names and figures."""
    names = {w for text in u.name_text.values() for w in _name_words(text.lower())}
    return {t for t in u.content if not t.startswith(("@", "#")) and t not in names}


def _rest_alike(a: Unit, b: Unit, share: float) -> bool:
    ca, cb = _content(a), _content(b)
    return bool(ca and cb) and len(ca & cb) / len(ca | cb) >= share


def _slot_differences(a: Unit, b: Unit) -> list[tuple[str, str, dict[str, str], dict[str, str]]]:
    """A verb negated in one statement only, or another person or organisation in the same grammatical slot."""
    out = []
    if not (_NEGATIVE.search(a.text) and _NEGATIVE.search(b.text)):
        for x, y in ((a, b), (b, a)):
            verb = next((v for v in x.negated if v not in REPORTING and v in y.affirmed and v not in y.negated), None)
            if verb:
                pair = ({verb: x.negated[verb]}, {verb: y.affirmed[verb]})
                out.append(("negation", "hard", *(pair if x is a else pair[::-1])))
                break
    for la, dep, head, ka in a.roles:
        # two sources saying one thing ("Sheriff X said" / "Undersheriff Y said") do not contradict each other
        if la not in ("PERSON", "ORG") or dep not in ("nsubj", "nsubjpass", "dobj", "pobj") or head in REPORTING:
            continue
        for lb, dep_b, head_b, kb in b.roles:
            if (lb, dep_b, head_b) == (la, dep, head) and ka != kb and ka not in b.names and kb not in a.names:
                na, nb = a.name_text.get(ka, ka), b.name_text.get(kb, kb)
                if not _may_be_one(na, nb) and not _named_in(na, b.text) and not _named_in(nb, a.text):
                    out.append(("entity", "hard", {ka: na}, {kb: nb}))
    return out


def _named_in(name: str, text: str) -> bool:
    """Whether a statement names the person anywhere, however spaced ("Van Wert" / "VanWert"): then both
    statements speak of both people, and another name in the slot is no contradiction."""
    def squeeze(t: str) -> str:
        return re.sub(r"[^a-z]", "", t.lower())

    words = _name_words(name)
    return bool(words) and len(squeeze(words[-1])) > 2 and squeeze(words[-1]) in squeeze(text)


def _may_be_one(x: str, y: str) -> bool:
    """Names that may be one entity: one's words inside the other's, or a close spelling."""
    wx, wy = _name_words(x.lower()), _name_words(y.lower())
    if wx and wy and (set(wx) <= set(wy) or set(wy) <= set(wx) or wx[-1] == wy[-1]):
        return True  # one inside the other, or one surname: "DC Bird" and "Tim Bird" may be one detective
    return SequenceMatcher(None, x.lower(), y.lower()).ratio() >= 0.75


def _relative_clash(da: dict[str, dict[str, str]], db: dict[str, dict[str, str]]) -> tuple[str, str] | None:
    """Two times that cannot be the same: a day this week against next or last month or year."""
    ra, rb = da.get("relative", {}), db.get("relative", {})
    near_a = {**da.get("weekday", {}), **{k: v for k, v in ra.items() if k[1:] in _NEAR}}
    near_b = {**db.get("weekday", {}), **{k: v for k, v in rb.items() if k[1:] in _NEAR}}
    far_a = {k: v for k, v in ra.items() if k[0] in "+-" and k[1:] in ("month", "year")}
    far_b = {k: v for k, v in rb.items() if k[0] in "+-" and k[1:] in ("month", "year")}
    if near_a and far_b and not far_a and not near_b and not da.get("month"):
        return next(iter(near_a.values())), next(iter(far_b.values()))
    if near_b and far_a and not far_b and not near_a and not db.get("month"):
        return next(iter(far_a.values())), next(iter(near_b.values()))
    return None


def _in_quotes(text: str, values: dict[str, str]) -> bool:
    """Whether every value is written inside quotation marks (an odd number of marks before it)."""
    for surface in values.values():
        at = text.find(surface)
        if at < 0:
            return False
        before = text[:at]
        if (before.count('"') + before.count("“") + before.count("”")) % 2 == 0:
            return False
    return True


def find_conflict(units: Sequence[Unit], score: np.ndarray, p: AlignSettings = DEFAULTS,
                  story: StoryDates | None = None) -> Conflict | None:
    """The most certain difference between statements of different articles in one aligned group, with the
    others under ``also``; ``score`` holds the pair model's same-fact confidence between the group's statements."""
    found: list[Conflict] = []
    for i, a in enumerate(units):
        for j in range(i + 1, len(units)):
            b = units[j]
            if a.article == b.article:
                continue
            for kind, strength, va, vb in _differences(a, b, p, story):
                if _in_quotes(a.text, va) and _in_quotes(b.text, vb):
                    continue  # two wordings of one quotation: the quote groups compare those
                confidence = float(score[i, j]) * KIND_PRIOR[(kind, strength)]
                found.append(Conflict(kind="date" if kind == "weekday" else kind,  # type: ignore[arg-type]
                                      strength=strength, confidence=round(confidence, 3),  # type: ignore[arg-type]
                                      values=[_value_text(a, va), _value_text(b, vb)],
                                      reason=rising_reason(a, va, b, vb, story) if kind == "number" else ""))
    if not found:
        return None
    found.sort(key=lambda c: -c.confidence)
    found[0].also = found[1:4]
    return found[0]


# Kinds of difference specific enough to be read between two aligned statements that facts did not link (each
# outlet's statement was already linked to a closer one): the same event, dated on two days.
_DATED = {"weekday", "date", "time"}


def dated_conflicts(units: Sequence[Unit], groups: Sequence[Sequence[int]], prob: np.ndarray, threshold: float,
                    conflict_threshold: float, p: AlignSettings = DEFAULTS,
                    story: StoryDates | None = None) -> list[Fact]:
    """Conflict facts for pairs of statements of different articles that the pair model aligns (``prob`` at or
    above ``threshold``) but that ended in different facts, when they date or time the same event differently."""
    group_of = {i: k for k, g in enumerate(groups) for i in g}
    facts: list[Fact] = []
    seen: set[tuple[int, int]] = set()
    dated = np.array([bool(u.days or u.dates.get("weekday") or u.times) for u in units], dtype=bool)
    rows, cols = np.nonzero(np.triu((prob >= threshold) & dated[:, None] & dated[None, :], 1))
    for i, j in sorted(zip(rows.tolist(), cols.tolist()), key=lambda ij: -float(prob[ij[0], ij[1]])):
        a, b = units[i], units[j]
        pair = (min(group_of[i], group_of[j]), max(group_of[i], group_of[j]))
        if a.article == b.article or pair[0] == pair[1] or pair in seen:
            continue
        found = [(kind, strength, va, vb) for kind, strength, va, vb in _differences(a, b, p, story)
                 if kind in _DATED and strength == "hard" and not (_in_quotes(a.text, va) and _in_quotes(b.text, vb))]
        if not found:
            continue
        kind, strength, va, vb = found[0]
        confidence = round(float(prob[i, j]) * KIND_PRIOR[(kind, strength)], 3)
        if confidence < conflict_threshold:
            continue  # the two stay in their own facts: no shared fact to carry a possible difference
        conflict = Conflict(kind="time" if kind == "time" else "date", strength=strength,  # type: ignore[arg-type]
                            confidence=confidence, values=[_value_text(a, va), _value_text(b, vb)])
        support = [Span(a.article, a.start, a.end, a.text), Span(b.article, b.start, b.end, b.text)]
        seen.add(pair)
        facts.append(Fact(id=fact_id(support), text=a.text, status="conflict",
                          support=support, conflict=conflict, confidence=float(prob[i, j])))
    return facts


def _name_words(name: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’-]+", name)


def _variant(x: str, y: str) -> bool:
    """Two spellings of one name word: close (Olivares / Oliveras, Alison / Allison) but not equal, and not a
    plural or possessive of the other."""
    if x == y or len(x) < 4 or len(y) < 4 or x[0].lower() != y[0].lower():
        return False
    lx, ly = x.lower(), y.lower()
    if lx.rstrip("s") == ly.rstrip("s") or lx.startswith(ly) or ly.startswith(lx):
        return False
    if len(lx) == len(ly) and sorted(lx) == sorted(ly) and sum(p != q for p, q in zip(lx, ly)) <= 2:
        return True  # two letters swapped: Olivares / Oliveras
    return SequenceMatcher(None, lx, ly).ratio() >= 0.8 and abs(len(x) - len(y)) <= 2


# British and American spellings of one word ("Centre" / "Center", "Harbour" / "Harbor", "organise" / "organize"):
# a house style, not a disagreement.
_REGIONAL = ((re.compile(r"tre\b"), "ter"), (re.compile(r"our\b"), "or"), (re.compile(r"is(e|ed|es|ing|ation)\b"), r"iz\1"),
             (re.compile(r"ys(e|ed|es|ing)\b"), r"yz\1"), (re.compile(r"ogue\b"), "og"), (re.compile(r"ae"), "e"))


def _regional(x: str, y: str) -> bool:
    """Whether two words are one word in British and American spelling."""
    def american(w: str) -> str:
        for rx, rep in _REGIONAL:
            w = rx.sub(rep, w)
        return w

    return x.lower() != y.lower() and american(x.lower()) == american(y.lower())


_COMMON_NAME = 3.0  # Zipf frequency from which a name is common in English writing


def _romanized(x: str, y: str) -> bool:
    """Two romanizations of one name ("Gaddafi" / "Gadhafi", "Djoko" / "Joko", "Heidar" / "Heydar"): equal once an
    "h" after a consonant, a "d" before "j", "y" for "i" and doubled letters are dropped; by doubled letters alone
    only when neither spelling is a common name."""
    def single(w: str) -> str:
        return re.sub(r"(.)\1+", r"\1", w.lower())

    def fold(w: str) -> str:
        return single(re.sub(r"(?<=[bcdgkpt])h", "", w.lower().replace("dj", "j").replace("y", "i")))

    if single(x) == single(y):
        # doubled letters alone: a misspelling of a common name ("Alison" / "Allison"), a romanization of a rare
        # one ("Masoud" / "Massoud")
        from wordfreq import zipf_frequency

        return x.lower() != y.lower() and max(zipf_frequency(x, "en"), zipf_frequency(y, "en")) < _COMMON_NAME
    return fold(x) == fold(y)


def _unattested(x: str, y: str, below: float) -> bool:
    """Both spellings unknown to general English: a rare name whose right spelling a reader cannot check from
    common usage (often a romanization), so no conflict is claimed."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(x, "en"), zipf_frequency(y, "en")) < below


def _well_known_typo(x: str, y: str) -> bool:
    """One spelling of a common name against a rare one ("Barack" / "Barak"): a slip of one outlet, not a
    disagreement over who someone is (word frequencies of general English, from wordfreq)."""
    from wordfreq import zipf_frequency

    fx, fy = zipf_frequency(x, "en"), zipf_frequency(y, "en")
    return max(fx, fy) >= 3.5 and abs(fx - fy) >= 1.0


def spelling_conflicts(units: Sequence[Unit], entities: Sequence[Entity], threshold: float,
                       p: AlignSettings = DEFAULTS) -> list[Fact]:
    """A person's name spelled differently by two outlets, where the rest of the name is the same ("Alison Brooks"
    / "Allison Brooks"): a conflict fact holding the statements of each spelling."""
    spellings: dict[tuple[str, ...], dict[str, set[str]]] = {}  # name words -> article -> names as written
    for e in entities:
        if e.type != "PERSON":
            continue
        for sp in e.spans:
            words = tuple(_name_words(sp.text))[-2:]  # given name and surname, without a title glued before them
            if len(words) == 2:
                spellings.setdefault(words, {}).setdefault(sp.article, set()).add(sp.text)
    names = list(spellings)
    facts: list[Fact] = []
    seen: set[frozenset[tuple[str, ...]]] = set()
    for i, x in enumerate(names):
        for y in names[i + 1:]:
            if len(x) != len(y) or frozenset((x, y)) in seen:
                continue
            diff = [(a, b) for a, b in zip(x, y) if a != b]
            if len(diff) != 1 or not _variant(*diff[0]):
                continue
            in_x, in_y = set(spellings[x]), set(spellings[y])
            only_x, only_y = in_x - in_y, in_y - in_x
            if not only_x or not only_y:
                continue  # an outlet that writes both spellings made a typo; it is not a difference between outlets
            if _well_known_typo(*diff[0]) or _regional(*diff[0]) or _romanized(*diff[0]) \
                    or _unattested(*diff[0], p.unattested):
                continue
            fact = _spelling_fact(units, " ".join(x), " ".join(y), only_x, only_y, threshold)
            if fact:
                seen.add(frozenset((x, y)))
                facts.append(fact)
    return facts


def _spelling_fact(units: Sequence[Unit], x: str, y: str, arts_x: set[str], arts_y: set[str],
                   threshold: float) -> Fact | None:
    """The conflict fact of two spellings: every statement of the outlets that use each one."""
    def holding(name: str, arts: set[str]) -> list[Unit]:
        return [u for u in units if u.article in arts and name in " ".join(_name_words(u.text))]

    ux, uy = holding(x, arts_x), holding(y, arts_y)
    if not ux or not uy:
        return None
    support = [Span(u.article, u.start, u.end, u.text) for u in (*ux, *uy)]
    confidence = 0.9
    conflict = Conflict(kind="name", strength="hard", confidence=confidence,
                        values=[ConflictValue(ux[0].article, x, ux[0].text),
                                ConflictValue(uy[0].article, y, uy[0].text)])
    return Fact(id=fact_id(support), text=ux[0].text,
                status="conflict" if confidence >= threshold else "shared",
                support=support, conflict=conflict, confidence=confidence)
