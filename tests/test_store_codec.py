"""Annotations kept in a store as typed JSON: read back equal, never as code, and refused when they do not fit."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from newsprism.model import Annotations, Article, DateMention, Quantity, Report, Sentence
from newsprism.store import SQLiteStore
from newsprism.store.codec import CodecError, dumps, encode, loads
from newsprism.store.sqlite import MIGRATIONS

from .test_stories import EXAMPLES, prepare


@pytest.fixture(scope="module")
def examples(models, settings) -> tuple[list[Article], dict[str, Annotations]]:
    return prepare([EXAMPLES], models, settings)


def test_real_annotations_are_read_back_equal(examples) -> None:
    _, annotations = examples
    for ann in annotations.values():
        assert ann.sentences and ann.mentions
        back = loads(Annotations, dumps(ann))
        assert back == ann
        assert all(isinstance(d, DateMention) for d in back.dates)
        assert all(type(q.value) is float for q in back.quantities), "numbers keep their type"
        assert all(type(pair) is tuple for s in back.sentences for pair in s.lemmas)
    quantities = [q for ann in annotations.values() for q in ann.quantities]
    assert any(isinstance(q, Quantity) and q.counted for q in quantities), "what a figure counts is kept"


def test_default_fields_are_left_out_and_come_back(examples) -> None:
    _, annotations = examples
    sentence = next(s for ann in annotations.values() for s in ann.sentences if not s.negated and not s.hedged)
    data = encode(sentence)
    assert "negated" not in data and "hedged" not in data and data["span"]["text"] == sentence.span.text
    assert loads(Sentence, zlib.compress(json.dumps(data).encode())) == sentence


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"article_id": "a", "sentences": [{"span": {"article": "a", "start": "0", "end": 3, "text": "abc"}}]}, "int"),
        ({"article_id": "a", "tomorrow": 1}, "no field 'tomorrow'"),
        ({"sentences": []}, "article_id"),
        ({"article_id": "a", "dates": [{"span": {"article": "a", "start": 0, "end": 1, "text": "x"},
                                        "day": "not a day", "granularity": "day"}]}, "ISO date"),
        ({"article_id": "a", "quantities": [{"span": {"article": "a", "start": 0, "end": 1, "text": "x"}, "value": 1,
                                             "kind": "bananas", "unit": "", "counted": None, "predicate": None}]}, "one of"),
        ({"article_id": "a", "sentences": {"span": 1}}, "array"),
    ],
)
def test_a_row_that_does_not_fit_its_type_is_refused(data, reason) -> None:
    with pytest.raises(CodecError, match=reason):
        loads(Annotations, zlib.compress(json.dumps(data).encode()))
    with pytest.raises(CodecError, match="not a stored Annotations"):
        loads(Annotations, b"\x80\x04\x95 a pickle, say")
    with pytest.raises(CodecError, match="not a stored Annotations"):
        loads(Annotations, "text, not bytes")  # type: ignore[arg-type]
    with pytest.raises(CodecError, match="not a stored Annotations"):
        loads(Annotations, zlib.compress(b"[" * 100_000 + b"]" * 100_000))


def test_the_store_keeps_annotations_per_pass_and_skips_unreadable_rows(tmp_path: Path, examples) -> None:
    articles, annotations = examples
    path = tmp_path / "c.db"
    with SQLiteStore(path) as store:
        store.add_articles(articles)
        store.save_annotations(annotations.values(), "pass 1")
        store.save_analysis(articles, [], facts={"settings": "x"})
        assert store.annotations("pass 1") == annotations
        assert store.annotations("pass 2") == {}, "another pass's annotations are not used"
        assert store.analysis_facts() == {"settings": "x"}
    db = sqlite3.connect(path)
    first = articles[0].id
    db.execute("UPDATE annotations SET record = ? WHERE article_id = ?", (b"garbage", first))
    db.commit()
    db.close()
    with SQLiteStore(path) as store:
        kept = store.annotations("pass 1")
        assert first not in kept and len(kept) == len(annotations) - 1, "an unreadable row is annotated again"


def test_the_migration_lists_the_articles_of_stories_kept_before_it(tmp_path: Path, seed_report: Report) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        store.save_stories(seed_report.stories)
    db = sqlite3.connect(path)
    # back to the schema before migration 3
    db.executescript("DROP TABLE story_articles; DROP TABLE annotations; DROP TABLE analysis; DROP TABLE vectors;"
                     " DROP TABLE story_index; DROP TABLE story_outlets;"
                     " DELETE FROM schema_migrations WHERE version >= 3;")
    db.close()
    with SQLiteStore(path) as store:
        assert store.version == len(MIGRATIONS)
        assert store.story_members() == {s.id: frozenset(s.article_ids) for s in seed_report.stories}
