"""The web app: the stories of an analysed corpus, as pages and as JSON, read-only.

Routes (each HTML page has a JSON twin in the shapes of the JSON contract):

- ``/``: the story index (search, filters and order in the page), each story linking to its page;
  ``/stories.json``: the stories' ids, titles, sizes and links;
- ``/stories/{id}``: one story, whole, with its articles; ``/stories/{id}.json``: a report holding that
  story and its articles;
- ``/articles/{id}.json``: one article as the report gives it.

The app only reads the store (:class:`~newsprism.store.SQLiteStore` opened ``readonly``) and renders the
model with the report's renderers: no handler analyses anything. A story's address uses the store's
stable story id, so it survives re-analysis of a growing corpus. Every page carries the report's
Content-Security-Policy as a header too. Pages are rendered once and kept
until the store changes (a later ``analyze --db`` commits to it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse, JSONResponse

from ..model import Report
from ..report.html import content_security_policy, render_html, render_index
from ..report.json import SCHEMA_ID, article_dict, report_to_dict
from ..store import SQLiteStore

__all__ = ["create_app"]

#: Headers of every response: no framing, no sniffing, no referrer, and the pages' own policy.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


#: FastAPI's own pages (the API docs), which load their own scripts: no page policy for them.
DOCS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})


def story_path(story_id: str) -> str:
    """The address of a story's page."""
    return f"/stories/{quote(story_id, safe='')}"


def create_app(db: str | Path) -> FastAPI:
    """The app over the store in ``db``, opened read-only.

    Raises:
        InputError: ``db`` is missing or is no newsprism store.
    """
    store = SQLiteStore(db, readonly=True)
    lock = threading.Lock()  # one SQLite connection, used by one request at a time
    pages: dict[str, str] = {}  # rendered pages, kept until the store changes
    seen = [store.data_version()]

    @contextmanager
    def reading() -> Iterator[SQLiteStore]:
        with lock:
            version = store.data_version()
            if version != seen[0]:
                pages.clear()
                seen[0] = version
            yield store

    def page(key: str, render: Callable[[SQLiteStore], str]) -> HTMLResponse:
        """The page ``key``, rendered once per state of the store."""
        with reading() as s:
            if key not in pages:
                pages[key] = render(s)
            return HTMLResponse(pages[key])

    app = FastAPI(
        title="newsprism",
        description="The stories of a newsprism corpus: how outlets report each one, with exact sources.",
        version=SCHEMA_ID,
    )

    @app.middleware("http")
    async def secure(request: Any, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if response.headers.get("content-type", "").startswith("text/html") and request.url.path not in DOCS:
            response.headers["Content-Security-Policy"] = content_security_policy()
        return response

    def story_report(s: SQLiteStore, story_id: str) -> Report:
        story = s.story(story_id)
        if story is None:
            raise HTTPException(status_code=404, detail=f"no story {story_id!r}")
        articles = tuple(a for aid in story.article_ids if (a := s.article(aid)) is not None)
        return Report(articles=articles, stories=(story,))

    @app.get("/", response_class=HTMLResponse, summary="The story index")
    def index() -> HTMLResponse:
        def render(s: SQLiteStore) -> str:
            report = Report(articles=tuple(s.articles()), stories=tuple(s.stories()))
            return render_index(report, lambda _, story: story_path(story.id))

        return page("/", render)

    @app.get("/stories.json", summary="Every story: id, title, number of articles, address")
    def stories() -> dict[str, Any]:
        with reading() as s:
            titles = s.story_titles()
        return {
            "schema": SCHEMA_ID,
            "stories": [
                {"id": i, "title": t, "articles": n, "url": story_path(i), "json": story_path(i) + ".json"}
                for i, t, n in titles
            ],
        }

    @app.get("/stories/{story_id}.json", summary="One story and its articles, as a report")
    def story_json(story_id: str) -> dict[str, Any]:
        with reading() as s:
            return report_to_dict(story_report(s, story_id))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, summary="One story's page")
    def story_page(story_id: str) -> HTMLResponse:
        return page(story_path(story_id), lambda s: render_html(story_report(s, story_id), back="/"))

    @app.get("/articles/{article_id}.json", summary="One article, as the report gives it")
    def article_json(article_id: str) -> JSONResponse:
        with reading() as s:
            article = s.article(article_id)
        if article is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
        return JSONResponse(article_dict(article))

    return app
