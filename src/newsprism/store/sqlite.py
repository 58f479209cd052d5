"""The embedded corpus store: one SQLite file.

* **WAL mode**, so readers never wait for a writer; each write is one
  transaction, so a run killed at any point leaves every article either
  stored whole or not at all.
* **Migrations** are numbered SQL scripts (:data:`MIGRATIONS`); the versions
  applied are recorded in the file (``schema_migrations``), and opening a
  store brings it up to date. A file made by a newer newsprism is refused.
* **Full-text search** (FTS5) over titles and text, kept in step by triggers.
* Articles are kept as their JSON records (the report's own article shape)
  beside the columns that are searched and listed; analysed stories likewise.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..listing import StoryPage, StoryQuery, summarize
from ..model import Annotations, Article, InputFailure, Story
from ..report.json import article_dict, story_dict
from ..report.load import article_from_dict, story_from_dict
from . import story_list
from .base import AddCounts, SearchHit, Store, content_hash
from .codec import CodecError, dumps, loads

__all__ = ["MIGRATIONS", "SQLiteStore"]

#: The schema, one script per version; a store at version n has run the first n. Append, never edit.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT,
        outlet TEXT,
        published TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    END;
    CREATE TABLE input_errors (
        seq INTEGER PRIMARY KEY,
        input TEXT NOT NULL,
        error TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE TABLE stories (
        position INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        articles INTEGER NOT NULL,
        record TEXT NOT NULL
    );
    """,
    # an input that fails the same way on every run is recorded once
    """
    DELETE FROM input_errors WHERE seq NOT IN (SELECT min(seq) FROM input_errors GROUP BY input, error);
    CREATE UNIQUE INDEX input_errors_once ON input_errors (input, error);
    """,
    # what the NLP pass found in each article, kept so that a later run annotates only new articles; which
    # articles each story holds; and facts about the last analysis (the settings it ran with)
    """
    CREATE TABLE annotations (
        article_id TEXT PRIMARY KEY REFERENCES articles (id),
        annotator TEXT NOT NULL,
        record BLOB NOT NULL
    );
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories (id),
        article_id TEXT NOT NULL,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE INDEX story_articles_by_article ON story_articles (article_id);
    INSERT OR IGNORE INTO story_articles (story_id, article_id)
        SELECT s.id, j.value FROM stories s, json_each(json_extract(s.record, '$.article_ids')) j;
    CREATE TABLE analysis (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # sentence vectors made in earlier runs (articles' leads, compared sentences), per encoder
    """
    CREATE TABLE vectors (
        encoder TEXT NOT NULL,
        text TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (encoder, text)
    ) WITHOUT ROWID;
    """,
    # each story's summary and outlets, for listing, searching and filtering without reading stories whole
    story_list.MIGRATION,
)
#: The version from which stories have summaries (a store brought up to it has them made from its records).
_SUMMARIES = 5

#: The size of a kept sentence vector: 384 float32 (all-MiniLM-L6-v2); rows of another size are not used.
VECTOR_BYTES = 384 * 4


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore:
    """A corpus in one SQLite file (created, or brought up to date, on opening).

    ``readonly`` opens an existing store for reading only (``newsprism serve``): nothing is created or
    migrated, any write fails, and the connection may be used from several threads (one at a time).
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                if not Path(self.path).is_file():
                    raise InputError(self.path, "no such file")
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
                self._check_version()
            else:
                self._db = sqlite3.connect(self.path, isolation_level=None)  # transactions are explicit
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._migrate()
        except sqlite3.DatabaseError as exc:
            raise InputError(self.path, f"not a newsprism store: {exc}") from exc

    # --- schema -----------------------------------------------------------------

    @property
    def version(self) -> int:
        """How many of :data:`MIGRATIONS` the file has run."""
        row = self._db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _check_version(self) -> None:
        have = self.version
        if have > len(MIGRATIONS):
            raise InputError(self.path, f"made by a newer newsprism (schema {have}; this one knows {len(MIGRATIONS)})")
        if have != len(MIGRATIONS):
            raise InputError(
                self.path,
                f"a store of schema {have}, this newsprism reads {len(MIGRATIONS)}: open it once with "
                "`newsprism analyze --db` to bring it up to date",
            )

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
        have = self.version
        if have > len(MIGRATIONS):
            raise InputError(self.path, f"made by a newer newsprism (schema {have}; this one knows {len(MIGRATIONS)})")
        for version in range(have + 1, len(MIGRATIONS) + 1):
            with self._transaction():
                for statement in _statements(MIGRATIONS[version - 1]):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, _now()))
                if version == _SUMMARIES:  # stories kept before it get their summaries
                    self._summarize(self.stories(), {})

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- articles -----------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddCounts:
        added = same_id = same_text = 0
        with self._transaction():
            for a in articles:
                digest = content_hash(a.text)
                if self._db.execute("SELECT 1 FROM articles WHERE id = ?", (a.id,)).fetchone():
                    same_id += 1
                    continue
                if self._db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
                    same_text += 1
                    continue
                self._db.execute(
                    "INSERT INTO articles (id, content_hash, title, outlet, published, text, record, added_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (a.id, digest, a.title, a.outlet, a.published, a.text, json.dumps(article_dict(a)), _now()),
                )
                added += 1
        return AddCounts(added, same_id, same_text)

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return article_from_dict(json.loads(row[0])) if row else None

    def articles(self) -> Iterator[Article]:
        for (record,) in self._db.execute("SELECT record FROM articles ORDER BY seq"):
            yield article_from_dict(json.loads(record))

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        match = story_list.fts_match(query)
        if match is None:
            return []
        rows = self._db.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts"
            " JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [SearchHit(article, title, snippet) for article, title, snippet in rows]

    # --- errors -------------------------------------------------------------------

    def add_errors(self, failures: Iterable[InputFailure]) -> int:
        rows = [(f.input, f.error, _now()) for f in failures]
        with self._transaction():
            before = self._db.total_changes
            self._db.executemany("INSERT OR IGNORE INTO input_errors (input, error, added_at) VALUES (?, ?, ?)", rows)
            return self._db.total_changes - before

    def errors(self) -> list[InputFailure]:
        return [InputFailure(i, e) for i, e in self._db.execute("SELECT input, error FROM input_errors ORDER BY seq")]

    # --- stories ------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        with self._transaction():
            self._replace_stories(stories, {})

    def save_analysis(
        self, articles: Sequence[Article], stories: Sequence[Story], *, facts: Mapping[str, str] | None = None
    ) -> None:
        with self._transaction():
            self._db.executemany(
                "UPDATE articles SET record = ? WHERE id = ?", [(json.dumps(article_dict(a)), a.id) for a in articles]
            )
            self._replace_stories(stories, {a.id: a for a in articles})
            self._db.executemany(
                "INSERT OR REPLACE INTO analysis (key, value) VALUES (?, ?)", list((facts or {}).items())
            )

    def save_annotations(self, annotations: Iterable[Annotations], annotator: str) -> None:
        rows = [(ann.article_id, annotator, dumps(ann)) for ann in annotations]
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO annotations (article_id, annotator, record) VALUES (?, ?, ?)", rows
            )

    def annotations(self, annotator: str) -> dict[str, Annotations]:
        out: dict[str, Annotations] = {}
        rows = self._db.execute("SELECT article_id, record FROM annotations WHERE annotator = ?", (annotator,))
        for article_id, record in rows:
            try:
                ann = loads(Annotations, record)
            except CodecError:  # kept by another version of the model: annotated again
                continue
            if ann.article_id == article_id:
                out[article_id] = ann
        return out

    def analysis_facts(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self._db.execute("SELECT key, value FROM analysis")}

    def vectors(self, encoder: str) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for text, blob in self._db.execute("SELECT text, vector FROM vectors WHERE encoder = ?", (encoder,)):
            if isinstance(blob, bytes) and len(blob) == VECTOR_BYTES:
                out[text] = np.frombuffer(blob, dtype=np.float32)
        return out

    def save_vectors(self, encoder: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = [(encoder, t, np.asarray(v, dtype=np.float32).tobytes()) for t, v in vectors.items()]
        with self._transaction():
            self._db.execute("DELETE FROM vectors WHERE encoder != ?", (encoder,))  # another encoder's: of no more use
            self._db.executemany("INSERT OR REPLACE INTO vectors (encoder, text, vector) VALUES (?, ?, ?)", rows)

    def story_members(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for story_id, article_id in self._db.execute("SELECT story_id, article_id FROM story_articles"):
            out.setdefault(story_id, set()).add(article_id)
        return {k: frozenset(v) for k, v in out.items()}

    def _replace_stories(self, stories: Sequence[Story], articles: dict[str, Article]) -> None:
        """Replace the stories (``articles``: their articles by id, as far as the caller has them)."""
        self._db.execute("DELETE FROM story_articles")
        self._db.execute("DELETE FROM stories")
        self._db.executemany(
            "INSERT INTO stories (position, id, title, articles, record) VALUES (?, ?, ?, ?, ?)",
            [(n, s.id, s.title, len(s.article_ids), json.dumps(story_dict(s))) for n, s in enumerate(stories)],
        )
        self._db.executemany(
            "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
            [(s.id, a) for s in stories for a in dict.fromkeys(s.article_ids)],
        )
        self._summarize(stories, articles)

    def _summarize(self, stories: Sequence[Story], articles: dict[str, Article]) -> None:
        """Write the stories' summaries, reading the articles the caller did not give from the store."""
        for story in stories:
            for i in story.article_ids:
                if i not in articles and (article := self.article(i)) is not None:
                    articles[i] = article
        story_list.write_summaries(self._db, [summarize(s, articles) for s in stories])

    def stories(self) -> list[Story]:
        return [
            story_from_dict(json.loads(r)) for (r,) in self._db.execute("SELECT record FROM stories ORDER BY position")
        ]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read in one transaction: every query inside sees the same state of the file, whatever another
        connection commits meanwhile."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def data_version(self) -> int:
        """A number that changes whenever another connection (a running ``analyze --db``) commits to the file."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def story(self, story_id: str) -> Story | None:
        row = self._db.execute("SELECT record FROM stories WHERE id = ?", (story_id,)).fetchone()
        return story_from_dict(json.loads(row[0])) if row else None

    def article_story(self, article_id: str) -> str | None:
        row = self._db.execute(
            "SELECT sa.story_id FROM story_articles sa JOIN stories s ON s.id = sa.story_id"
            " WHERE sa.article_id = ? ORDER BY s.position LIMIT 1",
            (article_id,),
        ).fetchone()
        return str(row[0]) if row else None

    def find_stories(self, query: StoryQuery) -> StoryPage:
        return story_list.find_stories(self._db, query)

    def story_titles(self) -> list[tuple[str, str, int]]:
        return [
            (i, t, int(n)) for i, t, n in self._db.execute("SELECT id, title, articles FROM stories ORDER BY position")
        ]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _statements(script: str) -> list[str]:
    """The statements of a migration script (a trigger's body keeps its own semicolons)."""
    out: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


def _is_a_store(store: SQLiteStore) -> Store:
    """(For the type checker: an SQLiteStore is a :class:`~.base.Store`.)"""
    return store
