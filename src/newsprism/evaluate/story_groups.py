"""Story grouping scored on labelled story membership, beside a TF-IDF baseline of the same run.

Two kinds of labelled data share the shape :class:`GroupGold`:

- **Story windows** (``load_story_groups``, ``tests/gold/story_groups``): every
  AllSides article of one topic over three days, each labelled with the news
  event it reports. The files hold ids and labels; the texts are read from the
  AllSides corpus by id.
- **ECB+** (``ecb_groups``): each subtopic is one event; the two subtopics of a
  topic are *siblings*, events of the same kind (two earthquakes, two arrests)
  that must stay apart.

All of a set's articles are grouped in one run, as the pipeline groups a
corpus, and scored by B³ and by pairs of articles put together.
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..compare.stories import group_stories, story_pair_features
from ..config import Settings
from ..errors import InputError
from ..model import Article
from ..nlp.models import Models
from .baselines import tfidf_average_link_groups
from .cache import CachedModels, EvalCache, models_for
from .goldsets import GoldSet, article_from, corpus_rows
from .metrics import PRF, b_cubed, cluster_pair_scores
from .run import prepare_cached

__all__ = [
    "GroupGold",
    "GroupingResult",
    "StoryPairData",
    "ecb_groups",
    "evaluate_grouping",
    "group_split",
    "load_story_groups",
    "story_pair_examples",
]


@dataclass(frozen=True)
class GroupGold:
    """Articles and the gold story of each (by article id)."""

    name: str
    articles: tuple[Article, ...]
    truth: Mapping[str, str]
    #: gold story -> its family: the ECB+ topic whose two events are siblings (empty for the story windows)
    families: Mapping[str, str] = field(default_factory=dict)


def load_story_groups(folder: Path, corpus: Path, names: Collection[str] | None = None) -> GroupGold:
    """The labelled windows in ``folder`` (or only those named), their texts read from ``corpus`` by id."""
    paths = sorted(folder.glob("*.json"))
    if names is not None:
        paths = [p for p in paths if p.stem in set(names)]
    truth: dict[str, str] = {}
    for path in paths:
        try:
            window = json.loads(path.read_text(encoding="utf-8"))
            ids = {a["key"]: a["id"] for a in window["articles"]}
            for n, story in enumerate(window["stories"]):
                for key in story["members"]:
                    truth[ids[key]] = f"{window['group']}#{n}"
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(str(path), f"not a story window file: {exc}") from exc
    rows = corpus_rows(corpus, truth)
    articles = tuple(article_from(rows[i]) for i in truth)
    return GroupGold(f"story windows ({len(paths)})", articles, truth)


def group_split(folder: Path) -> tuple[list[str], list[str]]:
    """The windows' (fit, held-back) names: sorted by name, every third one from the third is held back.

    The rule was set before any model saw the windows.
    """
    names = sorted(p.stem for p in folder.glob("*.json"))
    held = names[2::3]
    return [n for n in names if n not in held], held


def ecb_groups(gold: GoldSet) -> GroupGold:
    """ECB+ documents with their subtopic as the gold story, and the topic as its family."""
    articles = tuple(d.article for d in gold.docs)
    truth = {d.article.id: d.story for d in gold.docs}
    families = {d.story: d.story.partition("_")[0] for d in gold.docs}
    return GroupGold(gold.name, articles, truth, families)


@dataclass(frozen=True)
class GroupingResult:
    """Story-grouping figures for one gold set, newsprism beside the TF-IDF average-link baseline."""

    name: str
    articles: int
    stories: int
    clusters: int
    b_cubed: PRF
    pairs: PRF
    baseline_b_cubed: PRF
    baseline_pairs: PRF
    #: gold stories of two or more articles spread over several predicted stories
    split: int
    #: predicted stories that hold articles of two or more gold stories
    merged: int
    #: (families whose sibling events share no predicted story, families with two events); None without families
    siblings_apart: tuple[int, int] | None = None
    seconds: Mapping[str, float] = field(default_factory=dict)


def evaluate_grouping(
    gold: GroupGold, *, settings: Settings, models: Models | None = None, cache: EvalCache | None = None
) -> GroupingResult:
    """Group all of ``gold``'s articles as one corpus and score the stories against the labels."""
    seconds: dict[str, float] = {}
    models = models or models_for(settings, cache)
    started = time.perf_counter()
    articles = list(gold.articles)
    cleaned, annotations = prepare_cached(articles, models, settings, cache)
    seconds["nlp"] = time.perf_counter() - started
    started = time.perf_counter()
    groups = [list(g) for g in group_stories(cleaned, annotations, models=models, settings=settings)]
    seconds["stories"] = time.perf_counter() - started
    baseline = tfidf_average_link_groups([a.id for a in cleaned], [a.text for a in cleaned])
    if isinstance(models, CachedModels):
        models.save()
    return GroupingResult(
        name=gold.name,
        articles=len(articles),
        stories=len(set(gold.truth.values())),
        clusters=len(groups),
        b_cubed=b_cubed(groups, gold.truth),
        pairs=cluster_pair_scores(groups, gold.truth),
        baseline_b_cubed=b_cubed(baseline, gold.truth),
        baseline_pairs=cluster_pair_scores(baseline, gold.truth),
        split=_split(groups, gold.truth),
        merged=_merged(groups, gold.truth),
        siblings_apart=_siblings_apart(groups, gold.truth, gold.families) if gold.families else None,
        seconds=seconds,
    )


@dataclass(frozen=True)
class StoryPairData:
    """Candidate article pairs of a gold set: feature rows, gold labels, and the window or topic of each."""

    features: np.ndarray
    labels: np.ndarray
    groups: np.ndarray
    #: article pairs of one gold story, and how many of them are candidates
    gold_pairs: int = 0
    reached: int = 0


def story_pair_examples(
    gold: GroupGold, *, settings: Settings, models: Models | None = None, cache: EvalCache | None = None
) -> StoryPairData:
    """Every candidate pair of ``gold``'s articles (grouped as one corpus) with its features and label."""
    models = models or models_for(settings, cache)
    cleaned, annotations = prepare_cached(gold.articles, models, settings, cache)
    keys, rows = story_pair_features(cleaned, annotations, models=models)
    truth = gold.truth
    labels = np.asarray([int(truth[a] == truth[b]) for a, b in keys], dtype=np.int64)
    groups = np.asarray([gold.families.get(truth[a]) or truth[a].partition("#")[0] for a, _ in keys])
    sizes: dict[str, int] = {}
    for label in truth.values():
        sizes[label] = sizes.get(label, 0) + 1
    if isinstance(models, CachedModels):
        models.save()
    return StoryPairData(rows, labels, groups, sum(n * (n - 1) // 2 for n in sizes.values()), int(labels.sum()))


def _split(groups: Sequence[Sequence[str]], truth: Mapping[str, str]) -> int:
    clusters_of: dict[str, set[int]] = {}
    sizes: dict[str, int] = {}
    for n, members in enumerate(groups):
        for m in members:
            if m in truth:
                clusters_of.setdefault(truth[m], set()).add(n)
    for label in truth.values():
        sizes[label] = sizes.get(label, 0) + 1
    return sum(1 for label, found in clusters_of.items() if sizes[label] > 1 and len(found) > 1)


def _merged(groups: Sequence[Sequence[str]], truth: Mapping[str, str]) -> int:
    return sum(1 for members in groups if len({truth[m] for m in members if m in truth}) > 1)


def _siblings_apart(
    groups: Sequence[Sequence[str]], truth: Mapping[str, str], families: Mapping[str, str]
) -> tuple[int, int]:
    events: dict[str, set[str]] = {}
    for label, family in families.items():
        events.setdefault(family, set()).add(label)
    mixed: set[str] = set()
    for members in groups:
        labels = {truth[m] for m in members if m in truth}
        for family in {families[label] for label in labels}:
            if len(labels & events[family]) > 1:
                mixed.add(family)
    paired = [f for f, labels in events.items() if len(labels) > 1]
    return sum(1 for f in paired if f not in mixed), len(paired)
