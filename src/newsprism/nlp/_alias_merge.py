"""The merge rules that join a story's name forms into one referent each.

:mod:`.aliases` pools every mention sharing one :class:`~.names.NameForm` key
into a :class:`PooledForm` (rule 1: equal forms merge); :func:`merge_forms`
then applies the rest, in order, over a union-find of those forms:

2. forms whose words are each equal or transliteration-similar merge;
3. a partial name (``Marsh``, ``Sam Porter``) joins the one fuller name it
   fits, only when exactly one fits within the story (3b-3d: lone given
   names, surnames of mislabelled full names, shortened body names);
4. an acronym joins the one long form whose word prefixes spell it.

Each rule merges only when exactly one candidate fits, so an ambiguous short
name stays apart rather than joining the wrong person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Span
from .names import NAME_PIECE, NAME_SUFFIXES, Unit, acronym_of, is_acronym, similar, skeleton

__all__ = [
    "PooledForm",
    "UnionFind",
    "has_place_or_body_unit",
    "is_place_or_body",
    "merge_forms",
    "partial_of",
    "same_name",
    "similarity_bucket",
    "split_suffix",
]

_NAME_LABELS = ("ORG", "PERSON", "NORP", "PRODUCT")  # labels the model gives full names it mistakes


@dataclass(slots=True)
class PooledForm:
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
        return len(self.units) == 1 and is_acronym(self.displays.most_common(1)[0][0])


def similarity_bucket(key: str) -> str:
    """Skeleton of a word without a plural ``s``: words that may be similar share it."""
    return skeleton(key[:-1] if len(key) > 4 and key.endswith("s") else key)


class UnionFind:
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


def same_name(a: PooledForm, b: PooledForm) -> bool:
    plural = not (a.person or b.person)
    return len(a.units) == len(b.units) and all(
        similar(x.key, y.key, plural=plural) for x, y in zip(a.units, b.units, strict=True)
    )


def split_suffix(key: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name key and its generational suffix: ``(donald, trump, jr)`` -> ``(donald, trump)``, ``(jr,)``."""
    n = len(key)
    while n > 1 and key[n - 1] in NAME_SUFFIXES:
        n -= 1
    return key[:n], key[n:]


def partial_of(short: PooledForm, full: PooledForm) -> bool:
    """``Marsh`` or ``Sam Porter`` is a shorter writing of ``Helen Marsh`` / ``Sam R. Porter``.

    A generational suffix must agree: ``Trump Jr.`` is short for ``Donald
    Trump Jr.``, while ``Trump`` is never short for it (it names the father).
    """
    (s, s_suffix), (f, f_suffix) = split_suffix(short.key), split_suffix(full.key)
    if s_suffix != f_suffix or len(s) >= len(f) or not similar(s[-1], f[-1]):
        return False
    if len(s) == 1:
        return True
    if not similar(s[0], f[0]):
        return False
    rest = iter(f[1:-1])
    return all(any(similar(k, r) for r in rest) for k in s[1:-1])


def _first_name_of(short: PooledForm, full: PooledForm) -> bool:
    """``Hillary`` or ``Don Jr.`` is the given name of ``Hillary Clinton`` / ``Donald Trump Jr.``."""
    (s, s_suffix), (f, f_suffix) = split_suffix(short.key), split_suffix(full.key)
    return len(s) == 1 and len(f) >= 2 and s_suffix == f_suffix and s[0] == f[0]


def is_place_or_body(unit: Unit) -> bool:
    return unit.variant is not None and unit.variant.type not in (None, "PERSON")


def has_place_or_body_unit(form: PooledForm) -> bool:
    return any(is_place_or_body(u) for u in form.units)


def merge_forms(forms: list[PooledForm]) -> UnionFind:
    uf = UnionFind(len(forms))
    buckets: dict[tuple[int, str], list[int]] = {}
    for i, f in enumerate(forms):
        buckets.setdefault((len(f.units), similarity_bucket(f.key[-1])), []).append(i)
    # 2. the same name spelled two ways
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if forms[i].kind == forms[j].kind and same_name(forms[i], forms[j]):
                    uf.union(i, j)
    # 3. partial person names join the one fuller name they fit
    people = [i for i, f in enumerate(forms) if f.person]
    by_last: dict[str, list[int]] = {}
    for i in people:
        by_last.setdefault(similarity_bucket(forms[i].key[-1]), []).append(i)
    for i in sorted(people, key=lambda i: -len(forms[i].units)):
        if forms[i].acronym:
            continue
        fits = {uf.find(j) for j in by_last[similarity_bucket(forms[i].key[-1])] if partial_of(forms[i], forms[j])}
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
            uf.find(j)
            for j in long_forms
            if acronym_of(shown, NAME_PIECE.findall(forms[j].displays.most_common(1)[0][0]))
        }
        if len(fits) == 1:
            uf.union(i, fits.pop())
    return uf


def _merge_given_names(forms: Sequence[PooledForm], uf: UnionFind, people: Sequence[int]) -> None:
    """3b. A lone given name (``Hillary``, ``Don Jr.``) joins the one person the story gives that first name.

    Only when no person in the story has it as a surname (``Thomas`` may be
    Clarence Thomas). A titled first word is a family name written first
    (``President Moon`` for ``Moon Jae-in``) and joins the same way.
    """
    surnames: set[str] = set()
    by_first: dict[str, list[int]] = {}  # first name -> full person names starting with it
    for j in people:
        core = split_suffix(forms[j].key)[0]
        if len(core) >= 2:
            surnames.add(core[-1])
            by_first.setdefault(core[0], []).append(j)
    for i in people:
        f = forms[i]
        core = split_suffix(f.key)[0]
        if len(core) != 1 or f.acronym or core[0] in surnames:
            continue
        if f.labels and f.labels.most_common(1)[0][0] != "PERSON":
            continue
        fits = {uf.find(j) for j in by_first.get(core[0], ()) if j != i and _first_name_of(f, forms[j])}
        if len(fits) == 1:
            uf.union(i, fits.pop())


def _merge_surnames_into_unlabelled(forms: Sequence[PooledForm], uf: UnionFind, people: Sequence[int]) -> None:
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
        if not g.person and 2 <= len(g.units) <= 3 and top in _NAME_LABELS and not has_place_or_body_unit(g):
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
        core = split_suffix(forms[j].key)[0]
        if len(core) >= 2 and forms[j].key[-1] not in NAME_SUFFIXES:
            full_people.setdefault(core[-1], set()).add(uf.find(j))
    for i, f in enumerate(forms):
        if f.person or len(f.key) != 1 or f.acronym or not f.labels or f.key[0] not in full_people:
            continue
        if f.labels.most_common(1)[0][0] not in ("ORG", "NORP", "PRODUCT") or has_place_or_body_unit(f):
            continue
        if len(full_people[f.key[0]]) == 1 and f.key[0] not in by_last:
            uf.union(i, next(iter(full_people[f.key[0]])))


def _merge_shortened_bodies(forms: Sequence[PooledForm], uf: UnionFind) -> None:
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
