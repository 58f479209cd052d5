"""Candidate sentence pairs with their features and gold labels: the data a fitted pair scorer learns from.

For each gold story the comparison is prepared as the pipeline prepares it
(:func:`newsprism.compare.prepare_story`: units and candidate pairs), the
candidates' sentences are embedded, and each candidate pair gets the
features that today's hand-tuned score combines, the hand-tuned score
itself, and its gold label. A pair counts only where both sentences map onto
labelled gold sentences; it is positive when those share a fact group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..compare import prepare_story
from ..compare.claim_scores import PairScorer, Salience, embed_units
from ..compare.disagreements import shared_figure, shared_tally
from ..compare.features import Unit
from ..config import Settings
from ..model import Article
from ..nlp.models import Models
from .align import Located, locate_sentences, sentences_under
from .cache import CachedModels, EvalCache
from .goldsets import GoldSet, SentenceKey
from .run import prepare_gold

__all__ = ["FEATURES", "PairData", "pair_examples"]

#: The features of a candidate pair, in column order.
FEATURES = (
    "cosine",  # the better of the embedding cosines as written and without frames
    "cosine_full",  # the cosine as written
    "lex",  # TF-IDF cosine of the join terms
    "entities",  # shared entities over the fewer named
    "tally",  # the same vote or score on both sides
    "specific_figure",  # the same specific figure (money, percentage, 100 or more)
    "figure",  # the same figure
    "date",  # the same resolved day
    "lead",  # both sentences open their articles
    "what",  # weight of shared salient words of what happened
    "share",  # share of the salient content shared
    "same_speaker",  # both attributed, to one named party
)


@dataclass(frozen=True)
class PairData:
    """Feature rows, labels, the story each pair comes from, and today's hand-tuned score."""

    features: np.ndarray
    labels: np.ndarray
    stories: np.ndarray
    hand_scores: np.ndarray
    #: gold positive sentence pairs, and how many of them some candidate pair reaches
    gold_pairs: int = 0
    reached: int = 0


def _features(units: Sequence[Unit], scorer: PairScorer, i: int, j: int) -> list[float]:
    """The pair's features; the scorer must have scored the pair already (its cosine is read from there)."""
    ui, uj = units[i], units[j]
    fi, fj = scorer.full.get(i), scorer.full.get(j)
    full = float(fi @ fj) if fi is not None and fj is not None else 0.0
    cosine = scorer.cosines[(i, j) if i < j else (j, i)]
    entities = (
        len(ui.entities & uj.entities) / min(len(ui.entities), len(uj.entities)) if ui.entities and uj.entities else 0.0
    )
    what, share = scorer.salience.evidence(i, j)
    same_speaker = float(
        ui.attributed and uj.attributed and ui.speaker_name is not None and ui.speaker_name == uj.speaker_name
    )
    return [
        cosine,
        full,
        scorer.lexical(i, j),
        entities,
        float(shared_tally(ui, uj)),
        float(shared_figure(ui, uj, specific=True)),
        float(shared_figure(ui, uj)),
        float(bool(set(ui.dates.values()) & set(uj.dates.values()))),
        float(ui.position < 2 and uj.position < 2),
        what,
        share,
        same_speaker,
    ]


def pair_examples(
    gold: GoldSet, *, settings: Settings, models: Models | None = None, cache: EvalCache | None = None
) -> PairData:
    """Every labelled candidate pair of ``gold``'s stories, with features and labels."""
    if models is None:
        models = CachedModels(settings, cache) if cache is not None else Models(settings)
    cleaned, annotations = prepare_gold(gold, models, settings, cache)
    by_id: Mapping[str, Article] = {a.id: a for a in cleaned}
    located: dict[str, list[Located]] = {
        d.article.id: locate_sentences(d.article.text, by_id[d.article.id].text, d.sentences) for d in gold.docs
    }
    labelled = gold.labelled_keys()
    positives = gold.positive_pairs()
    rows: list[list[float]] = []
    labels: list[int] = []
    stories: list[str] = []
    hand: list[float] = []
    reached: set[tuple[SentenceKey, SentenceKey]] = set()
    for label, docs in gold.stories().items():
        ids = [d.article.id for d in docs]
        context = prepare_story(label, [by_id[i] for i in ids], [annotations[i] for i in ids if i in annotations])
        plan = context.claim_plan
        if not plan.pairs:
            continue
        units = plan.units
        full, core = embed_units(units, plan.wanted, models)
        scorer = PairScorer(units, plan.weighted, full, core, {}, Salience.of(units), settings.claim_threshold)
        gold_of = {u.index: _gold_sentences(u, located, labelled) for u in units}
        for i, j in plan.pairs:
            a, b = gold_of[i], gold_of[j]
            if not a or not b:
                continue
            pairs = {(x, y) if x < y else (y, x) for x in a for y in b if x[0] != y[0]}
            if not pairs:
                continue
            hand.append(scorer(i, j))
            rows.append(_features(units, scorer, i, j))
            labels.append(int(bool(pairs & positives)))
            reached |= pairs & positives
            stories.append(label)
    if isinstance(models, CachedModels):
        models.save()
    return PairData(
        np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES)),
        np.asarray(labels, dtype=np.int64),
        np.asarray(stories),
        np.asarray(hand, dtype=np.float64),
        len(positives),
        len(reached),
    )


def _gold_sentences(
    unit: Unit, located: Mapping[str, Sequence[Located]], labelled: frozenset[SentenceKey]
) -> list[SentenceKey]:
    span = unit.span
    return [
        (span.article, n)
        for n in sentences_under(span.start, span.end, located.get(span.article, ()))
        if (span.article, n) in labelled
    ]
