"""The per-story comparison in worker processes: the same stories as in one process, in order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.compare import pool
from newsprism.config import Settings
from newsprism.model import Annotations, Article
from newsprism.nlp import models as model_module

MULTISTORY = Path(__file__).resolve().parent / "fixtures" / "multistory"


def _story(n: int, size: int) -> tuple[str, list[Article], list[Annotations]]:
    articles = [Article(id=f"s{n}a{k}", text="x") for k in range(size)]
    return f"s{n}", articles, [Annotations(article_id=a.id) for a in articles]


def test_chunks_hold_whole_stories_largest_first() -> None:
    stories = [_story(0, 3), _story(1, 60), _story(2, 30), _story(3, 20)]
    chunks = pool._chunks(stories)
    order = [n for chunk in chunks for n, _ in chunk]
    assert sorted(order) == [0, 1, 2, 3]  # every story once
    assert order[0] == 1  # the largest story goes first, alone: it fills a chunk by itself
    assert [n for n, _ in chunks[0]] == [1]
    assert all(sum(len(s[1]) for _, s in chunk) < pool.CHUNK_ARTICLES + 60 for chunk in chunks)


def test_no_pool_once_this_process_has_run_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module, "_TORCH_STARTED", [True])
    with pool.story_pool(Settings(n_process=2), 1000) as workers:
        assert workers is None


def test_small_inputs_stay_in_this_process() -> None:
    with pool.story_pool(Settings(), pool.MIN_POOL_ARTICLES - 1) as workers:
        assert workers is None


def _stories(report: dict) -> list:
    return [
        {k: s[k] for k in ("article_ids", "claims", "disagreements", "brief", "timeline")} for s in report["stories"]
    ]


@pytest.mark.slow
def test_workers_give_the_same_report_as_one_process(tmp_path: Path) -> None:
    """The CLI in a fresh process (so no encoder is loaded yet) with two workers, against one process."""
    runs = {}
    for workers in (1, 2):
        out = tmp_path / f"report{workers}.json"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "newsprism",
                "analyze",
                str(MULTISTORY),
                "--n-process",
                str(workers),
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0 and out.is_file(), (done.stdout[-1000:], done.stderr[-2000:])
        runs[workers] = json.loads(out.read_text(encoding="utf-8"))
    assert len(runs[2]["stories"]) == 3
    assert _stories(runs[2]) == _stories(runs[1])
