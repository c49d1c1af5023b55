"""Puts this folder on ``sys.path``: the tests import ``scale_corpus``, and so must the Dask worker processes."""

from __future__ import annotations

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)  # spawned workers copy the parent's sys.path
