"""Analysing a corpus store again as it grows: only new articles annotated, only changed stories compared.

A corpus (:class:`~newsprism.store.Store`) keeps, from its last analysis,
every article's annotations (under the identity of the NLP pass that made
them, :func:`annotator_key`), the stories and which articles each holds.
:func:`analyze_corpus` then:

1. marks reprints over the whole corpus (cheap, and a new article may be a
   reprint of an old one);
2. annotates only the articles without kept annotations;
3. groups every article into stories, as a full run does, so the stories are
   the ones a full run would find;
4. gives each story the id of the kept story it shares the most articles
   with (:func:`stable_ids`), so a story's id survives re-analysis;
5. compares only the stories whose articles changed, and keeps the others'
   analyses as they were.

The sentence vectors a run makes (articles' leads for grouping, the sentences
the comparison embeds) are kept in the store too: a later run embeds only
the new articles' sentences, in this process and in the comparison workers.

A change of settings that bear on the results, or of newsprism's code
(:func:`settings_key`), makes every story compared again; a change of the
spaCy model or of the NLP pass's code and data (:func:`annotator_key`), every
article annotated again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import numpy as np

from . import __version__
from .compare.lean import with_lean_coverage
from .compare.pool import compare_stories, pooled
from .compare.stories import group_stories
from .config import Settings
from .model import Article, Report, Story
from .nlp.models import DEFAULT_EMBEDDING, Models
from .pipeline import prepare_articles
from .progress import SILENT, Progress
from .report.json import article_dict
from .store import Store
from .threads import available_cores, pin_threads

__all__ = ["analyze_corpus", "annotator_key", "encoder_key", "settings_key", "stable_ids"]

#: Settings that change how fast a run goes, not what it finds.
RUN_ONLY = frozenset({"n_process", "spacy_batch_size", "embedding_batch_size", "max_file_bytes"})


def annotator_key(settings: Settings, models: Models) -> str:
    """The identity of the NLP pass: the spaCy model and its version, and a digest of the code and data of the
    pass (a change to either annotates every article again)."""
    meta = models.nlp.meta
    return f"{settings.spacy_model} {meta.get('name', '')} {meta.get('version', '')}; {_digest(NLP_SOURCES)}"


def encoder_key(settings: Settings) -> str:
    """The identity of the sentence encoder: its model and its precision."""
    return f"{settings.embedding_model or DEFAULT_EMBEDDING}; bf16={settings.embedding_bf16}"


def settings_key(settings: Settings) -> str:
    """The settings that bear on what an analysis finds, with a digest of newsprism's code and data."""
    values = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name not in RUN_ONLY}
    return json.dumps({"newsprism": _digest(("**/*.py", "data/*")), **values}, sort_keys=True, default=str)


#: The files of the package that the NLP pass runs on (a change to any annotates every article again).
NLP_SOURCES = ("nlp/*.py", "model.py", "lexicon.py", "lang.py", "data/*.tsv", "data/*.txt")


@cache
def _digest(patterns: tuple[str, ...]) -> str:
    """A short digest of the package's files that match ``patterns``, with newsprism's version."""
    root = Path(__file__).parent
    files = sorted({f for pattern in patterns for f in root.glob(pattern) if f.is_file()})
    digest = hashlib.sha256(__version__.encode())
    for f in files:
        digest.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:16]


def stable_ids(groups: Sequence[Sequence[str]], kept: Mapping[str, frozenset[str]], issued: int = 0) -> list[str]:
    """An id for each group: that of the kept story it shares the most articles with, else a new one.

    Each kept id goes to one group at most (the one sharing the most; on a tie, the earlier group, then the
    lower id). When stories merge, the merged story keeps the id of the one it shares the most with. A new
    story takes the next number (``s<n>``) above every kept id and above ``issued``, the highest number given
    before, so an id that a merge retired never comes back for another story.
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
    for _, n, story_id in sorted(options, key=lambda o: (o[0], o[1], _number(o[2]), o[2])):
        if ids[n] is None and story_id not in taken:
            ids[n] = story_id
            taken.add(story_id)
    following = max((_number(i) for i in kept), default=0)
    following = max(following, issued) + 1
    out: list[str] = []
    for chosen in ids:
        if chosen is None:
            chosen = f"s{following}"
            following += 1
        out.append(chosen)
    return out


def _number(story_id: str) -> int:
    return int(story_id[1:]) if story_id[:1] == "s" and story_id[1:].isdigit() else 0


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
    annotator = annotator_key(settings, models)
    kept = store.annotations(annotator)
    # reprints are found again over the whole corpus, as a full run finds them (a new article may be the
    # original of a kept one, or the threshold may have changed); only articles without kept annotations
    # are annotated
    articles, annotations = prepare_articles(
        [replace(a, duplicate_of=None) for a in stored],
        settings=settings,
        models=models,
        progress=progress,
        clean=False,
        kept=kept,
    )
    known = {a.id for a in articles if a.id in kept}
    # kept at once: a run stopped later keeps this work
    store.save_annotations([ann for i, ann in annotations.items() if i not in known], annotator)

    facts = store.analysis_facts()
    settings_now = settings_key(settings)
    kept_members = store.story_members()
    kept_stories = {s.id: s for s in store.stories()} if facts.get("settings") == settings_now else {}
    encoder = encoder_key(settings)
    made: dict[str, np.ndarray] = {}
    with models.run_vectors():
        # vectors made in earlier runs (leads, and the sentences of stories compared before) are not made again,
        # here or in the comparison workers, which fork (or not) by the size of the corpus, as in a full run
        models.remember(store.vectors(encoder))
        with pooled(models, settings, len(articles)) as pool:
            progress.start("group", len(articles), "articles")
            groups = group_stories(articles, annotations, models=models, settings=settings)
            progress.finish("group", len(articles))
            ids = stable_ids(groups, kept_members, _number(facts.get("last_story", "")))
            changed = _changed(ids, groups, articles, stored, known, kept_members, kept_stories)
            by_id = {a.id: a for a in articles}
            inputs = [
                (story_id, [by_id[i] for i in group], [annotations[i] for i in group if i in annotations])
                for story_id, group in zip(ids, groups, strict=True)
                if story_id in changed
            ]
            compared = compare_stories(inputs, models=models, settings=settings, pool=pool, made=made)
            fresh = {s.id: s for s in progress.track(compared, "compare", total=len(inputs), unit="stories")}
        made.update(models.made_vectors())
    stories = tuple(with_lean_coverage((fresh.get(story_id) or kept_stories[story_id] for story_id in ids), articles))
    store.save_vectors(encoder, made)
    last = max([_number(facts.get("last_story", "")), *(_number(i) for i in ids)])
    store.save_analysis(articles, stories, facts={"settings": settings_now, "last_story": f"s{last}"})
    return Report(
        articles=tuple(articles),
        stories=stories,
        errors=tuple(store.errors()),
        annotations=annotations,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _changed(
    ids: Sequence[str],
    groups: Sequence[Sequence[str]],
    articles: Sequence[Article],
    stored: Sequence[Article],
    known: set[str],
    kept_members: Mapping[str, frozenset[str]],
    kept_stories: Mapping[str, Story],
) -> set[str]:
    """The ids of the stories to compare: new ones, and those whose articles, annotations or settings changed."""
    now = {a.id: a for a in articles}
    before = {a.id: a for a in stored}

    def same(story_id: str, group: Sequence[str]) -> bool:
        return (
            story_id in kept_stories
            and kept_members.get(story_id) == frozenset(group)
            # the records compared in their stored form (a genre's probability is kept rounded)
            and all(i in known and article_dict(now[i]) == article_dict(before[i]) for i in group)
        )

    return {story_id for story_id, group in zip(ids, groups, strict=True) if not same(story_id, group)}
