"""The store's story list: one small row per story (:class:`~newsprism.listing.StorySummary`) and the
outlets of each, written with the stories and queried with SQL, so that listing, searching and filtering
reads neither the stories' records nor the articles' text.

Words are found with the articles' full-text index (FTS5): a story matches when one of its articles holds
every word, in its title or text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..listing import OutletCount, StoryPage, StoryQuery, StorySummary
from ..model import LeanCoverage, outlet_key

__all__ = ["MIGRATION", "find_stories", "fts_match", "write_summaries"]

#: The tables (schema version 5).
MIGRATION = """
CREATE TABLE story_index (
    story_id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    disagreements INTEGER NOT NULL,
    first_day TEXT,
    last_day TEXT,
    news INTEGER NOT NULL,
    opinion INTEGER NOT NULL,
    lean_left INTEGER,
    lean_center INTEGER,
    lean_right INTEGER,
    lean_unknown INTEGER,
    blindspot TEXT,
    voices TEXT NOT NULL
);
CREATE TABLE story_outlets (
    story_id TEXT NOT NULL,
    voice TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (story_id, voice)
);
CREATE INDEX story_outlets_by_voice ON story_outlets (voice);
"""

_COLUMNS = (
    "story_id, title, articles, outlets, claims, disagreements, first_day, last_day, news, opinion, "
    "lean_left, lean_center, lean_right, lean_unknown, blindspot, voices"
)
_ORDER = {
    "size": "articles DESC, position",
    "newest": "last_day IS NULL, last_day DESC, position",
    "outlets": "outlets DESC, articles DESC, position",
}
_COVERED_BY = {"left": "lean_left > 0", "center": "lean_center > 0", "right": "lean_right > 0"}
_WORD = re.compile(r"\w+")


def fts_match(text: str) -> str | None:
    """A full-text query for every word of ``text``, each a plain term (no query syntax is ever read);
    ``None`` when ``text`` holds no word."""
    words = _WORD.findall(text)
    return " ".join(f'"{w}"' for w in words) if words else None


def write_summaries(db: sqlite3.Connection, summaries: Sequence[StorySummary]) -> None:
    """Replace the list with ``summaries``, in report order (inside the caller's transaction)."""
    db.execute("DELETE FROM story_index")
    db.execute("DELETE FROM story_outlets")
    db.executemany(
        f"INSERT INTO story_index (position, {_COLUMNS}) VALUES ({', '.join('?' * 17)})",
        [(n, *_row(s)) for n, s in enumerate(summaries)],
    )
    db.executemany(
        "INSERT OR IGNORE INTO story_outlets (story_id, voice, name) VALUES (?, ?, ?)",
        [(s.id, voice, name) for s in summaries for voice, name in s.voices],
    )


def _row(s: StorySummary) -> tuple[Any, ...]:
    lean = s.lean
    leans = (lean.left, lean.center, lean.right, lean.unknown) if lean else (None,) * 4
    blindspot = lean.blindspot_for if lean else None
    return (
        s.id, s.title, s.articles, s.outlets, s.claims, s.disagreements, s.first_day, s.last_day, s.news, s.opinion,
        *leans, blindspot, json.dumps([list(v) for v in s.voices]),
    )  # fmt: skip


def _summary(row: Sequence[Any]) -> StorySummary:
    (story_id, title, articles, outlets, claims, disagreements, first, last, news, opinion,
     left, center, right, unknown, blindspot, voices) = row  # fmt: skip
    lean = LeanCoverage(left, center, right, unknown, blindspot) if left is not None else None
    return StorySummary(
        story_id, title, articles, outlets, claims, disagreements, first, last, news, opinion,
        tuple((str(v), str(n)) for v, n in json.loads(voices)), lean,
    )  # fmt: skip


def _conditions(q: StoryQuery) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if not q.singles:
        where.append("articles >= 2")
    if q.text.strip():
        match = fts_match(q.text)
        if match is None:  # punctuation only: no article holds it
            where.append("0")
        else:
            where.append(
                "story_id IN (SELECT sa.story_id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
                " JOIN story_articles sa ON sa.article_id = a.id WHERE articles_fts MATCH ?)"
            )
            args.append(match)
    if q.outlet:
        where.append("story_id IN (SELECT story_id FROM story_outlets WHERE voice = ?)")
        args.append(outlet_key(q.outlet))
    if q.lean is not None:
        where.append(_COVERED_BY[q.lean])
    if q.blindspot == "any":
        where.append("blindspot IS NOT NULL")
    elif q.blindspot is not None:
        where.append("blindspot = ?")
        args.append(q.blindspot)
    if q.min_outlets > 1:
        where.append("outlets >= ?")
        args.append(q.min_outlets)
    if q.genre == "news":
        where.append("news > 0")
    elif q.genre == "opinion":
        where.append("opinion > 0")
    if q.since is not None or q.until is not None:  # an article of the story published within the range
        where.append(
            "EXISTS (SELECT 1 FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = story_index.story_id AND substr(a.published, 1, 10) BETWEEN ? AND ?)"
        )
        args += [q.since.isoformat() if q.since else "0000", q.until.isoformat() if q.until else "9999"]
    return where, args


def find_stories(db: sqlite3.Connection, q: StoryQuery) -> StoryPage:
    """The page of stories ``q`` asks for, with how many match and every outlet of the corpus."""
    where, args = _conditions(q)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(db.execute(f"SELECT count(*) FROM story_index{clause}", args).fetchone()[0])
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM story_index{clause} ORDER BY {_ORDER[q.sort]} LIMIT ? OFFSET ?",
        [*args, q.per_page, q.offset],
    )
    outlets = db.execute(
        "SELECT voice, min(name), count(*) FROM story_outlets GROUP BY voice ORDER BY min(name) COLLATE NOCASE"
    )
    return StoryPage(
        query=q,
        stories=tuple(_summary(r) for r in rows),
        total=total,
        outlets=tuple(OutletCount(v, n, int(c)) for v, n, c in outlets),
        corpus=int(db.execute("SELECT count(*) FROM story_index").fetchone()[0]),
    )
