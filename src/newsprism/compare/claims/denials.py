"""Denials: what a denial denies, and whether it can deny a given statement.

A denial ('X denied that ...', 'Y rejected the allegations') disputes
something another sentence states. :func:`denies_a_statement` tells a denial
of a fact from the rejection of a decision; :func:`denies` tells whether a
denial can point at a given sentence of the story.
"""

from __future__ import annotations

import re

from .scores import WHAT_FLOOR, Salience, same_party
from .units import NEGATIVE_VERBS, Unit, negated_clause, stems

__all__ = ["denies", "denies_a_statement"]


def _negative(text: str) -> bool:
    """Whether ``text`` states a negative: a negation cue, or a verb like 'failed' or 'refused'."""
    return negated_clause(text) is not None or bool(stems(text) & NEGATIVE_VERBS)


def _object(denial: Unit) -> str:
    """What a denial denies: its text without the frame, up to the first clause break."""
    core = denial.core or denial.text
    return re.split(r"[,;:—–]", core, maxsplit=1)[0]


def denies(denial: Unit, target: Unit, salience: Salience) -> bool:
    """Whether ``denial`` can deny what ``target`` states.

    The target must share a salient word with what is denied (not only the
    denier's name) and have the same polarity: denying that the sirens 'had
    not worked' asserts that they worked, so it disputes 'no siren sounded',
    not 'the sirens did work'. A party does not deny its own statement.
    """
    if same_party(denial, target):
        return False
    obj = _object(denial)
    words = stems(obj, denial.name_stems | stems(denial.speaker_name or ""))
    if salience.mass(words & salience.what[target.index]) < WHAT_FLOOR:
        return False
    return _negative(obj) == _negative(target.core or target.text)


#: Verbs that reject a stance as often as a fact ('rejected the indictment as political'): they deny a fact only
#: with a statement as their object ('rejected the allegations', 'dismissed reports that ...').
_EVALUATIVE_DENIALS = frozenset({"reject", "dismiss"})
_STATEMENT_OBJECT = re.compile(
    r"\b(?:allegations?|accusations?|claims?|reports?|charges?|suggestions?|assertions?|notion|idea|"
    r"stor(?:y|ies)|accounts?|findings?|rumou?rs?|speculation)\b|\bthat\b",
    re.I,
)


def denies_a_statement(denial: Unit) -> bool:
    """Whether a denial disputes something stated, not merely rejects a decision or an action."""
    if (denial.report_verb or "") not in _EVALUATIVE_DENIALS:
        return True
    return bool(_STATEMENT_OBJECT.search(_object(denial)[:80]))
