"""Gold sentences found again in the cleaned text, and predicted spans mapped onto them.

Gold ranges are offsets into the text as read; newsprism's spans are offsets
into the cleaned text (encoding repaired, noise lines removed). Each gold
sentence is looked up in the cleaned text in order, after the same encoding
repair and with whitespace runs collapsed; a sentence that cleaning removed
is not found and cannot be predicted.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..clean import repair_line
from .goldsets import GoldSentence

__all__ = ["Located", "locate_sentences", "sentences_under"]

#: (start, end) in the cleaned text, or None where the sentence is not there.
Located = tuple[int, int] | None

#: Characters of a sentence's start that find it when the whole sentence is not found verbatim.
_PREFIX = 60


def _collapsed(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs as one space, and each kept character's index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and chars:
                chars.append(" ")
                index.append(i)
            space = True
        else:
            chars.append(ch)
            index.append(i)
            space = False
    return "".join(chars), index


def locate_sentences(raw: str, cleaned: str, sentences: Sequence[GoldSentence]) -> list[Located]:
    """Where each gold sentence of ``raw`` stands in ``cleaned``."""
    hay, index = _collapsed(cleaned)
    out: list[Located] = []
    cursor = 0
    for s in sentences:
        needle = " ".join(repair_line(raw[s.start : s.end]).split())
        if len(needle) < 2:
            out.append(None)
            continue
        at = hay.find(needle, cursor)
        if at < 0:
            at = hay.find(needle)
        length = len(needle)
        if at < 0 and len(needle) > _PREFIX:
            at = hay.find(needle[:_PREFIX], cursor)
            length = min(length, len(hay) - at) if at >= 0 else length
        if at < 0:
            out.append(None)
            continue
        start, end = index[at], index[at + length - 1] + 1
        out.append((start, end))
        cursor = at + length
    return out


def sentences_under(start: int, end: int, located: Sequence[Located]) -> list[int]:
    """The gold sentences a predicted span ``[start, end)`` stands for.

    Those that overlap it by at least half of the shorter of the two; failing
    that, the one it overlaps most.
    """
    best, best_overlap = -1, 0
    out: list[int] = []
    for n, where in enumerate(located):
        if where is None:
            continue
        overlap = min(end, where[1]) - max(start, where[0])
        if overlap <= 0:
            continue
        if overlap >= 0.5 * min(end - start, where[1] - where[0]):
            out.append(n)
        if overlap > best_overlap:
            best, best_overlap = n, overlap
    if not out and best >= 0:
        out.append(best)
    return out
