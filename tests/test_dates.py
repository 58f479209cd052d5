"""Dates resolved to the calendar: explicit, relative, and with an inferred anchor."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.model import Article, DateMention, Span
from newsprism.nlp.dates import Parsed, parse_expression, resolve_dates
from newsprism.nlp.models import Models

from .conftest import seed_article

TODAY = date(2026, 11, 22)


def resolved(
    models: Models, text: str, published: str | None = None, today: date = TODAY
) -> tuple[dict[str, list[DateMention]], str | None, bool]:
    article = Article(id="t", text=text, published=published)
    dates, reference, inferred = resolve_dates(models.nlp(text), article, today=today)
    for d in dates:
        assert text[d.span.start : d.span.end] == d.span.text
    by_text: dict[str, list[DateMention]] = {}
    for d in dates:
        by_text.setdefault(d.span.text, []).append(d)
    return by_text, reference, inferred


def only(by_text: dict[str, list[DateMention]], text: str) -> DateMention:
    assert len(by_text.get(text, [])) == 1, f"{text!r}: {by_text}"
    return by_text[text][0]


def weekday(iso: str) -> int:
    return date.fromisoformat(iso).weekday()


# --- shapes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sept. 13", Parsed("day", month=9, day=13)),
        ("September 10, 2024", Parsed("day", year=2024, month=9, day=10)),
        ("Wednesday, Sept. 11", Parsed("day", month=9, day=11, weekday=2)),
        ("11 September 2001", Parsed("day", year=2001, month=9, day=11)),
        ("Aug. 30", Parsed("day", month=8, day=30)),
        ("in May", Parsed("month", month=5)),
        ("May 2023", Parsed("month", year=2023, month=5)),
        ("October of 2009", Parsed("month", year=2009, month=10)),
        ("last October", Parsed("month", month=10, modifier="last")),
        ("mid-September", Parsed("month", month=9)),
        ("2022", Parsed("year", year=2022)),
        ("Tuesday", Parsed("weekday", weekday=1)),
        ("late on Tuesday", Parsed("weekday", weekday=1)),
        ("last Friday", Parsed("weekday", weekday=4, modifier="last")),
        ("yesterday", Parsed("offset_day", offset=-1)),
        ("last night", Parsed("offset_day", offset=-1)),
        ("two days ago", Parsed("offset_day", offset=-2)),
        ("three months ago", Parsed("offset_month", offset=-3)),
        ("last year", Parsed("offset_year", offset=-1)),
        ("earlier this year", Parsed("offset_year", offset=0)),
    ],
)
def test_parse_expression(text: str, expected: Parsed) -> None:
    assert parse_expression(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "this week",
        "last week",
        "earlier this summer",
        "for months",
        "weeks",
        "recent days",
        "each year",
        "the 1990s",
        "two weeks ago",
        "the past year",
        "day one",
        "55-year-old",
        "Tuesdays",
        "decades",
    ],
)
def test_durations_and_vague_periods_are_skipped(text: str) -> None:
    assert parse_expression(text) is None


# --- with a published date --------------------------------------------------


def test_relative_dates_from_the_published_date(models: Models) -> None:
    text = (
        "Biden said on Tuesday that talks would go on. Last Friday, the minister resigned. "
        "Officials met yesterday. The leaders will meet on Friday in Washington. "
        "In May, the plan was approved. Drones hit Moscow in May 2023. "
        "The deal was signed two days ago. Fighting has raged for months since the 2022 invasion. "
        "Talks continue this week."
    )
    by_text, reference, inferred = resolved(models, text, published="2024-09-12T08:00:00+00:00")  # a Thursday
    assert (reference, inferred) == ("2024-09-12", False)
    assert only(by_text, "Tuesday").iso == "2024-09-10"
    assert only(by_text, "Last Friday").iso == "2024-09-06"
    assert only(by_text, "yesterday").iso == "2024-09-11"
    assert only(by_text, "Friday").iso == "2024-09-13"  # future tense: the coming Friday
    may = only(by_text, "May")
    assert (may.iso, may.granularity, may.relative) == ("2024-05", "month", False)
    assert only(by_text, "May 2023").iso == "2023-05"
    assert only(by_text, "two days ago").iso == "2024-09-10"
    assert only(by_text, "2022").granularity == "year"
    assert "this week" not in by_text and "months" not in by_text
    assert all(d.relative for d in by_text["Tuesday"] + by_text["yesterday"])
    assert not any(d.inferred for ds in by_text.values() for d in ds)


def test_year_less_dates_take_the_year_nearest_the_anchor(models: Models) -> None:
    by_text, _, _ = resolved(models, "The talks began on Dec. 30 and ended on Jan. 2.", published="2025-01-05")
    assert only(by_text, "Dec. 30").iso == "2024-12-30"
    assert only(by_text, "Jan. 2").iso == "2025-01-02"
    by_text, _, _ = resolved(models, "The law passed last October and takes effect next March.", published="2025-03-05")
    last, following = only(by_text, "last October"), only(by_text, "next March")
    assert (last.iso, last.granularity, last.relative) == ("2024-10", "month", True)
    assert following.iso == "2026-03"


# --- with an inferred anchor ------------------------------------------------


def test_anchor_inferred_from_explicit_dates(models: Models) -> None:
    text = (
        "The Guardian reported on September 10, 2024 that the plan was ready. "
        "Officials met on Tuesday. Ministers will meet again on Friday. Yesterday, drones struck Moscow."
    )
    by_text, reference, inferred = resolved(models, text)
    assert (reference, inferred) == ("2024-09-11", True)  # the day after the latest past-tense date
    assert only(by_text, "September 10, 2024").inferred is False
    tuesday = only(by_text, "Tuesday")
    assert (tuesday.iso, tuesday.relative, tuesday.inferred) == ("2024-09-10", True, True)
    assert only(by_text, "Friday").iso == "2024-09-13"
    assert only(by_text, "Yesterday").iso == "2024-09-10"


def test_year_from_a_weekday_written_beside_the_date(models: Models) -> None:
    by_text, reference, inferred = resolved(models, "Blinken visited Kyiv on Wednesday, Sept. 11, with Lammy.")
    assert (reference, inferred) == ("2024-09-12", True)  # 2024 is the latest year when Sept. 11 was a Wednesday
    (mention,) = [d for ds in by_text.values() for d in ds]
    assert (mention.iso, mention.inferred) == ("2024-09-11", True)


def test_no_anchor_leaves_relative_dates_out(models: Models) -> None:
    by_text, reference, inferred = resolved(models, "Officials met on Tuesday and again in 2022.")
    assert (reference, inferred) == (None, False)
    assert list(by_text) == ["2022"]


# --- seeds (no published dates: everything relative is inferred) ------------


def test_seed_dates(seed_articles: list, seed_annotations: dict) -> None:
    for article in seed_articles:
        ann = seed_annotations[article.id]
        for d in ann.dates:
            assert article.text[d.span.start : d.span.end] == d.span.text
            assert len(d.iso) == {"day": 10, "month": 7, "year": 4}[d.granularity]
    ann = seed_annotations[seed_article(seed_articles, "001").id]
    assert ann.reference_inferred and ann.reference_date is not None and ann.reference_date.endswith("-09-12")
    sept = [d for d in ann.dates if d.span.text == "Sept. 11"]
    assert len(sept) >= 3 and all(d.iso.endswith("-09-11") and d.inferred and not d.relative for d in sept)
    (aug,) = [d for d in ann.dates if d.span.text == "Aug. 30"]
    assert aug.iso[:4] == sept[0].iso[:4] and aug.iso.endswith("-08-30")

    ann = seed_annotations[seed_article(seed_articles, "004").id]
    assert [d.iso[5:] for d in ann.dates if d.granularity == "day"] == ["09-11", "09-10", "09-11", "09-13"]
    assert not any(d.span.text in ("earlier this summer", "last week", "recent days") for d in ann.dates)


def test_seed_weekdays_resolve_around_the_inferred_anchor(seed_articles: list, seed_annotations: dict) -> None:
    article = seed_article(seed_articles, "000")
    ann = seed_annotations[article.id]
    assert ann.reference_inferred and ann.reference_date is not None
    reference = date.fromisoformat(ann.reference_date)
    found = {(d.span.text, article.text[d.span.end : d.span.end + 14]): d for d in ann.dates}
    claimed = next(d for (t, after), d in found.items() if t == "Tuesday" and after.startswith(", citing"))
    assert weekday(claimed.iso) == 1 and 0 <= (reference - claimed.day).days < 7
    last_friday = next(d for (t, _), d in found.items() if t == "last Friday")
    assert weekday(last_friday.iso) == 4 and 0 < (reference - last_friday.day).days <= 7
    # "... will discuss the “missile issue” on Friday in Washington": the coming Friday
    coming = next(d for (t, after), d in found.items() if t == "Friday" and after.startswith(" in Washington"))
    assert weekday(coming.iso) == 4 and 0 <= (coming.day - reference).days < 7
    assert all(d.inferred for d in ann.dates if d.relative)


def test_reported_future_with_would(models: Models) -> None:
    # Published on a Wednesday: the minister spoke on Tuesday about a session on Thursday.
    text = "The minister visited the town on Tuesday and said the cabinet would meet on Thursday to discuss aid."
    by_text, _, _ = resolved(models, text, published="2024-05-15")
    assert by_text["Tuesday"][0].iso == "2024-05-14"
    assert by_text["Thursday"][0].iso == "2024-05-16"


def test_scheduled_events_are_ahead(models: Models) -> None:
    text = "On Tuesday, lawmakers are scheduled to vote on the articles, and the president is expected to respond on Friday."
    by_text, _, _ = resolved(models, text, published="2019-12-13")  # a Friday
    assert by_text["Tuesday"][0].iso == "2019-12-17"


# --- what a date dates ------------------------------------------------------


def test_numbers_that_are_no_dates(models: Models) -> None:
    by_text, _, _ = resolved(models, "He was 62 when he died in 1143 at 1143 hours.", "2024-05-15")
    assert by_text == {}
    by_text, _, _ = resolved(models, "The treaty was signed in 1991 and renewed last May.", "2024-05-15")
    assert only(by_text, "1991").iso == "1991"


def test_named_days_and_counted_ones(models: Models) -> None:
    text = "The caucus was eight days ago, and the debate was on Saturday; results came yesterday."
    by_text, _, _ = resolved(models, text, "2016-02-10")
    assert (only(by_text, "eight days ago").iso, only(by_text, "eight days ago").named) == ("2016-02-02", False)
    assert only(by_text, "Saturday").named and only(by_text, "yesterday").named


def test_dates_inside_direct_quotes_are_marked(models: Models) -> None:
    text = 'The family said: "Tonight, our family applauds the police." The suspect was caught on Friday.'
    article = Article(id="t", text=text, published="2013-04-20")
    quote = (Span.of(article, text.index('"') + 1, text.rindex('."') + 1),)
    dates, _, _ = resolve_dates(models.nlp(text), article, quotes=quote)
    assert {d.span.text: d.quoted for d in dates} == {"Tonight": True, "Friday": False}
