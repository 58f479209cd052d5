"""An article's own voice: how much it speaks in the first and second person, and asks, outside quotes;
and which of its sentences speak in someone else's voice.

Counted from the parse once (pronouns by their morphology, questions from
:attr:`~newsprism.model.Sentence.question`), for telling opinion from news (:mod:`newsprism.genre`).
:func:`mark_voiced` sets :attr:`~newsprism.model.Sentence.voiced`, which keeps a speaker's sentence out of
the brief's wording and the timeline's events.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import loaded_words
from ..model import Quote, Sentence, Voice

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["count_voice", "mark_voiced"]

#: A quotation opened and closed within a sentence.
_CLOSED_QUOTE = re.compile(r"[“\"][^“”\"]*[”\"]")
#: Below this share of a sentence's words outside quotes, the sentence is mostly someone's words.
MIN_OWN_WORDS = 0.4


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


def mark_voiced(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote]) -> tuple[Sentence, ...]:
    """``sentences`` with :attr:`~newsprism.model.Sentence.voiced` set where a sentence speaks in someone's voice.

    News prose has no first person outside quotes: a sentence with a first-person pronoun (by the parse's
    morphology) outside its quote marks is a quoted speaker's sentence that the quote finder did not mark (the
    middle of a long quote, a quote's tail before '..., she added'). So is one whose words are mostly inside
    quotes (``quotes``, or marks closed within the sentence), and one with a quote mark left open.
    """
    out = []
    for sentence in sentences:
        span = sentence.span
        outside = span.text
        for quote in quotes:
            if quote.span.overlaps(span):  # blanked in place, so that offsets still hold
                lo, hi = max(0, quote.span.start - span.start), min(len(outside), quote.span.end - span.start)
                outside = outside[:lo] + " " * (hi - lo) + outside[hi:]
        plain = _CLOSED_QUOTE.sub(lambda m: " " * len(m.group()), outside)
        voiced = (
            len(plain.split()) < MIN_OWN_WORDS * len(span.text.split())
            or any(mark in plain for mark in "“”")
            or plain.count('"') % 2 == 1
            or _first_person_outside(doc, span.start, plain)
        )
        out.append(replace(sentence, voiced=True) if voiced else sentence)
    return tuple(out)


def _first_person_outside(doc: Doc, start: int, plain: str) -> bool:
    """Whether a first-person pronoun of ``doc`` falls where ``plain`` (the sentence from ``start``, quotes
    blanked) still has text. 'US', the country, is no pronoun however the parser reads it, nor is a word of a
    name ('World War I', 'the Me Too movement', 'This Is Us') or a numeral after one ('Article I')."""
    span = doc.char_span(start, start + len(plain), alignment_mode="expand")
    if span is None:
        return False
    for t in span:
        if t.pos_ != "PRON" or t.text == "US" or t.morph.get("Person", []) != ["1"]:
            continue
        if t.ent_type_ or (t.text == "I" and _numeral(doc, t.i)):
            continue
        at = t.idx - start
        if 0 <= at < len(plain) and not plain[at].isspace():
            return True
    return False


def _numeral(doc: Doc, i: int) -> bool:
    """Whether the 'I' at ``i`` numbers the name before it ('Article I of', 'World War I veterans'): the parse
    says so, or a proper noun comes before it and no verb after ('As President I will' is the pronoun)."""
    if doc[i].dep_ == "nummod":
        return True
    after = doc[i + 1] if i + 1 < len(doc) else None
    return i > 0 and doc[i - 1].tag_ in ("NNP", "NNPS") and (after is None or after.pos_ not in ("AUX", "VERB"))
