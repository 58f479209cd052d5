"""One calendar per story: relative dates of undated articles re-placed.

An article without a published date has its relative dates ('on Tuesday',
'yesterday') resolved against an anchor inferred from its own explicit dates
(see :mod:`newsprism.nlp.dates`). That guess can be far off: the only explicit
date of an article may be background ('as late as August 27'), and an article
with no explicit date at all gets no anchor. Within a story the other articles
tell more: they were published within days of each other.

:func:`align_anchors` takes the story's anchor (the median published date of
its dated articles, else the upper median of the anchors its articles
inferred) and re-places the dates of every article whose own anchor was
inferred and lies more than :data:`TOLERANCE_DAYS` from it, or which had none.
When no article is dated, the year itself is a guess (the latest year in which
the dates have passed); the story's weekdays then choose it: in the right
year, 'on Tuesday' falls on a date the articles also give explicitly.
Re-placed dates stay marked ``inferred``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ..model import Annotations, Article, DateMention
from ..nlp.dates import parse_expression, place_on

__all__ = ["align_anchors", "parse_day", "story_anchor"]

#: An inferred anchor this close to the story's is kept (articles of one story
#: appear over a few days).
TOLERANCE_DAYS = 2
#: Years searched back from today for a story dated only by year-less dates.
YEARS_BACK = 30
#: Weekdays that must land on explicit dates before another year is preferred.
MIN_WEEKDAY_HITS = 2


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO date or timestamp (``2024-09-13``, ``2024-09-13T10:00Z``); ``None`` for less."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def story_anchor(articles: Sequence[Article], annotations: Sequence[Annotations]) -> tuple[date, bool] | None:
    """The story's reference day and whether it was inferred (``None`` when nothing dates it)."""
    published = sorted(d for a in articles if a.duplicate_of is None and (d := parse_day(a.published)) is not None)
    if published:
        return published[(len(published) - 1) // 2], False
    inferred = sorted(d for ann in annotations if ann.reference_inferred and (d := parse_day(ann.reference_date)))
    if inferred:
        return inferred[len(inferred) // 2], True
    return None


def _weekday_year(annotations: Sequence[Annotations], anchor: date, today: date) -> int:
    """The year that makes the story's weekdays agree with its explicit dates.

    Undated articles often give dates without a year ('Sept. 10') and
    weekdays ('on Tuesday'). In the right year the weekdays, placed around the
    anchor, fall on the explicit dates; in a wrong one they miss. Scores each
    recent year by the weekday mentions landing on an explicit date; the
    anchor's own year stands unless another scores at least
    :data:`MIN_WEEKDAY_HITS` and more (ties go to the most recent year).
    """
    explicit: set[str] = set()
    weekdays: list[tuple[str, str]] = []
    for ann in annotations:
        if not ann.reference_inferred and ann.reference_date is not None:
            continue
        own = ann.reference_date or ""
        for m in ann.dates:
            if not m.inferred or m.granularity != "day":
                continue
            if not m.relative:
                explicit.add(m.iso[5:])
            elif _is_weekday(m.span.text):
                weekdays.append((m.span.text, "past" if m.iso < own else "future"))
        weekdays.extend((u.span.text, u.tense) for u in ann.unanchored if _is_weekday(u.span.text))
    if not explicit or not weekdays:
        return anchor.year

    def hits(year: int) -> int:
        try:
            day = anchor.replace(year=year)
        except ValueError:  # 29 February
            return -1
        return sum(
            1 for text, when in weekdays if (p := place_on(text, day, when)) is not None and p[0][5:] in explicit
        )

    best_year, best = anchor.year, hits(anchor.year)
    for year in range(today.year, today.year - YEARS_BACK, -1):
        if year == anchor.year or date(year, anchor.month, min(anchor.day, 28)) > today:
            continue
        score = hits(year)
        if score >= MIN_WEEKDAY_HITS and score > best:
            best_year, best = year, score
    return best_year


def _is_weekday(text: str) -> bool:
    parsed = parse_expression(text)
    return parsed is not None and parsed.kind == "weekday"


def align_anchors(
    articles: Sequence[Article], annotations: Sequence[Annotations], *, today: date | None = None
) -> list[Annotations]:
    """The annotations with undated articles' relative dates placed on the story's calendar.

    ``today`` bounds the years considered for a story that no article dates
    (default: the current date).
    """
    found = story_anchor(articles, annotations)
    if found is None:
        return list(annotations)
    anchor, inferred = found
    if inferred:
        year = _weekday_year(annotations, anchor, today or date.today())
        if year != anchor.year:
            anchor = anchor.replace(year=year)
    by_id = {a.id: a for a in articles}
    out = []
    for ann in annotations:
        article = by_id.get(ann.article_id)
        own = parse_day(ann.reference_date)
        dated = article is not None and parse_day(article.published) is not None
        if (
            article is None
            or dated
            or (own is not None and not ann.reference_inferred)
            or own is not None
            and abs((own - anchor).days) <= TOLERANCE_DAYS
        ):
            out.append(ann)
        else:
            out.append(_reanchored(ann, own, anchor))
    return out


def _reanchored(ann: Annotations, own: date | None, anchor: date) -> Annotations:
    dates: list[DateMention] = []
    for mention in ann.dates:
        if not mention.inferred or own is None:
            dates.append(mention)
            continue
        # The tense the first placement used: before its anchor is past.
        when = "past" if mention.iso < own.isoformat()[: len(mention.iso)] else "future"
        placed = place_on(mention.span.text, anchor, when)
        if placed is None:
            dates.append(mention)
        else:
            dates.append(mention.at(placed[0], placed[1]))
    for unplaced in ann.unanchored:
        placed = place_on(unplaced.span.text, anchor, unplaced.tense)
        if placed is not None:
            dates.append(unplaced.placed(placed[0], placed[1], relative=placed[2]))
    dates.sort(key=lambda m: m.span.start)
    return replace(ann, dates=tuple(dates), reference_date=anchor.isoformat(), reference_inferred=True, unanchored=())
