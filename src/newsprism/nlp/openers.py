"""How a sentence opens: a wire dateline before what it says, and a first word that leans on the sentence before.

A lede often opens with a wire dateline ('GAZA CITY, Gaza Strip (AP) — ',
'WASHINGTON — ', '(CNN) - '), which places the story but says nothing: the
brief prints the sentence without it. A sentence whose first word refers back
('He', 'Their', 'These') or links it to the one before ('But', 'However')
does not read alone. Both are read here once, from the parse, so that later
stages do not re-read the sentence's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from spacy.tokens import Doc, Token

from ..model import Sentence, Span

__all__ = ["CONNECTIVES", "REFERRING_WORDS", "mark_openers"]

# Capitals (the place), an optional region after a comma, an optional agency in brackets, then a dash.
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’\-\s]{2,}(?:,\s*[A-Z][\w.'’\-\s]{1,30})?\s*(?:\([A-Za-z .]{2,20}\))?|\([A-Za-z .]{2,20}\))"
    r"\s*[—–-]{1,2}\s+(?=[A-Z0-9“\"])"
)
#: Opening words that stand for something named before: pronouns and demonstratives.
REFERRING_WORDS = frozenset({"he", "she", "they", "it", "this", "that", "these", "those", "his", "her", "their", "its"})
#: Opening words that tie a sentence to the one before.
CONNECTIVES = frozenset({"but", "and", "however", "although", "also", "yet", "so", "meanwhile", "still"})


def mark_openers(doc: Doc, sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
    """``sentences`` with :attr:`~newsprism.model.Sentence.dateline` and :attr:`~newsprism.model.Sentence.opener` set."""
    out = []
    for sentence in sentences:
        span = sentence.span
        found = _DATELINE.match(span.text)
        dateline = None
        if found is not None:
            dateline = Span(span.article, span.start, span.start + found.end(), found.group())
        opener = _opener(doc, span.start if dateline is None else dateline.end, span.end)
        if dateline is not None or opener is not None:
            sentence = replace(sentence, dateline=dateline, opener=opener)
        out.append(sentence)
    return tuple(out)


def _opener(doc: Doc, start: int, end: int) -> Literal["refers_back", "connective"] | None:
    """``refers_back`` or ``connective`` by the first word from ``start``, else ``None``."""
    words = doc.char_span(start, end, alignment_mode="expand")
    first = next((t for t in words or () if t.is_alpha or t.like_num), None)  # past marks and symbols: '► But'
    if first is None:
        return None
    word = first.lower_
    if word in REFERRING_WORDS and not (_placed_in_time(first) or _extraposed(first) or _defined_here(first)):
        return "refers_back"
    if word in CONNECTIVES and not (word == "so" and first.head.lower_ == "far"):  # 'So far, 12 have died'
        return "connective"
    return None


def _placed_in_time(token: Token) -> bool:
    """'This' or 'these' before a time ('This week, ...', 'These days ...'): it places, it does not refer back
    ('That day, ...' does)."""
    return token.lower_ in ("this", "these") and token.dep_ == "det" and token.head.ent_type_ in ("DATE", "TIME")


def _defined_here(token: Token) -> bool:
    """A pronoun that its own relative clause defines: 'Those who voted ...' (not 'This, which ...')."""
    follows = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (follows is None or follows.text != ",") and any(c.dep_ == "relcl" for c in token.children)


def _extraposed(token: Token) -> bool:
    """'It' standing for a clause that follows ('It is unclear whether ...', 'It was not clear who fired')."""
    if token.lower_ != "it" or token.dep_ != "nsubj":
        return False
    deps = {c.dep_ for c in token.head.children}
    return "acomp" in deps and bool(deps & {"ccomp", "csubj", "xcomp"})
