"""Simple claim-alignment baselines over the same sentences newsprism sees.

Both use TF-IDF vectors of the sentences of one story (words lowercased,
English stop words out, fitted on that story's sentences) and propose pairs
of sentences from different articles:

- ``tfidf_threshold_pairs``: cosine at or above a fixed threshold;
- ``tfidf_mutual_best_pairs``: each sentence's best match in each other
  article, kept when the match is mutual (and the cosine above zero).

For story grouping, ``tfidf_story_groups`` joins articles whose whole-text
TF-IDF cosine reaches a threshold (connected components), and
``tfidf_average_link_groups`` closes the same edges by average link (two
groups merge when their mean cosine reaches the threshold).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = [
    "STORY_THRESHOLD",
    "TFIDF_THRESHOLD",
    "tfidf_average_link_groups",
    "tfidf_cosines",
    "tfidf_mutual_best_pairs",
    "tfidf_story_groups",
    "tfidf_threshold_pairs",
]

#: The threshold baseline's cosine cut-off.
TFIDF_THRESHOLD = 0.3

#: The story baseline's whole-article cosine cut-off.
STORY_THRESHOLD = 0.3

Item = tuple[str, int]  # (article id, sentence number)


def tfidf_cosines(texts: Sequence[str]) -> np.ndarray:
    """The all-pairs TF-IDF cosines of one story's sentences (both pair baselines read them)."""
    try:
        matrix = TfidfVectorizer(lowercase=True, stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # only stop words
        return np.zeros((len(texts), len(texts)))
    return np.asarray((matrix @ matrix.T).todense())


def tfidf_threshold_pairs(
    items: Sequence[Item], texts: Sequence[str], threshold: float = TFIDF_THRESHOLD, *, sims: np.ndarray | None = None
) -> set[tuple[Item, Item]]:
    """Pairs of sentences of different articles whose TF-IDF cosine reaches ``threshold``."""
    if len(items) < 2:
        return set()
    sims = tfidf_cosines(texts) if sims is None else sims
    out: set[tuple[Item, Item]] = set()
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i][0] != items[j][0] and sims[i, j] >= threshold:
                out.add(_ordered(items[i], items[j]))
    return out


def tfidf_mutual_best_pairs(
    items: Sequence[Item], texts: Sequence[str], *, sims: np.ndarray | None = None
) -> set[tuple[Item, Item]]:
    """Pairs that are each other's best TF-IDF match between their two articles."""
    if len(items) < 2:
        return set()
    sims = tfidf_cosines(texts) if sims is None else sims
    by_article: dict[str, list[int]] = {}
    for i, (article, _) in enumerate(items):
        by_article.setdefault(article, []).append(i)
    best: dict[tuple[int, str], int] = {}
    for i, (article, _) in enumerate(items):
        for other, rows in by_article.items():
            if other != article:
                j = max(rows, key=lambda r: sims[i, r])
                if sims[i, j] > 0:
                    best[(i, other)] = j
    out: set[tuple[Item, Item]] = set()
    for (i, _other), j in best.items():
        if best.get((j, items[i][0])) == i:
            out.add(_ordered(items[i], items[j]))
    return out


def _ordered(a: Item, b: Item) -> tuple[Item, Item]:
    return (a, b) if a < b else (b, a)


def tfidf_story_groups(ids: Sequence[str], texts: Sequence[str], threshold: float = STORY_THRESHOLD) -> list[list[str]]:
    """Articles joined when their TF-IDF cosine reaches ``threshold``, as connected components."""
    if not ids:
        return []
    sims = tfidf_cosines(texts)
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows, cols = np.nonzero(np.triu(sims >= threshold, k=1))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        parent[find(i)] = find(j)
    groups: dict[int, list[str]] = {}
    for i, article in enumerate(ids):
        groups.setdefault(find(i), []).append(article)
    return list(groups.values())


def tfidf_average_link_groups(
    ids: Sequence[str], texts: Sequence[str], threshold: float = STORY_THRESHOLD
) -> list[list[str]]:
    """Articles grouped by average link over whole-text TF-IDF cosines at ``threshold``."""
    from ..compare.candidates import average_link

    if not ids:
        return []
    sims = tfidf_cosines(texts)
    rows, cols = np.nonzero(np.triu(sims >= threshold, k=1))
    edges = [(float(sims[i, j]), i, j) for i, j in zip(rows.tolist(), cols.tolist(), strict=True)]
    groups = average_link(len(ids), edges, lambda i, j: float(sims[i, j]), threshold=threshold)
    return [[ids[i] for i in g] for g in groups]
