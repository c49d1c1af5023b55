"""HTML report: one self-contained file, every section, citations wired to spans, nothing from an article runs."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from typing import Any

from newsprism.report import render
from newsprism.report.html import json_for_script, safe_url


class Page(HTMLParser):
    """Collects elements, attributes and the text of script and style blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self._in: tuple[str, dict[str, str]] | None = None
        self._buf: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag in ("script", "style"):
            self._in, self._buf = (tag, a), []

    def handle_endtag(self, tag: str) -> None:
        if self._in and tag == self._in[0]:
            body = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._in[1], body))
            else:
                self.styles.append(body)
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)
        else:
            self.text.append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_self_contained_with_csp_matching_inline_blocks(report: dict[str, Any], texts: dict[str, str]) -> None:
    html = render(report, "html", articles=texts)
    page = parse(html)
    for tag, attrs in page.tags:
        assert not attrs.get("src"), f"external resource in <{tag}>"
        if tag == "link":
            assert attrs.get("href", "").startswith("data:"), "a <link> may only hold inline data"
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    code = [body for attrs, body in page.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 1 and sha(code[0]) in csp
    assert len(page.styles) == 1 and sha(page.styles[0]) in csp
    assert "@media print" in page.styles[0]


def test_every_section_is_present(report: dict[str, Any], texts: dict[str, str]) -> None:
    html = render(report, "html", articles=texts)
    page = parse(html)
    ids = {a.get("id") for _, a in page.tags}
    for section in ("summary", "facts", "quotes", "agreement", "claims", "entities", "timeline", "outlets",
                    "cleaning", "sources", "article-1", "article-2", "text-1", "text-2"):
        assert section in ids, section
    text = " ".join(" ".join(page.text).split())
    for phrase in ("says no evidence was offered", "says nothing about evidence", "Lena Ortiz", "denies", "© Getty Images", "3/4",
                   "values: Harbor Ledger: $12 million; Valley Post: $15 million", "1 summary sentence dropped"):
        assert phrase in text, phrase
    classes = [a.get("class", "") for _, a in page.tags]
    assert any("st-conflict" in c for c in classes) and any("st-unique" in c for c in classes)
    dels = [t for t, _ in page.tags if t == "del"]
    assert dels, "the reworded quote shows a <del> for 'on our watch'"
    assert "on our watch" in html.split("<del", 1)[1].split("</del>", 1)[0]


def test_citations_point_at_the_cited_spans(report: dict[str, Any], texts: dict[str, str]) -> None:
    page = parse(render(report, "html", articles=texts))
    cites = [a for t, a in page.tags if t == "a" and "cite" in a.get("class", "").split()]
    assert [c["data-cite"] for c in cites] == ["1", "2", "3"]
    for c in cites:
        span = texts[c["data-article"]][int(c["data-start"]):int(c["data-end"])]
        assert span.endswith(".")
    data = next(body for attrs, body in page.scripts if attrs.get("type") == "application/json")
    assert json.loads(data) == {"articles": texts}
    containers = {a["data-text-of"] for t, a in page.tags if "data-text-of" in a}
    assert containers == set(texts)


def test_without_texts_citations_link_to_the_article_list(report: dict[str, Any]) -> None:
    page = parse(render(report, "html"))
    cites = [a for t, a in page.tags if t == "a" and "cite" in a.get("class", "").split()]
    assert cites and all(c["href"].startswith("#article-") and "data-start" not in c for c in cites)
    assert "sources" not in {a.get("id") for _, a in page.tags}


def test_hostile_article_renders_as_text(hostile: tuple[dict[str, Any], dict[str, str]]) -> None:
    rep, texts = hostile
    html = render(rep, "html", articles=texts)
    page = parse(html)
    assert [t for t, _ in page.tags if t == "img"] == []
    assert len([t for t, _ in page.tags if t == "script"]) == 2  # the JSON data block and the report's own code
    for tag, attrs in page.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert not attrs.get("href", "").lower().startswith("javascript")
    data = next(body for attrs, body in page.scripts if attrs.get("type") == "application/json")
    assert "<" not in data and ">" not in data and "&" not in data.replace("\\u0026", "")
    assert json.loads(data)["articles"] == texts
    assert "&lt;script&gt;window.__pwned = 1" in html
    assert "javascript:window.__pwned=6" in " ".join(page.text)  # the URL is shown, not linked


def test_json_for_script_cannot_close_the_block() -> None:
    s = json_for_script({"t": "</script><!-- & \u2028"})
    assert "</" not in s and "<!--" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s) == {"t": "</script><!-- & \u2028"}


def test_only_plain_web_links_are_linked() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "https://x.org/\"onmouseover=1",
                "vbscript:x", None, ""):
        assert safe_url(bad) is None


def test_layout_ids_do_not_come_from_article_data(report: dict[str, Any], texts: dict[str, str]) -> None:
    report["story"]["articles"][0]["id"] = report["cleaning"][0]["article"] = 'a1" onclick="x'
    html = render(report, "html", articles=texts)
    assert re.search(r'id="text-1"|id="article-1"', html)
    assert 'onclick="x' not in html
