"""A story's coverage matrix as CSV: the page's rows and columns, the sentences, and no formulas."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from newsprism.report.matrix_csv import matrix_csv
from newsprism.report.view import build_view

from .test_report_html import sample_report


def test_rows_and_columns_follow_the_matrix_with_each_sentence() -> None:
    report = sample_report()
    rows = list(csv.reader(io.StringIO(matrix_csv(report))))
    view = build_view(report).stories[0]
    header, body = rows[0], rows[1:]
    assert header[:7] == ["claim id", "claim", "outlets", "every outlet", "single source", "disputed", "off topic"]
    assert header[7:] == [f"[{r.n}] {r.label} ({r.article.id})" for r in view.articles]
    assert [r[0] for r in body] == [r.claim.id for r in view.matrix] + [r.claim.id for r in view.off_topic]
    for row, claim_row in zip(body, view.matrix, strict=False):
        assert row[2] == str(claim_row.sources) and (row[4] == "yes") == claim_row.single
        for cell, spans in zip(row[7:], (claim_row.claim.cell(ref.article.id) for ref in view.articles), strict=True):
            assert all(c.span.text in cell for c in spans), "each mark's sentence is in its cell"
            assert (cell == "") == (not spans)
    assert any(r[6] == "yes" for r in body) == bool(view.off_topic)


def test_a_cell_a_spreadsheet_would_run_is_written_as_text() -> None:
    report = sample_report()
    story = report.stories[0]
    claim = replace(story.claims[0], text='=HYPERLINK("http://evil.example","click")')
    report = replace(report, stories=(replace(story, claims=(claim, *story.claims[1:])),))
    rows = list(csv.reader(io.StringIO(matrix_csv(report))))
    assert rows[1][1] == "'" + claim.text
