"""Throughput of the NLP pass against the raw spaCy model, in the same run.

Reads N articles from the AllSides corpus (gzipped JSONL) and times, for each
``n_process``:

* ``raw``: ``nlp.pipe`` of the stock ``en_core_web_sm`` pipeline, consuming the
  Docs and nothing else;
* ``pipe``: ``nlp.pipe`` of our pipeline (sentence hints, fast attribute ruler);
* ``annotate``: :func:`newsprism.nlp.annotate`, i.e. the pipe plus sentences,
  mentions, quotes, dates and citations.

``overhead`` is annotate's extra time over raw. Wall time suffers when other
work shares the machine, so CPU time (this process and its workers) is shown
too: ``cpu/article`` is what a dedicated core pays per article. With
``--profile`` it also splits the per-document work (n_process 1) by stage.

    .venv/bin/python bench/nlp_throughput.py -n 2000 --n-process 1,2
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from newsprism.config import Settings
from newsprism.model import Article
from newsprism.nlp import annotate
from newsprism.nlp.models import Models, load_spacy

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides" / "articles.jsonl.gz"


def load_articles(path: Path, n: int) -> list[Article]:
    out: list[Article] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record.get("content") or record.get("text") or ""
            if text.strip():
                out.append(Article(id=str(record.get("id", len(out))), text=text, title=record.get("title")))
            if len(out) >= n:
                break
    return out


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[], Iterable[object]]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its finished workers)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in run():
        pass
    return time.perf_counter() - start, cpu_seconds() - cpu


def profile(models: Models, articles: list[Article]) -> None:
    """Seconds per stage of the per-document work, one process."""
    from newsprism.nlp.citations import find_citations
    from newsprism.nlp.dates import resolve_dates
    from newsprism.nlp.entities import extract_mentions
    from newsprism.nlp.quotes import extract_quotes
    from newsprism.nlp.sentences import split_sentences

    totals = dict.fromkeys(("sentences", "mentions", "quotes", "dates", "citations"), 0.0)
    spacy_time = 0.0
    docs = iter(models.nlp.pipe((a.text for a in articles), batch_size=32))
    for article in articles:
        t0 = time.perf_counter()
        doc = next(docs)
        t1 = time.perf_counter()
        spacy_time += t1 - t0
        sentences = split_sentences(doc, article)
        t2 = time.perf_counter()
        mentions = extract_mentions(doc, article)
        t3 = time.perf_counter()
        extract_quotes(doc, article, sentences, mentions)
        t4 = time.perf_counter()
        resolve_dates(doc, article)
        t5 = time.perf_counter()
        find_citations(doc, article, mentions)
        t6 = time.perf_counter()
        for key, dt in zip(totals, (t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True):
            totals[key] += dt
    ours = sum(totals.values())
    print(f"profile (n_process 1, {len(articles)} articles): spaCy {spacy_time:.2f}s, ours {ours:.2f}s")
    for key, dt in totals.items():
        print(f"  {key:<10} {dt:7.2f}s  {100 * dt / spacy_time:5.1f}% of spaCy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=2000, help="articles to process (default 2000)")
    parser.add_argument("--n-process", default="1,2", help="comma-separated n_process values (default 1,2)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--profile", action="store_true", help="also split the per-document work by stage")
    args = parser.parse_args()

    articles = load_articles(args.corpus, args.n)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words} words ({words / len(articles):.0f} per article)")
    models = Models(Settings())
    nlp = models.nlp
    stock = load_spacy(Settings().spacy_model)
    list(nlp.pipe(a.text for a in articles[:8]))  # warm up
    list(stock.pipe(a.text for a in articles[:8]))
    texts = [a.text for a in articles]
    for n_process in (int(x) for x in args.n_process.split(",")):
        settings = Settings(n_process=n_process, spacy_batch_size=args.batch_size)

        def raw(n: int = n_process) -> Iterable[object]:
            return stock.pipe(texts, batch_size=args.batch_size, n_process=n)

        def ours(n: int = n_process) -> Iterable[object]:
            return nlp.pipe(texts, batch_size=args.batch_size, n_process=n)

        def full(s: Settings = settings) -> Iterable[object]:
            return annotate(articles, models=models, settings=s)

        (t_raw, c_raw), (t_pipe, c_pipe), (t_full, c_full) = timed(raw), timed(ours), timed(full)
        print(f"n_process={n_process}")
        for name, t, c in (
            ("raw nlp.pipe", t_raw, c_raw),
            ("our nlp.pipe", t_pipe, c_pipe),
            ("annotate", t_full, c_full),
        ):
            print(
                f"  {name:<13} {t:7.1f}s  {len(articles) / t:6.2f} articles/s  {words / t:8.0f} words/s"
                f"  | cpu {1000 * c / len(articles):6.1f} ms/article"
            )
        print(
            f"  overhead      wall {100 * (t_full - t_raw) / t_raw:+.1f}%, cpu {100 * (c_full - c_raw) / c_raw:+.1f}%"
            " over raw nlp.pipe of the stock model"
        )
        print(
            f"  overhead      wall {100 * (t_full - t_pipe) / t_pipe:+.1f}%, cpu {100 * (c_full - c_pipe) / c_pipe:+.1f}%"
            " over our nlp.pipe (the annotation work alone)"
        )
    if args.profile:
        profile(models, articles[: min(len(articles), 300)])


if __name__ == "__main__":
    main()
