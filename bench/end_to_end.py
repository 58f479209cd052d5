"""End-to-end throughput of ``analyze`` on the AllSides corpus, with peak memory.

For each size (default 200, 1,000 and 5,000: the first N articles of
``../shared/data/allsides/articles.jsonl.gz``, read with
:func:`newsprism.ingest.read_inputs`) a fresh Python process loads the
models, then times :func:`newsprism.pipeline.analyze_articles`: cleaning,
reprints, the single spaCy pass, story grouping and the per-story
comparison. A fresh process per size keeps the peaks apart.

Printed per size: wall seconds, articles/s, the seconds spent in each stage
(measured by wrapping the stage functions the pipeline calls, wall and
main-process CPU; ``annotate`` wall includes waiting for the spaCy workers,
whose CPU is in the total only), the number of stories, and peak RSS
of the main process and of its largest worker, and the CPU seconds of the
process and its workers (the machine may be shared: CPU time is the steadier
figure). Then the cost ratio per
doubling between consecutive sizes, ``(t2 / t1) ** (1 / log2(n2 / n1))``,
which must stay at or below 2.2 (near-linear growth).

    .venv/bin/python bench/end_to_end.py                 # 200, 1000, 5000
    .venv/bin/python bench/end_to_end.py --sizes 1000 --profile 40
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import math
import os
import pstats
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
TARGET_RATE = 12.0
MAX_DOUBLING = 2.2


def _add(totals: dict[str, list[float]], name: str, wall: float, cpu: float) -> None:
    entry = totals.setdefault(name, [0.0, 0.0])
    entry[0] += wall
    entry[1] += cpu


def _timed(name: str, fn: Callable[..., Any], totals: dict[str, list[float]]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _add(totals, name, time.perf_counter() - wall, time.process_time() - cpu)

    return wrapper


def _timed_iter(
    name: str, fn: Callable[..., Iterator[Any]], totals: dict[str, list[float]]
) -> Callable[..., Iterator[Any]]:
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        it = fn(*args, **kwargs)
        while True:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                item = next(it)
            except StopIteration:
                _add(totals, name, time.perf_counter() - wall, time.process_time() - cpu)
                return
            _add(totals, name, time.perf_counter() - wall, time.process_time() - cpu)
            yield item

    return wrapper


def run_one(n: int, corpus: Path, n_process: int, profile_lines: int) -> dict[str, Any]:
    """Analyze the first ``n`` articles in this process; return the figures."""
    from newsprism import pipeline
    from newsprism.config import Settings
    from newsprism.ingest import read_inputs
    from newsprism.model import Article
    from newsprism.nlp.models import Models

    settings = Settings(n_process=n_process)
    t0 = time.perf_counter()
    items = itertools.islice(read_inputs([corpus], settings=settings), n)
    articles = [a for a in items if isinstance(a, Article)]
    t_read = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in articles)

    t0 = time.perf_counter()
    models = Models(settings)
    models.nlp("Warm-up sentence.")
    models.encoder.encode(["Warm-up sentence."])
    t_load = time.perf_counter() - t0

    stages: dict[str, list[float]] = {}
    pipeline.clean_article = _timed("clean", pipeline.clean_article, stages)  # type: ignore[assignment]
    pipeline.mark_duplicates = _timed("duplicates", pipeline.mark_duplicates, stages)  # type: ignore[assignment]
    pipeline.annotate = _timed_iter("annotate", pipeline.annotate, stages)  # type: ignore[assignment]
    pipeline.group_stories = _timed("stories", pipeline.group_stories, stages)  # type: ignore[assignment]
    pipeline.analyze_story = _timed("compare", pipeline.analyze_story, stages)  # type: ignore[assignment]

    profiler = cProfile.Profile() if profile_lines else None
    t0 = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    report = pipeline.analyze_articles(articles, settings=settings, models=models)
    if profiler is not None:
        profiler.disable()
    wall = time.perf_counter() - t0

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result: dict[str, Any] = {
        "n": len(articles),
        "words": words,
        "read_s": t_read,
        "load_s": t_load,
        "wall_s": wall,
        "rate": len(articles) / wall,
        "stages": stages,
        "stories": len(report.stories),
        "multi_stories": sum(1 for s in report.stories if len(s.article_ids) > 1),
        "duplicates": sum(1 for a in report.articles if a.duplicate_of),
        "peak_rss_mb": own.ru_maxrss / 1024,
        "worker_peak_rss_mb": children.ru_maxrss / 1024,
        "cpu_s": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
    }
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(profile_lines)
        result["profile"] = out.getvalue()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200,1000,5000", help="comma-separated article counts")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--n-process", type=int, default=0, help="spaCy processes (0 = auto, the default)")
    parser.add_argument("--profile", type=int, default=0, metavar="LINES", help="cProfile the main process")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size here, print JSON
    args = parser.parse_args()

    if args.one is not None:
        print(json.dumps(run_one(args.one, args.corpus, args.n_process, args.profile)))
        return

    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(n), "--corpus", str(args.corpus)]
        cmd += ["--n-process", str(args.n_process), "--profile", str(args.profile)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"size {n} failed (exit {done.returncode})")
        r = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(r)
        stages = "  ".join(f"{k} {wall:.1f}s (cpu {cpu:.1f}s)" for k, (wall, cpu) in r["stages"].items())
        print(
            f"{r['n']:>6} articles ({r['words'] / r['n']:.0f} words each): {r['wall_s']:7.1f}s  "
            f"{r['rate']:6.2f} articles/s  {r['words'] / r['wall_s']:7.0f} words/s  "
            f"peak RSS {r['peak_rss_mb']:.0f} MiB (worker {r['worker_peak_rss_mb']:.0f} MiB)  "
            f"cpu {r['cpu_s']:.0f}s",
            flush=True,
        )
        print(f"         {stages}", flush=True)
        print(
            f"         stories {r['stories']} ({r['multi_stories']} with 2+ articles), reprints {r['duplicates']}; "
            f"read {r['read_s']:.1f}s, model load {r['load_s']:.1f}s (not counted)",
            flush=True,
        )
        if "profile" in r:
            print(r["profile"])
    for a, b in itertools.pairwise(results):
        ratio = (b["wall_s"] / a["wall_s"]) ** (1 / math.log2(b["n"] / a["n"]))
        verdict = "ok" if ratio <= MAX_DOUBLING else f"ABOVE {MAX_DOUBLING}"
        print(f"cost per doubling {a['n']} -> {b['n']}: {ratio:.2f}x ({verdict})")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    for r in results:
        verdict = "ok" if r["rate"] >= TARGET_RATE else f"BELOW {TARGET_RATE}"
        # On a shared machine wall time overstates the cost; CPU time over the cores estimates it.
        bound = r["n"] / (r["cpu_s"] / cores)
        print(
            f"{r['n']:>6} articles: {r['rate']:.2f} articles/s ({verdict}); "
            f"{bound:.2f} articles/s at most with the {cores} cores to itself (CPU time / cores; serial stages lower it)"
        )


if __name__ == "__main__":
    main()
