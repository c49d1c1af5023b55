"""Metadata the user gives for articles: ``--outlet FILE=NAME``, a metadata CSV, a file-name pattern, an outlets file.

The user's word beats what extraction guessed (a dateline "DES MOINES" is not an outlet), so these rules are
applied after reading and override an article's outlet, date, title or URL where they name one.
"""

from __future__ import annotations

import csv
import fnmatch
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..errors import NewsprismError
from ..model import Article
from .meta import host_of, iso_date, published_override

META_FIELDS = ("outlet", "published", "title", "url", "author")
PATH_KEYS = ("path", "file", "filename", "source", "glob", "pattern")
DATE_ALIASES = ("date", "published_at", "publish_date", "pubdate")
PATTERN_FIELDS = {"outlet", "date", "published", "title", "slug", "author", "any"}
OUTLET_COLUMNS = ("name", "domain", "country", "owner", "aliases")


@dataclass(slots=True, frozen=True)
class MetaRow:
    """One row of a metadata CSV: which sources it covers (a path or a glob) and the values it gives them."""

    pattern: str
    values: Mapping[str, str]


@dataclass(slots=True, frozen=True)
class Outlet:
    """An outlet of the user's outlets file: name, domain, country, owner, and any user-defined groups."""

    name: str
    domain: str | None = None
    country: str | None = None
    owner: str | None = None
    aliases: tuple[str, ...] = ()
    groups: Mapping[str, str] = field(default_factory=dict)  # column -> value, e.g. {"lean": "left"}


def _key(name: str) -> str:
    """A name folded for matching: case, spaces, hyphens, dots and underscores ignored ("usa-today" = "USA Today")."""
    return re.sub(r"[\s_.\-]+", "", name.casefold())


class OutletRegistry:
    """The outlets file, looked up by name, alias or domain."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.outlets = list(outlets)
        self._by_key: dict[str, Outlet] = {}
        for o in self.outlets:
            for name in (o.name, *o.aliases, *( [o.domain] if o.domain else [])):
                self._by_key.setdefault(_key(name), o)
            if o.domain:
                self._by_key.setdefault(_key(o.domain.split(".")[0]), o)

    def find(self, name: str | None) -> Outlet | None:
        """The outlet a name, alias, domain or URL host refers to, or None."""
        if not name:
            return None
        host = host_of(name) if "://" in name else None
        for candidate in (name, host or ""):
            if candidate and (hit := self._by_key.get(_key(candidate))):
                return hit
        return None

    def group_names(self) -> list[str]:
        """The user-defined group columns, in file order."""
        return list(dict.fromkeys(g for o in self.outlets for g in o.groups))


def load_outlets(path: str) -> OutletRegistry:
    """The outlets CSV (columns name, domain, country, owner, aliases; every other column is a user group)."""
    rows = _read_csv(path)
    outlets = []
    for n, row in enumerate(rows, 2):
        name = row.get("name")
        if not name:
            raise NewsprismError(f"{path}: line {n} has no name; every outlet needs a value in the 'name' column")
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
        groups = {k: v for k, v in row.items() if k not in OUTLET_COLUMNS and v}
        outlets.append(Outlet(name=name, domain=row.get("domain") or None, country=row.get("country") or None,
                              owner=row.get("owner") or None, aliases=aliases, groups=groups))
    return OutletRegistry(outlets)


def load_meta(path: str) -> list[MetaRow]:
    """The rows of a metadata CSV: a path or glob column and any of outlet, published (or date), title, url, author."""
    rows = _read_csv(path)
    out = []
    for n, row in enumerate(rows, 2):
        pattern = next((row[k] for k in PATH_KEYS if row.get(k)), None)
        if not pattern:
            raise NewsprismError(f"{path}: line {n} names no file; put a path or glob in a 'path' column")
        values = {k: row[k] for k in META_FIELDS if row.get(k)}
        if "published" not in values:
            values.update({"published": row[k] for k in DATE_ALIASES if row.get(k)})
        if values.get("published") and iso_date(values["published"]) is None:
            raise NewsprismError(f"{path}: line {n}: {values['published']!r} is not a date; use YYYY-MM-DD")
        out.append(MetaRow(pattern=pattern, values=values))
    return out


def _read_csv(path: str) -> list[dict[str, str]]:
    """A CSV's rows with lower-cased, stripped column names and stripped values."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames:
                raise NewsprismError(f"{path}: the file is empty; give a CSV with a header row")
            return [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
                    for row in reader]
    except OSError as exc:
        raise NewsprismError(f"{path}: cannot be read ({exc.strerror or exc}); check the path") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise NewsprismError(f"{path}: not a readable CSV ({exc}); save it as UTF-8 CSV with a header row") from exc


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A file-name pattern such as ``{outlet}_{date}_{slug}.txt`` as a regex over the file's base name."""
    parts = re.split(r"(\{[^{}]*\})", pattern)
    names = [p[1:-1] for p in parts if p.startswith("{") and p.endswith("}")]
    unknown = [n for n in names if n not in PATTERN_FIELDS]
    if unknown or not names:
        raise NewsprismError(f"--name-pattern {pattern!r}: use fields among {{{'}, {'.join(sorted(PATTERN_FIELDS))}}}"
                             f"{', not ' + ', '.join(unknown) if unknown else ''}, e.g. {{outlet}}_{{date}}_{{slug}}.txt")
    regex = ""
    seen: set[str] = set()
    for p in parts:
        if p.startswith("{") and p.endswith("}"):
            name = p[1:-1]
            body = r"\d{4}-?\d{2}-?\d{2}" if name in ("date", "published") else ".+?"
            regex += f"(?P<{name}>{body})" if name not in seen and name != "any" else f"(?:{body})"
            seen.add(name)
        else:
            regex += re.escape(p)
    if not os.path.splitext(pattern)[1]:
        regex += r"(?:\.[^.]+)*"  # a pattern without an extension matches any
    return re.compile(regex + r"\Z", re.IGNORECASE)


@dataclass(slots=True)
class MetadataRules:
    """Everything the user said about articles' metadata, applied to each article after it is read."""

    outlets: dict[str, str] = field(default_factory=dict)  # --outlet FILE=NAME
    rows: list[MetaRow] = field(default_factory=list)  # --meta CSV rows
    pattern: re.Pattern[str] | None = None  # --name-pattern
    registry: OutletRegistry | None = None  # --outlets file

    @classmethod
    def from_settings(cls, outlets: Mapping[str, str], meta_files: Iterable[str], pattern: str | None,
                      outlets_file: str | None) -> MetadataRules:
        """Loads the files the settings name (errors name the file and what to fix)."""
        return cls(outlets=dict(outlets), rows=[r for f in meta_files for r in load_meta(f)],
                   pattern=compile_pattern(pattern) if pattern else None,
                   registry=load_outlets(outlets_file) if outlets_file else None)

    def __bool__(self) -> bool:
        return bool(self.outlets or self.rows or self.pattern or self.registry)

    def values_for(self, *sources: str) -> dict[str, str]:
        """The metadata the rules give a source: file-name pattern first, then CSV rows, then --outlet."""
        out: dict[str, str] = {}
        names = [s for s in sources if s]
        if self.pattern is not None:
            for s in names:
                m = self.pattern.match(os.path.basename(s.partition("#")[0].rstrip("/")))
                if m:
                    got = {("published" if k == "date" else k): v for k, v in m.groupdict().items() if v}
                    got.pop("slug", None)
                    out.update(got)
                    break
        for row in self.rows:
            if any(_matches(s, row.pattern) for s in names):
                out.update(row.values)
        for s in names:
            name = published_override(s, self.outlets)
            if name:
                out["outlet"] = name
                break
        return out

    def apply(self, article: Article, given: str) -> Article:
        """The article with the user's metadata for it, and its outlet named as the outlets file names it."""
        values = self.values_for(article.source, given)
        if values.get("outlet"):
            article.outlet = values["outlet"]
        if values.get("published") and (day := iso_date(values["published"])):
            article.published = day
        for key in ("title", "url", "author"):
            if values.get(key):
                setattr(article, key, values[key])
        if self.registry is not None:
            hit = self.registry.find(article.outlet) or self.registry.find(article.url)
            if hit is not None:
                article.outlet = hit.name
        return article


def _matches(source: str, pattern: str) -> bool:
    """Whether a metadata row's path or glob names a source (as given, normalised, or by its base name)."""
    base = source.partition("#")[0]
    if "/" not in pattern and os.sep not in pattern:
        return fnmatch.fnmatchcase(os.path.basename(base), pattern) or source == pattern
    return any(fnmatch.fnmatchcase(c, pattern) or fnmatch.fnmatchcase(c, os.path.normpath(pattern))
               for c in (source, base, os.path.normpath(base)))
