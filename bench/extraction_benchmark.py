"""HTML extraction quality of the reader on the article-extraction benchmark.

    .venv/bin/python bench/extraction_benchmark.py [--data DIR] [--worst K]

Reads the benchmark's gzip-compressed pages through ``read_inputs`` (the
same path a user's HTML takes) and compares each page's text with the
ground-truth ``articleBody``. Tokens are runs of word characters. Prints
precision, recall and F1 of tokens, both micro (counts pooled over all pages)
and mean (per page, each page's counts normalised to sum to one, F1 of the
mean precision and mean recall: the benchmark's own way of averaging), and
the same mean figures over 4-token shingles, which the benchmark's README
ranks libraries by. Then pages per second, and with ``--worst`` the pages
with the lowest F1.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.model import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction-benchmark"
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Counts:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def grams(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = WORD.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def compare(truth: str, predicted: str, n: int) -> Counts:
    expected, found = grams(truth, n), grams(predicted, n)
    return Counts(
        tp=sum((expected & found).values()),
        fp=sum((found - expected).values()),
        fn=sum((expected - found).values()),
    )


def mean_scores(per_page: list[Counts]) -> tuple[float, float, float]:
    """Precision and recall averaged over pages (each page's counts scaled to sum to 1), and their F1."""
    precisions = [c.precision for c in per_page if c.tp + c.fp > 0]
    recalls = [c.recall for c in per_page if c.tp + c.fn > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def micro_scores(per_page: list[Counts]) -> tuple[float, float, float]:
    pooled = Counts(sum(c.tp for c in per_page), sum(c.fp for c in per_page), sum(c.fn for c in per_page))
    return pooled.precision, pooled.recall, pooled.f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--worst", type=int, default=0, help="list the K pages with the lowest token F1")
    args = parser.parse_args()

    truth = {k: v.get("articleBody") or "" for k, v in json.loads((args.data / "ground-truth.json").read_text()).items()}
    pages = sorted((args.data / "html").glob("*.html.gz"))
    settings = Settings()
    predicted: dict[str, str] = {}
    failures = []
    start = time.perf_counter()
    for item in read_inputs(pages, settings=settings):
        if isinstance(item, Article):
            predicted[item.id] = item.text
        else:
            failures.append(item)
    elapsed = time.perf_counter() - start

    keys = sorted(truth)
    tokens = [compare(truth[k], predicted.get(k, ""), 1) for k in keys]
    shingles = [compare(truth[k], predicted.get(k, ""), 4) for k in keys]
    print(f"pages: {len(pages)}  ground truth: {len(truth)}  extracted: {len(predicted)}  failures: {len(failures)}")
    for failure in failures:
        print(f"  failed: {failure.input}: {failure.error}")
    print(f"{'':24}{'precision':>10}{'recall':>10}{'F1':>10}")
    for label, (p, r, f) in (
        ("tokens, micro", micro_scores(tokens)),
        ("tokens, mean per page", mean_scores(tokens)),
        ("4-shingles, mean", mean_scores(shingles)),
    ):
        print(f"{label:24}{p:>10.3f}{r:>10.3f}{f:>10.3f}")
    print(f"throughput: {len(pages) / elapsed:.1f} pages/s ({elapsed:.1f} s, read + decompress + extract)")
    if args.worst:
        print(f"worst {args.worst} pages by token F1:")
        ranked = sorted(zip(keys, tokens, strict=True), key=lambda kc: kc[1].f1)[: args.worst]
        for key, counts in ranked:
            print(f"  {counts.f1:.3f}  P={counts.precision:.3f} R={counts.recall:.3f}  {key}")


if __name__ == "__main__":
    main()
