"""Outlets tables: what is known of each outlet (its lean, country and owner), read from ``outlets.csv``.

An input gives an article's lean in its own field (``lean``, ``bias``...; see
:func:`~newsprism.ingest.records.record_lean`). Where it does not, an outlets
table can: a CSV file named ``outlets.csv`` with the columns ``outlet`` (or
``name``), ``lean`` (or ``bias``), ``country`` and ``owner``::

    outlet,lean,country,owner
    Daily Beacon,left,GB,Beacon Media
    Chisinau Courier,center,MD,

A table named as an input applies to every input of the run; one found in an
input's folder, or in a folder above it up to the folder named as the input,
applies to the articles read there. Named tables are asked first, then the
nearest found; the first that gives the outlet a lean wins, and the article's
own field wins over any table. Names match without regard to case or spacing,
and a section suffix ('CNN - Editorial', 'CNN (Web News)') is dropped when the
whole name is not in the table.

A row without an outlet name, or with a lean that is no lean, is an input
failure naming the file and the line; the table's other rows are used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..clean import repair_field
from ..model import Article, InputFailure, Outlet, outlet_key
from .fields import LEAN_KEYS, first_string, parse_lean
from .sidecar import MAX_SIDECAR_BYTES, csv_rows

__all__ = ["OUTLETS_FILE", "OutletBook", "OutletTable", "load_outlets"]

OUTLETS_FILE = "outlets.csv"
NAME_FIELDS = ("outlet", "name", "source", "publisher")
COUNTRY_FIELDS = ("country", "country_code")
OWNER_FIELDS = ("owner", "owned_by", "parent", "parent_company")

@dataclass(frozen=True)
class OutletTable:
    """One ``outlets.csv``: its outlets by :func:`outlet_key`."""

    path: str
    outlets: dict[str, Outlet] = field(default_factory=dict)

    def find(self, name: str) -> Outlet | None:
        """The table's entry for the outlet ``name``: the whole name, else the name without its section."""
        return self.outlets.get(_whole(name)) or self.outlets.get(outlet_key(name))


def load_outlets(path: Path) -> tuple[OutletTable, list[InputFailure]]:
    """The outlets table in ``path``, and a failure for each row (or the file) that cannot be used."""
    table = OutletTable(str(path))
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise ValueError(f"outlets table larger than {MAX_SIDECAR_BYTES:,} bytes")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return table, [InputFailure(str(path), f"cannot read outlets table: {exc}")]
    failures: list[InputFailure] = []
    for where, row in csv_rows(text):
        if isinstance(row, str):
            failures.append(InputFailure(f"{path}:{where}", row))
            continue
        name = first_string(row, NAME_FIELDS)
        if not name:
            failures.append(InputFailure(f"{path}:{where}", f"no outlet name (expected a column {NAME_FIELDS[0]!r})"))
            continue
        try:
            lean = parse_lean(first_string(row, LEAN_KEYS))
        except ValueError as exc:
            failures.append(InputFailure(f"{path}:{where}", f"outlet {name!r}: {exc}"))
            continue
        table.outlets.setdefault(
            _whole(name),
            Outlet(name, lean, first_string(row, COUNTRY_FIELDS), first_string(row, OWNER_FIELDS)),
        )
    return table, failures


class OutletBook:
    """The outlets tables of one run: those named as inputs, and those found beside the inputs, each read once."""

    def __init__(self) -> None:
        self.named: list[OutletTable] = []
        self._read: set[Path] = set()
        self._found: dict[Path, OutletTable | None] = {}
        self._used: dict[str, Outlet] = {}

    def add(self, path: Path) -> list[InputFailure]:
        """Use the table in ``path`` for every input; the failures of reading it (none when it was read before)."""
        real = path.resolve()
        if real in self._read:
            return []
        self._read.add(real)
        table, failures = load_outlets(path)
        self.named.append(table)
        return failures

    def tables(self, source: Path, root: Path) -> tuple[list[OutletTable], list[InputFailure]]:
        """The tables that apply to the file ``source`` read under ``root`` (the named ones first, then the
        nearest found), and the failures of the tables read for the first time."""
        tables = list(self.named)
        failures: list[InputFailure] = []
        for folder in _folders(source.parent, root):
            if folder not in self._found:
                candidate = folder / OUTLETS_FILE
                table = None
                if candidate.is_file() and candidate.resolve() not in self._read:
                    self._read.add(candidate.resolve())
                    table, failures_here = load_outlets(candidate)
                    failures.extend(failures_here)
                self._found[folder] = table
            found = self._found[folder]
            if found is not None:
                tables.append(found)
        return tables, failures

    def apply(self, article: Article, tables: Iterable[OutletTable]) -> Article:
        """``article`` with the lean that the first table knowing its outlet's lean gives, unless it has its own.

        The outlet's name is matched with its encoding repaired, as cleaning will show it.
        """
        name = repair_field(article.outlet)
        if not name:
            return article
        for table in tables:
            outlet = table.find(name)
            if outlet is None:
                continue
            self._used.setdefault(outlet.name.casefold(), outlet)
            if outlet.lean is not None:
                return article if article.lean is not None else replace(article, lean=outlet.lean)
        return article

    def used(self) -> tuple[Outlet, ...]:
        """The table entries of the outlets the run's articles came from, by name."""
        return tuple(sorted(self._used.values(), key=lambda o: o.name.casefold()))


def _whole(name: str) -> str:
    """An outlet's whole name as tables are keyed: case and runs of spaces ignored, its section kept."""
    return " ".join(name.casefold().split())


def _folders(folder: Path, root: Path) -> Iterator[Path]:
    """``folder`` and the folders above it, up to ``root`` (only ``folder`` when it is not under ``root``)."""
    yield folder
    try:
        folder.relative_to(root)
    except ValueError:
        return
    while folder != root and folder.parent != folder:
        folder = folder.parent
        yield folder
