"""Quantities: the figures a sentence states, bound by the parse to what they count.

One record per figure, made once in the NLP pass from the spaCy Doc:
"at least 59 people dead" gives 59, counted ``people``, predicate ``dead``,
bound ``at_least``; "$61 billion in aid" gives 6.1e10 ``USD``, counted
``aid``; "unemployment fell to 7.8 percent" gives 7.8 ``%`` of
``unemployment``. Later stages compare these records and never look for
numbers in raw text again.

A figure is a run of number tokens ("3,000", "61 billion", "two hundred",
"twenty-five"). Dates, times, years and ordinals are left out (dates have
their own records), and so is an age said in passing ("a 27-year-old man")
and the word "one", too common to count anything. Durations ("four weeks")
and ages at death ("died at 75") are their own kinds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import reporting_verbs
from ..model import Article, Bound, Part, Quantity, QuantityKind, Span
from .dates import MONTHS, WEEKDAYS
from .figure_scope import distance_places, figure_holder, figure_place, figure_qualifiers, figure_scope, governor
from .numbers import (
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    MEASURES,
    PERCENT,
    VAGUE,
    digits,
    group_value,
    number_groups,
    number_value,
    range_end,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["extract_quantities"]

#: Time words: a figure counting them is a duration, an age or a date (not compared as a figure here).
_TIME_WORDS = frozenset(
    {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "night", "old", "am", "pm"}
)
_DATE_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})
#: Words that make a number part of a date: month and weekday names (the date parser's own tables), today...
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"today", "yesterday", "tomorrow"}
#: Qualifiers before a figure, lower-cased word tuples -> bound.
_QUALIFIERS: dict[tuple[str, ...], Bound] = {
    ("at", "least"): "at_least",
    ("more", "than"): "more_than",
    ("over",): "more_than",
    ("upwards", "of"): "more_than",
    ("in", "excess", "of"): "more_than",
    ("up", "to"): "at_most",
    ("as", "many", "as"): "at_most",
    ("no", "more", "than"): "at_most",
    ("nearly",): "at_most",
    ("almost",): "at_most",
    ("close", "to"): "at_most",
    ("above",): "more_than",
    ("past",): "more_than",  # 'the toll climbed past 600'
    ("below",): "less_than",
    ("fewer", "than"): "less_than",
    ("less", "than"): "less_than",
    ("under",): "less_than",
    ("about",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("approximately",): "about",
    ("some",): "about",
    ("an", "estimated"): "about",
    ("estimated",): "about",
}
_PART_BEFORE = frozenset({"another", "additional", "further", "extra", "remaining"})
_PART_MODIFIERS = frozenset(
    {"other", "more", "additional", "further", "another", "extra", "remaining", "fewer", "less"}
)
_PART_PREPOSITIONS = frozenset({"including", "among", "include"})
#: Prepositions that set a threshold on a noun's own measure ('men over 55'), not a count of it.
_THRESHOLDS = frozenset({"over", "under", "above", "below"})
#: Verbs whose object's state names what happened ('left 141 people dead').
_RESULT_VERBS = frozenset({"leave", "make", "keep", "find", "report", "confirm", "declare", "pronounce"})
#: Verbs that, taking lives, say that people died: 'claimed the lives of 67 Israelis', 'cost 1,900 lives'.
_LIFE_VERBS = frozenset({"claim", "take", "cost", "lose"})
_TALLY_WORDS = frozenset(
    {
        "decision",
        "vote",
        "ruling",
        "verdict",
        "majority",
        "margin",
        "split",
        "rule",
        "win",
        "victory",
        "defeat",
        "score",
    }
)


_DURATION_DAYS = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "month": 30.0,
    "year": 365.0,
    "decade": 3650.0,
}


def _duration(group: Sequence[Token]) -> tuple[float, Token] | None:
    """Days per unit and the unit's token when the figure counts elapsed time ('four weeks', 'a seven-hour siege').

    An age ('27-year-old', '31 years old') is not a duration.
    """
    last, doc = group[-1], group[-1].doc
    at = last.i + 1
    if at < len(doc) and doc[at].text in ("-", "–"):
        at += 1
    if at >= len(doc):
        return None
    unit = doc[at]
    days = _DURATION_DAYS.get(unit.lemma_.lower())
    if days is None:
        return None
    after = doc[at + 1 : at + 3]
    if any(t.lower_ == "old" for t in after):
        return None  # an age
    if any(t.lower_.rstrip(".") in _CALENDAR for t in doc[max(0, group[0].i - 2) : at + 3]):
        return None  # part of a date
    return days, unit


_DYING = frozenset({"die", "dies", "died", "dying", "pass", "passed", "retire", "retired"})


def _age_at(anchor: Token) -> bool:
    """Whether the figure is an age: 'dies at 75', 'died at age 75', 'at the age of 75', 'aged 75'."""
    head = anchor.head
    if head.lower_ == "aged" or (head.lemma_.lower() == "age" and head.i < anchor.i):
        return True
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "age":
        return True
    verb = head.head
    return anchor.dep_ == "pobj" and head.lower_ == "at" and (verb.lemma_.lower() in _DYING or verb.lower_ in _DYING)


def _dated(group: Sequence[Token]) -> bool:
    """Whether the figure is part of a date, time, year, ordinal, age or duration."""
    first, last = group[0], group[-1]
    if first.ent_type_ in _DATE_LABELS:
        ent = next((e for e in first.doc.ents if e.start <= first.i < e.end), None)
        if ent is not None and any(t.lemma_.lower() in _TIME_WORDS or t.lower_.rstrip(".") in _CALENDAR for t in ent):
            return True
        if ent is not None and ent.label_ in ("TIME", "ORDINAL"):
            return True
    before = first.doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.lower_.rstrip(".") in _CALENDAR:
        return True  # 'Oct. 8', 'May 14' (whatever the entity recogniser made of it)
    text = first.text
    if len(group) == 1 and text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100:
        return True  # a year
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.text in ("-", "–") and last.i + 2 < len(last.doc):
        after = last.doc[last.i + 2]
        if after.lemma_.lower() in _TIME_WORDS:
            return True  # '27-year-old', '10-day'
    head = last.head if last.head.i != last.i else last
    return head.lemma_.lower() in _TIME_WORDS and head.i > last.i


def _phrase(tok: Token) -> str:
    """A noun's lemma with its compound modifiers: 'death toll', 'product category'."""
    words = [
        c.lemma_.lower()
        for c in tok.children
        if c.dep_ == "compound"
        and c.i < tok.i
        and not c.like_num
        and c.lower_ not in PERCENT
        and c.lemma_.lower() not in MEASURES
    ]
    return " ".join([*words, tok.lemma_.lower()])


def _noun(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN")


def _bound(doc: Doc, first: Token, last: Token) -> tuple[Bound, int]:
    """The qualifier before (or 'or more' after) the figure, and where the figure's span starts."""
    start = first.i
    if start > first.sent.start and doc[start - 1].lower_ in CURRENCY_SIGNS:
        start -= 1  # '$' before the number: the qualifier comes before it
    if start >= 2 and doc[start - 1].text in ("-", "–") and doc[start - 2].lower_ == "half":
        start -= 2  # 'half-dozen'
    if start > first.sent.start and doc[start - 1].lower_ in ("a", "an") and start < first.i:
        start -= 1  # 'a half-dozen'
    exact_start = start
    words = [t.lower_ for t in doc[max(first.sent.start, start - 3) : start]]
    for size in (3, 2, 1):
        if len(words) >= size and tuple(words[-size:]) in _QUALIFIERS:
            if words[-size:] == ["past"] and words[-2:-1] in (["the"], ["this"]):
                break  # 'the past 24 hours' is a period, not a bound
            return _QUALIFIERS[tuple(words[-size:])], start - size
    after = [t.lower_ for t in doc[last.i + 1 : min(len(doc), last.i + 3)]]
    if after[:2] == ["or", "more"] or after[:1] == ["plus"]:
        return "at_least", exact_start
    return "exact", exact_start


def _predicate(counted: Token | None, anchor: Token) -> str | None:
    """What the counted things did or underwent: a relative clause on them, else their verb."""
    for node in (counted, anchor):
        if node is None:
            continue
        for child in node.children:
            if child.dep_ in ("relcl", "acl", "amod") and child.pos_ in ("VERB", "ADJ") and child.i > node.i:
                return child.lemma_.lower()
    verb = governor(counted or anchor)
    if verb is None:
        return None
    for _ in range(3):  # 'are believed to have died', 'were reported killed': the verb inside
        inner = next((c for c in verb.children if c.dep_ in ("xcomp", "oprd") and c.pos_ == "VERB"), None)
        if inner is None:
            break
        verb = inner
    if verb.lemma_.lower() in _LIFE_VERBS and _lives(counted or anchor, verb):
        return "die"
    if verb.lemma_.lower() in _RESULT_VERBS:
        state = next((c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp") and c.pos_ == "ADJ"), None)
        if state is not None:
            return state.lemma_.lower()
    if verb.lemma_.lower() == "be":  # '10 children were among the dead'; 'at least 84 people are dead'
        among = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"), None)
        group = next((c for c in among.children if c.dep_ == "pobj"), None) if among is not None else None
        if group is not None:
            return group.lemma_.lower()
        state = next((c for c in verb.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
        if state is not None:
            return state.lemma_.lower()
    return verb.lemma_.lower()


def _lives(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` is, or belongs to, the lives a verb takes ('1,900 lives', 'the lives of 67 Israelis')."""
    node = tok
    while node.i != verb.i:
        if node.lemma_.lower() == "life":
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _counted(anchor: Token) -> tuple[Token | None, Part]:
    """The noun the figure counts, and whether the figure is a whole count, a subset or an addition."""
    head = anchor.head
    doc = anchor.doc
    after = doc[anchor.i + 1] if anchor.i + 1 < len(doc) else None
    if anchor.dep_ == "quantmod" and head.like_num and after is not None and after.lower_ == "of":
        noun = head.head if _noun(head.head) else None
        return noun, "subset"  # 'eight of 18 counts'
    if anchor.dep_ in ("nummod", "quantmod", "amod", "compound") and _noun(head) and head.i > anchor.i:
        if head.lower_ in ("others", "more"):
            return None, "addition"  # 'two others were arrested': besides a count given before
        if any(c.lower_ in _PART_MODIFIERS for c in head.children if c.dep_ in ("amod", "advmod", "det")):
            return head, "addition"  # 'three other Americans', '48 more cases'
        return head, _included(head)
    of = next((c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is not None and (obj.pos_ in ("PRON", "NUM") or _a_known_set(obj)):
            return None, "subset"  # 'four of them', 'two of whom', 'two of the four', '132 of the dead'
        if obj is not None and _noun(obj):
            return obj, _included(anchor)
    if anchor.dep_ in _LEVEL_OBJECTS and head.pos_ == "VERB" and head.lemma_.lower() in _LEVEL_VERBS:
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and _noun(c)), None)
        return subject, "whole"  # 'claims totaled 2.1 million'
    if anchor.dep_ == "pobj" and head.dep_ == "prep":
        holder = head.head
        if _noun(holder):
            return holder, "whole"  # 'a death toll of 14'
        if holder.pos_ in ("VERB", "AUX"):
            found = [c for c in holder.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and _noun(c)]
            found.sort(key=lambda c: c.dep_ != "dobj")  # 'put the toll at 21' before 'the toll rose to 14'
            return (found[0] if found else None), "subset" if head.lower_ in _PART_PREPOSITIONS else "whole"
    return None, _included(anchor)


def _a_known_set(noun: Token) -> bool:
    """Whether an of-phrase's noun is a set already counted or named: 'of the dead', 'of four injured'."""
    return any(c.lower_ in ("the", "those") or (c.dep_ == "nummod" and c.like_num) for c in noun.children)


def _included(tok: Token) -> Part:
    """``subset`` when ``tok`` is introduced as part of a larger set ('including 84 children'), else ``whole``."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return "subset" if node.dep_ == "pobj" and node.head.lower_ in _PART_PREPOSITIONS else "whole"


def _kind(anchor: Token, first: Token, last: Token) -> tuple[QuantityKind, str, float, Token | None]:
    """The figure's kind, unit, factor to the unit and the unit's token (a percent or measure noun)."""
    doc = anchor.doc
    before = doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.lower_ in CURRENCY_SIGNS:
        return "money", CURRENCY_SIGNS[before.lower_], 1.0, None
    for child in anchor.children:
        if child.lower_ in CURRENCY_SIGNS and child.i < first.i:
            return "money", CURRENCY_SIGNS[child.lower_], 1.0, None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and (
        nxt.lower_ in PERCENT or (nxt.lower_ == "per" and doc[nxt.i + 1 : nxt.i + 2].text == "cent")
    ):
        return "percent", "%", 1.0, nxt
    if nxt is not None and nxt.text in ("-", "–") and last.i + 2 < len(doc):
        nxt = doc[last.i + 2]  # '2-kilometer', '19-ton'
    for tok in (nxt, anchor.head):
        if tok is None or tok.i <= last.i - 1:
            continue
        lemma = tok.lemma_.lower()
        if lemma in CURRENCY_WORDS:
            return "money", CURRENCY_WORDS[lemma], 1.0, tok
        if lemma in MEASURES and tok.i <= last.i + 2:
            unit, factor = MEASURES[lemma]
            return "measure", unit, factor, tok
    return "count", "", 1.0, None


def _tally(group: Sequence[Token]) -> float | None:
    """'7-2' in 'a 7-2 decision': the value 100 * first + second, when a tally word is near."""
    first, doc = group[-1], group[-1].doc
    if first.i + 2 >= len(doc) or doc[first.i + 1].text not in ("-", "–") or not doc[first.i + 2].like_num:
        return None
    a, b = number_value(first.text), number_value(doc[first.i + 2].text)
    if a is None or b is None or a > 99 or b > 99:
        return None
    near = doc[max(first.sent.start, first.i - 3) : min(first.sent.end, first.i + 6)]
    if any(t.lemma_.lower() in _TALLY_WORDS for t in near) or first.head.lemma_.lower() in _TALLY_WORDS:
        return 100.0 * a + b  # a tally word beside it: 'a 7-2 decision', 'ruled 5-4'
    return None


def extract_quantities(doc: Doc, article: Article) -> tuple[Quantity, ...]:
    """Every figure of ``doc`` with what it counts, in text order."""
    out: list[Quantity] = []
    taken: set[int] = set()  # second numbers of tallies and ranges, already read
    for group in number_groups(doc):
        if group[0].i in taken:
            continue
        found = _tally_quantity(group, article, taken)
        if found is None:
            duration = _duration(group)
            if duration is not None:
                found = _duration_quantity(group, duration, article)
            elif not _dated(group):
                found = _figure(group, article, taken)
                if found is not None and found.part == "addition" and _besides_another_happening(group, found, out):
                    found = replace(found, part="whole")
        if found is not None:
            out.append(found)
    return tuple(out)


def _besides_another_happening(group: Sequence[Token], figure: Quantity, before: Sequence[Quantity]) -> bool:
    """Whether 'others' sets the figure beside an earlier count of another happening in its sentence.

    'Four people were killed and four others wounded' counts all the
    wounded: the others are others than the dead, not more wounded on top of
    a count given before ('two were arrested, and two others later').
    """
    anchor = group[-1]
    noun = anchor.head
    others = noun.lower_ == "others" or any(c.lower_ == "other" for c in noun.children if c.dep_ == "amod")
    if not others or figure.predicate is None:
        return False
    start = anchor.sent.start_char
    return any(
        q.span.start >= start and q.kind == "count" and q.predicate not in (None, figure.predicate) for q in before
    )


def _tally_quantity(group: Sequence[Token], article: Article, taken: set[int]) -> Quantity | None:
    """A vote or score ('a 7-2 decision') as a tally record."""
    tally = _tally(group)
    if tally is None:
        return None
    first, last, doc = group[0], group[-1], group[0].doc
    end_tok = doc[last.i + 2]
    taken.add(end_tok.i)
    return Quantity(Span.of(article, first.idx, end_tok.idx + len(end_tok.text)), tally, "tally", "tally", None, None)


def _duration_quantity(group: Sequence[Token], duration: tuple[float, Token], article: Article) -> Quantity | None:
    """Elapsed time ('four weeks of fighting') in days; ``duration`` is what :func:`_duration` found."""
    value = group_value(group)
    if value is None:
        return None
    days, time_tok = duration
    first, last, doc = group[0], group[-1], group[0].doc
    bound, start = _bound(doc, first, last)
    span = Span.of(article, doc[start].idx, time_tok.idx + len(time_tok.text))
    return Quantity(span, value * days, "duration", "day", None, None, bound=bound, digits=digits(group))


def _figure(group: Sequence[Token], article: Article, taken: set[int]) -> Quantity | None:
    """A count, sum, rate, measure or age at death, bound to what it counts; ``None`` for an age said in passing
    or a small number that counts nothing we can name."""
    first, last, doc = group[0], group[-1], group[0].doc
    value = group_value(group)
    if value is None:
        return None
    anchor = next((t for t in group if not (group[0].i <= t.head.i <= group[-1].i) or t.head.i == t.i), last)
    if anchor.dep_ == "appos" and anchor.head.pos_ == "PROPN":
        return None  # an age: 'Bouhlel, 31,'
    if anchor.dep_ == "pobj" and anchor.head.lower_ in _THRESHOLDS and _noun(anchor.head.head):
        return None  # a bound on what the noun is, not a count of it: 'two men over 55', 'children under 5'
    if _age_at(anchor):  # 'dies at 75', 'at the age of 75': a fact of the story (an age said in passing is not)
        bound, start = _bound(doc, first, last)
        span = Span.of(article, doc[start].idx, last.idx + len(last.text))
        return Quantity(span, value, "age", "year", None, _predicate(None, anchor), digits=digits(group))
    kind, unit, factor, unit_tok = _kind(anchor, first, last)
    bound, start = _bound(doc, first, last)
    end_tok = unit_tok if unit_tok is not None and unit_tok.i > last.i else last
    if kind == "percent" and end_tok.lower_ == "per":
        end_tok = doc[end_tok.i + 1]
    vague = next((VAGUE[t.lower_] for t in group if t.lower_ in VAGUE), None)
    counted_from = unit_tok if kind in ("percent", "measure", "money") and unit_tok is not None else anchor
    counted, part = _counted(counted_from)
    if kind != "count" and counted is not None and counted.i == counted_from.i:
        counted = None
    if kind in ("money", "percent") and counted is None:
        counted = _object_of(counted_from)
    before = doc[min(first.i, start) - 1] if min(first.i, start) > 0 else None  # (before a currency sign too)
    if bound == "exact" and before is not None and before.lower_ in _PART_BEFORE:
        part = "addition"  # 'another 3,000', 'the remaining $300 billion'
    ranged = range_end(last)
    high = None
    if vague is not None:  # 'dozens of people': somewhere from two dozen to a hundred
        (value, high), bound = vague, "about"
    elif ranged is not None:
        high, high_tok = ranged
        taken.add(high_tok.i)
        if high_tok.i > end_tok.i:
            end_tok = high_tok
    if kind == "count" and counted is None and value < 100 and not _predicate(None, anchor):
        return None  # a bare small number counts nothing we can name
    reference, place = (None, ()) if kind != "measure" or unit != "km" else distance_places(doc[start], end_tok)
    return Quantity(
        Span.of(article, doc[start].idx, end_tok.idx + len(end_tok.text)),
        value * factor,
        kind,
        unit,
        _phrase(counted) if counted is not None else None,
        _predicate(counted, anchor),
        bound=bound,
        part=part,
        high=high * factor if high is not None else None,
        earlier=_earlier(anchor if unit_tok is None or kind == "money" else unit_tok),
        digits=digits(group),
        holder=figure_holder(counted, anchor),
        scope=figure_scope(counted, anchor) if kind == "count" else None,
        place=figure_place(counted, anchor) if kind == "count" else place,
        qualifiers=figure_qualifiers(counted, start, end_tok.i + 1),
        reference=reference,
    )


#: Verbs whose object is the level their subject reaches: 'claims totaled 2.1 million'.
_LEVEL_VERBS = frozenset(
    {"total", "reach", "number", "top", "exceed", "hit", "surpass", "near", "equal", "amount", "remain", "stay"}
)
#: How the parse attaches the level to its verb ('totaled 2.1 million', 'the toll remained 12').
_LEVEL_OBJECTS = frozenset({"dobj", "attr", "npadvmod", "acomp", "oprd"})
_CHANGE_VERBS = frozenset(
    {"fall", "rise", "drop", "climb", "increase", "decrease", "grow", "decline", "jump", "dip", "slip", "fell", "go"}
)


#: Adverbs by which a report gives a figure as superseded: 'police had earlier said there were five dead'.
_BEFORE_NOW = frozenset({"earlier", "initially", "previously", "originally"})
#: Words after such an adverb that make it a time instead ('said earlier today', 'earlier than expected').
_TIME_AFTER = frozenset({"today", "tonight", "yesterday", "this", "that", "on", "in", "than"})
#: Links from a clause up to the verb that reports it ('there were five dead', reported by 'said').
_REPORTED = frozenset({"ccomp", "xcomp", "parataxis"})
#: Clauses that tell of something else: a figure inside one is not the report's ('The gunman, who killed 12,
#: had previously been arrested').
_OTHER_CLAUSES = frozenset({"relcl", "acl", "advcl"})
#: How far up the parse the reporting verb is looked for.
_BEFORE_NOW_DEPTH = 6


def _earlier(tok: Token) -> bool:
    """Whether the figure is given as an earlier value: 'fell to 7.8 percent from 8.1 percent', 'up from 12',
    or reported as superseded: 'police had earlier said there were five dead', 'officials initially reported
    six', 'the agency had previously put the toll at 12'. Not the '14' of ', but later raised it to 14', nor a
    figure in another clause ('The gunman, who killed 12, had previously been arrested'), nor a report dated
    'earlier today'."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "from":
        holder = head.head
        if holder.lemma_.lower() in _CHANGE_VERBS or holder.lower_ in ("up", "down"):
            return True
    node = tok
    for _ in range(_BEFORE_NOW_DEPTH):
        verbal = node.pos_ in ("VERB", "AUX")
        if verbal and _reports_superseded(node):
            return True
        if node.head.i == node.i or node.dep_ in _OTHER_CLAUSES or (verbal and node.dep_ not in _REPORTED):
            return False
        node = node.head
    return False


def _reports_superseded(verb: Token) -> bool:
    """Whether ``verb`` reports (or puts a figure) with an adverb that gives the report as superseded."""
    lemma = verb.lemma_.lower()
    if lemma != "put" and lemma not in reporting_verbs():
        return False
    doc = verb.doc
    for child in verb.children:
        if child.dep_ != "advmod" or child.lower_ not in _BEFORE_NOW:
            continue
        after = doc[child.i + 1] if child.i + 1 < len(doc) else None
        if after is not None and (after.ent_type_ in ("DATE", "TIME") or after.lower_ in _TIME_AFTER):
            continue  # 'said earlier today': when it was said
        return True
    return False


def _object_of(tok: Token) -> Token | None:
    """What money or a rate is of: '$61 billion in aid', '7.8 percent of voters', 'unemployment fell to 7.8%'."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "for"):
            obj = next((c for c in child.children if c.dep_ == "pobj" and _noun(c)), None)
            if obj is not None:
                return obj
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return next((c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass") and _noun(c)), None)
    return None
