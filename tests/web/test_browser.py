"""Real-browser checks in headless Chromium: citations highlight their spans, hostile articles stay inert."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_support import A1, BRIDGE, BRIDGE_ID, HOSTILE_ID, TEXTS, LiveServer

import newsprism.api
from newsprism.model import Article, Report, Span, Story, SummarySentence

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
ARTIFACTS = Path(__file__).parents[1] / "artifacts"
SEEDS = Path(__file__).parents[3] / "shared" / "seeds"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}; install it with: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed; run: pip install 'newsprism[test]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.problems = []  # console errors, CSP violations, page errors and dialogs
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("dialog", lambda d: (pg.problems.append("dialog: " + d.message), d.dismiss()))
    yield pg
    ctx.close()


def _shot(page: Any, name: str, **kw: Any) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), **kw)
    assert path.stat().st_size > 1000
    return path


def test_citation_click_highlights_the_cited_span(live: LiveServer, page: Any) -> None:
    page.goto(f"{live.url}/stories/{BRIDGE_ID}")
    src = BRIDGE["summary"][1]["sources"][0]
    expected = TEXTS[src["article"]][src["start"]:src["end"]]
    assert page.locator("mark.hl").count() == 0
    page.click('a.cite[data-cite="3"]')
    mark = page.locator("mark.hl")
    mark.wait_for()
    assert mark.count() == 1 and mark.inner_text() == expected
    assert page.locator(f'[data-text-of="{src["article"]}"] mark.hl').count() == 1
    assert page.evaluate("(() => { const r = document.querySelector('mark.hl').getBoundingClientRect();"
                         " return r.top >= 0 && r.bottom <= window.innerHeight; })()")
    background = page.evaluate("getComputedStyle(document.querySelector('mark.hl')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(page, "story-citation-highlight.png")
    page.click("button.np-back")  # returns to the citation that was followed
    assert page.evaluate("(() => { const r = document.querySelector('a.cite[data-cite=\"3\"]')"
                         ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })()")
    # a second citation moves the highlight into the other article
    page.click('a.cite[data-cite="2"]')
    assert page.locator("mark.hl").count() == 1
    other = BRIDGE["summary"][0]["sources"][1]
    assert page.locator("mark.hl").inner_text() == TEXTS[other["article"]][other["start"]:other["end"]]
    assert page.problems == []


def test_article_page_shows_the_requested_span(live: LiveServer, page: Any) -> None:
    start = TEXTS[A1].index("Council member")
    page.goto(f"{live.url}/articles/{A1}?story={BRIDGE_ID}&start={start}&end={start + 24}#np-highlight")
    assert page.locator("#np-highlight").inner_text() == "Council member Raj Patel"
    assert page.problems == []


def test_hostile_article_runs_nothing(live: LiveServer, page: Any) -> None:
    for url in (f"/stories/{HOSTILE_ID}", f"/articles/a999999999999?story={HOSTILE_ID}", "/?q=officials"):
        page.goto(live.url + url)
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.locator("img").count() == 0, url
    page.goto(f"{live.url}/stories/{HOSTILE_ID}")
    page.click('a.cite[data-cite="1"]')
    assert page.locator("mark.hl").inner_text() == "<script>window.__pwned = 1; alert('x')</script>"
    assert "onerror=" in page.locator("[data-text-of]").inner_text()
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not [p for p in page.problems if p.startswith("dialog")]
    _shot(page, "hostile-article-inert.png")


def test_hostile_paste_runs_nothing(live: LiveServer, page: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_analyze(articles: list[Article], settings: Any = None) -> Report:
        a = articles[0]
        return Report(story=Story(id="s1", title=a.title, articles=list(articles)),
                      summary=[SummarySentence("Cited.", [Span(a.id, 0, min(len(a.text), 60))])])

    monkeypatch.setattr(newsprism.api, "analyze", fake_analyze)
    payload = ("Officials met on Monday to talk about the new budget and the schools. "
               "<img src=x onerror=\"window.__pwned=1;alert(1)\"> <script>window.__pwned=2</script> "
               "\"><svg onload=window.__pwned=3> and the meeting ended late in the evening after a long vote.")
    page.goto(f"{live.url}/analyze")
    page.fill("input[name=outlet1]", "<script>window.__pwned=4</script>")
    page.fill("textarea[name=text1]", payload)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#summary").count() == 1, page.content()[:3000]
    page.click('a.cite[data-cite="1"]')
    assert "onerror" in page.locator("[data-text-of]").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img, svg").count() == 0
    assert not [p for p in page.problems if p.startswith("dialog")]


def test_seed_report_shows_quote_difference_and_citations(page: Any, tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    from newsprism.config import Settings
    from newsprism.report import render

    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    settings = Settings(published={f: "2018-09-26" for f in files})
    report = newsprism.api.analyze(files, settings)
    html = render(report.to_dict(), "html", articles={a.id: a.text for a in report.story.articles})
    out = tmp_path / "seeds.html"
    out.write_text(html, encoding="utf-8")
    page.goto(out.as_uri())
    cites = page.locator("#summary a.cite")
    assert cites.count() >= 2
    _shot(page, "seeds-summary-citations.png", clip={"x": 0, "y": 0, "width": 1280, "height": 900})
    group = page.locator(".group", has_text="Wang Yi").filter(has=page.locator(".badge", has_text="reworded"))
    assert group.count() >= 1
    diff = group.first.locator(".diff")
    assert diff.locator("del", has_text="did").count() == 1 and diff.locator("ins", has_text="do").count() >= 1
    group.first.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    group.first.screenshot(path=str(ARTIFACTS / "seeds-wang-yi-quote-diff.png"))
    cites.first.click()
    assert page.locator("mark.hl").count() == 1 and page.locator("mark.hl").inner_text().strip()
    _shot(page, "seeds-citation-highlight.png")
    _shot(page, "seeds-report-full.png", full_page=True)
    assert page.problems == []
