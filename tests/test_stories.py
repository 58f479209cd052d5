"""Story grouping: several stories in one input, reprints, lone articles and the time window."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsprism.clean import clean_article
from newsprism.compare.candidates import average_link, candidate_pairs, tfidf_matrix, top_features
from newsprism.compare.duplicates import mark_duplicates
from newsprism.compare.stories import article_date, group_stories
from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.model import Annotations, Article
from newsprism.nlp import annotate
from newsprism.nlp.models import Models

ROOT = Path(__file__).resolve().parents[1]
MULTISTORY = ROOT / "tests" / "fixtures" / "multistory"
EXAMPLES = ROOT / "examples"

FLOOD = {"flood_danube_post", "flood_eastern_dispatch"}
TRANSFER = {"transfer_sportsline", "transfer_terrace_post", "transfer_matchday_wire"}
EARNINGS = {"earnings_market_ledger", "earnings_techbeat", "earnings_valley_courier_reprint"}


def prepare(paths: Iterable[Path], models: Models, settings: Settings) -> tuple[list[Article], dict[str, Annotations]]:
    """Read, clean, mark reprints and annotate, as the pipeline does before grouping."""
    read = [a for a in read_inputs(list(paths), settings=settings) if isinstance(a, Article)]
    articles = list(mark_duplicates([clean_article(a, settings=settings) for a in read], settings=settings))
    return articles, {ann.article_id: ann for ann in annotate(articles, models=models, settings=settings)}


def as_sets(groups: Sequence[tuple[str, ...]]) -> list[set[str]]:
    return [set(g) for g in groups]


@pytest.fixture(scope="module")
def multistory(models: Models, settings: Settings) -> tuple[list[Article], dict[str, Annotations]]:
    return prepare([MULTISTORY], models, settings)


@pytest.fixture(scope="module")
def examples(models: Models, settings: Settings) -> tuple[list[Article], dict[str, Annotations]]:
    return prepare([EXAMPLES], models, settings)


@pytest.mark.slow
def test_multistory_groups_into_the_three_stories(multistory, models: Models, settings: Settings) -> None:
    articles, anns = multistory
    groups = group_stories(articles, anns, models=models, settings=settings)
    assert sorted(as_sets(groups), key=sorted) == sorted([FLOOD, TRANSFER, EARNINGS], key=sorted)
    reprint = next(a for a in articles if a.id == "earnings_valley_courier_reprint")
    assert reprint.duplicate_of == "earnings_market_ledger"
    # Largest first, ids in input order within a story.
    assert len(groups[0]) >= len(groups[-1])
    order = {a.id: i for i, a in enumerate(articles)}
    assert all(list(g) == sorted(g, key=order.__getitem__) for g in groups)


@pytest.mark.slow
def test_grouping_does_not_depend_on_input_order(multistory, models: Models, settings: Settings) -> None:
    articles, anns = multistory
    groups = group_stories(list(reversed(articles)), anns, models=models, settings=settings)
    assert sorted(as_sets(groups), key=sorted) == sorted([FLOOD, TRANSFER, EARNINGS], key=sorted)


@pytest.mark.slow
def test_the_five_seeds_are_one_story(seed_articles, seed_annotations, models: Models, settings: Settings) -> None:
    groups = group_stories(seed_articles, seed_annotations, models=models, settings=settings)
    assert as_sets(groups) == [{a.id for a in seed_articles}]


@pytest.mark.slow
def test_the_examples_are_one_story(examples, models: Models, settings: Settings) -> None:
    articles, anns = examples
    assert len(articles) == 6  # five outlets, the feed with two items
    groups = group_stories(articles, anns, models=models, settings=settings)
    assert as_sets(groups) == [{a.id for a in articles}]


@pytest.mark.slow
def test_mixed_input_keeps_stories_apart(
    multistory, examples, seed_articles, seed_annotations, models: Models, settings: Settings
) -> None:
    articles = [*multistory[0], *seed_articles, *examples[0]]
    anns = {**multistory[1], **seed_annotations, **examples[1]}
    groups = group_stories(articles, anns, models=models, settings=settings)
    flood = FLOOD | {a.id for a in examples[0]}  # the fixture's flood articles report the examples' event
    expected = [flood, {a.id for a in seed_articles}, TRANSFER, EARNINGS]
    assert sorted(as_sets(groups), key=sorted) == sorted(expected, key=sorted)


@pytest.mark.slow
def test_a_lone_article_is_its_own_story(multistory, models: Models, settings: Settings) -> None:
    articles, anns = multistory
    lone = [a for a in articles if a.id == "transfer_sportsline"]
    assert group_stories(lone, anns, models=models, settings=settings) == [("transfer_sportsline",)]
    assert group_stories([], anns, models=models, settings=settings) == []


@pytest.mark.slow
def test_articles_outside_the_time_window_never_share_a_story(multistory, models: Models, settings: Settings) -> None:
    articles, anns = multistory
    moved = [
        replace(a, published="2024-07-01T10:00:00+01:00") if a.id == "transfer_matchday_wire" else a for a in articles
    ]
    groups = as_sets(group_stories(moved, anns, models=models, settings=settings))
    assert {"transfer_matchday_wire"} in groups
    assert TRANSFER - {"transfer_matchday_wire"} in groups
    wide = replace(settings, story_window_days=60)
    assert TRANSFER in as_sets(group_stories(moved, anns, models=models, settings=wide))


@pytest.mark.slow
def test_a_reprint_follows_its_original(multistory, models: Models, settings: Settings) -> None:
    articles, anns = multistory
    # Even marked as a copy of an article of another story, it goes where its original goes.
    moved = [
        replace(a, duplicate_of="transfer_sportsline") if a.id == "earnings_valley_courier_reprint" else a
        for a in articles
    ]
    groups = as_sets(group_stories(moved, anns, models=models, settings=settings))
    assert TRANSFER | {"earnings_valley_courier_reprint"} in groups
    assert EARNINGS - {"earnings_valley_courier_reprint"} in groups


def test_article_date_prefers_metadata_and_ignores_inferred_anchors() -> None:
    article = Article("a", "text", published="2024-05-14T22:10:00+00:00")
    assert str(article_date(article, None)) == "2024-05-14"
    bare = Article("b", "text")
    assert article_date(bare, Annotations("b", reference_date="2024-05-10")) is not None
    assert article_date(bare, Annotations("b", reference_date="2024-05-10", reference_inferred=True)) is None
    assert article_date(Article("c", "text", published="May 2024"), None) is None


# --- the candidate machinery, on hand-made features --------------------------


def test_candidate_pairs_join_only_shared_informative_features() -> None:
    feats = [
        {"e:quillon": 2.0, "w:shares": 1.0, "w:outlook": 1.0},
        {"e:quillon": 1.0, "w:outlook": 1.0, "w:chip": 1.0},
        {"e:northbridge": 2.0, "w:winger": 1.0},
        {"e:northbridge": 1.0, "w:winger": 1.0, "w:fee": 1.0},
        {"e:lunca": 1.0},
    ]
    _weighted, joinable = tfidf_matrix(feats, max_df=3)
    pairs = candidate_pairs(top_features(joinable, 2), floor=0.05, top_k=5)
    assert set(pairs) == {(0, 1), (2, 3)}
    vetoed = candidate_pairs(joinable, floor=0.05, top_k=5, allowed=lambda i, j: (i, j) != (2, 3))
    assert set(vetoed) == {(0, 1)}


def test_top_features_keeps_the_heaviest_per_row() -> None:
    _weighted, joinable = tfidf_matrix([{"a": 3.0, "b": 2.0, "c": 0.1}, {"a": 1.0, "b": 1.0, "c": 1.0}], max_df=2)
    kept = top_features(joinable, 2).toarray()
    assert (kept[0] > 0).sum() == 2 and kept[0][2] == 0
    assert np.allclose(np.linalg.norm(kept, axis=1), 1.0)


def test_average_link_does_not_chain_weak_links() -> None:
    # 0-1 and 1-2 are strong, 0-2 weak: a single-link chain would merge all three.
    sims = {(0, 1): 0.9, (1, 2): 0.6, (0, 2): 0.0, (2, 3): 0.1}

    def sim(i: int, j: int) -> float:
        return sims.get((min(i, j), max(i, j)), 0.0)

    edges = [(s, i, j) for (i, j), s in sims.items() if s >= 0.5]
    assert average_link(4, edges, sim, threshold=0.5) == [[0, 1], [2], [3]]
    assert average_link(4, edges, sim, threshold=0.25) == [[0, 1, 2], [3]]


def test_average_link_batched_mean_gives_the_same_clusters() -> None:
    sims = {(0, 1): 0.9, (1, 2): 0.6, (0, 2): 0.0, (2, 3): 0.1, (3, 4): 0.8, (2, 4): 0.5}

    def sim(i: int, j: int) -> float:
        return sims.get((min(i, j), max(i, j)), 0.0)

    def mean(a: Sequence[int], b: Sequence[int]) -> float:
        return sum(sim(x, y) for x in a for y in b) / (len(a) * len(b))

    edges = [(s, i, j) for (i, j), s in sims.items() if s >= 0.3]
    for threshold in (0.25, 0.3, 0.5):
        plain = average_link(5, edges, sim, threshold=threshold)
        assert average_link(5, edges, sim, threshold=threshold, mean=mean) == plain
    assert average_link(5, edges, sim, threshold=0.5) == [[0, 1], [2], [3, 4]]


@pytest.mark.slow
def test_the_fitted_story_model_keeps_the_known_stories(
    multistory, examples, seed_articles, seed_annotations, models: Models, settings: Settings
) -> None:
    fitted = replace(settings, story_model="fitted")
    articles = [*multistory[0], *seed_articles, *examples[0]]
    anns = {**multistory[1], **seed_annotations, **examples[1]}
    groups = as_sets(group_stories(articles, anns, models=models, settings=fitted))
    assert {a.id for a in seed_articles} in groups
    assert TRANSFER in groups and EARNINGS in groups
    assert {a.id for a in examples[0]} <= next(g for g in groups if g & {a.id for a in examples[0]})
    backwards = as_sets(group_stories(list(reversed(articles)), anns, models=models, settings=fitted))
    assert sorted(backwards, key=sorted) == sorted(groups, key=sorted), "grouping must not depend on input order"


def test_the_shipped_story_model_weighs_every_feature() -> None:
    from newsprism.compare.stories import PAIR_FEATURES, story_model

    model = story_model("fitted")
    assert model.features == PAIR_FEATURES and model.coef.shape == (len(PAIR_FEATURES),)
    assert 0.0 < model.threshold < 1.0 and "windows" in model.fitted_on
    same, other = np.asarray(model.mean, dtype=np.float64).copy(), np.asarray(model.mean, dtype=np.float64).copy()
    same[PAIR_FEATURES.index("cosine")], same[PAIR_FEATURES.index("lexical")] = 0.8, 0.5
    other[PAIR_FEATURES.index("cosine")], other[PAIR_FEATURES.index("lexical")] = 0.1, 0.01
    high, low = model.probabilities(np.vstack([same, other]))
    assert high > model.threshold > low


def test_an_unreadable_story_model_is_a_config_error(tmp_path: Path) -> None:
    from newsprism.compare.stories import story_model
    from newsprism.errors import ConfigError

    with pytest.raises(ConfigError, match="story_model"):
        story_model(str(tmp_path / "missing.json"))
