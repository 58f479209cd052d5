"""Where aligned sentences cannot all be true: conflicts and their explanations.

Alignment (:mod:`.claims`) asks :func:`conflict` before it lets two sentences
support one claim: sentences that state the same fact with a different
number, a different day, the opposite polarity, a denial, or a different
speaker stay in separate claims. The pairs that were similar enough to align
but for the conflict become :class:`~newsprism.model.Disagreement` records,
each with both sides cited and a sentence a reader understands.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ...model import Claim, DateMention, Disagreement, DisputeSide, Quantity, Span
from .figures import figure_thing
from .units import Unit, name_words, words_between

__all__ = [
    "Conflict",
    "conflict",
    "date_conflict",
    "denial_target",
    "describe",
    "distinct_figures",
    "numeric_conflict",
    "shared_figure",
    "shared_tally",
    "polarity_conflict",
    "shortened",
    "speaker_conflict",
]

#: Two exact figures closer than this (relative) are the same figure.
EXACT_TOLERANCE = 0.02
#: Figures further apart than this ratio count different things, not a dispute.
MAX_RATIO = 2.5
#: Days further apart than this are different events, not a dispute over one.
MAX_DATE_GAP_DAYS = 31
@dataclass(frozen=True, slots=True)
class Conflict:
    """Why two sentences cannot support one claim, with the evidence."""

    kind: str  # numeric | date | contradiction | denial | attribution | distinct (different facts, no dispute)
    detail: tuple[str, str] = ("", "")  # the figure, day or speaker on each side


def _rounds_to(precise: Quantity, rough: Quantity) -> bool:
    """Whether ``rough`` is ``precise`` written with fewer digits ('2.1 million' for '2.123 million')."""
    if rough.digits >= precise.digits or precise.value == 0:
        return False
    magnitude = math.floor(math.log10(abs(precise.value)))
    rounded = round(precise.value, -(magnitude - rough.digits + 1))
    return math.isclose(rounded, rough.value, rel_tol=1e-9)


def _covers(rough: Quantity, other: Quantity) -> bool:
    """Whether an approximate figure covers another: 'about 4,000' covers 3,870, 'some 3,300' not 3,500.

    The other figure, rounded to the significant digits the approximate one
    is written with, must give it back: 'about 70%' does not cover 'more
    than 75 percent'.
    """
    if other.value == 0 or rough.value == 0:
        return False
    magnitude = math.floor(math.log10(abs(other.value)))
    rounded = round(other.value, -(magnitude - _significant_digits(rough) + 1))
    return math.isclose(rounded, rough.value, rel_tol=1e-9)


def _same_figure(a: Quantity, b: Quantity) -> bool:
    if a.value == b.value:
        return True
    if a.kind == "tally" or b.kind == "tally":
        return False
    if _rounds_to(a, b) or _rounds_to(b, a):
        return True
    if abs(a.value - b.value) <= EXACT_TOLERANCE * max(abs(a.value), abs(b.value)):
        return True
    return (a.bound != "exact" and _covers(a, b)) or (b.bound != "exact" and _covers(b, a))


def shared_figure(a: Unit, b: Unit, *, specific: bool = False) -> bool:
    """Whether two sentences give the same figure for the same thing (rounding allowed).

    With ``specific``, only a figure unlikely to match by chance counts: a
    sum of money, a percentage, a fraction, or a count of 100 or more.
    """
    for qa in a.quantities:
        for qb in b.quantities:
            if not _same_figure(qa, qb) or (specific and not _specific(qa)):
                continue
            # A figure of three or more significant digits ('2,438,000' / '2.438
            # million') rarely recurs by chance, whatever it is said to count.
            same_thing = (ta := figure_thing(qa)) is not None and ta == figure_thing(qb)
            if same_thing or (specific and _significant_digits(qa) >= 3 and qa.value == qb.value):
                return True
    return False


def shared_tally(a: Unit, b: Unit) -> bool:
    """Whether two sentences give the same vote or score ('a 7-2 decision', 'the 7-2 verdict')."""
    return any(
        qa.kind == "tally" and qb.kind == "tally" and qa.value == qb.value for qa in a.quantities for qb in b.quantities
    )


def _specific(q: Quantity) -> bool:
    return abs(q.value) >= 100 or not float(q.value).is_integer() or q.kind in ("money", "percent")


def _significant_digits(q: Quantity) -> int:
    digits = f"{abs(q.value):.6f}".replace(".", "").strip("0")
    return len(digits)


def numeric_conflict(a: Unit, b: Unit) -> tuple[Quantity, Quantity] | None:
    """Two figures counting the same thing that differ (and neither side also gives the other's).

    Figures that add up are not a dispute: '64 soldiers and three civilians'
    against '67 Israelis' (the side with the lower figure writes the rest;
    '14 died, two more than the ministry's figure' is a dispute), or 'the
    ambassador and three other Americans' against 'four Americans' (a part,
    marked by ``part``, is never set against a whole). Figures of different
    things never meet: '900 Palestinian militants' and '1,900 Palestinians'
    count militants and Palestinians.
    """
    found = _figure_clash(a, b)
    return (found[0], found[1]) if found is not None and found[2] else None


def distinct_figures(a: Unit, b: Unit) -> bool:
    """Figures for one kind of thing that count different sets ('70 people' and '48 other people').

    Such sentences state different facts, so they never support one claim,
    but they do not dispute each other either.
    """
    found = _figure_clash(a, b)
    return found is not None and not found[2]


def _figure_clash(a: Unit, b: Unit) -> tuple[Quantity, Quantity, bool] | None:
    """Two differing figures of one thing, and whether they dispute one count (else they count different sets)."""
    written = {id(a): {q.value for q in a.quantities}, id(b): {q.value for q in b.quantities}}
    things_a = [(q, figure_thing(q)) for q in a.quantities]
    things_b = [(q, figure_thing(q)) for q in b.quantities]
    distinct: tuple[Quantity, Quantity, bool] | None = None
    for qa, ta in things_a:
        if ta is None or any(tb == ta and _same_figure(qa, qb) for qb, tb in things_b):
            continue
        if ":" in ta and distinct is None:  # one happening, different people: '900 militants' and '1,900 Palestinians'
            event = ta.split(":", 1)[0]
            for qb, tb in things_b:
                if not tb or tb == ta or tb.split(":", 1)[0] != event or _same_figure(qa, qb):
                    continue
                low, high = sorted((abs(qa.value), abs(qb.value)))
                parts = written[id(a) if abs(qa.value) == low else id(b)]
                if low > 0 and high / low <= MAX_RATIO and (high - low) not in parts - {low, high}:
                    distinct = (qa, qb, False)  # (not '64 soldiers and three civilians' against '67 Israelis')
                    break
        for qb, tb in things_b:
            if tb != ta or any(_same_figure(qb, q) for q, t in things_a if t == tb):
                continue
            low, high = sorted((abs(qa.value), abs(qb.value)))
            if not (low > 0 and high / low <= MAX_RATIO):
                continue
            parts = written[id(a) if abs(qa.value) == low else id(b)]
            if qa.kind != "tally" and (high - low) in parts - {low, high}:
                continue  # the lower side gives the rest ('64 soldiers and three civilians'): one fact
            if qa.part != "whole" or qb.part != "whole" or qa.earlier or qb.earlier or qa.kind == "duration":
                distinct = distinct or (qa, qb, False)
                continue
            return qa, qb, True
    return distinct


def _event_days(u: Unit) -> dict[str, DateMention]:
    """The days a sentence names for its event: not the day of the statement nor a bound (as the parse found).

    A day counted to ('eight days ago') is left out: news counts loosely, and
    often to another event than the sentence's.
    """
    return {text: m for text, m in u.dates.items() if m.granularity == "day" and m.named and m.role == "event"}


def date_conflict(a: Unit, b: Unit) -> tuple[str, str] | None:
    """Both sentences date their event to a day, and no day is shared (within a month of each other).

    Only the dates of the event itself compare: 'the mayor said yesterday
    that 14 bodies had been recovered' dates the statement, and 'by
    Wednesday morning' bounds the recovery; neither disputes the other.
    """
    days_a = _event_days(a)
    days_b = _event_days(b)
    if not days_a or not days_b or {m.day for m in days_a.values()} & {m.day for m in days_b.values()}:
        return None
    ta, ma = min(days_a.items(), key=lambda kv: kv[1].day)
    tb, mb = min(days_b.items(), key=lambda kv: min(abs((kv[1].day - m.day).days) for m in days_a.values()))
    gap = abs((ma.day - mb.day).days)
    if gap > MAX_DATE_GAP_DAYS:
        return None
    if gap == 1 and (ma.edge or mb.edge):
        return None  # 'about midnight Wednesday' and 'late Tuesday' may be one moment
    return f"{ta} ({ma.iso})", f"{tb} ({mb.iso})"


def polarity_conflict(a: Unit, b: Unit) -> bool:
    """One sentence negates what the other states.

    The negation must touch the shared content, and the predicate it negates
    must be stated plainly on the other side: 'did not attend the unveiling'
    does not contradict 'the team was unveiled', and a quote ('you should
    not be turned away') does not contradict itself when the other side
    carries the same negation.
    """
    return _polarity(a, b) == "contradiction"


def _polarity(a: Unit, b: Unit) -> str | None:
    """``contradiction``, ``distinct`` (one side negates a predicate the other never states) or ``None``."""
    if a.negated == b.negated or a.denial or b.denial:
        return None
    neg, plain = (a, b) if a.negated else (b, a)
    if not neg.negations:
        return None
    negation = neg.negations[0]
    if negation.pending and plain.ongoing:
        return None  # 'not yet finalised' and 'still being finalised' say the same
    if _carries_negation(plain, negation.cue, _negated_words(neg, negation.cue)):
        return None  # one tweet quoted by two outlets: the parse hung its 'No' on different verbs
    # what the plain side negates itself is not stated plainly
    stated = frozenset(
        lemma
        for offset, lemma in plain.lemmas
        if not any(n.scope.start <= offset < n.scope.end for n in plain.negations)
    )
    words = words_between(neg.lemmas, negation.scope.start, negation.scope.end)
    plain_words = frozenset(lemma for _, lemma in plain.lemmas)
    enough = max(2, len(words) // 2)
    if len(words & plain_words) < enough:
        return None  # the negation is about something else
    predicate = negation.predicate
    if predicate in stated:
        return "contradiction" if len(words & stated) >= enough else None
    if predicate in plain_words or plain.negations:
        return None  # both sides negate it, or negate something alike ('never force it to' / 'would not')
    return "distinct"  # 'did not attend the unveiling' against 'the team was unveiled': two facts


def speaker_conflict(a: Unit, b: Unit) -> bool:
    """The same statement put in the mouths of two different named people.

    Names that share a word ('Peter' and 'Peter Lerner') are one person the
    alias merging missed, not two.
    """
    return (
        a.speaker_type == "PERSON"
        and b.speaker_type == "PERSON"
        and a.speaker is not None
        and b.speaker is not None
        and a.speaker != b.speaker
        and not name_words(a.speaker_name) & name_words(b.speaker_name)
    )


#: What ends the words a negation cue opens ('No inconsistency in statements, ...').
_CLAUSE_BREAK = re.compile(r"[,;:—–.!?…\"”»)]|\s-\s")
#: At most this many content words after a cue are compared; at least two must be there.
NEGATED_WORDS = 4


def _negated_words(unit: Unit, cue: Span) -> tuple[str, ...]:
    """The content words (the NLP pass's lemmas) from a negation's cue to the next clause break, at most
    :data:`NEGATED_WORDS` of them: 'inconsistency statement' for 'No inconsistency in statements, ...'."""
    rel = cue.end - unit.span.start
    stop = _CLAUSE_BREAK.search(unit.text, rel)
    end = unit.span.start + (stop.start() if stop else len(unit.text))
    return tuple(lemma for offset, lemma in unit.lemmas if cue.end <= offset < end)[:NEGATED_WORDS]


def _carries_negation(unit: Unit, cue: Span, words: tuple[str, ...]) -> bool:
    """Whether ``unit`` has a negation with the same cue followed by the same words (two at least): it
    negates what the other side negates, wherever the parse says the negation reaches. 'No one was hurt in the
    crash' and '..., but no one else was hurt' negate different things."""
    wanted = cue.text.casefold()
    return len(words) >= 2 and any(
        n.cue.text.casefold() == wanted and _negated_words(unit, n.cue) == words for n in unit.negations
    )


def conflict(a: Unit, b: Unit) -> Conflict | None:
    """Why ``a`` and ``b`` cannot support one claim, or ``None`` when they can."""
    if a.denial != b.denial:
        return Conflict("denial")
    figures = _figure_clash(a, b)
    if figures is not None:
        return Conflict("numeric" if figures[2] else "distinct", (figures[0].span.text, figures[1].span.text))
    days = date_conflict(a, b)
    if days is not None:
        return Conflict("date", days)
    polarity = _polarity(a, b)
    if polarity is not None:
        return Conflict(polarity)
    if speaker_conflict(a, b):
        return Conflict("attribution", (a.speaker_name or "", b.speaker_name or ""))
    return None


def denial_target(denial: Unit, previous: Unit | None) -> Unit | None:
    """The sentence a denial points back at ('X denied the allegations'), if it does.

    The sentence just before, in the same article, is the target when the
    denial names its object with an anaphor and that sentence is not the
    denier's own statement.
    """
    if previous is None or previous.article != denial.article or previous.denial:
        return None
    if denial.speaker is not None and previous.speaker == denial.speaker:
        return None
    return previous if denial.refers_back else None


# --- explanations -------------------------------------------------------------


#: At most this many sources are named for the side of a denial card that reports what is denied.
MAX_CITED = 3


def cited_sources(units: Iterable[Unit]) -> tuple[str, ...]:
    """The sources that sentences report, each once: whom the outlets cite for a claim. A source whose
    parties another names already ('Marsh and Okafor' after 'Both Marsh and Okafor') is left out; the
    sources naming most parties come first."""
    reporting = [u for u in units if u.kind == "reports" and u.source]
    kept: list[Unit] = []
    for u in sorted(reporting, key=lambda u: -len(u.party)):
        covered = set().union(*(k.party for k in kept)) if kept else set()
        if u.source not in {k.source for k in kept} and not (u.party and u.party <= covered):
            kept.append(u)
    return tuple(u.source for u in kept if u.source)


def _names(labels: Sequence[str]) -> str:
    unique = list(dict.fromkeys(labels))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def _agree(verb: str, labels: Sequence[str]) -> str:
    """``verb`` agreeing with the outlets named: 'reports' for one, 'report' for several."""
    return verb + "s" if len(set(labels)) <= 1 else verb


def shortened(text: str, limit: int = 140) -> str:
    """A sentence for a card: one line, without its full stop, cut at a word near ``limit`` characters."""
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def describe(
    kind: str,
    side_a: tuple[Claim, Unit],
    side_b: tuple[Claim, Unit],
    label: Callable[[str], str],
    detail: tuple[str, str] = ("", ""),
    cited: Sequence[str] = (),
) -> Disagreement:
    """A disagreement between two claims, explained in a sentence, both sides cited.

    For a denial, ``cited`` names the sources the outlets on the first side cite for what is denied.
    """
    (ca, ua), (cb, ub) = side_a, side_b
    denial = f"a denial by {ub.source}" if ub.source else "a denial"
    labels_a = [label(s.article) for s in ca.support]
    labels_b = [label(s.article) for s in cb.support]
    outlets_a, outlets_b = _names(labels_a), _names(labels_b)

    def verb_a(verb: str) -> str:
        return _agree(verb, labels_a)

    def verb_b(verb: str) -> str:
        return _agree(verb, labels_b)

    if kind == "numeric":
        text = (
            f"{outlets_a} {verb_a('report')} {detail[0]}; {outlets_b} {verb_b('report')} {detail[1]} "
            f"(“{shortened(ua.text, 90)}”)."
        )
    elif kind == "date":
        text = (
            f"{outlets_a} {verb_a('date')} it {detail[0]}; {outlets_b} {verb_b('date')} it {detail[1]} "
            f"(“{shortened(ua.text, 90)}”)."
        )
    elif kind == "denial":
        # what a reported sentence reports reads on after 'that'; a sentence of the outlet's own is quoted
        stated = f"that {shortened(ua.core)}" if ua.core and ua.core != ua.text else f"“{shortened(ua.text)}”"
        citing = f" (citing {_names(list(cited)[:MAX_CITED])})" if cited else ""
        text = f"{outlets_a} {verb_a('report')} {stated}{citing}; {outlets_b} {verb_b('report')} {denial}."
    elif kind == "contradiction":
        text = (
            f"{outlets_a}: “{shortened(ua.text)}” — {outlets_b} {verb_b('say')} the opposite: “{shortened(ub.text)}”."
        )
    else:
        text = (
            f"{outlets_a} {verb_a('attribute')} “{shortened(ua.core or ua.text, 90)}” to {detail[0] or 'one person'}; "
            f"{outlets_b} {verb_b('attribute')} it to {detail[1] or 'another'}."
        )
    spans: list[Span] = [*ca.support, *cb.support]
    sides: tuple[DisputeSide, ...] = ()
    if kind == "denial":  # who gives it, who gives the denial, each side labelled
        sides = (
            DisputeSide(f"reports it{citing}", tuple(dict.fromkeys(sp.article for sp in ca.support)), ca.support),
            DisputeSide(f"reports {denial}", tuple(dict.fromkeys(sp.article for sp in cb.support)), cb.support),
        )
    return Disagreement(kind=kind, claims=(ca.id, cb.id), explanation=text, spans=tuple(spans), sides=sides)


def collect(
    found: Sequence[tuple[str, int, int, tuple[str, str]]],
    claim_of: Mapping[int, Claim],
    units: Sequence[Unit],
    label: Callable[[str], str],
    conflict_of: Callable[[int, int], Conflict | None] | None = None,
) -> tuple[Disagreement, ...]:
    """One disagreement per (kind, claim pair), from the unit pairs that showed it.

    Only a denial may set an article against itself ('X said ...; Y denied it'):
    an article whose sentences in the two claims clash the same way states
    both sides, and the two claims are then two facts, not a dispute. Nor is
    any other pair of claims an outlet supports both of a dispute: the card
    would show the outlet on both sides. ``conflict_of`` gives
    the conflict of two units by index (alignment's cache); by default it is
    worked out here.
    """
    if conflict_of is None:

        def conflict_of(i: int, j: int) -> Conflict | None:
            return conflict(units[i], units[j])

    seen: set[tuple[str, str, str]] = set()
    out: list[Disagreement] = []
    in_claim: dict[str, dict[str, list[int]]] = {}  # claim id -> article -> its units in the claim
    for unit, claim in claim_of.items():
        in_claim.setdefault(claim.id, {}).setdefault(units[unit].article, []).append(unit)
    for kind, i, j, detail in found:
        ci, cj = claim_of.get(i), claim_of.get(j)
        if ci is None or cj is None or ci.id == cj.id:
            continue
        first, second = sorted((ci.id, cj.id))
        key = (kind, first, second)
        if key in seen:
            continue
        seen.add(key)  # the answer below is the claims' and the kind's: weighed once
        if kind != "denial" and _states_both(in_claim[ci.id], in_claim[cj.id], conflict_of, kind):
            continue
        if kind != "denial" and {label(a) for a in in_claim[ci.id]} & {label(a) for a in in_claim[cj.id]}:
            continue  # an outlet on both sides would dispute itself
        cited = cited_sources(units[x] for members in in_claim[ci.id].values() for x in members)
        out.append(describe(kind, (ci, units[i]), (cj, units[j]), label, detail, cited if kind == "denial" else ()))
    return tuple(out)


def _states_both(
    a: Mapping[str, list[int]],
    b: Mapping[str, list[int]],
    conflict_of: Callable[[int, int], Conflict | None],
    kind: str,
) -> bool:
    """Whether an article in both claims has sentences in them that clash as ``kind`` (it says both sides)."""
    return any(
        (found := conflict_of(x, y)) is not None and found.kind == kind
        for article in a.keys() & b.keys()
        for x in a[article]
        for y in b[article]
    )
