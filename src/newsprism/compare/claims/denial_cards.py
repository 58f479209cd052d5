"""Denial cards: each denial with the sentence it denies, and one card per denied fact (the denials of one
party against one claim, or against claims that state the same fact in part, merged into one dispute
with its two sides labelled).

Alignment links each denial to the claim it denies, one denial sentence at a
time: three outlets reporting 'the ministry denied it' in three wordings give three
cards against the same accusation. A reader wants one: who reports the
accusation, and who reports the denial. Two denial cards merge when their
deniers are one party (:attr:`Unit.party`, or the same speaker) and they deny
the same claim, or claims of which one article's sentence mentions the other
in part (its closest sentence to the other claim scores from the part
threshold).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ...model import Claim, Disagreement
from .conflicts import cited_sources, denial_target, describe
from .denials import denies, denies_a_statement
from .scores import Salience, same_party
from .units import Unit

__all__ = ["find_denials", "merge_denials"]


def find_denials(
    units: Sequence[Unit],
    pairs: Sequence[tuple[int, int]],
    score: Callable[[int, int], float],
    salience: Salience,
    floor: float,
) -> list[tuple[str, int, int, tuple[str, str]]]:
    """Each denial with the sentence it denies, as ``("denial", target, denial, ("", ""))``.

    A denial ('X denied that ...') denies the sentence just before it when it
    points back at it ('denied the allegations'), else its most similar
    candidate partner from ``floor`` up that it can deny (:func:`denies`).
    """
    previous: dict[int, Unit] = {}
    for before, after in zip(units, units[1:], strict=False):
        if before.article == after.article:
            previous[after.index] = before
    denying = [u for u in units if u.denial and denies_a_statement(u)]
    wanted = {u.index for u in denying}
    paired: dict[int, list[int]] = {}  # each denial's candidate partners, in pair order
    for i, j in pairs:
        if i in wanted:
            paired.setdefault(i, []).append(j)
        if j in wanted:
            paired.setdefault(j, []).append(i)
    found: list[tuple[str, int, int, tuple[str, str]]] = []
    for u in denying:
        target = denial_target(u, previous.get(u.index))
        if target is None:
            partners = [
                (score(u.index, other), other)
                for other in paired.get(u.index, ())
                if not units[other].denial and denies(u, units[other], salience)
            ]
            best = max(partners, default=None)
            if best is not None and best[0] >= floor:
                target = units[best[1]]
        if target is not None:
            found.append(("denial", target.index, u.index, ("", "")))
    return found


def merge_denials(
    disagreements: Sequence[Disagreement],
    claims: Mapping[str, Claim],
    unit_at: Mapping[tuple[str, int], Unit],
    near: Mapping[tuple[str, str], tuple[float, Unit]],
    part_at: float,
    label: Callable[[str], str],
) -> tuple[Disagreement, ...]:
    """``disagreements`` with the denial cards of one denier against one fact merged, in first-card order.

    ``near`` maps (claim id, article outside the claim) to that article's closest sentence to the claim
    and its score (alignment's nearest sentences).
    """
    if sum(d.kind == "denial" and len(d.claims) == 2 for d in disagreements) < 2:
        return tuple(disagreements)

    def denier(d: Disagreement) -> Unit | None:
        span = claims[d.claims[1]].support[0]
        return unit_at.get((span.article, span.start))

    def related(a: Claim, b: Claim) -> bool:
        if a.id == b.id:
            return True
        for x, y in ((a, b), (b, a)):
            for span in y.support:
                found = near.get((x.id, span.article))
                if found is not None and found[0] >= part_at and found[1].span == span:
                    return True
        return False

    def one_party(a: Unit | None, b: Unit | None) -> bool:
        if a is None or b is None:
            return False
        return bool(a.party & b.party) or same_party(a, b)

    groups: list[list[int]] = []  # indices into disagreements, a group's first card first
    for n, card in enumerate(disagreements):
        if card.kind != "denial" or len(card.claims) != 2:
            continue
        for group in groups:
            if any(
                one_party(denier(card), denier(disagreements[k]))
                and related(claims[card.claims[0]], claims[disagreements[k].claims[0]])
                for k in group
            ):
                group.append(n)
                break
        else:
            groups.append([n])
    merged = {g[0]: _merge([disagreements[k] for k in g], claims, unit_at, label) for g in groups if len(g) > 1}
    dropped = {k for g in groups for k in g[1:]}
    return tuple(merged.get(n, d) for n, d in enumerate(disagreements) if n not in dropped)


def _merge(
    cards: Sequence[Disagreement],
    claims: Mapping[str, Claim],
    unit_at: Mapping[tuple[str, int], Unit],
    label: Callable[[str], str],
) -> Disagreement:
    """One card for several denials of one fact: every claim that states it against every denial."""
    stated = list(dict.fromkeys(d.claims[0] for d in cards))
    denials = list(dict.fromkeys(d.claims[1] for d in cards))
    first, denial = claims[stated[0]], claims[denials[0]]
    side_a = replace(first, support=tuple(dict.fromkeys(s for c in stated for s in claims[c].support)))
    side_b = replace(denial, support=tuple(dict.fromkeys(s for c in denials for s in claims[c].support)))
    ua = unit_at[(first.support[0].article, first.support[0].start)]
    ub = unit_at[(denial.support[0].article, denial.support[0].start)]
    cited = cited_sources(u for s in side_a.support if (u := unit_at.get((s.article, s.start))) is not None)
    card = describe("denial", (side_a, ua), (side_b, ub), label, cited=cited)
    return replace(card, claims=(*stated, *denials))
