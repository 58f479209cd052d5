"""Candidate pairs without an all-pairs step, and clustering within them.

Comparing every article (or sentence) with every other grows with the square
of the input. Instead, items are described by sparse weighted features
(entity names, content words); an inverted-index join over the features that
are rare enough to be informative yields the pairs worth scoring. A feature
shared by more than ``max_df`` items (``Trump`` in a year of politics) says
little and would make the join quadratic, so it is left out of the join (it
still counts in the scores).

:class:`UnionFind` and :func:`average_link` turn scored pairs into groups.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

__all__ = ["UnionFind", "average_link", "candidate_pairs", "tfidf_matrix", "top_features"]


class UnionFind:
    """Disjoint sets over ``0..n-1`` with path halving."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> int:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            if rj < ri:
                ri, rj = rj, ri
            self.parent[rj] = ri
        return ri

    def groups(self) -> list[list[int]]:
        """The sets, each sorted, ordered by their first member."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return sorted(out.values(), key=lambda g: g[0])


def tfidf_matrix(
    features: Sequence[Mapping[str, float]], *, max_df: int | None = None
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Row-normalised TF-IDF matrices of ``features``: (all features, join features).

    The second matrix keeps only features held by at least two and at most
    ``max_df`` items: those that can propose a pair at a bounded cost.
    """
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, feats in enumerate(features):
        for name, weight in feats.items():
            c = vocab.setdefault(name, len(vocab))
            rows.append(r)
            cols.append(c)
            vals.append(weight)
    n = len(features)
    shape = (n, max(1, len(vocab)))
    raw = sparse.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)), shape=shape)
    df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=shape[1]) if cols else np.zeros(shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)).astype(np.float32) + 1.0
    weighted = _normalise(raw @ sparse.diags(idf))
    limit = max_df if max_df is not None else n
    keep = ((df >= 2) & (df <= limit)).astype(np.float32)
    joinable = _normalise(raw @ sparse.diags(idf * keep))
    return weighted, joinable


def _normalise(m: sparse.spmatrix) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def top_features(matrix: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    """``matrix`` with only each row's ``k`` largest entries kept, rows renormalised.

    A long document has hundreds of joinable features; joining on all of them
    costs rows x features x df. Its few heaviest features (rare names, the
    event's own words) are enough to find its partners.
    """
    m = sparse.csr_matrix(matrix, copy=True)
    indptr, data = m.indptr, m.data
    for r in range(m.shape[0]):
        lo, hi = indptr[r], indptr[r + 1]
        if hi - lo > k:
            row = data[lo:hi]
            cut = np.partition(row, hi - lo - k)[hi - lo - k]
            row[row < cut] = 0.0
    m.eliminate_zeros()
    return _normalise(m)


def candidate_pairs(
    joinable: sparse.csr_matrix,
    *,
    floor: float,
    top_k: int,
    allowed: Callable[[int, int], bool] | None = None,
) -> dict[tuple[int, int], float]:
    """Pairs ``(i, j)``, ``i < j``, whose join-feature cosine reaches ``floor``.

    Each item keeps at most its ``top_k`` best partners (a pair is kept when
    either side keeps it); ``allowed`` can veto pairs (e.g. a time window).
    """
    product = sparse.csr_matrix(joinable @ joinable.T)
    product.setdiag(0)
    product.eliminate_zeros()
    out: dict[tuple[int, int], float] = {}
    indptr, indices, data = product.indptr, product.indices, product.data
    for i in range(product.shape[0]):
        lo, hi = indptr[i], indptr[i + 1]
        if lo == hi:
            continue
        cols, vals = indices[lo:hi], data[lo:hi]
        mask = vals >= floor
        if not mask.any():
            continue
        cols, vals = cols[mask], vals[mask]
        if len(cols) > top_k:
            best = np.argsort(-vals, kind="stable")[:top_k]
            cols, vals = cols[best], vals[best]
        for j, v in zip(cols.tolist(), vals.tolist(), strict=True):
            a, b = (i, j) if i < j else (j, i)
            if (a, b) in out or (allowed is not None and not allowed(a, b)):
                continue
            out[(a, b)] = float(v)
    return out


def average_link(
    n: int,
    edges: Iterable[tuple[float, int, int]],
    similarity: Callable[[int, int], float],
    *,
    threshold: float,
    can_join: Callable[[Sequence[int], Sequence[int]], bool] | None = None,
    mean: Callable[[Sequence[int], Sequence[int]], float] | None = None,
) -> list[list[int]]:
    """Greedy average-link clustering over candidate edges.

    Edges are taken strongest first; two clusters merge when the mean
    ``similarity`` over all their cross pairs reaches ``threshold`` (so a
    chain of weak links cannot bridge two distinct groups) and ``can_join``
    (a constraint, e.g. one sentence per article) allows it. ``mean``, when
    given, computes that mean for two clusters at once (batched scoring).
    """
    uf = UnionFind(n)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _score, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        a, b = members[ri], members[rj]
        if can_join is not None and not can_join(a, b):
            continue
        if mean is not None:
            average = mean(a, b)
        else:
            average = math.fsum(similarity(x, y) for x in a for y in b) / (len(a) * len(b))
        if average < threshold:
            continue
        root = uf.union(ri, rj)
        other = rj if root == ri else ri
        members[root] = sorted(a + b)
        del members[other]
    return sorted(members.values(), key=lambda g: g[0])
