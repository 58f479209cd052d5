"""The web app: the stories of an analysed corpus, as pages and as JSON, read-only.

Routes (each HTML page has a JSON twin in the shapes of the JSON contract):

- ``/``: the story list: words searched in the articles (FTS5), filters (outlet, lean, blindspot, outlets at
  least, news or opinion, date range), single-article stories hidden unless asked, order and pages, all
  as query parameters (:class:`~.params.StoryListParams`; a bad one is a 422 naming it); each story links to
  its page. ``/stories.json`` takes the same parameters and gives the same page as JSON;
- ``/stories/{id}``: one story, whole, with its articles; ``/stories/{id}.json``: a report holding that
  story and its articles;
- ``/stories/{id}.csv``: the story's coverage matrix as CSV (each article's sentence in its cell);
- ``/articles/{id}``: one article's text with what its story's analysis found there marked, and what
  cleaning removed; ``/articles/{id}.json``: the article as the report gives it;
- ``/openapi.json``: the API's schema (no interactive docs: they load scripts from a CDN).

The app only reads the store (:class:`~newsprism.store.SQLiteStore` opened ``readonly``) and renders the
model with the report's renderers: no handler analyses anything. A story's address uses the store's
stable story id, so it survives re-analysis of a growing corpus. Every page carries the report's
Content-Security-Policy as a header too. Pages are rendered once and kept
until the store changes (a later ``analyze --db`` commits to it).
"""

from __future__ import annotations

import gc
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..model import Report
from ..report.html import content_security_policy, load_templates, render_article, render_html, render_story_list
from ..report.json import SCHEMA_ID, article_dict, report_to_dict, summary_dict
from ..report.matrix_csv import matrix_csv
from ..store import SQLiteStore
from .params import StoryListParams, problems

__all__ = ["create_app", "settle"]

#: Headers of every response: no framing, no sniffing, no referrer, and the pages' own policy.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


#: Rendered pages kept at most (the most recently used), and their characters at most in all.
KEPT_PAGES = 256
KEPT_CHARACTERS = 200_000_000


def story_path(story_id: str) -> str:
    """The address of a story's page."""
    return f"/stories/{quote(story_id, safe='')}"


def create_app(db: str | Path, *, hosts: Sequence[str] | None = None) -> FastAPI:
    """The app over the store in ``db``, opened read-only; ``hosts``: the only Host headers it answers
    (a server on loopback answers its own names only, so no other site can read it by DNS rebinding).

    Raises:
        InputError: ``db`` is missing or is no newsprism store.
    """
    store = SQLiteStore(db, readonly=True)
    load_templates()
    lock = threading.Lock()  # one SQLite connection, used by one request at a time
    pages: OrderedDict[str, str] = OrderedDict()  # rendered pages, kept until the store changes
    kept = [0]  # their characters in all, held under KEPT_CHARACTERS
    seen = [store.data_version()]

    @contextmanager
    def reading() -> Iterator[SQLiteStore]:
        """The store, to one reader at a time, in one read transaction (one state of the file, the one its
        pages are kept under)."""
        with lock, store.snapshot():
            version = store.data_version()
            if version != seen[0]:
                pages.clear()
                kept[0] = 0
                seen[0] = version
            yield store

    def page(
        key: str,
        load: Callable[[SQLiteStore], Any],
        render: Callable[[Any], str],
        media_type: str = "text/html; charset=utf-8",
    ) -> Response:
        """The page (or JSON, or CSV) ``key``: its model loaded under the lock, rendered outside it (other
        requests go on), and kept (the :data:`KEPT_PAGES` latest) until the store changes. Its
        ``Server-Timing`` header says how long loading and rendering took (wall, and the CPU time of both), or
        that it was kept."""
        started, cpu = time.perf_counter(), time.thread_time()
        with reading() as s:
            if key in pages:
                pages.move_to_end(key)
                return Response(pages[key], media_type=media_type, headers={"Server-Timing": 'kept;desc="rendered before"'})
            version, model = seen[0], load(s)
        loaded = time.perf_counter()
        text = render(model)
        rendered = time.perf_counter()
        with lock:
            if seen[0] == version and key not in pages:
                pages[key] = text
                kept[0] += len(text)
                while len(pages) > KEPT_PAGES or kept[0] > KEPT_CHARACTERS:
                    kept[0] -= len(pages.popitem(last=False)[1])
        timing = (
            f"load;dur={1000 * (loaded - started):.1f}, render;dur={1000 * (rendered - loaded):.1f}, "
            f'cpu;dur={1000 * (time.thread_time() - cpu):.1f};desc="CPU time of load and render"'
        )
        return Response(text, media_type=media_type, headers={"Server-Timing": timing})

    app = FastAPI(
        title="newsprism",
        description="The stories of a newsprism corpus: how outlets report each one, with exact sources.",
        version=SCHEMA_ID,
        docs_url=None,  # the interactive docs load their scripts from a CDN: the schema is at /openapi.json
        redoc_url=None,
    )
    get = partial(app.api_route, methods=["GET", "HEAD"])  # HEAD too: monitors and `curl -I` ask with it
    if hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))

    @app.middleware("http")
    async def secure(request: Any, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if response.headers.get("content-type", "").startswith("text/html"):
            forms = request.url.path == "/"  # the story list's form sends itself here
            response.headers["Content-Security-Policy"] = content_security_policy(forms=forms) + "; frame-ancestors 'none'"
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Any:
        """A bad query parameter: 422, saying which and why, as JSON for the JSON twins, else as a page."""
        message = problems(exc.errors())
        if request.url.path.endswith(".json"):
            return JSONResponse({"detail": message, "errors": jsonable_encoder(exc.errors())}, status_code=422)
        return HTMLResponse(_problem_page(message, 422), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def not_there(request: Request, exc: StarletteHTTPException) -> Any:
        """A missing story, article or page: JSON for the JSON twins and the CSVs, else a page saying so."""
        path = request.url.path
        if path.endswith((".json", ".csv")) or not 400 <= exc.status_code < 500:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return HTMLResponse(_problem_page(str(exc.detail), exc.status_code), status_code=exc.status_code)

    def story_report(s: SQLiteStore, story_id: str) -> Report:
        """The story and its articles, read in one transaction (one state of the store)."""
        story = s.story(story_id)
        if story is None:
            raise HTTPException(status_code=404, detail=f"no story {story_id!r}")
        articles = tuple(a for aid in story.article_ids if (a := s.article(aid)) is not None)
        return Report(articles=articles, stories=(story,))

    @get("/", response_class=HTMLResponse, summary="The story list: search, filters, order and pages")
    def index(params: Annotated[StoryListParams, Query()]) -> Response:
        query = params.query()
        return page(
            params.url("/"),
            lambda s: s.find_stories(query),
            lambda found: render_story_list(
                found,
                action="/",
                story_href=lambda story: story_path(story.id),
                page_href=lambda n: params.url("/", page=n),
                json_href=params.url("/stories.json"),
            ),
        )

    @get("/stories.json", summary="The story list as JSON: the same parameters and page as /")
    def stories(params: Annotated[StoryListParams, Query()]) -> dict[str, Any]:
        with reading() as s:
            found = s.find_stories(params.query())
        return {
            "schema": SCHEMA_ID,
            "query": params.given(),
            "total": found.total,
            "page": params.page,
            "pages": found.pages,
            "per_page": params.per_page,
            "next": params.url("/stories.json", page=params.page + 1) if params.page < found.pages else None,
            "prev": params.url("/stories.json", page=min(params.page - 1, found.pages)) if params.page > 1 else None,
            "stories": [
                summary_dict(story) | {"url": story_path(story.id), "json": story_path(story.id) + ".json"}
                for story in found.stories
            ],
        }

    @get("/stories/{story_id}.json", summary="One story and its articles, as a report")
    def story_json(story_id: str) -> Response:
        return page(
            story_path(story_id) + ".json",
            lambda s: story_report(s, story_id),
            lambda r: json.dumps(report_to_dict(r), ensure_ascii=False, separators=(",", ":")),
            "application/json",
        )

    @get("/stories/{story_id}.csv", summary="One story's coverage matrix as CSV", response_class=Response)
    def story_csv(story_id: str) -> Response:
        sheet = page(story_path(story_id) + ".csv", lambda s: story_report(s, story_id), matrix_csv, "text/csv; charset=utf-8")
        sheet.headers["Content-Disposition"] = f'attachment; filename="newsprism-{_file_part(story_id)}-matrix.csv"'
        return sheet

    @get("/stories/{story_id}", response_class=HTMLResponse, summary="One story's page")
    def story_page(story_id: str) -> Response:
        return page(
            story_path(story_id),
            lambda s: story_report(s, story_id),
            lambda r: render_html(
                r, back="/", csv_href=story_path(story_id) + ".csv", article_href=lambda a: article_path(a.id)
            ),
        )

    @get("/articles/{article_id:path}.json", summary="One article, as the report gives it (its id may hold '/')")
    def article_json(article_id: str, request: Request) -> Response:
        # the page of an article whose own id ends in '.json': its address writes that dot as %2E (or the
        # id without '.json' is no article)
        asked_page = request.scope.get("raw_path", b"").lower().endswith(b"%2ejson")
        with reading() as s:
            article = None if asked_page else s.article(article_id)
            page_of = article is None and s.article(article_id + ".json") is not None
        if page_of:
            return article_page(article_id + ".json")
        if article is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
        return JSONResponse(article_dict(article))

    @get("/articles/{article_id:path}", response_class=HTMLResponse, summary="One article, marked (its id may hold '/')")
    def article_page(article_id: str) -> Response:
        def load(s: SQLiteStore) -> tuple[Any, ...]:
            story_id = s.article_story(article_id)
            held = story_report(s, story_id) if story_id is not None else None
            members = {a.id: a for a in held.articles} if held else {}
            article = members.get(article_id) or s.article(article_id)
            if article is None:
                raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
            return article, held.stories[0] if held else None, members

        def render(found: tuple[Any, ...]) -> str:
            article, story, members = found
            return render_article(
                article,
                story,
                members,
                back="/",
                story_href=story_path(story.id) if story else None,
                json_href=article_path(article.id) + ".json",
            )

        return page(article_path(article_id), load, render)

    return app


def settle() -> None:
    """Before serving: collect garbage, then freeze what the process holds (modules, the app, its templates)
    out of the collector's reach. A large page makes hundreds of thousands of short-lived objects, which set
    off full collections; frozen, those no longer walk the web stack's objects each time."""
    gc.collect()
    gc.freeze()


def article_path(article_id: str) -> str:
    """The address of an article's page: the id percent-encoded whole, so that no '/' or '..' in it is taken
    for a step of the path, nor a final '.json' for the JSON twin of another article."""
    path = quote(article_id, safe="")
    if set(article_id) <= {"."}:
        path = path.replace(".", "%2E")
    elif path.endswith(".json"):  # not the JSON twin of the id without '.json'
        path = path[: -len(".json")] + "%2Ejson"
    return "/articles/" + path


def _file_part(text: str) -> str:
    """``text`` as a safe piece of a file name."""
    return "".join(c if (c.isascii() and c.isalnum()) or c in "-_" else "_" for c in text)[:80] or "story"


def _problem_page(message: str, status: int) -> str:
    """A plain page saying what was wrong with the request (no script, nothing from the store)."""
    what = "not found" if status == 404 else "the request cannot be answered"
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>newsprism: {what}</title></head>'
        f"<body><h1>{status}: {what}</h1>"
        f"<p>{escape(message)}</p>"
        '<p><a href="/">All stories</a></p></body></html>'
    )
