"""Candidate pairs with features and gold labels, on one hand-labelled real story."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsprism.evaluate import load_story_gold
from newsprism.evaluate.pair_data import FEATURES, pair_examples

GOLD = Path(__file__).resolve().parent / "gold" / "stories"


@pytest.mark.slow
def test_pairs_of_a_gold_story_carry_features_and_both_labels(models, settings) -> None:
    gold = load_story_gold(GOLD, ["flynn-charged-2017-12-01"])
    data = pair_examples(gold, settings=settings, models=models)
    n = len(data.labels)
    assert n > 20 and data.features.shape == (n, len(FEATURES))
    assert 0 < data.labels.sum() < n  # real positives and real negatives
    assert 0 < data.reached <= data.gold_pairs == len(gold.positive_pairs())
    cosine = data.features[:, FEATURES.index("cosine")]
    assert np.all((cosine >= -1.0) & (cosine <= 1.0 + 1e-6))
    # same-fact pairs are more alike than the rest, by the embedding and by the hand-tuned score
    positive = data.labels == 1
    assert cosine[positive].mean() > cosine[~positive].mean() + 0.1
    assert data.hand_scores[positive].mean() > data.hand_scores[~positive].mean()


@pytest.mark.slow
def test_generous_candidates_reach_more_gold_pairs_than_the_lexical_join(models, settings) -> None:
    gold = load_story_gold(GOLD, ["flynn-charged-2017-12-01"])
    lexical = pair_examples(gold, settings=settings, models=models, generous=False)
    generous = pair_examples(gold, settings=settings, models=models)
    assert generous.reached > lexical.reached
    assert len(generous.labels) > len(lexical.labels)


def test_gold_split_holds_back_named_stories_only() -> None:
    from newsprism.evaluate import gold_split

    fit, held = gold_split(GOLD)
    assert held and fit and not set(fit) & set(held)
    assert sorted(fit + held) == sorted(p.stem for p in GOLD.glob("*.json"))
