"""The reader's view in headless Chromium at 1400 px: a 12-article story's digest and tables fit with no
horizontal scroll, and the PolNeAR folder, dated and named from its file names, lists as stories."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from big_story import big_story
from test_browser import ARTIFACTS, CHROMIUM, browser  # noqa: F401  (the module-scoped Chromium fixture)
from web_support import FakeStore, LiveServer

from newsprism.web.app import create_app

POLNEAR = Path(__file__).parents[3] / "shared" / "data" / "polnear" / "train" / "text"
WIDTH = 1400

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('table, .voices, .columns, pre')]
    .filter(el => el.getBoundingClientRect().right > width + 1 || el.scrollWidth > el.clientWidth + 1)
    .map(el => el.tagName + '.' + el.className);
  return {page: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.fixture()
def wide_page(browser: Any) -> Any:  # noqa: F811
    ctx = browser.new_context(viewport={"width": WIDTH, "height": 1000})
    pg = ctx.new_page()
    yield pg
    ctx.close()


def _fits(page: Any) -> None:
    got = page.evaluate(OVERFLOW)
    assert got["page"] <= got["width"] and not got["wide"], got


def test_twelve_article_story_fits_1400_px(wide_page: Any) -> None:
    report, texts = big_story(12)
    app = create_app("fake.db", store_factory=lambda path: FakeStore([(report, texts)]))
    with LiveServer(app) as live:
        wide_page.goto(f"{live.url}/stories/sbbbbbbbbbbbb")
        assert wide_page.locator("#digest h2").inner_text() == "What differs"
        assert wide_page.locator("#digest .conflict-what").first.is_visible()
        _fits(wide_page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        wide_page.screenshot(path=str(ARTIFACTS / "story_12_articles_digest_1400.png"))
        wide_page.locator("#facts").scroll_into_view_if_needed()
        wide_page.screenshot(path=str(ARTIFACTS / "story_12_articles_facts_1400.png"))
        assert (ARTIFACTS / "story_12_articles_facts_1400.png").stat().st_size > 1000


@pytest.mark.data
def test_polnear_folder_lists_with_outlets_and_dates(wide_page: Any, tmp_path: Path) -> None:
    if not POLNEAR.is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR}")
    db = tmp_path / "polnear.db"
    cmd = [sys.executable, "-m", "newsprism", "ingest", str(POLNEAR), "--name-pattern", "{outlet}_{date}_{slug}.txt",
           "--store", str(db), "--no-progress"]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    listing = subprocess.run([sys.executable, "-m", "newsprism", "stories", "--store", str(db), "--min-articles", "5",
                              "--sort", "articles"], check=True, capture_output=True, text=True).stdout
    lines = listing.splitlines()
    assert lines[0].split() == ["STORY", "DATES", "ARTS", "OUTLETS", "TITLE"]
    assert all("undated" not in line for line in lines[1:]) and "breitbart" in listing
    (ARTIFACTS / "polnear_stories.txt").write_text(listing, encoding="utf-8")
    with LiveServer(create_app(str(db))) as live:
        wide_page.goto(f"{live.url}/?min=5&sort=articles")
        text = wide_page.locator("table.stories").inner_text()
        assert "usa-today" in text and "2016-" in text
        _fits(wide_page)
        wide_page.screenshot(path=str(ARTIFACTS / "polnear_story_list_1400.png"), full_page=True)
