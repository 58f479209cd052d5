"""The HTML report: structure, citations that resolve, escaping and no network.

Most tests use a hand-built report on a hand-written three-outlet story, so
every section is filled whatever the comparison stages currently produce.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from newsprism.model import (
    Article,
    BriefSentence,
    Disagreement,
    Entity,
    FramingItem,
    InputFailure,
    QuoteVariantPair,
    Removal,
    Report,
    Span,
    Story,
    StoryQuote,
    TimelineEntry,
)
from newsprism.report.html import render_html, script_json

from .conftest import covered

NORTHLINE = """The regional transport authority suspended all services on the Northline railway on Tuesday after a freight train derailed near Carrow Junction, officials said.

Nobody was injured in the derailment, which happened shortly after 4 a.m., according to the authority.

Transport minister Helen Okafor said the line would stay closed "until every kilometre of track has been inspected."

The rail workers' union claimed that maintenance crews had warned of worn sleepers on the stretch for months.

The authority denied that it had ignored any warnings about the track.

Engineers expect the inspection to take about ten days, the authority said. \U0001f686 Replacement buses will run from Wednesday."""

HARBOUR = """Northline trains halted after derailment

Commuters face disruption after a freight train came off the tracks near Carrow Junction early on Tuesday, forcing the closure of the Northline railway.

No one was hurt, the regional transport authority said.

"We will keep the line closed until every kilometre of track has been checked," Transport minister Helen Okafor told reporters.

Officials estimated that the inspection would take roughly two weeks.

The union said its members had raised concerns about the track in March."""

COURIER = """A freight train derailed near Carrow Junction on Tuesday morning, and the Northline railway has been shut.

The union insisted that warnings about worn sleepers had been ignored for months, a shocking failure of oversight.

Minister Okafor said the line would stay closed "until every kilometre of track is inspected."

The authority said nobody was injured."""


def _span(article: Article, text: str) -> Span:
    start = article.text.index(text)
    return Span.of(article, start, start + len(text))


def _sentence(article: Article, prefix: str) -> Span:
    """The whole paragraph-sentence of ``article`` that starts with ``prefix``."""
    start = article.text.index(prefix)
    end = article.text.find("\n", start)
    return Span.of(article, start, len(article.text) if end < 0 else end)


def sample_report(
    texts: tuple[str, str, str] = (NORTHLINE, HARBOUR, COURIER),
    *,
    removed: tuple[Removal, ...] | None = None,
) -> Report:
    """A realistic three-outlet report with every section of a story filled."""
    if removed is None:
        removed = (
            Removal("Photo: A damaged wagon near Carrow Junction (Reuters)", "caption", "photo credit line"),
            Removal("Sign up for our morning briefing", "promo"),
        )
    a = Article(
        "gazette-1",
        texts[0],
        title="Northline railway suspended after derailment",
        outlet="Valley Gazette",
        published="2025-03-11",
        url="https://gazette.example/northline",
        removed=removed,
        language="en",
    )
    b = Article(
        "harbour-2",
        texts[1],
        title="Northline trains halted after derailment",
        outlet="Harbour Times",
        published="2025-03-11",
        language="en",
    )
    c = Article(
        "courier-3",
        texts[2],
        title="Rail line shut after freight train derails",
        outlet="Evening Courier",
        published="2025-03-12",
        language="en",
        duplicate_of=None,
        removed=(Removal("READ MORE: Bus strike called off", "related_links"),),
    )
    derailed = covered(
        "c1",
        "A freight train derailed near Carrow Junction and the Northline railway was closed.",
        (_sentence(a, "The regional transport"), _sentence(b, "Commuters face"), _sentence(c, "A freight train")),
        {"gazette-1": ("reports", "The regional transport authority")},
    )
    injured = covered(
        "c2",
        "Nobody was injured.",
        (
            _sentence(a, "Nobody was injured"),
            _sentence(b, "No one was hurt"),
            _sentence(c, "The authority said nobody"),
        ),
        {a.id: ("reports", "the authority") for a in (a, b, c)},
    )
    warned = covered(
        "c3",
        "Maintenance crews had warned about worn sleepers for months.",
        (_sentence(a, "The rail workers"), _sentence(c, "The union insisted")),
        {"gazette-1": ("reports", "the rail workers' union"), "courier-3": ("reports", "The union")},
    )
    ignored = covered(
        "c4",
        "The authority denied ignoring warnings.",
        (_sentence(a, "The authority denied"),),
        {"gazette-1": ("denies", "The authority")},
    )
    buses = covered(
        "c5", "Replacement buses will run from Wednesday.", (_span(a, "Replacement buses will run from Wednesday."),)
    )
    duration_a = covered("c6", "The inspection will take about ten days.", (_sentence(a, "Engineers expect"),))
    duration_b = covered("c7", "The inspection will take about two weeks.", (_sentence(b, "Officials estimated"),))
    quotes = (
        StoryQuote(
            "q1", _span(a, "until every kilometre of track has been inspected."), "Helen Okafor", "e1", "said", "v1"
        ),
        StoryQuote(
            "q2",
            _span(b, "We will keep the line closed until every kilometre of track has been checked,"),
            "Helen Okafor",
            "e1",
            "told",
            "v1",
        ),
        StoryQuote("q3", _span(c, "until every kilometre of track is inspected."), "Okafor", "e1", "said", "v1"),
    )
    story = Story(
        id="s1",
        title="Northline railway suspended after derailment",
        article_ids=(a.id, b.id, c.id),
        entities=(
            Entity(
                "e1",
                "Helen Okafor",
                "PERSON",
                ("Helen Okafor", "Okafor"),
                (_span(a, "Helen Okafor"), _span(b, "Helen Okafor"), _span(c, "Okafor")),
            ),
            Entity(
                "e2",
                "Carrow Junction",
                "GPE",
                ("Carrow Junction",),
                (_span(a, "Carrow Junction"), _span(b, "Carrow Junction"), _span(c, "Carrow Junction")),
            ),
        ),
        quotes=quotes,
        quote_variants=(
            QuoteVariantPair(
                "v1",
                quotes[0].span.text,
                quotes[2].span.text,
                "altered",
                (("=", "until every kilometre of track"), ("-", "has been"), ("+", "is"), ("=", "inspected.")),
            ),
        ),
        claims=(
            derailed,
            injured,
            warned,
            ignored,
            buses,
            duration_a,
            duration_b,
            covered("c8", "Bus strike called off.", (_span(c, "the Northline railway has been shut."),), off_topic=True),
        ),
        disagreements=(
            Disagreement(
                "denial",
                ("c3", "c4"),
                "The authority denies ignoring the warnings the union says it gave.",
                (_sentence(a, "The authority denied"), _sentence(c, "The union insisted")),
            ),
            Disagreement(
                "numeric",
                ("c6", "c7"),
                "The outlets give different durations for the inspection: ten days against two weeks.",
                (_sentence(a, "Engineers expect"), _sentence(b, "Officials estimated")),
            ),
        ),
        framing=(
            FramingItem(
                "Helen Okafor",
                "naming",
                {"Helen Okafor": (a.id, b.id), "Okafor": (c.id,)},
                spans=(_span(a, "Helen Okafor"), _span(b, "Helen Okafor"), _span(c, "Okafor")),
            ),
            FramingItem(
                "reporting verbs",
                "attribution_verb",
                {"say": (a.id, b.id, c.id), "claim": (a.id,), "insist": (c.id,), "tell": (b.id,)},
                note="Evening Courier: 50% of attributions use non-neutral verbs, against 10% elsewhere",
                spans=(
                    _span(a, "said"),
                    _span(a, "claimed"),
                    _span(b, "said"),
                    _span(b, "told"),
                    _span(c, "insisted"),
                    _span(c, "said"),
                ),
                counts={
                    a.id: {"say": 1, "claim": 1},
                    b.id: {"say": 1, "tell": 1},
                    c.id: {"insist": 1, "say": 1},
                },
                loaded=frozenset({"claim", "insist"}),
            ),
            FramingItem(
                "shocking",
                "loaded_term",
                {"shocking": (c.id,)},
                note="emotive; used by 1 of 3 outlets (Evening Courier)",
                spans=(_span(c, "shocking"),),
            ),
            FramingItem(
                "quoted voices",
                "voices",
                {"Helen Okafor": (a.id, b.id), "Okafor": (c.id,)},
                spans=tuple(q.span for q in quotes),
            ),
        ),
        timeline=(
            TimelineEntry(
                "2025-03-11",
                "A freight train derailed near Carrow Junction.",
                (derailed.support[0], derailed.support[1]),
            ),
            TimelineEntry("2025-03-12", "Replacement buses start running.", (buses.support[0],)),
            TimelineEntry("2025-03", "The union raised concerns about the track.", (_sentence(b, "The union said"),)),
        ),
        brief=(
            BriefSentence(derailed.support[2].text, ("c1",), (a.id, b.id, c.id)),
            BriefSentence(injured.support[1].text, ("c2",), (a.id, b.id, c.id)),
            BriefSentence(warned.support[0].text, ("c3",), (a.id, c.id)),
            BriefSentence(buses.support[0].text, ("c5",), (a.id,), "single_source"),
            BriefSentence(ignored.support[0].text, ("c3", "c4"), (a.id, c.id), "disputed"),
        ),
    )
    return Report(
        articles=(a, b, c),
        stories=(story,),
        errors=(InputFailure("broken.html", "no article text found"),),
        generated_at="2025-03-12T09:00:00+00:00",
    )


class _Collector(HTMLParser):
    """Collects tags, attributes and the text outside scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report()


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return render_html(report)


def page_data(page: str) -> dict:
    scripts = [attrs for tag, attrs in parse(page).tags if tag == "script"]
    assert scripts[0] == {"type": "application/json", "id": "np-data"}
    return json.loads(parse(page).scripts[0])


def test_page_has_every_section(page: str) -> None:
    for heading in (
        "Brief",
        "Reported only by one outlet",
        "Disputed",
        "Coverage: claims × outlets",
        "Disagreements",
        "Quote variants",
        "Framing",
        "Naming",
        "Reporting verbs",
        "Loaded terms",
        "Voices quoted",
        "Timeline",
        "Entities",
        "Articles",
        "Inputs that could not be read",
    ):
        assert re.search(r"<h[2-4][^>]*>" + re.escape(heading) + "</h[2-4]>", page), heading


def test_page_loads_nothing(page: str) -> None:
    parsed = parse(page)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp or "")
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", csp or "")
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed")
        assert "src" not in attrs, (tag, attrs)
        href = attrs.get("href")
        # Only in-page anchors, plus the article's own http(s) link shown in its header.
        assert href is None or href.startswith("#") or href == "https://gazette.example/northline", href
    assert "@import" not in page and "url(" not in page


def test_script_hash_matches_the_inline_script(page: str) -> None:
    import base64
    import hashlib

    parsed = parse(page)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(parsed.scripts[1].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in (csp or "")
    assert len(parsed.scripts) == 2


def test_every_cite_resolves_to_its_span(report: Report, page: str) -> None:
    """Each citation button's offsets, applied to the page data, give text of a real span."""
    data = page_data(page)
    spans = {s.text for st in report.stories for c in st.claims for s in c.support}
    spans |= {s.text for st in report.stories for d in st.disagreements for s in d.spans}
    buttons = [a for t, a in parse(page).tags if t == "button" and "data-a" in a]
    assert len(buttons) > 20
    for attrs in buttons:
        text = data["articles"][int(attrs["data-a"] or "")]["text"]
        start, end = int(attrs["data-s"] or ""), int(attrs["data-e"] or "")
        assert 0 <= start < end <= len(text.encode("utf-16-le")) // 2, attrs
    # Brief and matrix buttons point at claim supports exactly (in UTF-16 units).
    for attrs in buttons:
        if (attrs.get("class") or "").startswith("cell"):
            text = data["articles"][int(attrs["data-a"] or "")]["text"].encode("utf-16-le")
            piece = text[2 * int(attrs["data-s"] or "") : 2 * int(attrs["data-e"] or "")].decode("utf-16-le")
            assert piece in spans


def test_offsets_are_utf16_after_an_emoji(report: Report, page: str) -> None:
    """The buses sentence follows an emoji: its JS offset is one more than Python's."""
    buses = report.stories[0].claims[4].support[0]
    assert "\U0001f686" in report.articles[0].text[: buses.start]
    assert f'data-a="0" data-s="{buses.start + 1}" data-e="{buses.end + 1}"' in page


def test_matrix_marks_single_source_and_disputed(page: str) -> None:
    rows = re.findall(r'<tr class="([^"]*)" data-claim="(c\d)">\s*<th scope="row"><span class="cid">(\d+)</span>', page)
    assert [int(n) for _, _, n in rows] == list(range(1, len(rows) + 1)), "rows are numbered, ids stay in attributes"
    rows = [(cls, cid) for cls, cid, _ in rows]
    every = {cid for cls, cid in rows if "every" in cls.split()}
    classes = dict((cid, " ".join(c for c in cls.split() if c != "every")) for cls, cid in rows)
    assert every == {"c1", "c2"}  # the claims all three outlets state
    assert classes["c1"] == "" and classes["c2"] == ""
    assert classes["c5"] == "single"
    assert classes["c3"] == "disputed" and classes["c4"] == "single disputed"
    # Shared claims come first, the off-topic claim is tucked away.
    assert [cid for _, cid in rows][:2] == ["c1", "c2"]
    assert "1 off-topic claim left out" in page
    assert page.count('class="cell denies"') == 1 and page.count('class="cell reports"') == 6
    assert "Gazette reports a denial by The authority" in page or "reports a denial by The authority" in page
    # the legend says each mark in words, and no internal label reaches the page
    assert "reports that a source says it" in page and "mentions part of it" in page
    assert not re.search(r"\b(asserted|attributed)\b|cell denied", page.split("<script")[0])


def test_quote_diff_and_timeline(page: str) -> None:
    assert "<del>has been</del>" in page and "<ins>is</ins>" in page
    assert '<span class="badge altered">altered</span> <span class="pair"' in page
    assert re.search(r'<span class="pair"[^>]*>\[1\] → \[3\]</span>', page)
    svg = re.search(r"<svg class=\"chart\".*?</svg>", page, re.S)
    assert svg is not None
    assert svg.group(0).count("<circle") == 3
    # Dated in order: the month-only entry sorts first.
    entries = re.findall(r"<li id=\"st1-t\d\"><time>([^<]+)</time>", page)
    assert entries == ["2025-03", "2025-03-11", "2025-03-12"]


def test_removed_pieces_listed_with_reasons(page: str) -> None:
    assert 'aria-controls="st1-rm1"' in page and 'id="st1-rm1" hidden' in page
    assert "Show removed pieces (2)" in page
    assert '<span class="badge reason">caption</span> <span class="muted">photo credit line</span>' in page
    assert "Nothing was removed from this article." in page


def test_framing_cells_cite_the_right_speaker(report: Report, page: str) -> None:
    voices = page.split("Voices quoted", 1)[1].split("</table>", 1)[0]
    quotes = {q.span.article: q.span for q in report.stories[0].quotes}
    for index, article in enumerate(report.articles):
        assert f'data-a="{index}" data-s="{quotes[article.id].start}"' in voices


def test_script_json_cannot_close_the_block() -> None:
    text = script_json({"t": "</script><!-- & \u2028\u2029 <b>"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029 <b>"}


def test_story_without_comparison_still_renders() -> None:
    a = Article("only-1", "A lone report about a regional election.", outlet="Valley Gazette")
    page = render_html(Report(articles=(a,), stories=(Story("s1", "Regional election", (a.id,)),)))
    assert "No claims were aligned for this story." in page
    assert "No brief" in page and "No dated events found." in page
    assert "A lone report about a regional election." in page
    assert "<svg" not in page


def test_empty_report() -> None:
    page = render_html(Report(articles=(), stories=()))
    assert "No articles were analyzed." in page and "0 articles" in page


def test_timeline_axis_shortens_a_long_gap() -> None:
    from newsprism.report.view import CHART_MARGIN, CHART_WIDTH, GAP_CAP_DAYS, _axis

    old, *week = 738000, 738400, 738403, 738407
    xs, breaks = _axis([old, *week])
    assert xs[old] == CHART_MARGIN and xs[week[-1]] == CHART_WIDTH - CHART_MARGIN
    # The 400-day gap takes the room of GAP_CAP_DAYS: the story's week keeps most of the width.
    unit = (CHART_WIDTH - 2 * CHART_MARGIN) / (GAP_CAP_DAYS + 7)
    assert abs((xs[week[1]] - xs[week[0]]) - 3 * unit) < 0.2
    assert len(breaks) == 1 and xs[old] < breaks[0] < xs[week[0]]
    # A short story is drawn to scale, unbroken.
    xs, breaks = _axis([738400, 738401, 738410])
    assert breaks == () and abs((xs[738401] - xs[738400]) * 9 - (xs[738410] - xs[738401])) < 1


def test_renderers_read_the_model_alone() -> None:
    """report/ imports no analysis (compare/, nlp/, pipeline): what a page shows is in the model already."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "report"
    allowed = {"model", "listing", "errors", "report"}  # listing: the model's story-list records
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                assert (node.module or "").split(".")[0] in allowed, f"{path.name} imports ..{node.module}"
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("newsprism"):
                assert (node.module or "").split(".")[1] in allowed, f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("newsprism.") for a in node.names), path.name
