"""Progress: each long stage reports its items as they finish; the command line shows it, or keeps quiet."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.config import Settings
from newsprism.nlp.models import Models
from newsprism.pipeline import analyze
from newsprism.progress import LineProgress, Progress

from .conftest import EXAMPLES


class Recorder(Progress):
    def __init__(self) -> None:
        self.events: list[tuple[str, str, int | None]] = []

    def start(self, stage: str, total: int | None, unit: str) -> None:
        self.events.append(("start", stage, total))

    def advance(self, stage: str, done: int) -> None:
        self.events.append(("advance", stage, done))

    def finish(self, stage: str, done: int, *, stopped: bool = False) -> None:
        self.events.append(("finish", stage, done))


def test_every_stage_reports_its_items_and_the_report_is_unchanged(models: Models, settings: Settings) -> None:
    recorder = Recorder()
    report = analyze([EXAMPLES], settings=settings, models=models, progress=recorder)
    started = [stage for kind, stage, _ in recorder.events if kind == "start"]
    assert started == ["read", "clean", "annotate", "group", "compare"]
    finished = {stage: done for kind, stage, done in recorder.events if kind == "finish"}
    totals = {stage: total for kind, stage, total in recorder.events if kind == "start"}
    articles = len(report.articles)
    assert finished["read"] == articles + len(report.errors) and totals["read"] is None  # inputs: not known ahead
    assert finished["clean"] == finished["annotate"] == finished["group"] == totals["annotate"] == articles
    assert finished["compare"] == totals["compare"] == len(report.stories)
    advances = [done for kind, stage, done in recorder.events if kind == "advance" and stage == "annotate"]
    assert advances == list(range(1, articles + 1)), "one report per annotated article, in order"
    quiet = analyze([EXAMPLES], settings=settings, models=models)
    assert [c.support for s in quiet.stories for c in s.claims] == [c.support for s in report.stories for c in s.claims]


def test_line_progress_writes_one_line_per_finished_stage() -> None:
    stream = io.StringIO()
    progress = LineProgress(stream)
    assert list(progress.track(["a", "b", "c"], "annotate", total=3)) == ["a", "b", "c"]
    assert list(progress.track(iter(["x"]), "read", unit="records")) == ["x"]

    def broken():
        yield "first"
        raise ValueError("a bad input")

    with pytest.raises(ValueError, match="a bad input"):
        list(progress.track(broken(), "read", unit="records"))
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("newsprism: annotate 3/3 articles in ") and lines[0].endswith(" s")
    assert lines[1].startswith("newsprism: read 1 records in ")
    assert lines[2].startswith("newsprism: read 1 records stopped after "), "a stage cut short does not read as done"


def test_bars_draw_on_a_terminal_through_a_whole_run(models: Models, settings: Settings) -> None:
    from rich.console import Console

    from newsprism.progress import BarProgress

    screen = io.StringIO()
    with BarProgress(Console(file=screen, force_terminal=True, width=100)) as bars:
        report = analyze([EXAMPLES], settings=settings, models=models, progress=bars)
    drawn = screen.getvalue()
    assert report.stories
    for stage in ("read", "clean", "annotate", "group", "compare"):
        assert stage in drawn
    assert f"{len(report.articles)}/{len(report.articles)}" in drawn


def test_the_command_line_reports_progress_when_asked_and_never_when_quiet(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    asked = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--progress", "--out", str(out)])
    assert asked.exit_code == 0, asked.output
    for stage in ("read", "clean", "annotate", "group", "compare", "write"):
        assert f"newsprism: {stage} " in asked.stderr, asked.stderr
    assert "newsprism: write 1/1 reports" in asked.stderr
    quiet = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--progress", "--quiet", "--out", str(out)])
    assert quiet.exit_code == 0 and "newsprism: annotate" not in quiet.stderr
    piped = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--out", str(out)])
    assert piped.exit_code == 0 and "newsprism: annotate" not in piped.stderr, "no progress into a pipe unless asked"
