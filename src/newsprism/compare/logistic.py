"""Fitted logistic models shipped as data: the same-fact pair model of claims and the same-story model.

A :class:`LogisticModel` is a logistic regression over named features,
standardised, with the probability threshold chosen when it was fitted. It
is fitted by a script in ``bench/`` on labelled pairs (:meth:`LogisticModel.fit`)
and shipped as a small JSON file in the package's ``data/``; a setting names
the shipped model (``fitted``) or the path of another file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, ModelError

__all__ = ["LogisticModel", "read_model"]


@dataclass(frozen=True)
class LogisticModel:
    """A logistic regression over ``features``: weights per standardised feature, and one threshold."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    #: The probability at which a pair counts as positive.
    threshold: float
    #: What it was fitted on, as the fitting script describes it.
    fitted_on: str = ""
    #: Standardised features are clipped to this many standard deviations either way, in fitting and scoring,
    #: so that one rare extreme value (a feature almost always zero in the fit data) cannot decide alone.
    clip: float | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any], features: Sequence[str]) -> LogisticModel:
        """The model stored in ``data``; a :class:`ModelError` when it was fitted on other features."""
        if list(data.get("features", ())) != list(features):
            raise ModelError("the model file was fitted on other features; refit it with its bench/fit_*.py --write")
        if data.get("clip") is not None and not float(data["clip"]) > 0:
            raise ModelError(f"the model file's clip must be a positive number of deviations, not {data['clip']!r}")
        return cls(
            features=tuple(features),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            fitted_on=str(data.get("fitted_on", "")),
            clip=float(data["clip"]) if data.get("clip") is not None else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": [round(float(x), 6) for x in self.mean],
            "scale": [round(float(x), 6) for x in self.scale],
            "coef": [round(float(x), 6) for x in self.coef],
            "intercept": round(self.intercept, 6),
            "threshold": round(self.threshold, 4),
            "fitted_on": self.fitted_on,
            **({"clip": self.clip} if self.clip is not None else {}),
        }

    @classmethod
    def fit(
        cls,
        rows: np.ndarray,
        labels: np.ndarray,
        weights: np.ndarray | None,
        features: Sequence[str],
        *,
        seed: int = 0,
        threshold: float = 0.5,
        clip: float | None = None,
    ) -> LogisticModel:
        """Fit on feature ``rows`` and 0/1 ``labels`` (deterministic for a given ``seed``); with ``clip``, on
        standardised features clipped to that many standard deviations (:attr:`clip`)."""
        from sklearn.linear_model import LogisticRegression

        rows = np.asarray(rows, dtype=np.float64)
        mean = rows.mean(axis=0)
        scale = rows.std(axis=0)
        scale = np.where(scale > 0, scale, 1.0)
        lr = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
        standard = (rows - mean) / scale
        lr.fit(standard if clip is None else np.clip(standard, -clip, clip), labels, sample_weight=weights)
        return cls(tuple(features), mean, scale, lr.coef_[0], float(lr.intercept_[0]), threshold, clip=clip)

    def standardise(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` in standard deviations from the fit data's mean (clipped where the model clips)."""
        standard = (np.asarray(rows, dtype=np.float64) - self.mean) / self.scale
        return standard if self.clip is None else np.clip(standard, -self.clip, self.clip)

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The probability that each row's pair is positive."""
        if len(rows) == 0:
            return np.zeros(0)
        z = self.standardise(rows) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def read_model(name: str, *, file: str, features: Sequence[str], setting: str) -> LogisticModel:
    """The model a setting names: ``fitted`` (the package's ``data/<file>``) or the path of a model file."""
    if name == "fitted":
        text = resources.files("newsprism").joinpath("data", file).read_text(encoding="utf-8")
        return LogisticModel.from_dict(json.loads(text), features)
    try:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
        return LogisticModel.from_dict(data, features)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{setting} {name!r}: not 'fitted', 'hand' or a readable model file ({exc})") from exc
