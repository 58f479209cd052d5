"""Bad input is an InputFailure naming the input and the reason, never an exception, and never stops the rest."""

from __future__ import annotations

import builtins
import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.model import Article, InputFailure

GOOD = "The council said on Monday that the bridge would reopen after repairs to its deck.\n"


def read_with_good(bad: Path, settings: Settings | None = None) -> tuple[list[InputFailure], list[str]]:
    """Read ``bad`` between two good files: (the failures, the ids of the articles read)."""
    before, after = bad.parent / "before_ok.txt", bad.parent / "zz_after_ok.txt"
    before.write_text(GOOD)
    after.write_text(GOOD)
    items = list(read_inputs([before, bad, after], settings=settings or Settings()))
    failures = [i for i in items if isinstance(i, InputFailure)]
    ids = [i.id for i in items if isinstance(i, Article)]
    return failures, ids


def single_failure(bad: Path, settings: Settings | None = None) -> InputFailure:
    failures, ids = read_with_good(bad, settings)
    assert ids == ["before_ok", "zz_after_ok"], "the good inputs around a bad one are still read"
    assert len(failures) == 1, failures
    return failures[0]


def test_missing_path(tmp_path: Path) -> None:
    failure = single_failure(tmp_path / "nowhere.txt")
    assert failure == InputFailure(str(tmp_path / "nowhere.txt"), "no such file or directory")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "locked.txt"
    bad.write_text(GOOD)
    real_open: Callable[..., Any] = builtins.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(bad):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)  # the tests may run as root, which chmod cannot stop
    assert single_failure(bad) == InputFailure(str(bad), "permission denied")


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    bad = tmp_path / "blob.txt"
    bad.write_bytes(b"some text\x00\x01\x02\x00 more")
    assert single_failure(bad) == InputFailure(str(bad), "binary file (contains NUL bytes), not text")


def test_binary_by_magic_number(tmp_path: Path) -> None:
    bad = tmp_path / "photo.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert single_failure(bad) == InputFailure(str(bad), "binary file (a PNG image), not an article")


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty file"), (b" \n\t\r\n  \n", "whitespace-only file")])
def test_empty_and_whitespace_only(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "blank.txt"
    bad.write_bytes(content)
    assert single_failure(bad) == InputFailure(str(bad), reason)


def test_undecodable_text(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Le maire a annoncé la réouverture du pont lundi.".encode("latin-1"))
    failure = single_failure(bad)
    assert failure.input == str(bad)
    assert failure.error == "not UTF-8 text (invalid byte 0xe9 at offset 17); convert it to UTF-8"


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    paragraph = "<p>Le conseil municipal a approuvé lundi la réouverture du pont après trois mois de travaux sur le tablier.</p>"
    page = f'<html><head><meta charset="iso-8859-1"><title>Pont</title></head><body><article>{paragraph * 4}</article></body></html>'
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("latin-1"))
    [article] = list(read_inputs([path], settings=Settings()))
    assert isinstance(article, Article) and "approuvé lundi la réouverture" in article.text


def test_undecodable_html_without_a_charset(tmp_path: Path) -> None:
    bad = tmp_path / "legacy.html"
    bad.write_bytes("<html><body><p>réouverture du pont</p></body></html>".encode("latin-1"))
    failure = single_failure(bad)
    assert failure.error.startswith("not UTF-8 text (invalid byte 0xe9")
    assert failure.error.endswith("and the page declares no charset")


@pytest.mark.parametrize(
    "markup",
    [
        "<html><head><title>Nothing here</title></head><body><div><p></div></body>",
        "<html><body><nav><a href='/'>Home</a></nav><p>Hi",
        "<html><<<>>>< /p><div <p",
    ],
)
def test_malformed_or_empty_html(tmp_path: Path, markup: str) -> None:
    bad = tmp_path / "broken.html"
    bad.write_text(markup)
    failure = single_failure(bad)
    assert failure.input == str(bad)
    assert failure.error.startswith("no article text found in the HTML")


def test_a_bad_jsonl_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "One."}) + "\n{\"id\": \"b\", \"text\": }\n" + json.dumps({"id": "c", "text": "Three."}) + "\n")
    items = list(read_inputs([path], settings=Settings()))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "c"]
    [failure] = [i for i in items if isinstance(i, InputFailure)]
    assert failure == InputFailure(f"{path}:line 2", "invalid JSON: Expecting value (column 21)")


def test_an_undecodable_jsonl_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_bytes(b'{"id": "a", "text": "One."}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "Three."}\n')
    items = list(read_inputs([path], settings=Settings()))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "c"]
    [failure] = [i for i in items if isinstance(i, InputFailure)]
    assert failure.input == f"{path}:line 2" and failure.error.startswith("not UTF-8 text (invalid byte 0xe9")


def test_invalid_json_file(tmp_path: Path) -> None:
    bad = tmp_path / "article.json"
    bad.write_text('{"title": "Unclosed", "text": "Body"')
    assert single_failure(bad).error == "invalid JSON: Expecting ',' delimiter (line 1, column 37)"


def test_article_over_the_size_limit(tmp_path: Path) -> None:
    bad = tmp_path / "long.txt"
    bad.write_text("word " * 200)
    failure = single_failure(bad, Settings(max_article_chars=500))
    assert failure == InputFailure(str(bad), "article has 1,000 characters, more than max_article_chars (500)")


def test_a_long_jsonl_record_fails_by_line(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x" * 600}) + "\n" + json.dumps({"id": "b", "text": "short"}) + "\n")
    items = list(read_inputs([path], settings=Settings(max_article_chars=500)))
    assert items[0] == InputFailure(f"{path}:line 1", "article has 600 characters, more than max_article_chars (500)")
    assert isinstance(items[1], Article) and items[1].id == "b"


def test_file_over_the_byte_limit(tmp_path: Path) -> None:
    bad = tmp_path / "big.txt"
    bad.write_text(GOOD * 100)
    failure = single_failure(bad, Settings(max_file_bytes=1000))
    assert failure.error == f"file is {len(GOOD) * 100:,} bytes, more than max_file_bytes (1,000)"


def test_corrupt_gzip(tmp_path: Path) -> None:
    bad = tmp_path / "archive.jsonl.gz"
    bad.write_bytes(b"\x1f\x8b" + b"this is not deflate data at all" * 4)
    failure = single_failure(bad)
    assert failure.input == str(bad) and failure.error.startswith("not a valid gzip file")


def test_truncated_gzip_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"r{n}", "text": f"Story {n} " + "words " * 50}) + "\n" for n in range(200))
    data = gzip.compress(lines.encode())
    bad = tmp_path / "cut.jsonl.gz"
    bad.write_bytes(data[: len(data) // 2])
    items = list(read_inputs([bad], settings=Settings()))
    read_ids = [i.id for i in items if isinstance(i, Article)]
    assert read_ids and read_ids == [f"r{n}" for n in range(len(read_ids))]
    assert items[-1] == InputFailure(str(bad), "corrupt or truncated compressed data (Compressed file ended before the end-of-stream marker was reached)")


def test_not_a_feed(tmp_path: Path) -> None:
    bad = tmp_path / "items.xml"
    bad.write_text('<?xml version="1.0"?><catalog><book id="1"><title>Tides</title></book></catalog>')
    assert single_failure(bad) == InputFailure(str(bad), "not an RSS/Atom feed (no feed element)")


def test_broken_feed_xml(tmp_path: Path) -> None:
    bad = tmp_path / "feed.rss"
    bad.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>'
        "<item><title>Whole</title><description>The first item is complete.</description></item>"
        "<item><title>Half</title><description>The second item breaks"
    )
    items = list(read_inputs([bad], settings=Settings()))
    assert isinstance(items[0], Article) and items[0].text == "The first item is complete."
    assert items[1] == InputFailure(f"{bad}:item 2", "feed item has no content or summary")
    assert isinstance(items[2], InputFailure) and items[2].input == str(bad)
    assert items[2].error.startswith("malformed feed XML (") and items[2].error.endswith("items after the error may be missing")


def test_feed_without_items(tmp_path: Path) -> None:
    bad = tmp_path / "empty.rss"
    bad.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert single_failure(bad) == InputFailure(str(bad), "feed has no items")


def test_missing_paths_do_not_stop_a_run(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    items = list(read_inputs([tmp_path / "gone", good, tmp_path / "also-gone.json"], settings=Settings()))
    assert items[0] == InputFailure(str(tmp_path / "gone"), "no such file or directory")
    assert isinstance(items[1], Article) and items[1].id == "good"
    assert items[2] == InputFailure(str(tmp_path / "also-gone.json"), "no such file or directory")


def test_an_unreadable_subdirectory_is_a_failure_and_its_siblings_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text(GOOD)
    (tmp_path / "open.txt").write_text(GOOD)
    real_scandir = os.scandir

    def guarded_scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    items = list(read_inputs([tmp_path], settings=Settings()))
    assert items[0] == InputFailure(str(tmp_path / "locked"), "permission denied")
    assert isinstance(items[1], Article) and items[1].id == "open"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_is_skipped_with_a_reason_not_waited_on(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "good.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    code = (
        "import sys; from newsprism.ingest import read_inputs; from newsprism.config import Settings; "
        "from newsprism.model import Article; "
        "items = list(read_inputs([sys.argv[1]], settings=Settings())); "
        "print([(i.id if isinstance(i, Article) else (i.input.rsplit('/', 1)[-1], i.error)) for i in items])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['good', ('pipe.txt', 'a FIFO (named pipe) in a folder, not a file: skipped')]"


def test_nested_gzip_is_read_to_a_depth_and_refused_past_it(tmp_path: Path) -> None:
    twice = tmp_path / "twice.txt.gz.gz"
    twice.write_bytes(gzip.compress(gzip.compress(GOOD.encode())))
    (article,) = list(read_inputs([tmp_path], settings=Settings()))
    assert isinstance(article, Article) and article.id == "twice" and article.text.strip() == GOOD.strip()
    deep = tmp_path / "deep.txt"
    data = GOOD.encode()
    for _ in range(4):
        data = gzip.compress(data)
    deep.write_bytes(data)
    assert single_failure(deep).error == "compressed more than 3 times over"


@pytest.mark.parametrize("end", ["\r\n", "\r"], ids=["CRLF", "lone CR"])
def test_jsonl_records_end_at_any_line_break(tmp_path: Path, end: str) -> None:
    path = tmp_path / "records.jsonl"
    records = [{"id": f"r{n}", "text": f"Record {n}: the council met on Monday, the mayor said."} for n in range(3)]
    path.write_bytes(end.join(json.dumps(r) for r in records).encode() + end.encode())
    items = list(read_inputs([path], settings=Settings()))
    assert [i.id for i in items if isinstance(i, Article)] == ["r0", "r1", "r2"], items


def test_a_line_separator_inside_a_jsonl_string_stays_in_its_record(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    text = "The council met on Monday.\u2028The mayor said the vote was close.\u2029It passed."
    path.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    (article,) = list(read_inputs([path], settings=Settings()))
    assert isinstance(article, Article) and "The mayor said" in article.text and "It passed." in article.text
