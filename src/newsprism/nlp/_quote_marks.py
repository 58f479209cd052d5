"""Quote marks paired into quoted stretches, from the characters alone.

Kept apart from :mod:`.quotes` (which attributes the stretches with the
parse) because pairing needs no parse at all: :mod:`.citations` uses it too,
to keep sources named inside a quote out, and it is tested on bare strings.

Double marks (straight, curly, guillemets) are told opening from closing by
the characters beside them, so that a stray or mis-typed mark never swallows
the article; a quote left open at a paragraph end is carried on only when the
next paragraph opens with a mark. UK-style single quotes (‘…’), where ’ is also
the apostrophe, are taken only where the close is clearly an end of speech,
and straight single quotes only in paragraphs with no double marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["MARKS", "QuoteRegion", "find_quote_regions"]

#: Longest quote taken (characters); a longer "quote" is a mis-paired mark.
MAX_QUOTE_CHARS = 1500
#: Longest UK-style single-quoted stretch, where ’ doubles as an apostrophe.
MAX_SINGLE_QUOTE_CHARS = 600

_OPENERS = "“„«"
_CLOSERS = "”»"
_DOUBLE = _OPENERS + _CLOSERS + '"'
#: Every character that can open or close a quote.
MARKS = _DOUBLE + "‘’'"
_LEFT_CONTEXT = "([{—–-/:;“‘\"'"
_RIGHT_CONTEXT = ",.;:!?)]}—–-…'\"’”"
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """A quoted stretch inside one paragraph.

    ``start``/``end`` bound the quoted words (marks excluded), ``open`` and
    ``close`` are the marks' offsets; ``close`` is ``None`` when the quote runs
    on into the next paragraph, and ``continued`` is true when this region
    carries on a quote left open at the end of the previous paragraph.
    """

    start: int
    end: int
    open: int
    close: int | None
    continued: bool = False

    @property
    def stop(self) -> int:
        """Offset just past the closing mark (or the words, when left open)."""
        return self.close + 1 if self.close is not None else self.end


def _role(text: str, i: int, lo: int, hi: int) -> str | None:
    """Whether the double mark at ``i`` opens, closes, or cannot be told."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    opens = (prev.isspace() or prev in _LEFT_CONTEXT) and not nxt.isspace() and nxt not in ",.;:!?)]}"
    closes = not prev.isspace() and (nxt.isspace() or nxt in _RIGHT_CONTEXT)
    ch = text[i]
    if ch in _OPENERS:
        return "close" if closes and not opens else "open"
    if ch in _CLOSERS:
        return "open" if opens and not closes else "close"
    if opens != closes:
        return "open" if opens else "close"
    if prev in ",.!?" and nxt.isalpha():
        return "close"  # a missing space: 'concern."People'
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] == ",":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _starts_with_opener(text: str, lo: int, hi: int) -> bool:
    j = lo
    while j < hi and text[j].isspace():
        j += 1
    return j < hi and text[j] in _DOUBLE and _role(text, j, lo, hi) == "open"


def _double_regions(text: str, paras: Sequence[tuple[int, int]]) -> list[QuoteRegion]:
    regions: list[QuoteRegion] = []
    carried = False  # the previous paragraph left a quote open
    for k, (lo, hi) in enumerate(paras):
        opened: int | None = None
        continued_here = False
        for i in range(lo, hi):
            if text[i] not in _DOUBLE:
                continue
            role = _role(text, i, lo, hi)
            if role == "open":
                opened = i  # a second opener abandons an unclosed first one
                continued_here = carried and not text[lo:i].strip()
            elif role == "close" and opened is not None:
                s, e = _trim(text, opened + 1, i)
                if e > s and e - s <= MAX_QUOTE_CHARS:
                    regions.append(QuoteRegion(s, e, opened, i, continued_here))
                opened, continued_here = None, False
        carried = False
        if opened is not None and k + 1 < len(paras) and _starts_with_opener(text, *paras[k + 1]):
            s, e = _trim(text, opened + 1, hi)
            if e > s and e - s <= MAX_QUOTE_CHARS:
                regions.append(QuoteRegion(s, e, opened, None, continued_here))
                carried = True
    return regions


def _single_close(text: str, i: int, hi: int, mark: str) -> int | None:
    for j in range(i + 2, min(hi, i + MAX_SINGLE_QUOTE_CHARS)):
        if text[j] != mark:
            continue
        prev, nxt = text[j - 1], text[j + 1] if j + 1 < hi else " "
        if nxt.isalnum() or prev.isspace():
            continue  # an apostrophe inside a word (don’t) or before one (’90s)
        if mark == "'" and prev not in ",.!?":
            continue  # straight singles: only a clear end of speech closes
        if prev == "s" and nxt == " " and j + 2 < hi and text[j + 2].islower():
            continue  # a plural possessive (the Joneses’ house)
        return j
    return None


def _single_regions(text: str, lo: int, hi: int, taken: Sequence[QuoteRegion]) -> list[QuoteRegion]:
    """UK-style ‘…’ quotes, and '…' in paragraphs with no double marks."""
    regions: list[QuoteRegion] = []
    straight_ok = not any(text[i] in _DOUBLE for i in range(lo, hi))
    i = lo
    while i < hi:
        ch = text[i]
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        opener = ch == "‘" or (ch == "'" and straight_ok and nxt.isupper())
        if (
            not opener
            or not (prev.isspace() or prev in _LEFT_CONTEXT)
            or not nxt.isalnum()
            or any(r.open <= i < r.stop for r in taken)
        ):
            i += 1
            continue
        close = _single_close(text, i, hi, "’" if ch == "‘" else "'")
        if close is None:
            i += 1
            continue
        s, e = _trim(text, i + 1, close)
        if e > s:
            regions.append(QuoteRegion(s, e, i, close))
        i = close + 1
    return regions


def find_quote_regions(text: str) -> list[QuoteRegion]:
    """Every quoted stretch of ``text``, in order of position."""
    paras = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    regions = _double_regions(text, paras)
    for lo, hi in paras:
        inside = [r for r in regions if lo <= r.open < hi]
        regions.extend(_single_regions(text, lo, hi, inside))
    return sorted(regions, key=lambda r: r.open)
