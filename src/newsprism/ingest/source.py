"""Where input bytes come from: paths expanded, files and stdin opened, gzip undone.

One narrow seam for I/O. A :class:`Source` names an input; :func:`open_source`
yields a binary stream (decompressed when the bytes start with the gzip magic,
whatever the file is called) and its first bytes, which the sniffer reads
without consuming them, so even a pipe can be streamed after sniffing.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .valid import safe_name

__all__ = [
    "ARTICLE_SUFFIXES",
    "HEAD_BYTES",
    "SIDECAR_NAMES",
    "STDIN",
    "Source",
    "describe_os_error",
    "iter_sources",
    "open_source",
    "read_limited",
]

STDIN = "-"
HEAD_BYTES = 8192
"""How much of an input the sniffer sees."""
GZIP_MAGIC = b"\x1f\x8b"
COMPRESSED_SUFFIXES = (".gz", ".gzip")
#: gzip layers read inside one another (``a.txt.gz.gz``); more is refused, not unpacked.
MAX_GZIP_DEPTH = 3
ARTICLE_SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".json",
        ".jsonl",
        ".ndjson",
        ".xml",
        ".rss",
        ".atom",
        ".rdf",
    }
)
"""File types a directory walk picks up (also under ``.gz``), besides files without a suffix."""
SIDECAR_NAMES = frozenset({"meta.jsonl", "meta.csv", "outlets.csv"})
SKIPPED_NAMES = frozenset({"readme", "license", "licence", "copying", "notice", "authors", "changelog", "makefile"})
"""Conventional project files without a suffix that a directory walk leaves alone."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file, or stdin when ``path`` is ``None``.

    ``name`` is how failures name it; ``stem`` is the article id a
    single-article input gets (the file name without its type suffixes).
    """

    name: str
    path: Path | None
    stem: str

    @classmethod
    def of_path(cls, path: Path) -> Source:
        return cls(safe_name(str(path)), path, _stem(safe_name(path.name)))

    @classmethod
    def stdin(cls) -> Source:
        return cls("<stdin>", None, "stdin")

    @property
    def suffix(self) -> str:
        """The type suffix, compression removed (``a.html.gz`` -> ``.html``)."""
        if self.path is None:
            return ""
        return Path(_uncompressed(self.path.name.casefold())).suffix


def _uncompressed(name: str) -> str:
    """``name`` without its compression suffixes, however many (``a.txt.gz.gz`` -> ``a.txt``)."""
    lowered = name.casefold()
    while True:
        found = next((c for c in COMPRESSED_SUFFIXES if lowered.endswith(c)), None)
        if found is None:
            return name
        name, lowered = name[: -len(found)], lowered[: -len(found)]


def _stem(name: str) -> str:
    name = _uncompressed(name)
    lowered = name.casefold()
    suffix = Path(lowered).suffix
    if suffix in ARTICLE_SUFFIXES:
        name = name[: -len(suffix)]
    return name or "article"


def iter_sources(paths: list[str | Path]) -> Iterator[Source | InputError]:
    """Every input under ``paths``, in order; directories recursively and sorted.

    A FIFO, socket or device found in a directory is skipped with an
    :class:`InputError` (opening a FIFO would block the run); one named on
    the command line is read, as a pipe from ``<(command)`` should be.
    A missing path or an unreadable directory is an :class:`InputError` in the
    stream rather than an exception, so the other inputs still get read.
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield Source.stdin()
            continue
        path = Path(raw)
        if path.name.casefold() in SIDECAR_NAMES and path.is_file():
            continue  # metadata for the files beside it, read when they are
        if path.is_dir():
            yield from _walk(path, set())
        elif path.exists() or path.is_symlink():
            yield Source.of_path(path)  # named on purpose: read even if it is a pipe (<(command))
        else:
            yield InputError(str(path), "no such file or directory")


def _walk(directory: Path, seen: set[str]) -> Iterator[Source | InputError]:
    real = os.path.realpath(directory)
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(str(directory), describe_os_error(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, seen)
        elif _is_article_file(entry.name):
            special = _special(entry)
            yield Source.of_path(path) if special is None else InputError(str(path), special)


#: What a directory entry that is no regular file is, by its file type.
_SPECIAL_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def _special(entry: os.DirEntry[str]) -> str | None:
    """Why a directory entry is no file to read (a FIFO would block the run, a device never ends), or None."""
    try:
        mode = entry.stat().st_mode
    except OSError:
        return None  # opening it reports the error
    if stat.S_ISREG(mode):
        return None
    return f"{_SPECIAL_KINDS.get(stat.S_IFMT(mode), 'not a regular file')} in a folder, not a file: skipped"


def _is_article_file(name: str) -> bool:
    lowered = name.casefold()
    if lowered in SIDECAR_NAMES:
        return False
    lowered = _uncompressed(lowered)
    suffix = Path(lowered).suffix
    if suffix:
        return suffix in ARTICLE_SUFFIXES
    return lowered not in SKIPPED_NAMES


def describe_os_error(exc: OSError) -> str:
    """A short reason for an I/O error, without the path the caller already names."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, gzip.BadGzipFile):
        return f"not a valid gzip file: {exc}"
    return exc.strerror or str(exc) or type(exc).__name__


class _Replay(io.RawIOBase):
    """A raw stream that serves ``head`` again, then the rest of ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _peek(stream: BinaryIO, size: int) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``stream`` and a stream that still starts with them."""
    chunks: list[bytes] = []
    got = 0
    while got < size:
        chunk = stream.read(size - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    head = b"".join(chunks)
    return head, io.BufferedReader(_Replay(head, stream), buffer_size=64 * 1024)


@contextmanager
def open_source(source: Source) -> Iterator[tuple[BinaryIO, bytes]]:
    """The input's (decompressed) byte stream and its first :data:`HEAD_BYTES`."""
    if source.path is None:
        if sys.stdin is None:
            raise InputError(source.name, "no standard input to read")
        raw: BinaryIO = getattr(sys.stdin, "buffer", None) or io.BytesIO(sys.stdin.read().encode("utf-8"))
        close = False
    else:
        raw = open(source.path, "rb")  # noqa: SIM115 - closed below, after the caller is done
        close = True
    try:
        head, stream = _peek(raw, HEAD_BYTES)
        depth = 0
        while head.startswith(GZIP_MAGIC):
            if depth == MAX_GZIP_DEPTH:
                raise InputError(source.name, f"compressed more than {MAX_GZIP_DEPTH} times over")
            unzipped = gzip.GzipFile(fileobj=stream, mode="rb")
            head, stream = _peek(unzipped, HEAD_BYTES)  # type: ignore[arg-type]
            depth += 1
        yield stream, head
    finally:
        if close:
            raw.close()


def read_limited(stream: BinaryIO, source: Source, limit: int) -> bytes:
    """All of ``stream``, or an :class:`InputError` when it holds more than ``limit`` bytes."""
    if source.path is not None:
        try:
            size = source.path.stat().st_size
        except OSError:
            size = 0
        if size > limit:
            raise InputError(source.name, f"file is {size:,} bytes, more than max_file_bytes ({limit:,})")
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(source.name, f"input is more than max_file_bytes ({limit:,} bytes)")
    return data
