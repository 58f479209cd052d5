"""Embedded social-media posts: their words are their author's, not the outlet's.

A page that embeds a post prints its text and then its signature, '— Name
(@handle) Date' (the form the post's own embed code prints), often with no
quote marks at all::

    Not fair! — Donald J. Trump (@realDonaldTrump) September 30, 2017

The post is the paragraph that ends in the signature (or, where the signature
stands on a line of its own, the paragraph above it). Some pages print the
author first: a paragraph that opens with a name and a handle and goes on
with a capital, a mention or a figure is a post ('Donald J. Trump
(@realDonaldTrump) Mr. Cohen, an attorney, ...'); one that goes on in lower
case is an author's note ('Jane Doe (@jdoe) is a senior fellow ...'). The NLP pass gives each
post as a :class:`~newsprism.model.Quote` of the name in the signature, so
that every later stage (stance, attribution, quotes, the outlet's own voice)
reads it as the author's words, like a quote in marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Quote, Span

__all__ = ["Post", "embedded_posts", "post_quotes"]

#: The signature: a dash after a space, the author's name (at most 60 characters on its line, no dash), the handle,
#: then the date.
_SIGNATURE = re.compile(r"(?:(?<=\s)|^)[—–-]\s*([^\n—–]{0,60}?)\s*\(@(\w+)\)[^\n]{0,40}", re.MULTILINE)
#: A post cut short by its embed ends in dots ('These agreements are.....', 'overwhelming…..').
_CUT = re.compile(r"[\s,;:]*(?:\.{2,}|…)[.…\s]*$")
#: A post's header, where the page prints it first: the author's name (capitalised words) and handle opening a
#: paragraph, then the post ('Donald J. Trump (@realDonaldTrump) Mr. Cohen, an attorney, ...'). A lower-case
#: word after the handle makes it prose ('Jane Doe (@jdoe) is a senior fellow ...', an author's note).
_HEADER = re.compile(r"(?m)^((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*)[ \t]*\(@(\w+)\)[ \t]+(?=[^\sa-z])")
#: Links a post ends with ('pic.twitter.com/Vbe0BnsZNK', 'https://t.co/...').
_LINKS = re.compile(r"(?:\s*(?:https?://|pic\.twitter\.com/)\S+)+\s*$")


@dataclass(frozen=True, slots=True)
class Post:
    """One embedded post: its whole range (words with header or signature), its words, and its author."""

    start: int
    end: int
    words_start: int
    words_end: int
    author: str
    author_start: int
    author_end: int


def embedded_posts(text: str) -> list[Post]:
    """The embedded posts in ``text``, in order: signed ('... — Name (@handle) Date') or headed ('Name
    (@handle) ...')."""
    out = []
    for m in _SIGNATURE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if text[start : m.start()].strip() == "":  # the signature is its own line: the post is the paragraph above
            start = text.rfind("\n", 0, max(0, text[:start].rstrip().rfind("\n"))) + 1
        name = m.group(1).strip()
        a, b = (m.start(1), m.start(1) + len(m.group(1).rstrip())) if name else (m.start(2) - 1, m.end(2))
        out.append(Post(start, m.end(), start, m.start(), name or f"@{m.group(2)}", a, b))
    for m in _HEADER.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if any(p.start < end and m.start() < p.end for p in out):
            continue  # signed too: one post
        links = _LINKS.search(text, m.end(), end)
        words_end = links.start() if links is not None else end
        out.append(Post(m.start(), end, m.end(), words_end, m.group(1), m.start(1), m.end(1)))
    return sorted(out, key=lambda p: p.start)


def post_quotes(article: Article) -> list[Quote]:
    """Each embedded post of ``article`` as a quote of its author: its words, without the signature."""
    text = article.text
    out = []
    for post in embedded_posts(text):
        start, end = post.words_start, post.words_end
        while start < end and text[start] in " \t\n.…“”\"":
            start += 1
        end = start + len(text[start:end].rstrip())
        cut = _CUT.search(text, start, end)
        if cut is not None:
            end = cut.start()
        while end > start and text[end - 1] in "“”\"":
            end -= 1
        if end - start < 2:
            continue
        out.append(
            Quote(
                span=Span.of(article, start, end),
                speaker=post.author,
                speaker_span=Span.of(article, post.author_start, post.author_end),
            )
        )
    return out
