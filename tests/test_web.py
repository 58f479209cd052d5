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
    listing = client.get("/stories.json?singles=true").json()
    assert [(s["id"], s["articles"], s["url"]) for s in listing["stories"]] == [
        ("s1", 3, "/stories/s1"),
        ("s2", 3, "/stories/s2"),
        ("s3", 1, "/stories/s3"),
    ]
    assert listing["total"] == 3 and listing["stories"][0]["lean"]["blindspot_for"] == "right"
    assert [s["id"] for s in client.get("/stories.json").json()["stories"]] == ["s1", "s2"], "singles hidden"
    index = client.get("/")
    assert index.status_code == 200 and index.headers["x-frame-options"] == "DENY"
    policy = index.headers["content-security-policy"]
    assert "form-action 'self'" in policy and "frame-ancestors 'none'" in policy and "<script" not in index.text
    assert 'href="/stories/s2"' in index.text and 'href="/stories/s3"' not in index.text
    assert "Stories 1–2 of 2" in index.text and 'href="/stories.json"' in index.text
    page = client.get("/stories/s1")
    assert "form-action 'none'" in page.headers["content-security-policy"], "a story page sends no form"
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
    missing = client.get("/stories/nope.json")
    assert missing.status_code == 404 and missing.json() == {"detail": "no story 'nope'"}
    page = client.get("/stories/nope")  # a reader's browser gets a page saying so
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no story &#39;nope&#39;" in page.text and 'href="/"' in page.text
    assert client.get("/nowhere").status_code == 404 and "404: not found" in client.get("/nowhere").text
    assert client.get("/articles/%3Cscript%3E").status_code == 404
    assert "<script>" not in client.get("/articles/%3Cscript%3E").text
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


def test_the_list_searches_filters_sorts_and_pages_with_its_query(corpus: Path) -> None:
    client = TestClient(create_app(corpus))

    def ids(url: str) -> list[str]:
        return [s["id"] for s in client.get(url).json()["stories"]]

    assert ids("/stories.json?q=council&singles=true") == ["s3"]
    assert ids("/stories.json?q=derailment+Northline") == ["s1", "s2"]
    assert ids("/stories.json?outlet=paris+post&singles=1") == ["s3"]
    assert ids("/stories.json?lean=right&singles=1") == ["s3"] and ids("/stories.json?blindspot=right") == ["s1"]
    assert ids("/stories.json?since=2025-03-13&singles=1") == ["s3"] and ids("/stories.json?until=2025-03-01") == []
    assert ids("/stories.json?sort=newest&singles=1") == ["s3", "s1", "s2"]
    assert ids("/stories.json?min_outlets=4") == [] and ids("/stories.json?genre=news") == ["s1", "s2"]
    first = client.get("/stories.json?per_page=1").json()
    assert (first["pages"], first["next"], first["prev"]) == (2, "/stories.json?page=2&per_page=1", None)
    second = client.get(first["next"]).json()
    assert [s["id"] for s in second["stories"]] == ["s2"] and second["prev"] == "/stories.json?per_page=1"
    # the page: the same answer, its form holding the query, links to the next page and to its twin
    page = client.get("/?q=derailment&sort=outlets&per_page=1").text
    assert 'value="derailment"' in page and '<option value="outlets" selected>' in page
    assert 'href="/?q=derailment&amp;sort=outlets&amp;page=2&amp;per_page=1"' in page
    assert 'href="/stories.json?q=derailment&amp;sort=outlets&amp;per_page=1"' in page
    # a form sends every field, empty ones included: they count as not given
    assert client.get("/?q=&outlet=&lean=&blindspot=&genre=&min_outlets=&since=&until=&sort=size").text == client.get("/").text
    assert "No story matches these filters" in client.get("/?q=zebra").text


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("sort=bogus", "sort: Input should be 'size', 'newest' or 'outlets' (given 'bogus')"),
        ("page=0", "page: Input should be greater than or equal to 1"),
        ("per_page=5000", "per_page: Input should be less than or equal to 200"),
        ("since=yesterday", "since: Input should be a valid date"),
        ("since=2025-05-01&until=2025-01-01", "since (2025-05-01) is after until (2025-01-01)"),
        ("min_outlets=two", "min_outlets: Input should be a valid integer"),
        ("lean=centre-left", "lean: Input should be 'left', 'center' or 'right'"),
        ("sort_by=newest", "sort_by: unknown parameter"),
        ("q=" + "x" * 300, "q: String should have at most 200 characters"),
    ],
)
def test_a_bad_parameter_is_a_422_naming_it(corpus: Path, query: str, says: str) -> None:
    client = TestClient(create_app(corpus))
    twin = client.get("/stories.json?" + query)
    assert twin.status_code == 422 and says in twin.json()["detail"]
    page = client.get("/?" + query)
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert says.replace("'", "&#39;") in page.text and "Traceback" not in page.text


def test_hostile_text_in_the_query_and_the_store_stays_text(tmp_path: Path) -> None:
    from newsprism.model import Story

    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    path = tmp_path / "hostile.db"
    articles = [
        Article("h1", f"Crews cleared the {hostile} road after the storm.", title=f"Storm {hostile}", outlet=f"Gazette {hostile}"),
        Article("h2", "Crews cleared the coast road after the storm on Monday.", title="Road cleared", outlet="Courier"),
    ]
    with SQLiteStore(path) as store:
        store.add_articles(articles)
        store.save_stories([Story("s1", f"Storm {hostile}", ("h1", "h2"))])
    client = TestClient(create_app(path))
    for url in ("/", "/?q=" + hostile, "/?outlet=" + hostile, "/stories/s1"):
        page = client.get(url)
        assert page.status_code == 200 and "<img src=x" not in page.text and "<script>alert" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/").text
    assert client.get("/stories.json").json()["stories"][0]["outlet_names"] == [f"Gazette {hostile}", "Courier"]


def test_a_story_matrix_downloads_as_csv_and_articles_have_marked_pages(corpus: Path) -> None:
    import csv
    import io

    client = TestClient(create_app(corpus))
    story = client.get("/stories/s1").text
    assert 'href="/stories/s1.csv" download' in story and 'href="/articles/gazette-1"' in story
    sheet = client.get("/stories/s1.csv")
    assert sheet.status_code == 200 and sheet.headers["content-type"] == "text/csv; charset=utf-8"
    assert sheet.headers["content-disposition"] == 'attachment; filename="newsprism-s1-matrix.csv"'
    rows = list(csv.reader(io.StringIO(sheet.text)))
    assert rows[0][1] == "claim" and len(rows) - 1 == len(several_stories().stories[0].claims)
    assert client.get("/stories/nope.csv").status_code == 404
    page = client.get("/articles/gazette-1")
    assert page.status_code == 200 and "<script" not in page.text and 'href="/stories/s1"' in page.text
    assert "form-action 'none'" in page.headers["content-security-policy"]
    assert '<mark class="hl' in page.text and 'href="/articles/gazette-1.json"' in page.text
    lone = client.get("/articles/wire/2025/a1")  # in no story
    assert lone.status_code == 200 and "in no analysed story" in lone.text
    assert client.get("/articles/nope").status_code == 404
    with SQLiteStore(corpus, readonly=True) as store:
        assert store.article_story("gazette-1") in {"s1", "s2"} and store.article_story("wire/2025/a1") is None


def test_odd_article_ids_have_working_pages(tmp_path: Path) -> None:
    """Ids holding '/', '..' or ending in '.json' (file and feed ids do) each reach their own page."""
    from newsprism.model import Story
    from newsprism.web.app import article_path

    path = tmp_path / "ids.db"
    texts = {
        "feed/item.json": "Crews cleared the coast road after the storm on Monday.",
        "feed/item": "The council met on Tuesday to count the cost of the storm.",
        "a/../b": "Ferries ran again on Wednesday after the storm passed.",
        "b": "Schools reopened on Thursday in the storm-hit towns.",
    }
    with SQLiteStore(path) as store:
        store.add_articles([Article(i, t, outlet="Courier") for i, t in texts.items()])
        store.save_stories([Story("s1", "Storm", tuple(texts))])
    client = TestClient(create_app(path))
    for article_id, text in texts.items():
        page = client.get(article_path(article_id))
        assert page.status_code == 200 and text in page.text, article_id
        assert client.get(article_path(article_id) + ".json").json()["id"] == article_id
    assert article_path("a/../b") == "/articles/a%2F..%2Fb" and article_path("..") == "/articles/%2E%2E"


def test_a_page_past_the_last_says_so(corpus: Path) -> None:
    client = TestClient(create_app(corpus))
    page = client.get("/?page=9")
    assert page.status_code == 200 and "2 stories match, on 1 page" in page.text and "go to page 1" in page.text
    twin = client.get("/stories.json?page=9").json()
    assert twin["stories"] == [] and twin["prev"] == "/stories.json" and twin["next"] is None


def test_every_route_answers_head_as_get(corpus: Path) -> None:
    client = TestClient(create_app(corpus))
    for url in ("/", "/stories.json", "/stories/s1", "/stories/s1.json", "/stories/s1.csv", "/articles/lone-9"):
        head, get = client.head(url), client.get(url)
        assert head.status_code == 200 and head.headers["content-type"] == get.headers["content-type"], url
    assert client.head("/stories/nope").status_code == 404


def test_pages_say_how_long_they_took_and_are_kept(corpus: Path) -> None:
    client = TestClient(create_app(corpus))
    for url in ("/", "/stories/s1", "/stories/s1.json", "/stories/s1.csv", "/articles/gazette-1"):
        first = client.get(url).headers["server-timing"]
        assert first.startswith("load;dur=") and ", render;dur=" in first, url
        again = client.get(url)
        assert again.headers["server-timing"].startswith("kept;"), url


def test_the_app_writes_nothing(corpus: Path) -> None:
    def state() -> tuple[str, int]:  # the store's bytes, and what its write-ahead log holds (SQLite may
        wal = corpus.parent / (corpus.name + "-wal")  # create the log and its -shm index for a reader)
        return hashlib.sha256(corpus.read_bytes()).hexdigest(), wal.stat().st_size if wal.exists() else 0

    before = state()
    client = TestClient(create_app(corpus))
    for url in ("/", "/stories.json", "/stories/s1", "/stories/s2.json", "/stories/s1.csv", "/articles/lone-9.json", "/articles/lone-9"):
        assert client.get(url).status_code == 200
    assert state() == before
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


def test_the_demo_corpus_served_answers_its_pages_and_a_search(tmp_path: Path) -> None:
    """As `make demo` then `newsprism serve --db demo.db`: examples/ ingested and analysed, then read."""
    from .conftest import EXAMPLES

    db = str(tmp_path / "demo.db")
    run = CliRunner()
    assert run.invoke(main, ["ingest", str(EXAMPLES), "--db", db]).exit_code == 0
    assert run.invoke(main, ["analyze", "--db", db, "--quiet", "--format", "md"]).exit_code == 0
    client = TestClient(create_app(db))
    listing = client.get("/stories.json").json()
    assert listing["total"] >= 1 and listing["stories"], "examples/ holds a story told by several outlets"
    story = listing["stories"][0]
    page = client.get(story["url"])
    assert page.status_code == 200 and story["title"] in page.text.replace("&#39;", "'")
    twin = client.get(story["json"]).json()
    jsonschema.validate(twin, own_schema())
    assert len(twin["articles"]) == story["articles"]
    word = max(story["title"].split(), key=len).strip(".,:;'\"")
    found = client.get("/stories.json", params={"q": word, "singles": "true"}).json()
    assert story["id"] in [s["id"] for s in found["stories"]]
    index = client.get("/", params={"q": word})
    assert index.status_code == 200 and f'href="{story["url"]}"' in index.text


def test_settling_freezes_what_the_process_holds() -> None:
    """newsprism serve settles the process before serving, so that large pages' garbage collections no longer
    walk the web stack's objects (on 2,000 articles the largest story's first render falls from about 0.34 s
    to 0.19 s: bench/serve_load.py, --no-settle to compare)."""
    import gc

    from newsprism.web import settle

    try:
        settle()
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
