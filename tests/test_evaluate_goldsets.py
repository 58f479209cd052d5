"""Gold sets read from ECB+ and from the story gold: stories, labelled sentences, positive pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.evaluate.goldsets import load_ecbplus, load_story_gold

from .conftest import SHARED

ECB = SHARED / "data" / "ecbplus-dev"


def _story(tmp_path: Path) -> Path:
    texts = {
        "A": "Rain fell. The dam broke at noon.",
        "B": "The dam burst at midday. Nobody was hurt.",
        "C": "Nobody was hurt.",
    }
    articles = []
    for key, text in texts.items():
        cut = text.find(". ") + 1 if ". " in text else len(text)
        sentences = [[0, cut]] + ([[cut + 1, len(text)]] if cut < len(text) else [])
        articles.append({"key": key, "id": f"id{key}", "outlet": f"Outlet {key}", "text": text, "sentences": sentences})
    story = {
        "story": "dam",
        "title": "A dam breaks",
        "articles": articles,
        "claims": [
            {"fact": "the dam broke at noon", "members": ["A2", "B1"]},
            {"fact": "no injuries", "members": ["B2", "C1"]},
        ],
        "opinion": [],
        "conflicts": [],
    }
    path = tmp_path / "dam.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    return path


def test_story_gold_positive_pairs(tmp_path: Path) -> None:
    _story(tmp_path)
    gold = load_story_gold(tmp_path)
    assert list(gold.stories()) == ["dam"]
    assert gold.positive_pairs() == {(("idA", 1), ("idB", 0)), (("idB", 1), ("idC", 0))}
    assert len(gold.labelled_keys()) == 5  # every sentence of the story gold carries gold


def test_a_broken_story_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"story": "bad"}', encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        load_story_gold(tmp_path)


def test_ecbplus_subtopics_are_stories_and_only_annotated_sentences_count() -> None:
    if not ECB.is_dir():
        pytest.skip(f"ECB+ data not found at {ECB} (../shared is absent)")
    gold = load_ecbplus(ECB, [26])
    assert set(gold.stories()) == {"26_ecb", "26_ecbplus"}
    labelled = gold.labelled_keys()
    assert 0 < len(labelled) < sum(len(d.sentences) for d in gold.docs)
    positives = gold.positive_pairs()
    assert positives
    story_of = {d.article.id: d.story for d in gold.docs}
    for a, b in positives:
        assert a in labelled and b in labelled
        assert a[0] != b[0] and story_of[a[0]] == story_of[b[0]]


def test_missing_ecbplus_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="ECB\\+ file not found"):
        load_ecbplus(tmp_path, [1])
