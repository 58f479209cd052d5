"""Fit the claim pair model on labelled pairs, print its precision/recall, and optionally ship it.

    .venv/bin/python bench/fit_claims.py            # fit and print
    .venv/bin/python bench/fit_claims.py --write    # ... and write src/newsprism/data/claim_pairs.json

The model (:func:`newsprism.compare.claims.fitted.pair_model`) is a logistic
regression over the features of a candidate pair. Its data are the candidate
pairs newsprism proposes (``newsprism.evaluate.pair_data``), each labelled
from gold:

- ECB+ fit topics 1-25 ("the same event"), each pair weighted
  ``--ecb-weight`` (default 0.1): ECB+ is looser than our definition and
  holds many pairs;
- the fit stories of the hand-made story gold ("the same fact", the
  product's definition; ``tests/gold/split.json`` holds the others back).

Everything is deterministic (fixed seed, ordered data). Pair figures are
printed cross-validated by topic or story (5 folds), beside the hand-tuned
score on the same pairs. The threshold is chosen on claims, not pairs: with
the model fitted on all fit data, claims are built on the fit data at each
probability in ``THRESHOLDS``, and the one with the best gold claim-pair F1
whose gold precision is at least ``--min-precision`` is kept. Then the
ECB+ check topics 26-35 and the held-back gold stories are scored once, pair
by pair (claim figures for them are in ``bench/quality.py``). The NLP pass and
sentence vectors come from the cache of ``bench/quality.py``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus-dev"
GOLD = ROOT / "tests" / "gold" / "stories"
OUT = ROOT / "src" / "newsprism" / "data" / "claim_pairs.json"
SEED = 0
#: Claim probabilities tried when choosing the threshold.
THRESHOLDS = tuple(
    float(t) for t in os.environ.get("FIT_THRESHOLDS", "0.3 0.35 0.4 0.45 0.5 0.55 0.6 0.65 0.7 0.75").split()
)


def curve(  # type: ignore[no-untyped-def]
    label: str, y, scores, threshold: float | None = None, recalls: tuple[float, ...] = (0.2, 0.4, 0.5, 0.6, 0.7, 0.8)
) -> None:
    """Print AP and the best precision at each of ``recalls`` (and P/R at ``threshold``); bench/fit_stories.py too."""
    from sklearn.metrics import average_precision_score, precision_recall_curve

    if y.sum() == 0:
        print(f"  {label:<24} no positive pairs")
        return
    precision, recall, _ = precision_recall_curve(y, scores)
    points = []
    for want in recalls:
        ok = precision[recall >= want]
        points.append(f"P@R{want:.1f} {ok.max():.3f}" if len(ok) else f"P@R{want:.1f} -")
    line = f"  {label:<24} AP {average_precision_score(y, scores):.3f}   " + "  ".join(points)
    if threshold is not None:
        p, r = at(y, scores, threshold)
        line += f"   at threshold: P {p:.3f} R {r:.3f}"
    print(line)


def at(y, scores, threshold: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    chosen = scores >= threshold
    hits = int((y[chosen] == 1).sum())
    return hits / max(1, int(chosen.sum())), hits / max(1, int(y.sum()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "quality")
    parser.add_argument("--ecb-weight", type=float, default=0.1, help="weight of each ECB+ pair (gold pairs weigh 1)")
    parser.add_argument(
        "--min-precision",
        type=float,
        default=0.875,
        help="least claim-pair precision on the gold fit stories (default: that of the hand-tuned alignment it replaces)",
    )
    parser.add_argument("--write", action="store_true", help=f"write the fitted model to {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    import json
    from dataclasses import replace

    import numpy as np
    import torch
    from sklearn.model_selection import GroupKFold

    from newsprism.compare.claims.fitted import FEATURES
    from newsprism.compare.logistic import LogisticModel
    from newsprism.config import Settings, load_settings
    from newsprism.evaluate import EvalCache, evaluate_set, gold_split, load_ecbplus, load_story_gold
    from newsprism.evaluate.pair_data import pair_examples

    torch.set_num_threads(2)
    settings = Settings()
    cache = EvalCache(args.cache)
    fit_names, held_names = gold_split(GOLD)
    ecb = pair_examples(load_ecbplus(ECB, range(1, 26)), settings=settings, cache=cache)
    gold = pair_examples(load_story_gold(GOLD, fit_names), settings=settings, cache=cache)
    for name, data in (("ECB+ topics 1-25", ecb), (f"gold fit stories ({len(fit_names)})", gold)):
        print(
            f"fit data, {name}: {len(data.labels)} candidate pairs, {int(data.labels.sum())} positive; "
            f"candidates reach {data.reached} of {data.gold_pairs} gold pairs ({data.reached / max(1, data.gold_pairs):.0%})"
        )
    features = np.vstack([ecb.features, gold.features])
    labels = np.concatenate([ecb.labels, gold.labels])
    weights = np.concatenate([np.full(len(ecb.labels), args.ecb_weight), np.ones(len(gold.labels))])
    groups = np.concatenate([[s.split("_")[0] for s in ecb.stories], gold.stories])
    is_gold = np.concatenate([np.zeros(len(ecb.labels), bool), np.ones(len(gold.labels), bool)])

    def fit(rows: np.ndarray, y: np.ndarray, w: np.ndarray) -> LogisticModel:
        return LogisticModel.fit(rows, y, w, FEATURES, seed=SEED)

    held_out = np.zeros(len(labels))
    for train, test in GroupKFold(n_splits=5).split(features, labels, groups):
        held_out[test] = fit(features[train], labels[train], weights[train]).probabilities(features[test])
    print("pairs, cross-validated by topic or story (5 folds):")
    curve("ECB+ fit topics", labels[~is_gold], held_out[~is_gold])
    curve("  hand-tuned score", ecb.labels, ecb.hand_scores)
    curve("gold fit stories", labels[is_gold], held_out[is_gold])
    curve("  hand-tuned score", gold.labels, gold.hand_scores)

    model = fit(features, labels, weights)
    print(
        "weights (per standardised feature): "
        + ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, model.coef, strict=True))
    )

    # the threshold: claims built on the fit data at each probability; the best gold F1 at the precision asked for
    draft = args.cache / "claim_pairs.draft.json"
    draft.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    fit_sets = (load_ecbplus(ECB, range(1, 26)), load_story_gold(GOLD, fit_names))
    print(
        f"claims on the fit data by threshold (chosen: best gold F1 at claim-pair precision >= {args.min_precision}):"
    )
    best: tuple[float, float, float] | None = None
    most_precise: tuple[float, float] = (-1.0, max(THRESHOLDS))
    for t in THRESHOLDS:
        settings_t = load_settings(claim_model=str(draft), claim_probability=t)
        ecb_claims, gold_claims = (
            evaluate_set(g, settings=settings_t, cache=cache, grouping=False).claims for g in fit_sets
        )
        print(f"  {t:.2f}   ECB+ fit {ecb_claims.row()}   gold fit {gold_claims.row()}")
        most_precise = max(most_precise, (gold_claims.precision, t))
        if gold_claims.precision >= args.min_precision:
            key = (gold_claims.f1, ecb_claims.f1, t)
            best = key if best is None or key > best else best
    if best is not None:
        threshold = best[2]
        print(f"threshold {threshold:.2f}")
    else:
        threshold = most_precise[1]
        print(f"threshold {threshold:.2f}: no threshold reaches gold precision {args.min_precision}; the most precise one")
    model = replace(
        model,
        threshold=threshold,
        fitted_on=f"ECB+ topics 1-25 (pairs weighted {args.ecb_weight}) and {len(fit_names)} gold stories; "
        f"threshold: best gold claim-pair F1 at precision >= {args.min_precision} on the fit data",
    )
    print(f"pairs at threshold {threshold:.2f}, scored once with the model fitted on all fit data:")
    for name, data in (
        ("check: ECB+ topics 26-35", pair_examples(load_ecbplus(ECB, range(26, 36)), settings=settings, cache=cache)),
        (
            f"held-back gold ({len(held_names)} stories)",
            pair_examples(load_story_gold(GOLD, held_names), settings=settings, cache=cache),
        ),
    ):
        print(
            f"{name}: {len(data.labels)} candidate pairs, {int(data.labels.sum())} positive; "
            f"candidates reach {data.reached} of {data.gold_pairs} gold pairs ({data.reached / max(1, data.gold_pairs):.0%})"
        )
        curve("fitted model", data.labels, model.probabilities(data.features), threshold)
        curve("hand-tuned score", data.labels, data.hand_scores)
    if args.write:
        OUT.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
