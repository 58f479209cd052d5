"""The web app over a corpus store: pages, JSON twins, errors, and nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsprism.cli import main
from newsprism.errors import InputError
from newsprism.model import Article
from newsprism.report.json import own_schema
from newsprism.store import SQLiteStore
from newsprism.web import create_app

from .test_browser import several_stories


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A store holding the three-story sample report (articles and analysed stories)."""
    report = several_stories()
    path = tmp_path / "corpus.db"
    with SQLiteStore(path) as store:
        store.add_articles(report.articles)
        store.add_articles([Article("wire/2025/a1", "A wire item whose id holds slashes, as feed ids do.")])
        store.save_stories(report.stories)
    return path


def test_index_story_pages_and_json_twins(corpus: Path) -> None:
    report = several_stories()
    client = TestClient(create_app(corpus))
    listing = client.get("/stories.json").json()
    assert [(s["id"], s["articles"], s["url"]) for s in listing["stories"]] == [
        ("s1", 3, "/stories/s1"),
        ("s2", 3, "/stories/s2"),
        ("s3", 1, "/stories/s3"),
    ]
    index = client.get("/")
    assert index.status_code == 200 and index.headers["x-frame-options"] == "DENY"
    assert "script-src 'sha256-" in index.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in index.headers["content-security-policy"]
    assert 'href="/stories/s2"' in index.text and "<template>" not in index.text  # headers, linking to pages
    page = client.get("/stories/s1")
    assert page.status_code == 200 and 'class="matrix"' in page.text and 'href="/"' in page.text
    twin = client.get("/stories/s1.json").json()
    jsonschema.validate(twin, own_schema())  # the contract's shape
    assert [s["id"] for s in twin["stories"]] == ["s1"]
    assert sorted(a["id"] for a in twin["articles"]) == sorted(report.stories[0].article_ids)
    article = client.get("/articles/lone-9.json").json()
    assert article["text"].startswith("A council in Paris") and article["outlet"] == "Paris Post"
    assert client.get("/openapi.json").json()["info"]["title"] == "newsprism"
    assert client.get("/docs").status_code == 404  # no interactive docs: they would load a CDN's scripts
    wire = client.get("/articles/wire/2025/a1.json")
    assert wire.status_code == 200 and wire.json()["id"] == "wire/2025/a1"


def test_on_loopback_it_answers_its_own_host_names_only(corpus: Path) -> None:
    app = create_app(corpus, hosts=["127.0.0.1", "localhost"])
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/stories.json").status_code == 200
    rebound = TestClient(app, base_url="http://attacker.example").get("/stories.json")
    assert rebound.status_code == 400 and "schema" not in rebound.text


def test_unknown_ids_are_404_and_hostile_ids_stay_text(corpus: Path) -> None:
    client = TestClient(create_app(corpus))
    missing = client.get("/stories/nope")
    assert missing.status_code == 404 and missing.json() == {"detail": "no story 'nope'"}
    assert client.get("/articles/%3Cscript%3E.json").status_code == 404
    assert client.get("/stories/s1%2F..%2F..%2Fetc.json").status_code == 404


def test_pages_follow_a_store_that_changes(corpus: Path) -> None:
    """A page is kept until the store changes: a later analysis's stories are served, not the old ones."""
    from dataclasses import replace

    client = TestClient(create_app(corpus))
    assert "The same story again" in client.get("/stories/s2").text
    report = several_stories()
    with SQLiteStore(corpus) as store:  # as a later analyze --db would
        store.save_stories([replace(s, title=f"Renamed {s.id}") for s in report.stories])
    assert "Renamed s2" in client.get("/stories/s2").text and "Renamed s1" in client.get("/").text


def test_the_app_writes_nothing(corpus: Path) -> None:
    before = hashlib.sha256(corpus.read_bytes()).hexdigest()
    client = TestClient(create_app(corpus))
    for url in ("/", "/stories.json", "/stories/s1", "/stories/s2.json", "/articles/lone-9.json"):
        assert client.get(url).status_code == 200
    assert hashlib.sha256(corpus.read_bytes()).hexdigest() == before
    store = SQLiteStore(corpus, readonly=True)
    with pytest.raises(Exception, match="readonly"):
        store.save_stories([])
    store.close()


def test_a_missing_or_foreign_db_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        create_app(tmp_path / "nope.db")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 2 and "no such file" in result.stderr and "Traceback" not in result.output
    (tmp_path / "text.db").write_text("not a database at all, just some words", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "text.db")])
    assert result.exit_code == 2 and "not a newsprism store" in result.stderr
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db"), "--port", "0"])
    assert result.exit_code == 2 and "--port" in result.output
