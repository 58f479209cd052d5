"""Scores against gold: pair precision/recall/F1 and B³ for clusterings."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["PRF", "b_cubed", "cluster_pair_scores", "pair_scores", "share"]

Item = TypeVar("Item", bound=Hashable)
Label = TypeVar("Label", bound=Hashable)


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1, with the counts behind them."""

    precision: float
    recall: float
    f1: float
    predicted: int = 0
    gold: int = 0
    correct: int = 0

    @classmethod
    def of(cls, correct: int, predicted: int, gold: int) -> PRF:
        p, r = share(correct, predicted), share(correct, gold)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(p, r, f, predicted, gold, correct)

    def row(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  ({self.correct}/{self.predicted} pred, {self.gold} gold)"


def share(part: float, whole: float, empty: float = 0.0) -> float:
    """``part / whole``, or ``empty`` when ``whole`` is zero."""
    return part / whole if whole else empty


def pair_scores(predicted: Collection[Hashable], gold: Collection[Hashable]) -> PRF:
    """Precision/recall of predicted pairs against gold pairs (both normalised the same way)."""
    pred, true = set(predicted), set(gold)
    return PRF.of(len(pred & true), len(pred), len(true))


def b_cubed(predicted: Sequence[Collection[Item]], gold: Mapping[Item, Label]) -> PRF:
    """B³ precision/recall of a clustering of items against each item's gold label.

    Items missing from the predicted clusters count as singletons. Per item,
    precision is the share of its cluster with its gold label, recall the share
    of its gold label's items in its cluster; both are averaged over items.
    """
    cluster_of: dict[Item, int] = {}
    clusters: list[list[Item]] = []
    for members in predicted:
        ids = [m for m in members if m in gold and m not in cluster_of]
        for m in ids:
            cluster_of[m] = len(clusters)
        clusters.append(ids)
    for item in gold:
        if item not in cluster_of:
            cluster_of[item] = len(clusters)
            clusters.append([item])
    size_of_label: dict[Label, int] = {}
    for label in gold.values():
        size_of_label[label] = size_of_label.get(label, 0) + 1
    p_sum = r_sum = 0.0
    for item, label in gold.items():
        cluster = clusters[cluster_of[item]]
        same = sum(1 for m in cluster if gold[m] == label)
        p_sum += same / len(cluster)
        r_sum += same / size_of_label[label]
    n = len(gold)
    p, r = (p_sum / n, r_sum / n) if n else (0.0, 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f, len(clusters), len(size_of_label), n)


def cluster_pair_scores(predicted: Sequence[Collection[Item]], gold: Mapping[Item, Label]) -> PRF:
    """Pairwise precision/recall of a clustering: item pairs put together, against pairs with one gold label.

    Only items that carry a gold label count; predicted clusters are cut down to them.
    """
    together: set[tuple[Item, Item]] = set()
    for members in predicted:
        ids = sorted((m for m in members if m in gold), key=repr)
        together.update((a, b) for n, a in enumerate(ids) for b in ids[n + 1 :])
    by_label: dict[Label, list[Item]] = {}
    for item, label in gold.items():
        by_label.setdefault(label, []).append(item)
    truth: set[tuple[Item, Item]] = set()
    for items in by_label.values():
        ids = sorted(items, key=repr)
        truth.update((a, b) for n, a in enumerate(ids) for b in ids[n + 1 :])
    return PRF.of(len(together & truth), len(together), len(truth))
