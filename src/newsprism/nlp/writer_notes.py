"""A note on the writer closing the article: 'Jane Doe is a senior fellow at the Hoover Institution.'

Columns and op-eds often end with a line about their writer. The cleaner
removes one that stands alone as a short paragraph (an *author note*); one
that runs on over several sentences ('Patrick Buchanan has been an adviser to
three presidents ... His latest book is ...') or shares its paragraph with a
promo line stays in the text. It says nothing about the story, and it marks
the piece as its writer's own (:mod:`newsprism.genre`).

Read from the parse: among the article's last :data:`WINDOW` sentences, the
first (no page stamp, no reported speech) whose main verb is 'be' with a noun
for complement ('is a senior fellow', 'has been an adviser'), and whose
subject is a person's name that the article has not used before. The main
verb is the root, or a clause the parser hung from a quoted title's verb
after it; under a modal or a negation ('may have been a maniac', 'was no
saint') it judges and opens no note. A person's name is a PERSON entity of
two or more words or a surname after an honorific ('Mr. Rago'), and neither
it nor the verb is inside a quotation (a book title in quote marks may
follow). A person the story is about is named before its last lines; a
writer is named only in the note (that the writer says 'I' elsewhere is not
checked). The tense is not read otherwise: a note may begin 'Judge Jane Roe
was the youngest judge ...'. That sentence and every one after it are the
note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..model import Quote, Sentence
from ._article_index import PERSON_LABELS
from .names import HONORIFICS, NAME_SUFFIXES

__all__ = ["WINDOW", "mark_writer_notes"]

#: How many sentences from the end a note may start.
WINDOW = 5
#: Clauses that the parser may hang from a quoted title's verb after them ('... is the author of "How Grain
#: Built an Empire."' parses with 'Built' for root and 'is' for its ccomp).
_HUNG = frozenset({"ccomp", "conj"})


def mark_writer_notes(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote]) -> tuple[Sentence, ...]:
    """``sentences`` with :attr:`~newsprism.model.Sentence.writer_note` set on the note that closes the article."""
    for k in range(max(0, len(sentences) - WINDOW), len(sentences)):
        if _opens_note(doc, sentences[k], quotes):
            return (*sentences[:k], *(replace(s, writer_note=True) for s in sentences[k:]))
    return tuple(sentences)


def _opens_note(doc: Doc, sentence: Sentence, quotes: Sequence[Quote]) -> bool:
    if sentence.stamp or sentence.report_verb is not None:
        return False
    span = sentence.span
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    for verb in words or ():
        if verb.lemma_ != "be" or not _main(verb) or _quoted(verb, quotes):
            continue
        # 'X may have been a maniac', 'X was no saint': a judgement, not a note
        if any((c.dep_ == "aux" and c.tag_ == "MD") or c.dep_ == "neg" for c in verb.children):
            continue
        if not any(c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN") for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        name = _person_name(subject)
        if name is not None and not _quoted(name[-1], quotes) and not _named_before(doc, name):
            return True
    return False


def _main(verb: Token) -> bool:
    """The sentence's main verb: its root, or a clause hung from a later verb (a quoted title's)."""
    return verb.dep_ == "ROOT" or (verb.dep_ in _HUNG and verb.head.i > verb.i)


def _person_name(subject: Token | None) -> list[Token] | None:
    """The words of the person's name that ``subject`` heads (a PERSON entity of two or more words, or a
    surname after an honorific), else ``None``."""
    if subject is None or subject.pos_ != "PROPN":
        return None
    own = [t for t in subject.lefts if t.dep_ == "compound" and t.i >= subject.i - 4]
    if any(_honorific(t) for t in own):
        return [t for t in own if t.pos_ == "PROPN" and not _honorific(t)] + [subject]
    entity = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
    if entity is None or entity.label_ not in PERSON_LABELS:
        return None
    name = [t for t in entity if t.pos_ == "PROPN"]
    return name if len(name) >= 2 else None


def _honorific(token: Token) -> bool:
    return (token.lower_.rstrip("."),) in HONORIFICS


def _quoted(token: Token, quotes: Sequence[Quote]) -> bool:
    start = token.idx
    return any(q.span.start <= start < q.span.end for q in quotes)


def _named_before(doc: Doc, name: list[Token]) -> bool:
    """Whether the article uses the name's surname (its last word but a suffix: 'King' of 'King Jr.'), as
    written, before the name ('Price' is not 'the grain price')."""
    words = [t for t in name if t.lower_.rstrip(".") not in NAME_SUFFIXES] or name
    surname = words[-1].text
    return any(t.text == surname for t in doc[: name[0].i])
