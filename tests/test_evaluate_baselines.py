"""The TF-IDF baselines on sentences whose answer is plain."""

from __future__ import annotations

from newsprism.evaluate.baselines import tfidf_mutual_best_pairs, tfidf_story_groups, tfidf_threshold_pairs

ITEMS = [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("c", 0)]
TEXTS = [
    "The mayor opened the new bridge over the river on Monday.",
    "Rain is expected across the region this weekend.",
    "On Monday the mayor opened the river bridge.",
    "Forecasters expect heavy rain over the weekend in the region.",
    "Ticket prices for the concert rose sharply.",
]


def test_threshold_pairs_only_across_articles_and_above_the_cut() -> None:
    pairs = tfidf_threshold_pairs(ITEMS, TEXTS, threshold=0.3)
    assert (("a", 0), ("b", 0)) in pairs
    assert all(x[0] != y[0] for x, y in pairs)
    assert not any(("c", 0) in pair for pair in pairs)


def test_mutual_best_pairs_each_sentence_with_its_counterpart() -> None:
    pairs = tfidf_mutual_best_pairs(ITEMS, TEXTS)
    assert (("a", 0), ("b", 0)) in pairs
    assert (("a", 1), ("b", 1)) in pairs
    assert (("a", 0), ("b", 1)) not in pairs


def test_fewer_than_two_sentences_give_no_pairs() -> None:
    assert tfidf_threshold_pairs(ITEMS[:1], TEXTS[:1]) == set()
    assert tfidf_mutual_best_pairs(ITEMS[:1], TEXTS[:1]) == set()


def test_story_groups_join_articles_on_one_event() -> None:
    texts = [
        "The mayor opened the new river bridge on Monday after two years of building work.",
        "After two years of work the new river bridge was opened by the mayor on Monday.",
        "Forecasters expect heavy rain over the weekend in the region.",
    ]
    groups = tfidf_story_groups(["a", "b", "c"], texts)
    assert sorted(map(sorted, groups)) == [["a", "b"], ["c"]]
