"""HTML pages to articles with trafilatura: main text, title, author, date, site name and canonical URL."""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..config import IngestSettings
from ..errors import NoArticle
from ..model import Article, Removal
from .article import build_article
from .base import Context, Item
from .clean import clean
from .decode import check_text_bytes, decode, declared_charset
from .dates import declared_dates, reconcile, url_date, visible_date
from .layout import keep_article_lines, page_layout
from .meta import host_of, iso_date, outlet_name
from .titles import furniture_title

# trafilatura and htmldate log every page they discard; the caller reports failures itself
for _name in ("trafilatura", "htmldate", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
_TITLE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ")


@dataclass(slots=True)
class Page:
    """What an HTML page yields: its main text and the metadata it declares."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    date_note: str | None = None  # how the page's date, the URL's and a visible one disagreed, if they did


def _metadata(tree: Any, url: str | None) -> Page:
    """Title, author, date, site name and canonical URL from meta tags, JSON-LD, bylines and the URL.

    htmldate's extensive search is off: it guesses dates from any number on the page, and only a date the
    page declares is wanted. trafilatura's own metadata pass also collects categories, tags, licences and a registered-domain lookup that
    newsprism does not use; calling its parts directly skips that work.
    """
    from htmldate import find_date
    from trafilatura import metadata as tm

    md = tm.examine_meta(tree)
    if md.author and " " not in md.author:
        md.author = None  # a single word is usually a handle or a section, not a name
    try:
        md = tm.extract_meta_json(tree, md)
    except Exception:  # trafilatura guards this call the same way: broken JSON-LD must not stop extraction
        pass
    canonical = md.url or tm.extract_url(tree, url)
    date = find_date(tree, url=canonical, original_date=True, extensive_search=False)
    sitename = (md.sitename or tm.extract_sitename(tree) or "").lstrip("@") or None
    if sitename:
        # a known outlet by its own name ("latimes.com", "The Associated Press" -> "AP"); an unknown lower-case
        # handle is capitalised
        sitename = outlet_name(sitename) or sitename
        if "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    return Page(text="", title=md.title or tm.extract_title(tree), author=md.author or tm.extract_author(tree),
                date=date, sitename=sitename, url=canonical)


def _main_text(tree: Any, url: str | None, **focus: bool) -> str:
    """trafilatura's main text of a parsed page in one of its modes (precision, default, recall), or "".

    trafilatura works on copies, so one parsed tree serves every mode and the metadata.
    """
    import trafilatura

    doc: Any = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
                                           include_tables=True, favor_precision=focus.get("favor_precision", False),
                                           favor_recall=focus.get("favor_recall", False),
                                           fast=focus.get("fast", False))
    return str(doc.text) if doc is not None and doc.text else ""


def merge_extractions(precise: str, fuller: str, common_share: float = IngestSettings().merge_common) -> str:
    """The precise extraction, with the lines the fuller one adds before and inside it (leads, standfirsts,
    headings): its lines past the precise text's end (related links, plugs, comments) stay out.

    Precision mode finds where the article is but drops a lead or a standfirst set apart from the body, and the
    questions of an interview set as headings; the default mode keeps those, and more page furniture at the end.
    When the two did not find the same body (under ``common_share`` of the precise text in common), the precise
    one stands.
    """
    p_lines = [ln for ln in precise.split("\n") if ln.strip()]
    f_lines = [ln for ln in fuller.split("\n") if ln.strip()]
    ops = difflib.SequenceMatcher(None, p_lines, f_lines, autojunk=False).get_opcodes()
    equal = [n for n, op in enumerate(ops) if op[0] == "equal"]
    if not equal:
        return precise
    common = sum(len(ln) for n in equal for ln in p_lines[ops[n][1]:ops[n][2]])
    if common < common_share * sum(len(ln) for ln in p_lines):
        return precise
    last = equal[-1]
    out: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        out += p_lines[i1:i2] if tag != "insert" else []
        if tag in ("insert", "replace") and n < last:
            out += [ln for ln in f_lines[j1:j2] if not _BARE_URL.fullmatch(ln.strip())]
    return "\n".join(out)


def extract(html: str, url: str | None = None, *, layout: bool = True,
            bounds: IngestSettings | None = None) -> Page | None:
    """The page's main text and metadata, or None when it has no main text.

    The text is trafilatura's precision-mode extraction merged with its default mode's leads, standfirsts and
    headings (``merge_extractions``), without the lines of other article elements or links set alone as
    paragraphs (``keep_article_lines``; ``layout=False`` keeps them, to measure the difference). The README's
    extraction table holds the measurements behind these choices. ``bounds``: the merge's share, the words of a
    link alone, how the publication date is read.
    """
    from trafilatura.utils import load_html

    b = bounds or IngestSettings()
    tree = load_html(html)
    if tree is None:
        return None
    text = _main_text(tree, url, favor_precision=True)
    fuller = _main_text(tree, url, fast=True)  # its own extractor only: the fallbacks rarely add a lead
    text = merge_extractions(text, fuller, b.merge_common) if text.strip() else fuller  # precision found nothing: the default's
    if layout:
        text = keep_article_lines(text, fuller, page_layout(tree, b.link_only_words))
    if not text.strip():
        return None
    page = _metadata(tree, url)
    page.text = text
    found = page.date
    in_url = url_date(page.url or url)
    shown = visible_date(page.title, text, near=(iso_date(found), in_url), bounds=b)
    page.date, page.date_note = reconcile(found, in_url, shown,
                                          declared=found is None or iso_date(found) in declared_dates(tree, html),
                                          bounds=b)
    return page


def strip_site_from_title(title: str | None, site: str | None, host: str | None) -> str | None:
    """The title without a trailing or leading " | Site Name" that repeats the site's name."""
    if not title:
        return None
    names = {re.sub(r"\W+", "", n.casefold()) for n in (site, host, (host or "").split(".")[0]) if n}
    names.discard("")
    for sep in _TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, tail = title.rsplit(sep, 1)
        if re.sub(r"\W+", "", tail.casefold()) in names or _host_like(tail):
            return head.strip()
        first, rest = title.split(sep, 1)
        if re.sub(r"\W+", "", first.casefold()) in names:
            return rest.strip()
    return title.strip()


def _host_like(s: str) -> bool:
    return bool(re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", s.strip(), re.I))


def article_from_html(html: str | bytes, *, source: str, url: str | None = None,
                      published: str | None = None, limits: IngestSettings | None = None) -> Article:
    """An Article from an HTML page: trafilatura finds the text and metadata, then the text is cleaned."""
    if isinstance(html, bytes):
        html = decode(html, source, declared_charset(html))
    page = extract(html, url, bounds=limits)
    if page is None:
        raise NoArticle(source, "no article text found in the HTML (a front page, a video page or a paywall?); "
                                "give the article's own page, or its text as a .txt file")
    title = strip_site_from_title(page.title, page.sitename, host_of(page.url))
    article = build_article(
        page.text,
        source=source,
        title=None if title is None or furniture_title(title) else title,
        outlet=page.sitename,
        url=page.url or url,
        published=published or page.date,
        author=page.author,
        lines_are_paragraphs=True,
        limits=limits or IngestSettings(),
    )
    if page.date_note and not published:
        article.removed.append(Removal("date", page.date_note))  # listed with the cleaning, in the report
    return article


def html_to_clean_text(html: str, url: str | None = None, mode: dict[str, bool] | None = None, *,
                       layout: bool = True) -> str:
    """The cleaned main text of a page in any language (what the extraction evaluation scores).

    ``mode``: trafilatura options (``favor_precision``, ``favor_recall``, ``fast``) for one mode alone, to compare
    with newsprism's merged extraction (None); ``layout``: as in ``extract``, for either.
    """
    if mode is None:
        page = extract(html, url, layout=layout)
    else:
        from trafilatura.utils import load_html

        tree = load_html(html)
        text = _main_text(tree, url, **mode) if tree is not None else ""
        page = _metadata(tree, url) if text.strip() else None
        if page is not None:
            page.text = keep_article_lines(text, _main_text(tree, url, fast=True), page_layout(tree)) if layout \
                else text
    if page is None:
        return ""
    title = strip_site_from_title(page.title, page.sitename, host_of(page.url))
    return clean(page.text, title, lines_are_paragraphs=True).text


def read_html(data: bytes, source: str, ctx: Context, url: str | None = None) -> Iterator[Item]:
    """One article from an HTML page."""
    check_text_bytes(data, source)
    yield article_from_html(decode(data, source, declared_charset(data)), source=source, url=url,
                            limits=ctx.settings.ingest)


_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section",
               "article", "figcaption", "dd", "dt", "ul", "ol", "table", "header", "footer"}


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), one paragraph per block element."""
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on broken markup; fall back to tag stripping
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    return re.sub(r"\n{3,}", "\n\n", text).strip()
