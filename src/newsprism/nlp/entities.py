"""Named-entity mentions: spaCy's entities, trimmed to the name itself.

The model's spans often carry a leading article (``the Pentagon``), a
possessive (``Kiev’s``) or edge punctuation, and now and then run across a line
break; each mention is cut back to the name so that spellings compare cleanly
across articles.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from ..lexicon import data_lines
from ..model import Article, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ENTITY_LABELS", "extract_mentions", "fold", "titles", "trim_name", "unaccented"]

#: People, organisations, places, groups, facilities, products (weapons), events and laws.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW"})

_POSSESSIVES = ("’s", "'s", "’S", "'S")
_EDGE = ' \t\r\n\u00a0,;:.!?"“”‘’«»()[]{}–—-*|/'
_LEADING_WORDS = ("the ", "The ", "THE ")
_WORD = re.compile(r"[^\s\-‐–—]+")
_AMOUNT = re.compile(r"[\d.,]+\s*(?:mn|bn|tn|m|b|k|million|billion|trillion)", re.IGNORECASE)
_FOLD_DROP = str.maketrans("", "", ".'’‘`´")


def unaccented(word: str) -> str:
    """``word`` without its accents ('Sánchez' -> 'Sanchez')."""
    if word.isascii():  # the common case: nothing to decompose
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def fold(word: str) -> str:
    """A word's matching key: no accents, case or periods/apostrophes (``U.S.`` -> ``us``)."""
    return unaccented(word).casefold().translate(_FOLD_DROP)


@cache
def titles() -> frozenset[tuple[str, ...]]:
    """Titles written before names (``data/titles.txt``), as folded word tuples."""
    return frozenset(tuple(fold(w) for w in _WORD.findall(line)) for line in data_lines("titles.txt"))


def _part_of_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of a title around it (``Secretary of State``, ``Defense Secretary``)."""
    known = titles()
    before = [fold(w) for w in _WORD.findall(text[max(0, start - 40) : start])[-3:]]
    after = [fold(w) for w in _WORD.findall(text[end : end + 40])[:2]]
    own = [fold(w) for w in _WORD.findall(text[start:end])]
    for b in range(len(before) + 1):
        for a in range(len(after) + 1):
            if (a or b) and tuple(before[len(before) - b :] + own + after[:a]) in known:
                return True
    return False


def trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut ``text[start:end]`` back to the name: no article, possessive, edge punctuation or second line."""
    newline = text.find("\n", start, end)
    if newline != -1:
        # Keep the longer line: the other is usually a heading or caption fragment.
        first, second = (start, newline), (newline + 1, end)
        start, end = first if first[1] - first[0] >= second[1] - second[0] else second
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE and not _is_abbreviation_end(text, start, end):
            end -= 1
        for word in _LEADING_WORDS:
            if text.startswith(word, start) and end - start > len(word):
                start += len(word)
                changed = True
        for possessive in _POSSESSIVES:
            if text.endswith(possessive, start, end) and end - start > len(possessive):
                end -= len(possessive)
                changed = True
        if end - start > 1 and text[end - 1] in "’'" and text[end - 2] in "sS":
            end -= 1  # plural possessive: "the allies’"
            changed = True
    return start, end


def _is_abbreviation_end(text: str, start: int, end: int) -> bool:
    """A final period that belongs to the name: ``U.S.``, ``Inc.``, ``Jr.``."""
    if text[end - 1] != ".":
        return False
    word = text[start:end].split()[-1] if text[start:end].split() else ""
    return word.count(".") >= 2 or word in ("Inc.", "Co.", "Corp.", "Ltd.", "Jr.", "Sr.", "Bros.", "St.")


def extract_mentions(doc: Doc, article: Article) -> tuple[Mention, ...]:
    """The article's entity mentions of :data:`ENTITY_LABELS`, in text order."""
    text = article.text
    out: list[Mention] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in ENTITY_LABELS:
            continue
        start, end = trim_name(text, ent.start_char, ent.end_char)
        name = text[start:end]
        if end <= start or not any(c.isalpha() for c in name) or _AMOUNT.fullmatch(name):
            continue
        if label != "PERSON" and _part_of_title(text, start, end):
            continue  # "State" in "Secretary of State", "Defense" in "Defense Secretary"
        out.append(Mention(Span.of(article, start, end), label))
    return tuple(out)
