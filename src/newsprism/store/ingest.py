"""Adding inputs to a corpus store: read, clean, store; idempotent and safe to kill.

Articles are stored in batches of :data:`BATCH` articles, each batch one
transaction: a run killed at any point keeps every batch it committed and no
part of the next, and running it again adds what is missing (articles
already stored, by id or by their words, are counted and skipped). Inputs
that cannot be read are stored as error rows naming the input and the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..clean import clean_article
from ..config import Settings
from ..ingest import read_inputs
from ..model import Article, InputFailure
from ..progress import SILENT, Progress
from .base import AddCounts, Store

__all__ = ["BATCH", "IngestCounts", "ingest"]

#: Articles stored per transaction.
BATCH = 25


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """What an ingest run did: articles added or skipped (and why), and inputs that could not be read."""

    stored: AddCounts
    failures: tuple[InputFailure, ...]


def ingest(
    paths: Sequence[str | Path], store: Store, *, settings: Settings, progress: Progress = SILENT
) -> IngestCounts:
    """Read every input under ``paths``, clean the articles and add the ones the store lacks."""
    pending: list[Article] = []
    failures: list[InputFailure] = []
    added = same_id = same_text = 0

    def flush() -> None:
        nonlocal added, same_id, same_text
        counts = store.add_articles(pending)
        added, same_id, same_text = added + counts.added, same_id + counts.same_id, same_text + counts.same_text
        pending.clear()

    for item in progress.track(read_inputs(paths, settings=settings), "ingest", unit="records"):
        if isinstance(item, InputFailure):
            failures.append(item)
            continue
        pending.append(clean_article(item, settings=settings))
        if len(pending) >= BATCH:
            flush()
    flush()
    store.add_errors(failures)
    return IngestCounts(AddCounts(added, same_id, same_text), tuple(failures))
