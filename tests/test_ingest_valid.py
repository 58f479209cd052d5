"""Text made valid at the input boundary: lone surrogates, forbidden control characters, undecodable file names.

Each reproducer once read fine and then killed the run while the report was
written (``UnicodeEncodeError``), or stopped a feed's XML parser.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.ingest.valid import safe_name, valid_text
from newsprism.model import Article, InputFailure
from newsprism.report.json import own_schema

BODY = "The council met on Monday and approved the budget after a long debate, the mayor said."


def read(*paths: Path) -> list[Article | InputFailure]:
    return list(read_inputs(list(paths), settings=Settings()))


def test_valid_text_replaces_and_lists_the_characters_escaped() -> None:
    assert valid_text("fine text\twith\nbreaks\r") == ("fine text\twith\nbreaks\r", "")
    repaired, chars = valid_text("a\ud800b\x1b[2Jc\x0cd\x1b")
    assert repaired == "a\ufffdb\ufffd[2Jc d\ufffd"
    assert chars == "\\ud800\\x1b\\x0c"


def test_a_lone_surrogate_in_a_json_field_is_replaced_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "rec.json"
    path.write_text('{"title": "Bad \\ud800 title", "outlet": "X\\udfff", "text": "' + BODY + '"}', encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.title == "Bad \ufffd title" and article.outlet == "X\ufffd"
    removals = [(r.text, r.detail) for r in article.removed if r.reason == "encoding"]
    assert ("\\ud800", "invalid characters in title replaced") in removals
    assert ("\\udfff", "invalid characters in outlet replaced") in removals
    json.dumps([article.title, article.outlet]).encode("utf-8")  # writable


def test_a_lone_surrogate_in_a_jsonl_record_spares_the_next_record(tmp_path: Path) -> None:
    path = tmp_path / "recs.jsonl"
    path.write_text(
        '{"id": "a", "text": "A lone \\udc80 surrogate. ' + BODY + '"}\n{"id": "b", "text": "' + BODY + '"}\n',
        encoding="utf-8",
    )
    first, second = read(path)
    assert isinstance(first, Article) and "\ufffd" in first.text and first.text.encode("utf-8")
    assert isinstance(second, Article) and second.id == "b"


def test_control_characters_in_a_feed_no_longer_stop_its_items(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>One \x01 item</title><description>{BODY} \x02</description></item>"
        f"<item><title>Two</title><description>{BODY}</description></item></channel></rss>",
        encoding="utf-8",
    )
    items = read(path)
    assert [type(i) for i in items] == [Article, Article], items
    assert items[0].title == "One   item"
    assert any(r.reason == "encoding" and r.text == "\\x01\\x02" for r in items[0].removed)


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in a name")
def test_a_file_name_that_is_not_utf8_is_escaped(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "w", encoding="utf-8") as fh:
        fh.write(BODY)
    (article,) = read(tmp_path)
    assert isinstance(article, Article)
    assert article.id == "caf\\xe9" and article.source_path is not None and article.source_path.endswith("caf\\xe9.txt")
    assert safe_name(os.fsdecode(raw)).endswith("caf\\xe9.txt")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "' + BODY + '", "n": ' + "1" * 5000 + "}", "a JSON number too long to read"),
        ("[" * 5000 + "]" * 5000, "JSON nested too deeply"),
    ],
    ids=["5000-digit number", "nested 5000 deep"],
)
def test_unbounded_json_is_refused_with_a_reason(tmp_path: Path, content: str, reason: str) -> None:
    for name in ("doc.json", "doc.jsonl"):
        path = tmp_path / name
        path.write_text(content + "\n", encoding="utf-8")
        (failure,) = read(path)
        assert isinstance(failure, InputFailure) and failure.error.startswith(reason), failure


def test_a_directory_of_these_inputs_gives_a_complete_report(tmp_path: Path) -> None:
    """All reproducers in one run: the JSON report is written, valid, and accounts for every input."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "surrogate.json").write_text(
        '{"title": "Bad \\ud800 title", "text": "' + BODY + '", "outlet": "A"}', encoding="utf-8"
    )
    (corpus / "ansi.json").write_text(
        json.dumps({"title": "Evil \x1b]0;pwned\x07 \x1b[2J", "outlet": "Evil\x1b[31m", "text": BODY}),
        encoding="utf-8",
    )
    (corpus / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "w", encoding="utf-8") as fh:
        fh.write(BODY)
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--format", "json"])
    assert result.exit_code == 1, result.output  # some inputs failed
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, own_schema())
    assert [Path(e["input"]).name for e in report["errors"]] == ["deep.json"]
    assert {a["id"] for a in report["articles"]} == {"surrogate", "ansi", "caf\\xe9"}
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr


def test_control_characters_in_a_records_html_are_replaced_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "rec.json"
    path.write_text(json.dumps({"text": "<p>The council met on Monday \x04 and voted.</p><p>The mayor \x05 said so.</p>"}))
    (article,) = read(path)
    assert isinstance(article, Article), article
    assert " ".join(article.text.split()) == "The council met on Monday \ufffd and voted. The mayor \ufffd said so."
    assert [(r.text, r.reason) for r in article.removed] == [("\\x04\\x05", "encoding")]
