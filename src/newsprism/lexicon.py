"""Curated domain resources shipped in ``newsprism/data``.

Loaders return immutable mappings; ``functools.cache`` keeps one copy of
read-only data per process (no mutable module state).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType

__all__ = [
    "capitals",
    "data_lines",
    "genre_markers",
    "figure_classes",
    "loaded_term_exceptions",
    "loaded_term_rows",
    "loaded_words",
    "figure_scopes",
    "reporting_verbs",
    "speech_acts",
    "voice_nouns",
]


def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file, stripped."""
    text = files("newsprism").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


@cache
def _reporting_rows() -> tuple[tuple[str, ...], ...]:
    """The reporting-verb lexicon's rows: lemma, category and, for a speech act, 'act'."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in data_lines("reporting_verbs.tsv"))


@cache
def reporting_verbs() -> Mapping[str, str]:
    """Reporting-verb lemma to category: neutral, assertive, concession or denial."""
    return MappingProxyType({row[0]: row[1] for row in _reporting_rows()})


@cache
def speech_acts() -> frozenset[str]:
    """Reporting verbs that say something even without a reported clause: 'Trump demanded an inquiry'."""
    return frozenset(row[0] for row in _reporting_rows() if row[2:3] == ("act",))


@cache
def voice_nouns() -> frozenset[str]:
    """Nouns (lemmas) that make an unnamed speaker a voice: 'a senior official', 'one resident', 'the agency'."""
    return frozenset(data_lines("voice_nouns.txt"))


@cache
def clause_verbs() -> frozenset[str]:
    """Reporting verbs that report only a whole clause: 'a study found that costs would rise' reports a finding,
    'a jury found Manafort guilty' (a verdict) and 'polls show him ahead' report none."""
    return frozenset(row[0] for row in _reporting_rows() if row[2:3] == ("clause",))


@cache
def figure_classes() -> Mapping[str, str]:
    """A counted noun's or a predicate's lemma to the class of count it makes: death, injury, person, attacker..."""
    return _two_columns("figure_classes.tsv")


@cache
def figure_scopes() -> Mapping[str, str]:
    """A noun's lemma to what a count it causes covers: total (a war), series ('a string of'), incident ('a bomb')."""
    return _two_columns("figure_scopes.tsv")


@cache
def capitals() -> Mapping[str, str]:
    """A capital or seat of government to the country it stands for when it speaks: 'Paris' -> 'France'."""
    return _two_columns("capitals.tsv")


@cache
def genre_markers() -> Mapping[str, str]:
    """A URL path segment or a title's opening word to the genre it marks: 'opinion', 'op-ed' -> opinion."""
    return _two_columns("genre_markers.tsv")


@cache
def loaded_term_rows() -> tuple[tuple[tuple[str, ...], str], ...]:
    """The loaded-terms lexicon (``data/loaded_terms.txt``): each term's forms (the first is its name) and
    its category ('label', 'charged_verb', ...; 'loaded' when none is given). Exception lines are apart
    (:func:`loaded_term_exceptions`)."""
    rows = []
    for line in data_lines("loaded_terms.txt"):
        if line.startswith("!"):
            continue
        spec, _, category = line.partition("\t")
        forms = tuple(v.strip() for v in spec.split("|") if v.strip())
        if forms:
            rows.append((forms, category.strip() or "loaded"))
    return tuple(rows)


@cache
def loaded_term_exceptions() -> tuple[str, ...]:
    """Phrases of the loaded-terms lexicon in which its terms are not loaded ('!sanctions regime')."""
    return tuple(line[1:].strip() for line in data_lines("loaded_terms.txt") if line.startswith("!"))


@cache
def loaded_words() -> frozenset[str]:
    """The one-word forms of the loaded-terms lexicon, lower-cased: 'regime', 'slammed', 'radical', for a
    density of judging words. Phrases and hyphenated terms are left out, and the exception phrases are not
    applied: the framing stage (:func:`newsprism.compare.framing.find_loaded_terms`) finds the terms
    themselves, with their exceptions."""
    return frozenset(f.lower() for forms, _ in loaded_term_rows() for f in forms if f.isalpha())


def _two_columns(name: str) -> Mapping[str, str]:
    """A data file of tab-separated pairs (comments and blank lines skipped) as a read-only mapping."""
    pairs = (line.split("\t") for line in data_lines(name))
    return MappingProxyType({key.strip(): value.strip() for key, value in pairs})
