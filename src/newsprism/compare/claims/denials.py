"""Denials: what a denial denies, and whether it can deny a given statement.

A denial ('X denied that ...', 'Y rejected the allegations') disputes
something another sentence states. :func:`denies_a_statement` tells a denial
of a fact from the rejection of a decision; :func:`denies` tells whether a
denial can point at a given sentence of the story.
"""

from __future__ import annotations

from ...nlp.words import STATEMENT_NOUNS
from .scores import WHAT_FLOOR, Salience, same_party
from .units import Unit, content_families, core_range, name_words, negative_between, object_range, object_words

__all__ = ["denies", "denies_a_statement"]

def denies(denial: Unit, target: Unit, salience: Salience) -> bool:
    """Whether ``denial`` can deny what ``target`` states.

    The target must share a salient word with what is denied (not only the
    denier's name) and have the same polarity: denying that the sirens 'had
    not worked' asserts that they worked, so it disputes 'no siren sounded',
    not 'the sirens did work'. A party does not deny its own statement.
    """
    if same_party(denial, target):
        return False
    words = content_families(denial, *object_range(denial)) - name_words(denial.speaker_name)
    if salience.mass(words & salience.what[target.index]) < WHAT_FLOOR:
        return False
    return negative_between(denial, *object_range(denial)) == negative_between(target, *core_range(target))


#: Verbs that reject a stance as often as a fact ('rejected the indictment as political'): they deny a fact only
#: with a statement as their object ('rejected the allegations', 'dismissed reports that ...').
_EVALUATIVE_DENIALS = frozenset({"reject", "dismiss"})


def denies_a_statement(denial: Unit) -> bool:
    """Whether a denial disputes something stated, not merely rejects a decision or an action."""
    if (denial.report_verb or "") not in _EVALUATIVE_DENIALS:
        return True
    return bool(object_words(denial) & STATEMENT_NOUNS)
