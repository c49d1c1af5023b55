"""`newsprism batch`: the corpus pipeline as a Dask job, and the single-process reference it must agree with.

The job, in four waves of tasks (articles stay on the workers; the client holds only ids and keys):
1. read each partition with the ingest functions, and compute its blocking keys and term counts;
2. on the client, join articles sharing a key into components (see ``merge.py``) and pack them into groups;
3. per group, near-duplicates and story clustering per component; then the merge, per block of stories that
   share a strong name and time bucket (the client holds only story ids, positions and keys);
4. per final story, the story report; rows stream to Parquet in a temporary directory renamed into place.
"""

from __future__ import annotations

import importlib
import logging
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..config import Settings
from ..corpus.storystate import StoryState, fold
from ..corpus.vectors import DocFreq
from ..errors import InputError, NewsprismError
from ..model import Article
from . import merge, stages
from .output import AtomicOutput, article_rows, report_row, story_row
from .partition import Part, plan_partitions
from .stages import FinalStory, LocalStory, PartKeys, PartRead, Pipeline



@dataclass(slots=True)
class BatchSummary:
    """What a batch did, for the command's closing line and for benchmarks."""

    articles: int = 0
    duplicates: int = 0  # repeated article ids dropped
    copies: int = 0
    stories: int = 0
    reports: int = 0
    partitions: int = 0
    components: int = 0
    largest_component: int = 0
    groups: int = 0
    stop_keys: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.articles} articles ({self.copies} near-duplicate copies, {self.duplicates} repeated ids "
                f"dropped) in {self.stories} stories, {self.reports} reports; {self.partitions} partitions, "
                f"{self.components} components (largest {self.largest_component}), {self.groups} groups; "
                f"{self.seconds:.1f}s")


# -- shared by the job and the reference ---------------------------------------------------------------------


def emit_story(final: FinalStory, arts: dict[int, Article], states: dict[str, StoryState], pipeline: Pipeline,
               settings: Settings) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any] | None]:
    """The output rows of one final story: its articles, the story (with its clusterer state, so a store can take
    it in as it is), and its report when one is wanted."""
    story = stages.build_story([arts[p] for p in final.positions], final.copies)
    rows = article_rows(story)
    for row, p in zip(rows, final.positions):
        row["seq"] = p
    state = fold([states[i] for i in final.parts], settings.cluster)
    state.id = story.id
    report = report_row(story.id, pipeline.report(story, settings)) if pipeline.wants_report(story) else None
    return rows, story_row(story, state), report


def run_local(inputs: Sequence[str], output: str, settings: Settings | None = None,
              pipeline: Pipeline | None = None) -> BatchSummary:
    """The batch computed in this process, without Dask: the reference the Dask job must equal."""
    from ..ingest import iter_articles

    settings = settings or Settings()
    pipeline = pipeline or Pipeline()
    started = time.monotonic()
    summary = BatchSummary(partitions=1, groups=1)
    read: list[Article] = []
    for item in iter_articles(list(inputs), settings):
        if isinstance(item, InputError):
            summary.errors.append(str(item))
        else:
            read.append(item)
    keep = stages.unique_in_order(a.id for a in read)
    summary.duplicates = len(read) - len(keep)
    arts = {p: read[i] for p, i in enumerate(keep)}
    df = stages.doc_freq(read, settings)  # every article read counts, as it does per partition
    keys = [stages.blocking_keys(arts[p], df, settings) for p in range(len(arts))]
    comps, summary.stop_keys = stages.components_of([k[0] for k in keys], [k[1] for k in keys],
                                                    settings.cluster.stop_key_articles)
    summary.components, summary.largest_component = len(comps), max((len(c) for c in comps), default=0)
    local = [s for comp in comps for s in stages.cluster_component([(p, arts[p]) for p in comp], settings)]
    mapping: dict[str, str] = {}
    for block in stages.merge_blocks([stages.merge_keys(s.state, settings) for s in local]):
        mapping.update(stages.merge_stories([local[i].state for i in block], settings))
    states = {s.state.id: s.state for s in local}
    with AtomicOutput(output) as out:
        for final in stages.final_stories(local, mapping):
            rows, srow, rrow = emit_story(final, arts, states, pipeline, settings)
            _write(out, summary, rows, srow, rrow)
    summary.seconds = time.monotonic() - started
    return summary


def _write(out: AtomicOutput, summary: BatchSummary, rows: list[dict[str, Any]], srow: dict[str, Any],
           rrow: dict[str, Any] | None) -> None:
    out.write("articles.parquet", rows)
    out.write("stories.parquet", [srow])
    if rrow is not None:
        out.write("reports.parquet", [rrow])
        summary.reports += 1
    summary.articles += len(rows)
    summary.copies += sum(1 for r in rows if r["copy_of"])
    summary.stories += 1


# -- tasks (run on the workers) ------------------------------------------------------------------------------


@dataclass(slots=True)
class GroupOut:
    """A group's articles by global position, and the stories its components opened."""

    articles: dict[int, Article]
    stories: list[LocalStory]


def group_task(components: list[list[int]], where: dict[int, tuple[int, int]], settings: Settings,
               *reads: PartRead) -> GroupOut:
    """Near-duplicates and clustering of each component of one group, in global reading order."""
    by_part = {r.index: r for r in reads}
    arts: dict[int, Article] = {}
    for pos, (part, local) in where.items():
        arts[pos] = by_part[part].articles[local]
    stories: list[LocalStory] = []
    for comp in components:
        stories.extend(stages.cluster_component([(p, arts[p]) for p in comp], settings))
    return GroupOut(arts, stories)


def group_summary(out: GroupOut, settings: Settings) -> list[tuple[str, list[int], dict[str, str], list[int]]]:
    """What the client needs of a group's stories to plan the merge: ids, positions, copies and merge keys."""
    return [(s.state.id, s.positions, s.copies, stages.merge_keys(s.state, settings)) for s in out.stories]


def group_states(out: GroupOut) -> dict[str, StoryState]:
    """A group's story states alone, so merge tasks do not pull the article text."""
    return {s.state.id: s.state for s in out.stories}


def merge_task(blocks: list[list[str]], settings: Settings, *states: dict[str, StoryState]) -> dict[str, str]:
    """The corpus merge, run separately on each block of stories: story id -> final story id."""
    pool: dict[str, StoryState] = {}
    for part in states:
        pool.update(part)
    mapping: dict[str, str] = {}
    for block in blocks:
        mapping.update(stages.merge_stories([pool[i] for i in block], settings))
    return mapping


def report_task(specs: list[FinalStory], pipeline: Pipeline, settings: Settings,
                *groups: GroupOut) -> list[tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any] | None]]:
    """Output rows of several final stories (reports are the costly part: spaCy and every analysis stage)."""
    arts: dict[int, Article] = {}
    states: dict[str, StoryState] = {}
    for g in groups:
        arts.update(g.articles)
        states.update(group_states(g))
    return [emit_story(final, arts, states, pipeline, settings) for final in specs]


def sum_task(*dfs: DocFreq) -> DocFreq:
    return stages.sum_doc_freq(dfs)


def df_task(read: PartRead, settings: Settings) -> DocFreq:
    return stages.doc_freq(read.articles, settings)


# -- the job -------------------------------------------------------------------------------------------------


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the given scheduler, or of a local cluster of ``workers`` processes bound to 127.0.0.1."""
    from ..errors import MissingDependency

    try:
        distributed: Any = importlib.import_module("dask.distributed")  # untyped: its calls are checked here
    except ImportError as exc:  # pragma: no cover - the scale extra brings it
        raise MissingDependency("dask[distributed]", "scale") from exc
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise NewsprismError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address "
                                 "(e.g. tcp://host:8786) or leave out --scheduler to run locally") from exc
        try:
            yield client
        finally:
            client.close()
        return
    if workers < 1:
        raise NewsprismError("--workers must be at least 1")
    # no dashboard; the scheduler's small HTTP endpoint (health checks) takes any free loopback port
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           host="127.0.0.1", silence_logs=logging.ERROR,
                           scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _tree_sum(client: Any, futs: list[Any], token: str, fan_in: int = 8) -> Any:
    """Sums document-frequency futures on the workers, ``fan_in`` at a time."""
    level = 0
    while len(futs) > 1:
        futs = [client.submit(sum_task, *futs[i:i + fan_in], key=f"np-df-{token}-{level}-{i}")
                for i in range(0, len(futs), fan_in)]
        level += 1
    return futs[0]


def article_components(keys: list[PartKeys], summary: BatchSummary, stop_key_articles: int
                       ) -> tuple[list[tuple[int, int]], list[list[int]]]:
    """Global positions (partition, index) of the unique articles, and their components (a story key shared by
    more than ``stop_key_articles`` articles links none of them)."""
    flat = [(k.index, i, aid) for k in keys for i, aid in enumerate(k.ids)]
    keep = stages.unique_in_order(aid for _, _, aid in flat)
    summary.duplicates = len(flat) - len(keep)
    where = [(flat[i][0], flat[i][1]) for i in keep]
    by_part = {k.index: k for k in keys}
    dup_rows = [by_part[p].dup_keys[i] for p, i in where]
    story_rows = [by_part[p].story_keys[i] for p, i in where]
    comps, summary.stop_keys = stages.components_of(dup_rows, story_rows, stop_key_articles)
    return where, comps


def run_batch(inputs: Sequence[str], output: str, *, scheduler: str | None = None, workers: int = 2,
              partition_size: int = 64, settings: Settings | None = None, pipeline: Pipeline | None = None,
              client: Any = None) -> BatchSummary:
    """Runs the batch on a Dask cluster (``client``, else ``scheduler``, else a local one) and writes ``output``."""
    settings = settings or Settings()
    pipeline = pipeline or Pipeline()
    started = time.monotonic()
    parts = plan_partitions(inputs, partition_size)
    if not parts:
        raise NewsprismError("the inputs hold no files; give files, directories, JSONL or WARC files")
    if client is not None:
        summary = _run(client, parts, output, partition_size, settings, pipeline)
    else:
        with connect(scheduler, workers) as cl:
            summary = _run(cl, parts, output, partition_size, settings, pipeline)
    summary.seconds = time.monotonic() - started
    return summary


def _run(client: Any, parts: list[Part], output: str, partition_size: int, settings: Settings,
         pipeline: Pipeline) -> BatchSummary:
    token = uuid.uuid4().hex[:10]
    summary = BatchSummary(partitions=len(parts))
    n = len(parts)
    retries = settings.cluster.batch_retries
    # 1. read and scan every partition
    reads = client.map(pipeline.read, parts, settings=settings, retries=retries,
                       key=[f"np-read-{token}-{i}" for i in range(n)])
    dfs = client.map(df_task, reads, settings=settings, retries=retries, key=[f"np-dfp-{token}-{i}" for i in range(n)])
    df = _tree_sum(client, dfs, token)
    scans = client.map(stages.scan_part, reads, df=df, settings=settings, retries=retries,
                       key=[f"np-scan-{token}-{i}" for i in range(n)])
    keys: list[PartKeys] = client.gather(scans)
    del scans
    for k in keys:
        summary.errors.extend(k.errors)
    # 2. components of articles sharing a key, packed into groups
    where, comps = article_components(keys, summary, settings.cluster.stop_key_articles)
    del keys
    summary.components = len(comps)
    summary.largest_component = max((len(c) for c in comps), default=0)
    groups = merge.pack(comps, partition_size)
    summary.groups = len(groups)
    # 3. dedup and clustering per group, then the merge per block of stories
    group_futs = []
    group_of = np.zeros(len(where), dtype=np.int64)
    for g in groups:
        spec = {p: where[p] for p in g.positions}
        group_of[g.positions] = g.index
        needed = sorted({where[p][0] for p in g.positions})
        group_futs.append(client.submit(group_task, g.components, spec, settings, *[reads[i] for i in needed],
                                        retries=retries, key=f"np-group-{token}-{g.index}"))
    del reads, dfs, df
    summaries = client.map(group_summary, group_futs, settings=settings, retries=retries,
                           key=[f"np-summary-{token}-{i}" for i in range(len(group_futs))])
    state_futs = client.map(group_states, group_futs, retries=retries,
                            key=[f"np-states-{token}-{i}" for i in range(len(group_futs))])
    local: list[LocalStory] = []
    owner: list[int] = []  # group of each story
    story_keys: list[list[int]] = []
    for gi, rows in enumerate(client.gather(summaries)):
        for sid, positions, copies, mkeys in rows:
            local.append(LocalStory(StoryState(id=sid), positions, copies))
            owner.append(gi)
            story_keys.append(mkeys)
    del summaries
    mapping = _merge(client, local, owner, story_keys, state_futs, partition_size, settings, token)
    del state_futs
    finals = stages.final_stories(local, mapping)
    # 4. reports, packed like the groups, written in final-story order
    report_futs = []
    for i, chunk in enumerate(merge.chunked(finals, lambda f: len(f.positions), partition_size)):
        needed = sorted({int(group_of[p]) for final in chunk for p in final.positions})
        report_futs.append(client.submit(report_task, chunk, pipeline, settings, *[group_futs[g] for g in needed],
                                         retries=retries, key=f"np-report-{token}-{i}"))
    del group_futs
    with AtomicOutput(output) as out:
        for fut in report_futs:
            for rows, srow, rrow in fut.result():
                _write(out, summary, rows, srow, rrow)
            fut.release()
    return summary


def _merge(client: Any, local: list[LocalStory], owner: list[int], story_keys: list[list[int]], state_futs: list[Any],
           target: int, settings: Settings, token: str) -> dict[str, str]:
    """The merge of all stories, run per block of stories that share a merge key (see ``stages.merge_keys``)."""
    blocks = merge.pack(stages.merge_blocks(story_keys), max(1, target))
    retries = settings.cluster.batch_retries
    futs = []
    for i, grp in enumerate(blocks):
        ids = [[local[j].state.id for j in comp] for comp in grp.components]
        needed = sorted({owner[j] for j in grp.positions})
        futs.append(client.submit(merge_task, ids, settings, *[state_futs[g] for g in needed], retries=retries,
                                  key=f"np-merge-{token}-{i}"))
    mapping: dict[str, str] = {}
    for part in client.gather(futs):
        mapping.update(part)
    return mapping
