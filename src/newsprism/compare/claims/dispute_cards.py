"""Dispute cards: the sides of a figure or date dispute, each with its value, outlets and spans, in one sentence."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from ...model import Claim, Disagreement, DisputeSide, Span
from .units import Unit

__all__ = ["dispute_card"]


def dispute_card(
    kind: str,
    sides: Sequence[Sequence[tuple[Unit, Span]]],
    claim_of: Mapping[int, Claim],
    label: Callable[[str], str],
    opening: str,
    *,
    values: Sequence[str] = (),
    published: Mapping[str, date | None] | None = None,
    closing: str = ".",
) -> Disagreement:
    """A figure or date dispute card: each side's value (the first span's words, unless ``values`` gives
    them), articles and spans; the sentence ``opening`` + each side's phrase ('Outlets A and B give 12') +
    ``closing``; the claims and sentences of every side.

    Where the sides' articles were published on different days, each phrase
    says when ('... give 178 (published 2013-04-17 to 2013-04-22)'): a reader
    can then tell a count that grew from outlets that differ on one day.
    """
    published = published or {}
    days = {published.get(u.article) for side in sides for u, _ in side}
    dated = len(days) > 1 and None not in days
    made: list[DisputeSide] = []
    phrases: list[str] = []
    for n, side in enumerate(sides):
        articles = tuple(dict.fromkeys(u.article for u, _ in side))
        value = values[n] if values else side[0][1].text
        made.append(DisputeSide(value, articles, tuple(span for _, span in side)))
        names = list(dict.fromkeys(label(a) for a in articles))
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        when = ""
        if dated:
            on = sorted(d.isoformat() for a in articles if (d := published.get(a)) is not None)
            when = f" (published {on[0]})" if on[0] == on[-1] else f" (published {on[0]} to {on[-1]})"
        phrases.append(f"{who} {'gives' if len(names) == 1 else 'give'} {value}{when}")
    claims = tuple(dict.fromkeys(claim_of[u.index].id for side in sides for u, _ in side if u.index in claim_of))
    sentences = tuple(dict.fromkeys(u.span for side in sides for u, _ in side))
    text = opening + "; ".join(phrases) + closing
    return Disagreement(kind=kind, claims=claims, explanation=text, spans=sentences, sides=tuple(made))
