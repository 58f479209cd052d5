"""The features of a candidate claim pair, and the fitted model that weighs them.

:func:`pair_features` turns two units of one story into the numbers a pair
model reads: the embedding cosines, the TF-IDF overlap, shared entities,
figures and days, and how much salient content the two share.
:class:`PairModel` is a logistic regression over those features, fitted by
``bench/fit_claims.py`` on labelled pairs and shipped as
``data/claim_pairs.json``; it turns a feature row into the probability that
the two sentences state one fact.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ConfigError, ModelError
from .conflicts import shared_figure, shared_tally
from .scores import PairScorer
from .units import Unit

__all__ = ["FEATURES", "FittedScorer", "PairModel", "default_pair_model", "pair_features", "pair_model"]

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
        float(shared_figure(ui, uj) or shared_tally(ui, uj)),
        float(bool(set(ui.dates.values()) & set(uj.dates.values()))),
        float(ui.position < LEAD_POSITIONS and uj.position < LEAD_POSITIONS),
        what,
        share,
        same_speaker,
        what / min(mass_i, mass_j) if min(mass_i, mass_j) > 0 else 0.0,
        apart,
        len(ui.words & uj.words) / union if union else 0.0,
        min(li, lj) / max(li, lj, 1),
    ]


@dataclass(frozen=True)
class PairModel:
    """A logistic regression over :data:`FEATURES`: weights per standardised feature, and one threshold."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    #: The probability at which two sentences state one fact.
    threshold: float
    #: What it was fitted on, as the fitting script describes it.
    fitted_on: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairModel:
        if list(data.get("features", ())) != list(FEATURES):
            raise ModelError(
                "the claim pair model was fitted on other features; refit it with bench/fit_claims.py --write"
            )
        return cls(
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            fitted_on=str(data.get("fitted_on", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "mean": [round(float(x), 6) for x in self.mean],
            "scale": [round(float(x), 6) for x in self.scale],
            "coef": [round(float(x), 6) for x in self.coef],
            "intercept": round(self.intercept, 6),
            "threshold": round(self.threshold, 4),
            "fitted_on": self.fitted_on,
        }

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The probability that each row's pair states one fact."""
        if len(rows) == 0:
            return np.zeros(0)
        z = ((np.asarray(rows, dtype=np.float64) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


MODEL_FILE = "claim_pairs.json"


@lru_cache(maxsize=1)
def default_pair_model() -> PairModel:
    """The pair model shipped with the package."""
    text = resources.files("newsprism").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return PairModel.from_dict(json.loads(text))


@lru_cache(maxsize=8)
def pair_model(name: str = "fitted") -> PairModel:
    """The pair model a ``claim_model`` setting names: ``fitted`` (shipped) or the path of a JSON file."""
    if name == "fitted":
        return default_pair_model()
    try:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
        return PairModel.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"claim_model {name!r}: not 'fitted', 'hand' or a readable pair model file ({exc})") from exc


@dataclass
class FittedScorer:
    """Pair scores from a :class:`PairModel`: the probability that two units state one fact, cached.

    ``base`` supplies the cosines, TF-IDF overlap and salience the features
    are made of. Scores of many pairs are best computed at once with
    :meth:`score_pairs`; a pair asked for later is scored on its own.
    """

    units: Sequence[Unit]
    base: PairScorer
    model: PairModel
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
