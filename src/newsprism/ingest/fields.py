"""Metadata helpers shared by the readers: dates, domains, ids, field lookup.

Inputs name the same thing many ways (``published``/``date``/``pubDate``,
``outlet``/``source``, a source that is a string or an object with a
``name``). These helpers map them onto :class:`~newsprism.model.Article`
fields once, so every reader normalises them the same way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from ..model import LEANS, Lean

__all__ = [
    "DATE_KEYS",
    "LEAN_KEYS",
    "OUTLET_KEYS",
    "TEXT_KEYS",
    "TITLE_KEYS",
    "URL_KEYS",
    "domain_of",
    "first_string",
    "normalize_date",
    "parse_lean",
    "stable_id",
]

TEXT_KEYS = ("text", "content", "body", "articleBody", "article_text", "full_text")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "canonical_url", "href")
OUTLET_KEYS = ("outlet", "source", "sitename", "site_name", "publisher", "site")
DATE_KEYS = ("published", "date", "published_at", "publishedAt", "datePublished", "pubDate", "publish_date", "pub_date")
LEAN_KEYS = ("lean", "bias", "leaning", "political_lean")
NAME_KEYS = ("name", "title", "label")
"""Where an object-valued field (``"source": {"name": ...}``) keeps its name."""

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_MAX_DATE_CHARS = 80
_MS_EPOCH = 100_000_000_000
"""Epoch numbers above this are milliseconds (seconds would be past the year 5000)."""


def stable_id(key: str) -> str:
    """A short id that depends only on ``key``: sha1 hex, 16 digits."""
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without a leading ``www.``; ``None`` when there is none."""
    if not url or not url.strip():
        return None
    url = url.strip()
    try:
        host = urlsplit(url if "://" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    host = host.casefold().removeprefix("www.")
    return host if "." in host else None


def first_string(record: Mapping[str, Any], keys: Sequence[str]) -> str | None:
    """The first non-empty value under ``keys``, as a stripped string.

    An object value yields its ``name``/``title``/``label``; a list yields its
    first usable item. Numbers are kept as text (a numeric id, an epoch date).
    """
    for key in keys:
        value = _as_string(record.get(key))
        if value:
            return value
    return None


def _as_string(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        return first_string(value, NAME_KEYS)
    if isinstance(value, list):
        for item in value:
            found = _as_string(item)
            if found:
                return found
    return None


_LEAN_WORDS: dict[str, Lean] = {
    **{lean: lean for lean in LEANS},
    "centre": "center",
    "lean left": "left",
    "leans left": "left",
    "center left": "left",
    "centre left": "left",
    "left center": "left",
    "left centre": "left",
    "lean right": "right",
    "leans right": "right",
    "center right": "right",
    "centre right": "right",
    "right center": "right",
    "right centre": "right",
    "far left": "left",
    "far right": "right",
}
"""Lean labels as raters write them (AllSides' five points, Ground News' seven) on the three-way scale."""


def parse_lean(value: Any) -> Lean | None:
    """An outlet's lean on the left/center/right scale, or ``None`` when ``value`` is empty.

    'Lean Left', 'center-left' and 'far left' count as left (as a coverage bar
    bins them), and the same on the right.

    Raises:
        ValueError: a value that is no lean ('mixed', 'liberal', a number).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError(f"lean must be text, not {type(value).__name__}")
    words = " ".join(re.split(r"[\s_-]+", value.strip().casefold()))
    lean = _LEAN_WORDS.get(words)
    if lean is None:
        shown = value.strip() if len(value.strip()) <= 40 else value.strip()[:40] + "…"
        raise ValueError(f"unknown lean {shown!r} (expected left, center or right, or 'lean left'/'lean right')")
    return lean


def normalize_date(value: Any) -> str | None:
    """``value`` as ISO 8601: ``YYYY-MM-DD``, or a datetime when it has a time.

    Accepts ISO strings, RFC 822 dates (feeds, e-mail), epoch numbers and the
    free forms dateparser knows ("Sept. 11, 2024"). Anything without a year is
    rejected rather than resolved against today, so results never depend on
    when the run happens. Returns ``None`` when nothing sensible is found.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    text = str(value).strip()
    if not text or len(text) > _MAX_DATE_CHARS:
        return None
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return _from_epoch(float(text))
    if _DATE_ONLY.fullmatch(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return _iso(datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return _iso(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_free_form(text)


def _parse_free_form(text: str) -> str | None:
    if not _HAS_YEAR.search(text):
        return None
    import dateparser  # slow to import; only free-form dates need it

    parsed = dateparser.parse(
        text, settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    )
    if parsed is None:
        return None
    return _iso(parsed) if _HAS_TIME.search(text) else parsed.date().isoformat()


def _from_epoch(seconds: float) -> str | None:
    if seconds > _MS_EPOCH:
        seconds /= 1000
    try:
        return _iso(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError):
        return None


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds")
