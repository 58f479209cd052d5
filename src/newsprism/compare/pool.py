"""The per-story comparison in worker processes, so both cores stay busy after the NLP pass.

The workers are forked when the run starts comparing, before this process
loads the sentence encoder: forking after torch has started its threads can
hang the child, and spawning would re-run the caller's main script. Where
this process has already loaded an encoder (a long-lived caller that reuses
its :class:`~newsprism.nlp.models.Models`), the comparison runs here.

Each worker computes on one thread and loads the encoder once, on first use.
Stories go to the workers in chunks of whole stories, the largest first so
no worker is left with one big story at the end; results come back in input
order. Within a chunk the stories' sentences are embedded in one encoder call
(:func:`.analyze_stories`). Inputs with few shared stories are compared here:
loading the encoder in each worker costs a second or two.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..config import Settings
from ..model import Annotations, Article, Story
from ..nlp.models import Models, torch_started
from ..threads import available_cores, pin_threads
from . import analyze_stories

__all__ = ["MIN_POOL_ARTICLES", "PoolEncoder", "compare_stories", "pooled", "story_pool"]

#: Articles in stories of two or more below which the comparison stays in this process.
MIN_POOL_ARTICLES = 150
#: Articles per chunk of stories sent to a worker (a larger story travels alone).
CHUNK_ARTICLES = 40

StoryInput = tuple[str, Sequence[Article], Sequence[Annotations]]

_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings, known: Any) -> None:
    pin_threads(1)  # forked only from a process that has not run torch: its threads may be set here
    _WORKER["settings"] = settings
    models = Models(settings)
    models.remember(known)  # (forked: the parent's vectors are shared, not copied through a pipe)
    _WORKER["models"] = models


def _encode_chunk(texts: list[str]) -> Any:
    models: Models = _WORKER["models"]
    return models.encoder.encode(texts)


class PoolEncoder:
    """An encoder whose work is shared among the pool's workers (each loads its own encoder)."""

    def __init__(self, pool: Any, workers: int) -> None:
        self.pool = pool
        self.workers = workers

    def encode(self, texts: Sequence[str]) -> Any:
        import numpy as np

        if len(texts) <= 1:
            return self.pool.apply(_encode_chunk, (list(texts),))
        step = -(-len(texts) // self.workers)
        parts = [list(texts[i : i + step]) for i in range(0, len(texts), step)]
        return np.concatenate(self.pool.map(_encode_chunk, parts))


def _compare_chunk(
    task: tuple[list[tuple[int, StoryInput]], bool],
) -> tuple[list[tuple[int, Story]], dict[str, Any]]:
    """The chunk's stories compared, and (when asked for) the vectors made for them."""
    chunk, want_vectors = task
    models: Models = _WORKER["models"]
    settings: Settings = _WORKER["settings"]
    with models.run_vectors():
        stories = list(analyze_stories((story for _, story in chunk), models=models, settings=settings))
        made = models.made_vectors() if want_vectors else {}
    return [(n, story) for (n, _), story in zip(chunk, stories, strict=True)], made


def _chunks(stories: Sequence[StoryInput]) -> list[list[tuple[int, StoryInput]]]:
    """Whole stories in chunks of about :data:`CHUNK_ARTICLES` articles, largest stories first."""
    order = sorted(range(len(stories)), key=lambda n: -len(stories[n][1]))
    chunks: list[list[tuple[int, StoryInput]]] = []
    size = CHUNK_ARTICLES
    for n in order:
        if size >= CHUNK_ARTICLES:
            chunks.append([])
            size = 0
        chunks[-1].append((n, stories[n]))
        size += len(stories[n][1])
    return chunks


def _workers(settings: Settings) -> int:
    return settings.n_process if settings.n_process > 0 else available_cores()


@contextmanager
def story_pool(settings: Settings, n_articles: int, known: Any = None) -> Iterator[Any]:
    """Forked comparison workers for a run of ``n_articles``, or None where the comparison stays here.

    ``known``: text -> vector, made in earlier runs, that the workers need not embed again.
    """
    if (
        _workers(settings) <= 1
        or (settings.n_process == 0 and n_articles < MIN_POOL_ARTICLES)
        or torch_started()
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield None
        return
    context: Any = multiprocessing.get_context("fork")
    with context.Pool(_workers(settings), initializer=_init_worker, initargs=(settings, known or {})) as pool:
        yield pool


@contextmanager
def pooled(models: Models, settings: Settings, n_articles: int) -> Iterator[Any]:
    """:func:`story_pool`, with ``models`` embedding through the pool's workers while it is open (and the
    workers knowing the vectors ``models`` knows)."""
    with story_pool(settings, n_articles, models.known) as pool:
        if pool is None:
            yield None
            return
        with models.encoding_with(PoolEncoder(pool, _workers(settings))):
            yield pool


def compare_stories(
    stories: Sequence[StoryInput],
    *,
    models: Models,
    settings: Settings,
    pool: Any = None,
    made: dict[str, Any] | None = None,
) -> Iterator[Story]:
    """Compare each story, in input order: in the ``pool`` (from :func:`story_pool`) when there is enough to share.

    ``made``, when given, receives the sentence vectors that the comparison made (text -> vector), wherever
    it ran.
    """
    shared = sum(len(articles) for _, articles, _ in stories if len(articles) > 1)
    if pool is None or (settings.n_process == 0 and shared < MIN_POOL_ARTICLES):
        with models.run_vectors():
            yield from analyze_stories(stories, models=models, settings=settings)
            if made is not None:
                made.update(models.made_vectors())
        return
    done: dict[int, Story] = {}
    following = 0
    tasks = [(chunk, made is not None) for chunk in _chunks(stories)]
    for results, vectors in pool.imap_unordered(_compare_chunk, tasks):
        if made is not None:
            made.update(vectors)
        for n, story in results:
            done[n] = story
        while following in done:
            yield done.pop(following)
            following += 1
