"""Fit the same-story model on labelled stories, print its precision/recall, and optionally ship it.

    .venv/bin/python bench/fit_stories.py            # fit and print
    .venv/bin/python bench/fit_stories.py --write    # ... and write src/newsprism/data/story_pairs.json

The model (:func:`newsprism.compare.stories.story_model`) is a logistic
regression over the features of a candidate article pair
(:data:`newsprism.compare.stories.PAIR_FEATURES`: lead embedding cosine,
TF-IDF cosine, shared names, the gap between publication days and between
the days the texts state, shared quoted words, passages and specific figures,
and whether either is an opinion piece). Its data are the candidate pairs newsprism
proposes when all of a set's articles are grouped as one corpus, labelled
from gold:

- the story windows not held back (``tests/gold/story_groups``,
  ``evaluate.group_split``): every AllSides article of a topic over three
  days, labelled by event;
- ECB+ topics 1-25, where each topic holds two sibling events of one kind
  (two earthquakes, two arrests) years apart.

Everything is deterministic (fixed seed, ordered data). Pair figures are
printed cross-validated by window or topic (5 folds), beside the hand-set
score on the same pairs. The threshold is chosen on stories, not pairs: with
the model fitted on all fit data, the fit sets are grouped at each
probability in ``THRESHOLDS``, and the one with the best mean of windows B³
F1, windows pair F1 and ECB+ B³ F1 is kept. Then the held-back windows and
the ECB+ check topics 26-35 are grouped once with it.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus-dev"
WINDOWS = ROOT / "tests" / "gold" / "story_groups"
CORPUS = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
OUT = ROOT / "src" / "newsprism" / "data" / "story_pairs.json"
SEED = 0
#: Recalls at which the pair curves print the best precision.
RECALLS = (0.5, 0.7, 0.8, 0.9)
THRESHOLDS = tuple(float(t) for t in os.environ.get("FIT_THRESHOLDS", "0.3 0.4 0.5 0.6 0.7 0.8").split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "quality")
    parser.add_argument("--ecb-weight", type=float, default=1.0, help="weight of each ECB+ pair (window pairs weigh 1)")
    parser.add_argument("--write", action="store_true", help=f"write the fitted model to {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    from dataclasses import replace

    import numpy as np
    import torch
    from sklearn.model_selection import GroupKFold

    from fit_claims import curve  # this folder is on the path when a bench script runs
    from newsprism.compare.logistic import LogisticModel
    from newsprism.compare.stories import PAIR_FEATURES, combine
    from newsprism.config import Settings, load_settings
    from newsprism.evaluate import (
        CachedModels,
        EvalCache,
        GroupGold,
        ecb_groups,
        evaluate_grouping,
        group_split,
        load_ecbplus,
        load_story_groups,
    )
    from newsprism.evaluate.story_groups import story_pair_examples

    torch.set_num_threads(2)
    settings = Settings()
    cache = EvalCache(args.cache)
    models = CachedModels(settings, cache)
    fit_names, held_names = group_split(WINDOWS)
    fit_sets: list[tuple[str, GroupGold]] = [
        (f"windows fit ({len(fit_names)})", load_story_groups(WINDOWS, CORPUS, fit_names)),
        ("ECB+ topics 1-25", ecb_groups(load_ecbplus(ECB, range(1, 26)))),
    ]
    parts = []
    for name, gold in fit_sets:
        data = story_pair_examples(gold, settings=settings, models=models, cache=cache)
        print(
            f"fit data, {name}: {len(data.labels)} candidate pairs, {int(data.labels.sum())} positive; "
            f"candidates reach {data.reached} of {data.gold_pairs} gold pairs ({data.reached / max(1, data.gold_pairs):.0%})"
        )
        parts.append(data)
    features = np.vstack([d.features for d in parts])
    labels = np.concatenate([d.labels for d in parts])
    groups = np.concatenate([d.groups for d in parts])
    weights = np.concatenate([np.full(len(d.labels), 1.0 if n == 0 else args.ecb_weight) for n, d in enumerate(parts)])
    in_set = np.concatenate([np.full(len(d.labels), n) for n, d in enumerate(parts)])

    def hand(rows: np.ndarray) -> np.ndarray:
        names = {f: rows[:, k] for k, f in enumerate(PAIR_FEATURES)}
        score = np.asarray(
            [combine(c, x, n) for c, x, n in zip(names["cosine"], names["lexical"], names["names"], strict=True)]
        )
        inside = (names["day_unknown"] > 0) | (names["day_gap"] <= settings.story_window_days)
        return np.where(inside, score, 0.0)

    held_out = np.zeros(len(labels))
    for train, test in GroupKFold(n_splits=5).split(features, labels, groups):
        model = LogisticModel.fit(features[train], labels[train], weights[train], PAIR_FEATURES, seed=SEED)
        held_out[test] = model.probabilities(features[test])
    print("pairs, cross-validated by window or topic (5 folds):")
    for n, (name, _) in enumerate(fit_sets):
        mask = in_set == n
        curve(name, labels[mask], held_out[mask], recalls=RECALLS)
        curve("  hand-set score", labels[mask], hand(features[mask]), recalls=RECALLS)

    model = LogisticModel.fit(features, labels, weights, PAIR_FEATURES, seed=SEED)
    print(
        "weights (per standardised feature): "
        + ", ".join(f"{n} {w:+.2f}" for n, w in zip(PAIR_FEATURES, model.coef, strict=True))
    )
    draft = args.cache / "story_pairs.draft.json"
    draft.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    print("stories on the fit data by threshold (chosen: best mean of windows B³ F1, windows pair F1, ECB+ B³ F1):")
    best: tuple[float, float] | None = None
    for t in THRESHOLDS:
        settings_t = load_settings(story_model=str(draft), story_probability=t)
        results = [evaluate_grouping(g, settings=settings_t, models=models, cache=cache) for _, g in fit_sets]
        windows, ecb = results
        score = (windows.b_cubed.f1 + windows.pairs.f1 + ecb.b_cubed.f1) / 3
        print(
            f"  {t:.2f}   windows B³ {windows.b_cubed.f1:.3f} pairs P {windows.pairs.precision:.3f} "
            f"R {windows.pairs.recall:.3f} F1 {windows.pairs.f1:.3f}   ECB+ B³ {ecb.b_cubed.f1:.3f} "
            f"pairs F1 {ecb.pairs.f1:.3f} siblings apart {ecb.siblings_apart}   mean {score:.3f}"
        )
        best = (score, t) if best is None or score > best[0] else best
    assert best is not None
    threshold = best[1]
    model = replace(
        model,
        threshold=threshold,
        fitted_on=f"{len(fit_names)} story windows and ECB+ topics 1-25 (pairs weighted {args.ecb_weight}); threshold: best mean of windows B³ F1, "
        "windows pair F1 and ECB+ B³ F1 on the fit data",
    )
    print(f"threshold {threshold:.2f}")
    final = ROOT / ".cache" / "story_pairs.chosen.json"
    final.write_text(json.dumps(model.to_dict()), encoding="utf-8")
    print("scored once with the chosen model, beside the hand-set grouping:")
    check_sets = [
        (f"held-back windows ({len(held_names)})", load_story_groups(WINDOWS, CORPUS, held_names)),
        ("ECB+ topics 26-35", ecb_groups(load_ecbplus(ECB, range(26, 36)))),
    ]
    for name, gold in check_sets:
        for label, s in (("fitted", load_settings(story_model=str(final))), ("hand-set", settings)):
            r = evaluate_grouping(gold, settings=s, models=models, cache=cache)
            line = (
                f"  {name:<24} {label:<9} B³ P {r.b_cubed.precision:.3f} R {r.b_cubed.recall:.3f} F1 {r.b_cubed.f1:.3f}"
                f"   pairs P {r.pairs.precision:.3f} R {r.pairs.recall:.3f} F1 {r.pairs.f1:.3f}"
                f"   split {r.split} merged {r.merged}"
            )
            if r.siblings_apart is not None:
                line += f"   siblings apart {r.siblings_apart[0]}/{r.siblings_apart[1]}"
            print(line)
    models.save()
    if args.write:
        OUT.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
