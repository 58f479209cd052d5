"""Story-window gold read by id from a corpus, the TF-IDF average-link baseline, and grouping scored on ECB+."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.evaluate import (
    ecb_groups,
    evaluate_grouping,
    group_split,
    load_ecbplus,
    load_story_groups,
)
from newsprism.evaluate.baselines import tfidf_average_link_groups

from .conftest import SHARED

ECB = SHARED / "data" / "ecbplus-dev"


def _corpus(path: Path, rows: list[dict]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    return path


def _window(folder: Path, name: str, members: list[list[str]], ids: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    window = {
        "group": name,
        "topic": "t",
        "articles": [
            {"key": k, "id": i, "outlet": "o", "bias": "center", "published": "2020-01-01", "title": k}
            for k, i in ids.items()
        ],
        "stories": [{"event": "e", "members": m} for m in members],
    }
    (folder / f"{name}.json").write_text(json.dumps(window), encoding="utf-8")


def test_windows_are_read_by_id_and_labelled_by_story(tmp_path: Path) -> None:
    corpus = _corpus(
        tmp_path / "c.jsonl.gz",
        [{"id": f"id{n}", "text": f"Text {n}.", "outlet": f"O{n}", "title": f"T{n}"} for n in range(5)],
    )
    _window(tmp_path / "w", "w1", [["A", "C"], ["B"]], {"A": "id0", "B": "id1", "C": "id2"})
    gold = load_story_groups(tmp_path / "w", corpus)
    assert [a.id for a in gold.articles] == ["id0", "id2", "id1"]
    assert gold.truth["id0"] == gold.truth["id2"] != gold.truth["id1"]
    assert gold.articles[0].outlet == "O0" and gold.articles[0].text == "Text 0."


def test_a_labelled_article_missing_from_the_corpus_is_an_error_naming_it(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl.gz", [{"id": "id0", "text": "x"}])
    _window(tmp_path / "w", "w1", [["A", "B"]], {"A": "id0", "B": "gone"})
    with pytest.raises(InputError, match="not in the corpus, e.g. gone"):
        load_story_groups(tmp_path / "w", corpus)


def test_a_window_file_of_the_wrong_shape_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "bad.json").write_text('{"group": "bad"}', encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        load_story_groups(tmp_path / "w", tmp_path / "none.gz")


def test_every_third_window_is_held_back(tmp_path: Path) -> None:
    for name in "abcdefg":
        _window(tmp_path, name, [["A"]], {"A": name})
    fit, held = group_split(tmp_path)
    assert held == ["c", "f"]
    assert fit == ["a", "b", "d", "e", "g"]


def test_average_link_baseline_joins_near_copies_and_keeps_other_events_apart() -> None:
    texts = [
        "The central bank raised interest rates by half a point on Tuesday to fight inflation.",
        "On Tuesday the central bank raised interest rates by half a point, its fight against inflation.",
        "A magnitude 6 earthquake struck the coast of Chile, damaging homes in two towns.",
    ]
    groups = tfidf_average_link_groups(["a", "b", "c"], texts)
    assert sorted(sorted(g) for g in groups) == [["a", "b"], ["c"]]


@pytest.mark.slow
@pytest.mark.skipif(not ECB.is_dir(), reason="ECB+ dev data not found in ../shared/data/ecbplus-dev")
def test_grouping_on_ecb_topics_reports_siblings(models, settings) -> None:
    gold = ecb_groups(load_ecbplus(ECB, [26, 27]))
    assert set(gold.families.values()) == {"26", "27"}
    result = evaluate_grouping(gold, settings=settings, models=models)
    assert result.articles == len(gold.articles) and result.stories == 4
    assert result.siblings_apart is not None and result.siblings_apart[1] == 2
    assert 0.0 < result.b_cubed.f1 <= 1.0 and 0.0 < result.baseline_b_cubed.f1 <= 1.0
    # the figures agree with the errors counted
    assert (result.split == 0 and result.merged == 0) == (result.b_cubed.f1 == pytest.approx(1.0))
