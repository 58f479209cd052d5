"""The single NLP pass: one spaCy run per article, read off into annotations.

:func:`annotate` streams the articles through ``nlp.pipe`` once (batched)
and turns each Doc into an :class:`~newsprism.model.Annotations` of spans
into ``Article.text``: sentences, entity mentions, quotes, dates, quantities and
cited sources. The Doc is dropped as soon as its annotations are taken.

With more than one process, the work is split by forked workers that each
parse *and* annotate their share: only small Annotations travel back, not
Docs (spaCy's own ``n_process`` would serialise every Doc and leave all the
annotation work to the parent, which then becomes the bottleneck). Where
``fork`` is not available, spaCy's ``n_process`` is used instead.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..model import Annotations, Article, UnplacedDate
from ..threads import available_cores, pin_threads
from .citations import find_citations
from .dates import resolve_dates
from .entities import extract_mentions
from .models import Models
from .openers import mark_openers
from .posts import embedded_posts
from .quantities import extract_quantities
from .quotes import extract_quotes, resolve_report_subjects
from .sentences import split_sentences
from .speaker_kinds import mark_speaker_kinds
from .voice import count_voice, mark_voiced
from .writer_notes import mark_writer_notes

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["annotate", "annotate_doc", "worker_count"]

#: With ``n_process = 0`` (auto), inputs smaller than this run in one process:
#: starting workers and shipping Docs back costs more than it saves.
AUTO_PARALLEL_MIN_ARTICLES = 64


def worker_count(setting: int, n_articles: int) -> int:
    """The number of spaCy processes for ``n_articles`` (``setting`` 0 means auto)."""
    if setting > 0:
        return setting
    return max(1, available_cores()) if n_articles >= AUTO_PARALLEL_MIN_ARTICLES else 1


def annotate_doc(doc: Doc, article: Article) -> Annotations:
    """Everything the pass finds in one parsed article."""
    if not len(doc):
        return Annotations(article_id=article.id)
    sentences = split_sentences(doc, article)
    mentions = extract_mentions(doc, article)
    posts = embedded_posts(article.text)
    quotes = mark_speaker_kinds(doc, extract_quotes(doc, article, sentences, mentions, posts))
    sentences = mark_voiced(doc, resolve_report_subjects(doc, article, sentences, mentions), quotes)
    sentences = mark_writer_notes(doc, mark_openers(doc, sentences), quotes)
    unanchored: list[UnplacedDate] = []
    dates, reference, inferred = resolve_dates(doc, article, unanchored=unanchored, quotes=[q.span for q in quotes])
    citations = find_citations(doc, article, mentions, posts)
    quantities = extract_quantities(doc, article)
    return Annotations(
        article_id=article.id,
        sentences=sentences,
        mentions=mentions,
        quotes=quotes,
        dates=dates,
        citations=citations,
        quantities=quantities,
        reference_date=reference,
        reference_inferred=inferred,
        unanchored=tuple(unanchored),
        voice=count_voice(doc, sentences, quotes),
    )


def annotate(articles: Sequence[Article], *, models: Models, settings: Settings) -> Iterator[Annotations]:
    """Annotate ``articles`` in one spaCy pass, yielding in input order.

    Text beyond the model's ``max_length`` is not annotated (offsets stay
    valid: only a prefix is parsed).
    """
    nlp = models.nlp
    n_process = worker_count(settings.n_process, len(articles))
    batch_size = settings.spacy_batch_size
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _annotate_forked(articles, nlp, n_process, batch_size)
        return
    limit = nlp.max_length
    texts = (a.text if len(a.text) <= limit else a.text[:limit] for a in articles)
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    for article, doc in zip(articles, docs, strict=True):
        annotations = annotate_doc(doc, article)
        del doc  # keep no Doc alive while the consumer works
        yield annotations


# --- forked workers ------------------------------------------------------------


@dataclass
class _Worker:
    """What a forked worker inherits from its parent: the loaded pipeline (never pickled)."""

    nlp: Language | None = None
    batch_size: int = 32


#: Set in each worker process by :func:`_init_worker`; the parent never writes it.
_WORKER = _Worker()


def _init_worker(nlp: Language, batch_size: int) -> None:
    pin_threads(1, forked=True)
    _WORKER.nlp = nlp
    _WORKER.batch_size = batch_size


def _annotate_chunk(chunk: list[Article]) -> list[Annotations]:
    nlp = _WORKER.nlp
    assert nlp is not None, "worker not initialised"
    limit = nlp.max_length
    texts = [a.text if len(a.text) <= limit else a.text[:limit] for a in chunk]
    return [annotate_doc(doc, a) for a, doc in zip(chunk, nlp.pipe(texts, batch_size=_WORKER.batch_size), strict=True)]


def _slim(article: Article) -> Article:
    """The fields the NLP pass reads: less to pickle to a worker."""
    return Article(id=article.id, text=article.text, published=article.published)


def _annotate_forked(
    articles: Sequence[Article], nlp: Language, n_process: int, batch_size: int
) -> Iterator[Annotations]:
    """Parse and annotate in ``n_process`` forked workers, chunks of ``batch_size`` in order."""
    context: Any = multiprocessing.get_context("fork")
    chunks = ([_slim(a) for a in articles[start : start + batch_size]] for start in range(0, len(articles), batch_size))
    with context.Pool(n_process, initializer=_init_worker, initargs=(nlp, batch_size)) as pool:
        for annotations in pool.imap(_annotate_chunk, chunks):
            yield from annotations
