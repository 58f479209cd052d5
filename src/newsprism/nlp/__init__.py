"""The single NLP pass: one spaCy run per article, read off into annotations.

:func:`annotate` streams the articles through ``nlp.pipe`` once (batched, in
``n_process`` workers) and turns each Doc into an
:class:`~newsprism.model.Annotations` of spans into ``Article.text``:
sentences, entity mentions, quotes, dates and cited sources. The Doc is
dropped as soon as its annotations are taken.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..config import Settings
from ..model import Annotations, Article, Span
from .citations import find_citations
from .dates import resolve_dates
from .entities import extract_mentions
from .models import Models
from .quotes import extract_quotes
from .sentences import split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["annotate", "annotate_doc", "worker_count"]

#: With ``n_process = 0`` (auto), inputs smaller than this run in one process:
#: starting workers and shipping Docs back costs more than it saves.
AUTO_PARALLEL_MIN_ARTICLES = 64


def worker_count(setting: int, n_articles: int) -> int:
    """The number of spaCy processes for ``n_articles`` (``setting`` 0 means auto)."""
    if setting > 0:
        return setting
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores) if n_articles >= AUTO_PARALLEL_MIN_ARTICLES else 1


def annotate_doc(doc: Doc, article: Article) -> Annotations:
    """Everything the pass finds in one parsed article."""
    if not len(doc):
        return Annotations(article_id=article.id)
    sentences = split_sentences(doc, article)
    mentions = extract_mentions(doc, article)
    quotes = extract_quotes(doc, article, sentences, mentions)
    unanchored: list[tuple[Span, str]] = []
    dates, reference, inferred = resolve_dates(doc, article, unanchored=unanchored)
    citations = find_citations(doc, article, mentions)
    return Annotations(
        article_id=article.id,
        sentences=sentences,
        mentions=mentions,
        quotes=quotes,
        dates=dates,
        citations=citations,
        reference_date=reference,
        reference_inferred=inferred,
        unanchored=tuple(unanchored),
    )


def annotate(articles: Sequence[Article], *, models: Models, settings: Settings) -> Iterator[Annotations]:
    """Annotate ``articles`` in one spaCy pass, yielding in input order.

    Text beyond the model's ``max_length`` is not annotated (offsets stay
    valid: only a prefix is parsed).
    """
    nlp = models.nlp
    limit = nlp.max_length
    texts = (a.text if len(a.text) <= limit else a.text[:limit] for a in articles)
    n_process = worker_count(settings.n_process, len(articles))
    docs = nlp.pipe(texts, batch_size=settings.spacy_batch_size, n_process=n_process)
    for article, doc in zip(articles, docs, strict=True):
        annotations = annotate_doc(doc, article)
        del doc  # keep no Doc alive while the consumer works
        yield annotations
