"""Plain-text articles: the body as written, a first-line headline taken as the title.

Saved articles often start with their headline on a line of its own, and
often do not. A first line counts as a headline when it is short, does not
end like a prose sentence and is followed by prose. A headline taken out of
the body is recorded as a ``title`` removal, so the text plus its removals
still account for every character of the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..clean_rules import classify_paragraph, edge_byline
from ..model import Article, Removal
from .fields import normalize_date, parse_lean

__all__ = ["looks_like_headline", "split_title", "text_article"]

MIN_TITLE_WORDS = 2
MAX_TITLE_WORDS = 24
MAX_TITLE_CHARS = 200
MIN_PROSE_WORDS = 8
"""A body line this long that ends a sentence shows the text below the headline is prose."""

_CLOSERS = "\"'”’»)]"
_SENTENCE_END = ".,;:"
_NOT_A_HEADLINE = re.compile(
    r"(?i)^(?:by|from|photo|image|picture|source|credit|updated|published|posted|posted on|filed|written by)\b"
    r"|https?://|www\.|@\w|\bcopyright\b|©"
    r"|^\d+ (?:second|minute|hour|day|week|month|year)s? ago$"  # a scraped relative timestamp
    r"|\([^()]*[/:][^()]*\)$"  # ends with a photo credit: "(Name/Agency)", "(Agency: Name)"
)
_FINAL_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}$")
"""An ending like "U.S." or "D.C.": a headline may end with one."""
_INNER_SENTENCE_BREAK = re.compile(r"[a-z]{3,}[.!?][\"'”’)]?\s+[\"'“‘(]?[A-Z]")
_DATELINE = re.compile(r"^[A-Z]{2,}[A-Z .'’-]*(?:,[^—–-]{0,40})?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s")
"""A wire-copy opening, "CITY, Country (Agency) — ...": the story has begun."""
_OPEN_ENDINGS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "that", "the", "than",
     "to", "with", "which", "who", "whose"}
)
"""A line ending with one of these words breaks off mid-sentence (hard-wrapped prose)."""
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\n)+")
_PROSE_LINE = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def looks_like_headline(line: str) -> bool:
    """Whether ``line`` reads as a headline rather than the first line of prose."""
    line = line.strip()
    words = line.split()
    if not MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS or len(line) > MAX_TITLE_CHARS:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘«"):
        return False
    bare = line.rstrip(_CLOSERS)
    if _FINAL_ABBREVIATION.search(bare):
        bare = bare[:-1]
    if not bare or bare[-1] in _SENTENCE_END or bare.endswith("…"):
        return False
    if _NOT_A_HEADLINE.search(line) or _INNER_SENTENCE_BREAK.search(line) or _DATELINE.match(line):
        return False
    if words[-1].casefold() in _OPEN_ENDINGS:
        return False
    # a line the cleaner drops as noise (a byline, a caption, a label) is left for it to record
    return classify_paragraph(" ".join(words)) is None and edge_byline(" ".join(words)) is None


def split_title(text: str) -> tuple[str | None, str]:
    """``(headline, body)`` when the first line is a headline over prose, else ``(None, text)``."""
    start = _LEADING_BLANK_LINES.match(text)
    first, newline, rest = text[start.end() if start else 0 :].partition("\n")
    if not newline or not looks_like_headline(first) or rest[:1].islower():
        return None, text
    if not any(
        len(line.split()) >= MIN_PROSE_WORDS and _PROSE_LINE.search(line) for line in rest.split("\n", 50)[:50]
    ):
        return None, text
    return first.strip(), rest.lstrip("\n")


def text_article(
    text: str,
    *,
    article_id: str,
    source_path: str | None,
    meta: Mapping[str, str] | None = None,
) -> Article:
    """An article from plain text, its title line split off, ``meta`` (a sidecar entry) filling the rest."""
    meta = meta or {}
    title, body = split_title(text)
    removed = (Removal(title, "title", "first line of the file"),) if title else ()
    return Article(
        id=article_id,
        text=body,
        title=title or meta.get("title") or None,
        url=meta.get("url") or None,
        outlet=meta.get("outlet") or None,
        published=normalize_date(meta.get("published")),
        lean=parse_lean(meta.get("lean")),
        source_path=source_path,
        removed=removed,
    )
