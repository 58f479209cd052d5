"""HTML pages: the main text and metadata by trafilatura; HTML fragments to text.

The options are tuned on the article-extraction benchmark (``bench/
extraction_benchmark.py``): leaving comments out and favouring precision
raise token F1 from 0.957 (defaults) to 0.969 there. Boilerplate inside the
extracted body (captions, promos) is the cleaning stage's to remove and record.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from typing import Any

from ..errors import ExtractError, InputError
from ..model import Article
from .fields import domain_of, normalize_date, parse_lean
from .sniff import decode_text, normalize_newlines
from .valid import valid_text

__all__ = ["EXTRACTION_OPTIONS", "decode_html", "fragment_to_text", "html_article"]

EXTRACTION_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
}
"""Keyword options for ``trafilatura.bare_extraction``, chosen on the benchmark."""

MIN_WORDS = 3
"""Extracted text with fewer words is markup debris, not an article."""
_WORD = re.compile(r"[^\W\d_]{2,}")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_PUBLISHED = (
    re.compile(r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|"""
               r"""datePublished|pubdate|publishdate|dc\.date\.issued|sailthru\.date)["'][^>]*>""", re.IGNORECASE),
    re.compile(r""""datePublished"\s*:\s*"([^"]{8,40})\""""),
)
_CONTENT = re.compile(r"""content=["']([^"']{8,40})["']""", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "figure", "figcaption",
     "table", "tr", "section", "article", "header", "footer", "aside", "dd", "dt", "dl", "hr", "address", "details",
     "summary", "main", "nav"}
)
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg")


def decode_html(data: bytes, name: str) -> str:
    """The page as text: UTF-8 when it decodes, else the charset the page declares."""
    try:
        return decode_text(data, name)
    except InputError as utf8_error:
        declared = _CHARSET.search(data[:8192])
        if declared is None:
            raise InputError(name, f"{utf8_error.reason}, and the page declares no charset") from None
        charset = declared.group(1).decode("ascii")
        try:
            codecs.lookup(charset)
            return normalize_newlines(data.decode(charset))
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(name, f"cannot decode as the declared charset {charset!r}: {exc}") from None


def html_article(
    html: str, *, article_id: str, name: str, source_path: str | None, meta: Mapping[str, str] | None = None
) -> Article:
    """The article trafilatura finds in ``html``; ``meta`` (a sidecar entry) fills what the page lacks.

    Raises:
        ExtractError: the page is empty, cannot be parsed, or has no article text.
    """
    import trafilatura  # heavy import, kept off the package import path

    if not html.strip():
        raise ExtractError(name, "empty file")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, **EXTRACTION_OPTIONS)
    except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted markup is bad input
        raise ExtractError(name, f"malformed HTML ({type(exc).__name__}: {exc})") from None
    text = normalize_newlines(str(getattr(doc, "text", None) or "")).strip() if doc is not None else ""
    if len(_WORD.findall(text)) < MIN_WORDS:
        raise ExtractError(name, "no article text found in the HTML (malformed, empty or not an article page)")
    assert doc is not None
    meta = meta or {}
    url = _text(getattr(doc, "url", None)) or meta.get("url")
    outlet = _text(getattr(doc, "sitename", None)) or meta.get("outlet")
    return Article(
        id=article_id,
        text=text,
        title=_text(getattr(doc, "title", None)) or meta.get("title"),
        url=url,
        outlet=outlet or domain_of(url) or _text(getattr(doc, "hostname", None)),
        published=_published(html, _text(getattr(doc, "date", None))) or normalize_date(meta.get("published")),
        lean=parse_lean(meta.get("lean")),
        source_path=source_path,
    )


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _published(html: str, extracted: str | None) -> str | None:
    """trafilatura's date, with the time of day when the page's own metadata gives one for that day."""
    day = normalize_date(extracted)
    head = html[:200_000]
    for pattern in _PUBLISHED:
        for match in pattern.finditer(head):
            raw = match.group(1) if pattern.groups else _content(match.group(0))
            precise = normalize_date(raw)
            if precise and (day is None or precise[:10] == day[:10]):
                return precise
    return day


def _content(tag: str) -> str | None:
    found = _CONTENT.search(tag)
    return found.group(1) if found else None


def fragment_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item, a JSON ``content``), one block per line.

    Scripts and styles are dropped; whitespace inside a block collapses to
    single spaces; ``<br>`` breaks a line.
    """
    import lxml.html
    from lxml import etree

    if not fragment.strip():
        return ""
    fragment = valid_text(fragment)[0]  # lxml refuses control characters and lone surrogates
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in list(root.iter(*_DROPPED_TAGS)):
        bad.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        tag = element.tag.lower()
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
