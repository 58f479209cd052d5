"""How far a run has got: each long stage reports its items as they finish.

The pipeline takes a :class:`Progress` and wraps each stage's stream of
results in :meth:`Progress.track`; the default, :data:`SILENT`, reports
nothing. Two reporters are shipped for the command line:

* :class:`BarProgress` draws a bar per stage on a terminal (``rich``): the
  stage, a bar, done/total, elapsed time and the time left;
* :class:`LineProgress` writes one line per finished stage, for a log or a
  pipe ('newsprism: annotate 120/120 articles in 9.8 s').

Reporters only read counts: they never see or change the records.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, Any, TypeVar

__all__ = ["SILENT", "BarProgress", "LineProgress", "Progress"]

T = TypeVar("T")


class Progress:
    """Reports nothing; the base of the reporters. Subclasses override :meth:`start`, :meth:`advance`, :meth:`finish`."""

    def track(self, items: Iterable[T], stage: str, *, total: int | None = None, unit: str = "articles") -> Iterator[T]:
        """Yield ``items`` unchanged, reporting each one done under ``stage`` (``total`` when known)."""
        self.start(stage, total, unit)
        done = 0
        try:
            for item in items:
                yield item
                done += 1
                self.advance(stage, done)
        except BaseException:
            self.finish(stage, done, stopped=True)
            raise
        self.finish(stage, done)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def start(self, stage: str, total: int | None, unit: str) -> None:
        """A stage begins (``total`` items when known)."""

    def advance(self, stage: str, done: int) -> None:
        """``done`` items of the stage are finished."""

    def finish(self, stage: str, done: int, *, stopped: bool = False) -> None:
        """The stage ended after ``done`` items (``stopped``: by an error, before its end)."""


#: The reporter a library call gets by default: it says nothing.
SILENT = Progress()


class LineProgress(Progress):
    """One line per finished stage, on ``stream`` (stderr by default)."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self._started: dict[str, tuple[float, int | None, str]] = {}

    def start(self, stage: str, total: int | None, unit: str) -> None:
        self._started[stage] = (time.perf_counter(), total, unit)

    def finish(self, stage: str, done: int, *, stopped: bool = False) -> None:
        began, total, unit = self._started.pop(stage, (time.perf_counter(), None, ""))
        count = f"{done}/{total}" if total is not None else str(done)
        seconds = time.perf_counter() - began
        ended = "stopped after" if stopped else "in"
        print(f"newsprism: {stage} {count} {unit} {ended} {seconds:.1f} s", file=self.stream, flush=True)


class BarProgress(Progress):
    """A bar per stage on a terminal, with done/total, elapsed time and the time left (``rich``)."""

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._bars = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console if console is not None else Console(stderr=True),
            # the pipeline forks worker pools while the bars are live: stdout and stderr stay the real streams, so
            # a worker never writes through (or waits on a lock of) a copy of this display
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> BarProgress:
        self._bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bars.stop()

    def start(self, stage: str, total: int | None, unit: str) -> None:
        self._tasks[stage] = self._bars.add_task(stage, total=total, unit=unit)

    def advance(self, stage: str, done: int) -> None:
        self._bars.update(self._tasks[stage], completed=done)

    def finish(self, stage: str, done: int, *, stopped: bool = False) -> None:
        task = self._tasks.pop(stage, None)
        if task is not None:
            self._bars.update(task, completed=done, total=None if stopped else done)
