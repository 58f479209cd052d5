"""Quote variants: one utterance, rendered differently by different outlets.

Outlets quote the same remark verbatim, trimmed to a few words, or altered
(``working that out now`` against ``working on that right now``). This module
groups the story's quotes that render one utterance by one speaker and says,
for each pair of distinct renderings, how they differ, word by word.

Comparison is on words: case is folded and curly apostrophes are made
straight, so ``We’re`` and ``we're`` are the same word, while the pairs and
diffs show the words as the articles print them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import combinations
from typing import Literal

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import QuoteVariantPair, StoryQuote

__all__ = ["compare_renderings", "group_quote_variants", "words"]

Relation = Literal["identical", "trimmed", "altered"]

_WORD = re.compile(r"\w+(?:['’‘`]\w+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})

# Words too common to tie two renderings together on their own.
_FUNCTION_WORDS: frozenset[str] = frozenset(STOP_WORDS)

# Two renderings are one utterance when their word-level similarity
# (difflib ratio) reaches this, or when the shorter one's words are nearly all
# found, in order, in the longer one.
ALTERED_RATIO = 0.6
ALTERED_COVERAGE = 0.8
MIN_COVERAGE_WORDS = 4
# Quotes this short join a group only through its best match (never bridge two).
SHORT_QUOTE_WORDS = 3
#: Quotes sharing a content word that one quote is compared with (the first, in story order).
QUOTE_PARTNERS = 200


def words(text: str) -> list[str]:
    """The words of a rendering, as printed (punctuation dropped)."""
    return _WORD.findall(text)


def _norm(tokens: Sequence[str]) -> list[str]:
    return [t.translate(_APOSTROPHES).lower() for t in tokens]


def _is_sublist(short: Sequence[str], long: Sequence[str]) -> bool:
    n = len(short)
    if n == 0 or n > len(long):
        return False
    return any(list(long[i : i + n]) == list(short) for i in range(len(long) - n + 1))


def _has_content(tokens: Sequence[str]) -> bool:
    return any(t not in _FUNCTION_WORDS and not t.isdigit() for t in tokens)


def compare_renderings(a: str, b: str) -> tuple[Relation, float] | None:
    """How rendering ``b`` relates to ``a``, with a word similarity in [0, 1].

    ``identical`` (same words), ``trimmed`` (one is a contiguous run of the
    other's words), ``altered`` (similar enough to be the same utterance), or
    ``None`` when they are different utterances.
    """
    na, nb = _norm(words(a)), _norm(words(b))
    if not na or not nb:
        return None
    if na == nb:
        return "identical", 1.0
    short, long = (na, nb) if len(na) <= len(nb) else (nb, na)
    matcher = SequenceMatcher(None, na, nb, autojunk=False)
    ratio = matcher.ratio()
    if _is_sublist(short, long) and _has_content(short):
        return "trimmed", ratio
    if not (_has_content(na) and _has_content(nb)):
        return None
    matched = sum(block.size for block in matcher.get_matching_blocks())
    shared_content = {t for t in short if t not in _FUNCTION_WORDS} & set(long)
    if not shared_content:
        return None
    if ratio >= ALTERED_RATIO and len(short) >= 2:
        return "altered", ratio
    if len(short) >= MIN_COVERAGE_WORDS and matched / len(short) >= ALTERED_COVERAGE:
        return "altered", ratio
    return None


def word_diff(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """Word-level diff of two renderings as ``(op, words)`` pairs.

    ``op`` is ``=`` (in both), ``-`` (only in ``a``) or ``+`` (only in ``b``);
    words are compared case- and apostrophe-blind but shown as printed.
    """
    wa, wb = words(a), words(b)
    matcher = SequenceMatcher(None, _norm(wa), _norm(wb), autojunk=False)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(wa[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(wa[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(wb[j1:j2])))
    return tuple(out)


# --- speakers --------------------------------------------------------------


def _same_speaker(a: StoryQuote, b: StoryQuote) -> bool | None:
    """True/False for two known speakers; None when either is unknown."""
    if a.speaker_entity and b.speaker_entity:
        return a.speaker_entity == b.speaker_entity
    if not a.speaker or not b.speaker:
        return None
    na, nb = _norm(words(a.speaker)), _norm(words(b.speaker))
    if not na or not nb:
        return None
    if na == nb:
        return True
    # "Porter" and "Sam Porter": one name is the tail of the other.
    short, long = (na, nb) if len(na) <= len(nb) else (nb, na)
    return long[-len(short) :] == short


# --- grouping --------------------------------------------------------------


@dataclass(slots=True)
class _Groups:
    """Union-find over quotes that never puts two different named speakers together."""

    quotes: Sequence[StoryQuote]
    parent: list[int]
    named: list[list[StoryQuote]]

    @classmethod
    def of(cls, quotes: Sequence[StoryQuote]) -> _Groups:
        return cls(quotes, list(range(len(quotes))), [[q] if q.speaker or q.speaker_entity else [] for q in quotes])

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def size(self, i: int) -> int:
        root = self.find(i)
        return sum(1 for k in range(len(self.parent)) if self.find(k) == root)

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        # An unknown speaker must not bridge two different named ones.
        if any(_same_speaker(a, b) is False for a in self.named[ri] for b in self.named[rj]):
            return
        self.parent[rj] = ri
        self.named[ri].extend(self.named[rj])


def _linked(a: StoryQuote, b: StoryQuote) -> bool:
    same = _same_speaker(a, b)
    if same is False:
        return False
    found = compare_renderings(a.span.text, b.span.text)
    if found is None:
        return False
    relation, _ratio = found
    if same is None:
        # With a speaker unknown, only the words tie the two: ask for more of them.
        na, nb = _norm(words(a.span.text)), _norm(words(b.span.text))
        shorter = min(len(na), len(nb))
        if relation == "identical":
            return shorter >= 3
        return shorter >= 4
    return True


def _story_prefix(quotes: Sequence[StoryQuote]) -> str:
    for q in quotes:
        if "-" in q.id:
            return q.id.rsplit("-", 1)[0] + "-"
    return ""


def group_quote_variants(
    quotes: Sequence[StoryQuote],
) -> tuple[tuple[StoryQuote, ...], tuple[QuoteVariantPair, ...]]:
    """Group the quotes that render one utterance, and compare the renderings.

    Returns the quotes (same order) with ``variant_group`` set on every quote
    that has at least one variant (``<story>-v<n>``, e.g. ``s1-v2``), and one
    :class:`QuoteVariantPair` for each pair of distinct renderings in a group
    that come from different articles (an identical rendering printed by
    several articles gives one ``identical`` pair).
    """
    n = len(quotes)
    groups = _Groups.of(quotes)
    normed = [_norm(words(q.span.text)) for q in quotes]
    vocab = [{w for w in ws if w not in _FUNCTION_WORDS} for ws in normed]
    short = [len(ws) < SHORT_QUOTE_WORDS for ws in normed]
    # Full renderings first; a short partial quote ('working') could otherwise
    # bridge two different utterances that both contain its words.
    # Renderings in different articles tie quotes together; within one article
    # only a verbatim repeat does: an article quoting a fragment of its own
    # quote ('treasonous' beside the full sentence) would otherwise chain
    # different utterances into one group.
    article = [q.span.article for q in quotes]
    # Only quotes that share a content word can render one utterance: an inverted index
    # proposes them (in index order, as a scan of all pairs would meet them), at most
    # QUOTE_PARTNERS each, so a story quoted by many outlets costs no all-pairs scan.
    postings: dict[str, list[int]] = {}
    for i, words_i in enumerate(vocab):
        for w in words_i:
            postings.setdefault(w, []).append(i)

    def partners(i: int, *, later: bool) -> list[int]:
        found = {j for w in vocab[i] for j in postings[w] if j != i and (j > i or not later)}
        return sorted(found)[:QUOTE_PARTNERS]

    for i in range(n):
        if short[i]:
            continue
        for j in partners(i, later=True):
            if short[j]:
                continue
            if article[i] == article[j] and normed[i] != normed[j]:
                continue  # within one article only a verbatim repeat is the same rendering
            if groups.find(i) == groups.find(j):
                continue
            if _linked(quotes[i], quotes[j]):
                groups.union(i, j)
    for i in range(n):
        if not short[i]:
            continue
        best: int | None = None
        for j in partners(i, later=False):
            if article[j] == article[i] or not _linked(quotes[i], quotes[j]):
                continue
            if best is None or groups.size(j) > groups.size(best):
                best = j
        if best is not None:
            groups.union(best, i)

    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(groups.find(i), []).append(i)
    prefix = _story_prefix(quotes)
    out = list(quotes)
    pairs: list[QuoteVariantPair] = []
    number = 0
    for root in sorted(members, key=lambda r: members[r][0]):
        idx = members[root]
        if len(idx) < 2:
            continue
        number += 1
        gid = f"{prefix}v{number}"
        for i in idx:
            out[i] = replace(quotes[i], variant_group=gid)
        pairs.extend(_pairs(gid, [quotes[i] for i in idx]))
    return tuple(out), tuple(pairs)


def _pairs(gid: str, group: Sequence[StoryQuote]) -> list[QuoteVariantPair]:
    """One pair per two distinct renderings, found in different articles, that render each other.

    Two fragments of one long utterance ('treasonous', 'unpatriotic') share a
    group through the fuller rendering but are not variants of each other.
    """
    seen: set[tuple[str, str]] = set()
    tried: set[tuple[str, str]] = set()  # each distinct pair of renderings is compared once
    out: list[QuoteVariantPair] = []
    for qa, qb in combinations(group, 2):
        if qa.span.article == qb.span.article:
            continue
        a, b = qa.span.text, qb.span.text
        key = (a, b) if a <= b else (b, a)
        if key in seen or (a, b) in tried:
            continue
        tried.add((a, b))
        found = compare_renderings(a, b)
        if found is None:
            continue  # linked only through a third rendering: two different parts of one utterance
        seen.add(key)
        out.append(QuoteVariantPair(gid, a, b, found[0], word_diff(a, b)))
    return out
