"""News or opinion against labels: AllSides articles whose outlet names its section.

AllSides names some outlets with their section ('New York Times - News',
'CNN - Editorial', 'Guest Writer - Right'): news for 'News'; opinion for
'Opinion', 'Editorial' and guest writers. The outlet name, which gives the
answer away, is left out of the articles classified. Articles are split by
a hash of their id: 3 in 10 are held back from fitting (``bench/fit_genre.py``).
The baseline reads only the URL path and title markers.

The labels are the outlet's, not the article's: some articles filed under
'New York Times - News' sit in the paper's /opinion/ path or carry AllSides'
own 'OPINION:' title. newsprism calls those opinion, as their section says,
and each counts against it; :attr:`GenreScore.conflicts` says how many.
Every held-back article with such a conflict was also read blind, mixed with
as many other held-back articles as controls (``tests/gold/genre``):
:meth:`GenreRun.scores` scores against the section labels, or, given those
readings (:func:`read_labels`), against the reader's label wherever there is one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import Settings
from ..errors import InputError
from ..genre import classify_genre, genre_model, marker_of
from ..model import Article
from ..nlp.models import Models
from ..pipeline import prepare_articles
from .metrics import share

__all__ = [
    "GenreRun",
    "GenreScore",
    "evaluate_genre",
    "held_back",
    "labelled_sections",
    "predict_genre",
    "read_labels",
    "sample_articles",
    "score_genre",
]

OPINION_SECTIONS = frozenset({"Opinion", "Editorial", "Opinion/Editorial", "Left", "Right", "Center"})
MIN_TEXT = 400
#: What a reader may call an article.
READ_LABELS = frozenset({"news", "opinion", "analysis"})


def labelled_sections(corpus: Path) -> list[tuple[dict, bool]]:
    """AllSides rows whose outlet names a section, each with whether that section is opinion."""
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            outlet = row.get("outlet") or ""
            if " - " not in outlet or len(row.get("text") or "") < MIN_TEXT:
                continue
            section = outlet.rsplit(" - ", 1)[1]
            if section == "News" or section in OPINION_SECTIONS:
                out.append((row, section != "News"))
    return out


def held_back(article_id: str) -> bool:
    """Whether an article is kept out of fitting (3 in 10, by a hash of its id)."""
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 10 < 3


def sample_articles(rows: Sequence[tuple[dict, bool]], n: int, seed: int = 0) -> list[tuple[Article, bool]]:
    """``n`` rows drawn with ``seed``, as articles without their outlet."""
    picked = random.Random(seed).sample(list(rows), min(n, len(rows)))
    return [
        (Article(str(r["id"]), r["text"], title=r.get("title"), url=r.get("url"), published=r.get("published")), y)
        for r, y in picked
    ]


@dataclass(frozen=True)
class GenreScore:
    name: str
    articles: int
    correct: int
    opinion_predicted: int
    opinion_labelled: int
    opinion_found: int
    #: Articles labelled news whose own URL path or title files them as opinion.
    conflicts: int = 0

    @property
    def accuracy(self) -> float:
        return share(self.correct, self.articles)

    @property
    def precision(self) -> float:
        return share(self.opinion_found, self.opinion_predicted)

    @property
    def recall(self) -> float:
        return share(self.opinion_found, self.opinion_labelled)


def score_genre(
    name: str, predicted: np.ndarray, truth: np.ndarray, markers: Sequence[tuple[str, str] | None]
) -> GenreScore:
    """``predicted`` opinion (or analysis) against the labels ``truth``; ``markers``: each article's
    :func:`~newsprism.genre.marker_of`, for the label conflicts."""
    conflicts = sum(1 for m, y in zip(markers, truth, strict=True) if m is not None and m[0] == "opinion" and not y)
    return GenreScore(
        name,
        len(truth),
        int((predicted == truth).sum()),
        int(predicted.sum()),
        int(truth.sum()),
        int((predicted & truth).sum()),
        conflicts,
    )


@dataclass(frozen=True, eq=False)
class GenreRun:
    """newsprism's and the marker baseline's calls on labelled articles: each is opinion (or analysis)?"""

    ids: tuple[str, ...]
    ours: np.ndarray
    baseline: np.ndarray
    #: The section labels: opinion?
    truth: np.ndarray
    markers: tuple[tuple[str, str] | None, ...]

    def scores(self, read: Mapping[str, bool] | None = None) -> tuple[GenreScore, GenreScore]:
        """newsprism and the baseline against the section labels, or against ``read`` labels where given."""
        truth = self.truth if not read else np.array([read.get(i, y) for i, y in zip(self.ids, self.truth, strict=True)])
        return (
            score_genre("newsprism", self.ours, truth, self.markers),
            score_genre("URL path and title", self.baseline, truth, self.markers),
        )


def predict_genre(
    corpus: Path, n: int, *, settings: Settings, models: Models | None = None, seed: int = 0
) -> GenreRun:
    """The model ``settings.genre_model`` names and the marker baseline on ``n`` held-back labelled articles."""
    models = models or Models(settings)
    sample = sample_articles([r for r in labelled_sections(corpus) if held_back(str(r[0]["id"]))], n, seed)
    cleaned, annotations = prepare_articles([a for a, _ in sample], settings=settings, models=models)
    model = genre_model(settings.genre_model)
    markers = tuple(marker_of(a) for a in cleaned)
    return GenreRun(
        ids=tuple(a.id for a in cleaned),
        ours=np.array([classify_genre(a, annotations.get(a.id), model).label != "news" for a in cleaned]),
        baseline=np.array([m is not None for m in markers]),
        truth=np.array([y for _, y in sample]),
        markers=markers,
    )


def evaluate_genre(
    corpus: Path, n: int, *, settings: Settings, models: Models | None = None, seed: int = 0
) -> tuple[GenreScore, GenreScore]:
    """The shipped model and the marker baseline on ``n`` held-back labelled articles, against the section labels."""
    return predict_genre(corpus, n, settings=settings, models=models, seed=seed).scores()


def read_labels(path: Path) -> dict[str, bool]:
    """Article id -> opinion (or analysis)? as a reader labelled it: a gold file of ``tests/gold/genre``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = [(str(r["id"]), r["read"]) for r in (*data["conflicts"], *data["controls"])]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a file of read genre labels ({exc})") from exc
    for article, label in rows:
        if label not in READ_LABELS:
            raise InputError(str(path), f"article {article} is read as {label!r}, not one of {sorted(READ_LABELS)}")
    return {article: label != "news" for article, label in rows}
