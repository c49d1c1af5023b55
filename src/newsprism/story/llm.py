"""Abstractive summary through an OpenAI-compatible chat endpoint, every sentence linked back to source spans."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config import LLMSettings, Settings
from ..errors import LLMError
from ..model import Article, Fact, Quote, Span, SummarySentence
from ..sentences import split_sentences
from .summarizers import Summarizer, register
from .summarizers.extractive import Scored, score_units
from .summarizers.units import STOP, build_units

if TYPE_CHECKING:
    import httpx
    from spacy.tokens import Doc

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_CITE = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")

DEFAULTS = LLMSettings()  # the prompt and linking knobs when no settings are given


class ChatClient:
    """A minimal client of ``POST {base}/chat/completions``; every failure becomes an LLMError that says what to fix."""

    def __init__(self, url: str | None, model: str = "local", api_key: str | None = None, timeout: float = 60.0,
                 transport: "httpx.BaseTransport | None" = None) -> None:
        if not url:
            raise LLMError("summary mode llm needs an endpoint: pass --llm-url, the base URL of an "
                           "OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1")
        if not re.match(r"^https?://[^/\s]+", url):
            raise LLMError(f"--llm-url {url!r} is not an http(s) URL; give e.g. http://127.0.0.1:8080/v1")
        self.url = url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.transport = transport

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The assistant's reply to ``messages`` (temperature 0, so runs repeat)."""
        import httpx

        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        body = {"model": self.model, "messages": messages, "temperature": 0}
        try:
            with httpx.Client(timeout=self.timeout, transport=self.transport) as client:
                resp = client.post(self.url, json=body, headers=headers)
        except httpx.TimeoutException:
            raise LLMError(f"the endpoint {self.url} did not answer within {self.timeout:g} s; "
                           "check the server or raise the timeout")
        except httpx.HTTPError as exc:
            raise LLMError(f"cannot reach the endpoint {self.url} ({type(exc).__name__}: {exc}); "
                           "check --llm-url and that the server is running")
        if resp.status_code != 200:
            raise LLMError(f"the endpoint {self.url} answered HTTP {resp.status_code}: {resp.text[:200]!r}; "
                           "check --llm-url, --llm-model and the API key")
        try:
            data: Any = resp.json()
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMError(f"the endpoint {self.url} did not answer like an OpenAI-compatible chat API "
                           f"(no choices[0].message.content in {resp.text[:200]!r})")
        if not isinstance(content, str) or not content.strip():
            raise LLMError(f"the endpoint {self.url} returned an empty summary")
        return content


@dataclass(slots=True)
class Linked:
    """A generated sentence and the source spans that support it (none when it could not be linked)."""

    text: str
    sources: list[Span]
    coverage: float


def _content(text: str) -> set[str]:
    """Content words, lower-cased, plural -s dropped: enough to match a paraphrase to its source."""
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in STOP or len(w) < 2:
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def split_generated(text: str) -> list[tuple[str, list[int]]]:
    """The reply's sentences, each with the source numbers it cites in [n] markers (markers removed)."""
    out: list[tuple[str, list[int]]] = []
    for para in re.split(r"\n+", text):
        para = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", para).strip()
        for piece in split_sentences(para):
            cites = [int(n) for m in _CITE.finditer(piece) for n in re.split(r"\s*[,;]\s*", m.group(1))]
            clean = _CITE.sub("", piece).strip()
            if _WORD.search(clean):
                out.append((clean, cites))
    return out


def link(sentence: str, cites: Sequence[int], sources: Sequence[Span], threshold: float = DEFAULTS.link_share,
         max_links: int = DEFAULTS.max_links) -> Linked:
    """Links a generated sentence to the fewest sources that hold most of its content words."""
    words = _content(sentence)
    if not words:
        return Linked(sentence, [], 0.0)
    bags = [_content(sp.text) for sp in sources]
    cited = {c - 1 for c in cites if 0 < c <= len(sources)}
    chosen: list[int] = []
    covered: set[str] = set()
    while len(chosen) < max_links:
        best, best_gain = -1, 0.0
        for i, bag in enumerate(bags):
            if i in chosen:
                continue
            gain = len((bag & words) - covered) + (0.5 if i in cited else 0.0)
            if gain > best_gain and (bag & words) - covered:
                best, best_gain = i, gain
        if best < 0:
            break
        new = (bags[best] & words) - covered
        if chosen and len(new) < 2:  # a further source must add real content, not a stray word
            break
        chosen.append(best)
        covered |= new
    coverage = len(covered) / len(words)
    if coverage < threshold:
        return Linked(sentence, [], coverage)
    return Linked(sentence, [sources[i] for i in chosen], coverage)


def _ranked_sources(articles: Sequence[Article], docs: Mapping[str, "Doc"], facts: Sequence[Fact],
                    quotes: Sequence[Quote], settings: Settings) -> list[Scored]:
    """The story's best candidate sentences for the prompt, in reading order."""
    params = settings.summary.weights
    scored = [s for s in score_units(build_units(articles, docs, quotes, params.max_joined), facts, params)
              if not s.unit.debris and s.unit.words >= 4]
    value = {id(s): sum(s.concepts.values()) * s.prior / max(s.unit.words, 1) ** params.length_power for s in scored}
    best = sorted(scored, key=lambda s: value[id(s)], reverse=True)[:settings.llm.max_sources]
    return sorted(best, key=lambda s: (s.unit.article_rank, s.unit.start))


def build_messages(numbered: Sequence[tuple[str, str]], words: int) -> list[dict[str, str]]:
    """The chat prompt: the numbered source sentences and the rules the summary must follow."""
    lines = "\n".join(f"[{i}] ({outlet}) {text}" for i, (outlet, text) in enumerate(numbered, 1))
    system = ("You summarise one news story from several outlets. Use only facts stated in the numbered "
              "sentences; add nothing else. Keep quotations word for word or leave them out. "
              "End every sentence with the numbers of the sentences it draws on, like [2][5].")
    user = f"Sentences:\n{lines}\n\nWrite a summary of at most {words} words in plain prose."
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def llm_summary(articles: Sequence[Article], docs: Mapping[str, "Doc"], facts: Sequence[Fact],
                quotes: Sequence[Quote], settings: Settings, client: ChatClient | None = None
                ) -> tuple[list[SummarySentence], list[str]]:
    """Generated summary sentences, each linked to its sources; unlinkable ones are dropped and noted."""
    client = client or ChatClient(settings.llm_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout)
    ranked = _ranked_sources(articles, docs, facts, quotes, settings)
    if not ranked:
        raise LLMError("the story has no sentences to give the endpoint")
    outlet = {a.id: a.outlet or a.title or a.id for a in articles}
    spans = [Span(s.unit.article, s.unit.start, s.unit.end, s.unit.text) for s in ranked]
    reply = client.complete(build_messages([(outlet[sp.article], sp.text) for sp in spans], settings.summary_words))
    out: list[SummarySentence] = []
    notes: list[str] = []
    used = 0
    for text, cites in split_generated(reply):
        n = len(text.split())
        if used + n > settings.summary_words:
            notes.append(f"summary: generated sentence over the {settings.summary_words}-word budget left out: "
                         f"{text!r}")
            continue
        linked = link(text, cites, spans, settings.llm.link_share, settings.llm.max_links)
        if not linked.sources:
            notes.append(f"summary: generated sentence dropped, not found in the articles "
                         f"({100 * linked.coverage:.0f}% of its words linked): {text!r}")
            continue
        out.append(SummarySentence(text=text, sources=linked.sources, generated=True))
        used += n
    if not out:
        raise LLMError("none of the generated sentences could be linked to the articles")
    return out, notes


@register("llm")
def _factory() -> Summarizer:
    return llm_summary
