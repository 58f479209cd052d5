"""An article's page: its text cut into marked pieces that are exact stretches of it, and its removed pieces."""

from __future__ import annotations

from dataclasses import replace

from newsprism.model import Removal
from newsprism.report.article_view import build_article_view
from newsprism.report.html import render_article

from .test_report_html import sample_report


def _covering(view, span):  # type: ignore[no-untyped-def]
    """The pieces of ``view`` over ``span``, and whether they start and end where it does."""
    out, pos = [], 0
    for p in view.pieces:
        if pos < span.end and pos + len(p.text) > span.start:
            out.append((pos, pos + len(p.text), p))
        pos += len(p.text)
    exact = bool(out) and out[0][0] == span.start and out[-1][1] == span.end
    return [p for _, _, p in out], exact


def test_the_pieces_are_the_text_and_every_mark_is_a_span_of_the_story() -> None:
    report = sample_report()
    story = report.stories[0]
    members = {a.id: a for a in report.articles}
    for article in report.articles:
        view = build_article_view(article, story, members)
        assert "".join(p.text for p in view.pieces) == article.text
        quotes = [q.span for q in story.quotes if q.span.article == article.id]
        assert view.counts["quote"] == len(quotes)
        for span in quotes:
            pieces, exact = _covering(view, span)
            assert exact and all("quote" in p.kinds for p in pieces)
        claims = [s for c in story.claims if not c.off_topic for s in (*c.support, *c.restated) if s.article == article.id]
        assert view.counts["shared"] + view.counts["single"] == len(claims)
        for span in claims:
            pieces, exact = _covering(view, span)
            assert exact and all({"shared", "single"} & set(p.kinds) for p in pieces)
    assert sum(build_article_view(a, story, members).counts["disputed"] for a in report.articles) > 0


def test_a_claim_only_one_outlet_states_is_marked_single_and_says_so() -> None:
    report = sample_report()
    story = report.stories[0]
    single = next(c for c in story.claims if len({s.article for s in c.support}) == 1 and not c.off_topic)
    span = single.support[0]
    view = build_article_view(report.article(span.article), story, {a.id: a for a in report.articles})
    pieces, exact = _covering(view, span)
    assert exact and all("single" in p.kinds and "Claim reported by 1 outlet" in p.notes for p in pieces)


def test_an_article_in_no_story_is_unmarked_and_its_removed_pieces_are_grouped() -> None:
    report = sample_report()
    article = replace(
        report.articles[0],
        removed=(Removal("Sign up for our newsletter", "promo"), Removal("Photo: Sam Porter", "caption"), Removal("Read more", "promo")),
    )
    view = build_article_view(article, None, {})
    assert [p.text for p in view.pieces] == [article.text] and not any(view.counts.values())
    assert {k: [r.text for r in v] for k, v in view.removed.items()} == {
        "promo": ["Sign up for our newsletter", "Read more"],
        "caption": ["Photo: Sam Porter"],
    }
    page = render_article(article, None, {}, back="/", story_href=None, json_href="/articles/x.json")
    assert "in no analysed story" in page and "promo (2)" in page and "<script" not in page


def test_hostile_text_is_escaped_in_marks_and_notes() -> None:
    report = sample_report()
    story = report.stories[0]
    article = report.article(story.quotes[0].span.article)
    hostile = replace(story.quotes[0], speaker='<img src=x onerror="alert(1)">')
    story = replace(story, quotes=(hostile, *story.quotes[1:]))
    page = render_article(article, story, {a.id: a for a in report.articles}, back="/", story_href="/stories/s1", json_href="/j")
    assert "<img src=x" not in page and "Quote of &lt;img src=x" in page
