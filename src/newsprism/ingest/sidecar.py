"""Sidecar metadata for bare files: ``meta.jsonl`` or ``meta.csv`` beside them.

A plain-text article carries no outlet, date or URL. A sidecar in the same
directory supplies them, one entry per file, keyed by the file name (with or
without its suffix) in a ``file`` column or field. Sidecars are read once per
directory per run; a broken entry is reported as an input failure, once.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import InputFailure
from .fields import DATE_KEYS, LEAN_KEYS, OUTLET_KEYS, TITLE_KEYS, URL_KEYS, first_string, parse_lean

__all__ = ["MAX_SIDECAR_BYTES", "SidecarIndex", "csv_rows"]

META_NAMES = ("meta.csv", "meta.jsonl")
KEY_FIELDS = ("file", "filename", "file_name", "name", "path")
MAX_SIDECAR_BYTES = 50_000_000

Meta = dict[str, str]


@dataclass(slots=True)
class _Directory:
    entries: dict[str, Meta] = field(default_factory=dict)
    failures: list[InputFailure] = field(default_factory=list)


class SidecarIndex:
    """The sidecars of one run, loaded lazily, one directory at a time."""

    def __init__(self) -> None:
        self._dirs: dict[Path, _Directory] = {}

    def lookup(self, path: Path) -> tuple[Meta | None, list[InputFailure]]:
        """The entry for ``path`` (or ``None``), and the failures of a sidecar read for the first time."""
        directory = path.parent
        fresh = directory not in self._dirs
        if fresh:
            self._dirs[directory] = _load(directory)
        loaded = self._dirs[directory]
        name = path.name
        meta = loaded.entries.get(name)
        if meta is None:
            meta = loaded.entries.get(name.split(".", 1)[0]) or loaded.entries.get(Path(name).stem)
        return meta, (loaded.failures if fresh else [])


def _load(directory: Path) -> _Directory:
    loaded = _Directory()
    for sidecar_name in META_NAMES:
        path = directory / sidecar_name
        if not path.is_file():
            continue
        try:
            if path.stat().st_size > MAX_SIDECAR_BYTES:
                raise ValueError(f"sidecar larger than {MAX_SIDECAR_BYTES:,} bytes")
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            loaded.failures.append(InputFailure(str(path), f"cannot read sidecar: {exc}"))
            continue
        rows = _jsonl_rows(text) if sidecar_name.endswith(".jsonl") else csv_rows(text)
        for where, row in rows:
            if isinstance(row, str):
                loaded.failures.append(InputFailure(f"{path}:{where}", row))
                continue
            key = first_string(row, KEY_FIELDS)
            if not key:
                loaded.failures.append(InputFailure(f"{path}:{where}", f"no file name (expected one of {KEY_FIELDS})"))
                continue
            entry, bad = _meta(row)
            if bad:
                loaded.failures.append(InputFailure(f"{path}:{where}", f"{bad}; the file's lean is left unknown"))
            name = Path(key).name
            loaded.entries.setdefault(name, entry)
            loaded.entries.setdefault(name.split(".", 1)[0], entry)
    return loaded


def _meta(row: dict[str, Any]) -> tuple[Meta, str | None]:
    """A row's entry, and why its lean is left out (``None``: it is not)."""
    bad = None
    found = {
        "title": first_string(row, TITLE_KEYS),
        "url": first_string(row, URL_KEYS),
        "outlet": first_string(row, OUTLET_KEYS),
        "published": first_string(row, DATE_KEYS),
        "lean": first_string(row, LEAN_KEYS),
    }
    if found["lean"]:
        try:
            found["lean"] = parse_lean(found["lean"])
        except ValueError as exc:
            found["lean"], bad = None, str(exc)
    return {k: v for k, v in found.items() if v}, bad


def _jsonl_rows(text: str) -> list[tuple[str, dict[str, Any] | str]]:
    rows: list[tuple[str, dict[str, Any] | str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            rows.append((f"line {number}", f"invalid JSON: {exc}"))
            continue
        rows.append((f"line {number}", value if isinstance(value, dict) else "expected a JSON object"))
    return rows


def csv_rows(text: str) -> list[tuple[str, dict[str, Any] | str]]:
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    rows: list[tuple[str, dict[str, Any] | str]] = []
    try:
        for row in reader:
            clean = {k.strip(): v for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
            rows.append((f"line {reader.line_num}", clean))
    except csv.Error as exc:
        rows.append((f"line {reader.line_num}", f"malformed CSV: {exc}"))
    return rows
