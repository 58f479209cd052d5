"""Date disputes: outlets that give different days for one happening.

The NLP pass binds each date to what it dates (:class:`~newsprism.model.DateMention`:
the predicate 'rent' and its thing 'truck' in 'rented the truck on Thursday',
whether the date dates the event, a statement or a bound, and whether the
text names the day). Here the story's named event days are keyed by that
happening, so that 'rented the truck on Thursday' meets 'the truck was
rented on Monday' while 'said on Tuesday' and 'by Wednesday' never take
part. A dispute needs two outlets that each give one day for the happening,
and different days: an outlet that dates one happening to several days is
telling of several events of that kind ('a package exploded on March 2 ...
another on March 12'), and the key is left alone. Days a day apart where one
is at the edge of a day ('late Tuesday', 'overnight') may be one moment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from ...model import Claim, DateMention, Disagreement
from .conflicts import shortened
from .dispute_cards import dispute_card
from .units import Unit

__all__ = ["date_disputes"]

#: Days further apart than this are different events, not a dispute over one.
MAX_GAP_DAYS = 31

DateKey = tuple[str, str]


def _key(mention: DateMention) -> DateKey | None:
    """What a date dates, when it is a named event day of a happening with a known thing."""
    if mention.role != "event" or not mention.named or mention.granularity != "day" or mention.quoted:
        return None  # (a quoted day is the speaker's, placed from the article's date: 'Tonight, ...')
    if mention.predicate is None or mention.thing is None:
        return None
    return mention.predicate, mention.thing


def date_disputes(
    units: Sequence[Unit],
    claim_of: Mapping[int, Claim],
    outlets: Mapping[str, str],
    label: Callable[[str], str],
    published: Mapping[str, date | None] | None = None,
) -> tuple[Disagreement, ...]:
    """The story's date disputes, one per dated happening, each side with its day and articles.

    ``published`` gives each article's publication day, shown on the card where the sides' days differ.
    """
    by_key: dict[DateKey, list[tuple[Unit, DateMention]]] = {}
    for unit in units:
        for mention in unit.dates.values():
            key = _key(mention)
            if key is not None:
                by_key.setdefault(key, []).append((unit, mention))
    out: list[Disagreement] = []
    for items in by_key.values():
        days_of: dict[str, set[date]] = {}
        for unit, mention in items:
            days_of.setdefault(outlets.get(unit.article, unit.article), set()).add(mention.day)
        if len(days_of) < 2 or any(len(days) > 1 for days in days_of.values()):
            continue  # one outlet only, or several events of this kind
        sides: dict[date, list[tuple[Unit, DateMention]]] = {}
        for unit, mention in items:
            sides.setdefault(mention.day, []).append((unit, mention))
        if len(sides) < 2 or not _one_happening(sides):
            continue
        found = _describe([sides[d] for d in sorted(sides)], claim_of, label, published or {})
        if found.claims:  # (one claim may hold both sides: two outlets giving one happening different days)
            out.append(found)
    return tuple(out)


def _one_happening(sides: Mapping[date, Sequence[tuple[Unit, DateMention]]]) -> bool:
    """Whether the days can be one happening's, told differently: within a month, and not one moment
    written either side of midnight."""
    days = sorted(sides)
    gap = (days[-1] - days[0]).days
    if gap > MAX_GAP_DAYS:
        return False
    edge = any(m.edge for side in sides.values() for _, m in side)
    return not (len(days) == 2 and gap == 1 and edge)


def _describe(
    sides: Sequence[Sequence[tuple[Unit, DateMention]]],
    claim_of: Mapping[int, Claim],
    label: Callable[[str], str],
    published: Mapping[str, date | None],
) -> Disagreement:
    """A dispute card: each side with its day, in a sentence made from the values."""
    values = [f"{side[0][1].span.text} ({side[0][1].iso})" for side in sides]
    spans = [[(u, m.span) for u, m in side] for side in sides]
    quoted = shortened(sides[0][0][0].text, 90)
    opening = "The outlets give different days for one event: "
    closing = f" (“{quoted}”)."
    return dispute_card("date", spans, claim_of, label, opening, values=values, published=published, closing=closing)
