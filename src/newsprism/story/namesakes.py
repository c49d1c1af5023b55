"""People's names: the name words of a mention, and joining the forms one person's name takes (hyphenated,
shortened, a nickname)."""

from __future__ import annotations

import functools
from typing import Any

from .roles import HONORIFICS, NAME_SUFFIXES, PERSON_NOUNS, ROLE_HEADS, ROLE_MODIFIERS, strip_possessive


def name_tokens(text: str) -> list[str]:
    """Name words without honorifics and suffixes: 'President Donald J. Trump Jr.' -> ['Donald', 'J.', 'Trump']."""
    toks = [strip_possessive(t) for t in text.split()]
    while toks and (toks[0].lower() in HONORIFICS or (
            len(toks) > 2 and toks[0].lower() in ROLE_MODIFIERS and toks[1].lower() in HONORIFICS) or (
            len(toks) > 2 and toks[0].lower() in ROLE_HEADS | PERSON_NOUNS and toks[1][:1].isupper())):
        toks = toks[1:]  # "Archaeologist Giles Hamm" is Giles Hamm
    while toks and toks[-1].lower().strip(",") in NAME_SUFFIXES:
        toks = toks[:-1]
    return [t for t in toks if t]


def merge_hyphenated(persons: dict[tuple[str, str], Any]) -> None:
    """ "Clarissa Dickson-Wright" joins "Clarissa Dickson Wright": one surname, written with and without a hyphen."""
    for key in [k for k in persons if "-" in k[1]]:
        parts = tuple(key[1].split("-"))
        twin = (key[0], parts[-1])
        if twin in persons and any(tuple(w.lower() for w in name_tokens(m.text))[-len(parts):] == parts
                                   for m in persons[twin].mentions):
            persons[twin].mentions.extend(persons.pop(key).mentions)


def merge_nicknames(persons: dict[tuple[str, str], Any]) -> None:
    """ "Steve Bannon" joins "Stephen Bannon": one surname, and one given name a nickname of the other."""
    namer = nick_namer()
    for key in sorted(persons, key=lambda k: len(persons[k].mentions)):
        if key not in persons:
            continue
        fits = [o for o in persons if o != key and o[1] == key[1] and (
            key[0] in namer.nicknames_of(o[0]) or o[0] in namer.nicknames_of(key[0]))]
        if len(fits) == 1:
            persons[fits[0]].mentions.extend(persons.pop(key).mentions)


@functools.lru_cache(maxsize=1)
def nick_namer() -> Any:
    """The nickname tables of the `nicknames` package, read once per process."""
    from nicknames import NickNamer

    return NickNamer()


def merge_short_forms(persons: dict[tuple[str, str], Any]) -> None:
    """ "Dickson Wright" joins "Clarissa Dickson Wright": a shorter full name ending a longer one, when one fits best."""
    forms = {key: {tuple(p for w in name_tokens(m.text) for p in w.lower().split("-")) for m in cl.mentions}
             for key, cl in persons.items()}  # "Dickson-Wright" written "Dickson Wright" too
    for key in sorted(persons, key=lambda k: len(persons[k].mentions)):
        mine = {f for f in forms[key] if len(f) >= 2}
        fits = [other for other in persons if other != key and other[1].split("-")[-1] == key[1] and any(
            len(g) > len(f) and g[-len(f):] == f for f in mine for g in forms[other])]
        if not fits:
            continue
        fits.sort(key=lambda k: -len(persons[k].mentions))
        if len(fits) > 1 and len(persons[fits[0]].mentions) < 2 * len(persons[fits[1]].mentions):
            continue  # two people the short form could mean: left apart
        persons[fits[0]].mentions.extend(persons.pop(key).mentions)
        forms[fits[0]] |= forms.pop(key)
