"""Reading throughput and memory on the AllSides corpus (37k articles, JSON Lines, gzip).

    .venv/bin/python bench/read_allsides.py [--path FILE] [--limit N] [--no-progress]

Streams the file through ``read_inputs`` (the reader a user's JSONL goes
through) with a tqdm progress bar, and prints the article and failure counts,
articles per second, and the peak resident memory of the process, which stays
flat however large the file is because lines are read one at a time.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.model import Article

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides" / "articles.jsonl.gz"


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="stop after this many articles and failures")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args()

    settings = Settings()
    rss_before = peak_rss_mib()
    articles = failures = chars = 0
    reasons: Counter[str] = Counter()
    start = time.perf_counter()
    items = itertools.islice(read_inputs([args.path], settings=settings), args.limit)
    for item in tqdm(items, total=args.limit, unit=" articles", disable=args.no_progress, mininterval=0.5):
        if isinstance(item, Article):
            articles += 1
            chars += len(item.text)
        else:
            failures += 1
            reasons[item.error.split(" (")[0]] += 1
    elapsed = time.perf_counter() - start

    print(f"file: {args.path}")
    print(f"articles: {articles:,}  failures: {failures:,}  characters: {chars:,}")
    for reason, n in reasons.most_common(5):
        print(f"  {n:,} x {reason}")
    print(f"throughput: {articles / elapsed:,.0f} articles/s ({chars / elapsed / 1e6:.1f} M chars/s, {elapsed:.1f} s)")
    print(f"peak RSS: {peak_rss_mib():.0f} MiB (before reading: {rss_before:.0f} MiB)")


if __name__ == "__main__":
    main()
