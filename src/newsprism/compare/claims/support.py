"""How surely each sentence of a claim states what another of its sentences states: for the brief's citations.

A claim joins sentences by average link over candidate pairs, so two of
its sentences can be each other's best match in their articles and still
say different things: two remarks of one speaker on one subject, a poll's
overall figure and its figure among women. The brief cites an article for
a sentence only where that article's sentence in the claim states the
sentence's fact; :func:`member_support` gives, for every two sentences of
each shared claim, the fitted pair model's probability that they state
one fact (``settings.cite_probability`` is the bar the brief holds them to).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...model import Claim, Span
from ...nlp.models import Models
from .fitted import FittedScorer, pair_model
from .scores import PairScorer, embed_units
from .units import Unit

__all__ = ["SupportTable", "member_support", "support_between"]

#: (sentence, sentence) -> the probability that they state one fact; each pair once, in span order.
SupportTable = Mapping[tuple[Span, Span], float]


def _key(a: Span, b: Span) -> tuple[Span, Span]:
    return (a, b) if (a.article, a.start) <= (b.article, b.start) else (b, a)


def support_between(table: SupportTable, a: Span, b: Span) -> float | None:
    """The probability that ``a`` and ``b`` state one fact; ``None`` when they share no claim."""
    return table.get(_key(a, b))


def member_support(
    claims: Sequence[Claim], units: Sequence[Unit], hand: PairScorer, model_name: str, models: Models
) -> dict[tuple[Span, Span], float]:
    """The fitted pair model's probability for every two sentences of different articles in each shared claim.

    ``hand`` holds the story's TF-IDF rows, salience and the vectors made so
    far; sentences the alignment did not embed are embedded here (one batch),
    so every pair is scored on its full features.
    """
    unit_at = {(u.article, u.span.start): u.index for u in units}
    groups: list[list[int]] = []
    for claim in claims:
        members = [unit_at[key] for s in (*claim.support, *claim.restated) if (key := (s.article, s.start)) in unit_at]
        if len({units[i].article for i in members}) > 1:
            groups.append(members)
    if not groups:
        return {}
    missing = sorted({i for g in groups for i in g if i not in hand.full})
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
    scorer = FittedScorer(units, base, pair_model(model_name))
    pairs = [
        (i, j) for g in groups for n, i in enumerate(g) for j in g[n + 1 :] if units[i].article != units[j].article
    ]
    scorer.score_pairs(pairs)
    return {_key(units[i].span, units[j].span): scorer(i, j) for i, j in pairs}
