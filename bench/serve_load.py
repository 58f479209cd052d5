"""A bounded load test of ``newsprism serve`` over loopback: requests/s, p50 and p95 latency, errors.

Builds (once, under ``build/serve_load/``) a corpus store of ``--articles``
story-dense AllSides articles, ingested and analysed as ``newsprism ingest``
and ``analyze --db`` do, or uses ``--db``. Then serves it with uvicorn on
127.0.0.1 (a free port) in this process and sends ``--requests`` requests
(bounded, by ``--clients`` threads) over a fixed mix of pages: the story list
(plain, searched, filtered, sorted, a later page) and its JSON twin, story
pages, their JSON twins and matrix CSVs (the largest stories first), and
article pages and their JSON.

First it asks for every page of the mix once, one at a time, on a fresh app,
in ``--rounds`` rounds, and prints each route's cold render times (nothing
cached: each page's median over the rounds, then p50 and max), the figure to
hold under 300 ms. Then the load: per route, the count, p50 and p95 latency and
errors, and the whole run's requests/s.

    .venv/bin/python bench/serve_load.py                     # 300 articles, 200 requests, 2 clients
    .venv/bin/python bench/serve_load.py --articles 2000 --requests 400
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

os.environ.setdefault("OMP_NUM_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
OUT = ROOT / "build" / "serve_load"


def build(n: int) -> Path:
    """A store of ``n`` story-dense AllSides articles, ingested and analysed (kept for later runs)."""
    from end_to_end import CORPUS, dense_ids, read_articles
    from newsprism.clean import clean_article
    from newsprism.config import Settings
    from newsprism.corpus import analyze_corpus
    from newsprism.store import SQLiteStore

    path = OUT / f"corpus-{n}.db"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    settings = Settings(n_process=2)
    articles = [clean_article(a, settings=settings) for a in read_articles(CORPUS, settings, n, dense_ids(CORPUS, n))]
    started = time.perf_counter()
    with SQLiteStore(path) as store:
        store.add_articles(articles)
        analyze_corpus(store, settings=settings)
    print(f"built {path} ({len(articles)} articles) in {time.perf_counter() - started:.0f} s")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="an analysed store (default: build one)")
    parser.add_argument("--articles", type=int, default=300, help="articles of the store to build (default 300)")
    parser.add_argument("--requests", type=int, default=200, help="requests in all (default 200)")
    parser.add_argument("--clients", type=int, default=2, help="concurrent clients (default 2)")
    parser.add_argument("--no-settle", action="store_true", help="serve without freezing the process's objects first")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of cold renders, each on a fresh app (default 3)")
    args = parser.parse_args()

    import httpx
    import uvicorn

    from newsprism.store import SQLiteStore
    from newsprism.web import create_app, settle
    from newsprism.web.app import article_path

    db = args.db or build(args.articles)
    with SQLiteStore(db, readonly=True) as store:
        titles = sorted(store.story_titles(), key=lambda t: -t[2])
        some_articles = [a.id for _, a in zip(range(10), store.articles(), strict=False)]
        # and an article of each of the largest stories, whose pages read the most
        some_articles += [story.article_ids[0] for t in titles[:10] if (story := store.story(t[0])) is not None]
        print(f"{db}: {store.count()} articles, {len(titles)} stories (largest {[t[2] for t in titles[:5]]})")
    stories = [t[0] for t in titles[:10]]
    words = [max(t[1].split(), key=len).strip(".,:;'\"!?").lower() for t in titles[:5]]
    mix = [("list", "/"), ("list", "/?sort=newest"), ("list", "/?lean=left&singles=true"), ("list", "/?page=2&per_page=20")]
    mix += [("list", "/?blindspot=any&singles=true&sort=outlets")]
    mix += [("list search", f"/?q={quote(w)}") for w in words] + [("stories.json", "/stories.json")]
    mix += [("stories.json", f"/stories.json?q={quote(w)}&singles=true") for w in words[:2]]
    mix += [("story page", f"/stories/{s}") for s in stories] + [("story json", f"/stories/{s}.json") for s in stories]
    mix += [("story csv", f"/stories/{s}.csv") for s in stories[:5]]
    mix += [("article json", f"{article_path(a)}.json") for a in some_articles]
    mix += [("article page", article_path(a)) for a in some_articles]

    def serve() -> tuple[Any, threading.Thread, int]:
        """A fresh app (nothing rendered yet) served on 127.0.0.1, a free port."""
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
        if not args.no_settle:
            settle()  # as newsprism serve does
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start on 127.0.0.1:{port}")
            time.sleep(0.05)
        return server, thread, port

    # cold renders: each page once on a fresh app, in --rounds rounds; a page's figure is its median over the
    # rounds (the machine is noisy), then p50 and max over the route's pages
    rounds: dict[str, list[tuple[float, float, float]]] = {}  # url -> (request, app wall, app CPU) per round
    for n in range(args.rounds):
        server, thread, port = serve()
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            for _, url in dict.fromkeys(mix):
                started = time.perf_counter()
                response = http.get(url)
                took = time.perf_counter() - started
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code}")
                # the app's own time (load + render, from its Server-Timing header), without the transfer
                timing = dict(re.findall(r"(\w+);dur=([0-9.]+)", response.headers.get("server-timing", "")))
                app = (float(timing["load"]) + float(timing["render"])) / 1000 if timing else -1.0
                rounds.setdefault(url, []).append((took, app, float(timing["cpu"]) / 1000 if timing else -1.0))
        if n < args.rounds - 1:
            server.should_exit = True
            thread.join(timeout=10)
    cold: dict[str, list[float]] = {}
    served: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    slowest: dict[str, tuple[float, str]] = {}
    for name, url in dict.fromkeys(mix):
        took, app, used = (statistics.median(v) for v in zip(*rounds[url], strict=True))
        cold.setdefault(name, []).append(took)
        if app >= 0:
            served.setdefault(name, []).append(app)
            cpu.setdefault(name, []).append(used)
            slowest[name] = max(slowest.get(name, (0.0, "")), (app, url))
    print(f"cold renders (each page once on a fresh app; a page's median of {args.rounds} rounds): the app's")
    print("load + render (wall, and CPU, from its Server-Timing header), and the whole request")
    head = ("app p50", "app max", "cpu p50", "cpu max", "req p50", "req max")
    print(f"{'route':<14} {'pages':>6} " + " ".join(f"{h:>8}" for h in head) + "  (ms)")

    def ms(values: list[float], pick: object) -> str:
        return f"{1000 * (statistics.median(values) if pick == 'p50' else max(values)):>8.1f}" if values else f"{'-':>8}"

    for name, took_all in cold.items():
        own, used_all = served.get(name, []), cpu.get(name, [])
        figures = [ms(own, "p50"), ms(own, "max"), ms(used_all, "p50"), ms(used_all, "max"), ms(took_all, "p50"), ms(took_all, "max")]
        worst = f"  slowest {slowest[name][1]}" if name in slowest else ""
        print(f"{name:<14} {len(took_all):>6} " + " ".join(figures) + worst)

    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(args.requests))

    def client() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            for n in counter:
                name, url = mix[n % len(mix)]
                started = time.perf_counter()
                try:
                    ok = http.get(url).status_code == 200
                except httpx.HTTPError:
                    ok = False
                took = time.perf_counter() - started
                with lock:
                    timings.setdefault(name, []).append(took)
                    if not ok:
                        errors[name] = errors.get(name, 0) + 1

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(args.clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - started
    server.should_exit = True
    thread.join(timeout=10)

    print(f"load: {args.requests} requests, {args.clients} clients (every page of the mix was rendered above: kept pages)\n{'route':<14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>6}")
    for name, took in timings.items():
        took.sort()
        p95 = took[min(len(took) - 1, int(0.95 * len(took)))]
        print(
            f"{name:<14} {len(took):>8} {1000 * statistics.median(took):>8.1f} {1000 * p95:>8.1f} "
            f"{1000 * took[-1]:>8.1f} {errors.get(name, 0):>6}"
        )
    total = sum(len(t) for t in timings.values())
    print(f"{total} requests in {wall:.1f} s: {total / wall:.1f} requests/s, {sum(errors.values())} errors")


if __name__ == "__main__":
    main()
