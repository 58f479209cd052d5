"""JSON and JSON Lines inputs.

A ``.json`` file holds one article object, an array of them, or an object
with the array under ``articles``/``items``/``entries``/``data``/``results``.
A ``.jsonl`` file is read one line at a time, never whole, so a file of any
size reads in bounded memory; a bad line is an input failure naming the
line, and the lines after it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from ..config import Settings
from ..errors import InputError
from ..model import Article, InputFailure
from .fields import TEXT_KEYS
from .records import record_article
from .sniff import decode_text
from .source import Source

__all__ = ["parse_json", "read_json", "read_jsonl"]

CONTAINER_KEYS = ("articles", "items", "entries", "data", "results", "documents", "records")
_SKIP_CHUNK = 1 << 20


def read_json(source: Source, data: bytes, *, settings: Settings) -> Iterator[Article | InputFailure]:
    """The articles of a JSON document."""
    text = decode_text(data, source.name)
    if not text.strip():
        raise InputError(source.name, "empty file")
    value = parse_json(text, source.name)
    path = None if source.path is None else str(source.path)
    if isinstance(value, Mapping):
        records = _contained(value)
        if records is None:
            yield record_article(value, name=source.name, settings=settings, source_path=path, article_id=source.stem)
            return
    elif isinstance(value, list):
        records = value
    else:
        raise InputError(source.name, f"expected a JSON object or array, got {type(value).__name__}")
    if not records:
        raise InputError(source.name, "no records in the JSON array")
    for number, record in enumerate(records, 1):
        where = f"{source.name}:record {number}"
        if not isinstance(record, Mapping):
            yield InputFailure(where, f"expected a JSON object, got {type(record).__name__}")
            continue
        try:
            yield record_article(record, name=where, settings=settings, source_path=path)
        except InputError as exc:
            yield InputFailure(exc.input, exc.reason)


def parse_json(text: str, where: str, *, document: bool = True) -> Any:
    """The JSON value of ``text``; an :class:`InputError` naming ``where`` when it is not valid or not bounded.

    Errors give the line and column in a ``document``, the column in one line of JSON Lines.

    Nesting is bounded by the interpreter's recursion limit and numbers by
    its limit on integer digits; past either, the input is refused, not the run.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        position = f"line {exc.lineno}, column {exc.colno}" if document else f"column {exc.colno}"
        raise InputError(where, f"invalid JSON: {exc.msg} ({position})") from None
    except RecursionError:
        raise InputError(where, "JSON nested too deeply") from None
    except ValueError as exc:  # an integer of more digits than int() converts
        raise InputError(where, f"a JSON number too long to read ({str(exc).split(':')[0]})") from None


def _contained(value: Mapping[str, Any]) -> list[Any] | None:
    """The record list of a wrapper object, or ``None`` when ``value`` is itself a record."""
    if any(key in value for key in TEXT_KEYS):
        return None
    for key in CONTAINER_KEYS:
        if isinstance(value.get(key), list):
            return list(value[key])
    return None


def read_jsonl(source: Source, stream: BinaryIO, *, settings: Settings) -> Iterator[Article | InputFailure]:
    """The articles of a JSON Lines stream, one line at a time."""
    path = None if source.path is None else str(source.path)
    seen_any = False
    for number, line in _lines(stream, settings.max_file_bytes):
        where = f"{source.name}:line {number}"
        if line is None:
            yield InputFailure(where, f"line longer than max_file_bytes ({settings.max_file_bytes:,} bytes)")
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            yield _line_article(line, where, settings, path)
        except InputError as exc:
            yield InputFailure(exc.input, exc.reason)
    if not seen_any:
        raise InputError(source.name, "empty file")


def _line_article(line: bytes, where: str, settings: Settings, path: str | None) -> Article:
    text = decode_text(line, where).rstrip("\n")
    record = parse_json(text, where, document=False)
    if not isinstance(record, Mapping):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}")
    return record_article(record, name=where, settings=settings, source_path=path)


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(number, line)`` for each line; ``None`` for a line over ``limit`` bytes, which is skipped.

    Lines end at ``\n``, ``\r\n`` or a lone ``\r`` (JSON strings hold neither raw, so a record never
    does); a U+2028 or U+2029 inside a string is no line end.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (chunk := stream.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
                pass
            number += 1
            yield number, None
            continue
        for part in line.split(b"\r") if b"\r" in line else (line,):
            if part in (b"", b"\n") and b"\r" in line:
                continue  # the \n of a \r\n, or an empty piece between two \r
            number += 1
            yield number, part
