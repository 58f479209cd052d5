"""Text made valid at the input boundary.

Whatever a reader produced, every string an article or an input failure
carries leaves ingest as valid Unicode that UTF-8, JSON and XML writers
accept: a report is never lost to one bad character after all the work is
done. Lone surrogates (``"\\ud800"`` in scraped JSON) and the control
characters XML forbids are replaced with U+FFFD (vertical tab and form feed,
which scraped text uses as breaks, with a space), and each repair is recorded
as an ``encoding`` removal that names the field and shows the characters
escaped, never raw. File names that are not valid UTF-8 are shown with their
bytes escaped (``caf\\xe9.txt``).
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import replace

from ..model import Article, InputFailure, Removal

__all__ = ["escaped", "safe_name", "valid_article", "valid_failure", "valid_text"]

#: Characters no writer may see: lone surrogates, C0 controls but tab, newline and carriage return, and
#: the two noncharacters XML forbids.
_INVALID = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_AS_SPACE = frozenset("\x0b\x0c")
REPLACEMENT = "\ufffd"
#: Distinct characters listed in one removal.
_LISTED = 8


def escaped(text: str) -> str:
    """``text`` with every character outside printable ASCII written as a Python escape (``\\x1b``, ``\\ud800``)."""
    return text.encode("unicode_escape").decode("ascii")


def valid_text(value: str) -> tuple[str, str]:
    """``value`` with invalid characters replaced, and those characters (distinct, escaped; "" when none)."""
    found = _INVALID.findall(value)
    if not found:
        return value, ""
    repaired = _INVALID.sub(lambda m: " " if m.group() in _AS_SPACE else REPLACEMENT, value)
    return repaired, escaped("".join(dict.fromkeys(found))[:_LISTED])


def safe_name(name: str) -> str:
    """A file name fit to show and store: bytes that were not UTF-8 escaped, other invalid characters replaced."""
    with suppress(UnicodeEncodeError):  # a lone surrogate that is no escaped byte is replaced below
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return valid_text(name)[0]


def valid_article(article: Article) -> Article:
    """``article`` with every text field valid; each repaired field recorded as an ``encoding`` removal."""
    changes: dict[str, object] = {}
    removals: list[Removal] = []
    for field in ("id", "text", "title", "url", "outlet", "published", "language"):
        value = getattr(article, field)
        if value is None:
            continue
        repaired, chars = valid_text(value)
        if chars:
            changes[field] = repaired
            removals.append(Removal(chars, "encoding", f"invalid characters in {field} replaced"))
    if article.source_path is not None:
        path = safe_name(article.source_path)
        if path != article.source_path:
            changes["source_path"] = path
    cites = tuple(valid_text(c)[0] for c in article.cites)
    if cites != article.cites:
        changes["cites"] = cites
    if not changes:
        return article
    return replace(article, **changes, removed=(*article.removed, *removals))  # type: ignore[arg-type]


def valid_failure(failure: InputFailure) -> InputFailure:
    """``failure`` with its input name and reason fit to show and store."""
    name, error = safe_name(failure.input), valid_text(failure.error)[0]
    return failure if (name, error) == (failure.input, failure.error) else InputFailure(name, error)
