"""Pair scores and B³ on small cases worked by hand."""

from __future__ import annotations

import pytest

from newsprism.evaluate.metrics import PRF, b_cubed, cluster_pair_scores, pair_scores


def test_pair_scores_counts_overlap() -> None:
    gold = {("a", "b"), ("a", "c"), ("b", "c"), ("d", "e")}
    result = pair_scores({("a", "b"), ("d", "e"), ("a", "x")}, gold)
    assert (result.correct, result.predicted, result.gold) == (2, 3, 4)
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(0.5)
    assert result.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_nothing_predicted_scores_zero_not_an_error() -> None:
    assert pair_scores(set(), {("a", "b")}) == PRF(0.0, 0.0, 0.0, 0, 1, 0)


def test_b_cubed_perfect_and_merged() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert b_cubed([["a", "b"], ["c", "d"]], gold).f1 == pytest.approx(1.0)
    merged = b_cubed([["a", "b", "c", "d"]], gold)
    assert merged.precision == pytest.approx(0.5)
    assert merged.recall == pytest.approx(1.0)


def test_b_cubed_missing_items_are_singletons() -> None:
    gold = {"a": 1, "b": 1, "c": 1}
    result = b_cubed([["a", "b"]], gold)  # c left out: its own cluster
    assert result.precision == pytest.approx(1.0)
    # a and b each find 2 of 3; c finds 1 of 3
    assert result.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_cluster_pairs_counts_articles_put_together() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 3}
    # a+b right, c split off, d and e wrongly together; 'x' carries no gold and is ignored
    result = cluster_pair_scores([["a", "b", "x"], ["c"], ["d", "e"]], gold)
    assert (result.correct, result.predicted, result.gold) == (1, 2, 3)
    assert result.precision == pytest.approx(0.5)
    assert result.recall == pytest.approx(1 / 3)


def test_cluster_pairs_of_singletons_predict_nothing() -> None:
    result = cluster_pair_scores([["a"], ["b"]], {"a": 1, "b": 1})
    assert (result.correct, result.predicted, result.gold) == (0, 0, 1)
