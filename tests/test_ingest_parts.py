"""The readers' parts on their own: format sniffing, the headline test, dates, domains, HTML fragments."""

from __future__ import annotations

import json

import pytest

from newsprism.errors import InputError
from newsprism.ingest.fields import domain_of, normalize_date, stable_id
from newsprism.ingest.html import fragment_to_text
from newsprism.ingest.sniff import Format, sniff
from newsprism.ingest.text import looks_like_headline, split_title


@pytest.mark.parametrize(
    ("head", "suffix", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", ".txt", Format.HTML),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "", Format.FEED),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', ".txt", Format.FEED),
        (b'<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">', "", Format.HTML),
        (b"  <div><p>A fragment</p></div>", "", Format.HTML),
        (b'{"text": "a"}', "", Format.JSON),
        (b'{"text": "a"}\n{"text": "b"}\n', "", Format.JSONL),
        (b'{"text": "a"}\n{"text": "b"}\n', ".json", Format.JSON),
        (b'{\n  "text": "a"\n}\n', "", Format.JSON),
        (b"[{}, {}]", "", Format.JSON),
        (b"Plain words about a council vote.", ".html", Format.TEXT),
        (b"Plain words about a council vote.", "", Format.TEXT),
        (b"Plain words.", ".json", Format.JSON),
    ],
)
def test_sniff_by_content_then_name(head: bytes, suffix: str, expected: Format) -> None:
    assert sniff(head, "x", suffix) is expected


def test_sniff_refuses_binary() -> None:
    with pytest.raises(InputError, match=r"binary file \(a PDF document\)"):
        sniff(b"%PDF-1.7\n%\xe2\xe3", "doc.txt", ".txt")
    with pytest.raises(InputError, match="NUL bytes"):
        sniff(b"ab\x00cd", "x", "")


@pytest.mark.parametrize(
    "line",
    [
        "Dam horror: 14 dead as wall of water tears through sleeping villages",
        "Will the ferry run on Sunday?",
        "‘We will rebuild,’ mayor vows after flood",
        "Senate passes budget bill in late-night vote in D.C.",
    ],
)
def test_headlines(line: str) -> None:
    assert looks_like_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council said on Tuesday that repairs would begin in April.",
        "KYIV, Ukraine (AP) — Officials said on Monday that the bridge had reopened, and that",
        "News",
        "By Jane Doe, Political Correspondent",
        "Photo: Harbour Gazette",
        "3 hours ago",
        "Rescuers search the river bank on Tuesday (John Smith/Agency)",
        "Officials met on Monday. They agreed a plan",
        "the mayor said, adding that the plan would go ahead",
        "Read more: https://example.com/story",
        "An extremely long first line that goes on and on well past the length any sub-editor would ever allow for a "
        "headline on a page because it is really the opening of the story itself without a full stop",
    ],
)
def test_not_headlines(line: str) -> None:
    assert not looks_like_headline(line)


def test_a_headline_needs_prose_below_it() -> None:
    assert split_title("Short line\nAnother short line\nThird one") == (None, "Short line\nAnother short line\nThird one")
    assert split_title("Only a headline") == (None, "Only a headline")
    text = "Ferry strike ends\n\n\nCrews went back to work on Friday after the union accepted the offer.\n"
    assert split_title(text) == ("Ferry strike ends", "Crews went back to work on Friday after the union accepted the offer.\n")
    assert split_title("\n  \n" + text) == split_title(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-09-20", "2016-09-20"),
        ("2024-05-14T19:30:00+01:00", "2024-05-14T19:30:00+01:00"),
        ("2024-05-14T09:00:00Z", "2024-05-14T09:00:00+00:00"),
        ("2024-05-14 09:00", "2024-05-14T09:00:00"),
        ("Tue, 14 May 2024 21:10:00 +0300", "2024-05-14T21:10:00+03:00"),
        ("Sept. 11, 2024", "2024-09-11"),
        ("11 September 2024 10:30", "2024-09-11T10:30:00"),
        (1726000000, "2024-09-10T20:26:40+00:00"),
        ("1726000000000", "2024-09-10T20:26:40+00:00"),
        ("yesterday", None),
        ("May 2024", None),
        ("2024-13-40", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_domain_and_stable_id() -> None:
    assert domain_of("https://www.Example.co.uk/news/1?x=2") == "example.co.uk"
    assert domain_of("example.com/path") == "example.com"
    assert domain_of("not a url") is None and domain_of(None) is None
    assert stable_id("https://a.example/1") == stable_id("https://a.example/1") != stable_id("https://a.example/2")
    assert len(stable_id("x")) == 16


def test_fragment_to_text_puts_blocks_on_lines_and_drops_scripts() -> None:
    html = (
        "<h2>Update</h2><p>First <b>bold</b>   para.</p><script>var x = 1;</script>"
        "<p>Line one<br/>line two</p><!-- note --><ul><li>A</li><li>B &amp; C</li></ul><style>p{}</style>tail"
    )
    assert fragment_to_text(html) == "Update\nFirst bold para.\nLine one\nline two\nA\nB & C\ntail"
    assert fragment_to_text("   ") == ""
    assert fragment_to_text(json.dumps("plain text, no tags")) == '"plain text, no tags"'
