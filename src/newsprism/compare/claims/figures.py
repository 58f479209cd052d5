"""Figure disputes: outlets that give different values for one counted thing.

The NLP pass binds each figure to what it counts and what happened to it
(:class:`~newsprism.model.Quantity`). Here the story's figures are keyed by
that meaning, so that "21 dead", "put the death toll at 21" and "21 people
were killed" meet, while "five injured" and "ten killed" never do. Within a
key, figures whose values can both be true ("at least 20" and "21", "about
85 miles" and "135 km") stand on one side; a dispute needs two sides that
cannot, given by different outlets. A part of a count ("another 3,000",
"including 84 children") is never set against a total (only against the
same part: 'including 10 children', 'more than 10 children were among the
dead'), nor is a value
given as an earlier one ("from 8.1 percent") or a vague one ("dozens"). An outlet that gives
several values (a toll it updates, an earlier count it recalls) stands on
the side of the first one it gives.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ...lexicon import figure_classes
from ...model import Claim, DateMention, Disagreement, Quantity
from .dispute_cards import dispute_card
from .units import Unit

__all__ = ["figure_disputes", "figure_key", "figure_thing", "interval"]

#: Classes of counted happenings: their count is of people unless the text says whom. Those taken to
#: hospital are counted apart from the injured: some injured are treated at the scene, some in hospital
#: are not hurt ('eight hospitalized' and 'four wounded' are two counts).
EVENTS = frozenset({"death", "injury", "hospitalization", "arrest", "hostage"})
_EVENT_WORDS = {
    "death": "killed",
    "injury": "injured",
    "hospitalization": "taken to hospital",
    "arrest": "arrested",
    "hostage": "held hostage",
}
#: Who is counted the same whatever the verb: '10 gunmen stormed', 'two or three attackers entered'.
ROLES = frozenset({"attacker", "staff"})
#: Classes of counted things that are no beings: what happens to people does not happen to them
#: ('the rule will kill 224,000 jobs' is no death toll).
THINGS = frozenset({"job"})
#: Verbs of a figure projected for what has not happened: no count of what did ('projecting about $25 billion in
#: storm damage'). Forecasts differ by forecaster, so they are set neither against counts nor against each other.
FORECASTS = frozenset({"project", "forecast", "predict"})
#: How far an approximate figure ('about 300') reaches either way.
ABOUT = 0.05
#: How far an exact measure reaches either way: measures are converted and rounded ('85 miles', '135 km').
MEASURE_ROUNDING = 0.02

Key = tuple[str, str, str, str]


def _class(lemma: str | None) -> str | None:
    """The class of a counted noun or predicate ('death toll' -> death), by the phrase or its head word."""
    if not lemma:
        return None
    classes = figure_classes()
    return classes.get(lemma) or classes.get(_head(lemma))


def _head(phrase: str) -> str:
    """A noun phrase's head word: 'trade deficit' -> 'deficit'."""
    return phrase.rsplit(" ", 1)[-1]


def _classes(q: Quantity) -> tuple[str | None, str | None]:
    """The classes of what a figure counts and of what happened ('death toll' -> death; 'were killed' ->
    death), the happening left out for things that are no beings ('kill 224,000 jobs')."""
    counted = _class(q.counted)
    return counted, _class(q.predicate) if counted not in THINGS else None


def figure_key(q: Quantity) -> Key | None:
    """What a figure measures, as (kind, unit, event, thing); ``None`` when it cannot be told.

    The event is a class of happening (death, injury, arrest, hostage) when
    the figure counts one. Counts of a role (attackers, staff) leave the verb
    out ('10 gunmen stormed' and 'two or three attackers entered' count the
    same attackers); other counts keep it ('two residents were missing' and
    'some 4,000 residents were moved' count different residents). The thing is
    the counted noun's class, else its head word ('trade deficit' and
    'deficit' meet). A measure is keyed by its unit and what it measures.
    """
    if q.kind in ("tally", "duration", "age"):
        return None  # a vote is a claim's own fact; elapsed times grow with the day an article is written
    if q.predicate in FORECASTS:
        return None  # a forecast ('projecting about $25 billion in damage') counts nothing that happened
    counted, predicate = _classes(q)
    head = _head(q.counted) if q.counted else None
    if q.kind == "measure":
        if q.reference:  # how far a named place is from another: 'Dammartin-en-Goele, 22 miles northeast of Paris'
            return ("measure", q.unit, "from", q.reference) if q.place else None
        return ("measure", q.unit, "", counted or head) if head else None
    if q.kind != "count":
        thing = counted or head
        return (q.kind, q.unit, "", thing) if thing else None
    if counted in EVENTS:  # 'the death toll', 'hostages'
        return ("count", "", counted, "person")
    thing = counted or head or ("person" if predicate in EVENTS else "")
    if predicate in EVENTS:
        event = predicate
    elif thing in ROLES:
        event = ""  # the attackers are as many whatever they did
    else:
        event = q.predicate or ""  # 'two residents were missing', 'some 4,000 residents were moved'
        if not event or thing == "person":
            return None  # people counted for no happening we can name: too loose to compare
    if not thing:
        return None
    return ("count", "", event, thing)


def figure_thing(q: Quantity) -> str | None:
    """What a figure counts or measures, for telling whether two sentences give one fact's figure.

    A currency, ``%`` or a measure's unit; for a count of a happening, the
    happening and who ('death:person' for 'the death toll stood at 12' and
    '12 people were killed'); for other counts, the counted noun's class or
    head word ('jobs').
    """
    if q.kind == "tally":
        return "tally"
    if q.kind in ("money", "percent", "measure", "duration"):
        return q.unit
    if q.kind == "age":
        return "age"
    counted, predicate = _classes(q)
    if counted in EVENTS:
        return f"{counted}:person"
    thing = counted or (_head(q.counted) if q.counted else None)
    if predicate in EVENTS:
        return f"{predicate}:{thing or 'person'}"
    return thing


def interval(q: Quantity) -> tuple[float, float, bool, bool]:
    """The values a figure allows: (low, high, low open, high open)."""
    v = q.value
    if q.high is not None:
        return (v, q.high, False, False)
    if q.bound == "about":  # a count of a few is about right one either way ('about a half-dozen', 7)
        reach = max(v * ABOUT, 1.0) if q.kind == "count" else v * ABOUT
        return (v - reach, v + reach, False, False)
    if q.kind == "measure" and q.bound == "exact":  # a measure converted or rounded ('85 miles', '135 km')
        return (v * (1 - MEASURE_ROUNDING), v * (1 + MEASURE_ROUNDING), False, False)
    if q.bound == "at_least":
        return (v, math.inf, False, False)
    if q.bound == "more_than":  # 'more than 1,400' of a round figure leaves in the round figure another gives
        return (v, math.inf, not _round(v), False)
    if q.bound == "at_most":
        return (0.0, v, False, False)
    if q.bound == "less_than":
        return (0.0, v, False, not _round(v))
    return (v, v, False, False)


def _round(value: float) -> bool:
    """Whether a figure is round to the hundred (1,400; 3,000): written so, it stands for a figure near it,
    and 'more than 1,400' does not deny a plain '1,400' ('more than 10' still denies '10')."""
    return value >= 100 and value % 100 == 0


def _meet(
    a: tuple[float, float, bool, bool], b: tuple[float, float, bool, bool]
) -> tuple[float, float, bool, bool] | None:
    """The values two intervals share, or ``None``."""
    low, low_open = (a[0], a[2]) if a[0] > b[0] else (b[0], b[2]) if b[0] > a[0] else (a[0], a[2] or b[2])
    high, high_open = (a[1], a[3]) if a[1] < b[1] else (b[1], b[3]) if b[1] < a[1] else (a[1], a[3] or b[3])
    if low > high or (low == high and (low_open or high_open)):
        return None
    return (low, high, low_open, high_open)


@dataclass
class _Side:
    allowed: tuple[float, float, bool, bool]
    items: list[tuple[Unit, Quantity]]


def _width(q: Quantity) -> float:
    """How many values a figure allows: none for an exact one, the spread of a range, no end for 'at least'."""
    low, high, _, _ = interval(q)
    return high - low


def _sides(items: Sequence[tuple[Unit, Quantity]]) -> list[_Side]:
    """Figures grouped into sides whose values can all be true together (the most precise figures first, so
    that a wide range or an open bound joins the side of a figure it allows rather than setting the side)."""
    order = sorted(items, key=lambda it: (_width(it[1]), it[1].value))
    sides: list[_Side] = []
    for unit, q in order:
        allowed = interval(q)
        for side in sides:
            shared = _meet(side.allowed, allowed)
            if shared is not None:
                side.allowed = shared
                side.items.append((unit, q))
                break
        else:
            sides.append(_Side(allowed, [(unit, q)]))
    return sides


def _exclusive(
    kept: Mapping[int, list[tuple[Unit, Quantity]]], sides: Sequence[_Side], outlets: Mapping[str, str]
) -> list[list[tuple[Unit, Quantity]]]:
    """The kept sides (by their index in ``sides``) that dispute another: a dispute is between an outlet that
    gives one value and not the other and an outlet that gives the other and not the one. An outlet that gives
    both counts (the 14 killed in one strike and the 40 in another town) tells of two things; where every
    outlet of either side gives both, the figures count different things."""
    gives = {n: {outlets.get(u.article, u.article) for u, _ in sides[n].items} for n in kept}
    disputing = {m for m in kept for n in kept if gives[m] - gives[n] and gives[n] - gives[m]}
    return [side for n, side in kept.items() if n in disputing]


def _one_side_each(sides: Sequence[_Side], outlets: Mapping[str, str]) -> dict[int, list[tuple[Unit, Quantity]]]:
    """The sides with each outlet kept on one only (the side of its lead, the first figure it gives), by their
    index in ``sides``; sides left empty are dropped."""
    lead: dict[str, tuple[int, int, int]] = {}  # outlet -> (article order, offset, side)
    for n, side in enumerate(sides):
        for unit, q in side.items:
            outlet = outlets.get(unit.article, unit.article)
            where = (unit.article_order, q.span.start, n)
            if outlet not in lead or where < lead[outlet]:
                lead[outlet] = where
    kept = {
        n: [(u, q) for u, q in side.items if lead[outlets.get(u.article, u.article)][2] == n]
        for n, side in enumerate(sides)
    }
    return {n: side for n, side in kept.items() if side}


def _months(mention: DateMention) -> tuple[int, int]:
    """A resolved date as (year, month), month 0 when only the year is known."""
    return mention.day.year, mention.day.month if mention.granularity != "year" else 0


def _near(x: DateMention, y: DateMention) -> bool:
    """Whether two resolved dates can be one event's: the same year, and months at most one apart when both known."""
    a, b = _months(x), _months(y)
    if a[0] != b[0]:  # across a new year only December against the January after it
        early, late = sorted((a, b))
        return late[0] - early[0] == 1 and (early[1], late[1]) == (12, 1)
    return not (a[1] and b[1]) or abs(a[1] - b[1]) <= 1


def apart(a: Unit, b: Unit) -> bool:
    """Whether two sentences set their events apart: each dates it and the dates are months apart, or each
    names places, facilities or events and none is shared ('in Parkland' against 'at Santa Fe High School').

    Days do not count: 'said on Wednesday' dates the statement, not the event.
    """
    da, db = list(a.dates.values()), list(b.dates.values())
    if da and db and not any(_near(x, y) for x in da for y in db):
        return True
    if a.places and b.places and not a.places & b.places:
        return True  # 'in Douma' against 'in Homs'
    return bool(a.where and b.where and not a.where & b.where)


def _main_event(items: Sequence[tuple[Unit, Quantity]], outlets: Mapping[str, str]) -> list[tuple[Unit, Quantity]]:
    """The figures about the event most of the others are about: each is set apart from at most half of
    the other outlets' figures (a background toll, 'the 2008 bombing killed 150', drops out)."""
    kept = []
    for unit, q in items:
        outlet = outlets.get(unit.article, unit.article)
        others = [u for u, _ in items if outlets.get(u.article, u.article) != outlet]
        if others and 2 * sum(apart(unit, u) for u in others) <= len(others):
            kept.append((unit, q))
    return kept


def _comparable(sides: Sequence[Sequence[tuple[Unit, Quantity]]], outlets: Mapping[str, str]) -> bool:
    """Whether two sides hold figures of different outlets from sentences about the same event, counted over
    the same scope and site.

    One incident's injured and the running total of a series, the dead at two sites of one attack ('at
    Zaventem Airport', 'at the Maelbeek metro station'), or sums for differently qualified things ('Chinese
    imports', 'U.S. imports') are different counts. A side's scope and site are
    those any of its figures is given (an outlet names the site once and repeats the count without it).
    """
    for n, side in enumerate(sides):
        for other in sides[n + 1 :]:
            if _told_apart(side, other):
                continue
            for ua, _ in side:
                for ub, _ in other:
                    if outlets.get(ua.article, ua.article) != outlets.get(ub.article, ub.article) and not apart(ua, ub):
                        return True
    return False


def _told_apart(a: Sequence[tuple[Unit, Quantity]], b: Sequence[tuple[Unit, Quantity]]) -> bool:
    """Whether two sides' figures are given for different sites, for differently qualified things ('$200
    billion of Chinese imports' against '$60 billion in U.S. imports'), or one only for an incident and the
    other only as a running total: each side tells, and they share nothing."""
    for told in (lambda q: q.place, lambda q: q.qualifiers, lambda q: (q.scope,) if q.scope else ()):
        words_a = {w for _, q in a for w in told(q)}
        words_b = {w for _, q in b for w in told(q)}
        if words_a and words_b and not words_a & words_b:
            return True
    return False


def background_year(unit: Unit, day: date | None, predicate: str | None = None) -> int | None:
    """The year of the event the sentence dates well before the article's ``day`` ('the 2012 massacre', 'last
    year'), or ``None`` when it dates none or one near the article.

    With the ``predicate`` of a figure, the dates of that happening decide where the sentence has any and no
    other whole figure shares the predicate: in 'Friday's attack comes three months after 12 people were
    killed in August', the dead are August's.
    """
    if day is None or not unit.dates:
        return None
    if predicate is not None and sum(1 for q in unit.quantities if q.predicate == predicate and q.part == "whole") > 1:
        predicate = None  # 'Friday's attack killed 20, three months after 12 were killed in August': whose date?
    own = [d for d in unit.dates.values() if predicate is not None and d.predicate == predicate]
    dates = own or list(unit.dates.values())
    for stated in dates:
        if stated.granularity == "year" and stated.day.year >= day.year:
            return None
        months = (stated.day.year - day.year) * 12 + stated.day.month - day.month
        if stated.granularity != "year" and months >= -1:
            return None  # within a month of the article, or after it ('the trial is set for June')
    return min(stated.day.year for stated in dates)


def disputable(key: Key) -> bool:
    """Whether figures of this key are set against each other at all.

    Only counts whose meaning holds across wordings: a happening's toll
    (dead, injured, arrested, held), a role's number (attackers, staff), a
    sum of money or a measure of a named thing. Shares and other counts
    ('45 percent', '95 delegates', '13 points') depend on whose, among whom
    and by which poll, which a sentence rarely says in a way that can be
    matched, so they are not disputed here.
    """
    kind, _, event, thing = key
    if kind == "count":
        return event in EVENTS or thing in ROLES
    return kind in ("money", "measure") and bool(thing)


#: Figures further apart than this ratio count different scopes ('3,800' dead in a city, '100,000' in a war).
MAX_DISPUTE_RATIO = 10.0


def _lead(side: Sequence[tuple[Unit, Quantity]]) -> float:
    """A side's value to compare by: its lowest figure."""
    return min(abs(q.value) for _, q in side)


def _too_far(sides: Sequence[Sequence[tuple[Unit, Quantity]]]) -> bool:
    """Whether every pair of sides' values is further apart than :data:`MAX_DISPUTE_RATIO`."""
    leads = [_lead(side) for side in sides]
    return all(
        min(x, y) == 0 or max(x, y) / min(x, y) > MAX_DISPUTE_RATIO for n, x in enumerate(leads) for y in leads[n + 1 :]
    )


def _holders_differ(sides: Sequence[Sequence[tuple[Unit, Quantity]]]) -> bool:
    """Whether the sides' figures belong to different named holders ('Clinton's 135' against 'Trump's 95')."""
    held = [{q.holder for _, q in side if q.holder} for side in sides]
    known = [h for h in held if h]
    return len(known) >= 2 and not set.intersection(*known)


def _not_grown(
    sides: list[list[tuple[Unit, Quantity]]], published: Mapping[str, date | None]
) -> list[list[tuple[Unit, Quantity]]]:
    """The sides still in dispute once a toll's growth is allowed for: a side whose higher count comes only
    from articles published on a later day than every article of a lower side does not dispute it."""

    def days(side: Sequence[tuple[Unit, Quantity]]) -> list[date] | None:
        """The side's publication days, ``None`` where one is unknown."""
        found = [d for u, _ in side if (d := published.get(u.article)) is not None]
        return found if len(found) == len(side) else None

    disputed: set[int] = set()
    for m, a in enumerate(sides):
        for n in range(m + 1, len(sides)):
            low, high = (a, sides[n]) if _lead(a) <= _lead(sides[n]) else (sides[n], a)
            low_days, high_days = days(low), days(high)
            if low_days is None or high_days is None or max(low_days) >= min(high_days):
                disputed.update((m, n))
    return [side for n, side in enumerate(sides) if n in disputed]


def figure_disputes(
    units: Sequence[Unit],
    claim_of: Mapping[int, Claim],
    outlets: Mapping[str, str],
    label: Callable[[str], str],
    published: Mapping[str, date | None] | None = None,
) -> tuple[Disagreement, ...]:
    """The story's figure disputes, one per counted thing, each side with its value and articles.

    ``published`` gives each article's publication day, against which background events are told.
    """
    published = published or {}
    by_key: dict[tuple[Key, int | None], list[tuple[Unit, Quantity]]] = {}
    for unit in units:
        for q in unit.quantities:
            key = figure_key(q)
            if key is None or q.earlier or (q.bound == "about" and q.high):
                continue
            past = background_year(unit, published.get(unit.article), q.predicate)
            # a past event's toll ('the 1933 Griffith Park fire killed 29') is set only against tolls of that year's
            # events, never against the story's own; a past year's figure ('the 2017 deficit') is still the story's
            year = past if key[2] in EVENTS else None
            if q.part == "whole" or (q.part == "subset" and q.counted is not None and key[3] != "person"):
                by_key.setdefault((key, year), []).append((unit, q))
    out: list[Disagreement] = []
    for (key, year), items in by_key.items():
        if not disputable(key):
            continue
        items = _main_event(items, outlets)
        if len({outlets.get(u.article, u.article) for u, _ in items}) < 2:
            continue
        sides = _sides(items)
        if len(sides) < 2:
            continue
        # one side per outlet as the card names it (a reprint's own outlet too)
        kept = _exclusive(_one_side_each(sides, {u.article: label(u.article) for u, _ in items}), sides, outlets)
        if len(kept) < 2 or not _comparable(kept, outlets):
            continue
        if _holders_differ(kept) or _too_far(kept):
            continue
        if key[2] in EVENTS:  # a toll given higher only in later articles grew: no dispute between those sides
            kept = _not_grown(kept, published)
            if len(kept) < 2:
                continue
        found = _describe(key, kept, claim_of, label, published, year)
        if found.claims:  # (one claim may hold both sides: '$375 billion' and '$376 billion' state one fact)
            out.append(found)
    return tuple(out)


def _describe(
    key: Key,
    sides: Sequence[Sequence[tuple[Unit, Quantity]]],
    claim_of: Mapping[int, Claim],
    label: Callable[[str], str],
    published: Mapping[str, date | None],
    year: int | None = None,
) -> Disagreement:
    """A dispute card: the sides with their values, in a sentence made from the values (a past event's toll
    named as such: 'the number of people killed in an earlier event of 2015')."""
    spans = [[(u, q.span) for u, q in side] for side in sides]
    what = _what(key) + (f" in an earlier event of {year}" if year is not None else "")
    return dispute_card("numeric", spans, claim_of, label, f"The outlets differ on {what}: ", published=published)


_PLURALS = {"person": "people", "man": "men", "woman": "women", "child": "children", "staff": "staff"}


def _plural(noun: str) -> str:
    if noun in _PLURALS:
        return _PLURALS[noun]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun if noun.endswith("s") else noun + "s"


def _what(key: Key) -> str:
    """The thing disputed, in words: 'the number of people killed', 'the deficit' (only :func:`disputable` keys)."""
    kind, _, event, thing = key
    if kind == "measure" and event == "from":
        return f"the distance from {thing}"
    if kind != "count":
        return f"the {thing}"
    return (
        f"the number of {_plural(thing)} {_EVENT_WORDS[event]}"
        if event in EVENTS
        else f"the number of {_plural(thing)}"
    )
