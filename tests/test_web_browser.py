"""The web app in headless Chromium, over loopback: search, filter, open a story, click a citation,
download the matrix, read an article's marked page; nothing asked of any other host, no policy errors."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.store import SQLiteStore
from newsprism.web import create_app

from .test_browser import CHROMIUM, browser, several_stories  # noqa: F401  (browser: the fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium (run `make browser`)"
    ),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a store of the three-story sample, served by uvicorn on 127.0.0.1 (a free port)."""
    import uvicorn

    report = several_stories()
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    with SQLiteStore(path) as store:
        store.add_articles(report.articles)
        store.save_stories(report.stories)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(".story-list h2 a").all_text_contents()]


def test_search_filter_open_a_story_cite_and_download(browser: Any, served: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    asked: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(served + "/")
    assert _titles(page) == ["Northline railway suspended after derailment", "The same story again, second copy"]
    # search the articles' words, single-article stories included (a filter behind the disclosure)
    page.fill("input[name=q]", "council")
    page.locator(".more-filters summary").click()
    page.check("input[name=singles]")
    page.click("button[type=submit]")
    assert _titles(page) == ["Paris council passes budget"] and "q=council" in page.url
    # a filter: blindspots for the right, the search cleared
    page.goto(served + "/")
    page.locator(".more-filters summary").click()
    page.select_option("select[name=blindspot]", "right")
    page.click("button[type=submit]")
    assert _titles(page) == ["Northline railway suspended after derailment"]
    assert page.locator(".more-filters").get_attribute("open") is not None, "an active filter keeps them open"
    # open the story, click a citation of its brief: the sentence is shown, marked
    page.click(".story-list h2 a")
    assert page.url.endswith("/stories/s1")
    page.locator("button.cite").first.click()
    mark = page.locator("#source #source-mark")
    assert mark.is_visible() and len(str(mark.text_content())) > 10
    # download the coverage matrix
    with page.expect_download() as download:
        page.click("a.csv")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert download.value.suggested_filename == "newsprism-s1-matrix.csv" and rows[0][:2] == ["claim id", "claim"]
    assert len(rows) == 1 + len(several_stories().stories[0].claims)
    # an article's own page, with its marks
    page.locator("a.article-page").first.click()
    assert page.locator(".article-text mark.hl").count() > 0 and page.locator("h1").is_visible()
    assert all(u.startswith(served) for u in asked), [u for u in asked if not u.startswith(served)]
    assert not problems, problems
    page.close()
