"""The analyze pipeline: read, clean, mark reprints, annotate, group, compare.

Each stage is a small module with a plain function; this module only wires
them in order. Stages are pure: they take records and return new ones.

    read_inputs ─> clean_article ─> mark_duplicates ─> annotate (one spaCy pass, forked workers)
        ─> group_stories ─> compare_stories (per story, forked workers for large inputs) ─> Report
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from .clean import clean_article
from .compare.duplicates import mark_duplicates
from .compare.lean import with_lean_coverage
from .compare.logistic import LogisticModel
from .compare.pool import compare_stories, pooled
from .compare.stories import group_stories
from .config import Settings
from .errors import InputError
from .genre import classify_genre, genre_model
from .ingest import OutletBook, read_inputs
from .model import Annotations, Article, InputFailure, Report, Story
from .nlp import annotate
from .nlp.models import Models
from .progress import SILENT, Progress
from .threads import available_cores, pin_threads

__all__ = ["analyze", "analyze_articles", "compare_articles", "prepare_articles"]

OnError = Callable[[InputFailure], None]


def _print_failure(failure: InputFailure) -> None:
    print(f"newsprism: error: {failure.input}: {failure.error}", file=sys.stderr)


def analyze(
    paths: Sequence[str | Path],
    *,
    settings: Settings | None = None,
    models: Models | None = None,
    strict: bool = False,
    on_error: OnError | None = _print_failure,
    progress: Progress = SILENT,
) -> Report:
    """Read every input under ``paths`` and analyze the articles found.

    Unreadable inputs become ``Report.errors`` entries (and go to ``on_error``);
    with ``strict`` the first one raises :class:`InputError` instead.
    ``progress`` hears of each stage's items as they finish (nothing by default).
    """
    settings = settings or Settings()
    articles: list[Article] = []
    errors: list[InputFailure] = []
    outlets = OutletBook()
    for item in progress.track(read_inputs(paths, settings=settings, outlets=outlets), "read", unit="records"):
        if isinstance(item, InputFailure):
            if strict:
                raise InputError(item.input, item.error)
            errors.append(item)
            if on_error is not None:
                on_error(item)
        else:
            articles.append(item)
    report = analyze_articles(articles, settings=settings, models=models, errors=errors, progress=progress)
    return replace(report, outlets=outlets.used())


def analyze_articles(
    articles: Iterable[Article],
    *,
    settings: Settings | None = None,
    models: Models | None = None,
    errors: Sequence[InputFailure] = (),
    progress: Progress = SILENT,
    clean: bool = True,
) -> Report:
    """Clean, annotate and compare articles that are already read (``clean=False``: already cleaned, as a
    corpus store keeps them)."""
    settings = settings or Settings()
    models = models or Models(settings)
    pin_threads(available_cores())  # this process computes alone: its workers pin themselves to one thread
    prepared, annotations = prepare_articles(
        articles, settings=settings, models=models, progress=progress, clean=clean
    )
    return compare_articles(prepared, annotations, settings=settings, models=models, errors=errors, progress=progress)


def prepare_articles(
    articles: Iterable[Article],
    *,
    settings: Settings,
    models: Models,
    progress: Progress = SILENT,
    clean: bool = True,
    kept: Mapping[str, Annotations] | None = None,
) -> tuple[list[Article], dict[str, Annotations]]:
    """The per-article half of the pipeline: cleaned articles (reprints marked) and their annotations.

    ``clean=False`` takes articles that are already cleaned (a corpus store keeps them so); ``kept`` holds
    annotations made before (article id -> annotations): those articles are not annotated again.
    """
    items = list(articles)
    cleaned = (
        [clean_article(a, settings=settings) for a in progress.track(items, "clean", total=len(items))]
        if clean
        else items
    )
    cleaned = list(mark_duplicates(cleaned, settings=settings))
    annotations = {a.id: kept[a.id] for a in cleaned if kept and a.id in kept}
    todo = [a for a in cleaned if a.id not in annotations]
    for ann in progress.track(annotate(todo, models=models, settings=settings), "annotate", total=len(todo)):
        annotations[ann.article_id] = ann
    model = genre_model(settings.genre_model)
    return [_finished(a, annotations.get(a.id), model) for a in cleaned], annotations


def compare_articles(
    cleaned: Sequence[Article],
    annotations: dict[str, Annotations],
    *,
    settings: Settings,
    models: Models,
    errors: Sequence[InputFailure] = (),
    progress: Progress = SILENT,
) -> Report:
    """The cross-article half: group prepared articles into stories and compare each story."""
    by_id = {a.id: a for a in cleaned}
    # the comparison workers fork before any encoder loads here; grouping embeds the leads through them
    with models.run_vectors(), pooled(models, settings, len(cleaned)) as pool:
        progress.start("group", len(cleaned), "articles")
        groups = group_stories(cleaned, annotations, models=models, settings=settings)
        progress.finish("group", len(cleaned))
        inputs = [
            (f"s{number}", [by_id[i] for i in group], [annotations[i] for i in group if i in annotations])
            for number, group in enumerate(groups, 1)
        ]
        compared = compare_stories(inputs, models=models, settings=settings, pool=pool)
        stories: list[Story] = list(progress.track(compared, "compare", total=len(inputs), unit="stories"))
    return Report(
        articles=tuple(cleaned),
        stories=tuple(with_lean_coverage(stories, cleaned)),
        errors=tuple(errors),
        annotations=annotations,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _finished(article: Article, ann: Annotations | None, model: LogisticModel) -> Article:
    """The article with what the NLP pass tells of it as a whole: whom it cites, and its genre."""
    names = tuple(dict.fromkeys(c.name for c in ann.citations)) if ann is not None else ()
    return replace(article, cites=names or article.cites, genre=classify_genre(article, ann, model))
