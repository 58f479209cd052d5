"""The small logistic model behind the fitted scorers (newsprism.compare.logistic)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsprism.compare.logistic import LogisticModel
from newsprism.errors import ModelError


def _data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, 400).astype(float)
    rows = np.column_stack([labels + rng.normal(0, 1.0, 400), rng.normal(0, 1.0, 400)])
    return rows, labels


def test_a_clipped_model_reads_an_extreme_value_as_its_clip() -> None:
    rows, labels = _data()
    model = LogisticModel.fit(rows, labels, None, ("signal", "noise"), clip=2.0)
    at_clip = model.mean + 2.0 * model.scale
    far = model.mean + 50.0 * model.scale
    assert model.probabilities(far[None, :])[0] == pytest.approx(model.probabilities(at_clip[None, :])[0])
    # within the clip the model reads its features as they are, as an unclipped one does
    plain = LogisticModel.fit(rows, labels, None, ("signal", "noise"))
    assert plain.probabilities(far[None, :])[0] > model.probabilities(far[None, :])[0]
    near = model.mean + 0.5 * model.scale
    assert abs(model.probabilities(near[None, :])[0] - plain.probabilities(near[None, :])[0]) < 0.05


def test_the_clip_survives_the_model_file_and_files_without_one_read_as_before() -> None:
    rows, labels = _data(1)
    clipped = LogisticModel.fit(rows, labels, None, ("signal", "noise"), clip=1.5)
    again = LogisticModel.from_dict(json.loads(json.dumps(clipped.to_dict())), ("signal", "noise"))
    assert again.clip == 1.5
    probe = np.array([[9.0, -9.0], [0.2, 0.1]])
    assert np.allclose(again.probabilities(probe), clipped.probabilities(probe), atol=1e-5)
    plain = LogisticModel.fit(rows, labels, None, ("signal", "noise"))
    assert "clip" not in plain.to_dict()
    assert LogisticModel.from_dict(plain.to_dict(), ("signal", "noise")).clip is None
    with pytest.raises(ModelError, match="other features"):
        LogisticModel.from_dict(plain.to_dict(), ("signal",))
    with pytest.raises(ModelError, match="clip"):
        LogisticModel.from_dict({**plain.to_dict(), "clip": 0}, ("signal", "noise"))


def test_the_shipped_genre_model_clips_as_it_was_fitted() -> None:
    from newsprism.genre import CLIP, genre_model

    assert genre_model().clip == CLIP
