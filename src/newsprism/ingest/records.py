"""Structured records (a JSON object, a feed item) to articles, the same way for all.

A record names its fields as it likes (``text``/``content``, ``outlet``/
``source``, ``published``/``date``...); :func:`record_article` maps them onto an
:class:`~newsprism.model.Article`. Content that is HTML is turned into text,
one block per line. Ids: the caller's (a file stem), else the record's own
``id``, else a hash of the URL, else of the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..model import Article, Lean, Removal
from .fields import (
    DATE_KEYS,
    LEAN_KEYS,
    OUTLET_KEYS,
    TEXT_KEYS,
    TITLE_KEYS,
    URL_KEYS,
    domain_of,
    first_string,
    normalize_date,
    parse_lean,
    stable_id,
)
from .html import fragment_to_text
from .sniff import normalize_newlines
from .valid import valid_text

__all__ = ["ID_KEYS", "check_size", "looks_like_html", "record_article", "record_lean"]

ID_KEYS = ("id", "_id", "uuid")
_TEXT_VALUE_KEYS = ("value", "rendered", "text", "html", "body")
"""Where an object-valued text field (``"content": {"rendered": ...}``) keeps the text."""
_HTML_CONTENT = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|figure|section|article)\s*>|<br\s*/?>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is marked up (closes a block element or breaks a line)."""
    return _HTML_CONTENT.search(text) is not None


def record_text(record: Mapping[str, Any]) -> str | None:
    """The body of a record, HTML converted to text; ``None`` when it has no text field."""
    raw = _record_body(record)
    if raw is None:
        return None
    return fragment_to_text(raw) if looks_like_html(raw) else normalize_newlines(raw)


def _record_body(record: Mapping[str, Any]) -> str | None:
    """The body of a record as it is (text or HTML); ``None`` when it has no text field."""
    for key in TEXT_KEYS:
        if key in record and record[key] is not None:
            value = _text_value(record[key])
            if value is not None:
                return value
    return None


def _text_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        for key in _TEXT_VALUE_KEYS:
            found = _text_value(value.get(key))
            if found is not None:
                return found
        return None
    if isinstance(value, list) and value:
        parts = [_text_value(item) for item in value]
        return "\n\n".join(p for p in parts if p) if any(parts) else None
    return None


def record_article(
    record: Mapping[str, Any],
    *,
    name: str,
    settings: Settings,
    source_path: str | None,
    article_id: str | None = None,
) -> Article:
    """The article a record describes.

    Raises:
        InputError: the record has no text, only whitespace, or too much text.
    """
    raw = _record_body(record)
    if raw is None:
        raise InputError(name, f"no article text (expected a string field named one of {', '.join(TEXT_KEYS[:2])})")
    html = looks_like_html(raw)
    text = fragment_to_text(raw) if html else normalize_newlines(raw)
    # HTML is parsed with its invalid characters already replaced: record them here (plain text is recorded
    # with the other fields at the input boundary)
    repaired = valid_text(raw)[1] if html else ""
    if not text.strip():
        raise InputError(name, "empty article text")
    url = first_string(record, URL_KEYS)
    lean, bad_lean = record_lean(record)
    removed = (Removal(repaired, "encoding", "invalid characters in text replaced"),) if repaired else ()
    article = Article(
        id=article_id or first_string(record, ID_KEYS) or stable_id(url or text),
        text=text,
        title=first_string(record, TITLE_KEYS),
        url=url,
        outlet=first_string(record, OUTLET_KEYS) or domain_of(url),
        published=normalize_date(_first_value(record, DATE_KEYS)),
        lean=lean,
        source_path=source_path,
        removed=(*removed, bad_lean) if bad_lean else removed,
    )
    return check_size(article, name, settings)


def record_lean(record: Mapping[str, Any]) -> tuple[Lean | None, Removal | None]:
    """The outlet lean a record gives (``lean``, ``bias``, ``leaning``...), or ``None``; and, for a value
    that is no lean, the value left out as a :class:`~newsprism.model.Removal` saying why."""
    for key in LEAN_KEYS:
        value = record.get(key)
        if value in (None, ""):
            continue
        try:
            return parse_lean(value), None
        except ValueError as exc:
            return None, Removal(str(value)[:200], "metadata", f"field {key!r}: {exc}; the lean is left unknown")
    return None, None


def _first_value(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def check_size(article: Article, name: str, settings: Settings) -> Article:
    """``article``, or an :class:`InputError` when its text is over ``settings.max_article_chars``."""
    size = len(article.text) + sum(len(r.text) for r in article.removed)
    if size > settings.max_article_chars:
        raise InputError(
            name, f"article has {size:,} characters, more than max_article_chars ({settings.max_article_chars:,})"
        )
    return article
