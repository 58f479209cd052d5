"""Candidate sentence pairs with their features and gold labels: the data a fitted pair scorer learns from.

For each gold story the comparison is prepared as the pipeline prepares it
(:func:`newsprism.compare.prepare_story`: units and candidate pairs), the
candidates' sentences are embedded, and each candidate pair gets the
features that today's hand-tuned score combines, the hand-tuned score
itself, and its gold label. A pair counts only where both sentences map onto
labelled gold sentences; it is positive when those share a fact group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..compare import prepare_story
from ..compare.claims.candidates import generous_pairs
from ..compare.claims.fitted import FEATURES, pair_features
from ..compare.claims.scores import PairScorer, Salience, embed_units
from ..config import Settings
from ..nlp.models import Models
from .cache import CachedModels, EvalCache
from .goldsets import GoldSet, SentenceKey
from .run import gold_sentences, prepare_scoring

__all__ = ["FEATURES", "PairData", "pair_examples"]


@dataclass(frozen=True)
class PairData:
    """Feature rows, labels, the story each pair comes from, and today's hand-tuned score."""

    features: np.ndarray
    labels: np.ndarray
    stories: np.ndarray
    hand_scores: np.ndarray
    #: gold positive sentence pairs, and how many of them some candidate pair reaches
    gold_pairs: int = 0
    reached: int = 0


def pair_examples(
    gold: GoldSet,
    *,
    settings: Settings,
    models: Models | None = None,
    cache: EvalCache | None = None,
    generous: bool = True,
) -> PairData:
    """Every labelled candidate pair of ``gold``'s stories, with features and labels.

    With ``generous``, every unit of a story is embedded and the candidates are
    the lexical ones and the embedding neighbours (:mod:`newsprism.compare.claims.candidates`);
    otherwise only the lexical candidates count.
    """
    prepared = prepare_scoring(gold, settings, models, cache)
    models, by_id, annotations, located = prepared.models, prepared.by_id, prepared.annotations, prepared.located
    labelled = gold.labelled_keys()
    positives = gold.positive_pairs()
    rows: list[list[float]] = []
    labels: list[int] = []
    stories: list[str] = []
    hand: list[float] = []
    reached: set[tuple[SentenceKey, SentenceKey]] = set()
    for label, docs in gold.stories().items():
        ids = [d.article.id for d in docs]
        context = prepare_story(
            label, [by_id[i] for i in ids], [annotations[i] for i in ids if i in annotations], settings
        )
        plan = context.claim_plan
        units = plan.units
        if generous:
            if len({u.article for u in units}) < 2:
                continue
            full, core = embed_units(units, range(len(units)), models)
            candidates = generous_pairs(plan.pairs, [u.article for u in units], full)
        else:
            full, core = embed_units(units, plan.wanted, models)
            candidates = plan.pairs
        if not candidates:
            continue
        scorer = PairScorer(units, plan.weighted, full, core, {}, Salience.of(units), settings.claim_threshold)
        scorer.prefetch_lexical(candidates)
        gold_of = {u.index: gold_sentences(u.span, located, labelled) for u in units}
        for i, j in candidates:
            a, b = gold_of[i], gold_of[j]
            if not a or not b:
                continue
            pairs = {(x, y) if x < y else (y, x) for x in a for y in b if x[0] != y[0]}
            if not pairs:
                continue
            hand.append(scorer(i, j))
            rows.append(pair_features(units, scorer, i, j))
            labels.append(int(bool(pairs & positives)))
            reached |= pairs & positives
            stories.append(label)
    if isinstance(models, CachedModels):
        models.save()
    return PairData(
        np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES)),
        np.asarray(labels, dtype=np.int64),
        np.asarray(stories),
        np.asarray(hand, dtype=np.float64),
        len(positives),
        len(reached),
    )
