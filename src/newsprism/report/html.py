"""The HTML report: one self-contained page that opens from disk.

Article text is hostile input, so the page is built to be safe by
construction rather than by filtering:

* every value goes through Jinja2 with autoescaping on (text and attributes);
* the data the script needs (article texts) travels as JSON in a
  ``<script type="application/json">`` block, with ``<``, ``>``, ``&`` and
  U+2028/U+2029 written as escapes so no text can close the block;
* the script only ever writes article text with ``textContent``;
* a Content-Security-Policy allows no network at all, inline styles, and only
  the one inline script whose SHA-256 hash it names, so even markup that
  slipped through could neither run nor load anything.

CSS and JavaScript are hand-written files in ``static/``, inlined at render
time; the timeline chart is inline SVG computed in :mod:`.view`.

A report of several stories stays light however large: each story's body
(brief, matrix, disputes, quotes, framing, timeline, entities, articles) is
an inert ``<template>`` that the script turns into page content when the
story is opened (its button, a link to it, or the address's ``#`` naming
it); only the headers, with their coverage by lean, are in the page at load.
Single-article stories are hidden until asked for. A one-story report is
rendered whole.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..listing import SORTS, StoryPage, StoryQuery, StorySummary, lean_bar
from ..model import COVERAGE_WORDS, LEANS, Article, Report, Story, outlet_key
from .article_view import HIGHLIGHT_KINDS, build_article_view
from .index import index_rows, outlet_choices
from .matrix_html import claim_row, numbers
from .view import BRIEF_SECTIONS, FRAMING_KINDS, build_view, lean_words

__all__ = ["content_security_policy", "load_templates", "render_article", "render_html", "render_index", "render_pages", "render_story_list", "script_json"]

SAFE_SCHEMES = ("http://", "https://")
# Rows shown before a "show more" button: the most-covered claims and entities come first.
MATRIX_ROWS = 40
#: The matrix filter's choices: (value the script reads, words shown).
MATRIX_FILTERS = (("", "All claims"), ("every", "Shared by every outlet"), ("single", "Single-source"), ("disputed", "Disputed"))
ENTITY_ROWS = 25
#: Outlets a story list's row names before 'and N more'.
OUTLETS_SHOWN = 6


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element of an HTML page."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def _safe_url(url: str | None) -> str | None:
    """Only plain web links become links; anything else (javascript:, data:) stays text."""
    if url and url.strip().lower().startswith(SAFE_SCHEMES) and not any(c.isspace() for c in url.strip()):
        return url.strip()
    return None


def _words(text: str) -> int:
    return len(text.split())


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsprism.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = _safe_url
    env.filters["words"] = _words
    return env


@cache
def _assets() -> tuple[Markup, Markup, str]:
    """The inlined CSS and script, and the CSP source that allows that script only."""
    css, js = _static("report.css"), _static("report.js")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return Markup(css), Markup(js), f"'sha256-{digest}'"


def _page_data(report: Report) -> dict[str, Any]:
    return {
        "articles": [
            {
                "id": a.id,
                "label": a.label,
                "title": a.title,
                "published": a.published,
                "text": a.text,
            }
            for a in report.articles
        ]
    }


def load_templates() -> None:
    """Compile the pages' templates now (a server does it before its first request, not during it)."""
    for name in ("report.html.j2", "macros.html.j2", "story_list.html.j2", "article.html.j2"):
        _environment().get_template(name)
    _assets()


def content_security_policy(*, forms: bool = False) -> str:
    """The pages' policy: no network at all, inline styles, and only the page's own script (by its hash);
    ``forms``: a page whose forms send themselves to its own site (a web app's story list)."""
    return (
        "default-src 'none'; "
        f"script-src {_assets()[2]}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "base-uri 'none'; form-action " + ("'self'" if forms else "'none'")
    )


def render_html(
    report: Report,
    *,
    back: str | None = None,
    csv_href: str | None = None,
    article_href: Callable[[Article], str] | None = None,
) -> str:
    """The report as one self-contained HTML page (no network requests); ``back``: a link to an index;
    ``csv_href``: where its (one) story's coverage matrix can be downloaded as CSV; ``article_href``: an
    article's own page (a web app's)."""
    return _render(report, back=back, csv_href=csv_href, article_href=article_href)


def render_index(report: Report, href: Callable[[int, Story], str]) -> str:
    """The story index with each story's header (no bodies, no article data), story ``n`` linking to
    ``href(n, story)``: the index of a folder of pages, or of a web app."""
    return _render(replace(report, annotations={}), pages=True, href=href)


def render_pages(report: Report) -> dict[str, str]:
    """The report as a folder of pages: ``index.html`` (the story index with each story's header, linking
    to its page) and ``st1.html``, ``st2.html``... (one self-contained page per story, holding only that
    story's articles). Every page makes no network requests; the story pages link back to the index."""
    pages = {"index.html": render_index(report, lambda n, _: f"st{n}.html")}
    by_id = {a.id: a for a in report.articles}
    for n, story in enumerate(report.stories, 1):
        articles = tuple(by_id[i] for i in story.article_ids if i in by_id)
        alone = replace(report, articles=articles, stories=(story,), errors=(), annotations={})
        pages[f"st{n}.html"] = _render(alone, back="index.html", first=n)
    return pages


def render_article(
    article: Article,
    story: Story | None,
    articles: Mapping[str, Article],
    *,
    back: str,
    story_href: str | None,
    json_href: str,
) -> str:
    """One article's page: its text with what its story's analysis found there marked (claims shared or
    not, disagreements, quotes), and what cleaning removed, by reason; ``articles``: the story's articles by
    id; ``back``, ``story_href``, ``json_href``: links to the story list, the story's page and the JSON twin.
    The page holds no script."""
    return (
        _environment()
        .get_template("article.html.j2")
        .render(
            a=article,
            view=build_article_view(article, story, articles),
            kinds=HIGHLIGHT_KINDS,
            css=_assets()[0],
            csp=content_security_policy(),
            back=back,
            story_href=story_href,
            json_href=json_href,
        )
    )


def _filters_on(q: StoryQuery) -> int:
    """How many of the list's filters (beyond words and order) the query sets."""
    default = StoryQuery()
    return sum(
        getattr(q, name) != getattr(default, name)
        for name in ("outlet", "lean", "blindspot", "min_outlets", "genre", "singles", "since", "until")
    )


def render_story_list(
    page: StoryPage,
    *,
    action: str,
    story_href: Callable[[StorySummary], str],
    page_href: Callable[[int], str],
    json_href: str,
) -> str:
    """A page of a corpus's story list: a form of filters that needs no script (it sends itself to
    ``action``, the list's own address), one row per story (title, counts, days, coverage by lean, outlets)
    linking to ``story_href(story)``, links to the other pages (``page_href(n)``) and to the page's JSON
    twin (``json_href``). The page holds no script; its policy lets the form send itself to its own site."""
    q = page.query
    return (
        _environment()
        .get_template("story_list.html.j2")
        .render(
            page=page,
            q=q,
            outlet=outlet_key(q.outlet) if q.outlet else "",
            outlets=page.outlets,
            leans=LEANS,
            sorts=SORTS,
            default_per_page=StoryQuery().per_page,
            outlets_shown=OUTLETS_SHOWN,
            filtered=_filters_on(q),
            lean_words=lean_words,
            lean_bar=lean_bar,
            css=_assets()[0],
            csp=content_security_policy(forms=True),
            action=action,
            story_href=story_href,
            page_href=page_href,
            json_href=json_href,
        )
    )


def _render(
    report: Report,
    *,
    pages: bool = False,
    back: str | None = None,
    first: int = 1,
    href: Callable[[int, Story], str] | None = None,
    csv_href: str | None = None,
    article_href: Callable[[Article], str] | None = None,
) -> str:
    """The page; ``pages``: the index of a folder of pages; ``back``: a link to it; ``first``: the first
    story's number (its anchors are ``st<first>-...``)."""
    css, js, _ = _assets()
    csp = content_security_policy()
    template = _environment().get_template("report.html.j2")
    view = build_view(report, headers=pages)
    return template.render(
        view=view,
        report=report,
        csp=csp,
        css=css,
        js=js,
        data=Markup(script_json(_page_data(report) if not pages else {"articles": []})),
        brief_sections=BRIEF_SECTIONS,
        framing_kinds=FRAMING_KINDS,
        matrix_rows=MATRIX_ROWS,
        coverage_legend=[(kind, mark, words) for kind, (mark, words) in COVERAGE_WORDS.items()],
        entity_rows=ENTITY_ROWS,
        matrix_filters=MATRIX_FILTERS,
        claim_row=claim_row,
        numbers=numbers,
        lazy=len(view.stories) > 1 and not pages,
        pages=pages,
        back=back,
        csv_href=csv_href,
        article_href=article_href,
        first=first,
        rows=index_rows(view.stories, href),
        outlets=outlet_choices(view.stories),
        any_opinion=any(ref.article.genre is not None and not ref.article.news for s in view.stories for ref in s.articles),
        singles=sum(len(s.articles) < 2 for s in view.stories) if len(view.stories) > 1 else 0,
    )
