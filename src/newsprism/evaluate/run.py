"""Score newsprism's claim alignment and story grouping on a gold set, beside baselines.

Claims are scored with the gold stories given (each gold story is compared
as one story), so a grouping error does not count against alignment; story
grouping is scored on its own, by B³ over all the set's articles.

A predicted pair is two gold sentences of different articles that one claim
supports. Only labelled sentences count (ECB+ leaves many unannotated); gold
sentences that cleaning removed can be found by no one and count as misses
for newsprism and the baselines alike.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..compare import analyze_story
from ..compare.stories import group_stories
from ..config import Settings
from ..model import Annotations, Article, Span, Story
from ..nlp.models import Models
from ..pipeline import prepare_articles
from .align import Located, locate_sentences, sentences_under
from .baselines import tfidf_cosines, tfidf_mutual_best_pairs, tfidf_story_groups, tfidf_threshold_pairs
from .brief import BriefFigures, SummaryFigures, score_brief, score_summary
from .cache import CachedModels, EvalCache, models_for
from .goldsets import GoldDoc, GoldSet, SentenceKey
from .metrics import PRF, b_cubed, pair_scores

__all__ = [
    "PreparedGold",
    "SetResult",
    "evaluate_set",
    "gold_sentences",
    "predicted_pairs",
    "prepare_gold",
    "prepare_scoring",
]

Pair = tuple[SentenceKey, SentenceKey]


@dataclass(frozen=True)
class SetResult:
    """Figures for one gold set."""

    name: str
    articles: int
    stories: int
    claims: PRF
    tfidf_threshold: PRF
    tfidf_mutual_best: PRF
    grouping: PRF | None
    grouping_baseline: PRF | None = None
    #: gold story -> (newsprism, tf-idf threshold, tf-idf mutual best) claim-pair figures
    per_story: Mapping[str, tuple[PRF, PRF, PRF]] = field(default_factory=dict)
    seconds: Mapping[str, float] = field(default_factory=dict)
    #: The briefs judged against the gold (sets whose every sentence is labelled; None for ECB+).
    brief: BriefFigures | None = None
    #: The briefs against the reference summaries, beside lead-3 (stories with a summary).
    summaries: SummaryFigures = SummaryFigures()


def gold_sentences(
    span: Span, located: Mapping[str, Sequence[Located]], labelled: frozenset[SentenceKey]
) -> list[SentenceKey]:
    """The labelled gold sentences a predicted span stands for."""
    return [
        (span.article, n)
        for n in sentences_under(span.start, span.end, located.get(span.article, ()))
        if (span.article, n) in labelled
    ]


def predicted_pairs(
    story: Story, located: Mapping[str, Sequence[Located]], labelled: frozenset[SentenceKey]
) -> set[Pair]:
    """The gold-sentence pairs that the story's claims align (support and restatements alike)."""
    out: set[Pair] = set()
    for claim in story.claims:
        items: list[SentenceKey] = []
        for span in (*claim.support, *claim.restated):
            items.extend(gold_sentences(span, located, labelled))
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if a[0] != b[0]:
                    out.add((a, b) if a < b else (b, a))
    return out


def prepare_gold(
    gold: GoldSet, models: Models, settings: Settings, cache: EvalCache | None
) -> tuple[list[Article], dict[str, Annotations]]:
    """The NLP pass over the gold set's articles (from the cache when it has them)."""
    return prepare_cached([d.article for d in gold.docs], models, settings, cache)


def prepare_cached(
    articles: Sequence[Article], models: Models, settings: Settings, cache: EvalCache | None
) -> tuple[list[Article], dict[str, Annotations]]:
    """The NLP pass over ``articles`` (cleaned, reprints marked, annotated), from the cache when it has them."""
    items = list(articles)

    def run() -> tuple[list[Article], dict[str, Annotations]]:
        return prepare_articles(items, settings=settings, models=models)

    return cache.prepared(items, settings, run) if cache is not None else run()


@dataclass(frozen=True)
class PreparedGold:
    """A gold set after the NLP pass: cleaned articles by id, their annotations, and where each gold sentence is."""

    models: Models
    by_id: Mapping[str, Article]
    annotations: Mapping[str, Annotations]
    located: Mapping[str, Sequence[Located]]


def prepare_scoring(
    gold: GoldSet, settings: Settings, models: Models | None = None, cache: EvalCache | None = None
) -> PreparedGold:
    """The NLP pass over ``gold`` (cached when ``cache`` is given) and its gold sentences found in the cleaned text."""
    models = models or models_for(settings, cache)
    cleaned, annotations = prepare_gold(gold, models, settings, cache)
    by_id = {a.id: a for a in cleaned}
    located = {d.article.id: locate_sentences(d.article.text, by_id[d.article.id].text, d.sentences) for d in gold.docs}
    return PreparedGold(models, by_id, annotations, located)


def analyze_gold_stories(
    gold: GoldSet, prepared: PreparedGold, settings: Settings, prefix: str = "g"
) -> Iterator[tuple[str, list[GoldDoc], list[Article], Story]]:
    """Each gold story analysed as one story (grouping errors do not count): its label, gold documents,
    cleaned articles and the comparison newsprism makes of them."""
    for n, (label, docs) in enumerate(gold.stories().items(), 1):
        ids = [d.article.id for d in docs]
        articles = [prepared.by_id[i] for i in ids]
        annotations = [prepared.annotations[i] for i in ids if i in prepared.annotations]
        story = analyze_story(f"{prefix}{n}", articles, annotations, models=prepared.models, settings=settings)
        yield label, docs, articles, story


def evaluate_set(
    gold: GoldSet,
    *,
    settings: Settings,
    models: Models | None = None,
    cache: EvalCache | None = None,
    grouping: bool = True,
) -> SetResult:
    """Claim-pair P/R/F1 for newsprism and both TF-IDF baselines, and story B³, on ``gold``."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    prepared = prepare_scoring(gold, settings, models, cache)
    seconds["nlp"] = time.perf_counter() - started
    models, by_id, annotations, located = prepared.models, prepared.by_id, prepared.annotations, prepared.located
    labelled = gold.labelled_keys()

    positives = gold.positive_pairs()
    ours: set[Pair] = set()
    threshold: set[Pair] = set()
    mutual: set[Pair] = set()
    per_story: dict[str, tuple[PRF, PRF, PRF]] = {}
    brief = BriefFigures()
    summaries = SummaryFigures()
    started = time.perf_counter()
    for label, docs, articles, story in analyze_gold_stories(gold, prepared, settings):
        brief += score_brief(story, docs, located)
        if label in gold.summaries:
            summaries += score_summary(story, articles, annotations, gold.summaries[label])
        items, texts = _baseline_units(docs, located, by_id)
        sims = tfidf_cosines(texts)
        found = (
            predicted_pairs(story, located, labelled),
            tfidf_threshold_pairs(items, texts, sims=sims),
            tfidf_mutual_best_pairs(items, texts, sims=sims),
        )
        ours |= found[0]
        threshold |= found[1]
        mutual |= found[2]
        members = {d.article.id for d in docs}
        in_story = {p for p in positives if p[0][0] in members}
        per_story[label] = (
            pair_scores(found[0], in_story),
            pair_scores(found[1], in_story),
            pair_scores(found[2], in_story),
        )
    seconds["claims"] = time.perf_counter() - started

    story_figures = story_baseline = None
    if grouping:
        started = time.perf_counter()
        truth = {d.article.id: d.story for d in gold.docs}
        cleaned = list(by_id.values())
        groups = group_stories(cleaned, annotations, models=models, settings=settings)
        story_figures = b_cubed(groups, truth)
        story_baseline = b_cubed(tfidf_story_groups([a.id for a in cleaned], [a.text for a in cleaned]), truth)
        seconds["stories"] = time.perf_counter() - started
    if isinstance(models, CachedModels):
        models.save()
    return SetResult(
        name=gold.name,
        articles=len(gold.docs),
        stories=len(gold.stories()),
        claims=pair_scores(ours, positives),
        tfidf_threshold=pair_scores(threshold, positives),
        tfidf_mutual_best=pair_scores(mutual, positives),
        grouping=story_figures,
        grouping_baseline=story_baseline,
        per_story=per_story,
        seconds=seconds,
        brief=brief if gold.fully_labelled else None,
        summaries=summaries,
    )


def _baseline_units(
    docs: Iterable[GoldDoc], located: Mapping[str, Sequence[Located]], by_id: Mapping[str, Article]
) -> tuple[list[SentenceKey], list[str]]:
    """The labelled gold sentences still in the cleaned text, as the baselines see them."""
    items: list[SentenceKey] = []
    texts: list[str] = []
    for doc in docs:
        text = by_id[doc.article.id].text
        for n, (sentence, where) in enumerate(zip(doc.sentences, located[doc.article.id], strict=True)):
            if sentence.labelled and where is not None:
                items.append((doc.article.id, n))
                texts.append(text[where[0] : where[1]])
    return items, texts
