"""Coverage cells: what each article does with each claim, from the sentences that carry it.

An article's sentence in a claim (its support, or a restatement) states the
claim, or reports a source saying it, by the stance the fact layer read
(:attr:`Unit.kind`). A denial dispute adds, to the claim it denies, the
articles that report the denial. An article can do several of these at once
(state a fact in one sentence, report its denial in another): its cell keeps
each, strongest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from ...model import COVERAGE_WORDS, Claim, Coverage, CoverageKind, Disagreement, Span
from .figures import EVENTS, figure_key
from .units import Unit

__all__ = ["with_coverage"]

#: Strongest first, as the legend lists them: a cell shows what the article does most directly.
_ORDER: Mapping[str, int] = {kind: n for n, kind in enumerate(COVERAGE_WORDS)}


def with_coverage(
    claims: Sequence[Claim],
    disagreements: Sequence[Disagreement],
    unit_at: Mapping[tuple[str, int], Unit],
    near: Mapping[tuple[str, str], tuple[float, Unit]] | None = None,
    part_at: float | None = None,
) -> tuple[Claim, ...]:
    """``claims`` with their :attr:`Claim.coverage` filled from their sentences and the denial disputes.

    ``unit_at`` finds a sentence's unit by (article, start). ``near`` maps (claim id, article outside the claim) to that article's sentence closest to one of the
    claim's, with its score: from ``part_at`` up, the article mentions part of the claim.
    """
    near = near or {}
    denied: dict[str, list[Coverage]] = {}
    by_id = {c.id: c for c in claims}
    for d in disagreements:
        if d.kind != "denial" or len(d.sides) != 2:
            continue
        stating = set(d.sides[0].spans)  # the claims on the first side state what the second side denies
        for claim_id in d.claims:
            if claim_id not in by_id or not stating.intersection(by_id[claim_id].support):
                continue
            for span in d.sides[1].spans:
                unit = unit_at.get((span.article, span.start))
                denied.setdefault(claim_id, []).append(
                    Coverage("denies", span, unit.source if unit is not None else None)
                )
    parts: dict[str, list[Coverage]] = {}
    if part_at is not None:
        for (claim_id, _), (score, unit) in sorted(near.items()):
            if score >= part_at:
                parts.setdefault(claim_id, []).append(Coverage("part", unit.span))
    out = []
    for claim in claims:
        rep = next((unit_at.get((s.article, s.start)) for s in claim.support if s.text == claim.text), None)
        marks = [_mark(span, unit_at, rep) for span in (*claim.support, *claim.restated)]
        extra = (*denied.get(claim.id, ()), *parts.get(claim.id, ()))
        out.append(replace(claim, coverage=_cells(claim.support, (*marks, *extra))))
    return tuple(out)


def _mark(span: Span, unit_at: Mapping[tuple[str, int], Unit], rep: Unit | None) -> Coverage:
    unit = unit_at.get((span.article, span.start))
    if unit is not None and rep is not None and unit is not rep and _leaves_out_a_toll(rep, unit):
        return Coverage("part", span)
    kind: CoverageKind = unit.kind if unit is not None else "states"
    if kind == "states" or unit is None:
        return Coverage(kind, span)
    return Coverage(kind, span, unit.source)


def _cells(support: Sequence[Span], marks: Iterable[Coverage]) -> tuple[Coverage, ...]:
    """One mark per (article, kind), the first sentence found kept; articles in support order, then the rest."""
    kept: dict[tuple[str, str], Coverage] = {}
    for mark in marks:
        kept.setdefault((mark.article, mark.kind), mark)
    order = {a: n for n, a in enumerate(dict.fromkeys(s.article for s in support))}
    return tuple(sorted(kept.values(), key=lambda m: (order.get(m.article, len(order)), m.article, _ORDER[m.kind])))


def _leaves_out_a_toll(rep: Unit, unit: Unit) -> bool:
    """Whether ``unit`` does not give a toll that the claim's wording gives (how many were killed, hurt,
    arrested or held: '12 people were killed'): it then carries only part of the claim."""
    given = {(key, q.value) for q in unit.quantities if (key := figure_key(q)) is not None}
    return any(
        (key, q.value) not in given
        for q in rep.quantities
        if q.part == "whole" and not q.earlier and (key := figure_key(q)) is not None and key[2] in EVENTS
    )
