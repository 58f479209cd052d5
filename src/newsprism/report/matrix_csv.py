"""A story's coverage matrix as CSV: one row per claim, one column per article, as the page shows it.

Each article's cell says what the article does with the claim (``states``, ``reports``, ``denies``,
``part``; a reported or denied claim names its source) and quotes the sentence, so a spreadsheet holds the
evidence, not only the marks. A cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``,
``@``, a tab or a carriage return first) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from ..model import Report
from .view import Cell, ClaimRow, build_view

__all__ = ["matrix_csv"]

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def _cell(cell: Cell) -> str:
    parts = []
    for m in cell.marks:
        kind = f"{m.kind} ({m.source})" if m.source else m.kind
        parts.append(f"{kind}: {m.cite.text}")
    return " | ".join(parts)


def _row(row: ClaimRow, off_topic: bool) -> list[str]:
    flags = ["yes" if f else "" for f in (row.every, row.single, row.disputed, off_topic)]
    return [row.claim.id, row.claim.text, str(row.sources), *flags, *(_cell(c) for c in row.cells)]


def matrix_csv(report: Report) -> str:
    """The coverage matrix of the report's first story (its claims, then the off-topic ones) as CSV text."""
    view = build_view(report).stories[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    articles = [f"[{ref.n}] {ref.label} ({ref.article.id})" for ref in view.articles]
    writer.writerow(["claim id", "claim", "outlets", "every outlet", "single source", "disputed", "off topic", *articles])
    for row in view.matrix:
        writer.writerow([_safe(v) for v in _row(row, False)])
    for row in view.off_topic:
        writer.writerow([_safe(v) for v in _row(row, True)])
    return out.getvalue()
