"""What a date expression dates, by the parse: its role, the happening and its thing, the edge of a day.

'said on Tuesday' dates a statement and 'by Wednesday' bounds an event;
'rented the truck on Thursday' dates the renting of the truck; 'late
Tuesday' may mean the small hours of Wednesday. :mod:`.dates` records these
on each :class:`~newsprism.model.DateMention`, so that later stages compare
the dates of one happening and never re-read the words around a date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import clause_verbs, reporting_verbs
from ..model import DateRole

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["BOUND_PREPOSITIONS", "EDGE_WORDS", "at_edge", "date_role", "dated_event"]


#: Prepositions whose date is a limit of the event rather than its day ('by Wednesday', 'since Friday').
BOUND_PREPOSITIONS = frozenset({"by", "until", "till", "since", "before", "after", "from", "through"})
#: Words that put a date at the edge of a day ('late Tuesday', 'overnight'): the day beside it may be meant.
EDGE_WORDS = frozenset({"midnight", "overnight", "late", "early", "night", "tonight"})


def date_role(ent: SpacySpan) -> DateRole:
    """What the parse says a date expression dates: ``event``, ``statement`` or ``bound``.

    'by Wednesday morning' bounds an event and 'said on Tuesday' or 'told
    reporters Monday' date a statement; any other date dates what happened.
    """
    root = ent.root
    governor = root.head
    if root.dep_ == "pobj" and governor.dep_ in ("prep", "agent"):
        if governor.lower_ in BOUND_PREPOSITIONS or (governor.lower_ == "as" and governor.head.lower_ == "late"):
            return "bound"
        governor = governor.head
    elif root.dep_ not in ("npadvmod", "tmod", "advmod", "obl"):
        return "event"
    if governor.pos_ in ("VERB", "AUX") and governor.lemma_ in reporting_verbs() and governor.lemma_ not in clause_verbs():
        return "statement"  # ('found on Tuesday' dates a finding or a find: what happened)
    return "event"


def dated_event(ent: SpacySpan) -> tuple[str | None, str | None]:
    """The lemma of what a date expression dates and of what that happened to (or who did it).

    'rented the truck on Thursday' and 'the truck was rented on Monday' give
    ``('rent', 'truck')``; "Tuesday's attack" gives ``('attack', None)``. The
    thing is given only when named or definite: in 'a survey released
    Monday' the survey is one of many.
    """
    root = ent.root
    governor = root.head
    if root.dep_ == "pobj" and governor.dep_ in ("prep", "agent"):
        governor = governor.head
    elif root.dep_ not in ("npadvmod", "tmod", "advmod", "obl", "poss"):
        return None, None
    if governor.i == root.i or governor.pos_ not in ("VERB", "AUX", "NOUN"):
        return None, None
    if governor.pos_ == "NOUN":
        return governor.lemma_.lower(), None
    roles = ("dobj", "nsubjpass", "nsubj")
    found = sorted((c for c in governor.children if c.dep_ in roles), key=lambda c: roles.index(c.dep_))
    if not found and governor.dep_ in ("acl", "relcl"):
        found = [governor.head]  # 'Lynch, sworn in on Monday'
    nouns = [t for t in found if t.pos_ in ("NOUN", "PROPN")]
    return governor.lemma_.lower(), nouns[0].lemma_.lower() if nouns and _definite(nouns[0]) else None


def _definite(noun: Token) -> bool:
    """A named or definite thing ('Lynch', 'the truck', 'its plan'), not one of many ('a survey released Monday')."""
    if noun.pos_ == "PROPN":
        return True
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in noun.children)


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def at_edge(ent: SpacySpan) -> bool:
    """Whether the expression sits at the edge of a day ('late Tuesday', 'overnight', 'last night')."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return any(t.lower_ in EDGE_WORDS for t in ent) or (before is not None and before.lower_ in EDGE_WORDS)
