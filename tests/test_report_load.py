"""A JSON report read back into the model renders as the analysis did, and bad files are clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from newsprism.errors import InputError
from newsprism.model import Report
from newsprism.report.html import render_html
from newsprism.report.json import dumps, report_to_dict
from newsprism.report.load import load_report, report_from_dict
from newsprism.report.markdown import render_markdown
from newsprism.report.terminal import render_terminal


def _text(report: Report) -> str:
    console = Console(record=True, width=120, file=io.StringIO())
    render_terminal(report, console)
    return console.export_text()


@pytest.mark.slow
def test_a_report_read_back_is_the_report_written(seed_report: Report) -> None:
    data = report_to_dict(seed_report)
    again = report_from_dict(json.loads(dumps(seed_report)))
    assert report_to_dict(again) == data
    assert again.stories == seed_report.stories  # (articles too, but for the genre probability, rounded in JSON)
    assert any(f.counts for s in again.stories for f in s.framing), "framing counts travel in the JSON"


@pytest.mark.slow
def test_a_report_read_back_renders_as_the_analysis_did(seed_report: Report, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(dumps(seed_report), encoding="utf-8")
    again = load_report(path)
    assert render_html(again) == render_html(seed_report)
    assert render_markdown(again) == render_markdown(seed_report)
    assert _text(again) == _text(seed_report)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe not text", "not JSON"),
        (b"{not json", "not JSON"),
        (b'{"articles": []}', "not a newsprism report"),
        (b'{"schema": "newsprism/report@1", "articles": [{"id": "a"}], "stories": []}', "lacks the field 'text'"),
        (b'["a list"]', "not a newsprism report"),
    ],
)
def test_a_file_that_is_no_report_is_a_clear_input_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason) as caught:
        load_report(path)
    assert caught.value.input == str(path)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read it"):
        load_report(tmp_path / "missing.json")


def _valid() -> dict:
    text = "The dam broke on Monday. Twelve people died."
    span = {"article": "a", "start": 0, "end": 24, "text": text[:24]}
    return {
        "schema": "newsprism/report@1",
        "errors": [],
        "articles": [{"id": "a", "text": text, "title": "Dam", "removed": [], "cites": []}],
        "stories": [
            {
                "id": "s1",
                "title": "Dam",
                "article_ids": ["a"],
                "entities": [],
                "claims": [{"id": "s1-c1", "text": span["text"], "support": [span]}],
                "disagreements": [],
                "brief": [{"text": span["text"], "claims": ["s1-c1"], "articles": ["a"], "span": span}],
            }
        ],
    }


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["stories"][0].update(title=None), "'title' is NoneType, not a string"),
        (lambda d: d["articles"][0].update(id=7), "'id' is int, not a string"),
        (lambda d: d["stories"][0]["claims"][0].update(text=None), "'text' is NoneType"),
        (lambda d: d["stories"][0]["claims"][0]["support"][0].update(end=999), "is not in its text"),
        (lambda d: d["stories"][0]["claims"][0]["support"][0].update(article="b"), "is not in its text"),
        (lambda d: d.update(schema="newsprism/report@9"), "written for schema"),
    ],
)
def test_a_report_with_wrong_types_or_spans_is_refused_before_rendering(tmp_path: Path, change, reason: str) -> None:
    data = _valid()
    assert render_html(report_from_dict(data))  # the valid one renders
    change(data)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=reason):
        load_report(path)
