"""The work a batch does, as plain functions of plain data: the same corpus and analysis functions as the local path.

Both the Dask job (``batch.py``) and the single-process reference (``run_local``) are built from these, so the two
can only differ in how the work is split, never in what is computed.

Batch semantics (what "the single-process result" of a batch is):
1. articles are read in input order; a repeated article id keeps its first occurrence;
2. blocking: articles sharing a key (an LSH band key of the text, or one of their strongest entity names with
   a time bucket) form components; components are a function of the whole batch, not of how it is partitioned;
3. per component, in reading order: ``find_copies``, then ``cluster_articles`` over the articles that are not
   copies (the clusterer's one loop, settling every ``BATCH_ARTICLES`` articles as a store does, so stories
   retire as they would there); copies join the story of the article they copy;
4. the stories of all components are blocked again by their strongest entity names and days, and
   ``merge_clusters`` joins stories within each block; a final story lists its articles in reading order.
``run_local`` computes exactly this in one process, and the Dask job must give the same output.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..config import Settings
from ..corpus.cluster import cluster_articles, merge_clusters
from ..corpus.dedup import band_keys, find_copies, signature
from ..corpus.features import extract
from ..corpus.storystate import StoryState
from ..corpus.vectors import DocFreq
from ..errors import InputError
from ..model import Article, Story
from ..graph import linked
from .merge import components
from .partition import Part, RangeReader, jsonl_lines



def doc_freq(articles: Iterable[Article], settings: Settings) -> DocFreq:
    """Document frequencies of the articles' clustering features (additive across partitions), for blocking."""
    df = DocFreq()
    for a in articles:
        df.add(list(extract(a, settings.cluster).terms))
    return df


def sum_doc_freq(parts: Sequence[DocFreq]) -> DocFreq:
    """The sum of several partitions' document frequencies."""
    total = DocFreq()
    for p in parts:
        total.add_counts(p)
    return total


# -- reading -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class PartRead:
    """The articles of one partition in reading order, and one message per input that could not be read."""

    index: int
    articles: list[Article]
    errors: list[str] = field(default_factory=list)


def read_part(part: Part, settings: Settings) -> PartRead:
    """Reads one partition with the local path's own readers: the same articles, sources and errors."""
    from ..ingest.sources import with_date, iter_articles

    items: list[Article | InputError] = []
    if part.kind == "files":
        items.extend(iter_articles(list(part.paths), settings))
    elif part.kind == "jsonl":
        items.extend(_jsonl_range(part, settings))
    else:
        items.extend(_warc_range(part, settings))
    arts: list[Article] = []
    errors: list[str] = []
    for item in items:
        if part.kind != "files" and isinstance(item, Article):
            item = with_date(item, part.paths[0], settings.published)
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            arts.append(item)
    return PartRead(part.index, arts, errors)


def _jsonl_range(part: Part, settings: Settings) -> Iterator[Article | InputError]:
    """The records of a run of JSONL lines, named ``path#line`` as the local JSONL reader names them."""
    from ..ingest.decode import decode
    from ..ingest.jsonl import line_article

    path = part.paths[0]
    for n, raw in enumerate(jsonl_lines(path, part.start, part.end), start=part.first_line):
        where = f"{path}#{n}"
        try:
            line = decode(raw, where)
        except InputError as exc:
            yield exc
            continue
        if not line.strip():
            continue
        yield line_article(line, where, n, settings.ingest)


def _warc_range(part: Part, settings: Settings) -> Iterator[Article | InputError]:
    """The HTML responses of a byte range of a WARC file, through the local WARC reader."""
    from ..errors import NoArticle
    from ..ingest.base import Context
    from ..ingest.url import Fetcher
    from ..ingest.warc import read_warc_stream

    path = part.paths[0]
    fetcher = Fetcher(settings)
    ctx = Context(settings=settings, fetcher=fetcher, read_url=lambda u: iter(()))
    try:
        with open(path, "rb") as fh:
            stream = io.BufferedReader(RangeReader(fh, part.start, part.end))
            yield from read_warc_stream(stream, path, ctx)
    except NoArticle:
        return  # a range without HTML pages; the whole-file check belongs to the local path
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(path, f"cannot be read ({exc.strerror or exc}); check the path and its permissions")
    finally:
        fetcher.close()


# -- blocking keys -------------------------------------------------------------------------------------------


def _key(*fields: object) -> int:
    digest = hashlib.blake2b("\x1f".join(map(str, fields)).encode("utf-8"), digest_size=8).digest()
    return int(struct.unpack("<q", digest)[0])


def blocking_keys(article: Article, df: DocFreq, settings: Settings) -> tuple[list[int], list[int]]:
    """(near-duplicate keys, story keys) of an article.

    Near-duplicate keys are the LSH band keys ``find_copies`` itself looks up, so every pair it could compare
    shares one. Story keys pair each of the article's strongest entity terms (by tf-idf over the whole batch;
    terms as common as "Officials", and the outlet's own name, are left out) with its time bucket and the next one (buckets of
    ``story_window_days``): two articles within the window that name the same entity share a key. Undated
    articles pair them with a bucket of their own.
    """
    dup = band_keys(signature(article.text), settings.dedup_threshold)
    feats = extract(article, settings.cluster)
    common = max(settings.cluster.common_min, settings.cluster.common_share * df.n)
    own = set((article.outlet or "").lower().split())  # an outlet's name in its own titles says nothing
    names = [t for t in feats.terms if t.startswith("E:")]
    names = [t for t, c in zip(names, df.counts[[df.bucket(t) for t in names]].tolist())
             if c <= common and not set(t[2:].split()) <= own]
    weights = df.idf(names, p=settings.cluster) * np.fromiter((feats.terms[t] for t in names), dtype=np.float64, count=len(names))
    ents = sorted(zip(weights.tolist(), names), key=lambda x: (-x[0], x[1]))
    window = max(1, settings.story_window_days)
    story: list[int] = []
    for _, term in ents[:settings.cluster.entity_keys]:
        if feats.day is None:
            story.append(_key("story", term, "undated"))
        else:
            bucket = feats.day // window
            story.append(_key("story", term, bucket))
            story.append(_key("story", term, bucket + 1))
    return dup, story


@dataclass(slots=True)
class PartKeys:
    """What the client needs of a partition: article ids in order, their keys, and its read errors."""

    index: int
    ids: list[str]
    dup_keys: list[list[int]]
    story_keys: list[list[int]]
    errors: list[str]


def scan_part(read: PartRead, df: DocFreq, settings: Settings) -> PartKeys:
    """Blocking keys of one partition's articles (small: the text stays on the worker)."""
    dup, story = [], []
    for a in read.articles:
        d, s = blocking_keys(a, df, settings)
        dup.append(d)
        story.append(s)
    return PartKeys(read.index, [a.id for a in read.articles], dup, story, read.errors)


# -- near-duplicates and stories -----------------------------------------------------------------------------


@dataclass(slots=True)
class LocalStory:
    """A story opened by one clustering pass: the clusterer's state and its article positions (reading order)."""

    state: StoryState
    positions: list[int]
    copies: dict[str, str] = field(default_factory=dict)  # copy id -> kept id, both in this story


def cluster_component(articles: Sequence[tuple[int, Article]], settings: Settings) -> list[LocalStory]:
    """Near-duplicates, then the corpus clustering, over articles given as (global position, article) in order."""
    arts = [a for _, a in articles]
    copies = find_copies(arts, settings.dedup_threshold)
    story_of, states = cluster_articles([a for a in arts if a.id not in copies], settings.cluster)
    stories = {st.id: LocalStory(st, []) for st in states}
    for p, a in articles:
        sid = story_of[copies.get(a.id, a.id)]
        stories[sid].positions.append(p)
        if a.id in copies:
            stories[sid].copies[a.id] = copies[a.id]
    return sorted((s for s in stories.values() if s.positions), key=lambda s: s.positions[0])


def merge_keys(state: StoryState, settings: Settings) -> list[int]:
    """Blocking keys of a story for the merge: its strongest entity terms with every time bucket it spans.

    Each story keys every bucket of its day range widened by the window, so two stories whose days come within
    the window of each other and that share a strong name meet in one block.
    """
    ents = sorted(((w, t) for t, w in state.centroid.items() if t.startswith("E:")), key=lambda x: (-x[0], x[1]))
    window = max(1, settings.story_window_days)
    if state.first_day is None or state.last_day is None:
        buckets: list[object] = ["undated"]
    else:
        buckets = list(range((state.first_day - window) // window, (state.last_day + window) // window + 1))
    return [_key("merge", term, b) for _, term in ents[:settings.cluster.entity_keys] for b in buckets]


def merge_stories(states: Sequence[StoryState], settings: Settings) -> dict[str, str]:
    """Joins the stories of one merge block with the corpus merge: story id -> final story id."""
    mapping = merge_clusters(list(states), settings.cluster)
    return {st.id: mapping.get(st.id, st.id) for st in states}


@dataclass(slots=True)
class FinalStory:
    """A story of the batch's output: its articles' positions (sorted), copies, and the local stories it joins."""

    positions: list[int] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)  # ids of the local stories merged into it


def final_stories(stories: Sequence[LocalStory], mapping: dict[str, str]) -> list[FinalStory]:
    """The merged stories, ordered by their first article."""
    merged: dict[str, FinalStory] = {}
    for s in stories:
        final = merged.setdefault(mapping[s.state.id], FinalStory())
        final.positions.extend(s.positions)
        final.copies.update(s.copies)
        final.parts.append(s.state.id)
    for final in merged.values():
        final.positions.sort()
    return sorted(merged.values(), key=lambda f: f.positions[0])


def build_story(articles: Sequence[Article], copies: dict[str, str]) -> Story:
    """The Story of a final group of articles in reading order, with its near-duplicate copies."""
    from ..story.analyze import make_story

    return make_story(list(articles), copies=copies)


def story_report(story: Story, settings: Settings) -> dict[str, Any]:
    """The story's report dict, by the analysis of the local path."""
    from ..story.analyze import analyze_story

    return analyze_story(story, settings).to_dict()


Reporter = Callable[[Story, Settings], dict[str, Any]]
Reader = Callable[[Part, Settings], PartRead]


@dataclass(slots=True)
class Pipeline:
    """The stage functions a batch calls; the defaults are the local path's own. Tests may wrap them."""

    read: Reader = read_part
    report: Reporter = story_report
    min_report_articles: int = 1  # stories with fewer articles get no report

    def wants_report(self, story: Story) -> bool:
        return len(story.articles) >= self.min_report_articles


def unique_in_order(ids: Iterable[Hashable]) -> list[int]:
    """Positions of the first occurrence of each id."""
    seen: set[Hashable] = set()
    out = []
    for i, x in enumerate(ids):
        if x not in seen:
            seen.add(x)
            out.append(i)
    return out


def as_array(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Flattens per-article key lists into (positions, keys) arrays."""
    lens = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    pos = np.repeat(np.arange(len(rows), dtype=np.int64), lens)
    keys = np.fromiter((k for r in rows for k in r), dtype=np.int64, count=int(lens.sum()))
    return pos, keys


def components_of(dup_rows: Sequence[Sequence[int]], story_rows: Sequence[Sequence[int]],
                  max_key_articles: int) -> tuple[list[list[int]], int]:
    """Components of articles joined by shared keys (both kinds), each sorted, ordered by first article.

    A story key held by more than ``max_key_articles`` articles links nothing (a stop key); returns how many
    such keys were dropped. Runs on arrays, so ten million articles fit in a few GB of the client's memory.
    """
    n = len(dup_rows)
    dpos, dkeys = as_array(dup_rows)
    spos, skeys = as_array(story_rows)
    uniq, counts = np.unique(skeys, return_counts=True)
    stop = uniq[counts > max_key_articles]
    if stop.size:
        mask = ~np.isin(skeys, stop)
        spos, skeys = spos[mask], skeys[mask]
    # both key kinds in one space, tagged so a near-duplicate key never meets a story key
    pos = np.concatenate([dpos, spos])
    tagged = np.concatenate([dkeys.astype(np.uint64) << np.uint64(1),
                             (skeys.astype(np.uint64) << np.uint64(1)) | np.uint64(1)])
    order = np.argsort(tagged, kind="stable")
    k_sorted, p_sorted = tagged[order], pos[order]
    first = np.ones(len(k_sorted), dtype=bool)
    first[1:] = k_sorted[1:] != k_sorted[:-1]
    head = np.maximum.accumulate(np.where(first, np.arange(len(k_sorted)), 0))
    return linked(p_sorted[head], p_sorted, n), int(stop.size)


def merge_blocks(story_keys: Sequence[Sequence[int]]) -> list[list[int]]:
    """Blocks of stories for the merge: stories joined by shared merge keys (indexes into ``story_keys``)."""
    return components(story_keys)
