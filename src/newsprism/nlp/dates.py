"""Dates: spaCy's DATE and TIME entities resolved to calendar dates.

Relative expressions ("on Tuesday", "last Friday", "yesterday", "two days
ago", "in May") are resolved against an *anchor*: the article's published
date when known. Without one, the anchor is inferred from the article's own
explicit dates: the day after the latest one it reports in the past tense
(news is written on the day of the latest event it reports, or the day
after), its year taken from a full date in the article, else from a weekday
written beside a date ("Wednesday, Sept. 11"), else the most recent year in
which that date has passed. Everything resolved that way is marked inferred.

Common shapes are parsed here directly (fast, and with news semantics: a bare
weekday in a past-tense sentence is the latest such day, in a future-tense
one the next); anything else date-like goes to ``dateparser``.
Durations, weeks, seasons and vague periods ("for months", "this week",
"earlier this summer") are skipped.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from ..model import Article, DateMention, Span, UnplacedDate
from .date_roles import at_edge, date_role, dated_event
from .entities import trim_name
from .numbers import plausible_year

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["Parsed", "parse_expression", "place_on", "resolve_dates"]

Granularity = Literal["day", "month", "year"]

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
NUMBERS = {
    w: n
    for n, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}
NUMBERS.update({"a": 1, "an": 1})
FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would"})  # "said it would meet on Thursday"
FUTURE_HEADS = frozenset({"expect", "schedule", "plan", "set", "due", "intend", "aim", "prepare", "hope", "go"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "’s", "'re", "’re"})
PAST_AUX = frozenset({"have", "has", "had", "was", "were", "'ve", "’ve", "'d", "’d"})
NEXT_WORDS = frozenset({"attack", "attacks", "anniversary", "commission", "memorial"})

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUM = r"(?P<n>\d+|" + "|".join(NUMBERS) + r")"
_PREFIX = re.compile(
    r"^(?:(?:the|on|in|since|by|until|till|from|as of|as late as|as early as|at|during|late|early|earlier|later|mid|"
    r"the end of|the start of|the beginning of|the middle of)\s+|mid-)+"
)
_AGO = re.compile(_NUM + r"\s+(?P<unit>day|days|week|weeks|month|months|year|years)\s+ago$")
_OFFSET = re.compile(r"(?:^|\s)(?P<mod>last|this|next)\s+(?P<unit>year|month)$")
_US_DATE = re.compile(
    r"(?:"
    + _WEEKDAY
    + r",?\s+)?"
    + _MONTH
    + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:\s*[-–]\s*\d{1,2})?(?:,?\s+(?P<year>\d{4}))?"
)
_UK_DATE = re.compile(
    r"(?:"
    + _WEEKDAY
    + r",?\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH
    + r"\b(?:,?\s+(?P<year>\d{4}))?"
)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_MONTH_YEAR = re.compile(_MONTH + r"(?:,|\s+of)?\s+(?P<year>\d{4})$")
_MONTH_ONLY = re.compile(r"(?:(?P<mod>last|this|next)\s+)?" + _MONTH + r"$")
_YEAR = re.compile(r"(?:(?:the\s+)?(?:year|fiscal|fy)\s+)?(?P<year>\d{4})$")
_WEEKDAY_WORD = re.compile(r"(?:(?P<mod>last|this|next|past)\s+)?" + _WEEKDAY + r"(?P<plural>s\b)?")
_SKIP = re.compile(
    r"\b(?:weeks?|weekends?|months|years|decades?|century|centuries|seasons?|summer|winter|spring|autumn|fall|"
    r"recent|recently|past|each|every|annual|annually|daily|weekly|monthly|yearly|quarter|half|era|period|ages?|"
    r"old|lifetime|times|coming|previous|following|overnight|day one|the day|days|hours?|minutes?|seconds?|"
    r"later|soon|now|once|twice|\d{4}s|'\d0s|’\d0s|\d{1,2}/\d{1,2})\b"
)
_DAY_WORDS = (
    (re.compile(r"\bday before yesterday\b"), -2),
    (re.compile(r"\b(?:yesterday|last night|last evening)\b"), -1),
    (re.compile(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b"), 0),
    (re.compile(r"\btomorrow\b"), 1),
)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A date expression's shape, before it is placed on the calendar.

    ``kind`` is ``day`` / ``month`` / ``year`` (explicit, ``year`` possibly
    unknown), ``weekday``, or ``offset_day`` / ``offset_month`` /
    ``offset_year`` (``offset`` units from the anchor).
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    modifier: str | None = None
    offset: int = 0

    @property
    def relative(self) -> bool:
        return self.kind in ("weekday", "offset_day", "offset_month", "offset_year") or self.modifier is not None


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace(".", "")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:()")
    return _PREFIX.sub("", text)


def parse_expression(text: str) -> Parsed | None:
    """The shape of a date expression, or ``None`` for durations, vague periods and non-dates."""
    t = _normalise(text)
    if not t:
        return None
    m = _AGO.search(t)
    if m:
        n = NUMBERS.get(m["n"]) if not m["n"].isdigit() else int(m["n"])
        unit = m["unit"].rstrip("s")
        if n is None or unit == "week":
            return None
        return Parsed(f"offset_{unit}", offset=-n)
    for pattern, offset in _DAY_WORDS:
        if pattern.search(t):
            return Parsed("offset_day", offset=offset)
    m = _OFFSET.search(t)
    if m and not re.search(r"\b(?:summer|winter|spring|autumn|fall|week)\b", t):
        step = {"last": -1, "this": 0, "next": 1}[m["mod"]]
        return Parsed(f"offset_{m['unit']}", offset=step)
    for pattern in (_ISO, _US_DATE, _UK_DATE):
        m = pattern.search(t)
        if m:
            month = int(m["month"]) if m["month"].isdigit() else MONTHS[m["month"]]
            day, year = int(m["day"]), int(m["year"]) if m["year"] else None
            if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year or 2024, month)[1]:
                return None
            weekday = WEEKDAYS.get(m.groupdict().get("weekday") or "")
            return Parsed("day", year=year, month=month, day=day, weekday=weekday)
    m = _MONTH_YEAR.search(t)
    if m:
        return Parsed("month", year=int(m["year"]), month=MONTHS[m["month"]])
    if _SKIP.search(t):
        return None
    m = _MONTH_ONLY.match(t)
    if m:
        return Parsed("month", month=MONTHS[m["month"]], modifier=m["mod"])
    m = _YEAR.match(t)
    if m:
        year = int(m["year"])
        return Parsed("year", year=year) if plausible_year(year) else None
    m = _WEEKDAY_WORD.search(t)
    if m and not m["plural"]:
        return Parsed("weekday", weekday=WEEKDAYS[m["weekday"]], modifier=m["mod"])
    return None


# --- tense ------------------------------------------------------------------


def tense(ent: SpacySpan) -> str:
    """``past``, ``future`` or ``present``: the tense of the verb governing a date expression."""
    tok = ent.root
    for _ in range(8):
        if tok.tag_.startswith("VB") or tok.tag_ == "MD":
            aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            if any(c.lower_ in FUTURE_AUX for c in aux):
                return "future"
            if tok.lemma_ in FUTURE_HEADS and tok.tag_ in ("VBN", "JJ") and any(c.lower_ in PRESENT_BE for c in aux):
                return "future"  # "they are scheduled to vote on Tuesday", "is expected on Friday"
            if tok.tag_ == "VBD" or any(c.lower_ in PAST_AUX for c in aux):
                return "past"
            if tok.tag_ == "VBN" and not aux:
                return "past"
            if tok.tag_ == "VB" and any(c.lower_ == "to" for c in aux):
                if tok.head.lemma_ in FUTURE_HEADS:
                    return "future"
            elif tok.tag_ != "VBG":
                return "present"
        if tok.head is tok:
            break
        tok = tok.head
    return "present"


# --- placing on the calendar ------------------------------------------------


def _shift_months(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + months
    return total // 12, total % 12 + 1


def _nearest_year(month: int, day: int, around: date) -> date | None:
    """The date ``month``/``day`` in the year (of three) nearest to ``around``."""
    options = []
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - around).days)) if options else None


def _weekday(p: Parsed, anchor: date, when: str) -> date:
    assert p.weekday is not None
    back = (anchor.weekday() - p.weekday) % 7
    if p.modifier in ("last", "past"):
        return anchor - timedelta(days=back or 7)
    if p.modifier == "this":
        return anchor - timedelta(days=anchor.weekday() - p.weekday)
    if p.modifier == "next" or when == "future":
        ahead = (p.weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=ahead or (7 if p.modifier == "next" else 0))
    return anchor - timedelta(days=back)


def _place(p: Parsed, anchor: date | None, when: str) -> tuple[str, Granularity] | None:
    """The resolved ``(date, granularity)``, or ``None`` when it needs an anchor we lack."""
    if p.kind == "year" and p.year:
        return f"{p.year:04d}", "year"
    if p.kind == "month" and p.year and p.month:
        return f"{p.year:04d}-{p.month:02d}", "month"
    if p.kind == "day" and p.year and p.month and p.day:
        return date(p.year, p.month, p.day).isoformat(), "day"
    if anchor is None:
        return None
    if p.kind == "day" and p.month and p.day:
        d = _nearest_year(p.month, p.day, anchor)
        return (d.isoformat(), "day") if d else None
    if p.kind == "month" and p.month:
        year = anchor.year
        if p.modifier == "last":  # the latest one before this month
            year -= p.month >= anchor.month
        elif p.modifier == "next":  # the first one after this month
            year += p.month <= anchor.month
        elif p.modifier == "this":
            pass
        elif when == "future":
            year += p.month < anchor.month
        else:
            year -= p.month > anchor.month
        return f"{year:04d}-{p.month:02d}", "month"
    if p.kind == "weekday":
        return _weekday(p, anchor, when).isoformat(), "day"
    if p.kind == "offset_day":
        return (anchor + timedelta(days=p.offset)).isoformat(), "day"
    if p.kind == "offset_month":
        year, month = _shift_months(anchor, p.offset)
        return f"{year:04d}-{month:02d}", "month"
    if p.kind == "offset_year":
        return f"{anchor.year + p.offset:04d}", "year"
    return None


def _published(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _infer_year(found: list[tuple[SpacySpan, Parsed, str]], today: date) -> int:
    """The year of the latest year-less date, when the article has no full date."""
    floor = max((p.year for _, p, _ in found if p.year and p.year <= today.year), default=1900)
    for _, p, _ in found:
        if p.kind == "day" and p.weekday is not None and p.month and p.day:
            # "Wednesday, Sept. 11": the latest year in which that date fell on that weekday.
            for year in range(today.year, max(floor, today.year - 30) - 1, -1):
                valid = (p.month, p.day) != (2, 29) or calendar.isleap(year)
                if valid and date(year, p.month, p.day).weekday() == p.weekday:
                    return year
    latest = max((p.month or 1, p.day or 1) for _, p, _ in found if p.kind == "day")
    year = today.year if latest <= (today.month, today.day) else today.year - 1
    return max(year, floor)


def _infer_anchor(found: list[tuple[SpacySpan, Parsed, str]], today: date) -> date | None:
    """The day after the latest explicit date the article reports in the past tense."""
    days = [(p, when) for _, p, when in found if p.kind == "day" and p.month and p.day]
    if not days:
        return None
    full = [date(p.year, p.month or 1, p.day or 1) for p, _ in days if p.year]
    if full:
        base = max(full)
    else:
        month, day = max((p.month or 1, p.day or 1) for p, _ in days)
        year = _infer_year(found, today)
        base = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    dated = []
    for p, when in days:
        d = date(p.year, p.month or 1, p.day or 1) if p.year else _nearest_year(p.month or 1, p.day or 1, base)
        if d is not None:
            dated.append((d, when))
    past = [d for d, when in dated if when == "past"]
    latest = max(past) if past else max(d for d, _ in dated)
    return latest + timedelta(days=1)


def _dateparser_fallback(text: str, anchor: date) -> tuple[str, Granularity] | None:
    """Resolve an expression the fast path does not know, with ``dateparser``."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day), "PREFER_DATES_FROM": "past"},
    )
    data = parser.get_date_data(text)
    if data.date_obj is None or data.period not in ("day", "month", "year", "time"):
        return None
    d = data.date_obj.date()
    if abs(d.year - anchor.year) > 60:
        return None
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    if data.period == "year":
        return f"{d.year:04d}", "year"
    return d.isoformat(), "day"


#: Words that make an expression a date when the fast path does not know its shape.
_DATE_WORDS = frozenset(
    {"today", "yesterday", "tomorrow", "tonight", "week", "weekend", "month", "year", "decade", "quarter", "ago"}
    | {"morning", "afternoon", "evening", "night"}
)


def _date_like(text: str) -> bool:
    """Whether an expression the fast path does not know names a date: a month or weekday, or a number
    with a date word or as a plausible year ('the 10th of last month', 'fall of 2019').

    A bare number spaCy took for a date ('62', an age; '1143', a time) is none.
    """
    words = re.findall(r"[a-z]+|\d+", _normalise(text))
    if _names_day(words):
        return True
    if not any(w.isdigit() for w in words):
        return False
    return any(
        w.removesuffix("s") in _DATE_WORDS or (len(w) == 4 and w.isdigit() and plausible_year(int(w))) for w in words
    )


def _named(parsed: Parsed) -> bool:
    """Whether the expression names its day: a date, a weekday, 'yesterday', not 'eight days ago'."""
    return parsed.kind in ("day", "weekday") or (parsed.kind == "offset_day" and abs(parsed.offset) <= 1)


def _names_day(words: list[str]) -> bool:
    return any(w in MONTHS or w in WEEKDAYS for w in words)


def resolve_dates(
    doc: Doc,
    article: Article,
    *,
    today: date | None = None,
    unanchored: list[UnplacedDate] | None = None,
    quotes: Sequence[Span] = (),
) -> tuple[tuple[DateMention, ...], str | None, bool]:
    """``(dates, reference_date, reference_inferred)`` for one article.

    ``today`` bounds the year inferred for year-less dates when the article
    gives none (default: the current date). When the article yields no anchor
    at all, the expressions that needed one are appended to ``unanchored``,
    for the story stage to place. A date within one of the ``quotes`` (direct
    quotes' spans) is marked ``quoted``.
    """
    found: list[tuple[SpacySpan, Parsed, str]] = []
    unknown: list[SpacySpan] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ent.end < len(doc) and doc[ent.end].lower_ in NEXT_WORDS:
            continue  # "the Sept. 11 attacks" names an event, not a date of this story
        parsed = parse_expression(ent.text)
        if parsed is None:
            if ent.label_ == "DATE" and _date_like(ent.text) and not _SKIP.search(_normalise(ent.text)):
                unknown.append(ent)
            continue
        found.append((ent, parsed, tense(ent)))
    anchor = _published(article)
    inferred = False
    if anchor is None:
        anchor = _infer_anchor(found, today or date.today())
        inferred = anchor is not None
    out: list[DateMention] = []
    for ent, parsed, when in found:
        reading = _reading(article, ent, when, _named(parsed), quotes)
        placed = _place(parsed, anchor, when)
        if placed is None:
            if unanchored is not None and anchor is None:
                unanchored.append(reading)
            continue
        depends = parsed.relative or (parsed.kind in ("day", "month") and parsed.year is None)
        out.append(reading.placed(*placed, relative=parsed.relative, inferred=inferred and depends))
    if anchor is not None:
        for ent in unknown:
            placed = _dateparser_fallback(ent.text, anchor)
            if placed is not None:
                relative = not re.search(r"\b\d{4}\b", ent.text)
                named = _names_day(re.findall(r"[a-z]+", _normalise(ent.text)))
                reading = _reading(article, ent, tense(ent), named, quotes)
                out.append(reading.placed(*placed, relative=relative, inferred=inferred and relative))
        out.sort(key=lambda m: m.span.start)
    reference = anchor.isoformat() if anchor is not None else None
    return tuple(out), reference, inferred


def _reading(article: Article, ent: SpacySpan, when: str, named: bool, quotes: Sequence[Span]) -> UnplacedDate:
    """A date expression as the parse reads it: its span, what it dates, and whether it is quoted."""
    start, end = _trimmed(article, ent)
    span = Span.of(article, start, end)
    quoted = any(q.contains(span) for q in quotes)
    return UnplacedDate(span, when, date_role(ent), at_edge(ent), named, *dated_event(ent), quoted=quoted)


#: What spaCy's DATE entities sometimes run on into: "Sept. 10, following weeks", "Sept. 10 after a week".
_RUN_ON = re.compile(r"(?:,\s+(?=[a-z])|\s+(?:after|before|following|when|while|as|amid|during)\s).*$", re.S)


def _trimmed(article: Article, ent: SpacySpan) -> tuple[int, int]:
    run_on = _RUN_ON.search(ent.text)
    stop = ent.start_char + run_on.start() if run_on and run_on.start() > 0 else ent.end_char
    start, end = trim_name(article.text, ent.start_char, stop)
    if end <= start:
        start, end = ent.start_char, ent.end_char
    return start, end


def place_on(text: str, anchor: date, when: str) -> tuple[str, Granularity, bool] | None:
    """Resolve a date expression's text against ``anchor``: ``(date, granularity, relative)``.

    ``when`` is the tense of its clause (``past``, ``present``, ``future``).
    Used to re-place an article's dates on its story's calendar.
    """
    parsed = parse_expression(text)
    if parsed is None:
        return None
    placed = _place(parsed, anchor, when)
    return (placed[0], placed[1], parsed.relative) if placed is not None else None
