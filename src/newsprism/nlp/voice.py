"""An article's own voice: how much it speaks in the first and second person, and asks, outside quotes.

Counted from the parse once (pronouns by their morphology, questions from
:attr:`~newsprism.model.Sentence.question`), for telling opinion from news (:mod:`newsprism.genre`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..lexicon import loaded_words
from ..model import Quote, Sentence, Voice

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["count_voice"]


def count_voice(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote]) -> Voice:
    """Words, first- and second-person pronouns, questions, tenses, modals, adjectives and loaded words of
    ``doc`` outside its ``quotes``."""
    if not len(doc):
        return Voice()
    spans = sorted((q.span.start - 1, q.span.end + 1) for q in quotes)  # the marks are the quote's too
    starts = [a for a, _ in spans]

    def quoted(at: int) -> bool:
        k = bisect_right(starts, at) - 1
        return k >= 0 and at < spans[k][1]

    loaded_forms = loaded_words()
    words = first = second = past = present = modals = adjectives = loaded = 0
    for t in doc:
        if not t.is_alpha or (spans and quoted(t.idx)):
            continue
        words += 1
        if t.lower_ in loaded_forms:
            loaded += 1
        tag = t.tag_
        if tag == "VBD":
            past += 1
        elif tag in ("VBP", "VBZ"):
            present += 1
        elif tag == "MD":
            modals += 1
        elif tag in ("JJ", "JJR", "JJS"):
            adjectives += 1
        elif t.pos_ == "PRON":
            person = t.morph.get("Person", [])
            if person == ["1"]:
                first += 1
            elif person == ["2"]:
                second += 1
    questions = sum(1 for s in sentences if s.question and not quoted(s.span.start))
    return Voice(words, first, second, questions, past, present, modals, adjectives, loaded)
