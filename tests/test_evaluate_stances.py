"""Stance and denial scoring: how read stances and reported denials are judged against the labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.evaluate.goldsets import GoldSet
from newsprism.evaluate.stances import GoldDenial, StanceGold, keyword_stance, load_stance_gold, score_stances

STORIES = Path(__file__).resolve().parent / "gold" / "stories"

DENIAL = GoldDenial("s", frozenset({("c", 4)}), frozenset({("a", 1), ("b", 2)}))
GOLD = StanceGold(
    GoldSet("test", ()),
    ((("a", 1), "states"), (("b", 2), "reports"), (("c", 4), "denies")),
    (DENIAL, GoldDenial("s", frozenset({("d", 0)}), frozenset())),
)


def test_stances_are_scored_per_labelled_sentence() -> None:
    read = {("a", 1): "states", ("b", 2): "states", ("c", 4): "denies"}
    result = score_stances("t", GOLD, read, [])
    assert (result.correct, result.labelled) == (2, 3)
    assert result.confusion[("reports", "states")] == 1
    assert score_stances("t", GOLD, {}, []).confusion[("states", "lost")] == 1  # a sentence not found reads as lost


def test_a_denial_is_found_by_its_sentence_and_attached_by_the_claim_it_denies() -> None:
    on_claim = frozenset({("c", 4), ("a", 1)})
    elsewhere = frozenset({("c", 4), ("e", 9)})
    wrong = frozenset({("e", 9), ("a", 1)})
    result = score_stances("t", GOLD, {}, [on_claim, elsewhere, wrong])
    assert (result.reported_denials, result.found_denials, result.attached_denials) == (3, 2, 1)
    assert (result.recalled_denials, result.gold_denials) == (1, 2)
    assert result.denial_precision == 2 / 3 and result.denial_recall == 0.5


def test_the_keyword_baseline_reads_words() -> None:
    assert keyword_stance("Iran has denied sending missiles to Russia.") == "denies"
    assert keyword_stance("Iran has sent missiles to Russia, Blinken said.") == "reports"
    assert keyword_stance("Iran has sent missiles to Russia.") == "states"


def test_a_bad_stance_file_names_itself(tmp_path: Path) -> None:
    story = sorted(STORIES.glob("*.json"))[0]
    (tmp_path / f"{story.stem}.json").write_text(
        json.dumps({"story": story.stem, "stances": [{"claim": 0, "member": "A1", "stance": "hints"}], "denials": []}),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="not a stance gold file: unknown stance 'hints'"):
        load_stance_gold(tmp_path, STORIES)
