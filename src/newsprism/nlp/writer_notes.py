"""A note on the writer closing the article: 'Jane Doe is a senior fellow at the Hoover Institution.'

Columns and op-eds often end with a line about their writer. The cleaner
removes one that stands alone as a short paragraph (an *author note*); one
that runs on over several sentences ('Patrick Buchanan has been an adviser to
three presidents ... His latest book is ...') or shares its paragraph with a
promo line stays in the text. It says nothing about the story, and it marks
the piece as its writer's own (:mod:`newsprism.genre`).

Read from the parse: among the article's last :data:`WINDOW` sentences, the
first whose main verb is 'be' with a noun for complement ('is a senior
fellow', 'is the author of'), whose subject is a person's name (a PERSON
entity of two or more words, or a surname after an honorific: 'Mr. Rago') that
the article has not used before, and which holds no quotation. A person the
story is about is named before its last lines; the writer, who says 'I', is
named only in the note. That sentence and every one after it are the note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..model import Quote, Sentence

__all__ = ["HONORIFICS", "WINDOW", "mark_writer_notes"]

#: How many sentences from the end a note may start.
WINDOW = 5
#: Honorifics that make a lone surname a person's name ('Mr. Rago is a member of the editorial board').
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof"})
_NAME_DEPS = frozenset({"compound", "nsubj", "nsubjpass", "flat"})


def mark_writer_notes(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote]) -> tuple[Sentence, ...]:
    """``sentences`` with :attr:`~newsprism.model.Sentence.writer_note` set on the note that closes the article."""
    first = max(0, len(sentences) - WINDOW)
    for k in range(first, len(sentences)):
        if _opens_note(doc, sentences[k], quotes):
            return (*sentences[:k], *(replace(s, writer_note=True) for s in sentences[k:]))
    return tuple(sentences)


def _opens_note(doc: Doc, sentence: Sentence, quotes: Sequence[Quote]) -> bool:
    span = sentence.span
    if sentence.stamp or any(q.span.overlaps(span) for q in quotes):
        return False
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None:
        return False
    for verb in words:
        if verb.dep_ != "ROOT" or verb.lemma_ != "be":
            continue
        if not any(c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN") for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        surname = _surname(subject) if subject is not None else None
        if surname is not None and not _named_before(doc, surname, words.start):
            return True
    return False


def _surname(subject: Token) -> Token | None:
    """The last word of the person's name that ``subject`` heads, else ``None`` (no person's name)."""
    if subject.pos_ != "PROPN":
        return None
    name = [t for t in subject.subtree if t.i <= subject.i and t.pos_ == "PROPN" and t.dep_ in _NAME_DEPS]
    titled = any(t.lower_.rstrip(".") in HONORIFICS for t in subject.subtree if t.i < subject.i)
    if titled or (len(name) >= 2 and subject.ent_type_ == "PERSON"):
        return subject
    return None


def _named_before(doc: Doc, surname: Token, start: int) -> bool:
    """Whether the article uses ``surname`` before token ``start`` (its sentence's first)."""
    text = surname.text
    return any(t.text == text for t in doc[:start])
