"""What a page's markup says about its extracted lines: which article element holds each, which are links alone.

trafilatura's text keeps no markup, yet two mistakes of extraction show only in it: a fallback extractor that takes
the teasers of other ``<article>`` elements (related posts, the next story) for more of the article, and paragraphs
that are nothing but a link (a related headline, "GET THE APP BY CLICKING HERE") set inside the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..config import IngestSettings

_SPACE = re.compile(r"\s+")
_LIST_MARK = re.compile(r"^[-*•]\s+")  # trafilatura writes list items as "- item"


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _line_key(line: str) -> str:
    return _LIST_MARK.sub("", _norm(line))


@dataclass(slots=True)
class Layout:
    """The texts of a page's outermost ``<article>`` elements and of its paragraphs that are a link alone."""

    articles: list[str] = field(default_factory=list)
    link_only: set[str] = field(default_factory=set)

    def home(self, lines: list[str]) -> int | None:
        """The article element holding most of these lines' text, or None when the page has fewer than two."""
        if len(self.articles) < 2:
            return None
        weight = [0] * len(self.articles)
        for line in lines:
            key = _line_key(line)
            for i, text in enumerate(self.articles):
                if key and key in text:
                    weight[i] += len(key)
        best = max(range(len(weight)), key=weight.__getitem__)
        return best if weight[best] else None

    def in_other_article(self, line: str, home: int) -> bool:
        """Whether a line's text lies in another article element of the page and not in the home one."""
        key = _line_key(line)
        if not key or key in self.articles[home]:
            return False
        return any(key in text for i, text in enumerate(self.articles) if i != home)


def page_layout(tree: Any, link_words: int = IngestSettings().link_only_words) -> Layout:
    """The layout of a parsed page (lxml HTML tree); a shorter link alone than ``link_words`` ("Home", "Read
    more") is left to cleaning's debris rules."""
    layout = Layout()
    for el in tree.iter("article"):
        if not any(parent.tag == "article" for parent in el.iterancestors()):
            layout.articles.append(_norm(el.text_content()))
    for el in tree.iter("p", "li"):
        text = _norm(el.text_content())
        if len(text.split()) < link_words:
            continue
        linked = _norm(" ".join(a.text_content() for a in el.iter("a")))
        if linked and len(linked) >= len(text) - 2:
            layout.link_only.add(text)
    return layout


def keep_article_lines(text: str, own: str, layout: Layout) -> str:
    """The text without the lines that belong to another article element or are a link alone.

    ``own`` is trafilatura's own extractor's text (no fallback): its lines decide which article element is the
    page's article, and a line it found itself is never taken away as another article's. The first line stays,
    whatever it is: a headline set as a link is still the headline.
    """
    lines = text.split("\n")
    own_lines = [ln for ln in own.split("\n") if ln.strip()]
    home = layout.home(own_lines or lines)
    own_keys = {_line_key(ln) for ln in own_lines}
    kept = lines[:1]
    for line in lines[1:]:
        key = _line_key(line)
        if key and key in layout.link_only:
            continue
        if home is not None and key not in own_keys and layout.in_other_article(line, home):
            continue
        kept.append(line)
    return "\n".join(kept)
