"""Every input accounted for: a folder of good and hostile inputs, each with its expected outcome.

One CLI run over all of them must give a JSON report in which every file and
every JSONL record is either an article or an ``errors`` entry with the
expected reason, no traceback, and exit status 1 (some inputs failed).
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsprism.cli import main
from newsprism.report.json import own_schema

BODY = "The harbour council voted on Monday to extend the ferry service, the mayor said after the meeting."

#: input (file name, or file name:line N / :item N) -> the article id it gives, or the start of its error
MANIFEST = {
    "good.txt": "article good",
    "empty.txt": "error whitespace-only file",
    "records.jsonl:line 1": "article r1",
    "records.jsonl:line 2": "error invalid JSON",
    "records.jsonl:line 3": "article r3",
    "cr.jsonl:line 1": "article c1",
    "cr.jsonl:line 2": "article c2",
    "surrogate.json": "article surrogate",
    "ansi.json": "article ansi",
    "deep.json": "error JSON nested too deeply",
    "bignum.json": "error a JSON number too long to read",
    "feed.xml:item 1": "article feed-1",
    "feed.xml:item 2": "article feed-2",
    "twice.txt.gz.gz": "article twice",
    "onion.txt.gz": "error compressed more than 3 times over",
    "pipe.txt": "error a FIFO (named pipe) in a folder",
    "caf\\xe9.txt": "article caf\\xe9",
}


def _build(folder: Path) -> None:
    (folder / "good.txt").write_text(BODY)
    (folder / "empty.txt").write_text("  \n")
    lines = [json.dumps({"id": "r1", "text": BODY}), '{"id": "r2", "text": ', json.dumps({"id": "r3", "text": BODY})]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "cr.jsonl").write_bytes(
        (json.dumps({"id": "c1", "text": BODY}) + "\r" + json.dumps({"id": "c2", "text": BODY}) + "\r").encode()
    )
    (folder / "surrogate.json").write_text('{"title": "Bad \\ud800", "text": "' + BODY + '"}')
    (folder / "ansi.json").write_text(json.dumps({"title": "\x1b]0;pwned\x07", "outlet": "\x1b[2J", "text": BODY}))
    (folder / "deep.json").write_text("[" * 5000 + "]" * 5000)
    (folder / "bignum.json").write_text('{"text": "' + BODY + '", "n": ' + "9" * 5000 + "}")
    items = "".join(
        f"<item><guid>feed-{n}</guid><title>Item {n} \x01</title><description>{BODY}</description></item>"
        for n in (1, 2)
    )
    (folder / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'
    )
    (folder / "twice.txt.gz.gz").write_bytes(gzip.compress(gzip.compress(BODY.encode())))
    data = BODY.encode()
    for _ in range(4):
        data = gzip.compress(data)
    (folder / "onion.txt.gz").write_bytes(data)
    os.mkfifo(folder / "pipe.txt")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w") as fh:
        fh.write(BODY)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and byte file names (POSIX)")
def test_every_input_is_an_article_or_an_error_with_its_reason(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    _build(folder)
    result = CliRunner().invoke(main, ["analyze", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "\x1b" not in result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, own_schema())
    outcomes: dict[str, str] = {}
    for error in report["errors"]:
        key = error["input"].removeprefix(str(folder) + "/")
        assert key not in outcomes, f"{key} reported twice"
        outcomes[key] = f"error {error['error']}"
    by_source: dict[str, list[str]] = {}
    for article in report["articles"]:
        name = Path(article["source_path"]).name
        by_source.setdefault(name, []).append(article["id"])
    for key, expected in MANIFEST.items():
        if expected.startswith("error"):
            assert outcomes.get(key, "").startswith(expected), (key, outcomes.get(key))
        else:
            name = key.split(":")[0]
            wanted = expected.removeprefix("article ")
            found = by_source.get(name, [])
            assert wanted in found or (name == "feed.xml" and len(found) == 2), (key, found)
    expected_articles = sum(1 for v in MANIFEST.values() if v.startswith("article"))
    assert len(report["articles"]) == expected_articles, sorted(by_source)
    assert len(report["errors"]) == len(MANIFEST) - expected_articles, outcomes
