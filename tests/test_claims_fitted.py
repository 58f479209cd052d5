"""The claim pair model shipped with the package, and the generous candidate step."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.compare.claims.candidates import embedding_pairs, generous_pairs
from newsprism.compare.claims.fitted import FEATURES, default_pair_model
from newsprism.compare.logistic import LogisticModel
from newsprism.errors import ModelError


def test_shipped_model_reads_every_feature_and_has_a_threshold() -> None:
    model = default_pair_model()
    assert model.coef.shape == model.mean.shape == model.scale.shape == (len(FEATURES),)
    assert 0.0 < model.threshold < 1.0
    assert "gold" in model.fitted_on


def test_more_alike_pairs_score_higher() -> None:
    model = default_pair_model()
    base = np.asarray(model.mean, dtype=np.float64)
    alike = base.copy()
    alike[FEATURES.index("cosine_full")] = 0.9
    alike[FEATURES.index("cosine")] = 0.9
    alike[FEATURES.index("lex")] = 0.6
    unlike = base.copy()
    unlike[FEATURES.index("cosine_full")] = 0.1
    unlike[FEATURES.index("cosine")] = 0.1
    unlike[FEATURES.index("lex")] = 0.0
    high, low = model.probabilities(np.vstack([alike, unlike]))
    assert high > model.threshold > low


def test_model_round_trips_and_refuses_other_features() -> None:
    model = default_pair_model()
    data = model.to_dict()
    again = LogisticModel.from_dict(data, FEATURES)
    row = np.asarray(model.mean)[None, :]
    assert again.probabilities(row)[0] == pytest.approx(model.probabilities(row)[0], abs=1e-5)
    data["features"] = data["features"][:-1]
    with pytest.raises(ModelError, match="refit"):
        LogisticModel.from_dict(data, FEATURES)


def _unit(v: list[float]) -> np.ndarray:
    a = np.asarray(v, dtype=np.float32)
    return a / np.linalg.norm(a)


def test_embedding_pairs_cross_articles_only_and_respect_the_floor() -> None:
    articles = ["a", "a", "b", "b", "c"]
    vectors = {
        0: _unit([1, 0, 0]),
        1: _unit([0, 1, 0]),
        2: _unit([1, 0.1, 0]),  # close to 0
        3: _unit([0, 1, 0.1]),  # close to 1
        4: _unit([0, 0, 1]),  # orthogonal to most
    }
    pairs = embedding_pairs(articles, vectors, per_article=1, top_k=1, floor=0.5)
    assert (0, 2) in pairs and (1, 3) in pairs
    assert all(articles[i] != articles[j] for i, j in pairs)
    assert all(float(vectors[i] @ vectors[j]) >= 0.5 for i, j in pairs)
    # lexical pairs are kept, and a unit without a vector proposes nothing
    assert generous_pairs([(0, 4)], articles, {k: v for k, v in vectors.items() if k != 3}) == sorted(
        {(0, 4)} | embedding_pairs(articles, {k: v for k, v in vectors.items() if k != 3})
    )


def test_embedding_pairs_cap_partners_per_unit() -> None:
    rng = np.random.default_rng(0)
    articles = [f"a{n // 3}" for n in range(300)]  # 100 articles of 3 sentences
    vectors = {i: _unit(list(rng.normal(size=16))) for i in range(300)}
    pairs = embedding_pairs(articles, vectors, per_article=4, top_k=2, floor=-1.0)
    assert len(pairs) <= 300 * (4 + 2)
    degree = np.bincount(np.asarray([x for p in pairs for x in p]), minlength=300)
    assert degree.min() >= 4


def test_fitting_is_deterministic_and_learns_the_direction_of_a_feature() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 2))
    y = (x[:, 0] + 0.1 * rng.normal(size=200) > 0).astype(int)
    one = LogisticModel.fit(x, y, None, ("signal", "noise"))
    two = LogisticModel.fit(x, y, None, ("signal", "noise"))
    assert np.array_equal(one.coef, two.coef)
    assert one.coef[0] > 1.0 and abs(one.coef[1]) < one.coef[0] / 5
    assert one.probabilities(np.array([[2.0, 0.0]]))[0] > 0.9 > 0.1 > one.probabilities(np.array([[-2.0, 0.0]]))[0]
