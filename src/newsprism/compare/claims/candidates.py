"""Generous candidate pairs for claim alignment: lexical partners and embedding neighbours.

The lexical join (:func:`.candidates.candidate_pairs`) finds sentences that
share rare words, but two outlets often state one fact in different words.
Once a story's sentences are embedded, each sentence also proposes its
nearest neighbours by cosine: its best match in each of the (most similar)
other articles, and its closest sentences overall. The pair scorer decides
which candidates state one fact; this step only has to reach them.

Each sentence proposes at most ``per_article + top_k`` partners, so the
number of pairs grows linearly with the story. Similarities are computed a
block of rows at a time, so memory stays bounded too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

__all__ = ["embedding_pairs", "generous_pairs"]

#: Each sentence proposes its best match in up to this many other articles (the most similar ones).
PER_ARTICLE = 12
#: ... and its this many closest sentences of other articles overall.
TOP_K = 5
#: Pairs whose cosine is below this are not proposed by the embedding (they share nothing).
FLOOR = 0.2
#: Rows of the similarity matrix computed at once.
BLOCK = 512


def embedding_pairs(
    articles: Sequence[str],
    vectors: Mapping[int, np.ndarray],
    *,
    per_article: int = PER_ARTICLE,
    top_k: int = TOP_K,
    floor: float = FLOOR,
) -> set[tuple[int, int]]:
    """Cross-article pairs ``(i, j)``, ``i < j``, of embedding neighbours among the ``vectors``' units.

    ``articles[i]`` is unit ``i``'s article; only units with a vector take part.
    """
    ids = np.asarray(sorted(vectors), dtype=np.int64)
    if len(ids) < 2:
        return set()
    matrix = np.stack([vectors[int(i)] for i in ids]).astype(np.float32)
    names = [articles[int(i)] for i in ids]
    codes = {a: n for n, a in enumerate(dict.fromkeys(names))}
    article = np.asarray([codes[a] for a in names], dtype=np.int64)
    groups = [np.flatnonzero(article == c) for c in range(len(codes))]
    out: set[tuple[int, int]] = set()
    for lo in range(0, len(ids), BLOCK):
        rows = slice(lo, min(lo + BLOCK, len(ids)))
        sims = matrix[rows] @ matrix.T
        sims[article[rows][:, None] == article[None, :]] = -np.inf
        # each row's best match in each article
        best_col = np.stack([cols[np.argmax(sims[:, cols], axis=1)] for cols in groups], axis=1)
        best_val = np.take_along_axis(sims, best_col, axis=1)
        keep = min(per_article, best_val.shape[1])
        chosen = np.argpartition(-best_val, keep - 1, axis=1)[:, :keep] if keep else np.zeros((len(best_val), 0), int)
        picked_cols = np.take_along_axis(best_col, chosen, axis=1)
        k = min(top_k, sims.shape[1] - 1)
        near = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k > 0 else np.zeros((len(sims), 0), int)
        for r, cols in enumerate(np.concatenate([picked_cols, near], axis=1)):
            i = int(ids[lo + r])
            for c in cols.tolist():
                if sims[r, c] >= floor:
                    j = int(ids[c])
                    out.add((i, j) if i < j else (j, i))
    return out


def generous_pairs(
    lexical: Iterable[tuple[int, int]], articles: Sequence[str], vectors: Mapping[int, np.ndarray]
) -> list[tuple[int, int]]:
    """The lexical candidates and the embedding neighbours together, in order."""
    return sorted(set(lexical) | embedding_pairs(articles, vectors))
