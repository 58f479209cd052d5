"""Names reduced for matching: folded words, titles stripped, spellings unified.

Every name an outlet writes (``Secretary of State Helen Marsh's``, ``Kiev``,
``Zelenskyy``) is turned into a :class:`NameForm` by :func:`name_form`: its
words folded (case, accents, periods, possessive), leading titles stripped,
and variant spellings from ``data/name_variants.tsv`` mapped to one key. The
word-level tests the merge rules build on live here too: :func:`similar`
(one name transliterated two ways), :func:`acronym_of` and :func:`fold_case`.

Kept apart from :mod:`.aliases` so that the merge rules
(:mod:`._alias_merge`) and the entity index can share them without a cycle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from types import MappingProxyType

from rapidfuzz.fuzz import ratio

from ..lexicon import data_lines
from .entities import fold, titles, trim_name

__all__ = [
    "ACRONYM_SKIP",
    "FUZZY_RATIO",
    "HONORIFICS",
    "MAX_VARIANT_WORDS",
    "MIN_FUZZY_LENGTH",
    "NAME_LIKE_TITLES",
    "NAME_PIECE",
    "NAME_SUFFIXES",
    "PRONOUNS",
    "NameForm",
    "Unit",
    "Variant",
    "acronym_of",
    "fold_case",
    "is_acronym",
    "name_form",
    "name_variants",
    "similar",
    "skeleton",
]

PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "someone",
        "somebody",
        "anyone",
        "everyone",
        "one",
    ]
)
#: Honorifics that only ever precede a person's name: stripped whatever the model's label.
HONORIFICS = frozenset({("mr",), ("mrs",), ("ms",), ("miss",), ("mx",), ("dr",), ("sir",), ("dame",)})
#: One-word titles that are also common names: stripped only at the start ("King Charles", not "Martin Luther King").
NAME_LIKE_TITLES = frozenset(
    {"king", "major", "marshal", "bishop", "judge", "justice", "chief", "general", "prince", "lord", "father"}
    | {"sister", "private", "officer", "director", "chair", "candidate", "coach", "manager", "speaker", "leader"}
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "la", "&", "to"})
MIN_FUZZY_LENGTH = 5
FUZZY_RATIO = 85.0
MAX_VARIANT_WORDS = 8  # the longest variant-table phrase ("Islamic State of Iraq and the Levant")
NAME_PIECE = re.compile(r"[^\s\-‐–—/]+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9](s?)")


# --- names ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Variant:
    """A variant-table group: its key, kind (spelling, exonym, synonym) and implied type."""

    key: str
    kind: str
    type: str | None


@cache
def name_variants() -> Mapping[tuple[str, ...], Variant]:
    """Folded variant word tuple -> its group, from ``data/name_variants.tsv``."""
    table: dict[tuple[str, ...], Variant] = {}
    for line in data_lines("name_variants.tsv"):
        spec, _, rest = line.partition("\t")
        kind, _, typ = rest.partition("\t")
        words = [tuple(fold(w) for w in NAME_PIECE.findall(v)) for v in spec.split("|") if v.strip()]
        group = Variant(" ".join(words[0]), kind.strip() or "spelling", typ.strip() or None)
        for w in words:
            table.setdefault(w, group)
    return MappingProxyType(table)


@dataclass(frozen=True, slots=True)
class Unit:
    """One word of a name (or one variant-table phrase): its text as written and its key."""

    surface: str
    key: str
    variant: Variant | None = None


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name reduced for matching: ``Secretary of State Helen Marsh’s`` -> ``helen marsh``."""

    units: tuple[Unit, ...]
    display: str
    titled: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(u.key for u in self.units)


def _units(pieces: Sequence[str]) -> tuple[Unit, ...]:
    table = name_variants()
    keys = [fold(p) for p in pieces]
    out: list[Unit] = []
    i = 0
    while i < len(keys):
        for n in range(min(MAX_VARIANT_WORDS, len(keys) - i), 0, -1):
            variant = table.get(tuple(keys[i : i + n]))
            if variant is not None:
                out.append(Unit(" ".join(pieces[i : i + n]), variant.key, variant))
                i += n
                break
        else:
            if keys[i]:
                out.append(Unit(pieces[i], keys[i]))
            i += 1
    return tuple(out)


def _title_length(keys: Sequence[str], i: int) -> int:
    known = titles()
    for n in range(min(4, len(keys) - i), 0, -1):
        if tuple(keys[i : i + n]) in known:
            return n
    return 0


def _strip_titles(keys: Sequence[str], *, person: bool) -> int:
    """How many leading words are titles (with up to 3 qualifiers: ``US Secretary of State``)."""
    i = 0
    while i < len(keys) - 1:
        if not person:
            if (keys[i],) in HONORIFICS:
                i += 1
                continue
            break
        n = _title_length(keys, i)
        if n and i + n < len(keys):
            i += n
            continue
        for q in range(1, 4):
            n = _title_length(keys, i + q) if i + q < len(keys) - 1 else 0
            if n and i + q + n < len(keys) and not (n == 1 and keys[i + q] in NAME_LIKE_TITLES):
                i += q + n
                break
        else:
            break
    i = min(i, len(keys) - 1)
    while i > 0 and all(k in NAME_SUFFIXES for k in keys[i:]):
        i -= 1  # "Martin Luther King Jr": never keep a bare suffix
    return i


def name_form(text: str, *, person: bool = True) -> NameForm | None:
    """The matching form of a name; ``None`` for a pronoun or an empty string."""
    start, end = trim_name(text, 0, len(text))
    text = text[start:end]
    matches = list(NAME_PIECE.finditer(text))
    if not matches or (len(matches) == 1 and _is_pronoun(matches[0].group())):
        return None
    skip = _strip_titles([fold(m.group()) for m in matches], person=person)
    kept = matches[skip:]
    units = _units([m.group() for m in kept])
    if not units:
        return None
    return NameForm(units, text[kept[0].start() :], titled=skip > 0)


def _is_pronoun(word: str) -> bool:
    return fold(word) in PRONOUNS and not (word.isupper() and len(word) > 1)  # "US" is not "us"


# --- similarity -------------------------------------------------------------


def skeleton(key: str) -> str:
    """Consonants of a word, doubled letters collapsed: ``zelenskyy`` -> ``zlnsk``."""
    consonants = re.sub(r"[aeiouy\W\d_]", "", key)
    return key[:1] + "".join(c for c, _ in groupby(consonants))


def similar(a: str, b: str, *, plural: bool = False) -> bool:
    """Whether two folded words are one name transliterated two ways (``zelensky``, ``zelenskiy``).

    With ``plural``, a word and its plural also match (``system``, ``systems``).
    """
    if a == b:
        return True
    if plural and min(len(a), len(b)) >= 4 and (a + "s" == b or b + "s" == a):
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH or skeleton(a) != skeleton(b):
        return False
    return ratio(a, b) >= FUZZY_RATIO


def acronym_of(acronym: str, words: Sequence[str]) -> bool:
    """Whether word prefixes spell ``acronym`` (``ATACMS`` = A-rmy TAC-tical M-issile S-ystems)."""
    letters = acronym.lower()
    lowered = [w.lower() for w in words]
    if len(lowered) < 2:
        return False

    def match(i: int, j: int) -> bool:
        if j == len(lowered) or (i == len(letters) and j >= 2 and lowered[j] in ("and", "&") and len(lowered) - j == 2):
            return i == len(letters)
        word = lowered[j]
        if word in ACRONYM_SKIP and match(i, j + 1):
            return True
        for k in range(min(len(word), len(letters) - i, 4), 0, -1):
            if word[:k] == letters[i : i + k] and match(i + k, j + 1):
                return True
        return False

    if match(0, 0):
        return True
    return letters.endswith("s") and len(letters) > 2 and acronym[-1] == "s" and acronym_of(acronym[:-1], words)


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.fullmatch(text)) and sum(c.isupper() for c in text) >= 2


def fold_case(text: str) -> str:
    """A spelling's identity: case, periods and hyphens ignored, letters and accents kept."""
    return re.sub(r"[.\-‐–\s]+", "", text.casefold())
