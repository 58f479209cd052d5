"""What a growing corpus costs: adding articles to an analysed corpus, against analysing it whole.

On real, story-dense AllSides articles (``../shared/data/allsides/articles.jsonl.gz``:
the largest topic/day groups, as ``bench/end_to_end.py --dense`` picks them,
cleaned as ``newsprism ingest`` cleans them), one run prints:

1. **Adding to a large corpus.** A corpus of ``--base`` articles (default
   2,000) is analysed whole with :func:`newsprism.corpus.analyze_corpus`;
   then ``--new`` more (default 50) are added and it is analysed again. The
   new articles are spread over the stories (every k-th article of the
   groups held back), so most join a story the corpus already has: the
   costly case, where each addition makes a story be compared again. The
   second run's wall and CPU seconds (this process and its workers) are
   printed beside the first's, with what it redid: articles annotated and
   stories compared.
2. **Listing the stories** of that corpus from a freshly opened store
   (``SQLiteStore.story_titles``), in milliseconds (best of 5).
3. **Incremental against full grouping.** ``--grown`` articles (default
   1,000, story-dense) are added in ``--batches`` batches in order of
   publication (default 4), the corpus analysed
   after each; the final stories are scored by B³ against those of one full
   run over the same articles (:func:`newsprism.pipeline.analyze_articles`).

    .venv/bin/python bench/incremental.py
    .venv/bin/python bench/incremental.py --base 400 --new 20 --grown 200   # a quick look

Run it alone, through ``../shared/tools/capped``: it takes minutes and the
figures are wrong when something else runs beside it.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from newsprism.progress import Progress

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Counted(Progress):
    """A progress reporter that records how many items each stage was given, and its wall seconds."""

    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self._began: dict[str, float] = {}

    def start(self, stage: str, total: int | None, unit: str) -> None:
        self.totals[stage] = total or 0
        self._began[stage] = time.perf_counter()

    def finish(self, stage: str, done: int, *, stopped: bool = False) -> None:
        self.seconds[stage] = time.perf_counter() - self._began.get(stage, time.perf_counter())


def read(n: int, settings: Any) -> list[Any]:
    """``n`` story-dense AllSides articles, cleaned, in the order of their groups."""
    from end_to_end import dense_ids, read_articles
    from newsprism.clean import clean_article

    return [clean_article(a, settings=settings) for a in read_articles(CORPUS, settings, n, dense_ids(CORPUS, n))]


def held_back(articles: list[Any], new: int) -> tuple[list[Any], list[Any]]:
    """The articles less ``new`` of them spread evenly over the list, and those ``new``."""
    if not new:
        return articles, []
    step = len(articles) / new
    picked = {int(k * step + step / 2) for k in range(new)}
    return [a for n, a in enumerate(articles) if n not in picked], [a for n, a in enumerate(articles) if n in picked]


def timed_analysis(store: Any, settings: Any, models: Any) -> tuple[Any, dict[str, float]]:
    from newsprism.corpus import analyze_corpus

    counted = Counted()
    wall, cpu = time.perf_counter(), _cpu()
    report = analyze_corpus(store, settings=settings, models=models, progress=counted)
    figures = {
        "wall": time.perf_counter() - wall,
        "cpu": _cpu() - cpu,
        "annotated": counted.totals.get("annotate", 0),
        "compared": counted.totals.get("compare", 0),
        "stories": len(report.stories),
        **{f"{stage} s": seconds for stage, seconds in counted.seconds.items()},
    }
    return report, figures


def _line(name: str, f: dict[str, float]) -> str:
    stages = [k for k in f if k.endswith(" s")]
    rest = f["wall"] - sum(f[k] for k in stages)
    return (
        f"  {name:<28} {f['wall']:7.1f} s wall  {f['cpu']:7.1f} s cpu   annotated {int(f['annotated']):5d}"
        f"   stories compared {int(f['compared']):5d} of {int(f['stories'])}\n"
        f"  {'':<28} wall by stage: " + ", ".join(f"{k[:-2]} {f[k]:.1f}" for k in stages) + f", the rest {rest:.1f}"
        " (reading kept annotations and vectors, reprints, writing)"
    )


def adding(articles: list[Any], new: int, settings: Any, models: Any, folder: Path) -> None:
    from newsprism.store import SQLiteStore

    path = folder / "large.db"
    kept, late = held_back(articles, new)
    base = len(kept)
    with SQLiteStore(path) as store:
        store.add_articles(kept)
        _, whole = timed_analysis(store, settings, models)
        added = store.add_articles(late).added
        _, grown = timed_analysis(store, settings, models)
    print(f"adding {added} articles to an analysed corpus of {base}")
    print(_line(f"whole corpus ({base})", whole))
    print(_line(f"after adding {added}", grown))
    print(
        f"  the addition costs {grown['wall'] / whole['wall']:.1%} of the whole run's wall time,"
        f" {grown['cpu'] / whole['cpu']:.1%} of its CPU"
    )
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        with SQLiteStore(path) as store:
            titles = store.story_titles()
        best = min(best, time.perf_counter() - t0)
    print(f"listing the {len(titles)} stories of the {base + added}-article corpus (open + list): {best * 1000:.1f} ms")


def grown_against_full(articles: list[Any], batches: int, settings: Any, models: Any, folder: Path) -> None:
    from newsprism.evaluate.metrics import b_cubed
    from newsprism.pipeline import analyze_articles
    from newsprism.store import SQLiteStore

    step = -(-len(articles) // batches)
    with SQLiteStore(folder / "grown.db") as store:
        spent = {"wall": 0.0, "cpu": 0.0}
        for n in range(0, len(articles), step):
            store.add_articles(articles[n : n + step])
            grown, f = timed_analysis(store, settings, models)
            spent["wall"] += f["wall"]
            spent["cpu"] += f["cpu"]
            print(_line(f"batch {n // step + 1} ({store.count()} in all)", f))
    wall, cpu = time.perf_counter(), _cpu()
    full = analyze_articles(articles, settings=settings, models=models, clean=False)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    label = {a: n for n, s in enumerate(full.stories) for a in s.article_ids}
    score = b_cubed([s.article_ids for s in grown.stories], label)
    multi = sum(1 for s in grown.stories if len(s.article_ids) > 1)
    print(
        f"  grown in {batches} batches: {spent['wall']:.1f} s wall, {spent['cpu']:.1f} s cpu in all;"
        f" one full run: {wall:.1f} s wall, {cpu:.1f} s cpu"
    )
    print(
        f"  stories grown against one full run over the {len(articles)} articles: B³ P {score.precision:.3f}"
        f" R {score.recall:.3f} F1 {score.f1:.3f} ({len(grown.stories)} stories, {multi} with 2+ articles;"
        f" full run {len(full.stories)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=2000, help="articles in the analysed corpus")
    parser.add_argument("--new", type=int, default=50, help="articles then added")
    parser.add_argument("--grown", type=int, default=1000, help="articles grown in batches for the B³ check (0: none)")
    parser.add_argument("--batches", type=int, default=4)
    args = parser.parse_args()
    from newsprism.config import Settings
    from newsprism.nlp.models import Models

    settings = Settings()
    models = Models(settings)
    articles = read(args.base + args.new, settings)
    with tempfile.TemporaryDirectory() as folder:
        adding(articles, args.new, settings, models, Path(folder))
        if not args.grown:
            return
        grown = sorted(read(args.grown, settings), key=lambda a: (a.published or "", a.id))
        print(f"growing {len(grown)} articles in {args.batches} batches in order of publication, against one full run")
        grown_against_full(grown, args.batches, settings, models, Path(folder))


if __name__ == "__main__":
    main()
