"""The corpus pipeline on a Dask cluster: the same functions as the local path, run per partition."""

from __future__ import annotations

from .batch import BatchSummary, run_batch, run_local
from .output import read_output
from .partition import Part, plan_partitions
from .stages import Pipeline

__all__ = ["BatchSummary", "Part", "Pipeline", "plan_partitions", "read_output", "run_batch",
           "run_local"]
