"""Outlet lean: read from inputs and outlets tables, counted per story one voice per outlet, and blindspots."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import jsonschema
import pytest

from newsprism.clean import clean_article
from newsprism.compare.lean import with_lean_coverage
from newsprism.config import Settings
from newsprism.ingest import OutletBook, read_inputs
from newsprism.ingest.fields import parse_lean
from newsprism.model import Article, InputFailure, LeanCoverage, Story
from newsprism.report.json import own_schema, report_to_dict
from newsprism.report.load import report_from_dict
from newsprism.report.markdown import render_markdown

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


def test_a_record_lean_field_is_read_and_a_bad_one_is_a_clear_error(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "outlet": "Paris Post", "bias": "left", "text": BODY},
        {"id": "b", "outlet": "Helen Marsh Daily", "leaning": "Lean Right", "text": BODY},
        {"id": "c", "outlet": "Sam Porter Wire", "lean": "liberal", "text": BODY},
        {"id": "d", "outlet": "Plain News", "text": BODY},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    articles, failures = _read([path])
    assert {a.id: a.lean for a in articles} == {"a": "left", "b": "right", "d": None}
    assert len(failures) == 1
    assert "feed.jsonl" in failures[0].input and "line 3" in failures[0].input
    assert "'lean'" in failures[0].error and "liberal" in failures[0].error


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
        _article("a2", "paris  post", "left"),  # the same outlet again
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


def test_a_report_with_a_bad_lean_does_not_load(examples_report) -> None:  # type: ignore[no-untyped-def]
    data = report_to_dict(examples_report)
    data["articles"][0]["lean"] = "far-out"
    with pytest.raises(ValueError, match="not a lean"):
        report_from_dict(data)
