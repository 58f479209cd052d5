"""The readers on real and hand-made inputs: seeds, benchmark pages, AllSides lines, feeds, JSON, sidecars, stdin."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import shutil
import sys
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.ingest.fields import stable_id
from newsprism.model import Article, InputFailure, Removal

from .conftest import SEEDS, SHARED, seed_article

SETTINGS = Settings()
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BENCHMARK = SHARED / "data" / "extraction-benchmark"
ALLSIDES = SHARED / "data" / "allsides" / "articles.jsonl.gz"
EMIRATES_PAGE = "374ac9a59a85196cdacc1679fb8993521a7b7d9d6533720f102300be1c7face4"
EUROPA_PAGE = "14cc2a0ca59c62a8c9f205a171e9ccf4ef4cf69b0c642f51c8c65c051b39024f"


def read(*paths: str | Path, settings: Settings = SETTINGS) -> list[Article | InputFailure]:
    return list(read_inputs(list(paths), settings=settings))


def articles(*paths: str | Path, settings: Settings = SETTINGS) -> list[Article]:
    items = read(*paths, settings=settings)
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert not failures, failures
    return [i for i in items if isinstance(i, Article)]


# --- plain text: the seeds -----------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return articles(SEEDS)


def test_seeds_are_read_in_sorted_order_with_stems_as_ids(seeds: list[Article]) -> None:
    assert [a.id for a in seeds] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(a.source_path == str(SEEDS / f"{a.id}.txt") for a in seeds)
    assert all(a.outlet is None and a.published is None and a.url is None for a in seeds)


def test_headline_first_lines_become_titles_on_exactly_two_seeds(seeds: list[Article]) -> None:
    titles = {a.id[:3]: a.title for a in seeds}
    assert titles == {
        "000": "“We’re working that out now,” Joe Biden has stated",
        "001": None,
        "002": "US and UK discuss easing restrictions on Ukraine’s use of western weapons",
        "003": None,
        "004": None,
    }


def test_a_title_taken_out_is_a_title_removal_and_the_body_follows_it(seeds: list[Article]) -> None:
    first = seed_article(seeds, "000")
    assert first.removed == (Removal("“We’re working that out now,” Joe Biden has stated", "title", "first line of the file"),)
    assert first.text.startswith("Washington intends to lift restrictions on Kiev’s use of US-provided ATACMS missiles")
    raw = Path(first.source_path or "").read_text(encoding="utf-8")
    assert first.removed[0].text + "\n" + first.text == raw
    second = seed_article(seeds, "002")
    assert second.text.startswith("News\n\nUnlock the US Election Countdown newsletter for free")


def test_seeds_without_a_headline_keep_their_first_line(seeds: list[Article]) -> None:
    for prefix, opening in [
        ("001", "U.S. President Joe Biden is finalizing the details of a plan"),
        ("003", "President Joe Biden “has not ruled out” allowing Ukraine"),
        ("004", "Amid the ongoing Russia-Ukraine conflict in both Donetsk and Kursk"),
    ]:
        article = seed_article(seeds, prefix)
        assert article.text.startswith(opening)
        assert article.removed == ()
        assert article.text == Path(article.source_path or "").read_text(encoding="utf-8")


def test_text_is_kept_as_decoded_mojibake_included(seeds: list[Article]) -> None:
    """Repairing "Â" is the cleaner's job (it records the repair), so the reader leaves it."""
    raw = "".join(Path(a.source_path or "").read_text(encoding="utf-8") for a in seeds)
    assert "Â" in raw
    assert "Â" in "".join(a.text for a in seeds)


def test_crlf_and_cr_newlines_become_newlines(tmp_path: Path) -> None:
    (tmp_path / "windows.txt").write_bytes(
        b"Mayor opens the new library\r\n\r\nThe mayor opened the new library on Monday, the council said.\r\n"
        b"It has 40,000 books.\rIt opens daily.\r\n"
    )
    [article] = articles(tmp_path)
    assert article.title == "Mayor opens the new library"
    assert article.text == "The mayor opened the new library on Monday, the council said.\nIt has 40,000 books.\nIt opens daily.\n"


# --- sidecars -------------------------------------------------------------------------


def _two_texts(directory: Path) -> None:
    (directory / "alpha.txt").write_text(
        "Alpha river rises after storm\nThe Alpha river rose two metres overnight after a storm, officials said.\n"
    )
    (directory / "beta.txt").write_text("The Beta dam held, engineers said on Friday after an inspection of the wall.\n")


def test_csv_sidecar_supplies_outlet_date_and_url_by_file_name(tmp_path: Path) -> None:
    _two_texts(tmp_path)
    (tmp_path / "meta.csv").write_text(
        "file,outlet,published,url\n"
        "alpha.txt,Alpha Times,2023-03-09T10:00:00+01:00,https://alphatimes.example/river\n"
        'beta,"Beta Post, Evening",10 March 2023,https://betapost.example/dam\n'
    )
    alpha, beta = articles(tmp_path)
    assert (alpha.id, alpha.outlet, alpha.published, alpha.url, alpha.title) == (
        "alpha", "Alpha Times", "2023-03-09T10:00:00+01:00", "https://alphatimes.example/river",
        "Alpha river rises after storm",
    )
    assert (beta.id, beta.outlet, beta.published, beta.url, beta.title) == (
        "beta", "Beta Post, Evening", "2023-03-10", "https://betapost.example/dam", None,
    )


def test_jsonl_sidecar_supplies_metadata_and_a_title(tmp_path: Path) -> None:
    _two_texts(tmp_path)
    (tmp_path / "meta.jsonl").write_text(
        json.dumps({"file": "beta.txt", "source": {"name": "Beta Post"}, "date": "2023-03-10", "title": "Dam holds"})
        + "\n"
    )
    alpha, beta = articles(tmp_path)
    assert (alpha.outlet, alpha.published) == (None, None)
    assert (beta.outlet, beta.published, beta.title, beta.url) == ("Beta Post", "2023-03-10", "Dam holds", None)


def test_a_broken_sidecar_entry_is_reported_once_and_the_files_still_read(tmp_path: Path) -> None:
    _two_texts(tmp_path)
    (tmp_path / "meta.jsonl").write_text('{"file": "alpha.txt", "outlet": "Alpha Times"}\n{not json\n')
    items = read(tmp_path)
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert [f.input for f in failures] == [f"{tmp_path / 'meta.jsonl'}:line 2"]
    assert failures[0].error.startswith("invalid JSON")
    assert [a.outlet for a in items if isinstance(a, Article)] == ["Alpha Times", None]


# --- directories and ids ------------------------------------------------------------


def test_directories_are_walked_recursively_sorted_skipping_hidden_and_non_article_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    body = "Officials said the bridge would reopen on Monday after repairs to the deck.\n"
    for name in ["b/two.txt", "a/deep/one.txt", "a/zero.txt", ".hidden.txt", "README.md", "notes.docx", "LICENSE"]:
        (tmp_path / name).write_text(body)
    (tmp_path / "record").write_text(json.dumps({"text": body, "outlet": "Bridge News"}))
    found = articles(tmp_path)
    assert [a.id for a in found] == ["one", "zero", "two", "record"]
    assert found[-1].outlet == "Bridge News"


def test_a_sidecar_named_on_the_command_line_is_not_an_article(tmp_path: Path) -> None:
    _two_texts(tmp_path)
    (tmp_path / "meta.csv").write_text("file,outlet\nalpha.txt,Alpha Times\n")
    found = articles(*sorted(tmp_path.iterdir()))  # as a shell glob passes them
    assert [(a.id, a.outlet) for a in found] == [("alpha", "Alpha Times"), ("beta", None)]


def test_repeated_ids_get_numbered_suffixes_in_order(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("The ministry confirmed the figures on Tuesday in a statement to reporters.\n")
    assert [a.id for a in articles(path, path, path)] == ["story", "story-2", "story-3"]


# --- HTML -----------------------------------------------------------------------------


def test_html_page_main_text_and_metadata() -> None:
    [page] = articles(FIXTURES / "saltmere_council.html")
    assert page.id == "saltmere_council"
    assert page.title == "Saltmere council approves new sea defences"
    assert page.outlet == "Coastal Courier"
    assert page.published == "2023-03-14T16:40:00+00:00"
    assert page.url == "https://www.coastalcourier.example/local/2023/03/14/saltmere-sea-defences"
    lines = page.text.split("\n")
    assert "Saltmere town council on Tuesday approved a plan to raise the sea wall along the eastern promenade by half " \
        "a metre, after two winters in which storm surges flooded the lower town." in lines
    assert lines[-1] == "A public exhibition of the plans will be held in the town hall next month, the council said."
    for chrome in ["We use cookies", "Most read", "Lifeboat crew honoured", "Privacy policy", "Copyright", "Sport"]:
        assert chrome not in page.text


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "saltmere_council.html", tmp_path / "saved page.txt")
    [page] = articles(tmp_path / "saved page.txt")
    assert page.id == "saved page"
    assert page.outlet == "Coastal Courier"
    assert "<p>" not in page.text and "promenade would stay open" in page.text


def test_benchmark_pages_read_through_gzip_magic() -> None:
    emirates, europa = articles(*(BENCHMARK / "html" / f"{key}.html.gz" for key in (EMIRATES_PAGE, EUROPA_PAGE)))
    assert emirates.id == EMIRATES_PAGE
    assert emirates.outlet == "CNBC"
    assert emirates.published == "2019-11-20T09:29:08+00:00"
    assert emirates.url == "https://www.cnbc.com/2019/11/20/emirates-inks-order-for-30-boeing-787-jets-talks-expansion-plans.html"
    assert emirates.text.startswith("DUBAI, United Arab Emirates — Dubai's flagship carrier Emirates Airline")
    assert "Will hyperloop threaten aviation?" not in emirates.text  # a related-story link
    assert europa.outlet == "ScienceAlert" and europa.published == "2019-11-18"
    assert "has confirmed traces of water vapor above the surface of Jupiter's icy moon Europa" in europa.text


def test_gzip_is_found_by_its_magic_bytes_whatever_the_name(tmp_path: Path) -> None:
    page = BENCHMARK / "html" / f"{EUROPA_PAGE}.html.gz"
    shutil.copy(page, tmp_path / "europa.html")
    shutil.copy(page, tmp_path / "europa")
    named, bare = articles(tmp_path / "europa.html", tmp_path / "europa")
    assert named.text == bare.text and "Jupiter's icy moon Europa" in named.text


# --- JSON and JSON Lines ------------------------------------------------------------------


def test_allsides_lines_map_every_field(tmp_path: Path) -> None:
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, 3))
    rows = [json.loads(line) for line in lines]
    (tmp_path / "sample.jsonl").write_text("".join(lines), encoding="utf-8")
    found = articles(tmp_path / "sample.jsonl")
    assert [a.id for a in found] == [r["id"] for r in rows]
    for article, row in zip(found, rows, strict=True):
        assert (article.text, article.title, article.outlet, article.url) == (
            row["text"], row["title"], row["outlet"], row["url"]
        )
        assert article.published == row["published"]
        assert article.source_path == str(tmp_path / "sample.jsonl")
    assert found[0].outlet == "New York Times - News" and found[0].published == "2016-09-20"


def test_jsonl_gz_is_streamed_and_records_without_ids_hash_their_url(tmp_path: Path) -> None:
    records = [
        {"content": "The strike ended on Friday, the union said.", "url": "https://a.example/strike",
         "source": {"name": "A News"}, "date": "Fri, 10 Mar 2023 08:00:00 GMT"},
        {"content": "Repairs start in April, the council said.", "headline": "Repairs"},
    ]
    with gzip.open(tmp_path / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r) for r in records) + "\n\n")
    first, second = articles(tmp_path / "feed.jsonl.gz")
    assert first.id == stable_id("https://a.example/strike")
    assert (first.outlet, first.published) == ("A News", "2023-03-10T08:00:00+00:00")
    assert second.id == stable_id("Repairs start in April, the council said.")
    assert (second.title, second.outlet, second.url) == ("Repairs", None, None)


def test_a_bad_jsonl_line_is_a_failure_naming_the_line_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "one", "text": "First story text."}\n'
        '{"id": "two", "text": "Second story, cut off\n'
        "[1, 2]\n"
        '{"id": "four", "title": "No body"}\n'
        '{"id": "five", "text": "   "}\n'
        '{"id": "six", "text": "Last story text."}\n'
    )
    items = read(path)
    assert [i.id for i in items if isinstance(i, Article)] == ["one", "six"]
    failures = {i.input: i.error for i in items if isinstance(i, InputFailure)}
    assert list(failures) == [f"{path}:line {n}" for n in (2, 3, 4, 5)]
    assert failures[f"{path}:line 2"].startswith("invalid JSON: Unterminated string")
    assert failures[f"{path}:line 3"] == "expected a JSON object, got list"
    assert failures[f"{path}:line 4"].startswith("no article text")
    assert failures[f"{path}:line 5"] == "empty article text"


def test_json_object_array_and_wrapper(tmp_path: Path) -> None:
    (tmp_path / "single.json").write_text(json.dumps(
        {"id": "ignored", "title": "Ferry deal", "text": "Crews return on Friday.", "outlet": "Harbour Gazette",
         "published": "March 9, 2023"}
    ))
    (tmp_path / "many.json").write_text(json.dumps(
        [{"text": "One.", "url": "https://x.example/1"}, "not a record", {"body": "Three.", "id": 3}]
    ))
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [{"content": {"rendered": "<p>Four.</p><p>Five.</p>"}}]}))
    items = read(tmp_path / "single.json", tmp_path / "many.json", tmp_path / "wrapped.json")
    single, one, failure, three, wrapped = items
    assert isinstance(single, Article) and single.id == "single"
    assert (single.title, single.outlet, single.published, single.text) == (
        "Ferry deal", "Harbour Gazette", "2023-03-09", "Crews return on Friday."
    )
    assert isinstance(one, Article) and one.id == stable_id("https://x.example/1") and one.outlet == "x.example"
    assert failure == InputFailure(f"{tmp_path / 'many.json'}:record 2", "expected a JSON object, got str")
    assert isinstance(three, Article) and (three.id, three.text) == ("3", "Three.")
    assert isinstance(wrapped, Article) and wrapped.text == "Four.\nFive."


# --- feeds ---------------------------------------------------------------------------------


def test_rss_items_use_full_content_as_text_with_one_block_per_line() -> None:
    strike, wall = articles(FIXTURES / "harbour_news.rss")
    assert strike.id == stable_id("https://harbourgazette.example/2023/03/09/ferry-strike-ends/")
    assert (strike.title, strike.outlet, strike.published) == (
        "Saltmere ferry strike ends after three days", "Harbour Gazette", "2023-03-09T18:20:00+00:00"
    )
    assert strike.text.split("\n") == [
        "Ferry crews in Saltmere will return to work on Friday after their union accepted a 6% pay rise, ending a "
        "three-day strike that left islanders without a crossing.",
        "Union secretary Pavel Drost said the deal was “fair to everyone”.",
        "The operator said the first boat would leave at 7am.",
        "Timetables: online",
    ]
    assert "trackView" not in strike.text
    assert wall.text == "The council said repairs to the storm-damaged north wall will begin in April and take about six weeks."
    assert wall.published == "2023-03-10T08:05:00+01:00"


def test_atom_entries_with_html_content_summary_and_source() -> None:
    flood, market = articles(FIXTURES / "valley_dispatch.atom")
    assert flood.title == "Mill river floods & closes the old bridge"
    assert flood.text == (
        "The Mill river burst its banks on Thursday night and the old stone bridge was closed to traffic.\n"
        "Engineers will inspect the bridge on Saturday, the county roads office said."
    )
    assert (flood.outlet, flood.published, flood.url) == (
        "Valley Dispatch", "2023-03-09T22:15:00+02:00", "https://valleydispatch.example/news/mill-river-floods"
    )
    assert (market.outlet, market.published) == ("Riverside Weekly", "2023-03-08T12:00:00+00:00")
    assert market.text == "The market square reopened on Wednesday after eight months of building work."


def test_a_feed_is_recognised_by_content_under_any_name(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "valley_dispatch.atom", tmp_path / "download.txt")
    assert [a.title for a in articles(tmp_path / "download.txt")] == [
        "Mill river floods & closes the old bridge", "Market square reopens"
    ]


# --- stdin ---------------------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"Bridge reopens early\nThe bridge reopened on Sunday, two days early, the council said.\n")
    [article] = articles("-")
    assert (article.id, article.title, article.source_path) == ("stdin", "Bridge reopens early", None)
    assert article.text == "The bridge reopened on Sunday, two days early, the council said.\n"


def test_stdin_gzipped_jsonl_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "".join(json.dumps({"id": f"r{n}", "text": f"Story number {n}."}) + "\n" for n in range(3))
    _stdin(monkeypatch, gzip.compress(lines.encode()))
    assert [a.id for a in articles("-")] == ["r0", "r1", "r2"]


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, (FIXTURES / "saltmere_council.html").read_bytes())
    [page] = articles("-")
    assert page.id == "stdin" and page.outlet == "Coastal Courier"
