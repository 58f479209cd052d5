"""The Markdown report: the same sections as the page, citations that resolve, literal text."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from newsprism.model import Article, Removal, Report, Story
from newsprism.report.markdown import md_escape, render_markdown

from .test_report_html import sample_report

SECTIONS = (
    "Sources",
    "Brief",
    "Coverage: claims × outlets",
    "Disagreements",
    "Quote variants",
    "Framing",
    "Timeline",
    "Entities",
    "Articles",
)
CITATION = re.compile(r"(?<!\\)\[(\d+)\]")


def stories(markdown: str) -> list[str]:
    """The text of each story: from its ``## `` heading to the next one."""
    parts = re.split(r"^## ", markdown, flags=re.M)[1:]
    return [p for p in parts if not p.startswith("Inputs that could not be read")]


def check_story(text: str, n_articles: int) -> dict[str, int]:
    """Sections in order, and every citation marker names a listed source. Returns marker counts."""
    headings = re.findall(r"^### (.+)$", text, flags=re.M)
    assert headings == list(SECTIONS), headings
    sources = re.findall(r"^- \[(\d+)\] \*\*", text, flags=re.M)
    assert sources == [str(n) for n in range(1, n_articles + 1)]
    body = text.split("### Brief", 1)[1]
    counts: dict[str, int] = {}
    for number in CITATION.findall(body):
        assert number in sources, f"citation [{number}] has no source"
        counts[number] = counts.get(number, 0) + 1
    return counts


def section(text: str, title: str) -> str:
    return text.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]


def test_sample_has_every_section_and_citations_resolve() -> None:
    report = sample_report()
    markdown = render_markdown(report)
    [story] = stories(markdown)
    counts = check_story(story, 3)
    assert set(counts) == {"1", "2", "3"}
    brief = section(story, "Brief")
    # Each brief sentence cites exactly the articles the brief lists for it.
    for b in report.stories[0].brief:
        line = next(li for li in brief.splitlines() if b.text in li)
        cited = [report.stories[0].article_ids[int(n) - 1] for n in CITATION.findall(line)]
        assert cited == list(b.articles)
    assert "#### Reported only by one outlet" in brief and "#### Disputed" in brief


def test_sample_matrix_disagreements_and_diff() -> None:
    story = stories(render_markdown(sample_report()))[0]
    matrix = section(story, "Coverage: claims × outlets")
    rows = [r for r in matrix.splitlines() if r.startswith("| ") and not r.startswith("| Claim")]
    assert [r.split()[1] for r in rows] == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert rows[0].startswith("| 1. A freight train derailed") and "c1" not in matrix
    assert rows[3].endswith("| ✗ The authority |   |   | 1 |") and "_(single source, disputed)_" in rows[3]
    assert rows[0].endswith("| ❝ The regional transport authority | ✓ | ✓ | 3 |")
    assert "✓ states it · ❝ reports that a source says it · ✗ reports a denial · ◐ mentions part of it" in matrix
    assert "Off-topic claims left out: 1." in matrix
    disagreements = section(story, "Disagreements")
    assert disagreements.count("- **") == 2 and "  - [2] “Officials estimated" in disagreements
    quotes = section(story, "Quote variants")
    assert "_altered_ [1] → [3]: until every kilometre of track ~~has been~~ **is** inspected." in quotes
    articles = section(story, "Articles")
    assert "- _caption_ (photo credit line): “Photo: A damaged wagon" in articles
    assert "Removed pieces (1: related\\_links 1):" in articles
    assert "## Inputs that could not be read\n\n- broken.html: no article text found" in render_markdown(
        sample_report()
    )


def test_article_text_is_literal_markdown() -> None:
    hostile = (
        "# Breaking\n- item\n1. first\n<script>alert(1)</script> <img src=x onerror=alert(1)> "
        "[click](javascript:alert(1)) ![x](http://tracker.example/p.gif) **bold** `code` | pipe &amp; ~~gone~~"
    )
    a = Article(
        "h1",
        hostile,
        title="# Title [1](javascript:x)",
        outlet="<b>Outlet</b>",
        url="javascript:alert(1)",
        removed=(Removal("<iframe src=//evil.example>", "markup", "<b>detail</b>"),),
    )
    report = Report(articles=(a,), stories=(Story("s1", "<h1>story</h1>", (a.id,)),))
    markdown = render_markdown(report, article_text=True)
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    for raw in ("<script", "<img", "<iframe", "<b>", "<h1>story", 'href="javascript', "<strong>bold", "<code>code"):
        assert raw not in html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in html
    assert "&amp;amp;" in html  # the entity is shown as typed, not decoded
    assert "<a " not in html
    # Only our own headings: the article's "# Breaking" stays text.
    headings = re.findall(r"<h(\d)>", html)
    assert headings.count("1") == 1 and "&lt;h1&gt;story&lt;/h1&gt;" in html
    # Each line of the article is quoted literally.
    assert "<blockquote>" in html and "# Breaking" in html and "1. first" in html


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("- a list?", "\\- a list?"),
        ("2024. A year", "2024\\. A year"),
        ("AT&T & co", "AT&T & co"),
        ("&amp;", "\\&amp;"),
        ("a | b", "a \\| b"),
        ("line\nbreak\t tab", "line break tab"),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_story_without_comparison() -> None:
    a = Article("only-1", "A lone report about a regional election.", outlet="Valley Gazette")
    markdown = render_markdown(Report(articles=(a,), stories=(Story("s1", "Regional election", (a.id,)),)))
    [story] = stories(markdown)
    check_story(story, 1)
    assert "_No claims were aligned for this story._" in story


@pytest.mark.slow
def test_seed_markdown(seed_report: Report) -> None:
    markdown = render_markdown(seed_report)
    texts = stories(markdown)
    assert len(texts) == len(seed_report.stories) >= 1
    for story, text in zip(seed_report.stories, texts, strict=True):
        counts = check_story(text, len(story.article_ids))
        brief = [b for b in story.brief if b.section == "brief"]
        claims = [c for c in story.claims if not c.off_topic]
        matrix = section(text, "Coverage: claims × outlets")
        assert len([r for r in matrix.splitlines() if re.match(r"\| \S+ ", r) and not r.startswith("| Claim")]) == len(
            claims
        )
        if story.claims:
            assert counts, "a story with claims but no citations"
            lines = [li for li in section(text, "Brief").splitlines() if re.match(r"\d+\. ", li)]
            assert len(lines) == len(brief) >= 1
            assert all(CITATION.search(li) for li in lines), "a brief sentence without a citation"
    # Every article appears under its story with its removed pieces.
    for article in seed_report.articles:
        assert f"id `{article.id}`" in markdown
        if article.removed:
            assert f"Removed pieces ({len(article.removed)}:" in markdown


def test_sources_say_news_or_opinion_and_why() -> None:
    from dataclasses import replace

    from newsprism.model import Genre

    report = sample_report()
    first = replace(report.articles[0], genre=Genre("opinion", "URL path /opinion/", 0.9))
    second = replace(report.articles[1], genre=Genre("news", "sentences reporting a source: 40%", 0.1))
    report = replace(report, articles=(first, second, *report.articles[2:]))
    sources = section(stories(render_markdown(report))[0], "Sources")
    assert "_opinion_ (URL path /opinion/)" in sources and "_news_ (sentences reporting a source: 40%)" in sources
    from newsprism.report.html import render_html

    page = render_html(report)
    assert '<span class="badge genre opinion" title="URL path /opinion/">opinion</span>' in page


def test_a_story_of_opinion_only_says_why_it_has_no_brief_in_every_format() -> None:
    from dataclasses import replace
    from io import StringIO

    from rich.console import Console

    from newsprism.model import Genre
    from newsprism.report.html import render_html
    from newsprism.report.terminal import render_terminal

    report = sample_report()
    column = Genre("opinion", "URL path /opinion/", 0.9)
    articles = tuple(replace(a, genre=column) for a in report.articles)
    story = replace(report.stories[0], brief=())
    report = replace(report, articles=articles, stories=(story,))
    md = render_markdown(report)
    assert "_No brief: every article of this story is opinion or analysis._" in md
    assert f"## {md_escape(story.title)} _(opinion)_" in md
    assert "No brief: every article of this story is opinion or analysis." in render_html(report)
    out = StringIO()
    render_terminal(report, Console(file=out, width=120, force_terminal=False, color_system=None))
    assert "No brief: every article of this story is opinion or analysis." in out.getvalue()
