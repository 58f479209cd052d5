"""How alike two claim sentences of one story are: the pair score behind claim alignment.

:func:`.claims.compare_claims` clusters sentences on these scores. The module
holds what goes into a pair's score and the test that a pair shares enough
specific content to state one fact:

* :func:`join_features` — the TF-IDF terms of a sentence (content words,
  entity ids, counted nouns, days) used to propose and weigh pairs;
* :func:`embed_units` — MiniLM embeddings of only the sentences that take
  part in a candidate pair, as written and without their attribution frames;
* :class:`Salience` — each sentence's terms weighted by how rare they are
  within the story, since every sentence of a story shares its names and
  common words;
* :class:`PairScorer` — the cached pair score, and :meth:`PairScorer.evident`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from ...nlp.models import Models
from .conflicts import shared_figure, shared_tally
from .figures import figure_thing
from .units import Unit, content_families, core_range, name_words, words_in

__all__ = [
    "LEAD_PAIR",
    "PairScorer",
    "Salience",
    "WHAT_FLOOR",
    "embed_units",
    "join_features",
    "pair_cosines",
    "same_party",
    "unit_texts",
]

#: Weight of the embedding cosine in a pair's similarity (the rest is TF-IDF overlap).
COSINE_WEIGHT = 0.75
#: Added to a pair's score for its share of shared entities (of the sentence naming fewer).
ENTITY_BONUS = 0.06
#: Added when both sentences give the same figure for the same thing.
FIGURE_BONUS = 0.05
#: Added instead when that figure is specific (money, a percentage, a fraction, 100 or more).
SPECIFIC_FIGURE_BONUS = 0.12
#: Added when both sentences name the same day.
DATE_BONUS = 0.04
#: Stories with at most this many sentences get their TF-IDF cosines in one dense product.
DENSE_LEX_MAX = 3000

#: Terms used by more than this share of a story's sentences (or by MIN_COMMON of them in a short story)
#: say nothing about which fact a sentence states.
UBIQUITY = 0.1
MIN_COMMON = 4
#: Weight of the shared-salient-content share in a pair's score, and the share at which it adds nothing.
SALIENCE_WEIGHT = 0.12
SALIENCE_PIVOT = 0.3
#: Shared names count this much against shared words: names say who, words say what happened.
NAME_WEIGHT = 0.5
#: Weight of shared words of what happened that counts as evidence (about one word used by a tenth of the story).
WHAT_FLOOR = 0.5
#: A cosine this high aligns two sentences without shared salient words (a paraphrase).
SURE_COSINE = 0.88
#: Without that much shared content, a pair aligns on one shared salient word when its score is this far above
#: the threshold or its TF-IDF cosine reaches SURE_LEX.
SURE_MARGIN = 0.05
SURE_LEX = 0.5
#: Added when both sentences open their articles: news leads state the event itself, at length and in
#: different words ('released the full report early Monday ...' / 'released a 658-page report ... early Monday').
LEAD_PAIR = 2
LEAD_BONUS = 0.05
#: Added when both sentences give the same vote or score ('a 7-2 decision'): the outcome of the event itself.
TALLY_BONUS = 0.2
#: Content words a frame must remove before the sentence is embedded both with and without it.
FRAME_WORDS = 3


def join_features(u: Unit) -> dict[str, float]:
    """A sentence's TF-IDF terms: content words of its core, entity ids (weighted double), counted nouns, days."""
    feats: dict[str, float] = {f"w:{w}": 1.0 for w in words_in(u.lemmas, u.forms, *core_range(u))}
    feats.update({f"e:{e}": 2.0 for e in u.entities})
    feats.update({f"q:{thing}": 1.0 for q in u.quantities if (thing := figure_thing(q))})
    feats.update({f"d:{d.iso}": 1.0 for d in u.dates.values()})
    return feats


def pair_cosines(weighted: sparse.csr_matrix, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """The TF-IDF cosines of ``pairs`` (rows of ``weighted`` are L2-normalised), in one sparse product."""
    if not pairs:
        return np.zeros(0, dtype=np.float32)
    left = weighted[[i for i, _ in pairs]]
    right = weighted[[j for _, j in pairs]]
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()


@dataclass
class PairScorer:
    """Pair similarity over the story's units, computed on demand and cached.

    The cosine is the better of the two sentences as written and the two
    without their attribution frames, so 'X said Y' meets 'Y' at full
    strength while two framed sentences keep their context. Shared entities,
    figures and days add a little: they anchor a fact better than wording.
    """

    units: Sequence[Unit]
    weighted: sparse.csr_matrix  # TF-IDF rows, L2-normalised
    full: Mapping[int, np.ndarray]
    core: Mapping[int, np.ndarray]
    cache: dict[tuple[int, int], float]
    salience: Salience
    threshold: float
    lex: np.ndarray | None = None  # all pairs' TF-IDF cosines, when the story is small enough to hold them
    cosines: dict[tuple[int, int], float] = field(default_factory=dict)
    #: TF-IDF cosines of pairs computed in a batch (:meth:`prefetch_lexical`), for stories too large for ``lex``.
    lex_pairs: dict[tuple[int, int], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = self.weighted.shape[0]
        if self.lex is None and n <= DENSE_LEX_MAX:
            self.lex = np.asarray((self.weighted @ self.weighted.T).todense(), dtype=np.float32)

    def lexical(self, i: int, j: int) -> float:
        """The TF-IDF cosine of two sentences' join terms."""
        if self.lex is not None:
            return float(self.lex[i, j])
        hit = self.lex_pairs.get((i, j) if i < j else (j, i))
        if hit is not None:
            return hit
        return float(self.weighted[i].multiply(self.weighted[j]).sum())

    def prefetch_lexical(self, pairs: Sequence[tuple[int, int]]) -> None:
        """Compute the TF-IDF cosines of ``pairs`` at once (one sparse product, not one per pair)."""
        if self.lex is not None:
            return
        todo = list(dict.fromkeys(key for i, j in pairs if (key := (i, j) if i < j else (j, i)) not in self.lex_pairs))
        if not todo:
            return
        self.lex_pairs.update(zip(todo, pair_cosines(self.weighted, todo).tolist(), strict=True))

    def cosine(self, i: int, j: int) -> float:
        """The better embedding cosine of the two sentences, as written or without frames (cached).

        Without both vectors, the TF-IDF cosine stands in.
        """
        key = (i, j) if i < j else (j, i)
        hit = self.cosines.get(key)
        if hit is not None:
            return hit
        fi, fj = self.full.get(i), self.full.get(j)
        if fi is None or fj is None:
            cos = self.lexical(i, j)
        else:
            ci, cj = self.core.get(i, fi), self.core.get(j, fj)
            cos = max(float(fi @ fj), float(ci @ cj))
        self.cosines[key] = cos
        return cos

    def __call__(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        lex = self.lexical(i, j)
        cos = self.cosine(i, j)
        ui, uj = self.units[i], self.units[j]
        anchors = 0.0
        if ui.entities and uj.entities:
            anchors += ENTITY_BONUS * len(ui.entities & uj.entities) / min(len(ui.entities), len(uj.entities))
        _, share = self.salience.evidence(i, j)
        if shared_tally(ui, uj):
            anchors += TALLY_BONUS
            share = max(share, SALIENCE_PIVOT)
        elif shared_figure(ui, uj, specific=True):
            # '2.1 million' on both sides says more than any wording: the story's
            # common words may be all else the two sentences share.
            anchors += SPECIFIC_FIGURE_BONUS
            share = max(share, SALIENCE_PIVOT)
        elif shared_figure(ui, uj):
            anchors += FIGURE_BONUS
        if {d.iso for d in ui.dates.values()} & {d.iso for d in uj.dates.values()}:
            anchors += DATE_BONUS
        if ui.position < LEAD_PAIR and uj.position < LEAD_PAIR:
            anchors += LEAD_BONUS
        score = COSINE_WEIGHT * cos + (1 - COSINE_WEIGHT) * lex + anchors + SALIENCE_WEIGHT * (share - SALIENCE_PIVOT)
        self.cache[key] = score
        return score

    def evident(self, i: int, j: int) -> bool:
        """Whether two sentences share enough specific content to state one fact.

        Within one story every sentence shares the story's names and words,
        and the cosines of different facts overlap those of one fact. An
        alignment needs a shared word of what happened that the story does
        not use everywhere, or the same figure for the same thing, unless the
        cosine is that of a paraphrase; two denials by one party need only the
        party.
        """
        score = self(i, j)
        key = (i, j) if i < j else (j, i)
        what, _ = self.salience.evidence(i, j)
        if what >= WHAT_FLOOR or self.cosines.get(key, 0.0) >= SURE_COSINE:
            return True
        if what > 0 and (score >= self.threshold + SURE_MARGIN or self.lexical(i, j) >= SURE_LEX):
            # a word of what happened beyond the story's common ones, and the
            # pair is clearly alike overall or in its weighted terms
            return True
        if shared_figure(self.units[i], self.units[j]):
            return True  # one figure for one thing: the story's common words may be all they share
        ui, uj = self.units[i], self.units[j]
        return ui.denial and uj.denial and same_party(ui, uj)


@dataclass(frozen=True)
class Salience:
    """Terms of each sentence weighted by how rare they are within the story.

    ``what`` holds the word families of a sentence's words outside names (its
    predicate: what happened), ``who`` the entity ids it names. A term that a
    tenth or more of the story's sentences use weighs nothing.
    """

    what: Sequence[frozenset[str]]
    who: Sequence[frozenset[str]]
    weight: Mapping[str, float]
    #: Each sentence's total weight of ``what`` and of ``who`` (read for every pair, computed once).
    what_mass: Sequence[float] = ()
    who_mass: Sequence[float] = ()

    @classmethod
    def of(cls, units: Sequence[Unit]) -> Salience:
        what = [content_families(u, *core_range(u)) for u in units]
        who = [frozenset(u.entities) for u in units]
        df: dict[str, int] = {}
        for terms in (*what, *who):
            for t in terms:
                df[t] = df.get(t, 0) + 1
        common = max(MIN_COMMON, UBIQUITY * len(units))
        weight = {t: max(0.0, math.log(common / c)) for t, c in df.items()}

        def mass(terms: frozenset[str]) -> float:
            return sum(weight.get(t, 0.0) for t in terms)

        return cls(what, who, weight, [mass(t) for t in what], [mass(t) for t in who])

    def mass(self, terms: frozenset[str]) -> float:
        return sum(self.weight.get(t, 0.0) for t in terms)

    def evidence(self, i: int, j: int) -> tuple[float, float]:
        """(weight of the shared words of what happened, share of the salient content shared)."""
        what = self.mass(self.what[i] & self.what[j])
        who = self.mass(self.who[i] & self.who[j])
        side = min(
            self.what_mass[i] + NAME_WEIGHT * self.who_mass[i],
            self.what_mass[j] + NAME_WEIGHT * self.who_mass[j],
        )
        return what, (what + NAME_WEIGHT * who) / side if side > 0 else 0.0


def same_party(a: Unit, b: Unit) -> bool:
    """Whether two sentences speak for one party: one speaker entity, or names sharing a word."""
    if a.speaker is None or b.speaker is None:
        return False
    if a.speaker == b.speaker:
        return True
    return bool(name_words(a.speaker_name) & name_words(b.speaker_name))


def unit_texts(units: Sequence[Unit], wanted: Sequence[int]) -> tuple[dict[int, str], dict[int, str]]:
    """The texts that stand for the ``wanted`` units: as written, and without their frames where that matters.

    A frame that removes only a few words ('..., officials said on Tuesday')
    changes the embedding little: such a sentence is embedded once, as
    written (the speaker it names still helps to match 'X said' with 'X
    claimed'). Only a sentence whose frame carries content (a quote cut from its
    context) is embedded both ways.
    """
    full_text: dict[int, str] = {}
    core_text: dict[int, str] = {}
    for i in wanted:
        u = units[i]
        bare = u.core or u.text
        full_text[i] = u.text
        if bare != u.text and len(_frame_words(u)) > FRAME_WORDS:
            core_text[i] = bare
    return full_text, core_text


def _frame_words(u: Unit) -> frozenset[str]:
    """The word families of the unit's attribution frame (figures aside) that its core does not repeat."""
    start, end = core_range(u)
    words = [(offset, f) for (offset, lemma), f in zip(u.lemmas, u.families, strict=True) if not lemma[0].isdigit()]
    inside = {f for offset, f in words if start <= offset < end}
    return frozenset(f for offset, f in words if not start <= offset < end) - inside


def embed_units(
    units: Sequence[Unit], wanted: Sequence[int], models: Models
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Embeddings of the ``wanted`` units as written and without their frames (one batch, each text once)."""
    full_text, core_text = unit_texts(units, wanted)
    row: dict[str, int] = {}
    for text in (*full_text.values(), *core_text.values()):
        row.setdefault(text, len(row))
    if not row:
        return {}, {}
    matrix = models.embed(list(row))
    full = {i: matrix[row[t]] for i, t in full_text.items()}
    core = {i: matrix[row[t]] for i, t in core_text.items()}
    return full, core
