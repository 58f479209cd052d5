"""What a count of a happening covers: one incident or a running total, and where.

'Two men were injured by a bomb' counts one bombing's injured; 'the string
of package bombs killed two people and wounded five' and 'the conflict has
killed 1,030' count everyone so far. Outlets that give such figures do not
contradict each other. The scope is read from the parse, once, in the NLP
pass, by what caused the happening (its subject, its agent, what it
happened 'in') and how it is framed in time ('since March 2', 'so far' for
a total; 'Monday', 'today' for one day's incident). The nouns that make a
total, a series or an incident are listed in ``data/figure_scopes.tsv``.

The holder is whose figure it is, when the text names one: 'Clinton's 135
delegates', 'Romney won 52 percent'. The qualifiers are the words that say
which of the counted things are meant: '$200 billion of Chinese imports'
and '$60 billion in U.S. imports' count different imports, '$632 billion
in non-defense spending' and a rise in federal spending different spending.

The place is the named site the parse binds the count to: '20 people died
at the Maelbeek metro station', 'Zaventem Airport, where 11 people were
killed', 'three civilians on the Israeli side'. Counts at different sites
are different counts. A distance knows the place it is measured from and the
place it locates ('Peshawar, about 120 kilometers from Islamabad').
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..lexicon import figure_scopes
from ..model import Scope
from .dates import WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["distance_places", "figure_holder", "figure_place", "figure_qualifiers", "figure_scope", "governor"]

#: Relative pronouns: the subject of 'the conflict that has killed 1,030' is the conflict.
_RELATIVE = frozenset({"that", "which", "who"})
#: Prepositions whose object is what the counted happened in ('killed in the conflict', 'in a strike').
_IN = frozenset({"in", "during", "from"})
#: Single days that date one incident ('killed Monday', 'today').
_DAYS = frozenset(WEEKDAYS) | {"today", "yesterday", "tonight"}
#: Prepositions that set a happening at a place.
_AT = frozenset({"at", "in", "on", "near", "inside", "outside"})
#: Entity types that are times, not places ('killed on Monday', 'in Wednesday's attack').
_NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
#: Dependencies that lead out of a place's phrase: a noun joined to it, a clause on it.
_NOT_OF_THE_PLACE = frozenset({"conj", "cc", "relcl", "acl", "appos", "punct"})
#: Modifiers that say nothing about which things are counted ('new', 'total'), or that mark a part.
_NOT_QUALIFIERS = frozenset(
    {"new", "more", "other", "additional", "further", "another", "extra", "remaining", "fewer", "less", "total"}
    | {"overall", "estimated", "about", "some", "such", "same", "current", "recent", "annual", "last", "next"}
    | {"first", "latest", "early", "late", "full", "entire", "whole", "only", "least", "roughly", "nearly"}
)
#: Parts of speech of a modifier that names a kind of the counted thing.
_NAMING = frozenset({"ADJ", "PROPN", "NOUN"})
#: Dependencies of a modifier that names a kind of the counted thing ('Chinese imports', 'trade deficit').
_QUALIFYING = frozenset({"amod", "compound", "nmod"})
#: Adverbs of a running total ('so far', 'overall').
_TOTAL_ADVERBS = frozenset({"overall", "altogether", "far"})
#: Objects of 'to' and 'in' that make a running total ('to date', 'in total', 'in all').
_TOTAL_OBJECTS = frozenset({"date", "total", "all"})


def figure_scope(counted: Token | None, anchor: Token) -> Scope | None:
    """``total``, ``incident`` or ``None`` (not told) for the count whose number is ``anchor``."""
    verb = _verb(counted or anchor)
    if verb is None:
        return None
    found: set[str] = set()
    for noun in _causes(verb, anchor):
        scope = _noun_scope(noun)
        if scope is not None:
            found.add(scope)
    # a time frame holds for the verbs joined to this one ('have been killed and 6,500 wounded since ...')
    for clause in _joined(verb):
        found |= _time_frame(clause)
    if "total" in found:
        return "total"
    return "incident" if "incident" in found else None


def figure_qualifiers(counted: Token | None, start: int, end: int) -> tuple[str, ...]:
    """The lemmas of the modifiers that say which of the counted things are meant, sorted; ``()`` when none.

    ``start`` and ``end`` are the token range of the figure itself, whose own words ('$', 'billion') are no
    qualifiers.
    """
    if counted is None:
        return ()
    words = set()
    for child in counted.children:
        if child.dep_ not in _QUALIFYING or start <= child.i < end:
            continue
        if child.like_num or child.is_punct or child.ent_type_ in _NOT_PLACES or child.pos_ not in _NAMING:
            continue
        lemma = child.lemma_.lower()
        if lemma not in _NOT_QUALIFIERS and child.lower_ not in _DAYS:
            words.add(lemma)
    return tuple(sorted(words))


def figure_place(counted: Token | None, anchor: Token) -> tuple[str, ...]:
    """The words naming where the counted happening took place, lower-cased and sorted; ``()`` when not told.

    A verb without a place of its own takes that of the verb joined to it ('20 people died and 130 were
    wounded at the metro station'); a relative 'where' clause names its noun ('Zaventem Airport, where the
    mayor said 11 were killed').
    """
    verb = _verb(counted or anchor)
    if verb is None:
        return ()
    for clause in _joined(verb):
        words = _place_words(clause)
        if words:
            return words
    return ()


def _joined(verb: Token) -> list[Token]:
    """``verb``, then the verbs joined to it after it, then the one it is joined to."""
    after = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return [verb, *after, *([verb.head] if verb.dep_ == "conj" else [])]


def _place_words(verb: Token) -> tuple[str, ...]:
    """The names in the places a verb's prepositions or a 'where' clause set it at."""
    phrases = [
        obj
        for child in verb.children
        if child.dep_ == "prep" and child.lower_ in _AT
        for obj in child.children
        if obj.dep_ == "pobj"
    ]
    node = verb
    for _ in range(2):  # the relative clause itself, or the one whose report it is ('where X said 20 were killed')
        if node.dep_ == "relcl" and any(c.lower_ == "where" for c in node.children):
            phrases.append(node.head)
            break
        if node.dep_ != "ccomp":
            break
        node = node.head
    words: set[str] = set()
    for phrase in phrases:
        _names_in(phrase, words)
    return tuple(sorted(words))


def _names_in(noun: Token, words: set[str]) -> None:
    """Add the names in ``noun``'s phrase to ``words``, leaving out nouns joined to it and clauses on it
    ('Zaventem Airport, where ..., and the Maelbeek metro station': Zaventem Airport)."""
    named = noun.pos_ == "PROPN" or noun.ent_type_ == "NORP"
    if named and noun.ent_type_ not in _NOT_PLACES and noun.lower_ not in _DAYS:
        words.add(noun.lower_)
    for child in noun.children:
        if child.dep_ not in _NOT_OF_THE_PLACE:
            _names_in(child, words)


def _verb(tok: Token) -> Token | None:
    """The verb the counted things are an argument of ('killed' in 'the conflict that killed 1,030 people'), or
    the verb of a clause on them ('five soldiers killed in a tunnel attack')."""
    for child in tok.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and child.i > tok.i:
            return child
    node = tok
    for _ in range(6):
        if node.pos_ == "VERB":
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _causes(verb: Token, anchor: Token) -> Iterator[Token]:
    """The nouns that say what made the happening: its subject (when the count is not it), its agent, what it
    happened in; a verb joined to another ('killed two and wounded five') shares that verb's subject."""
    clauses = [verb]
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        clauses.append(verb.head)
    for clause in clauses:
        for child in clause.children:
            if child.dep_ == "nsubj" and not (child.left_edge.i <= anchor.i <= child.right_edge.i):
                if child.lower_ in _RELATIVE and clause.dep_ == "relcl":
                    yield clause.head
                else:
                    yield child
            elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in _IN):
                yield from (g for g in child.children if g.dep_ == "pobj")


def _noun_scope(noun: Token) -> Scope | None:
    """What a cause makes of the count: a war or a series ('a string of bombs') a total, one named event an incident."""
    scopes = figure_scopes()
    scope = scopes.get(noun.lemma_.lower())
    if scope in ("total", "series"):
        return "total"
    if any(t.lower_ == "since" for t in noun.subtree):
        return "total"  # 'four exploding packages in Austin since March 2'
    if scope == "incident" and noun.tag_ in ("NN", "NNP"):
        return "incident"  # 'a bomb', 'the strike on a park' (not 'two separate incidents')
    return None


def _time_frame(verb: Token) -> set[str]:
    """``total`` for 'since ...', 'so far', 'to date'; ``incident`` for one day ('killed Monday', 'today')."""
    found: set[str] = set()
    for child in verb.children:
        if _running(child):
            found.add("total")
        elif _one_day(child):
            found.add("incident")
    return found


def _running(child: Token) -> bool:
    """'since March 2', 'since the conflict began', 'so far', 'overall', 'to date', 'in all'."""
    if child.lower_ == "since" or (child.dep_ == "advcl" and any(g.lower_ == "since" for g in child.children)):
        return True
    if child.dep_ == "advmod" and child.lower_ in _TOTAL_ADVERBS:
        return True
    return (
        child.dep_ == "prep"
        and child.lower_ in ("to", "in")
        and any(g.dep_ == "pobj" and g.lower_ in _TOTAL_OBJECTS for g in child.children)
    )


def _one_day(child: Token) -> bool:
    """'Monday', 'today', 'on Tuesday'."""
    if child.dep_ in ("npadvmod", "tmod"):
        return child.lower_ in _DAYS
    return child.dep_ == "prep" and child.lower_ == "on" and any(g.lower_ in _DAYS for g in child.children)


def governor(tok: Token) -> Token | None:
    """The verb or adjective whose argument ``tok`` is (through prepositions and conjunctions)."""
    node = tok
    for _ in range(6):
        if node.dep_ in ("relcl", "acl") and node.pos_ in ("VERB", "ADJ", "AUX"):
            return node
        if node.head.i == node.i:
            return node if node.pos_ in ("VERB", "AUX", "ADJ") else None
        node = node.head
        if node.pos_ in ("VERB", "AUX", "ADJ") and node.dep_ != "prep":
            return node
    return None


#: Verbs whose subject holds what their object counts: 'Clinton won 135 delegates', 'Romney leads by 13 points'.
_HOLDING_VERBS = frozenset(
    {
        "win",
        "get",
        "have",
        "hold",
        "receive",
        "lead",
        "gain",
        "earn",
        "capture",
        "secure",
        "need",
        "take",
        "trail",
        "garner",
        "collect",
        "carry",
        "poll",
        "score",
        "lose",
    }
)


def figure_holder(counted: Token | None, anchor: Token) -> str | None:
    """The named holder of a figure: a possessor of what it counts, or the named subject of a verb of having."""
    node = counted or anchor
    for child in node.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return _name(child)
    verb = governor(node)
    if verb is None or verb.lemma_.lower() not in _HOLDING_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _name(subject) if subject is not None and subject.pos_ == "PROPN" else None


def _name(tok: Token) -> str:
    """A proper name's last word, lower-cased: 'Hillary Clinton' and 'Clinton' meet."""
    return tok.lower_.removesuffix("'s").removesuffix("’s")


#: Words that set a distance's bearing between the distance and its reference: '22 miles northeast of Paris'.
_BEARINGS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north-east", "north-west", "south-east", "south-west", "northeastern", "northwestern", "upstream"}
)
#: Where a place is named: a place name, or a facility's.
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def distance_places(first: Token, end: Token) -> tuple[str | None, tuple[str, ...]]:
    """For a distance (its words ``first`` to ``end``), the place it is measured from and the place it locates.

    'Peshawar, a city about 120 kilometers (75 miles) from the country's capital, Islamabad' gives
    ('Islamabad', ('peshawar',)). The reference is the object of 'from', or of 'of' after a bearing
    ('22 miles northeast of Paris'), right after the distance (and a conversion in brackets); where it is a
    common noun, the name set beside it. The located place is named up the parse from the distance, or
    before it in its sentence. ``(None, ())`` when the text names no reference.
    """
    doc = end.doc
    i = end.i + 1
    if i < len(doc) and doc[i].text == "(":
        while i < len(doc) and doc[i].text != ")":
            i += 1
        i += 1
    bearing = i < len(doc) and doc[i].lower_ in _BEARINGS
    i += bearing
    if i >= len(doc) or doc[i].lower_ not in (("of", "from") if bearing else ("from",)):
        return None, ()
    obj = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
    reference = _place_name(obj) if obj is not None else None
    if reference is None:
        return None, ()
    return reference, _located(first, end)


def _place_name(noun: Token) -> str | None:
    """The name of a place: the noun's entity, or that of a name set beside it ('the capital, Islamabad')."""
    for tok in (noun, *(c for c in noun.children if c.dep_ == "appos")):
        if tok.ent_type_ in _PLACE_ENTITIES:
            span = next((e for e in tok.sent.ents if e.start <= tok.i < e.end), None)
            return span.text if span is not None else tok.text
    return None


def _located(first: Token, end: Token) -> tuple[str, ...]:
    """The lower-cased words of the place a distance locates: the first place name up the parse from the
    distance ('Peshawar, the capital ... that sits about 90 miles northwest of Islamabad'), else the last
    place named before it in its sentence ('In Ashkelon, about 17 kilometers north of Gaza')."""
    node = end
    for _ in range(5):
        if node.head.i == node.i:
            break
        node = node.head
        if node.ent_type_ in _PLACE_ENTITIES and node.pos_ == "PROPN":
            return (node.lower_,)
    names = [e for e in first.sent.ents if e.label_ in _PLACE_ENTITIES and e.end <= first.i]
    return tuple(t.lower_ for t in names[-1] if t.is_alpha) if names else ()
