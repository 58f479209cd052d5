"""Model records to JSON and back, by their type hints: how a store keeps annotations without pickle.

:func:`encode` turns a frozen model record (and what it holds: tuples,
dates, mappings, plain values) into JSON-ready values, leaving out every
field that has its default value. :func:`decoder` builds, once per type, the
function that turns such values back into the record, reading the field
types from the class's annotations. A field added to the model later with a
default decodes from older rows; a row that does not fit the type raises
:class:`CodecError`, and the store then treats it as absent.

Unlike pickle, a stored row can only ever make model records: opening a
corpus file from someone else runs no code of theirs.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
import zlib
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from typing import Any, TypeVar

__all__ = ["CodecError", "decoder", "dumps", "encode", "loads"]

T = TypeVar("T")
Decode = Callable[[Any], Any]


class CodecError(ValueError):
    """A stored value does not fit the type it is read as."""


def encode(value: Any) -> Any:
    """``value`` as JSON-ready data: records as objects of their non-default fields, tuples as arrays."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [encode(v) for v in value]
    defaults = _defaults(kind) if dataclasses.is_dataclass(kind) else None
    if defaults is not None:
        out: dict[str, Any] = {}
        for f, default in defaults:
            item = getattr(value, f)
            if default is _REQUIRED or item != default:
                out[f] = encode(item)
        return out
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})


def dumps(value: Any) -> bytes:
    """``value`` encoded, as compressed JSON."""
    return zlib.compress(json.dumps(encode(value), separators=(",", ":"), ensure_ascii=False).encode("utf-8"), 6)


def loads(cls: type[T], blob: bytes) -> T:
    """The ``cls`` record :func:`dumps` made ``blob`` of (:class:`CodecError` if it does not fit)."""
    try:
        inflate = zlib.decompressobj()
        raw = inflate.decompress(blob, MAX_BYTES)
        if inflate.unconsumed_tail:
            raise CodecError(f"a stored {cls.__name__} over {MAX_BYTES} bytes")
        data = json.loads(raw.decode("utf-8"))
        result: T = decoder(typing.cast(Any, cls))(data)
    except CodecError:
        raise
    except (zlib.error, UnicodeDecodeError, TypeError, ValueError, RecursionError) as exc:
        # (json.JSONDecodeError is a ValueError; TypeError: not bytes, or an unhashable value where a
        # literal is expected; RecursionError: nesting deeper than any record)
        raise CodecError(f"not a stored {cls.__name__}: {exc}") from exc
    return result


_REQUIRED = object()
#: The most bytes one stored record may inflate to.
MAX_BYTES = 256 * 1024 * 1024


@cache
def _defaults(cls: type) -> tuple[tuple[str, Any], ...]:
    """Each field of ``cls`` with its default value (``_REQUIRED`` when it has none)."""
    out = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = _REQUIRED
        out.append((f.name, default))
    return tuple(out)


@cache
def decoder(tp: Any) -> Decode:
    """The function that turns :func:`encode`'s output back into a value of type ``tp``."""
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record_decoder(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot decode the union {tp}")
        inner = decoder(options[0])
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = decoder(args[0])
            return lambda v: tuple(item(x) for x in _array(v))
        if all(a in (str, int, bool) for a in args):  # (position, lemma) pairs and the like: checked in one pass
            return lambda v: _plain_tuple(v, args)
        parts = [decoder(a) for a in args]
        return lambda v: tuple(p(x) for p, x in zip(parts, _array(v, len(parts)), strict=True))
    if origin in (dict, Mapping) or tp in (dict, Mapping):
        value = decoder(args[1]) if args else _plain
        return lambda v: {str(k): value(x) for k, x in _object(v).items()}
    if origin is typing.Literal:
        allowed = frozenset(args)
        return lambda v: _one_of(v, allowed)
    if tp is date:
        return _date
    if tp is float:
        return _float
    if tp in (str, int, bool):
        return lambda v: _checked(v, tp)
    return _plain


def _record_decoder(cls: type) -> Decode:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    parts: dict[str, Decode] = {}

    def decode(v: Any) -> Any:
        if not parts:  # resolved on first use: a record may hold its own type
            parts.update({name: decoder(hints[name]) for name in fields})
        data = _object(v)
        unknown = data.keys() - parts.keys()
        if unknown:
            raise CodecError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
        try:
            return cls(**{name: parts[name](item) for name, item in data.items()})
        except TypeError as exc:  # a required field missing
            raise CodecError(f"{cls.__name__}: {exc}") from exc

    return decode


def _plain(v: Any) -> Any:
    return v


def _array(v: Any, length: int | None = None) -> list[Any]:
    if not isinstance(v, list) or (length is not None and len(v) != length):
        raise CodecError(f"expected an array{f' of {length}' if length else ''}, got {v!r:.60}")
    return v


def _object(v: Any) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise CodecError(f"expected an object, got {v!r:.60}")
    return v


def _checked(v: Any, tp: type) -> Any:
    if type(v) is not tp:
        raise CodecError(f"expected {tp.__name__}, got {v!r:.60}")
    return v


def _plain_tuple(v: Any, types: tuple[type, ...]) -> tuple[Any, ...]:
    if type(v) is not list or len(v) != len(types) or any(type(x) is not t for x, t in zip(v, types, strict=True)):
        raise CodecError(f"expected an array of {len(types)} plain values, got {v!r:.60}")
    return tuple(v)


def _float(v: Any) -> float:
    if type(v) not in (int, float):
        raise CodecError(f"expected a number, got {v!r:.60}")
    return float(v)


def _date(v: Any) -> date:
    try:
        return date.fromisoformat(v)
    except (TypeError, ValueError) as exc:
        raise CodecError(f"expected an ISO date, got {v!r:.60}") from exc


def _one_of(v: Any, allowed: frozenset[Any]) -> Any:
    if v not in allowed:
        raise CodecError(f"expected one of {sorted(map(str, allowed))}, got {v!r:.60}")
    return v
