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
3. a partial name (``Marsh``, ``Sam Porter``) joins the one fuller name it
   fits, only when exactly one fits within the story;
4. an acronym joins the one long form whose word prefixes spell it.

The type is the variant table's when it knows the name, else the majority of
the model's labels; the canonical name is the fullest form common in the story.

Name forms and word similarity live in :mod:`.names`, the merge rules (2-4)
in :mod:`._alias_merge`; this module builds the entities and looks names up.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ..model import Annotations, Article, Entity, Span
from ._alias_merge import (
    PooledForm,
    has_place_or_body_unit,
    is_place_or_body,
    merge_forms,
    partial_of,
    same_name,
    similarity_bucket,
    split_suffix,
)
from .names import NAME_PIECE, NameForm, Unit, acronym_of, fold_case, is_acronym, name_form, name_variants, similar

__all__ = ["EntityIndex", "NameForm", "acronym_of", "fold_case", "name_form", "name_variants", "similar"]

LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW")
_JUNK_TEXT = re.compile(r"[A-Z]")  # a name has a capital letter somewhere
_DEFINED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9&]*[A-Z](?:s)?)\)")


def _entity_type(members: Sequence[PooledForm]) -> str:
    hints = Counter(f.hint for f in members if f.hint is not None)
    if hints:
        return hints.most_common(1)[0][0]
    for f in members:  # a full name the model tags as a person at least as often as anything else
        person_votes = f.labels["PERSON"]
        full = len(split_suffix(f.key)[0]) >= 2 and not has_place_or_body_unit(f)
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


def _canonical(members: Sequence[PooledForm]) -> str:
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
    pieces = {d: len(NAME_PIECE.findall(d)) for d in counts}
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
        members: Sequence[Sequence[PooledForm]],
        order: Mapping[str, int],
    ) -> None:
        self.entities: tuple[Entity, ...] = tuple(entities)
        self._by_key = dict(forms)
        self._members = [list(m) for m in members]
        self._order = dict(order)
        self._by_last: dict[str, list[tuple[int, PooledForm]]] = {}
        for n, group in enumerate(self._members):
            for f in group:
                self._by_last.setdefault(similarity_bucket(f.key[-1]), []).append((n, f))

    @classmethod
    def build(cls, articles: Sequence[Article], annotations: Sequence[Annotations]) -> EntityIndex:
        """Merge the mentions of ``annotations`` (one per article) into entities."""
        order = {a.id: n for n, a in enumerate(articles)}
        by_id = {a.id: a for a in articles}
        forms: dict[tuple[str, ...], PooledForm] = {}
        for ann in sorted(annotations, key=lambda x: order.get(x.article_id, len(order))):
            for m in _with_defined_acronyms(ann, by_id.get(ann.article_id)):
                if not _JUNK_TEXT.search(m[0].text) or m[0].text[:1].isdigit():
                    continue  # "garb", "6000th": not names
                form = name_form(m[0].text, person=m[1] == "PERSON")
                if form is None:
                    continue
                f = forms.get(form.key)
                if f is None:
                    f = forms[form.key] = PooledForm(form.key, form.units)
                f.labels[m[1]] += 1
                f.displays[form.display] += 1
                f.display_articles.setdefault(form.display, {})[m[0].article] = None
                f.surfaces[m[0].text] += 1
                f.articles[m[0].article] = None
                f.mentions.append((m[0], form.units))
                f.titled = f.titled or form.titled
        pooled = list(forms.values())
        uf = merge_forms(pooled)
        groups: dict[int, list[PooledForm]] = {}
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
            if form is not None and len(form.units) >= 2 and is_place_or_body(form.units[0]):
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
        probe = PooledForm(form.key, form.units)
        fits = {
            n
            for n, f in self._by_last.get(similarity_bucket(form.key[-1]), ())
            if same_name(probe, f) or (f.person and partial_of(probe, f))
        }
        if not fits and len(form.units) == 1 and is_acronym(form.display):
            for n, members in enumerate(self._members):
                if any(
                    len(f.units) >= 2 and acronym_of(form.display, NAME_PIECE.findall(next(iter(f.displays))))
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


def _with_defined_acronyms(ann: Annotations, article: Article | None) -> Iterable[tuple[Span, str]]:
    """The article's mentions, plus acronyms defined right after one: ``Army Tactical Missile Systems (ATACMS)``."""
    taken = {m.span.start for m in ann.mentions}
    for m in ann.mentions:
        yield m.span, m.label
        if article is None:
            continue
        found = _DEFINED_ACRONYM.match(article.text, m.span.end)
        if found and found.start(1) not in taken and acronym_of(found.group(1), NAME_PIECE.findall(m.span.text)):
            yield Span.of(article, *found.span(1)), m.label
