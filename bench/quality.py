"""Claim alignment and story grouping on labelled data, beside baselines from the same run.

    .venv/bin/python bench/quality.py                 # ECB+ check topics and the story gold
    .venv/bin/python bench/quality.py --ecb-topics 1-25 --gold-split fit   # the data the pair model is fitted on
    .venv/bin/python bench/quality.py --set claim_model=hand               # any setting overridden

Prints, for each gold set: newsprism's claim-pair precision/recall/F1, the
same for two TF-IDF baselines (cosine >= 0.3; mutual best match), and story
grouping B³. Then numeric and date disputes on their gold
(``tests/gold/disputes``): precision and recall for newsprism and a figure
baseline (different numbers before the same word, from different outlets). Then the stance of each
claim's sentences and the denials (``tests/gold/stances``): stance accuracy and
denial precision/recall beside a keyword baseline. Then the coverage cells of the seeds and ``examples/``
(``tests/gold/cells``): cell accuracy, the part or absent cells shown as carrying the claim, and
per-kind precision/recall, beside the matrix that ticks every supporting article. Then the briefs' citations
on the story-dense AllSides input that readers judged (``tests/gold/citations``): how many of the articles a
brief sentence cites state its fact (citations the readers have not seen are counted apart), beside citing
every article that supports the claim. Then news or
opinion on held-back AllSides articles labelled by their outlet's section, beside a baseline that
reads only URL paths and title markers. Then story grouping on its own labelled data: the story windows
(``tests/gold/story_groups``: every AllSides article of a topic over three
days, labelled by event) and the ECB+ topics, all of a set's articles grouped
as one corpus, by B³ and article pairs, beside a TF-IDF average-link baseline,
with the gold stories split and the predicted stories merged (and, for ECB+,
the topics whose two sibling events stay apart). ECB+ is split by topic: topics 1-25 are for fitting, 26-35 for
checking; the story gold is split by ``tests/gold/split.json``. By default
only the check topics and the held-back gold stories are printed.

The NLP pass and the sentence vectors are cached under ``--cache`` (keyed by
the input, the settings and the code), so rescoring after a change to the
comparison takes seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus-dev"
GOLD = ROOT / "tests" / "gold" / "stories"
DISPUTES = ROOT / "tests" / "gold" / "disputes"
STANCES = ROOT / "tests" / "gold" / "stances"
CELLS = ROOT / "tests" / "gold" / "cells"
CITATIONS = ROOT / "tests" / "gold" / "citations"
#: The input folder each coverage-cell gold file labels.
CELL_INPUTS = {"seeds": ROOT.parent / "shared" / "seeds", "examples": ROOT / "examples"}
WINDOWS = ROOT / "tests" / "gold" / "story_groups"
GENRE_READ = ROOT / "tests" / "gold" / "genre" / "section_conflicts.json"
CORPUS = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
FIT_TOPICS = range(1, 26)
CHECK_TOPICS = range(26, 36)


def topics(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def print_disputes(gold, settings, cache, evaluate, *, part: str, show_false: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Numeric and date disputes on their gold (``part``: fit, held-back or all): newsprism beside the figure baseline."""
    stories = len(gold.docs.stories())
    print(f"\n== disputes, {gold.docs.name}, {part}: {len(gold.docs.docs)} articles, {stories} stories")
    results = evaluate(gold, settings=settings, cache=cache)
    for kind in ("numeric", "date"):
        for r in results:
            print(
                f"{kind:<8} {r.name:<16} P {r.precision(kind):.3f}  R {r.recall(kind):.3f}  "
                f"({r.reported[kind]} reported: {r.true[kind]} true, {r.evolving[kind]} evolving, "
                f"{r.same_outlet[kind]} same outlet; {r.found[kind]} of {r.gold[kind]} gold found)"
            )
    if show_false:
        for item in results[0].false_examples:
            print(f"  false {item.kind} [{item.story}] {item.text}")


def print_stances(gold, settings, cache, evaluate) -> None:  # type: ignore[no-untyped-def]
    """Stance accuracy and denials on their gold: newsprism beside the keyword baseline."""
    print(f"\n== stances and denials, {gold.docs.name}: {len(gold.stances)} labelled sentences, {len(gold.denials)} denials")
    for r in evaluate(gold, settings=settings, cache=cache):
        print(
            f"{r.name:<17} stance accuracy {r.accuracy:.3f} ({r.correct}/{r.labelled})  denials P {r.denial_precision:.3f}"
            f"  R {r.denial_recall:.3f}  ({r.reported_denials} reported, {r.found_denials} found, "
            f"{r.attached_denials} on the denied claim; {r.recalled_denials} of {r.gold_denials} gold)"
        )
        wrong = sorted(((g, got), n) for (g, got), n in r.confusion.items() if g != got)
        print("                  misread: " + ", ".join(f"{g}->{got} {n}" for (g, got), n in wrong))


def print_cells(settings, load, evaluate) -> None:  # type: ignore[no-untyped-def]
    """Coverage cells on their gold: newsprism beside the matrix that ticks every supporting article."""
    inputs = []
    for path in sorted(CELLS.glob("*.json")):
        gold = load(path)
        folder = CELL_INPUTS.get(gold.input)
        if folder is None or not folder.is_dir():
            print(f"quality: the input of {path.name} ({gold.input}) was not found; skipped", file=sys.stderr)
            continue
        inputs.append((folder, gold))
    if not inputs:
        return
    names = ", ".join(g.input for _, g in inputs)
    print(f"\n== coverage cells, {names}: {sum(len(g.cells) for _, g in inputs)} labelled cells")
    for r in evaluate(inputs, settings=settings):
        kinds = "  ".join(
            f"{k} P {r.precision(k):.2f} R {r.recall(k):.2f}" for k in ("states", "reports", "denies", "part")
        )
        print(
            f"{r.name:<17} accuracy {r.accuracy:.3f} ({r.correct}/{r.cells})  part or absent shown as carried "
            f"{r.false_carries}/{r.not_carried}  cells whose anchor is in no claim {r.unmatched}, in another labelled claim {r.merged}"
        )
        print(f"                  {kinds}")


def print_citations(settings, cache) -> None:  # type: ignore[no-untyped-def]
    """Brief citations on the input the readers judged (``tests/gold/citations``): how many state the fact."""
    from newsprism.evaluate.citations import evaluate_citations, load_citation_gold, read_articles

    if not CORPUS.is_file():
        print(f"quality: AllSides corpus not found at {CORPUS}; judged citations skipped", file=sys.stderr)
        return
    for path in sorted(CITATIONS.glob("*.json")):
        gold = load_citation_gold(path)
        print(f"\n== brief citations, {gold.name}: {len(gold.ids)} articles, {len(gold.labels)} judged citations")
        articles = read_articles(CORPUS, gold.ids, settings)  # once for both runs
        ours = evaluate_citations(gold, CORPUS, settings=settings, cache=cache, articles=articles)
        print(f"newsprism         {ours.row()}")
        every = replace(settings, brief_cite_probability=0.0)
        print(f"every supporter   {evaluate_citations(gold, CORPUS, settings=every, cache=cache, articles=articles).row()}")


def print_genre(scores) -> None:  # type: ignore[no-untyped-def]
    """News-or-opinion scores, one line each."""
    for r in scores:
        print(f"{r.name:<20} accuracy {r.accuracy:.3f}  opinion P {r.precision:.3f}  R {r.recall:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecb-topics", default="26-35", help="ECB+ topics to score (default: the check topics 26-35)")
    parser.add_argument("--no-ecb", action="store_true", help="skip ECB+")
    parser.add_argument("--no-gold", action="store_true", help="skip the hand-made story gold")
    parser.add_argument("--gold-stories", nargs="*", help="only these gold stories (file stems)")
    parser.add_argument(
        "--gold-split",
        choices=("all", "fit", "held-back"),
        default="held-back",
        help="which gold stories to score (tests/gold/split.json; default: those held back from fitting)",
    )
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a setting")
    parser.add_argument("--no-grouping", action="store_true", help="skip story grouping")
    parser.add_argument(
        "--window-split",
        choices=("all", "fit", "held-back"),
        default="held-back",
        help="which story windows to score (every third held back; default: those held back)",
    )
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "quality", help="cache folder")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--per-story", action="store_true", help="also print each gold story's claim-pair figures")
    parser.add_argument("--no-disputes", action="store_true", help="skip the numeric and date dispute gold")
    parser.add_argument("--no-stances", action="store_true", help="skip the stance and denial gold")
    parser.add_argument("--no-cells", action="store_true", help="skip the coverage-cell gold")
    parser.add_argument("--no-citations", action="store_true", help="skip the judged brief citations")
    parser.add_argument(
        "--genre", type=int, default=400, metavar="N", help="held-back AllSides articles for news or opinion (0: skip)"
    )
    parser.add_argument("--show-false", action="store_true", help="print newsprism's false disputes")
    parser.add_argument(
        "--dispute-split",
        choices=("fit", "held-back", "all", "both"),
        default="both",
        help="which dispute gold to score (tests/gold/split.json; default: the fit and the held-back stories apart)",
    )
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(2)
    import tomllib

    from newsprism.config import load_settings
    from newsprism.evaluate import (
        EvalCache,
        SetResult,
        dispute_split,
        ecb_groups,
        evaluate_cells,
        evaluate_disputes,
        evaluate_grouping,
        evaluate_set,
        evaluate_stances,
        gold_split,
        group_split,
        load_cell_gold,
        load_dispute_gold,
        load_ecbplus,
        load_stance_gold,
        load_story_gold,
        load_story_groups,
    )

    overrides: dict[str, object] = {}
    for item in args.set:
        key, _, value = item.partition("=")
        try:  # a TOML value, as in a settings file (0.7, 2, true, "x"); else the bare text
            overrides[key] = tomllib.loads(f"v = {value}")["v"]
        except tomllib.TOMLDecodeError:
            overrides[key] = value
    settings = load_settings(**overrides)
    cache = None if args.no_cache else EvalCache(args.cache)
    sets = []
    if not args.no_ecb:
        if not ECB.is_dir():
            print(f"quality: ECB+ not found at {ECB}; skipped", file=sys.stderr)
        else:
            sets.append(load_ecbplus(ECB, topics(args.ecb_topics)))
    if not args.no_gold:
        names = args.gold_stories
        if names is None and args.gold_split != "all":
            fit, held = gold_split(GOLD)
            names = fit if args.gold_split == "fit" else held
        sets.append(load_story_gold(GOLD, names))
    for gold in sets:
        result: SetResult = evaluate_set(gold, settings=settings, cache=cache, grouping=not args.no_grouping)
        print(f"\n== {result.name}: {result.articles} articles, {result.stories} stories")
        print(f"claim pairs   newsprism        {result.claims.row()}")
        print(f"              tf-idf >= 0.3    {result.tfidf_threshold.row()}")
        print(f"              tf-idf mutual    {result.tfidf_mutual_best.row()}")
        if result.grouping is not None:
            g = result.grouping
            print(
                f"stories (B³)  newsprism        P {g.precision:.3f}  R {g.recall:.3f}  F1 {g.f1:.3f}  "
                f"({g.predicted} clusters, {g.gold} gold stories)"
            )
        if result.grouping_baseline is not None:
            g = result.grouping_baseline
            print(
                f"              tf-idf >= 0.3    P {g.precision:.3f}  R {g.recall:.3f}  F1 {g.f1:.3f}  "
                f"({g.predicted} clusters)"
            )
        if result.brief is not None:
            b = result.brief
            print(
                f"brief         citations backed {b.supported}/{b.citations} ({b.support_rate:.3f}); citing every "
                f"article {b.baseline_supported}/{b.baseline_citations} ({b.baseline_rate:.3f}); opinion sentences "
                f"{b.opinion} of {b.sentences} worded ({b.unjudged} unjudged)"
            )
        if result.summaries.stories:
            m = result.summaries
            print(
                f"summaries     ROUGE-2 F1 brief {m.brief_mean:.3f}  lead-3 {m.lead_mean:.3f}  "
                f"({m.stories} stories with a reference summary)"
            )
        if args.per_story:
            print(f"{'per story (F1)':<44} newsprism  tf-idf>=0.3  tf-idf-mutual  gold pairs")
            for label, (ours, thr, mut) in result.per_story.items():
                print(f"  {label:<42} {ours.f1:9.3f}  {thr.f1:11.3f}  {mut.f1:13.3f}  {ours.gold:10d}")
        print("seconds       " + "  ".join(f"{k} {v:.1f}" for k, v in result.seconds.items()))
    if not args.no_disputes and any(DISPUTES.glob("*.json")):
        fit_d, held_d = dispute_split(DISPUTES)
        parts = {"fit": [fit_d], "held-back": [held_d], "all": [fit_d + held_d], "both": [fit_d, held_d]}
        for names in parts[args.dispute_split]:
            if names:
                part = "all" if args.dispute_split == "all" else "fit" if names is fit_d else "held back"
                gold = load_dispute_gold(DISPUTES, names)
                print_disputes(gold, settings, cache, evaluate_disputes, part=part, show_false=args.show_false)
    if not args.no_stances and any(STANCES.glob("*.json")):
        print_stances(load_stance_gold(STANCES, GOLD), settings, cache, evaluate_stances)
    if not args.no_cells and any(CELLS.glob("*.json")):
        print_cells(settings, load_cell_gold, evaluate_cells)
    if not args.no_citations and any(CITATIONS.glob("*.json")):
        print_citations(settings, cache)
    if args.genre and CORPUS.is_file():
        from newsprism.evaluate.genre import predict_genre, read_labels

        print(f"\n== news or opinion: {args.genre} held-back AllSides articles labelled by their outlet's section")
        run = predict_genre(CORPUS, args.genre, settings=settings)
        read = read_labels(GENRE_READ)
        scores = run.scores()
        print_genre(scores)
        print(f"({scores[0].conflicts} labelled news are filed as opinion by their own URL path or title)")
        print(f"-- the same, labelled by a blind reader where one read them ({sum(i in read for i in run.ids)} articles)")
        print_genre(run.scores(read))
    if args.no_grouping:
        return 0
    grouping_sets = []
    if any(WINDOWS.glob("*.json")):
        if not CORPUS.is_file():
            print(f"quality: AllSides corpus not found at {CORPUS}; story windows skipped", file=sys.stderr)
        else:
            fit_w, held_w = group_split(WINDOWS)
            chosen = {"fit": fit_w, "held-back": held_w}.get(args.window_split)
            grouping_sets.append(load_story_groups(WINDOWS, CORPUS, chosen))
    if not args.no_ecb and ECB.is_dir():
        grouping_sets.append(ecb_groups(load_ecbplus(ECB, topics(args.ecb_topics))))
    for group_gold in grouping_sets:
        r = evaluate_grouping(group_gold, settings=settings, cache=cache)
        print(f"\n== story grouping, {r.name}: {r.articles} articles, {r.stories} gold stories")
        for label, g in (("B³            newsprism       ", r.b_cubed), ("              tf-idf avg-link ", r.baseline_b_cubed)):
            print(f"{label} P {g.precision:.3f}  R {g.recall:.3f}  F1 {g.f1:.3f}  ({g.predicted} stories)")
        print(f"article pairs newsprism        {r.pairs.row()}")
        print(f"              tf-idf avg-link  {r.baseline_pairs.row()}")
        line = f"errors        {r.clusters} stories found; {r.split} gold stories split, {r.merged} found stories merged"
        if r.siblings_apart is not None:
            line += f"; sibling events apart in {r.siblings_apart[0]} of {r.siblings_apart[1]} topics"
        print(line)
        print("seconds       " + "  ".join(f"{k} {v:.1f}" for k, v in r.seconds.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
