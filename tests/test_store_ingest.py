"""Ingesting into the corpus store: each article once, errors recorded once, and a killed run loses nothing."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.config import Settings
from newsprism.store import SQLiteStore, content_hash
from newsprism.store.ingest import BATCH, ingest

from .conftest import EXAMPLES, SHARED

MULTISTORY = Path(__file__).parent / "fixtures" / "multistory"
ALLSIDES = SHARED / "data" / "allsides" / "articles.jsonl.gz"


def test_ingesting_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    bad = tmp_path / "inputs"
    bad.mkdir()
    (bad / "empty.txt").write_text("  \n", encoding="utf-8")
    settings = Settings()
    with SQLiteStore(tmp_path / "c.db") as store:
        first = ingest([EXAMPLES, MULTISTORY, bad], store, settings=settings)
        assert first.stored.added == store.count() > 10 and len(first.failures) == 1
        second = ingest([EXAMPLES, MULTISTORY, bad], store, settings=settings)
        assert second.stored.added == 0 and second.stored.same_id == first.stored.added
        assert [e.input for e in store.errors()] == [first.failures[0].input], "a failing input is recorded once"
        assert all(a.removed is not None and a.text for a in store.articles())


def test_the_command_line_ingests_and_says_what_it_skipped(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    first = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", db])
    assert first.exit_code == 0, first.output
    assert "added 6 article(s)" in first.stderr
    again = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", db])
    assert again.exit_code == 0 and "added 0 article(s)" in again.stderr and "skipped 6 already stored" in again.stderr
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02" * 100)
    failed = CliRunner().invoke(main, ["ingest", str(broken), "--db", db])
    assert failed.exit_code == 1 and "broken.txt" in failed.stderr and "Traceback" not in failed.output


def _check_whole(db: Path, total: int) -> int:
    """The store is consistent, holds only whole batches, and every article's record matches its columns."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # raises when out of step
    rows = con.execute("SELECT id, content_hash, text, record FROM articles").fetchall()
    for article_id, digest, text, record in rows:
        data = json.loads(record)
        assert data["id"] == article_id and data["text"] == text and content_hash(text) == digest
    assert len(rows) % BATCH == 0 or len(rows) == total, f"{len(rows)} articles: a batch was cut"
    con.close()
    return len(rows)


@pytest.mark.slow
def test_a_run_killed_at_any_point_loses_nothing_and_a_rerun_completes(tmp_path: Path) -> None:
    if not ALLSIDES.is_file():
        pytest.skip(f"AllSides corpus not found at {ALLSIDES} (../shared is absent)")
    corpus = tmp_path / "corpus.jsonl"
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh, corpus.open("w", encoding="utf-8") as out:
        for _, line in zip(range(400), fh, strict=False):
            out.write(line)
    command = [sys.executable, "-m", "newsprism", "ingest", str(corpus), "--quiet", "--db"]
    started = time.perf_counter()
    subprocess.run([*command, str(tmp_path / "full.db")], check=True, capture_output=True)
    full_seconds = time.perf_counter() - started
    total = SQLiteStore(tmp_path / "full.db").count()
    assert total > 300
    rng = random.Random(7)
    cut = 0
    for n in range(3):
        db = tmp_path / f"killed-{n}.db"
        proc = subprocess.Popen([*command, str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full_seconds * rng.uniform(0.45, 0.95))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if db.exists():
            stored = _check_whole(db, total)
            cut += 0 < stored < total
        subprocess.run([*command, str(db)], check=True, capture_output=True)  # run again: it completes
        assert _check_whole(db, total) == total
    assert cut >= 1, "no kill landed during the ingest itself"
