"""Cleaning: repair the encoding, drop scraping noise, and account for every character.

:func:`clean_article` turns a read article into the text every later span
points into. It works paragraph by paragraph, where a paragraph is one input
line (hard-wrapped lines are joined back into one). Noise paragraphs (section
labels, captions, promos, bylines, "Read more" link lists, comment counters,
source lines, repeats) are left out whole, each recorded in
``Article.removed`` with its reason, so that the kept text plus the removed
pieces account for every non-whitespace character of the input. An embedded
post's signature on a line of its own ('— Name (@handle) Date') is joined to
the post right above it instead, so that the NLP pass can read the post as its
author's words.

Encoding repairs (ftfy, plus a stray ``Â`` left by a lost no-break space) are
recorded as ``encoding`` removals whose text is the original piece and whose
detail says what it became: ``replaced by "<json string>"``
(:func:`encoding_replacement` reads it back).

The cleaned text joins paragraphs with a blank line (``"\\n\\n"``); inside a
paragraph runs of whitespace are single spaces. Whitespace is layout, not
content: changing it is not recorded.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .clean_rules import (
    AUTHOR_NOTE,
    POST_SIGNATURE,
    TERMINAL,
    Verdict,
    author_bio,
    classify_paragraph,
    edge_byline,
    is_headline_like,
    is_prose,
)
from .config import Settings
from .lang import detect_language
from .model import Article, Removal

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

__all__ = [
    "PARAGRAPH_SEPARATOR",
    "clean_article",
    "encoding_replacement",
    "repair_encoding",
    "repair_field",
    "repair_line",
    "split_paragraphs",
]

PARAGRAPH_SEPARATOR = "\n\n"
MAX_LIST_ITEMS = 15
"""A list under a "Read more"-style heading ends after this many link titles at most."""
EDGE_ZONE = 4
"""How many paragraphs at either end of the body are checked for author lines."""
MIN_EXACT_REPEAT_WORDS = 5
MIN_NEAR_REPEAT_WORDS = 8
MAX_NEW_WORDS = 5
"""A near repeat brings at most this many words of its own: one that adds more is kept as content."""
MAX_DIFF_CHARS = 4000
"""Changed stretches longer than this are recorded whole rather than diffed character by character."""
_REPLACED_BY = "replaced by "

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_NEEDS_REPAIR = re.compile(
    # Latin-1 range (where mojibake starts), C0/C1 controls, combining marks (NFC), ligatures,
    # replacement and invisible characters, HTML entities: lines without any are left to themselves.
    r"[\x00-\x08\x0e-\x1f\x7f-\xff\u0300-\u036f\ufb00-\ufb06\ufffd\ud800-\udfff\u200b\u2060\ufeff]"
    r"|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);"
)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_STRAY_A = re.compile(r"(?<![^\W\d_])Â(?![^\W\d_])")
_OPEN_END = re.compile(
    r"(?:[,;\-–—]|\b(?:and|or|but|the|a|an|of|to|in|on|for|with|at|by|from|that|which|who|as|is|was|are|were))$",
    re.IGNORECASE,
)
_WORD_EDGE = "\"'“”‘’«»„‚()[]{}<>.,;:!?…–—-/*•·|#@"
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


# --- encoding -----------------------------------------------------------------


@cache
def _ftfy_config() -> TextFixerConfig:
    from ftfy import TextFixerConfig

    # Keep typography (curly quotes, full-width forms) and line breaks: only repair what is broken.
    return TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_line_breaks=False, explain=False)


def repair_line(line: str) -> str:
    """One line with its encoding repaired as cleaning repairs it (mojibake fixed, invisible characters out)."""
    from ftfy import fix_text

    fixed = fix_text(line, config=_ftfy_config())
    fixed = _INVISIBLE.sub("", fixed)
    return _STRAY_A.sub("", fixed)


def _nonspace(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def _changes(original: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """Changed ranges ``(i1, i2, j1, j2)`` between two versions of a line.

    The common prefix and suffix are cut first (linear); the rest is diffed
    character by character when short, and taken as one change when long,
    where a full diff could take quadratic time.
    """
    start = 0
    limit = min(len(original), len(fixed))
    while start < limit and original[start] == fixed[start]:
        start += 1
    end = 0
    while end < limit - start and original[-1 - end] == fixed[-1 - end]:
        end += 1
    a, b = original[start : len(original) - end], fixed[start : len(fixed) - end]
    if len(a) + len(b) > MAX_DIFF_CHARS:
        return [(start, start + len(a), start, start + len(b))]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [
        (start + i1, start + i2, start + j1, start + j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _repairs(original: str, fixed: str) -> list[Removal]:
    """The changed pieces of one line, smallest first: what was there and what it became."""
    out = []
    for i1, i2, j1, j2 in _changes(original, fixed):
        # Take in the punctuation just before the change ("&amp;" -> "&", not "amp;" -> ""): easier to read,
        # and the same net change, so the accounting holds.
        while i1 > 0 and j1 > 0 and original[i1 - 1] == fixed[j1 - 1] and not original[i1 - 1].isalnum():
            if original[i1 - 1].isspace():
                break
            i1, j1 = i1 - 1, j1 - 1
        before, after = original[i1:i2], fixed[j1:j2]
        if _nonspace(before) != _nonspace(after):
            out.append(Removal(before, "encoding", _REPLACED_BY + json.dumps(after, ensure_ascii=False)))
    return out


def repair_encoding(text: str) -> tuple[str, list[Removal]]:
    """Repair mojibake and invisible characters line by line; line breaks become ``\\n``.

    Returns the repaired text and one ``encoding`` removal per changed piece.
    """
    text = _LINE_BREAKS.sub("\n", text)
    removals: list[Removal] = []
    if _NEEDS_REPAIR.search(text) is None:
        return text, removals
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if _NEEDS_REPAIR.search(line) is None:
            continue
        fixed = repair_line(line)
        if fixed != line:
            removals.extend(_repairs(line, fixed))
            lines[k] = fixed
    return "\n".join(lines), removals


def encoding_replacement(removal: Removal) -> str | None:
    """What an ``encoding`` removal's text was replaced by; ``None`` for other removals."""
    if removal.reason != "encoding" or not removal.detail or not removal.detail.startswith(_REPLACED_BY):
        return None
    value = json.loads(removal.detail[len(_REPLACED_BY) :])
    return value if isinstance(value, str) else None


# --- paragraphs -----------------------------------------------------------------


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: one per line, hard-wrapped lines joined, whitespace collapsed."""
    units: list[str] = []
    open_end = False
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            open_end = False
            continue
        if open_end and (line[0].islower() or _OPEN_END.search(units[-1])):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
        last = units[-1].rstrip("\"'”’»)] ")
        open_end = len(last) >= 40 and last[-1] not in TERMINAL + ":"
    return units


def _norm(text: str) -> str:
    return " ".join(_words(text))


def _snippet(text: str, size: int = 70) -> str:
    return json.dumps(text if len(text) <= size else text[: size - 1].rstrip() + "…", ensure_ascii=False)


# --- noise in context ---------------------------------------------------------------


def _mark_lists(units: list[str], verdicts: list[Verdict | None]) -> None:
    """Headline-like lines under a "Read more"/"Related" heading go with the heading."""
    i = 0
    while i < len(units):
        heading = verdicts[i]
        if heading is None or not heading.starts_list:
            i += 1
            continue
        j, taken = i + 1, 0
        while j < len(units) and taken < MAX_LIST_ITEMS:
            current = verdicts[j]
            if current is not None:
                if current.starts_list:
                    break
            elif is_headline_like(units[j]):
                verdicts[j] = Verdict("related_links", f"link title under {_snippet(units[i])}")
                taken += 1
            else:
                break
            j += 1
        i = j


def _mark_edges(units: list[str], verdicts: list[Verdict | None], title: str | None) -> None:
    """Author lines, lone labels and a repeated title at the start or end of the body."""
    live = [i for i, v in enumerate(verdicts) if v is None]
    for rank, i in enumerate(live[:EDGE_ZONE]):
        text = units[i]
        detail = edge_byline(text)
        if rank == 0 and title and _norm(text) == _norm(title):
            verdicts[i] = Verdict("repeated", "repeats the title")
        elif detail is not None:
            verdicts[i] = Verdict("byline", detail)
        elif len(text.split()) == 1 and text[0].isupper() and text[-1].isalpha():
            verdicts[i] = Verdict("section_label", "lone label before the body")
        elif is_prose(text):
            break
    for i in reversed(live[-EDGE_ZONE:]):
        text = units[i]
        if verdicts[i] is not None:
            continue
        detail = edge_byline(text) or (AUTHOR_NOTE if author_bio(text) else None)
        if detail is not None:
            verdicts[i] = Verdict("byline", detail)
        elif is_prose(text):
            break


class _NearRepeats:
    """Earlier word sets, found again when a later one reaches a Jaccard threshold.

    Prefix filtering keeps this exact and near-linear: under one fixed word
    order, two sets with Jaccard >= t share a word among the first
    ``n - ceil(t * n) + 1`` words of each.
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.sets: list[tuple[int, frozenset[str]]] = []
        self.postings: dict[str, list[int]] = {}

    def _prefix(self, words: frozenset[str]) -> list[str]:
        # One fixed order (longest words first, ties by hash) keeps the filter exact;
        # long words are rare, so the postings stay short.
        ordered = sorted(sorted(words, key=hash), key=len, reverse=True)
        return ordered[: len(ordered) - math.ceil(self.threshold * len(ordered)) + 1]

    def add(self, source: int, words: frozenset[str]) -> None:
        for word in self._prefix(words):
            self.postings.setdefault(word, []).append(len(self.sets))
        self.sets.append((source, words))

    def find(self, words: frozenset[str]) -> int | None:
        if not words:
            return None
        candidates = sorted({n for word in self._prefix(words) for n in self.postings.get(word, ())})
        size = len(words)
        for n in candidates:
            source, other = self.sets[n]
            if not self.threshold * size <= len(other) <= size / self.threshold:
                continue
            common = len(words & other)
            if common >= self.threshold * (size + len(other) - common) and size - common <= MAX_NEW_WORDS:
                return source
        return None


def _words(text: str) -> list[str]:
    """Case-folded words with surrounding punctuation stripped (str methods: much faster than a regex)."""
    return [w for w in (token.strip(_WORD_EDGE) for token in text.casefold().split()) if w]


def _mark_repeats(units: list[str], verdicts: list[Verdict | None], threshold: float) -> None:
    """Later paragraphs that repeat an earlier one: exactly, inside it, or nearly word for word.

    "Nearly" compares word sets (Jaccard >= ``threshold``) with earlier
    paragraphs and with the sentences of earlier multi-sentence paragraphs.
    The first occurrence is kept. Earlier paragraphs are indexed only once a
    later one could be a near repeat at all: when at least ``threshold`` of
    its words occurred before.
    """
    first_seen: dict[str, int] = {}
    kept: list[tuple[int, str]] = []
    blob = " "
    vocabulary: set[str] = set()
    pending: list[tuple[int, str, frozenset[str]]] = []
    near = _NearRepeats(threshold)
    for i, text in enumerate(units):
        if verdicts[i] is not None:
            continue
        words = _words(text)
        norm = " ".join(words)
        word_set = frozenset(words)
        source: int | None = None
        if len(words) >= MIN_EXACT_REPEAT_WORDS and norm in first_seen:
            source = first_seen[norm]
        elif len(words) >= MIN_NEAR_REPEAT_WORDS:
            padded = f" {norm} "
            if padded in blob:
                source = next((k for k, earlier in kept if padded in f" {earlier} "), None)
            if source is None and len(word_set & vocabulary) >= threshold * len(word_set):
                for k, earlier_text, earlier_set in pending:
                    _index_paragraph(near, k, earlier_text, earlier_set)
                pending.clear()
                source = near.find(word_set)
        if source is not None:
            verdicts[i] = Verdict("repeated", f"repeats {_snippet(units[source])}")
            continue
        first_seen.setdefault(norm, i)
        kept.append((i, norm))
        blob += norm + " | "
        vocabulary.update(word_set)
        if len(words) >= MIN_NEAR_REPEAT_WORDS:
            pending.append((i, text, word_set))


def _index_paragraph(near: _NearRepeats, index: int, text: str, word_set: frozenset[str]) -> None:
    near.add(index, word_set)
    sentences = _SENTENCE_SPLIT.split(text)
    for sentence in sentences if len(sentences) > 1 else ():
        words = _words(sentence)
        if len(words) >= MIN_NEAR_REPEAT_WORDS:
            near.add(index, frozenset(words))


# --- the stage -----------------------------------------------------------------------


def _domain(url: str) -> str | None:
    parsed = urlsplit(url if "://" in url else f"http://{url}")
    host = (parsed.hostname or "").casefold()
    host = host.removeprefix("www.")
    return host or None


def clean_article(article: Article, *, settings: Settings) -> Article:
    """The article with repaired, de-noised text, every removal recorded, and its language.

    A "Source: URL" line also supplies the outlet (the URL's domain) and the URL
    when the article has none. The title and the outlet's name get the text's
    encoding repairs (mojibake such as 'CafÃ©' reads 'Café').
    """
    repaired, removed = repair_encoding(article.text)
    title = repair_field(article.title)
    units = split_paragraphs(repaired)
    verdicts = [classify_paragraph(text) for text in units]
    _mark_lists(units, verdicts)
    _mark_edges(units, verdicts, title)
    _mark_repeats(units, verdicts, settings.repeat_similarity)

    kept: list[str] = []
    outlet, url = repair_field(article.outlet), article.url
    for n, (text, verdict) in enumerate(zip(units, verdicts, strict=True)):
        if verdict is None:
            kept.append(text)
            continue
        if verdict.detail == POST_SIGNATURE and n and verdicts[n - 1] is None:
            # a post's signature on its own line stays with the post right above it: it names the post's author,
            # and the NLP pass reads the post as that author's words (nlp.posts), not the outlet's; with the post
            # itself cut (a repeat, a caption between), the signature goes too
            kept[-1] = f"{kept[-1]} {text}"
            continue
        removed.append(Removal(text, verdict.reason, verdict.detail))
        if verdict.link and verdict.reason == "source_line" and verdict.detail == "source link":
            outlet = outlet or _domain(verdict.link)
            url = url or (verdict.link if "://" in verdict.link else f"https://{verdict.link}")
    text = PARAGRAPH_SEPARATOR.join(kept)
    return replace(
        article,
        text=text,
        removed=(*article.removed, *removed),
        language=detect_language(text),
        title=title,
        outlet=outlet,
        url=url,
    )


def repair_field(value: str | None) -> str | None:
    """A metadata field (title, outlet) with its encoding repaired; ``None`` stays ``None``."""
    if not value or not _NEEDS_REPAIR.search(value):
        return value
    return " ".join(repair_line(value).split()) or None
