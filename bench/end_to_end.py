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
whose CPU is in the total only), the sentence encoder apart (its texts, wall and
CPU seconds summed over every process that ran it: the comparison workers or
this one), the number of stories, and peak RSS
of the main process and of its largest worker, and the CPU seconds of the
process and its workers (the machine may be shared: CPU time is the steadier
figure). Then the cost ratio per
doubling between consecutive sizes, ``(t2 / t1) ** (1 / log2(n2 / n1))``,
which must stay at or below 2.2 (near-linear growth).

With ``--dense`` the articles are story-dense instead of the first N: the
largest topic/day groups of the corpus (5 to 50 articles each, largest
first), as real corpora hold one event from many outlets. The dense run also
prints the stories by size, the NLP pass's own rate beside the end-to-end
rate, and the cost of one story against its size (10, 25, 50 and 100 real
articles of one topic compared as one story), so that a step that grows
faster than the story shows.

    .venv/bin/python bench/end_to_end.py                 # 200, 1000, 5000
    .venv/bin/python bench/end_to_end.py --sizes 1000 --profile 40
    .venv/bin/python bench/end_to_end.py --dense --sizes 200,1000
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import math
import multiprocessing
import os
import pstats
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
TARGET_RATE = 12.0
MAX_DOUBLING = 2.2
#: Environment variable that carries --claim-model to the per-size child processes.
CLAIM_MODEL_ENV = "NEWSPRISM_BENCH_CLAIM_MODEL"
#: ... and --story-model.
STORY_MODEL_ENV = "NEWSPRISM_BENCH_STORY_MODEL"
#: ... and --bf16.
BF16_ENV = "NEWSPRISM_BENCH_BF16"


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


class TreeMemory:
    """Samples the summed memory of this process and all its descendants (from /proc) in a thread.

    Each process counts its proportional set size (PSS: shared pages split
    among the processes sharing them), so forked workers that share the
    parent's model pages are not counted twice; RSS where PSS is unreadable.
    Reading PSS walks each process's page tables (tens of milliseconds for
    the workers of a run): the thread waits at least :data:`SAMPLE_SHARE`'s
    inverse times as long as its last sample took, so that measuring takes
    at most that share of one core from the run it measures.
    """

    #: The most of one core that sampling may take.
    SAMPLE_SHARE = 0.01

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _tree_kib(root: int) -> int:
        parent: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as fh:
                    fields = dict(line.split(":", 1) for line in fh if ":" in line)
            except OSError:
                continue
            pid = int(entry)
            parent[pid] = int(fields.get("PPid", "0").strip() or 0)
            rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
            try:
                with open(f"/proc/{entry}/smaps_rollup", encoding="ascii", errors="replace") as fh:
                    for line in fh:
                        if line.startswith("Pss:"):
                            rss[pid] = int(line.split()[1])
                            break
            except OSError:
                pass
        total, stack = 0, [root]
        children: dict[int, list[int]] = {}
        for pid, ppid in parent.items():
            children.setdefault(ppid, []).append(pid)
        while stack:
            pid = stack.pop()
            total += rss.get(pid, 0)
            stack.extend(children.get(pid, ()))
        return total

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            cost = time.perf_counter()
            self.peak_kib = max(self.peak_kib, self._tree_kib(me))
            cost = time.perf_counter() - cost
            self._stop.wait(max(self.interval, cost / self.SAMPLE_SHARE))

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def dense_ids(corpus: Path, n: int, *, smallest: int = 5, largest: int = 50) -> list[str]:
    """Ids of ``n`` articles from the largest topic/day groups (each capped at ``largest``)."""
    import gzip

    groups: dict[tuple[str, str], list[str]] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            day, topic = (row.get("published") or "")[:10], row.get("topic")
            if len(day) == 10 and topic and (row.get("text") or "").strip():
                groups.setdefault((topic, day), []).append(row["id"])
    ranked = sorted((g for g in groups.values() if len(g) >= smallest), key=len, reverse=True)
    out: list[str] = []
    for ids in ranked:
        out.extend(ids[: min(largest, n - len(out))])
        if len(out) >= n:
            break
    return out


def topic_ids(corpus: Path, n: int) -> list[str]:
    """Ids of ``n`` distinct articles of the corpus's largest topic, nearest in date to its busiest day."""
    import gzip

    rows: list[tuple[str, str, str, str]] = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            day = (row.get("published") or "")[:10]
            if len(day) == 10 and row.get("topic") and (row.get("text") or "").strip():
                rows.append((row["topic"], day, row["id"], row["text"][:200]))
    topic = max(set(r[0] for r in rows), key=lambda t: sum(1 for r in rows if r[0] == t))
    days: dict[str, int] = {}
    for r in rows:
        if r[0] == topic:
            days[r[1]] = days.get(r[1], 0) + 1
    busiest = max(days, key=lambda d: days[d])
    picked = sorted((r for r in rows if r[0] == topic), key=lambda r: (abs(_ordinal(r[1]) - _ordinal(busiest)), r[2]))
    seen: set[str] = set()
    out: list[str] = []
    for r in picked:
        if r[3] not in seen:  # distinct articles, not reprints
            seen.add(r[3])
            out.append(r[2])
        if len(out) == n:
            break
    return out


def _ordinal(day: str) -> int:
    from datetime import date

    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return 0


def read_articles(corpus: Path, settings: Any, n: int, ids: list[str] | None) -> list[Any]:
    from newsprism.ingest import read_inputs
    from newsprism.model import Article

    if ids is None:
        items = itertools.islice(read_inputs([corpus], settings=settings), n)
        return [a for a in items if isinstance(a, Article)]
    wanted = set(ids)
    found = {a.id: a for a in read_inputs([corpus], settings=settings) if isinstance(a, Article) and a.id in wanted}
    return [found[i] for i in ids if i in found]


def story_costs(corpus: Path, n_process: int, sizes: list[int]) -> list[dict[str, float]]:
    """Wall and CPU seconds of comparing the first k of one topic's articles as one story, for each k."""
    from newsprism.compare import analyze_story
    from newsprism.config import Settings
    from newsprism.nlp.models import Models
    from newsprism.pipeline import prepare_articles

    settings = Settings(
        n_process=n_process,
        claim_model=os.environ.get(CLAIM_MODEL_ENV, "hand"),
        story_model=os.environ.get(STORY_MODEL_ENV, "hand"),
        embedding_bf16=os.environ.get(BF16_ENV) == "1",
    )
    articles = read_articles(corpus, settings, max(sizes), topic_ids(corpus, max(sizes)))
    models = Models(settings)
    cleaned, annotations = prepare_articles(articles, settings=settings, models=models)
    originals = [a for a in cleaned if a.duplicate_of is None]
    out = []
    for k in sizes:
        group = originals[:k]
        wall, cpu = time.perf_counter(), time.process_time()
        story = analyze_story("s1", group, [annotations[a.id] for a in group], models=models, settings=settings)
        out.append(
            {
                "k": len(group),
                "wall_s": time.perf_counter() - wall,
                "cpu_s": time.process_time() - cpu,
                "claims": len(story.claims),
            }
        )
    return out


def run_one(n: int, corpus: Path, n_process: int, profile_lines: int, dense: bool = False) -> dict[str, Any]:
    """Analyze ``n`` articles (the first N, or story-dense ones) in this process; return the figures."""
    from newsprism import pipeline
    from newsprism.config import Settings
    from newsprism.nlp import models as model_module
    from newsprism.nlp.models import Models

    settings = Settings(
        n_process=n_process,
        claim_model=os.environ.get(CLAIM_MODEL_ENV, "hand"),
        story_model=os.environ.get(STORY_MODEL_ENV, "hand"),
        embedding_bf16=os.environ.get(BF16_ENV) == "1",
    )
    t0 = time.perf_counter()
    articles = read_articles(corpus, settings, n, dense_ids(corpus, n) if dense else None)
    t_read = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in articles)

    t0 = time.perf_counter()
    models = Models(settings)
    models.nlp("Warm-up sentence.")
    # The encoder is not warmed up here: loaded in this process it would keep the comparison out of the
    # worker pool (forking after torch has run is unsafe), so its load counts in the run, as in the CLI.
    t_load = time.perf_counter() - t0

    stages: dict[str, list[float]] = {}
    pipeline.clean_article = _timed("clean", pipeline.clean_article, stages)  # type: ignore[assignment]
    pipeline.mark_duplicates = _timed("duplicates", pipeline.mark_duplicates, stages)  # type: ignore[assignment]
    pipeline.annotate = _timed_iter("annotate", pipeline.annotate, stages)  # type: ignore[assignment]
    pipeline.group_stories = _timed("stories", pipeline.group_stories, stages)  # type: ignore[assignment]
    pipeline.compare_stories = _timed_iter("compare", pipeline.compare_stories, stages)  # type: ignore[assignment]
    # The encoder runs in the comparison workers (forked from here) or in this process: each adds its texts,
    # wall and CPU seconds to memory shared before the fork, so the figure covers every process.
    spent = multiprocessing.get_context("fork").Array("d", 3)  # texts, wall seconds, CPU seconds
    plain_encode = model_module.Encoder.encode

    def counted_encode(self: Any, texts: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return plain_encode(self, texts)
        finally:
            with spent.get_lock():
                spent[0] += len(texts)
                spent[1] += time.perf_counter() - wall
                spent[2] += time.process_time() - cpu

    model_module.Encoder.encode = counted_encode  # type: ignore[method-assign]

    workers_cpu = [0.0]
    plain_compare = pipeline.compare_articles

    def compare_articles(*args: Any, **kwargs: Any) -> Any:
        # the comparison pool's workers are reaped when it closes, inside this call
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            return plain_compare(*args, **kwargs)
        finally:
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            workers_cpu[0] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    pipeline.compare_articles = compare_articles  # type: ignore[assignment]

    profiler = cProfile.Profile() if profile_lines else None
    with TreeMemory() as memory:
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
        "encoder": [spent[1], spent[2]],
        "compare_workers_cpu_s": workers_cpu[0],
        "encoded": int(spent[0]),
        "tree_peak_mb": memory.peak_kib / 1024,
        "story_sizes": sorted((len(s.article_ids) for s in report.stories if len(s.article_ids) > 1), reverse=True),
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
    parser.add_argument("--dense", action="store_true", help="story-dense input: the largest topic/day groups")
    parser.add_argument(
        "--story-sizes", default="10,25,50,100", help="with --dense: one story of k articles of one topic, per k"
    )
    parser.add_argument("--claim-model", default="hand", help="claim_model setting: hand, fitted or a model file")
    parser.add_argument("--story-model", default="hand", help="story_model setting: hand, fitted or a model file")
    parser.add_argument(
        "--bf16", action="store_true", help="embedding_bf16 setting: bfloat16 autocast (pays with AVX512-BF16 or AMX)"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size here, print JSON
    parser.add_argument("--costs", action="store_true", help=argparse.SUPPRESS)  # story costs here, print JSON
    args = parser.parse_args()
    os.environ[CLAIM_MODEL_ENV] = args.claim_model  # read where the settings are made
    os.environ[STORY_MODEL_ENV] = args.story_model
    os.environ[BF16_ENV] = "1" if args.bf16 else "0"

    if args.one is not None:
        print(json.dumps(run_one(args.one, args.corpus, args.n_process, args.profile, args.dense)))
        return
    if args.costs:
        sizes = [int(x) for x in args.story_sizes.split(",")]
        print(json.dumps(story_costs(args.corpus, args.n_process, sizes)))
        return

    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        cmd = [
            sys.executable,
            __file__,
            "--one",
            str(n),
            "--corpus",
            str(args.corpus),
            "--claim-model",
            args.claim_model,
            "--story-model",
            args.story_model,
        ] + (["--bf16"] if args.bf16 else [])
        cmd += ["--n-process", str(args.n_process), "--profile", str(args.profile)] + (
            ["--dense"] if args.dense else []
        )
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
        enc_wall, enc_cpu = r["encoder"]
        nlp_wall = r["stages"].get("annotate", [0.0])[0] + r["stages"].get("clean", [0.0])[0]
        nlp_rate = r["n"] / nlp_wall if nlp_wall else 0.0
        compare_cpu = r["compare_workers_cpu_s"] + sum(r["stages"].get(k, [0.0, 0.0])[1] for k in ("stories", "compare"))
        print(
            f"         comparison workers cpu {r['compare_workers_cpu_s']:.1f}s; "
            f"encoder, all processes: {r['encoded']} texts, {enc_wall:.1f}s wall, cpu {enc_cpu:.1f}s "
            f"({enc_cpu / compare_cpu if compare_cpu else 0:.0%} of grouping and comparison's CPU), "
            f"{r['encoded'] / enc_cpu if enc_cpu else 0:.0f} texts per CPU-s; "
            f"NLP pass alone {nlp_rate:.2f} articles/s, end to end {r['rate'] / nlp_rate:.0%} of it; "
            f"process tree peak {r['tree_peak_mb']:.0f} MiB",
            flush=True,
        )
        sizes = r["story_sizes"]
        print(f"         multi-article stories by size: {sizes[:30]}{' ...' if len(sizes) > 30 else ''}", flush=True)
        print(
            f"         stories {r['stories']} ({r['multi_stories']} with 2+ articles), reprints {r['duplicates']}; "
            f"read {r['read_s']:.1f}s, model load {r['load_s']:.1f}s (not counted)",
            flush=True,
        )
        if "profile" in r:
            print(r["profile"])
    if args.dense:
        cmd = [sys.executable, __file__, "--costs", "--corpus", str(args.corpus), "--n-process", str(args.n_process)]
        cmd += ["--claim-model", args.claim_model, "--story-model", args.story_model] + (["--bf16"] if args.bf16 else [])
        done = subprocess.run(cmd + ["--story-sizes", args.story_sizes], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"story costs failed (exit {done.returncode})")
        costs = json.loads(done.stdout.strip().splitlines()[-1])
        for c in costs:
            print(
                f"one story of {c['k']:>3} articles: {c['wall_s']:6.1f}s wall, {c['cpu_s']:6.1f}s cpu, {c['claims']} claims"
            )
        if len(costs) > 1 and costs[0]["cpu_s"] > 0:
            ratio = costs[-1]["cpu_s"] / costs[0]["cpu_s"]
            print(
                f"story cost {costs[-1]['k']} vs {costs[0]['k']} articles: {ratio:.1f}x cpu (linear: {costs[-1]['k'] / costs[0]['k']:.0f}x)"
            )
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
