"""Fit a pair scorer for claim alignment on ECB+ fit topics and compare it with today's hand-tuned score.

    .venv/bin/python bench/fit_claims.py

A first step towards a fitted scorer: nothing in the pipeline changes. For
every candidate pair the pipeline proposes (``newsprism.evaluate.pair_data``)
it takes the features the hand-tuned score combines and the gold label, then:

- fits a logistic regression (standardised features, fixed seed) on ECB+
  topics 1-25, cross-validated by topic, and prints the average precision
  and the precision/recall curve of the fitted model beside the hand-tuned
  score's, on the same pairs;
- scores the ECB+ check topics 26-35 and the hand-labelled story gold once
  with the model fitted on all fit topics, again beside the hand-tuned score.

Pair-level figures are over the candidates only: a pair the candidate step
never proposes counts in neither column (claim-level figures are in
``bench/quality.py``). The NLP pass and sentence vectors come from the cache
of ``bench/quality.py``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus-dev"
GOLD = ROOT / "tests" / "gold" / "stories"
SEED = 0


def curve(label: str, y, scores) -> None:  # type: ignore[no-untyped-def]
    from sklearn.metrics import average_precision_score, precision_recall_curve

    precision, recall, _ = precision_recall_curve(y, scores)
    points = []
    for want in (0.2, 0.4, 0.5, 0.6, 0.7, 0.8):
        ok = precision[recall >= want]
        points.append(f"P@R{want:.1f} {ok.max():.3f}" if len(ok) else f"P@R{want:.1f} -")
    print(f"  {label:<22} AP {average_precision_score(y, scores):.3f}   " + "  ".join(points))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "quality")
    args = parser.parse_args()
    import numpy as np
    import torch
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from newsprism.config import Settings
    from newsprism.evaluate import EvalCache, load_ecbplus, load_story_gold
    from newsprism.evaluate.pair_data import FEATURES, pair_examples

    torch.set_num_threads(2)
    settings = Settings()
    cache = EvalCache(args.cache)
    fit = pair_examples(load_ecbplus(ECB, range(1, 26)), settings=settings, cache=cache)
    topics = np.array([s.split("_")[0] for s in fit.stories])
    print(
        f"fit: ECB+ topics 1-25, {len(fit.labels)} candidate pairs, {int(fit.labels.sum())} positive; "
        f"candidates reach {fit.reached} of {fit.gold_pairs} gold pairs ({fit.reached / max(1, fit.gold_pairs):.0%})"
    )

    def model():  # type: ignore[no-untyped-def]
        return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000, random_state=SEED))

    held_out = np.zeros(len(fit.labels))
    for train, test in GroupKFold(n_splits=5).split(fit.features, fit.labels, topics):
        held_out[test] = model().fit(fit.features[train], fit.labels[train]).predict_proba(fit.features[test])[:, 1]
    print("cross-validated by topic (5 folds):")
    curve("logistic regression", fit.labels, held_out)
    curve("hand-tuned score", fit.labels, fit.hand_scores)

    final = model().fit(fit.features, fit.labels)
    weights = final[-1].coef_[0] / final[0].scale_
    print("weights (per raw feature unit): " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, weights, strict=True)))
    for name, gold in (
        ("check: ECB+ topics 26-35", load_ecbplus(ECB, range(26, 36))),
        ("story gold", load_story_gold(GOLD)),
    ):
        data = pair_examples(gold, settings=settings, cache=cache)
        print(
            f"{name}: {len(data.labels)} candidate pairs, {int(data.labels.sum())} positive; "
            f"candidates reach {data.reached} of {data.gold_pairs} gold pairs ({data.reached / max(1, data.gold_pairs):.0%})"
        )
        curve("logistic regression", data.labels, final.predict_proba(data.features)[:, 1])
        curve("hand-tuned score", data.labels, data.hand_scores)


if __name__ == "__main__":
    main()
