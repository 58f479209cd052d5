"""Coverage-cell scoring: how the matrix's cells are judged against hand labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.evaluate.cells import load_cell_gold, score_cells, support_baseline
from newsprism.model import Article, Claim, Coverage, Report, Span, Story

CELLS = Path(__file__).resolve().parent / "gold" / "cells"

A = Article("a", "The dam burst on Monday. At least 12 people were killed, officials said.", outlet="A")
B = Article("b", "Twelve people died when the dam failed. The mayor said 14 bodies were found.", outlet="B")
C = Article("c", "Rain fell for four days before the dam gave way.", outlet="C")


def _span(article: Article, text: str) -> Span:
    start = article.text.index(text)
    return Span.of(article, start, start + len(text))


def _gold(tmp_path: Path, cells: dict) -> Path:
    path = tmp_path / "gold.json"
    claim = {"claim_id": "c1", "anchor": {"article": "a", "text": "At least 12 people were killed"}, "cells": cells}
    path.write_text(json.dumps({"input": "t", "claims": [claim]}), encoding="utf-8")
    return path


def _report(claim: Claim) -> Report:
    return Report(articles=(A, B, C), stories=(Story(id="s1", title="Dam", article_ids=("a", "b", "c"), claims=(claim,)),))


def test_cells_score_the_strongest_kind_and_count_false_ticks(tmp_path: Path) -> None:
    killed, died, part = _span(A, "At least 12 people were killed, officials said."), _span(B, "Twelve people"), _span(
        C, "the dam gave way."
    )
    claim = Claim(
        "s1-c1",
        killed.text,
        (killed, died),
        coverage=(Coverage("reports", killed, "officials"), Coverage("states", died), Coverage("part", part)),
    )
    gold = load_cell_gold(
        _gold(
            tmp_path,
            {
                "a": {"labels": ["reports"], "source": "officials", "evidence": []},
                "b": {"labels": ["part"], "source": None, "evidence": []},  # it gives no 'at least'
                "c": {"labels": ["part"], "source": None, "evidence": []},
            },
        )
    )
    ours = score_cells([(_report(claim), gold)])
    assert (ours.cells, ours.correct) == (3, 2)
    assert (ours.false_carries, ours.not_carried) == (1, 2)  # b is shown as stating what it gives only part of
    assert ours.precision("part") == 1.0 and ours.recall("part") == 0.5
    base = score_cells([(_report(claim), gold)], "base", support_baseline)
    assert (base.correct, base.false_carries) == (0, 1)


def test_an_anchor_in_no_claim_scores_its_cells_as_absent(tmp_path: Path) -> None:
    other = _span(C, "Rain fell for four days")
    claim = Claim("s1-c1", other.text, (other,), coverage=(Coverage("states", other),))
    gold = load_cell_gold(_gold(tmp_path, {"a": {"labels": ["states"], "source": None, "evidence": []}}))
    result = score_cells([(_report(claim), gold)])
    assert (result.unmatched, result.correct) == (1, 0)


def _two_claims_gold(tmp_path: Path) -> Path:
    """Two labelled propositions: the toll (anchored in a) and the dam's failing (anchored in b)."""
    path = tmp_path / "gold.json"
    claims = [
        {
            "claim_id": "toll",
            "anchor": {"article": "a", "text": "At least 12 people were killed"},
            "cells": {"a": {"labels": ["reports"]}, "b": {"labels": ["part"]}},
        },
        {
            "claim_id": "failed",
            "anchor": {"article": "b", "text": "Twelve people died when the dam failed."},
            "cells": {"a": {"labels": ["states"]}, "b": {"labels": ["states"]}},
        },
    ]
    path.write_text(json.dumps({"input": "t", "claims": claims}), encoding="utf-8")
    return path


def test_a_proposition_is_scored_on_the_claim_its_anchor_words(tmp_path: Path) -> None:
    # b's sentence states two facts (the deaths and the failure); a run puts it in the toll's claim, worded by
    # a's anchor: the toll's cells are judged on that claim, and b's anchor, in a claim worded by another
    # labelled anchor, has no row of its own.
    killed, died = (
        _span(A, "At least 12 people were killed, officials said."),
        _span(B, "Twelve people died when the dam failed."),
    )
    toll = Claim(
        "s1-c1",
        killed.text,
        (killed, died),
        coverage=(Coverage("reports", killed, "officials"), Coverage("states", died)),
    )
    result = score_cells([(_report(toll), load_cell_gold(_two_claims_gold(tmp_path)))])
    # toll: a reports (right), b shown stating the toll it gives in part (a false carry); failed: absent, both wrong
    assert (result.cells, result.correct, result.false_carries, result.merged, result.unmatched) == (4, 1, 1, 2, 0)


def test_a_claim_worded_by_an_unlabelled_sentence_is_scored_on_the_anchor_it_holds(tmp_path: Path) -> None:
    killed, bodies = (
        _span(A, "At least 12 people were killed, officials said."),
        _span(B, "The mayor said 14 bodies were found."),
    )
    claim = Claim(
        "s1-c1",
        bodies.text,
        (killed, bodies),
        coverage=(Coverage("reports", killed, "officials"), Coverage("reports", bodies, "the mayor")),
    )
    result = score_cells([(_report(claim), load_cell_gold(_two_claims_gold(tmp_path)))])
    # toll: a right, b shown reporting (false carry); failed: its anchor is in no claim
    assert (result.correct, result.false_carries, result.merged, result.unmatched) == (1, 1, 0, 2)


@pytest.mark.parametrize(
    "cells",
    [{"a": {"labels": ["absent", "part"]}}, {"a": {"labels": ["maybe"]}}, {"a": {"labels": []}}, {"a": {}}],
)
def test_a_malformed_gold_file_is_an_input_error_naming_it(tmp_path: Path, cells: dict) -> None:
    with pytest.raises(InputError, match="gold.json"):
        load_cell_gold(_gold(tmp_path, cells))


def test_the_shipped_cell_gold_loads_and_labels_every_article() -> None:
    files = sorted(CELLS.glob("*.json"))
    assert files, "the coverage-cell gold is missing"
    for path in files:
        gold = load_cell_gold(path)
        raw = json.loads(path.read_text(encoding="utf-8"))
        articles = {a for c in raw["claims"] for a in c["cells"]}
        assert all(set(c["cells"]) == articles for c in raw["claims"]), f"{path.name}: a claim misses an article"
        assert len(gold.cells) == len(raw["claims"]) * len(articles) >= 30


def test_the_claim_worded_by_the_anchor_wins_over_one_that_restates_it(tmp_path: Path) -> None:
    # the anchor restates an earlier claim (worded by c) and words a later one: the cells are the later claim's
    rain, killed = _span(C, "Rain fell for four days before the dam gave way."), _span(
        A, "At least 12 people were killed, officials said."
    )
    died = _span(B, "Twelve people died when the dam failed.")
    earlier = Claim("s1-c1", rain.text, (rain,), restated=(killed,), coverage=(Coverage("states", rain),))
    toll = Claim(
        "s1-c2", killed.text, (killed, died), coverage=(Coverage("reports", killed, "officials"), Coverage("states", died))
    )
    report = Report(
        articles=(A, B, C), stories=(Story(id="s1", title="Dam", article_ids=("a", "b", "c"), claims=(earlier, toll)),)
    )
    gold = load_cell_gold(
        _gold(tmp_path, {"a": {"labels": ["reports"]}, "b": {"labels": ["states"]}, "c": {"labels": ["absent"]}})
    )
    result = score_cells([(report, gold)])
    assert (result.correct, result.merged, result.unmatched) == (3, 0, 0)  # on the earlier claim: 0 of 3
