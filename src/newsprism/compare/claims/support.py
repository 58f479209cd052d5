"""How surely each sentence of a claim states what another of its sentences states: for the brief's citations.

A claim joins sentences by average link over candidate pairs, so two of
its sentences can be each other's best match in their articles and still
say different things: two remarks of one speaker on one subject, a poll's
overall figure and its figure among women. The brief cites an article for
a sentence only where that article's sentence in the claim states the
sentence's fact; :func:`member_support` gives, for every two sentences of
each shared claim, the fitted pair model's probability that they state
one fact (``settings.brief_cite_probability`` is the bar the brief holds them to).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

from ...model import Claim, Span
from ...nlp.models import Models
from .fitted import FittedScorer, default_pair_model
from .scores import PairScorer, embed_units
from .units import Unit

__all__ = ["SupportTable", "member_support", "pair_key", "support_between"]

#: (sentence, sentence) -> the probability that they state one fact; each pair once, keyed by :func:`pair_key`.
SupportTable: TypeAlias = Mapping[tuple[Span, Span], float]


def pair_key(a: Span, b: Span) -> tuple[Span, Span]:
    """The table's key of two sentences: in text order of (article, start), whichever is given first."""
    return (a, b) if (a.article, a.start) <= (b.article, b.start) else (b, a)


def support_between(table: SupportTable, a: Span, b: Span) -> float | None:
    """The probability that ``a`` and ``b`` state one fact; ``None`` when they share no claim."""
    return table.get(pair_key(a, b))


def member_support(
    claims: Sequence[Claim],
    units: Sequence[Unit],
    hand: PairScorer,
    models: Models,
    *,
    fitted: FittedScorer | None = None,
) -> dict[tuple[Span, Span], float]:
    """The fitted pair model's probability for every two sentences of different articles in each shared claim.

    ``fitted`` is the alignment's own scorer when it used a fitted model
    (its scores are cached); otherwise the shipped model weighs the pairs
    over ``hand``'s TF-IDF rows, salience and vectors, and the sentences the
    alignment did not embed are embedded here (one batch).
    """
    unit_at = {(u.article, u.span.start): u.index for u in units}
    groups: list[list[int]] = []
    for claim in claims:
        # every support and restated span is a unit's (claims are made of units)
        members = [unit_at[(s.article, s.start)] for s in (*claim.support, *claim.restated)]
        if len({units[i].article for i in members}) > 1:
            groups.append(members)
    if not groups:
        return {}
    pairs = [
        (i, j) for g in groups for n, i in enumerate(g) for j in g[n + 1 :] if units[i].article != units[j].article
    ]
    scorer = fitted if fitted is not None else _shipped_scorer(units, hand, {i for g in groups for i in g}, models)
    scorer.score_pairs(pairs)
    return {pair_key(units[i].span, units[j].span): scorer(i, j) for i, j in pairs}


def _shipped_scorer(units: Sequence[Unit], hand: PairScorer, members: set[int], models: Models) -> FittedScorer:
    """The shipped pair model over ``hand``'s features, with every one of ``members`` embedded."""
    missing = sorted(i for i in members if i not in hand.full)
    base = hand
    if missing:
        full, core = embed_units(units, missing, models)
        base = PairScorer(
            units,
            hand.weighted,
            {**hand.full, **full},
            {**hand.core, **core},
            {},
            hand.salience,
            hand.threshold,
            lex=hand.lex,
            lex_pairs=hand.lex_pairs,
        )
    return FittedScorer(units, base, default_pair_model())
