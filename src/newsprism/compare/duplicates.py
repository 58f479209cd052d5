"""Reprints and syndicated copies: MinHash near-duplicates.

Agencies' copy is reprinted with a reworded sentence or an added credit line;
counting such a copy as a second outlet would inflate every claim it carries.
Each article's word 5-shingles are MinHashed and indexed in a MinHash LSH,
so near-duplicates are found without comparing every pair. A candidate that
the LSH returns is confirmed on the exact shingle sets: Jaccard at least
``settings.duplicate_threshold``, or (for a copy that adds or drops a short
passage) containment of the shorter in the longer at least
:data:`CONTAINMENT` with Jaccard above :data:`CONTAINMENT_MIN_JACCARD`.

The original of a cluster is its earliest article: by publication date where
known, else by input order. Every copy points at that original.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..config import Settings
from ..model import Article

__all__ = ["mark_duplicates", "shingles"]

#: Words per shingle.
SHINGLE = 5
#: MinHash permutations: enough for a stable estimate at a low cost.
NUM_PERM = 64
#: A copy that adds or drops a short passage: the shorter text's shingles found in the longer.
CONTAINMENT = 0.9
CONTAINMENT_MIN_JACCARD = 0.5
#: Texts with fewer words than this are never called copies (too little evidence).
MIN_WORDS = 40

_WORD = re.compile(r"\w+")
_BASE = 1_000_003


def shingles(words: Sequence[str], size: int = SHINGLE) -> np.ndarray:
    """The sorted, unique 32-bit hashes of the word ``size``-grams of ``words``.

    Each word is hashed once (CRC-32); a shingle's hash is a polynomial of its
    words' hashes, computed for all shingles at once.
    """
    if not words:
        return np.zeros(0, dtype=np.uint32)
    hashed = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    n = max(1, len(words) - size + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(min(size, len(words))):
        acc = (acc * np.uint64(_BASE) + hashed[k : k + n]) & np.uint64(0xFFFFFFFF)
    return np.unique(acc.astype(np.uint32))


def _identity(value: int) -> int:
    """The shingles are already 32-bit hashes: MinHash takes them as they are."""
    return value


def _same_text(a: np.ndarray, b: np.ndarray, threshold: float) -> bool:
    shared = len(np.intersect1d(a, b, assume_unique=True))
    if not shared:
        return False
    jaccard = shared / (len(a) + len(b) - shared)
    if jaccard >= threshold:
        return True
    containment = shared / min(len(a), len(b))
    return containment >= CONTAINMENT and jaccard >= CONTAINMENT_MIN_JACCARD


def _order_key(article: Article, index: int) -> tuple[int, float, int]:
    """Earliest first: by publication time (UTC where a zone is given), undated last, then input order."""
    published = article.published
    if published:
        try:
            moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return (0, moment.timestamp(), index)
    return (1, 0.0, index)


def mark_duplicates(articles: Sequence[Article], *, settings: Settings) -> Sequence[Article]:
    """Set ``duplicate_of`` on every near-copy of an earlier article.

    Returns the articles in input order; an article that is already marked
    keeps its mark.
    """
    if len(articles) < 2:
        return articles
    threshold = settings.duplicate_threshold
    # The index finds candidates a bit below the bar; the exact check decides.
    template = MinHash(num_perm=NUM_PERM, seed=1)
    lsh = MinHashLSH(threshold=max(0.3, min(threshold, CONTAINMENT_MIN_JACCARD)), num_perm=NUM_PERM)
    sets: dict[int, np.ndarray] = {}
    original: dict[int, int] = {}
    order = sorted(range(len(articles)), key=lambda i: _order_key(articles[i], i))
    rank = {i: r for r, i in enumerate(order)}
    for i in order:
        article = articles[i]
        words = _WORD.findall(article.text.casefold())
        if len(words) < MIN_WORDS:
            continue
        hashes = shingles(words)
        mh = MinHash(num_perm=NUM_PERM, hashfunc=_identity, permutations=template.permutations, scheme=template.scheme)
        mh.update_batch(hashes.tolist())
        found = sorted((int(k) for k in lsh.query(mh)), key=rank.__getitem__)
        match = next((j for j in found if _same_text(hashes, sets[j], threshold)), None)
        if match is not None:
            original[i] = original.get(match, match)
            continue  # copies stay out of the index: the original stands for them
        sets[i] = hashes
        lsh.insert(str(i), mh)
    out = list(articles)
    for i, j in original.items():
        if out[i].duplicate_of is None:
            out[i] = replace(out[i], duplicate_of=articles[j].id)
    return out
