"""Makes the generated-corpus helpers importable as ``scale_corpus`` (tests run in importlib mode)."""

from __future__ import annotations

import importlib.util
import os
import sys

_PATH = os.path.join(os.path.dirname(__file__), "scale_corpus.py")
if "scale_corpus" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("scale_corpus", _PATH)
    assert _spec is not None and _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["scale_corpus"] = _module
    _spec.loader.exec_module(_module)
