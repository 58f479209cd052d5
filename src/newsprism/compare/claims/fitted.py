"""The features of a candidate claim pair, and the fitted model that weighs them.

:func:`pair_features` turns two units of one story into the numbers a pair
model reads: the embedding cosines, the TF-IDF overlap, shared entities,
figures and days, and how much salient content the two share.
:func:`pair_model` is a logistic regression over those features, fitted by
``bench/fit_claims.py`` on labelled pairs and shipped as
``data/claim_pairs.json``; it turns a feature row into the probability that
the two sentences state one fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..logistic import LogisticModel, read_model
from .conflicts import shared_figure, shared_tally
from .scores import PairScorer
from .units import Unit

__all__ = ["FEATURES", "FittedScorer", "default_pair_model", "pair_features", "pair_model"]

#: The features of a candidate pair, in column order. A shared specific figure or vote is no feature of
#: its own: too rare in the labelled pairs to be weighed (fitted, it came out negative), it counts as a
#: shared figure.
FEATURES = (
    "cosine",  # the better of the embedding cosines as written and without frames
    "cosine_full",  # the cosine as written
    "lex",  # TF-IDF cosine of the join terms
    "entities",  # shared entities over the fewer named
    "figure",  # the same figure for the same thing, or the same vote or score
    "date",  # the same resolved day
    "lead",  # both sentences open their articles
    "what",  # weight of shared salient words of what happened
    "share",  # share of the salient content shared
    "same_speaker",  # both attributed, to one named party
    "what_share",  # shared salient words of what happened over the fewer of the two sentences'
    "what_apart",  # the larger weight of salient words of what happened that one sentence has and the other lacks
    "jaccard",  # word-set overlap of the two sentences
    "length_ratio",  # the shorter sentence's word count over the longer's
)

#: Sentences at these positions or earlier open their article.
LEAD_POSITIONS = 2


def pair_features(units: Sequence[Unit], scorer: PairScorer, i: int, j: int) -> list[float]:
    """The pair's features, in :data:`FEATURES` order (the scorer supplies cosines, TF-IDF and salience)."""
    ui, uj = units[i], units[j]
    fi, fj = scorer.full.get(i), scorer.full.get(j)
    full = float(fi @ fj) if fi is not None and fj is not None else 0.0
    cosine = scorer.cosine(i, j)
    entities = (
        len(ui.entities & uj.entities) / min(len(ui.entities), len(uj.entities)) if ui.entities and uj.entities else 0.0
    )
    what, share = scorer.salience.evidence(i, j)
    same_speaker = float(
        ui.attributed and uj.attributed and ui.speaker_name is not None and ui.speaker_name == uj.speaker_name
    )
    sal = scorer.salience
    mass_i, mass_j = sal.what_mass[i], sal.what_mass[j]
    # what one sentence has and the other lacks: its own weight less the shared weight
    apart = max(mass_i, mass_j) - what
    union = len(ui.words | uj.words)
    li, lj = len(ui.text.split()), len(uj.text.split())
    return [
        cosine,
        full,
        scorer.lexical(i, j),
        entities,
        float(shared_figure(ui, uj) or shared_figure(ui, uj, specific=True) or shared_tally(ui, uj)),
        float(bool({d.iso for d in ui.dates.values()} & {d.iso for d in uj.dates.values()})),
        float(ui.position < LEAD_POSITIONS and uj.position < LEAD_POSITIONS),
        what,
        share,
        same_speaker,
        what / min(mass_i, mass_j) if min(mass_i, mass_j) > 0 else 0.0,
        apart,
        len(ui.words & uj.words) / union if union else 0.0,
        min(li, lj) / max(li, lj, 1),
    ]


#: The shipped model, in the package's ``data/``.
MODEL_FILE = "claim_pairs.json"


@lru_cache(maxsize=8)
def pair_model(name: str = "fitted") -> LogisticModel:
    """The pair model a ``claim_model`` setting names: ``fitted`` (shipped) or the path of a JSON file."""
    return read_model(name, file=MODEL_FILE, features=FEATURES, setting="claim_model")


def default_pair_model() -> LogisticModel:
    """The pair model shipped with the package."""
    return pair_model("fitted")


@dataclass
class FittedScorer:
    """Pair scores from the pair model (a :class:`..logistic.LogisticModel`): the probability that two units state one fact, cached.

    ``base`` supplies the cosines, TF-IDF overlap and salience the features
    are made of. Scores of many pairs are best computed at once with
    :meth:`score_pairs`; a pair asked for later is scored on its own.
    """

    units: Sequence[Unit]
    base: PairScorer
    model: LogisticModel
    cache: dict[tuple[int, int], float] = field(default_factory=dict)

    def score_pairs(self, pairs: Sequence[tuple[int, int]]) -> None:
        """Score ``pairs`` in one batch."""
        todo = [(i, j) if i < j else (j, i) for i, j in pairs]
        todo = [key for key in dict.fromkeys(todo) if key not in self.cache]
        if not todo:
            return
        self.base.prefetch_lexical(todo)
        rows = np.asarray([pair_features(self.units, self.base, i, j) for i, j in todo], dtype=np.float64)
        for key, p in zip(todo, self.model.probabilities(rows).tolist(), strict=True):
            self.cache[key] = p

    def __call__(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        hit = self.cache.get(key)
        if hit is None:
            self.score_pairs([key])
            hit = self.cache[key]
        return hit

    def evident(self, i: int, j: int) -> bool:
        """The model has weighed the evidence already: every pair it scores counts."""
        return True
