"""Who a quote's speaker is: a name, a description of someone who speaks, or no speaker at all.

The quote finder takes the subject of a verb of saying for the speaker, and
sometimes that is a document or a fragment ('the report', "president's
possible involvement"). Framing's *whose voices* lists only speakers: a name
('Nikki Haley', 'The Associated Press', a pronoun the article resolves to a
name), or a kind of person or body that speaks ('immigration official',
'Israeli officials', 'one man', 'some of the residents'; the nouns are in
``data/voice_nouns.txt``), by the head word of the speaker's words. This
reads it once, from the parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from spacy.tokens import Doc, Token

from ..lexicon import voice_nouns
from ..model import Quote
from ._article_index import GROUP_LABELS, PERSON_LABELS

__all__ = ["NAME_LABELS", "mark_speaker_kinds"]

#: Entity types whose words name a speaker: people and groups the speaker attribution knows (not a titled work,
#: which is a document).
NAME_LABELS = PERSON_LABELS | GROUP_LABELS
#: A speaker of fewer letters is a fragment ('ed').
MIN_LETTERS = 3


def mark_speaker_kinds(doc: Doc, quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """``quotes`` with :attr:`~newsprism.model.Quote.speaker_kind` set."""
    return tuple(q if (kind := _kind(doc, q)) is None else replace(q, speaker_kind=kind) for q in quotes)


def _kind(doc: Doc, quote: Quote) -> Literal["name", "description"] | None:
    speaker, where = quote.speaker, quote.speaker_span
    if not speaker or sum(c.isalpha() for c in speaker) < MIN_LETTERS or speaker[:1].isdigit():
        return None
    if where is None:
        return None  # no words of the text to read (the quote finder gives every speaker its span)
    words = doc.char_span(where.start, where.end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    first = words[0]
    if first.pos_ == "PRON" and (first.dep_ == "poss" or first.morph.get("PronType", []) == ["Prs"]):
        # 'he' resolved to the name it stands for is that name; 'his office' and an unresolved 'they' are no one
        # ('some of the residents', 'someone close to the president' are read on, as descriptions)
        return "name" if first.dep_ != "poss" and speaker != where.text and speaker[:1].isupper() else None
    head = words.root
    # the head, or a name set beside it: 'Fox News contributor Joe Trippi', 'the self-deluded President Obama'
    if any(_names(t) for t in (head, *(c for c in head.children if c.dep_ in ("appos", "conj")))):
        return "name"
    nouns = voice_nouns()
    # the head, or what a quantity counts: 'thousands of people', 'some of the residents'
    counted = [o for p in head.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    if any(t.lemma_.lower() in nouns or t.lower_ in nouns for t in (head, *counted)):
        return "description"
    return None  # 'the report', "the report's conclusions", 'an emotional outburst from the proper Romney'


def _names(token: Token) -> bool:
    """A word of a name: a proper noun or a named entity's, or a capital mid-sentence whatever tag the parser gave
    it ('..., Ayres said'); written with a capital, and not after a lower-case prefix that makes it a word of its
    own ('pro-Clinton')."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ and doc[token.i - 2].is_lower:
        return False
    if not token.text[:1].isupper():
        return False  # a name is written with a capital: not 'pro' of a 'pro-Clinton' the parser made a NORP
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_LABELS or (token.is_title and not token.is_sent_start)
