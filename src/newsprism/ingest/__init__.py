"""Readers: files, directories and stdin to uncleaned articles, or failures saying why.

:func:`read_inputs` is the one entry point. Each input goes to a reader
chosen by its content as well as its name (:mod:`.sniff`):

* plain text (:mod:`.text`): a first-line headline becomes the title; a
  ``meta.jsonl``/``meta.csv`` sidecar (:mod:`.sidecar`) supplies the rest;
* HTML (:mod:`.html`): trafilatura's main text and metadata;
* JSON and JSON Lines (:mod:`.jsonl`): field names mapped by :mod:`.records`;
  JSON Lines streamed line by line;
* RSS and Atom (:mod:`.feed`): one article per item.

An ``outlets.csv`` (:mod:`.outlets`) named as an input, or found beside the
inputs, gives the lean of outlets whose articles do not carry one.

gzip is undone wherever the bytes start with its magic number. Bad input
(missing, unreadable, binary, empty, undecodable, malformed, too large) is an
:class:`~newsprism.model.InputFailure` in the stream, never an exception, and
the other inputs are still read. Articles come out as read: cleaning is the
next stage's work.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..model import Article, InputFailure
from .feed import read_feed
from .html import decode_html, html_article
from .jsonl import read_json, read_jsonl
from .outlets import OUTLETS_FILE, OutletBook
from .records import check_size
from .sidecar import SidecarIndex
from .sniff import Format, decode_text, sniff
from .source import HEAD_BYTES, Source, describe_os_error, iter_sources, open_source, read_limited
from .text import text_article
from .valid import valid_article, valid_failure

__all__ = ["OutletBook", "read_inputs"]


def read_inputs(
    paths: Sequence[str | Path], *, settings: Settings, outlets: OutletBook | None = None
) -> Iterator[Article | InputFailure]:
    """Every article under ``paths`` (files, directories read recursively, ``"-"`` for stdin).

    Yields articles and failures in input order; directory entries are sorted,
    so a run is deterministic. Article ids are made unique within the run:
    a repeated id gets ``-2``, ``-3``... in order of appearance. An
    ``outlets.csv`` among ``paths`` applies to every input, and one beside
    the inputs to those read there; ``outlets`` keeps what they said of the
    run's outlets.
    """
    sidecars = SidecarIndex()
    book = outlets if outlets is not None else OutletBook()
    taken: set[str] = set()
    named = [
        Path(p) for p in paths if str(p) != "-" and Path(p).name.casefold() == OUTLETS_FILE and not Path(p).is_dir()
    ]
    for table in named:
        for failure in book.add(table):
            yield valid_failure(failure)
    for raw in paths:
        if Path(raw) in named:
            continue
        root = Path(raw) if Path(raw).is_dir() else Path(raw).parent
        for item in iter_sources([raw]):
            if isinstance(item, InputError):
                yield valid_failure(InputFailure(item.input, item.reason))
                continue
            tables = book.named
            if item.path is not None:
                tables, failures = book.tables(item.path, root)
                for failure in failures:
                    yield valid_failure(failure)
            for result in read_source(item, settings=settings, sidecars=sidecars):
                if isinstance(result, Article):
                    yield _unique(valid_article(book.apply(result, tables)), taken)
                else:
                    yield valid_failure(result)


def _unique(article: Article, taken: set[str]) -> Article:
    article_id, number = article.id, 1
    while article_id in taken:
        number += 1
        article_id = f"{article.id}-{number}"
    taken.add(article_id)
    return article if article_id == article.id else replace(article, id=article_id)


def read_source(
    source: Source, *, settings: Settings, sidecars: SidecarIndex | None = None
) -> Iterator[Article | InputFailure]:
    """The articles of one input, or the failures that stopped them."""
    sidecars = sidecars if sidecars is not None else SidecarIndex()
    try:
        with open_source(source) as (stream, head):
            if not head.strip() and len(head) < HEAD_BYTES:
                raise InputError(source.name, "empty file" if not head else "whitespace-only file")
            kind = sniff(head, source.name, source.suffix)
            if kind is Format.JSONL:
                yield from read_jsonl(source, stream, settings=settings)
                return
            data = read_limited(stream, source, settings.max_file_bytes)
            if kind is Format.JSON:
                yield from read_json(source, data, settings=settings)
            elif kind is Format.FEED:
                yield from read_feed(source, data, settings=settings)
            else:
                yield from _single(source, kind, data, settings, sidecars)
    except InputError as exc:
        yield InputFailure(exc.input, exc.reason)
    except OSError as exc:
        yield InputFailure(source.name, describe_os_error(exc))
    except (EOFError, zlib.error) as exc:
        yield InputFailure(source.name, f"corrupt or truncated compressed data ({exc})")


def _single(
    source: Source, kind: Format, data: bytes, settings: Settings, sidecars: SidecarIndex
) -> Iterator[Article | InputFailure]:
    """A text or HTML file: one article, a sidecar entry filling what it lacks."""
    meta: dict[str, str] = {}
    if source.path is not None:
        found, failures = sidecars.lookup(source.path)
        yield from failures
        meta = found or {}
    path = None if source.path is None else str(source.path)
    if kind is Format.HTML:
        html = decode_html(data, source.name)
        article = html_article(html, article_id=source.stem, name=source.name, source_path=path, meta=meta)
    else:
        text = decode_text(data, source.name)
        if not text.strip():
            raise InputError(source.name, "whitespace-only file")
        article = text_article(text, article_id=source.stem, source_path=path, meta=meta)
    yield check_size(article, source.name, settings)
