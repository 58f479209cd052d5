"""Readers (PLACEHOLDER: being written)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..config import Settings
from ..model import Article, InputFailure


def read_inputs(paths: Sequence[str | Path], *, settings: Settings) -> Iterator[Article | InputFailure]:
    for p in paths:
        path = Path(p)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for f in files:
            yield Article(id=f.stem, text=f.read_text(encoding="utf-8"), source_path=str(f))
