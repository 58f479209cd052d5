"""Timeline: dated events merged across articles, with support spans."""

from __future__ import annotations

import re

import pytest

from newsprism.compare.timeline import build_timeline, event_text
from newsprism.model import Annotations, Article, Claim, DateMention, Sentence, Span


def span(article: Article, needle: str) -> Span:
    start = article.text.index(needle)
    return Span.of(article, start, start + len(needle))


def annotate(article: Article, dates: dict[str, str]) -> Annotations:
    """Sentences split on '. ' (not before a number) and the given date phrases resolved."""
    sents = tuple(
        Sentence(Span.of(article, m.start(), m.start() + len(m.group().rstrip())))
        for m in re.finditer(r"(?:[^.]|\.(?=\s\d))+\.\s*", article.text)
    )
    mentions = tuple(DateMention(span(article, phrase), date, "day") for phrase, date in dates.items())
    return Annotations(article.id, sentences=sents, dates=mentions)


@pytest.fixture()
def story():
    a = Article(
        "a",
        "The ministers met in the capital on Wednesday. The leaders will meet on Friday. "
        "Rockets hit the port in May. Another war flared on Monday.",
    )
    b = Article("b", "On Sept. 11, the two ministers met in the capital. A drone hit a depot on Tuesday.")
    c = Article("c", "Both leaders are due to meet at the White House on September 13 to talk.")
    anns = [
        annotate(a, {"Wednesday": "2024-09-11", "Friday": "2024-09-13", "May": "2024-05", "Monday": "2024-09-09"}),
        annotate(b, {"Sept. 11": "2024-09-11", "Tuesday": "2024-09-10"}),
        annotate(c, {"September 13": "2024-09-13"}),
    ]
    claims = [
        Claim("s1-c1", "ministers met", (span(a, "The ministers met in the capital on Wednesday."), span(b, "On Sept. 11, the two ministers met in the capital."))),
        Claim("s1-c2", "leaders meet", (span(a, "The leaders will meet on Friday."), span(c, "Both leaders are due to meet at the White House on September 13 to talk."))),
        Claim("s1-c3", "war", (span(a, "Another war flared on Monday."),), off_topic=True),
    ]
    return [a, b, c], anns, claims


def test_events_merge_across_articles_and_sort_by_date(story) -> None:
    articles, anns, claims = story
    timeline = build_timeline(articles, anns, claims)
    assert [(e.date, sorted({s.article for s in e.support})) for e in timeline] == [
        ("2024-05", ["a"]),
        ("2024-09-10", ["b"]),
        ("2024-09-11", ["a", "b"]),
        ("2024-09-13", ["a", "c"]),
    ]
    met = timeline[2]
    assert [s.text for s in met.support] == [
        "The ministers met in the capital on Wednesday.",
        "On Sept. 11, the two ministers met in the capital.",
    ]
    assert met.text in {s.text for s in met.support}
    for entry in timeline:
        for s in entry.support:
            assert next(a for a in articles if a.id == s.article).text[s.start : s.end] == s.text


def test_off_topic_dates_are_left_out(story) -> None:
    articles, anns, claims = story
    assert all("war" not in e.text for e in build_timeline(articles, anns, claims))


def test_word_overlap_merges_without_a_claim() -> None:
    a = Article("a", "Protesters marched through central Minsk on Sunday demanding new elections.")
    b = Article("b", "On Sunday, protesters marched through central Minsk, demanding fresh elections.")
    c = Article("c", "The central bank raised rates on Sunday.")
    anns = [annotate(a, {"Sunday": "2020-08-16"}), annotate(b, {"On Sunday": "2020-08-16"}), annotate(c, {"Sunday": "2020-08-16"})]
    timeline = build_timeline([a, b, c], anns, [])
    assert sorted(len(e.support) for e in timeline) == [1, 2]
    assert {s.article for s in timeline[0].support} == {"a", "b"}


def test_event_text_is_trimmed_at_a_word() -> None:
    long = "word " * 100
    short = event_text(long, 50)
    assert len(short) <= 51 and short.endswith("…") and not short.endswith(" …")
    assert event_text("  A short\nsentence. ") == "A short sentence."


@pytest.mark.slow
def test_seed_timeline(seed_report) -> None:
    story = next(s for s in seed_report.stories if len(s.article_ids) == 5)
    assert story.timeline, "the seeds have many dated events"
    dates = [e.date for e in story.timeline]
    assert dates == sorted(dates)
    # The Biden-Starmer meeting on Friday, Sept. 13, is told by several outlets.
    meeting = [e for e in story.timeline if e.date == "2024-09-13" and len({s.article for s in e.support}) >= 2]
    assert meeting
    off_topic = {s for c in story.claims if c.off_topic for s in c.support}
    for entry in story.timeline:
        assert not any(s.overlaps(o) for s in entry.support for o in off_topic)
