"""Analysing a corpus store again as it grows: only new articles annotated, only changed stories compared.

A corpus (:class:`~newsprism.store.Store`) keeps, from its last analysis,
every article's annotations (under the identity of the NLP pass that made
them, :func:`annotator_key`), the stories and which articles each holds.
:func:`analyze_corpus` then:

1. marks reprints over the whole corpus (cheap, and a new article may be a
   reprint of an old one);
2. annotates only the articles without kept annotations;
3. groups every article into stories, as a full run does, so the stories are
   the ones a full run would find (the vectors of articles' leads are kept
   in the store, so only new articles' leads are embedded);
4. gives each story the id of the kept story it shares the most articles
   with (:func:`stable_ids`), so a story's id survives re-analysis;
5. compares only the stories whose articles changed, and keeps the others'
   analyses as they were.

A change of settings that bear on the results (:func:`settings_key`) makes
every story compared again; a new version of the NLP pass, every article
annotated again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import typing
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from . import __version__
from .compare.duplicates import mark_duplicates
from .compare.pool import compare_stories, pooled
from .compare.stories import group_stories
from .config import Settings
from .genre import genre_model
from .model import Annotations, Report
from .nlp import annotate
from .nlp.models import Models
from .pipeline import finished_article
from .progress import SILENT, Progress
from .report.json import article_dict
from .store import Store
from .threads import available_cores, pin_threads

__all__ = ["analyze_corpus", "annotator_key", "encoder_key", "settings_key", "stable_ids"]

#: Settings that change how fast a run goes, not what it finds.
RUN_ONLY = frozenset({"n_process", "spacy_batch_size", "embedding_batch_size", "max_file_bytes"})


def annotator_key(settings: Settings) -> str:
    """The identity of the NLP pass: newsprism's version, the spaCy model and the shape of the annotations."""
    return f"newsprism {__version__}; {settings.spacy_model}; model {_shape(Annotations)}"


def encoder_key(settings: Settings) -> str:
    """The identity of the sentence encoder: its model, its precision and newsprism's version."""
    return f"newsprism {__version__}; {settings.embedding_model or 'all-MiniLM-L6-v2'}; bf16={settings.embedding_bf16}"


def settings_key(settings: Settings) -> str:
    """The settings that bear on what an analysis finds, with the version that ran them."""
    values = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name not in RUN_ONLY}
    return json.dumps({"newsprism": __version__, **values}, sort_keys=True, default=str)


def _shape(cls: type) -> str:
    """A short digest of every field name and type reachable from the record type ``cls``."""
    seen: dict[str, str] = {}

    def visit(tp: typing.Any) -> None:
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            if tp.__name__ in seen:
                return
            hints = typing.get_type_hints(tp)
            seen[tp.__name__] = ",".join(f"{f.name}:{hints[f.name]}" for f in dataclasses.fields(tp))
            for f in dataclasses.fields(tp):
                visit(hints[f.name])
        for arg in typing.get_args(tp):
            visit(arg)

    visit(cls)
    return hashlib.sha256(repr(sorted(seen.items())).encode()).hexdigest()[:12]


def stable_ids(groups: Sequence[Sequence[str]], kept: Mapping[str, frozenset[str]]) -> list[str]:
    """An id for each group: that of the kept story it shares the most articles with, else a new one.

    Each kept id goes to one group at most (the one sharing the most; on a tie, the earlier group). When
    stories merge, the merged story keeps the id of the one it shares the most with; a new story takes the
    next free number (``s<n>``).
    """
    owner: dict[str, list[str]] = {}
    for story_id, members in kept.items():
        for article in members:
            owner.setdefault(article, []).append(story_id)
    options: list[tuple[int, int, str]] = []
    for n, group in enumerate(groups):
        shared: dict[str, int] = {}
        for article in group:
            for story_id in owner.get(article, ()):
                shared[story_id] = shared.get(story_id, 0) + 1
        options.extend((-count, n, story_id) for story_id, count in shared.items())
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()
    for _, n, story_id in sorted(options):
        if ids[n] is None and story_id not in taken:
            ids[n] = story_id
            taken.add(story_id)
    numbers = [int(i[1:]) for i in kept if i[:1] == "s" and i[1:].isdigit()]
    following = max(numbers, default=0) + 1
    out: list[str] = []
    for chosen in ids:
        if chosen is None:
            chosen = f"s{following}"
            following += 1
        out.append(chosen)
    return out


def analyze_corpus(
    store: Store,
    *,
    settings: Settings | None = None,
    models: Models | None = None,
    progress: Progress = SILENT,
) -> Report:
    """Analyze the corpus in ``store`` again, doing only the work its new articles call for, and keep the
    result in it. The stories are those of a full run (:func:`~newsprism.pipeline.analyze_articles` over
    every article); their ids are stable across runs."""
    settings = settings or Settings()
    models = models or Models(settings)
    pin_threads(available_cores())
    stored = list(progress.track(store.articles(), "read", total=store.count()))
    articles = list(mark_duplicates(stored, settings=settings))
    annotator = annotator_key(settings)
    annotations = dict(store.annotations(annotator))
    known = {a.id for a in articles if a.id in annotations}
    todo = [a for a in articles if a.id not in known]
    for ann in progress.track(annotate(todo, models=models, settings=settings), "annotate", total=len(todo)):
        annotations[ann.article_id] = ann
    model = genre_model(settings.genre_model)
    articles = [finished_article(a, annotations.get(a.id), model) for a in articles]
    by_id = {a.id: a for a in articles}

    before = {a.id: a for a in stored}
    same_settings = store.analysis_settings() == settings_key(settings)
    kept_members = store.story_members()
    kept_stories = {s.id: s for s in store.stories()} if same_settings else {}
    encoder = encoder_key(settings)
    earlier = store.vectors(encoder)
    # as a full run: the comparison workers fork (or not) by the size of the corpus
    with models.run_vectors(), pooled(models, settings, len(articles)) as pool:
        models.remember(earlier)  # the leads of articles grouped before are not embedded again
        progress.start("group", len(articles), "articles")
        groups = group_stories(articles, annotations, models=models, settings=settings)
        progress.finish("group", len(articles))
        ids = stable_ids(groups, kept_members)

        def unchanged(story_id: str, group: Sequence[str]) -> bool:
            return (
                story_id in kept_stories
                and kept_members.get(story_id) == frozenset(group)
                # as kept: the records compared in their stored form (a genre's probability is kept rounded)
                and all(i in known and article_dict(by_id[i]) == article_dict(before[i]) for i in group)
            )

        todo_stories = [
            (story_id, [by_id[i] for i in group], [annotations[i] for i in group if i in annotations])
            for story_id, group in zip(ids, groups, strict=True)
            if not unchanged(story_id, group)
        ]
        compared = compare_stories(todo_stories, models=models, settings=settings, pool=pool)
        fresh = {s.id: s for s in progress.track(compared, "compare", total=len(todo_stories), unit="stories")}
        made = {text: vector for text, vector in models.kept_vectors().items() if text not in earlier}
    stories = tuple(fresh.get(story_id) or kept_stories[story_id] for story_id in ids)
    store.save_vectors(encoder, made)
    store.save_analysis(
        articles,
        stories,
        annotations=[annotations[a.id] for a in todo if a.id in annotations],
        annotator=annotator,
        settings=settings_key(settings),
    )
    return Report(
        articles=tuple(articles),
        stories=stories,
        errors=tuple(store.errors()),
        annotations=annotations,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )

