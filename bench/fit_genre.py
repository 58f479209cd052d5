"""Fit the news/opinion model on AllSides articles whose outlet names its section, and score it held out.

    .venv/bin/python bench/fit_genre.py [--fit 1000 --held 400] [--write]

AllSides names some outlets with their section ('New York Times - News',
'CNN - Editorial', 'Guest Writer - Right'): those are the labels (News is
news; Opinion, Editorial and guest writers are opinion). The outlet name is
hidden from the classifier. Articles are split by a hash of their id (3 in
10 held back), sampled with a fixed seed, cleaned and annotated as the
pipeline does, and the model (:mod:`newsprism.genre`) is fitted on the fit
part. Prints held-back accuracy and opinion precision/recall beside a
baseline that reads only the URL path and title markers, in the same run.
``--write`` stores the model in ``src/newsprism/data/genre_model.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", type=int, default=1000, help="fit articles sampled (default 1000)")
    parser.add_argument("--held", type=int, default=400, help="held-back articles sampled (default 400)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", action="store_true", help="write the model into the package")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"fit_genre: AllSides corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    import numpy as np

    from newsprism.compare.logistic import LogisticModel
    from newsprism.config import Settings
    from newsprism.evaluate.genre import held_back, labelled_sections, sample_articles
    from newsprism.genre import FEATURES, MODEL_FILE, classify_genre, genre_features, marker_of
    from newsprism.nlp.models import Models
    from newsprism.pipeline import prepare_articles

    rows = labelled_sections(CORPUS)
    fit = sample_articles([r for r in rows if not held_back(str(r[0]["id"]))], args.fit, args.seed)
    held = sample_articles([r for r in rows if held_back(str(r[0]["id"]))], args.held, args.seed)
    settings = Settings()
    models = Models(settings)
    started = time.perf_counter()

    def featurise(part):  # type: ignore[no-untyped-def]
        cleaned, annotations = prepare_articles([a for a, _ in part], settings=settings, models=models)
        x = np.array([genre_features(a, annotations.get(a.id), marker_of(a)) for a in cleaned])
        return cleaned, annotations, x, np.array([y for _, y in part], dtype=float)

    _, _, x_fit, y_fit = featurise(fit)
    held_articles, held_ann, x_held, y_held = featurise(held)
    model = LogisticModel.fit(x_fit, y_fit, None, FEATURES, seed=args.seed)
    model = LogisticModel(
        model.features, model.mean, model.scale, model.coef, model.intercept, 0.5,
        f"{len(fit)} AllSides articles labelled by their outlet's section "
        f"({int(y_fit.sum())} opinion), seed {args.seed}; bench/fit_genre.py",
    )
    print(f"{len(fit)} fit and {len(held)} held-back articles ({int(y_held.sum())} opinion), "
          f"{time.perf_counter() - started:.0f} s to annotate")
    print("weights: " + ", ".join(f"{f} {c:+.2f}" for f, c in zip(FEATURES, model.coef, strict=True)))

    def score(name: str, predicted: np.ndarray) -> None:
        truth = y_held.astype(bool)
        tp = int((predicted & truth).sum())
        acc = float((predicted == truth).mean())
        p = tp / max(int(predicted.sum()), 1)
        r = tp / max(int(truth.sum()), 1)
        print(f"{name:<28} accuracy {acc:.3f}  opinion P {p:.3f} R {r:.3f}")

    ours = np.array([classify_genre(a, held_ann.get(a.id), model).label != "news" for a in held_articles])
    baseline = np.array([marker_of(a) is not None for a in held_articles])
    score("newsprism", ours)
    score("baseline (URL path, title)", baseline)
    if args.write:
        target = ROOT / "src" / "newsprism" / "data" / MODEL_FILE
        target.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
