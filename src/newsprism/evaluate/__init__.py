"""Measure newsprism on labelled data: claim alignment, story grouping and disputes, beside simple baselines.

    from newsprism.evaluate import EvalCache, evaluate_set, load_ecbplus

    result = evaluate_set(load_ecbplus(folder, range(26, 36)), settings=Settings(), cache=EvalCache(path))
    print(result.claims.row(), result.tfidf_threshold.row())

``bench/quality.py`` prints the figures; ``tests/test_quality_gate.py`` holds
a fast subset above pinned floors.
"""

from __future__ import annotations

from .brief import BriefFigures, score_brief
from .cache import CachedModels, EvalCache
from .cells import CellGold, CellScore, evaluate_cells, load_cell_gold
from .disputes import DisputeGold, DisputeResult, dispute_split, evaluate_disputes, load_dispute_gold
from .goldsets import GoldDoc, GoldSentence, GoldSet, gold_split, load_ecbplus, load_story_gold
from .metrics import PRF, b_cubed, cluster_pair_scores, pair_scores
from .run import SetResult, evaluate_set
from .stances import StanceGold, StanceResult, evaluate_stances, load_stance_gold
from .story_groups import (
    GroupGold,
    GroupingResult,
    StoryPairData,
    ecb_groups,
    evaluate_grouping,
    group_split,
    load_story_groups,
    story_pair_examples,
)

__all__ = [
    "BriefFigures",
    "score_brief",
    "CellGold",
    "CellScore",
    "evaluate_cells",
    "load_cell_gold",
    "PRF",
    "CachedModels",
    "DisputeGold",
    "DisputeResult",
    "EvalCache",
    "GoldDoc",
    "GoldSentence",
    "GoldSet",
    "GroupGold",
    "GroupingResult",
    "SetResult",
    "StanceGold",
    "StanceResult",
    "StoryPairData",
    "b_cubed",
    "cluster_pair_scores",
    "ecb_groups",
    "evaluate_disputes",
    "evaluate_grouping",
    "evaluate_set",
    "evaluate_stances",
    "gold_split",
    "group_split",
    "load_dispute_gold",
    "dispute_split",
    "load_ecbplus",
    "load_stance_gold",
    "load_story_gold",
    "load_story_groups",
    "pair_scores",
    "story_pair_examples",
]
