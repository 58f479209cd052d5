"""A corpus analysed from its store gives the stories the file mode gives, and is exported without re-analysis."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsprism.cli import main
from newsprism.listing import StoryQuery
from newsprism.store import SQLiteStore

from .conftest import EXAMPLES

MULTISTORY = Path(__file__).parent / "fixtures" / "multistory"


def _claims(report: dict) -> list[list[tuple[str, int, int]]]:
    return sorted([(s["article"], s["start"], s["end"]) for s in c["support"]] for st in report["stories"] for c in st["claims"])


def test_analyze_db_matches_the_file_mode_and_export_redraws_it(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    run = CliRunner()
    assert run.invoke(main, ["ingest", str(EXAMPLES), str(MULTISTORY), "--db", db]).exit_code == 0
    early = run.invoke(main, ["export", "--db", db, "--format", "json"])
    assert early.exit_code == 0 and "has not been analysed yet" in early.stderr
    stored = run.invoke(main, ["analyze", "--db", db, "--format", "json"])
    assert stored.exit_code == 0, stored.output
    files = run.invoke(main, ["analyze", str(EXAMPLES), str(MULTISTORY), "--format", "json"])
    from_store, from_files = json.loads(stored.stdout), json.loads(files.stdout)
    assert [sorted(s["article_ids"]) for s in from_store["stories"]] == [sorted(s["article_ids"]) for s in from_files["stories"]]
    assert _claims(from_store) == _claims(from_files), "the same claims, from the corpus as from the files"
    exported = run.invoke(main, ["export", "--db", db, "--format", "json"])
    assert exported.exit_code == 0 and json.loads(exported.stdout)["stories"] == from_store["stories"]
    assert all(a["genre"] for a in json.loads(exported.stdout)["articles"]), "the analysed articles are kept"
    # the story list holds every analysed story, with its size, outlets and title words searchable
    with SQLiteStore(db) as store:
        listed = store.find_stories(StoryQuery(singles=True, per_page=500))
        assert {(s.id, s.articles) for s in listed.stories} == {(s["id"], len(s["article_ids"])) for s in from_store["stories"]}
        largest = max(from_store["stories"], key=lambda s: len(s["article_ids"]))
        outlets = {a["outlet"] for a in from_store["articles"] if a["id"] in largest["article_ids"]}
        assert listed.stories[0].id == largest["id"] and listed.stories[0].outlets == len(outlets)
        word = max(largest["title"].split(), key=len)
        assert largest["id"] in [s.id for s in store.find_stories(StoryQuery(text=word, singles=True)).stories]


def test_analyze_takes_paths_or_a_corpus_not_both(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", str(db)])
    both = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--db", str(db)])
    assert both.exit_code == 2 and "not both" in both.output
    neither = CliRunner().invoke(main, ["analyze"])
    assert neither.exit_code == 2
