"""The HTML report in a real browser: headless Debian Chromium via Playwright.

One browser per module. Every page records its requests; the report must
make none beyond loading its own file. Skipped only when Chromium is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from newsprism.model import Report
from newsprism.report.html import render_html
from newsprism.report.view import build_view

from .conftest import ROOT
from .test_report_html import covered, sample_report

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "screenshots"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium (run `make browser`)"
    ),
]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Opened:
    """A report opened in a tab, with everything the tab asked the network for."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_offline(self) -> None:
        assert self.requests == [self.url], self.requests
        assert not self.errors, self.errors


def open_report(browser: Any, html: str, path: Path, *, width: int = 1366, height: int = 900) -> Opened:
    """Write ``html`` to ``path`` and open it from disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": height})
    opened = Opened(page, path.resolve().as_uri())
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.goto(opened.url)
    return opened


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def sample(browser: Any, tmp_path: Path) -> Iterator[tuple[Opened, Report]]:
    report = sample_report()
    opened = open_report(browser, render_html(report), tmp_path / "sample.html")
    yield opened, report
    opened.page.close()


def shown_mark(opened: Opened) -> str:
    mark = opened.page.locator("#source #source-mark")
    assert mark.is_visible()
    box = mark.bounding_box()
    panel = opened.page.locator("#source-text").bounding_box()
    # Scrolled into the panel's view, not just present somewhere in it.
    assert box is not None and panel is not None
    assert panel["y"] - 1 <= box["y"] and box["y"] + min(box["height"], 40) <= panel["y"] + panel["height"] + 1
    return str(mark.text_content())


def test_brief_citation_opens_the_highlighted_sentence(sample: tuple[Opened, Report]) -> None:
    opened, report = sample
    page = opened.page
    story = report.stories[0]
    assert page.locator("#source").is_hidden()
    first = story.brief[0]
    claim = next(c for c in story.claims if c.id == first.claims[0])
    for n, article_id in enumerate(first.articles, 1):
        page.locator("#st1-brief ol.brief > li").first.locator("button.cite", has_text=str(n)).click()
        expected = next(s.text for s in claim.support if s.article == article_id)
        assert shown_mark(opened) == expected
        assert page.locator("#source-title").text_content() == f"[{n}] {report.article(article_id).label}"
    # Past an emoji, JavaScript's UTF-16 offsets still land on the sentence.
    page.locator("#st1-brief ul.single_source button.cite").first.click()
    assert shown_mark(opened) == "Replacement buses will run from Wednesday."
    opened.assert_offline()


def test_matrix_cell_shows_its_span(sample: tuple[Opened, Report]) -> None:
    opened, report = sample
    page = opened.page
    denied = page.locator("table.matrix button.cell.denies")
    assert denied.count() == 1
    denied.click()
    claim = next(c for c in report.stories[0].claims if c.id == "c4")
    assert shown_mark(opened) == claim.support[0].text
    assert page.locator("#source-note").text_content() == "reports a denial by The authority"
    # Another cell replaces the highlight rather than adding one.
    page.locator("table.matrix tbody tr").first.locator("button.cell").nth(1).click()
    assert page.locator("#source mark").count() == 1
    assert shown_mark(opened) == report.stories[0].claims[0].support[1].text
    # Single-source and disputed rows stand out with a coloured edge.
    single = page.locator("table.matrix tr.single").first.locator("th")
    assert single.evaluate("e => getComputedStyle(e).borderLeftWidth") == "4px"
    opened.assert_offline()


def test_removed_pieces_toggle(sample: tuple[Opened, Report]) -> None:
    opened, report = sample
    page = opened.page
    toggle = page.locator("#st1-a1 button.toggle")
    pieces = page.locator("#st1-rm1")
    assert toggle.get_attribute("aria-expanded") == "false" and pieces.is_hidden()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and pieces.is_visible()
    assert toggle.text_content() == "Hide removed pieces"
    removed = report.articles[0].removed
    assert pieces.locator("li").count() == len(removed)
    assert pieces.locator(".removed-text").all_text_contents() == [r.text for r in removed]
    assert pieces.locator(".badge.reason").all_text_contents() == [r.reason for r in removed]
    toggle.click()
    assert pieces.is_hidden() and toggle.text_content() == "Show removed pieces (2)"
    opened.assert_offline()


def test_keyboard_opens_and_closes_the_source(sample: tuple[Opened, Report]) -> None:
    opened, report = sample
    page = opened.page
    chip = page.locator("#st1-dis button.cite").first
    chip.focus()
    page.keyboard.press("Enter")
    assert page.locator("#source").is_visible()
    assert page.evaluate("document.activeElement.id") == "source"
    assert shown_mark(opened) == report.stories[0].disagreements[0].spans[0].text
    page.keyboard.press("Escape")
    assert page.locator("#source").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Show in context"
    # The focused control is outlined (focus-visible after keyboard use).
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    opened.assert_offline()


def test_narrow_screen_keeps_the_source_reachable(browser: Any, tmp_path: Path) -> None:
    opened = open_report(browser, render_html(sample_report()), tmp_path / "narrow.html", width=800, height=700)
    opened.page.locator("#st1-brief button.cite").first.click()
    assert shown_mark(opened)
    assert opened.page.evaluate("getComputedStyle(document.getElementById('source')).position") == "fixed"
    opened.assert_offline()
    opened.page.close()


# --- the seeds, through the whole pipeline ----------------------------------


@pytest.fixture(scope="module")
def seeds(browser: Any, seed_report: Report) -> Iterator[tuple[Opened, Report]]:
    opened = open_report(browser, render_html(seed_report), ROOT / "build" / "seeds-report.html")
    yield opened, seed_report
    opened.page.close()


def test_seed_report_opens_offline_with_every_article(seeds: tuple[Opened, Report]) -> None:
    opened, report = seeds
    page = opened.page
    assert page.locator("section.story").count() == len(report.stories) >= 1
    assert page.locator("article.article").count() == len(report.articles) == 5
    texts = page.locator(".article-text").all_text_contents()
    assert texts == [report.article(aid).text for s in report.stories for aid in s.article_ids]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "seeds-report-full.png"), full_page=True)
    opened.assert_offline()


def test_seed_citations_and_matrix(seeds: tuple[Opened, Report]) -> None:
    """Whatever claims the pipeline found: each brief chip and matrix cell opens its exact span."""
    opened, report = seeds
    page = opened.page
    claimed = [s for s in report.stories if s.claims]
    views = {v.id: v for v in build_view(report).stories}
    for number, story in enumerate(report.stories, 1):
        view = views[story.id]
        if view.brief.get("brief"):
            row = view.brief["brief"][0]
            assert row.cites, "a brief sentence without a citation"
            page.locator(f"#st{number}-brief ol.brief > li").first.locator("button.cite").first.click()
            assert shown_mark(opened) == row.cites[0].text
            supports = {s.text for c in story.claims if c.id in row.claims for s in c.support}
            assert row.cites[0].text in supports
        if view.matrix:
            cell = next(c.marks[0] for c in view.matrix[0].cells if c.marks)
            page.locator(f"#st{number}-matrix table.matrix tbody tr").first.locator("button.cell").first.click()
            assert cell.cite is not None and shown_mark(opened) == cell.cite.text
    if claimed:
        assert page.locator("ol.brief button.cite").count() >= 1
        assert page.locator("table.matrix button.cell").count() >= 1
    chips = page.locator("#st1-brief button.cite")
    if chips.count():
        chips.first.click()  # the screenshot shows a cited sentence highlighted in its article
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "seeds-report.png"))
    opened.assert_offline()


def test_seed_removed_pieces_toggle(seeds: tuple[Opened, Report]) -> None:
    opened, report = seeds
    page = opened.page
    with_removed = [a for a in report.articles if a.removed]
    assert with_removed, "the seeds are noisy: cleaning should remove something"
    toggles = page.locator("article.article button.toggle")
    assert toggles.count() == len(with_removed)
    toggle = toggles.first
    target = page.locator("#" + str(toggle.get_attribute("aria-controls")))
    assert target.is_hidden()
    toggle.click()
    assert target.is_visible()
    first = next(a for s in report.stories for aid in s.article_ids if (a := report.article(aid)).removed)
    assert target.locator(".removed-text").all_text_contents() == [r.text for r in first.removed]
    toggle.click()
    assert target.is_hidden()
    opened.assert_offline()


def test_long_matrix_shows_the_rest_on_demand(browser: Any, tmp_path: Path) -> None:
    from dataclasses import replace

    from newsprism.model import Span

    report = sample_report()
    article = report.articles[1]
    # Many single-source claims, one per word of an article: more than the matrix shows at first.
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", article.text)][:60]
    extra = tuple(covered(f"x{n}", article.text[s:e], (Span.of(article, s, e),)) for n, (s, e) in enumerate(words))
    story = replace(report.stories[0], claims=report.stories[0].claims + extra)
    report = replace(report, stories=(story,))
    opened = open_report(browser, render_html(report), tmp_path / "long.html")
    page = opened.page
    visible = [c for c in story.claims if not c.off_topic]
    rows = page.locator("#st1-matrix > .scroll > table.matrix tbody tr")
    assert page.locator("#st1-matrix > .scroll > table.matrix tbody tr:visible").count() == 40
    assert rows.count() == len(visible) > 40
    more = page.locator("#st1-matrix button.toggle")
    assert more.text_content() == f"Show {len(visible) - 40} more claims"
    more.click()
    assert page.locator("#st1-matrix > .scroll > table.matrix tbody tr:visible").count() == len(visible)
    page.locator("#st1-more-claims tr").last.locator("button.cell").click()
    assert shown_mark(opened) in {c.text for c in extra}
    opened.assert_offline()
    page.close()


# --- a report of several stories ----------------------------------------------


def several_stories() -> Report:
    """The sample story, plus a second two-article story and a single-article one, with outlet leans."""
    from dataclasses import replace

    from newsprism.model import Article, LeanCoverage, Story

    report = sample_report()
    lone = Article(
        "lone-9", "A council in Paris approved a budget on Monday, its clerk said.", outlet="Paris Post", published="2025-03-14"
    )
    story = replace(report.stories[0], lean=LeanCoverage(left=2, blindspot_for="right"))
    second = replace(report.stories[0], id="s2", title="The same story again, second copy")
    single = Story("s3", "Paris council passes budget", ("lone-9",), lean=LeanCoverage(right=1))
    return replace(report, articles=(*report.articles, lone), stories=(story, second, single))


def test_several_stories_open_on_demand_and_singles_on_request(browser: Any, tmp_path: Path) -> None:
    report = several_stories()
    opened = open_report(browser, render_html(report), tmp_path / "several.html")
    page = opened.page
    # at load only the headers are in the page: no matrix, no citation chips
    assert page.locator("table.matrix").count() == 0 and page.locator("button[data-a]").count() == 0
    assert page.locator("#st1 .leanbar").get_attribute("aria-label") == "Coverage by lean: 2 left · 0 center · 0 right · blindspot for the right"
    assert page.locator(".story-nav .badge.blindspot").count() == 1
    # the single-article story is hidden, in the index and in the page, until asked for
    assert not page.locator("#st3").is_visible() and not page.locator(".story-nav li.single").is_visible()
    page.locator("#show-single").check()
    assert page.locator("#st3").is_visible() and page.locator(".story-nav li.single").is_visible()
    # the story's button opens it, and a citation in it shows its sentence
    button = page.locator("#st1 > button.open-story")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and page.locator("#st1 table.matrix").first.is_visible()
    page.locator("#st1-brief button.cite").first.click()
    assert shown_mark(opened)
    button.click()  # and hides it again
    assert not page.locator("#st1-body").is_visible()
    # a link from the index opens the story it names
    page.locator(".story-nav a[href='#st2']").click()
    assert page.locator("#st2-body").is_visible() and page.locator("#st2 table.matrix").count() == 2
    opened.assert_offline()
    page.close()


def test_an_address_naming_a_story_opens_it(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "address.html"
    path.write_text(render_html(several_stories()), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(path.resolve().as_uri() + "#st2-matrix")
    assert page.locator("#st2-matrix").is_visible() and page.locator("#st1 table.matrix").count() == 0
    page.close()


def test_dark_theme_and_phone_layout(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "dark.html"
    path.write_text(render_html(several_stories()), encoding="utf-8")
    page = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page.goto(path.resolve().as_uri())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 22, 29)"  # the dark theme's, not white
    assert page.evaluate("getComputedStyle(document.querySelector('.story-nav')).columnCount") == "1"
    page.close()


def test_an_address_naming_a_single_article_story_shows_it(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "single.html"
    path.write_text(render_html(several_stories()), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri() + "#st3")
    assert page.locator("#st3-body").is_visible() and page.locator("#show-single").is_checked()
    assert page.evaluate("document.getElementById('st3').getBoundingClientRect().top") < 900  # scrolled to it
    page.goto(path.resolve().as_uri() + "#st1%")  # a malformed address opens nothing and breaks nothing
    assert errors == []
    page.close()


def test_the_index_searches_filters_and_sorts(browser: Any, tmp_path: Path) -> None:
    opened = open_report(browser, render_html(several_stories()), tmp_path / "index.html")
    page = opened.page

    def listed() -> list[str]:
        return [row.get_attribute("data-story") for row in page.locator(".story-nav li").all() if row.is_visible()]

    assert listed() == ["st1", "st2"] and page.locator("#found").text_content() == "2 of 3 stories shown"
    page.locator("#find").fill("second COPY")  # every word, any case
    assert listed() == ["st2"] and not page.locator("#st1").is_visible() and page.locator("#st2").is_visible()
    page.locator("#find").fill("paris")  # a single-article story: found once they are shown
    assert listed() == [] and page.locator("#found").text_content() == "0 of 3 stories shown"
    page.locator("#show-single").check()
    assert listed() == ["st3"]
    page.locator("#find").fill("")
    page.locator("#by-outlet").select_option("paris post")
    assert listed() == ["st3"]
    page.locator("#by-outlet").select_option("")
    page.locator("#by-lean").select_option("blindspot-right")
    assert listed() == ["st1"]
    page.locator("#by-lean").select_option("right")  # covered by right-leaning outlets
    assert listed() == ["st3"]
    page.locator("#by-lean").select_option("")
    page.locator("#sort").select_option("newest")
    assert listed() == ["st3", "st1", "st2"]
    # the stories themselves follow the index's order, and a filtered list still opens its stories
    assert page.evaluate("[...document.querySelectorAll('main > section.story')].map(s => s.id)") == ["st3", "st1", "st2"]
    page.locator(".story-nav a[href='#st1']").click()
    assert page.locator("#st1-body").is_visible()
    opened.assert_offline()
    page.close()


def test_matrix_arrow_keys_and_filter(sample: tuple[Opened, Report]) -> None:
    opened, report = sample
    page = opened.page
    marks = page.locator("#st1-claims button.cell")
    assert marks.count() > 3
    # one tab stop for the whole matrix
    assert page.locator("#st1-claims button.cell[tabindex='0']").count() == 1
    first = marks.first
    first.focus()

    def focused() -> tuple[int, int]:
        """(row, column) of the focused mark among the matrix rows and cells."""
        return tuple(  # type: ignore[return-value]
            page.evaluate(
                "() => { const b = document.activeElement, td = b.closest('td'), tr = td.parentElement;"
                " const rows = [...tr.closest('table').querySelectorAll('tbody > tr')];"
                " return [rows.indexOf(tr), [...tr.children].indexOf(td)]; }"
            )
        )

    start = focused()
    page.keyboard.press("ArrowDown")
    down = focused()
    assert down[1] == start[1] and down[0] > start[0]  # the same outlet's column, a later claim
    page.keyboard.press("ArrowUp")
    assert focused() == start
    page.keyboard.press("End")
    end = focused()
    assert end[0] == start[0] and end[1] >= start[1]
    page.keyboard.press("Home")
    assert focused() == start
    assert page.locator("#st1-claims button.cell[tabindex='0']").count() == 1  # the stop moved with the focus
    # the filter keeps the disputed claims only, then every claim again
    disputed = report.stories[0].disagreements
    page.locator("#st1-matrix .matrix-filter input[value='disputed']").check()
    shown = page.locator("#st1-claims tbody > tr:visible")
    assert shown.count() >= 1 and shown.count() == page.locator("#st1-claims tbody > tr.disputed:visible").count()
    assert disputed
    # the tab stop moved to a mark that can be seen, so Tab still reaches the matrix
    stop = page.locator("#st1-claims button.cell[tabindex='0']")
    assert stop.count() == 1 and stop.is_visible()
    page.locator("#st1-matrix .matrix-filter input[value='every']").check()
    every = page.locator("#st1-claims tbody > tr:visible")
    assert every.count() == page.locator("#st1-claims tbody > tr.every").count()
    for row in every.all():  # every outlet of the story states it: a mark in each column
        assert row.locator("td.c button.cell").count() >= len(report.stories[0].article_ids)
    page.locator("#st1-matrix .matrix-filter input[value='single']").check()
    assert page.locator("#st1-claims tbody > tr:visible").count() == page.locator("#st1-claims tbody > tr.single").count()
    page.locator("#st1-matrix .matrix-filter input[value='']").check()
    assert page.locator("#st1-claims tbody > tr:visible").count() == page.locator("#st1-claims tbody:not([hidden]) > tr").count()
    # the claim column stays in view when the matrix scrolls sideways
    assert page.evaluate("getComputedStyle(document.querySelector('#st1-claims tbody th')).position") == "sticky"


def test_a_folder_of_pages_links_its_index_and_stories(browser: Any, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsprism.cli import main
    from newsprism.report.json import dumps

    source = tmp_path / "report.json"
    source.write_text(dumps(several_stories()), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "--out", str(tmp_path / "site") + "/"])
    assert result.exit_code == 0, result.output
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((tmp_path / "site" / "index.html").resolve().as_uri())
    page.locator(".story-nav a").first.click()
    page.wait_for_url("**/st1.html")
    assert page.locator("#st1 table.matrix").first.is_visible()  # a story page shows its story whole
    page.locator("#st1-brief button.cite").first.click()
    assert page.locator("#source-mark").is_visible()
    page.locator("a.back").click()
    page.wait_for_url("**/index.html")
    assert all(url.startswith("file://") for url in requests)
    page.close()



def test_lean_bar_and_blindspot_from_records_with_bias_fields(browser: Any, tmp_path: Path) -> None:
    """Records carrying an AllSides-style ``bias`` field: read, counted per story, drawn, and filtered."""
    import json

    from newsprism.compare.lean import with_lean_coverage
    from newsprism.config import Settings
    from newsprism.ingest import read_inputs
    from newsprism.model import Article, Report, Story

    body = "The council in Paris approved the budget on Monday after a long debate, officials said."
    rows = [
        ("a", "Paris Post - News", "Left"),
        ("b", "Marsh Herald", "lean left"),
        ("c", "Paris Post - Opinion", "left"),  # the same outlet as a: one voice
        ("d", "Porter Times", "right"),
        ("e", "Centre Wire", "center"),
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": i, "outlet": o, "bias": b, "text": body}) + "\n" for i, o, b in rows),
        encoding="utf-8",
    )
    articles = [a for a in read_inputs([corpus], settings=Settings()) if isinstance(a, Article)]
    stories = [Story("s1", "Budget passes", ("a", "b", "c", "e")), Story("s2", "Budget row", ("d", "e"))]
    report = Report(articles=tuple(articles), stories=tuple(with_lean_coverage(stories, articles)))
    opened = open_report(browser, render_html(report), tmp_path / "bias.html")
    page = opened.page
    bar = page.locator("#st1 .leanbar")
    assert bar.get_attribute("aria-label") == "Coverage by lean: 2 left · 1 center · 0 right · blindspot for the right"
    widths = bar.locator("span").evaluate_all("spans => spans.map(s => [s.className, s.style.width])")
    assert widths == [["left", "66.7%"], ["center", "33.3%"]]
    assert page.locator("#st2 .badge.blindspot").count() == 0  # one right-leaning outlet is too few
    page.locator("#by-lean").select_option("blindspot")
    assert [r.get_attribute("data-story") for r in page.locator(".story-nav li").all() if r.is_visible()] == ["st1"]
    opened.assert_offline()
    page.close()
