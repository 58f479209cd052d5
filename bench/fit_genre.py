"""Fit the news/opinion model on AllSides articles whose outlet names its section, and score it held out.

    .venv/bin/python bench/fit_genre.py [--fit 0 --held 0] [--write]

AllSides names some outlets with their section ('New York Times - News',
'CNN - Editorial', 'Guest Writer - Right'): those are the labels (News is
news; Opinion, Editorial and guest writers are opinion). The outlet name is
hidden from the classifier. Articles are split by a hash of their id (3 in
10 held back), sampled with a fixed seed (0: all of them), cleaned and
annotated as the pipeline does.

A section marker in the URL's path or the title decides an article's genre
(:func:`newsprism.genre.marker_of`). The voice model (:mod:`newsprism.genre`)
learns what opinion reads like from every fit article, an article whose own
URL path or title files it as opinion counting as opinion whatever its
outlet's label; it decides only articles without a marker, so its threshold
is the one with the best accuracy on those in 5-fold cross-validation (far
fewer of them are opinion). Prints, held back: accuracy and opinion precision/recall
on the section labels beside a baseline that reads only the URL path and
title markers, in the same run; the accuracy on articles without a marker
beside calling them all news; and how many articles the labels call news
although their own URL path or title files them as opinion.
``--write`` stores the model in ``src/newsprism/data/genre_model.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
#: Thresholds tried in cross-validation.
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(16))
FOLDS = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", type=int, default=0, help="fit articles sampled (default 0: all)")
    parser.add_argument("--held", type=int, default=0, help="held-back articles sampled (default 0: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", action="store_true", help="write the model into the package")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"fit_genre: AllSides corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from newsprism.compare.logistic import LogisticModel
    from newsprism.config import Settings
    from newsprism.evaluate.genre import (
        GenreRun,
        held_back,
        labelled_sections,
        read_labels,
        sample_articles,
        score_genre,
    )
    from newsprism.genre import CLIP, FEATURES, MODEL_FILE, classify_genre, genre_features, marker_of
    from newsprism.nlp.models import Models
    from newsprism.pipeline import prepare_articles

    rows = labelled_sections(CORPUS)
    fit_rows = [r for r in rows if not held_back(str(r[0]["id"]))]
    held_rows = [r for r in rows if held_back(str(r[0]["id"]))]
    fit = sample_articles(fit_rows, args.fit or len(fit_rows), args.seed)
    held = sample_articles(held_rows, args.held or len(held_rows), args.seed)
    # the articles are prepared with a neutral model, whose labels go unused: the shipped one may have been
    # fitted on other features (the refit that follows a change of them)
    zeros = np.zeros(len(FEATURES))
    neutral = LogisticModel(FEATURES, mean=zeros, scale=np.ones(len(FEATURES)), coef=zeros, intercept=0.0, threshold=0.5)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fit_genre-") as scratch:
        path = Path(scratch) / "neutral.json"
        path.write_text(json.dumps(neutral.to_dict()), encoding="utf-8")
        settings = Settings(genre_model=str(path))
        models = Models(settings)

        def featurise(part):  # type: ignore[no-untyped-def]
            cleaned, annotations = prepare_articles([a for a, _ in part], settings=settings, models=models)
            x = np.array([genre_features(a, annotations.get(a.id)) for a in cleaned])
            markers = [marker_of(a) for a in cleaned]
            return cleaned, annotations, x, np.array([y for _, y in part], dtype=float), markers

        _, _, x_fit, y_fit, markers_fit = featurise(fit)
        held_articles, held_ann, _, y_held, markers_held = featurise(held)
    marked_fit = np.array([m is not None for m in markers_fit])
    opinion_fit = np.array([m is not None and m[0] == "opinion" for m in markers_fit])
    y_voice = np.where(opinion_fit, 1.0, y_fit)  # filed as opinion by its publisher: opinion

    # the threshold: best accuracy on the unmarked articles of the folds' held-out parts, each scored by a
    # model fitted without that part
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=args.seed)
    probabilities = np.zeros(len(y_voice))
    for train, test in folds.split(x_fit, y_voice):
        part = LogisticModel.fit(x_fit[train], y_voice[train], None, FEATURES, seed=args.seed, clip=CLIP)
        probabilities[test] = part.probabilities(x_fit[test])
    unmarked = ~marked_fit
    accuracy = {
        t: float(((probabilities[unmarked] >= t) == (y_fit[unmarked] > 0)).mean()) for t in THRESHOLDS
    }
    threshold = max(THRESHOLDS, key=lambda t: (accuracy[t], -abs(t - 0.5)))
    fitted = LogisticModel.fit(x_fit, y_voice, None, FEATURES, seed=args.seed, clip=CLIP)
    model = replace(
        fitted,
        threshold=threshold,
        fitted_on=f"{len(y_voice)} AllSides articles labelled by their outlet's section, or as opinion by their own "
        f"URL path or title ({int(y_voice.sum())} opinion), seed {args.seed}; threshold by {FOLDS}-fold "
        f"cross-validation on the {int(unmarked.sum())} without a marker; bench/fit_genre.py",
    )
    print(f"{len(fit)} fit articles ({int(y_voice.sum())} opinion; {int(unmarked.sum())} without a marker, "
          f"{int(y_fit[unmarked].sum())} of them opinion) and {len(held)} held back ({int(y_held.sum())} opinion), "
          f"{time.perf_counter() - started:.0f} s to annotate")
    print("cross-validated accuracy without a marker, by threshold: "
          + ", ".join(f"{t:.2f} {a:.3f}" for t, a in accuracy.items()))
    print(f"threshold {threshold:.2f}; weights: "
          + ", ".join(f"{f} {c:+.2f}" for f, c in zip(FEATURES, model.coef, strict=True)))

    truth = y_held.astype(bool)
    marked_held = np.array([m is not None for m in markers_held])

    def score(name: str, predicted: np.ndarray, where: np.ndarray) -> None:
        r = score_genre(name, predicted[where], truth[where], [m for m, w in zip(markers_held, where, strict=True) if w])
        print(f"  {name:<34} accuracy {r.accuracy:.3f}  opinion P {r.precision:.3f} R {r.recall:.3f}  "
              f"({r.articles} articles)")

    ours = np.array([classify_genre(a, held_ann.get(a.id), model).label != "news" for a in held_articles])
    everything = np.ones(len(truth), dtype=bool)
    print("held back, on the section labels:")
    score("newsprism", ours, everything)
    score("baseline (URL path, title)", marked_held, everything)
    score("newsprism, articles without a marker", ours, ~marked_held)
    score("all news, articles without a marker", np.zeros(len(truth), dtype=bool), ~marked_held)
    run = GenreRun(tuple(a.id for a in held_articles), ours, marked_held, truth, tuple(markers_held))
    read = read_labels(ROOT / "tests" / "gold" / "genre" / "section_conflicts.json")
    for r in run.scores(read):
        print(f"  {r.name + ', labels read where read':<34} accuracy {r.accuracy:.3f}  opinion P {r.precision:.3f} "
              f"R {r.recall:.3f}  ({sum(i in read for i in run.ids)} of {r.articles} read blind)")
    conflicts = run.scores()[0].conflicts
    print(f"  labelled news although their own URL path or title files them as opinion: {conflicts} "
          f"of {int(marked_held.sum())} marked articles (each counts against newsprism and the baseline alike)")
    if args.write:
        target = ROOT / "src" / "newsprism" / "data" / MODEL_FILE
        target.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
