"""Outlet lean: read from inputs and outlets tables, counted per story one voice per outlet, and blindspots."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from newsprism.clean import clean_article
from newsprism.compare.lean import with_lean_coverage
from newsprism.config import Settings
from newsprism.ingest import OutletBook, read_inputs
from newsprism.ingest.fields import parse_lean
from newsprism.model import Article, InputFailure, LeanCoverage, Story
from newsprism.report.html import render_html
from newsprism.report.json import own_schema, report_to_dict
from newsprism.report.load import report_from_dict
from newsprism.report.markdown import render_markdown
from newsprism.report.terminal import render_terminal

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
BODY = "The dam on the river gave way late on Monday after four days of rain, officials in Paris said on Tuesday."


def _read(paths: list[Path | str], book: OutletBook | None = None) -> tuple[list[Article], list[InputFailure]]:
    items = list(read_inputs(paths, settings=Settings(), outlets=book))
    return [a for a in items if isinstance(a, Article)], [f for f in items if isinstance(f, InputFailure)]


# --- reading leans -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lean"),
    [("left", "left"), ("Lean Left", "left"), ("center-right", "right"), ("Centre", "center"), ("RIGHT", "right"), ("", None)],
)
def test_lean_labels_map_onto_three_sides(value: str, lean: str | None) -> None:
    assert parse_lean(value) == lean


def test_a_record_lean_field_is_read_and_a_bad_one_is_left_out_with_its_reason(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "outlet": "Paris Post", "bias": "left", "text": BODY},
        {"id": "b", "outlet": "Helen Marsh Daily", "leaning": "Lean Right", "text": BODY},
        {"id": "c", "outlet": "Sam Porter Wire", "lean": "liberal", "text": BODY},
        {"id": "d", "outlet": "Plain News", "text": BODY},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    articles, failures = _read([path])
    assert {a.id: a.lean for a in articles} == {"a": "left", "b": "right", "c": None, "d": None}
    assert failures == []
    # the article is kept; the value that is no lean is left out, and the record says so
    (bad,) = [r for a in articles if a.id == "c" for r in a.removed]
    assert (bad.text, bad.reason) == ("liberal", "metadata")
    assert bad.detail is not None and "'lean'" in bad.detail and "unknown lean" in bad.detail


def test_an_outlets_table_beside_the_inputs_gives_leans_the_records_lack(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "outlets.csv").write_text(
        "outlet,lean,country,owner\nParis Post,left,FR,Post Group\nMarsh Herald,right,,\nBad Row,mixed,,\n,center,,\n",
        encoding="utf-8",
    )
    (tmp_path / "sub" / "one.txt").write_text(f"Dam breaks\n\n{BODY}", encoding="utf-8")
    (tmp_path / "sub" / "meta.csv").write_text("file,outlet\none.txt,PARIS  post - Opinion\n", encoding="utf-8")
    rows = [
        {"id": "own", "outlet": "Marsh Herald", "bias": "center", "text": BODY},  # its own field wins
        {"id": "table", "outlet": "Marsh Herald", "text": BODY},
        {"id": "unknown", "outlet": "Porter Times", "text": BODY},
    ]
    (tmp_path / "sub" / "more.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    book = OutletBook()
    articles, failures = _read([tmp_path], book)
    assert {a.id: a.lean for a in articles} == {"one": "left", "own": "center", "table": "right", "unknown": None}
    assert [a.outlet for a in articles if a.id == "one"] == ["PARIS  post - Opinion"]
    # the table is no article, and each bad row is named once, by file and line
    assert sorted(f.input.rsplit(":", 1)[1] for f in failures) == ["line 4", "line 5"]
    assert "mixed" in " ".join(f.error for f in failures)
    assert [(o.name, o.lean, o.country, o.owner) for o in book.used()] == [
        ("Marsh Herald", "right", None, None),
        ("Paris Post", "left", "FR", "Post Group"),
    ]


def test_an_outlets_table_named_as_an_input_applies_to_every_input(tmp_path: Path) -> None:
    table = tmp_path / "tables" / "outlets.csv"
    table.parent.mkdir()
    table.write_text("outlet,lean\nParis Post,center\n", encoding="utf-8")
    (tmp_path / "story.json").write_text(json.dumps({"outlet": "Paris Post", "text": BODY}), encoding="utf-8")
    articles, failures = _read([tmp_path / "story.json", table])
    assert [a.lean for a in articles] == ["center"] and failures == []
    articles, failures = _read([tmp_path / "story.json", tmp_path / "missing" / "outlets.csv"])
    assert [a.lean for a in articles] == [None]
    assert [f.input for f in failures] == [str(tmp_path / "missing" / "outlets.csv")]


def test_tables_are_read_once_and_a_folder_named_outlets_csv_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "outlets.csv").write_text("outlet,lean\nParis Post,left\nBad,mixed\n", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"outlet": "Paris Post", "text": BODY}), encoding="utf-8")
    # named twice (once relative to nothing, once as found beside the input): one table, one failure
    articles, failures = _read([tmp_path, tmp_path / "outlets.csv", tmp_path / "." / "outlets.csv"])
    assert [a.lean for a in articles] == ["left"]
    assert len(failures) == 1 and "mixed" in failures[0].error
    folder = tmp_path / "more" / "outlets.csv"
    folder.mkdir(parents=True)
    (folder / "b.json").write_text(json.dumps({"outlet": "paris post", "text": BODY}), encoding="utf-8")
    articles, failures = _read([folder])
    assert [a.id for a in articles] == ["b"]


def test_a_bad_lean_in_a_meta_sidecar_keeps_the_rows_other_fields(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(f"Dam breaks\n\n{BODY}", encoding="utf-8")
    (tmp_path / "meta.csv").write_text("file,outlet,lean\none.txt,Paris Post,sideways\n", encoding="utf-8")
    articles, failures = _read([tmp_path])
    assert [(a.outlet, a.lean) for a in articles] == [("Paris Post", None)]
    assert len(failures) == 1 and "meta.csv:line 2" in failures[0].input and "sideways" in failures[0].error


def test_mojibake_in_titles_and_outlet_names_is_repaired() -> None:
    article = Article(id="x", text=BODY, title="ObamaÃ¢â‚¬â„¢s convention speech", outlet="CafÃ© Times")
    cleaned = clean_article(article, settings=Settings())
    assert cleaned.title == "Obama\u2019s convention speech"
    assert cleaned.outlet == "Café Times"


@pytest.mark.skipif(not ALLSIDES.exists(), reason="needs ../shared/data/allsides (the AllSides corpus)")
def test_allsides_records_carry_their_bias_label_as_lean(tmp_path: Path) -> None:
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in itertools.islice(f, 60)]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    articles, failures = _read([sample])
    assert failures == []
    assert [a.lean for a in articles] == [r["bias"] for r in rows]
    assert {a.lean for a in articles} == {"left", "center", "right"}


# --- coverage by lean ----------------------------------------------------------


def _article(aid: str, outlet: str | None, lean: str | None) -> Article:
    return Article(id=aid, text=BODY, outlet=outlet, lean=lean)  # type: ignore[arg-type]


def test_an_outlet_with_several_articles_is_one_voice_and_blindspots_need_the_other_side() -> None:
    articles = [
        _article("a1", "Paris Post", "left"),
        _article("a2", "paris  post - Opinion", "left"),  # the same outlet again, another section
        _article("a3", "Marsh Herald", "left"),
        _article("a4", "Centre Wire", "center"),
        _article("a5", None, None),
        _article("b1", "Porter Times", "right"),
        _article("c1", "Centre Wire", "center"),
        _article("c2", "Other Centre", "center"),
    ]
    stories = [Story("s1", "one side", ("a1", "a2", "a3", "a4", "a5")), Story("s2", "centre", ("c1", "c2"))]
    stories.append(Story("s3", "one article", ("b1",)))
    got = {s.id: s.lean for s in with_lean_coverage(stories, articles)}
    assert got["s1"] == LeanCoverage(left=2, center=1, right=0, unknown=1, blindspot_for="right")
    assert got["s2"] == LeanCoverage(center=2)  # centre outlets are no side
    assert got["s3"] == LeanCoverage(right=1)  # one outlet says little
    # a corpus without right-leaning outlets has no blindspot for the right
    alone = with_lean_coverage(stories[:1], articles[:5])
    assert alone[0].lean == LeanCoverage(left=2, center=1, unknown=1)
    assert with_lean_coverage([Story("s9", "none known", ("a5",))], articles)[0].lean is None
    # one left outlet and a centre one: too little to call it a blindspot
    assert with_lean_coverage([Story("s4", "thin", ("a1", "a4"))], articles)[0].lean == LeanCoverage(left=1, center=1)


@pytest.fixture(scope="module")
def examples_report():  # type: ignore[no-untyped-def]
    from newsprism.pipeline import analyze

    return analyze([EXAMPLES], settings=Settings(), on_error=None)


def test_examples_report_coverage_by_lean_in_every_format(examples_report) -> None:  # type: ignore[no-untyped-def]
    report = examples_report
    story = report.stories[0]
    # six articles from five outlets (the Courier's two feed items are one voice), leans from examples/outlets.csv
    assert len(story.article_ids) == 6
    assert story.lean == LeanCoverage(left=1, center=2, right=2)
    assert {o.name: o.lean for o in report.outlets}["The Continental Review"] == "left"
    data = report_to_dict(report)
    jsonschema.validate(data, own_schema())
    assert data["stories"][0]["lean"] == {"left": 1, "center": 2, "right": 2, "unknown": 0, "blindspot_for": None}
    assert report_from_dict(json.loads(json.dumps(data))).stories[0].lean == story.lean
    markdown = render_markdown(report)
    assert "6 articles from 5 outlets" in markdown
    assert "Coverage by lean: 1 left · 2 center · 2 right" in markdown
    html = render_html(report)
    assert 'class="leanbar" role="img" aria-label="Coverage by lean: 1 left · 2 center · 2 right"' in html
    assert html.count('class="badge lean right"') == 2
    console = Console(record=True, width=140)
    render_terminal(report, console)
    text = console.export_text()
    assert "6 articles from 5 outlets" in text and "Coverage by lean: 1 left · 2 center · 2 right" in text


def test_a_report_with_a_bad_lean_does_not_load(examples_report) -> None:  # type: ignore[no-untyped-def]
    data = report_to_dict(examples_report)
    data["articles"][0]["lean"] = "far-out"
    with pytest.raises(ValueError, match="not a lean"):
        report_from_dict(data)
