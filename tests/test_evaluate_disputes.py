"""Dispute scoring: how reported disputes are judged against the labelled ones."""

from __future__ import annotations

from pathlib import Path

from newsprism.evaluate.disputes import DisputeGold, GoldDispute, Reported, judge, load_dispute_gold
from newsprism.evaluate.goldsets import GoldSet

GOLD = Path(__file__).resolve().parent / "gold" / "disputes"


def _gold(*disputes: GoldDispute) -> DisputeGold:
    return DisputeGold(GoldSet("test", ()), disputes)


def _reported(a: set, b: set, kind: str = "numeric", outlets: tuple = ("X", "Y")) -> Reported:
    return Reported("s", kind, (frozenset(a), frozenset(b)), (frozenset({outlets[0]}), frozenset({outlets[1]})))


TOLL = GoldDispute("s", "numeric", "dead", ("12", "13"), (frozenset({("a", 1), ("b", 2)}), frozenset({("c", 0)})))
GROWING = GoldDispute("s", "numeric", "injured", ("50", "60"), (frozenset({("a", 4)}), frozenset({("c", 5)})), True)


def test_a_report_across_two_sides_is_true_and_finds_the_dispute() -> None:
    result = judge([_reported({("a", 1)}, {("c", 0)})], _gold(TOLL, GROWING), "t")
    assert (result.true["numeric"], result.found["numeric"], result.gold["numeric"]) == (1, 1, 1)
    assert result.precision("numeric") == 1.0 and result.recall("numeric") == 1.0


def test_a_report_within_one_side_or_one_article_is_false() -> None:
    same_side = _reported({("a", 1)}, {("b", 2)})
    one_article = Reported(
        "s", "numeric", (frozenset({("a", 1)}), frozenset({("a", 1)})), (frozenset({"X"}), frozenset({"X"}))
    )
    result = judge([same_side, one_article], _gold(TOLL), "t")
    assert result.true["numeric"] == 0 and len(result.false_examples) == 2
    assert result.same_outlet["numeric"] == 1
    assert result.precision("numeric") == 0.0 and result.recall("numeric") == 0.0


def test_a_report_over_another_figure_of_the_same_sentences_is_false() -> None:
    from dataclasses import replace

    from newsprism.evaluate.disputes import numbers

    assert numbers("more than two dozen dead (27 bodies)") == {2, 12, 27}
    toll = replace(_reported({("a", 1)}, {("c", 0)}), values=(frozenset({12.0}), frozenset({13.0})))
    injured = replace(_reported({("a", 1)}, {("c", 0)}), values=(frozenset({100.0}), frozenset({81.0})))
    result = judge([toll, injured], _gold(TOLL), "t")
    assert result.true["numeric"] == 1 and [f.values for f in result.false_examples] == [injured.values]


def test_an_evolving_toll_counts_neither_way() -> None:
    result = judge([_reported({("a", 4)}, {("c", 5)})], _gold(TOLL, GROWING), "t")
    assert result.evolving["numeric"] == 1 and result.true["numeric"] == 0
    assert result.precision("numeric") == 0.0 and not result.false_examples
    assert result.gold["numeric"] == 1  # the evolving one is not counted in recall


def test_kinds_are_judged_apart() -> None:
    result = judge([_reported({("a", 1)}, {("c", 0)}, kind="date")], _gold(TOLL), "t")
    assert result.true["date"] == 0 and result.reported["date"] == 1


def test_the_labelled_gold_loads_with_every_side_keyed() -> None:
    gold = load_dispute_gold(GOLD)
    assert len(gold.docs.stories()) >= 10
    ids = {d.article.id: len(d.sentences) for d in gold.docs.docs}
    for dispute in gold.disputes:
        assert len(dispute.sides) == len(dispute.values) >= 2
        for side in dispute.sides:
            assert all(article in ids and 0 <= n < ids[article] for article, n in side)
    assert gold.alike and all(why for *_, why in gold.alike)


def test_dispute_split_keeps_later_stories_back() -> None:
    from newsprism.evaluate import dispute_split

    fit, held = dispute_split(GOLD)
    assert len(fit) == 14 and not set(fit) & set(held)
    assert sorted(fit + held) == sorted(p.stem for p in GOLD.glob("*.json"))
