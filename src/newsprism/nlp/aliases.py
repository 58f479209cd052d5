"""Entities of a story: each outlet's mentions merged into one referent.

Outlets name one referent many ways: ``Helen Marsh``, ``Mr Marsh``,
``Secretary of State Helen Marsh``; ``Kiev`` and ``Kyiv``; ``Zelensky``,
``Zelenskyy`` and ``Volodymyr Zelensky``; ``ATACMS`` and ``Army Tactical
Missile Systems``. :meth:`EntityIndex.build` merges them, in this order:

1. each mention becomes a *form*: its words folded (case, accents, periods,
   possessive), leading titles stripped, variant spellings from
   ``data/name_variants.tsv`` mapped to one key; equal forms merge;
2. forms whose words are each equal or transliteration-similar merge
   (rapidfuzz ratio plus an equal consonant skeleton);
3. a partial name (``Marsh``, ``Joe Biden``) joins the one fuller name it
   fits, only when exactly one fits within the story;
4. an acronym joins the one long form whose word prefixes spell it.

The type is the variant table's when it knows the name, else the majority of
the model's labels; the canonical name is the fullest form common in the story.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from types import MappingProxyType

from rapidfuzz.fuzz import ratio

from ..lexicon import data_lines
from ..model import Annotations, Article, Entity, Span
from .entities import fold, titles, trim_name

__all__ = ["EntityIndex", "NameForm", "name_form", "name_variants"]

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
LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW")
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "la", "&", "to"})
MIN_FUZZY_LENGTH = 5
FUZZY_RATIO = 85.0
MAX_VARIANT_WORDS = 8  # the longest variant-table phrase ("Islamic State of Iraq and the Levant")
_PIECE = re.compile(r"[^\s\-‐–—/]+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9](s?)")
_NAME_LABELS = ("ORG", "PERSON", "NORP", "PRODUCT")  # labels the model gives full names it mistakes
_JUNK_TEXT = re.compile(r"[A-Z]")  # a name has a capital letter somewhere
_DEFINED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9&]*[A-Z](?:s)?)\)")


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
        words = [tuple(fold(w) for w in _PIECE.findall(v)) for v in spec.split("|") if v.strip()]
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
    """A name reduced for matching: ``Secretary of State Helen Marsh’s`` -> ``antony blinken``."""

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
    matches = list(_PIECE.finditer(text))
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


def _is_acronym(text: str) -> bool:
    return bool(_ACRONYM.fullmatch(text)) and sum(c.isupper() for c in text) >= 2


# --- forms and merging ------------------------------------------------------


@dataclass(slots=True)
class _Form:
    """Every mention sharing one key, pooled across the story's articles."""

    key: tuple[str, ...]
    units: tuple[Unit, ...]
    labels: Counter[str] = field(default_factory=Counter)
    displays: Counter[str] = field(default_factory=Counter)
    display_articles: dict[str, dict[str, None]] = field(default_factory=dict)
    surfaces: Counter[str] = field(default_factory=Counter)
    articles: dict[str, None] = field(default_factory=dict)
    mentions: list[tuple[Span, tuple[Unit, ...]]] = field(default_factory=list)
    titled: bool = False

    @property
    def hint(self) -> str | None:
        """The type the variant table implies: the whole name's, or PERSON for a known name part."""
        if len(self.units) == 1 and self.units[0].variant is not None:
            return self.units[0].variant.type
        if len(self.units) <= 3 and any(u.variant is not None and u.variant.type == "PERSON" for u in self.units):
            return "PERSON"
        return None

    @property
    def person(self) -> bool:
        if self.hint is not None:
            return self.hint == "PERSON"
        if self.titled or not self.labels:
            return self.titled
        top = self.labels.most_common(1)[0][0]
        return top == "PERSON" or (len(self.units) == 1 and self.labels["PERSON"] > 0)

    @property
    def kind(self) -> str:
        """The label family fuzzy merging keeps apart: people, groups (NORP), places and bodies, things."""
        if self.person:
            return "PERSON"
        top = self.hint or (self.labels.most_common(1)[0][0] if self.labels else "")
        return "PLACE" if top in ("GPE", "LOC", "FAC", "ORG") else top

    @property
    def acronym(self) -> bool:
        return len(self.units) == 1 and _is_acronym(self.displays.most_common(1)[0][0])


def _bucket(key: str) -> str:
    """Skeleton of a word without a plural ``s``: words that may be similar share it."""
    return skeleton(key[:-1] if len(key) > 4 and key.endswith("s") else key)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _same_name(a: _Form, b: _Form) -> bool:
    plural = not (a.person or b.person)
    return len(a.units) == len(b.units) and all(
        similar(x.key, y.key, plural=plural) for x, y in zip(a.units, b.units, strict=True)
    )


def _split_suffix(key: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name key and its generational suffix: ``(donald, trump, jr)`` -> ``(donald, trump)``, ``(jr,)``."""
    n = len(key)
    while n > 1 and key[n - 1] in NAME_SUFFIXES:
        n -= 1
    return key[:n], key[n:]


def _partial_of(short: _Form, full: _Form) -> bool:
    """``Marsh`` or ``Joe Biden`` is a shorter writing of ``Helen Marsh`` / ``Joe R. Biden``.

    A generational suffix must agree: ``Trump Jr.`` is short for ``Donald
    Trump Jr.``, while ``Trump`` is never short for it (it names the father).
    """
    (s, s_suffix), (f, f_suffix) = _split_suffix(short.key), _split_suffix(full.key)
    if s_suffix != f_suffix or len(s) >= len(f) or not similar(s[-1], f[-1]):
        return False
    if len(s) == 1:
        return True
    if not similar(s[0], f[0]):
        return False
    rest = iter(f[1:-1])
    return all(any(similar(k, r) for r in rest) for k in s[1:-1])


def _first_name_of(short: _Form, full: _Form) -> bool:
    """``Hillary`` or ``Don Jr.`` is the given name of ``Hillary Clinton`` / ``Donald Trump Jr.``."""
    (s, s_suffix), (f, f_suffix) = _split_suffix(short.key), _split_suffix(full.key)
    return len(s) == 1 and len(f) >= 2 and s_suffix == f_suffix and s[0] == f[0]


def _is_place_or_body(unit: Unit) -> bool:
    return unit.variant is not None and unit.variant.type not in (None, "PERSON")


def _place_or_body_unit(form: _Form) -> bool:
    return any(_is_place_or_body(u) for u in form.units)


def _merge(forms: list[_Form]) -> _UnionFind:
    uf = _UnionFind(len(forms))
    buckets: dict[tuple[int, str], list[int]] = {}
    for i, f in enumerate(forms):
        buckets.setdefault((len(f.units), _bucket(f.key[-1])), []).append(i)
    # 2. the same name spelled two ways
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if forms[i].kind == forms[j].kind and _same_name(forms[i], forms[j]):
                    uf.union(i, j)
    # 3. partial person names join the one fuller name they fit
    people = [i for i, f in enumerate(forms) if f.person]
    by_last: dict[str, list[int]] = {}
    for i in people:
        by_last.setdefault(_bucket(forms[i].key[-1]), []).append(i)
    for i in sorted(people, key=lambda i: -len(forms[i].units)):
        if forms[i].acronym:
            continue
        fits = {uf.find(j) for j in by_last[_bucket(forms[i].key[-1])] if _partial_of(forms[i], forms[j])}
        if len(fits) == 1:
            uf.union(i, fits.pop())
    _merge_given_names(forms, uf, people)
    _merge_surnames_into_unlabelled(forms, uf, people)
    _merge_shortened_bodies(forms, uf)
    # 4. acronyms join the one long form they abbreviate
    long_forms = [i for i, f in enumerate(forms) if len(f.units) >= 2 and not f.person]
    for i, f in enumerate(forms):
        if not f.acronym:
            continue
        shown = f.displays.most_common(1)[0][0]
        fits = {
            uf.find(j) for j in long_forms if acronym_of(shown, _PIECE.findall(forms[j].displays.most_common(1)[0][0]))
        }
        if len(fits) == 1:
            uf.union(i, fits.pop())
    return uf


def _merge_given_names(forms: Sequence[_Form], uf: _UnionFind, people: Sequence[int]) -> None:
    """3b. A lone given name (``Hillary``, ``Don Jr.``) joins the one person the story gives that first name.

    Only when no person in the story has it as a surname (``Thomas`` may be
    Clarence Thomas). A titled first word is a family name written first
    (``President Moon`` for ``Moon Jae-in``) and joins the same way.
    """
    surnames: set[str] = set()
    by_first: dict[str, list[int]] = {}  # first name -> full person names starting with it
    for j in people:
        core = _split_suffix(forms[j].key)[0]
        if len(core) >= 2:
            surnames.add(core[-1])
            by_first.setdefault(core[0], []).append(j)
    for i in people:
        f = forms[i]
        core = _split_suffix(f.key)[0]
        if len(core) != 1 or f.acronym or core[0] in surnames:
            continue
        if f.labels and f.labels.most_common(1)[0][0] != "PERSON":
            continue
        fits = {uf.find(j) for j in by_first.get(core[0], ()) if j != i and _first_name_of(f, forms[j])}
        if len(fits) == 1:
            uf.union(i, fits.pop())


def _merge_surnames_into_unlabelled(forms: Sequence[_Form], uf: _UnionFind, people: Sequence[int]) -> None:
    """3c. A surname used as a person's (``Ms. Power``) joins the one full name the model mislabelled.

    The model often tags a full name as an organisation (``Samantha Power``
    as ORG) while tagging the bare surname right; the full name then never
    counts as a person. A person-labelled single surname with no full person
    name to join takes the one two- or three-word non-place name ending in it.
    """
    grouped: dict[int, list[int]] = {}
    for i in range(len(forms)):
        grouped.setdefault(uf.find(i), []).append(i)
    by_last: dict[str, list[int]] = {}
    for j, g in enumerate(forms):
        top = g.labels.most_common(1)[0][0] if g.labels else ""
        if not g.person and 2 <= len(g.units) <= 3 and top in _NAME_LABELS and not _place_or_body_unit(g):
            by_last.setdefault(g.key[-1], []).append(j)
    for i in people:
        f = forms[i]
        if len(f.key) != 1 or f.acronym or not by_last.get(f.key[0]):
            continue
        if any(len(forms[k].key) >= 2 and forms[k].person for k in grouped[uf.find(i)]):
            continue
        fits = {uf.find(j) for j in by_last[f.key[0]]}
        if len(fits) == 1:
            uf.union(i, fits.pop())
    # the other way round: a full person name, and its surname tagged as a body (``Merrill`` as ORG)
    full_people: dict[str, set[int]] = {}
    for j in people:
        core = _split_suffix(forms[j].key)[0]
        if len(core) >= 2 and forms[j].key[-1] not in NAME_SUFFIXES:
            full_people.setdefault(core[-1], set()).add(uf.find(j))
    for i, f in enumerate(forms):
        if f.person or len(f.key) != 1 or f.acronym or not f.labels or f.key[0] not in full_people:
            continue
        if f.labels.most_common(1)[0][0] not in ("ORG", "NORP", "PRODUCT") or _place_or_body_unit(f):
            continue
        if len(full_people[f.key[0]]) == 1 and f.key[0] not in by_last:
            uf.union(i, next(iter(full_people[f.key[0]])))


def _merge_shortened_bodies(forms: Sequence[_Form], uf: _UnionFind) -> None:
    """3d. ``Civil Rights Commission`` joins ``Colorado Civil Rights Commission`` when only its users shorten it.

    A body's name shortened to a run of its words is the same body when every
    article using the short form also uses the long one (an outlet names it in
    full, then shortens); a short form used on its own elsewhere
    (``Supreme Court`` beside ``Washington Supreme Court``) may be another body.
    """
    runs: dict[tuple[str, ...], list[int]] = {}
    for j, g in enumerate(forms):
        if g.person or len(g.key) < 3:
            continue
        for n in range(2, len(g.key)):
            for start in range(len(g.key) - n + 1):
                runs.setdefault(g.key[start : start + n], []).append(j)
    for i, f in enumerate(forms):
        if f.person or len(f.key) < 2 or f.key not in runs:
            continue
        fits = {
            uf.find(j) for j in runs[f.key] if forms[j].kind == f.kind and set(f.articles) <= set(forms[j].articles)
        }
        if len(fits) == 1:
            uf.union(i, fits.pop())


def _entity_type(members: Sequence[_Form]) -> str:
    hints = Counter(f.hint for f in members if f.hint is not None)
    if hints:
        return hints.most_common(1)[0][0]
    for f in members:  # a full name the model tags as a person at least as often as anything else
        person_votes = f.labels["PERSON"]
        full = len(_split_suffix(f.key)[0]) >= 2 and not _place_or_body_unit(f)
        if full and person_votes and person_votes >= max(f.labels.values()):
            return "PERSON"
    votes: Counter[str] = Counter()
    for f in members:
        votes.update(f.labels)
        if f.acronym:
            votes["PERSON"] -= f.labels["PERSON"]  # the model takes unknown acronyms for names
        if f.titled:
            votes["PERSON"] += sum(f.labels.values())
    rank = {label: n for n, label in enumerate(LABEL_PRIORITY)}
    return min(votes, key=lambda label: (-votes[label], rank.get(label, len(rank)), label))


def _canonical(members: Sequence[_Form]) -> str:
    """The fullest form common in the story.

    A full name beats a bare surname or short form (``Elizabeth Warren`` over
    ``Warren``, ``United States`` over ``U.S.``); among full forms, the one the
    most articles use, then the longest (``Susan Rice`` over a once-used
    ``Susan E. Rice``). Single-word names only: the fullest used by at least
    half as many articles as the commonest.
    """
    articles: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    for f in members:
        for display, n in f.displays.items():
            counts[display] += n
            articles.setdefault(display, set()).update(f.display_articles[display])
    pieces = {d: len(_PIECE.findall(d)) for d in counts}
    multi = [d for d in counts if pieces[d] >= 2]
    if multi:
        return max(
            multi,
            key=lambda d: (len(articles[d]), pieces[d], counts[d], d[:1].isupper(), not d.isupper(), -len(d), d),
        )
    by_fullness: dict[int, set[str]] = {}
    for d, n in pieces.items():
        by_fullness.setdefault(n, set()).update(articles[d])
    widest = max(len(a) for a in by_fullness.values())
    common = [d for d in counts if 2 * len(by_fullness[pieces[d]]) >= widest]
    return max(
        common,
        key=lambda d: (pieces[d], len(articles[d]), counts[d], d[:1].isupper(), not d.isupper(), -len(d), d),
    )


# --- the index --------------------------------------------------------------


class EntityIndex:
    """The story's entities, and name lookup over every alias and spelling."""

    def __init__(
        self,
        entities: Sequence[Entity],
        forms: Mapping[tuple[str, ...], int],
        members: Sequence[Sequence[_Form]],
        order: Mapping[str, int],
    ) -> None:
        self.entities: tuple[Entity, ...] = tuple(entities)
        self._by_key = dict(forms)
        self._members = [list(m) for m in members]
        self._order = dict(order)
        self._by_last: dict[str, list[tuple[int, _Form]]] = {}
        for n, group in enumerate(self._members):
            for f in group:
                self._by_last.setdefault(_bucket(f.key[-1]), []).append((n, f))

    @classmethod
    def build(cls, articles: Sequence[Article], annotations: Sequence[Annotations]) -> EntityIndex:
        """Merge the mentions of ``annotations`` (one per article) into entities."""
        order = {a.id: n for n, a in enumerate(articles)}
        by_id = {a.id: a for a in articles}
        forms: dict[tuple[str, ...], _Form] = {}
        for ann in sorted(annotations, key=lambda x: order.get(x.article_id, len(order))):
            for m in _with_defined_acronyms(ann, by_id.get(ann.article_id)):
                if not _JUNK_TEXT.search(m[0].text) or m[0].text[:1].isdigit():
                    continue  # "garb", "6000th": not names
                form = name_form(m[0].text, person=m[1] == "PERSON")
                if form is None:
                    continue
                f = forms.get(form.key)
                if f is None:
                    f = forms[form.key] = _Form(form.key, form.units)
                f.labels[m[1]] += 1
                f.displays[form.display] += 1
                f.display_articles.setdefault(form.display, {})[m[0].article] = None
                f.surfaces[m[0].text] += 1
                f.articles[m[0].article] = None
                f.mentions.append((m[0], form.units))
                f.titled = f.titled or form.titled
        pooled = list(forms.values())
        uf = _merge(pooled)
        groups: dict[int, list[_Form]] = {}
        for i, f in enumerate(pooled):
            groups.setdefault(uf.find(i), []).append(f)
        ranked = sorted(
            groups.values(),
            key=lambda g: (
                -len({a for f in g for a in f.articles}),
                -sum(len(f.mentions) for f in g),
                min((order.get(s.article, 0), s.start) for f in g for s, _ in f.mentions),
            ),
        )
        entities: list[Entity] = []
        by_key: dict[tuple[str, ...], int] = {}
        for n, members in enumerate(ranked):
            name = _canonical(members)
            spans = sorted(
                (s for f in members for s, _ in f.mentions), key=lambda s: (order.get(s.article, 0), s.start)
            )
            surfaces: Counter[str] = Counter()
            for f in members:
                surfaces.update(f.surfaces)
                by_key[f.key] = n
            aliases = tuple(s for s, _ in surfaces.most_common() if s != name)
            entities.append(Entity(f"e{n + 1}", name, _entity_type(members), aliases, tuple(spans)))
        return cls(entities, by_key, ranked, order)

    # --- lookup ---

    def lookup(self, name: str) -> Entity | None:
        """The entity a surface name refers to (titles, partial names, spellings, acronyms), else ``None``."""
        found = self._lookup(name)
        if found is None and "," in name:  # "Reyes, the Ohio Republican" / "ambassador to the UN, Pavel Orlov"
            found = self._lookup(name.split(",", 1)[0])
            if found is None:
                found = self._lookup(name.rsplit(",", 1)[1])
        if found is None:  # "U.S. Haley", "UN Guterres": a country or body in front of a name
            form = name_form(name)
            if form is not None and len(form.units) >= 2 and _is_place_or_body(form.units[0]):
                found = self._lookup(name[name.find(form.units[1].surface) :])
        return self.entities[found] if found is not None else None

    def _lookup(self, name: str) -> int | None:
        form: NameForm | None = None
        for person in (False, True):
            form = name_form(name, person=person)
            if form is None:
                return None
            if form.key in self._by_key:
                return self._by_key[form.key]
        assert form is not None
        probe = _Form(form.key, form.units)
        fits = {
            n
            for n, f in self._by_last.get(_bucket(form.key[-1]), ())
            if _same_name(probe, f) or (f.person and _partial_of(probe, f))
        }
        if not fits and len(form.units) == 1 and _is_acronym(form.display):
            for n, members in enumerate(self._members):
                if any(
                    len(f.units) >= 2 and acronym_of(form.display, _PIECE.findall(next(iter(f.displays))))
                    for f in members
                ):
                    fits.add(n)
        return fits.pop() if len(fits) == 1 else None

    # --- spellings ---

    def spelling_variants(self) -> list[tuple[Entity, dict[str, tuple[str, ...]]]]:
        """For each name part spelled differently across articles: the spellings and who uses each.

        Fullness (``Marsh`` / ``Helen Marsh``), case, periods, hyphens and
        interchangeable synonyms (``UK`` / ``Britain``) are not spelling differences.
        """
        out: list[tuple[Entity, dict[str, tuple[str, ...]]]] = []
        for entity, members in zip(self.entities, self._members, strict=True):
            classes: list[list[Unit]] = []
            users: dict[int, dict[str, dict[str, None]]] = {}
            shown: dict[int, Counter[str]] = {}
            for f in members:
                for span, units in f.mentions:
                    for unit in units:
                        if unit.variant is not None and unit.variant.kind == "synonym":
                            continue
                        c = next(
                            (
                                k
                                for k, cls_ in enumerate(classes)
                                if any(
                                    similar(unit.key, u.key) or (unit.variant is not None and unit.variant is u.variant)
                                    for u in cls_
                                )
                            ),
                            None,
                        )
                        if c is None:
                            classes.append([unit])
                            c = len(classes) - 1
                        else:
                            classes[c].append(unit)
                        spelling = fold_case(unit.surface)
                        users.setdefault(c, {}).setdefault(spelling, {})[span.article] = None
                        shown.setdefault(c, Counter())[unit.surface] += 1
            for c, spellings in users.items():
                if len(spellings) < 2:
                    continue
                variants: dict[str, tuple[str, ...]] = {}
                for spelling, ids in spellings.items():
                    surface = max(
                        (s for s in shown[c] if fold_case(s) == spelling), key=lambda s: (shown[c][s], s[:1].isupper())
                    )
                    variants[surface] = tuple(sorted(ids, key=lambda a: self._order.get(a, 0)))
                out.append((entity, variants))
        return out


def fold_case(text: str) -> str:
    """A spelling's identity: case, periods and hyphens ignored, letters and accents kept."""
    return re.sub(r"[.\-‐–\s]+", "", text.casefold())


def _with_defined_acronyms(ann: Annotations, article: Article | None) -> Iterable[tuple[Span, str]]:
    """The article's mentions, plus acronyms defined right after one: ``Army Tactical Missile Systems (ATACMS)``."""
    taken = {m.span.start for m in ann.mentions}
    for m in ann.mentions:
        yield m.span, m.label
        if article is None:
            continue
        found = _DEFINED_ACRONYM.match(article.text, m.span.end)
        if found and found.start(1) not in taken and acronym_of(found.group(1), _PIECE.findall(m.span.text)):
            yield Span.of(article, *found.span(1)), m.label
