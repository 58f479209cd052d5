"""RSS and Atom feeds: one article per item, from the item's full content.

feedparser reads every feed dialect and encoding. An item's text is its
``content:encoded`` / Atom ``content`` when present, else its summary; HTML is
turned into text, one block per line. The outlet is the item's source, else
the feed's title, else the domain of the item's link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any
from xml.sax import SAXException

from ..config import Settings
from ..errors import InputError
from ..model import Article, InputFailure, Removal
from .fields import domain_of, first_string, normalize_date, stable_id
from .html import fragment_to_text
from .records import check_size, looks_like_html
from .sniff import normalize_newlines
from .source import Source
from .valid import escaped

__all__ = ["read_feed"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read_feed(source: Source, data: bytes, *, settings: Settings) -> Iterator[Article | InputFailure]:
    """The articles of an RSS or Atom document."""
    import feedparser  # imported on first use: most runs read no feed

    if not data.strip():
        raise InputError(source.name, "empty file")
    data, repaired = _without_control_bytes(data)
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        if parsed.get("bozo") and problem is not None:
            raise InputError(source.name, f"not a readable RSS/Atom feed ({problem})")
        version = parsed.get("version")
        raise InputError(source.name, "feed has no items" if version else "not an RSS/Atom feed (no feed element)")
    feed_title = first_string(parsed.get("feed") or {}, ("title",))
    path = None if source.path is None else str(source.path)
    for number, entry in enumerate(entries, 1):
        where = f"{source.name}:item {number}"
        try:
            article = _entry_article(entry, where=where, feed_title=feed_title, path=path, settings=settings)
            if repaired:
                article = replace(article, removed=(*article.removed, repaired))
            yield article
        except InputError as exc:
            yield InputFailure(exc.input, exc.reason)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, SAXException):  # not a mere encoding notice: the XML breaks off
        yield InputFailure(source.name, f"malformed feed XML ({problem}); items after the error may be missing")


#: Control characters XML forbids, as bytes (one byte in UTF-8 and the other ASCII-compatible encodings).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _without_control_bytes(data: bytes) -> tuple[bytes, Removal | None]:
    """The feed with the control characters XML forbids replaced by spaces, and the removal recording them.

    Scraped feeds carry them, and one stops the XML parser: every item after
    it would be lost. UTF-16 feeds are left alone (their bytes are not characters).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data, None
    found = _CONTROL_BYTES.findall(data)
    if not found:
        return data, None
    chars = escaped(b"".join(dict.fromkeys(found)).decode("ascii"))
    detail = f"{len(found)} control characters XML forbids replaced with spaces in the feed file"
    return _CONTROL_BYTES.sub(b" ", data), Removal(chars, "encoding", detail)


def _entry_article(
    entry: Mapping[str, Any], *, where: str, feed_title: str | None, path: str | None, settings: Settings
) -> Article:
    text = _entry_text(entry)
    if not text.strip():
        raise InputError(where, "feed item has no content or summary")
    link = first_string(entry, ("link",))
    source = entry.get("source")
    outlet = first_string(source, ("title",)) if isinstance(source, Mapping) else None
    published = next(
        (d for d in (normalize_date(entry.get(k)) for k in ("published", "updated", "created")) if d), None
    )
    article = Article(
        id=stable_id(link or text),
        text=text,
        title=_entry_title(entry),
        url=link,
        outlet=outlet or feed_title or domain_of(link),
        published=published,
        source_path=path,
    )
    return check_size(article, where, settings)


def _entry_title(entry: Mapping[str, Any]) -> str | None:
    """The item's title as plain text (an HTML title is unescaped and untagged)."""
    title = first_string(entry, ("title",))
    detail = entry.get("title_detail")
    if title and isinstance(detail, Mapping) and str(detail.get("type", "")).lower() in _HTML_TYPES:
        title = " ".join(fragment_to_text(title).split()) or None
    return title


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The longest full content of the item, else its summary, as text."""
    candidates: list[tuple[str, str | None]] = [
        (str(c.get("value") or ""), c.get("type")) for c in entry.get("content") or [] if isinstance(c, Mapping)
    ]
    candidates = [c for c in candidates if c[0].strip()]
    if not candidates:
        detail = entry.get("summary_detail")
        summary_type = detail.get("type") if isinstance(detail, Mapping) else None
        candidates = [(str(entry.get("summary") or ""), summary_type)]
    value, kind = max(candidates, key=lambda c: len(c[0]))
    if (kind or "").lower() in _HTML_TYPES or looks_like_html(value):
        return fragment_to_text(value)
    return normalize_newlines(value).strip()
