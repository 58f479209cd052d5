"""Which reader an input needs, told from its first bytes as well as its name.

Content wins over the file name where it is unambiguous: HTML saved as
``.txt`` is read as HTML, a JSON file without a suffix as JSON, an RSS or
Atom document under any name as a feed. Binary data is refused here with a
reason, before any reader tries to decode it.
"""

from __future__ import annotations

import codecs
import json
import re
from enum import StrEnum

from ..errors import InputError

__all__ = ["Format", "decode_text", "sniff"]


class Format(StrEnum):
    """The reader an input goes to."""

    TEXT = "text"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    FEED = "feed"


_BY_SUFFIX = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".shtml": Format.HTML,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".xml": Format.FEED,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".rdf": Format.FEED,
}

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|br|span|h[1-6])\b", re.I)
_PROLOG = re.compile(r"^(?:<\?xml[^>]*\?>|<!--.*?-->|<!doctype[^>]*>|\s)*", re.IGNORECASE | re.DOTALL)


def sniff(head: bytes, name: str, suffix: str) -> Format:
    """The format of an input whose first bytes are ``head``.

    Raises:
        InputError: the bytes are a known binary format or hold NUL bytes.
    """
    _refuse_binary(head, name)
    by_suffix = _BY_SUFFIX.get(suffix)
    text = _lenient(head).lstrip()
    if text.startswith("<"):
        rest = _PROLOG.sub("", text, count=1)
        if _FEED_ROOT.match(rest):
            return Format.FEED
        if re.match(r"<html\b", rest, re.IGNORECASE) or re.match(r"<!doctype\s+html", text, re.IGNORECASE):
            return Format.HTML
        if text.startswith("<?xml"):  # XML whose root is neither a feed nor a page: the feed reader says so
            return Format.HTML if by_suffix is Format.HTML else Format.FEED
        if _HTML_MARK.search(text[:4096]):
            return Format.HTML
        return by_suffix if by_suffix in (Format.FEED, Format.HTML) else Format.FEED
    if text.startswith(("{", "[")):
        if by_suffix in (Format.JSON, Format.JSONL):
            return by_suffix
        return Format.JSONL if _looks_like_jsonl(text) else Format.JSON
    if by_suffix is Format.HTML and not _HTML_MARK.search(text[:4096]):
        return Format.TEXT  # a page saved as plain text
    if by_suffix is not None and by_suffix is not Format.FEED:
        return by_suffix
    if _HTML_MARK.search(text[:1024]) and re.search(r"</\w+>", text[:4096]):
        return Format.HTML
    return by_suffix or Format.TEXT


def _refuse_binary(head: bytes, name: str) -> None:
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(name, f"binary file ({what}), not an article")
    if not head.startswith(_UTF16_BOMS) and b"\x00" in head:
        raise InputError(name, "binary file (contains NUL bytes), not text")


def _lenient(head: bytes) -> str:
    if head.startswith(_UTF16_BOMS):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _looks_like_jsonl(text: str) -> bool:
    """Two or more lines, the first a complete JSON value on its own."""
    first, newline, rest = text.partition("\n")
    if not newline or not rest.strip():
        return False
    try:
        json.loads(first)
    except ValueError:
        return False
    return rest.lstrip().startswith(("{", "["))


def decode_text(data: bytes, name: str) -> str:
    """``data`` as text with ``\\n`` newlines, or an :class:`InputError` saying why not.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order
    mark are accepted; the characters are kept exactly as decoded (mojibake is
    the cleaning stage's to repair, and to record).
    """
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(name, f"undecodable UTF-16 text ({exc.reason} at byte {exc.start})") from exc
    else:
        if b"\x00" in data:
            raise InputError(name, "binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            byte = data[exc.start : exc.start + 1].hex()
            raise InputError(
                name, f"not UTF-8 text (invalid byte 0x{byte} at offset {exc.start}); convert it to UTF-8"
            ) from exc
    text = normalize_newlines(text)
    if text and len(_CONTROL.findall(text)) > max(2, _MAX_CONTROL_SHARE * len(text)):
        raise InputError(name, "binary file (control characters), not text")
    return text


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
