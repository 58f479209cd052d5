"""Throughput and removal figures of the cleaning stage on the AllSides corpus.

    .venv/bin/python bench/bench_clean.py [--limit N] [--show REASON] [--sample K]

Prints articles/s, characters/s, removals per reason, and with ``--show`` a
random sample of removed pieces of one reason, to audit false positives.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections import Counter
from pathlib import Path

from newsprism.clean import clean_article
from newsprism.config import Settings
from newsprism.model import Article

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides" / "articles.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--show", default=None, help="print a sample of removed pieces with this reason")
    parser.add_argument("--sample", type=int, default=30)
    args = parser.parse_args()

    articles = []
    with gzip.open(args.path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            articles.append(Article(id=row["id"], text=row.get("text") or "", title=row.get("title")))
            if len(articles) >= args.limit:
                break
    settings = Settings()
    clean_article(articles[0], settings=settings)  # load the language model outside the timing

    start, cpu_start = time.perf_counter(), time.process_time()
    cleaned = [clean_article(a, settings=settings) for a in articles]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start

    chars = sum(len(a.text) for a in articles)
    reasons = Counter(r.reason for a in cleaned for r in a.removed)
    languages = Counter(a.language for a in cleaned)
    print(f"{len(articles)} articles, {chars / 1e6:.1f} M chars in {elapsed:.2f} s: "
          f"{len(articles) / elapsed:.0f} articles/s, {chars / elapsed / 1e6:.2f} M chars/s "
          f"(CPU time {cpu:.2f} s: {len(articles) / cpu:.0f} articles/s; wall time suffers when other jobs share the cores)")
    print("removals:", dict(reasons.most_common()))
    print("articles with any removal:", sum(bool(a.removed) for a in cleaned))
    print("languages:", dict(languages.most_common(8)))
    if args.show:
        pieces = [(a.id, r) for a in cleaned for r in a.removed if r.reason == args.show]
        for article_id, removal in random.Random(0).sample(pieces, min(args.sample, len(pieces))):
            print(f"  [{article_id}] {removal.detail}: {removal.text[:160]!r}")


if __name__ == "__main__":
    main()
