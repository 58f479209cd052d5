"""Article text is hostile: nothing in it may run script or load anything in the report.

The payloads go everywhere article text can reach the page (body, title,
outlet, URL, removed pieces, claims, quotes, speakers, entities, framing,
timeline, brief, disagreement explanations). The browser tests then show
that a ``window.__pwned`` flag stays undefined, the text is displayed
literally, and no request leaves the page, with and without the CSP (so the
escaping alone is enough).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.model import (
    Article,
    BriefSentence,
    Claim,
    Disagreement,
    Entity,
    FramingItem,
    Removal,
    Report,
    Span,
    Story,
    StoryQuote,
    TimelineEntry,
)
from newsprism.report.html import render_html

from .test_browser import CHROMIUM, chromium, open_report
from .test_report_html import parse

SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE = (
    "The city council approved the budget on Monday, officials said. " + SCRIPT + "\n\n"
    'A witness described the scene. <img src=x onerror="window.__pwned=1"> More details were expected on Tuesday.\n\n'
    '<a href="javascript:window.__pwned=1">Read more</a> about the council vote.\n\n'
    "</style><script>window.__pwned=1</script> and </script><script>window.__pwned=1</script> broke out.\n\n"
    '</textarea></title><svg onload="window.__pwned=1"></svg><iframe src="javascript:window.__pwned=1"></iframe>\n\n'
    "Templates {{ 7*7 }} {% if true %}x{% endif %} ${7*7} stay literal.\u2028A line separator\u2029and a paragraph one.\n\n"
    '<link rel="stylesheet" href="http://evil.example/x.css"><style>@import url(http://evil.example/y.css);</style>\n\n'
    '"We will not pay a cent more," the mayor said. <!-- comment --> ]]> \U0001f600 done.'
)
NORMAL = (
    "The city council approved a new budget on Monday after a long debate, officials said.\n\n"
    "The mayor said the city would not raise taxes this year.\n\n"
    '"We will not pay a cent more," the mayor told reporters on Tuesday.'
)


def _span(article: Article, text: str) -> Span:
    start = article.text.index(text)
    return Span.of(article, start, start + len(text))


def hostile_report() -> Report:
    """Every field a report shows from article text, carrying a payload."""
    bad = Article(
        "bad-1",
        HOSTILE,
        title="</title><script>window.__pwned=1</script>",
        outlet='<img src=x onerror="window.__pwned=1">',
        url="javascript:window.__pwned=1",
        published="2025-05-05",
        removed=(
            Removal('<img src=x onerror="window.__pwned=1">', "markup", "</script><script>window.__pwned=1</script>"),
            Removal("{{ config }} \u2028 </style>", "promo"),
        ),
    )
    good = Article("good-2", NORMAL, title="Council passes budget", outlet="Civic Post", published="2025-05-05")
    script = _span(bad, SCRIPT)
    img = _span(bad, '<img src=x onerror="window.__pwned=1">')
    template = _span(bad, "Templates {{ 7*7 }} {% if true %}x{% endif %} ${7*7} stay literal.\u2028A line separator")
    said = _span(good, "The city council approved a new budget on Monday after a long debate, officials said.")
    quote_bad = _span(bad, "We will not pay a cent more,")
    quote_good = _span(good, "We will not pay a cent more,")
    claims = (
        Claim("c1<script>", SCRIPT, (script, said), {"bad-1": "asserted", "good-2": "attributed"}),
        Claim("c2", '<img src=x onerror="window.__pwned=1">', (img,)),
        Claim("c3", template.text, (template,), {"bad-1": "denied"}),
    )
    story = Story(
        id="s1<script>",
        title="</title><script>window.__pwned=1</script>{{ 7*7 }}",
        article_ids=(bad.id, good.id),
        entities=(Entity("e1", SCRIPT, "ORG<b>", (SCRIPT, "</style>"), (script,)),),
        quotes=(
            StoryQuote("q1", quote_bad, SCRIPT, None, "said", "g<script>"),
            StoryQuote("q2", quote_good, SCRIPT, None, "told", "g<script>"),
        ),
        claims=claims,
        disagreements=(Disagreement("denial<script>", ("c1<script>", "c3"), SCRIPT, (script, template)),),
        framing=(
            FramingItem(SCRIPT, "naming", {SCRIPT: (bad.id,), "</style>": (good.id,)}, spans=(script,)),
            FramingItem(SCRIPT, "loaded_term", {SCRIPT: (bad.id,)}, note=SCRIPT + "; x", spans=(script,)),
            FramingItem("quoted voices", "voices", {SCRIPT: (bad.id, good.id)}, note=SCRIPT),
        ),
        timeline=(TimelineEntry("2025-05-05", SCRIPT, (script,)),),
        brief=(
            BriefSentence(SCRIPT, ("c1<script>",), (bad.id, good.id)),
            BriefSentence(template.text, ("c3",), (bad.id,), "disputed"),
        ),
    )
    return Report(articles=(bad, good), stories=(story,), generated_at="<script>window.__pwned=1</script>")


def test_no_markup_from_articles_survives_in_the_page() -> None:
    page = render_html(hostile_report())
    parsed = parse(page)
    assert [a for t, a in parsed.tags if t == "script"] == [{"type": "application/json", "id": "np-data"}, {}]
    assert [t for t, _ in parsed.tags if t in ("img", "iframe", "link", "object", "embed", "textarea")] == []
    for tag, attrs in parsed.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert "javascript:" not in (attrs.get("href") or "") and "src" not in attrs
    assert len([t for t, _ in parsed.tags if t == "style"]) == 1
    assert len([t for t, _ in parsed.tags if t == "svg"]) == 1  # our timeline chart only
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "{% if true %}x{% endif %}" in page
    data = parsed.scripts[0]
    assert "<" not in data and "\u2028" not in data and "\u2029" not in data
    assert re.search(r"<title>[^<]*</title>", page)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (run `make browser`)")
    with chromium() as b:
        yield b


def assert_inert(browser: Any, html: str, path: Path, report: Report) -> Any:
    """Open the page, use it, and check nothing ran, everything shows literally, nothing loaded."""
    opened = open_report(browser, html, path)
    page = opened.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # a report of several stories shows their bodies when opened: open them all
    if page.locator("#show-single").count():
        page.locator("#show-single").check()
    for story in page.locator("button.open-story").all():
        story.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.locator("details.text > summary").first.click()
    texts = page.locator(".article-text").all_text_contents()
    assert texts == [report.article(aid).text for s in report.stories for aid in s.article_ids]
    for toggle in page.locator("button.toggle").all():
        toggle.click()
    removed = [r.text for s in report.stories for aid in s.article_ids for r in report.article(aid).removed]
    assert page.locator(".removed-text").all_text_contents() == removed
    chips = page.locator("button[data-a]:visible")
    assert chips.count() >= 1
    for i in range(min(chips.count(), 40)):
        chips.nth(i).click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    assert page.evaluate("document.querySelectorAll('img, iframe, link, object, embed').length") == 0
    opened.assert_offline()
    return page


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_report_is_inert_in_the_browser(browser: Any, tmp_path: Path) -> None:
    report = hostile_report()
    page = assert_inert(browser, render_html(report), tmp_path / "hostile.html", report)
    # The brief's first chip opens the payload itself, shown as text and highlighted.
    page.locator("ol.brief button.cite").first.click()
    assert page.locator("#source-mark").text_content() == SCRIPT
    page.locator("ul.brief.disputed button.cite").first.click()
    mark = str(page.locator("#source-mark").text_content())
    assert mark.startswith("Templates {{ 7*7 }}") and "\u2028" in mark
    assert page.locator("ol.brief > li").first.inner_text().startswith(SCRIPT)
    assert page.title().startswith("newsprism report: </title><script>")
    page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_escaping_alone_is_enough_without_the_csp(browser: Any, tmp_path: Path) -> None:
    report = hostile_report()
    html, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", render_html(report))
    assert n == 1
    assert_inert(browser, html, tmp_path / "hostile-no-csp.html", report).close()


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_article_through_the_pipeline(browser: Any, tmp_path: Path, settings: Any, models: Any) -> None:
    from newsprism.pipeline import analyze_articles

    articles = [
        Article("bad-1", HOSTILE, title="</title><script>window.__pwned=1</script>", outlet="Evil <b>Times</b>"),
        Article("good-2", NORMAL, title="Council passes budget", outlet="Civic Post"),
    ]
    report = analyze_articles(articles, settings=settings, models=models)
    assert {a.id for a in report.articles} == {"bad-1", "good-2"}
    bad = report.article("bad-1")
    # Whatever cleaning kept or removed, the payload reaches the page somewhere as text.
    assert "window.__pwned=1" in bad.text + "".join(r.text for r in bad.removed)
    html = render_html(report)
    assert_inert(browser, html, tmp_path / "hostile-pipeline.html", report).close()


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_stories_built_from_their_templates_are_inert(browser: Any, tmp_path: Path) -> None:
    """With several stories, each body is an inert template until opened: opening them runs nothing."""
    from dataclasses import replace

    report = hostile_report()
    story = report.stories[0]
    payload = "</template><script>window.__pwned=1</script>"
    two = replace(report, stories=(story, replace(story, id=f"s2{payload}", title=payload)))
    html = render_html(two)
    assert html.count("<template>") == 2 and "</template><script>window" not in html
    assert_inert(browser, html, tmp_path / "hostile-two.html", two).close()


def test_control_characters_from_the_inputs_reach_the_terminal_escaped() -> None:
    import io

    from rich.console import Console

    from newsprism.model import Article, InputFailure, Report, Story
    from newsprism.report.terminal import render_terminal, visible

    assert visible("a\x1b[2Jb\x9bc\rd\te\nf") == "a\\x1b[2Jb\\x9bc\\rd\te\nf"
    article = Article(
        id="a1",
        text="Body\x1b]0;pwned\x07 text.",
        title="Title \x1b[2J",
        outlet="Outlet\x9b31m [bold red]not markup[/]",
    )
    story = Story(id="s1", title="Story \x1b[5m", article_ids=("a1",))
    report = Report(articles=(article,), stories=(story,), errors=(InputFailure("in\x1bput", "bad\x07"),))
    out = io.StringIO()
    render_terminal(report, Console(file=out, width=120, force_terminal=False, color_system=None))
    text = out.getvalue()
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "\\x1b" in text and "\\x9b31m [bold red]not markup[/]" in text
