"""Claim alignment on real multi-outlet stories: figures to reproduce and output to judge by eye.

    .venv/bin/python bench/claims_eval.py PATH.jsonl [PATH.jsonl ...] [--quiet] [--singles]

Runs the full pipeline (:func:`newsprism.pipeline.analyze_articles`) on the
articles of each JSONL file (one article per line: ``id``, ``text``, and
optionally ``title``, ``outlet``, ``published``, ``url``) and prints, per
story: articles, independent outlets, claims, multi-outlet claims, the
disagreements by kind, the share of claims marked off topic, and the time
the claim stage took. Unless ``--quiet``, it also prints every multi-outlet
claim with its support sentences and every disagreement with both sides, so
precision can be judged by eye; ``--singles`` adds the single-source claims.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import newsprism.compare as compare_stage
from newsprism.compare.claims import outlet_keys
from newsprism.config import Settings
from newsprism.model import Article, Claim, Report
from newsprism.nlp.models import Models
from newsprism.pipeline import analyze_articles


def read_jsonl(path: Path) -> list[Article]:
    """The articles of a JSONL file, as the pipeline reads them."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            out.append(
                Article(
                    id=r["id"],
                    text=r.get("text") or "",
                    title=r.get("title"),
                    url=r.get("url"),
                    outlet=r.get("outlet"),
                    published=r.get("published"),
                )
            )
    return out


def _timed(fn: Callable[..., Any], seconds: dict[str, float]) -> Callable[..., Any]:
    """``finish_claims`` (the claims half of a story's comparison) that records its wall time per story id."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[kwargs["story_id"]] = time.perf_counter() - start

    return wrapper


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_story(report: Report, story_index: int, seconds: float, *, verbose: bool, singles: bool) -> dict[str, Any]:
    story = report.stories[story_index]
    articles = [report.article(a) for a in story.article_ids]
    outlets = outlet_keys(articles)
    label = {a.id: (a.outlet or a.id) for a in articles}

    def n_outlets(c: Claim) -> int:
        return len({outlets[s.article] for s in c.support})

    multi = [c for c in story.claims if n_outlets(c) > 1]
    kinds = Counter(d.kind for d in story.disagreements)
    off = sum(c.off_topic for c in story.claims)
    row = {
        "story": story.id,
        "title": story.title,
        "articles": len(articles),
        "outlets": len(set(outlets.values())),
        "claims": len(story.claims),
        "multi": len(multi),
        "disagreements": dict(kinds),
        "off_topic_share": round(off / len(story.claims), 3) if story.claims else 0.0,
        "claims_s": round(seconds, 2),
    }
    print(
        f"\n=== {story.id} {story.title!r}: {row['articles']} articles, {row['outlets']} outlets, "
        f"{row['claims']} claims, {row['multi']} multi-outlet, disagreements {dict(kinds) or '{}'}, "
        f"off-topic {row['off_topic_share']:.0%}, claims stage {seconds:.2f}s"
    )
    if not verbose:
        return row
    by_id = {c.id: c for c in story.claims}
    for c in multi:
        print(f"  [{c.id}] {n_outlets(c)} outlets{' OFF' if c.off_topic else ''}")
        for s in c.support:
            print(f"      {label[s.article][:18]:18} {c.stance.get(s.article, '')[:4]:4} {_short(s.text)}")
    for d in story.disagreements:
        print(f"  <{d.kind}> {_short(d.explanation, 300)}")
        for cid in d.claims:
            for s in by_id[cid].support:
                print(f"      {cid.split('-')[-1]:4} {label[s.article][:18]:18} {_short(s.text)}")
    if singles:
        for c in story.claims:
            if n_outlets(c) == 1:
                flag = "OFF" if c.off_topic else "   "
                print(f"   1 {flag} {label[c.support[0].article][:18]:18} {_short(c.text, 160)}")
    return row


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--quiet", action="store_true", help="counts only")
    parser.add_argument("--singles", action="store_true", help="also print single-source claims")
    args = parser.parse_args(argv)

    settings = Settings()
    models = Models(settings)
    seconds: dict[str, float] = {}
    original = compare_stage.finish_claims
    compare_stage.finish_claims = _timed(original, seconds)
    try:
        for path in args.paths:
            articles = read_jsonl(path)
            start = time.perf_counter()
            report = analyze_articles(articles, settings=settings, models=models)
            total = time.perf_counter() - start
            print(f"\n##### {path}: {len(articles)} articles, {len(report.stories)} stories, {total:.1f}s end to end")
            rows = [
                print_story(report, n, seconds.get(s.id, 0.0), verbose=not args.quiet, singles=args.singles)
                for n, s in enumerate(report.stories)
            ]
            kinds: Counter[str] = Counter()
            for r in rows:
                kinds.update(r["disagreements"])
            print(
                f"\nTOTAL {path.name}: claims {sum(r['claims'] for r in rows)}, "
                f"multi-outlet {sum(r['multi'] for r in rows)}, disagreements {dict(kinds)}, "
                f"claims stage {sum(r['claims_s'] for r in rows):.1f}s"
            )
    finally:
        compare_stage.finish_claims = original


if __name__ == "__main__":
    main()
