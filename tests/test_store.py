"""The SQLite corpus store: migrations, adding articles once each, full-text search, errors and stories."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.model import Article, InputFailure, Report
from newsprism.store import SQLiteStore
from newsprism.store.sqlite import MIGRATIONS

from .test_stories import EXAMPLES, prepare


@pytest.fixture(scope="module")
def examples(models, settings) -> list[Article]:
    return prepare([EXAMPLES], models, settings)[0]


def test_a_new_store_runs_every_migration_once_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    with SQLiteStore(path) as store:
        assert store.version == len(MIGRATIONS)
    with SQLiteStore(path) as again:  # reopening applies nothing twice
        assert again.version == len(MIGRATIONS)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_a_store_from_a_newer_newsprism_or_another_file_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    SQLiteStore(newer).close()
    db = sqlite3.connect(newer)
    db.execute("INSERT INTO schema_migrations VALUES (?, 'later')", (len(MIGRATIONS) + 1,))
    db.commit()
    db.close()
    with pytest.raises(InputError, match="newer newsprism"):
        SQLiteStore(newer)
    other = tmp_path / "notes.db"
    other.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(InputError, match="not a newsprism store"):
        SQLiteStore(other)


def test_articles_are_added_once_and_read_back_whole(tmp_path: Path, examples: list[Article]) -> None:
    with SQLiteStore(tmp_path / "c.db") as store:
        first = store.add_articles(examples)
        assert (first.added, first.skipped) == (len(examples), 0)
        again = store.add_articles(examples)
        assert (again.added, again.same_id, again.same_text) == (0, len(examples), 0)
        copy = replace(examples[0], id="another-id", text="  " + examples[0].text.replace(" ", "  ") + "\n")
        assert store.add_articles([copy]).same_text == 1, "the same words under another id are not added"
        assert store.count() == len(examples)
        assert [a.id for a in store.articles()] == [a.id for a in examples]
        back = store.article(examples[0].id)
        assert back is not None and back.text == examples[0].text and back.removed == examples[0].removed
        assert back.outlet == examples[0].outlet and back.title == examples[0].title
        assert store.article("missing") is None


def test_a_failed_batch_stores_none_of_its_articles(tmp_path: Path, examples: list[Article]) -> None:
    def articles():
        yield from examples[:2]
        raise RuntimeError("the reader broke half way")

    with SQLiteStore(tmp_path / "c.db") as store:
        with pytest.raises(RuntimeError):
            store.add_articles(articles())
        assert store.count() == 0, "a batch is stored whole or not at all"
        assert store.add_articles(examples).added == len(examples)


def test_full_text_search_finds_articles_by_their_words(tmp_path: Path, examples: list[Article]) -> None:
    with SQLiteStore(tmp_path / "c.db") as store:
        store.add_articles(examples)
        hits = store.search("sirens dam")
        assert hits and all("siren" in store.article(h.article).text.lower() for h in hits)  # type: ignore[union-attr]
        assert all("[" in h.snippet for h in hits)
        assert store.search('sirens" *(') == store.search("sirens"), "query syntax is never interpreted"
        assert {h.article for h in store.search('sirens NEAR')} <= {h.article for h in store.search("sirens")}
        assert store.search("zebra-crossing-xylophone") == [] and store.search("   ") == []


def test_errors_and_stories_are_kept(tmp_path: Path, seed_report: Report) -> None:
    path = tmp_path / "c.db"
    with SQLiteStore(path) as store:
        assert store.add_errors([InputFailure("broken.html", "no article text found")]) == 1
        store.save_stories(seed_report.stories)
    with SQLiteStore(path) as store:
        assert store.errors() == [InputFailure("broken.html", "no article text found")]
        assert store.stories() == list(seed_report.stories)
        assert store.story_titles() == [(s.id, s.title, len(s.article_ids)) for s in seed_report.stories]
        store.save_stories(seed_report.stories[:0])
        assert store.stories() == [] and store.story_titles() == []
