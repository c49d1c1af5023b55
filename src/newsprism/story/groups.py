"""Coverage by the user's outlet groups (any column of the outlets file, e.g. lean or owner) and their blind spots.

A group's blind spots are facts that most articles outside the group report and none inside it does. newsprism
ships no ratings: the groups are the user's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import AlignSettings
from ..ingest.metadata_file import OutletRegistry
from ..model import Article, Fact, GroupCoverage


def group_coverage(articles: Sequence[Article], facts: Sequence[Fact], registry: OutletRegistry,
                   p: AlignSettings | None = None) -> list[GroupCoverage]:
    """Coverage of the story's facts by each group value that has at least one article in the story; ``p`` bounds
    the blind spots (``blind_spots``, ``blind_spot_share``)."""
    p = p or AlignSettings()
    members: dict[tuple[str, str], list[Article]] = {}
    for art in articles:
        outlet = registry.find(art.outlet) or registry.find(art.url)
        for column, value in (outlet.groups if outlet else {}).items():
            members.setdefault((column, value), []).append(art)
    by_fact = {f.id: {sp.article for sp in f.support} for f in facts}
    out = []
    for column in registry.group_names():
        for (col, value), arts in members.items():
            if col != column:
                continue
            ids = {a.id for a in arts}
            others = [a.id for a in articles if a.id not in ids]
            covered = [f for f in facts if by_fact[f.id] & ids]
            missed = [f for f in facts if not by_fact[f.id] & ids and others
                      and len(by_fact[f.id]) >= max(2, p.blind_spot_share * len(others))]
            missed.sort(key=lambda f: -len(by_fact[f.id]))
            out.append(GroupCoverage(group=column, value=value,
                                     outlets=sorted({a.outlet for a in arts if a.outlet}),
                                     articles=[a.id for a in arts], facts_covered=len(covered),
                                     facts_total=len(facts), blind_spots=[f.id for f in missed[:p.blind_spots]],
                                     blind_spot_texts=[f.text for f in missed[:p.blind_spots]]))
    return out
