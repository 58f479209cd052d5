"""Embedded social-media posts: their words are their author's, not the outlet's.

A page that embeds a post prints its text and then its signature, '— Name
(@handle) Date' (the form the post's own embed code prints), often with no
quote marks at all::

    Not fair! — Donald J. Trump (@realDonaldTrump) September 30, 2017

A signature is a dash after a space, the name, the handle in brackets and the
post's date. The post is the paragraph (or line) that ends
in the signature, or, where the signature stands on a line of its own, the
one above it. Some pages print the author first: a paragraph that opens with
a capitalised name and a handle and goes on with a capital, a figure, a
mention or a hashtag is a post ('Donald J. Trump (@realDonaldTrump) Mr.
Cohen, an attorney, ...'); one that goes on otherwise is prose or an author's
note ('Jane Doe (@jdoe) is a senior fellow ...', 'By Jane Doe (@jdoe) ...').

The NLP pass gives each post as a :class:`~newsprism.model.Quote` of the name
it names (its words without the signature, the embed's trailing links or the
dots of a cut), so that every later stage (stance, attribution, quotes, the
outlet's own voice) reads it as the author's words, like a quote in marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..clean_rules import SIGNATURE
from ..model import Article, Quote, Span

__all__ = ["Post", "embedded_posts", "post_quotes"]

#: A signature where it ends a post's line, after a space (a hyphen inside a word is no signature's dash); a flattened
#: page may go on after it on the same line.
_SIGNATURE = re.compile(rf"(?:(?<=\s)|^){SIGNATURE}", re.MULTILINE)
#: A post's header, where the page prints it first: the author's name (one to five capitalised words on one line)
#: and handle opening a paragraph, then the post, opening with a capital, a figure, a mention or a hashtag.
_HEADER = re.compile(r"(?m)^((?:[A-Z][\w.'’-]*[ \t]+){0,4}[A-Z][\w.'’-]*)[ \t]*\(@(\w+)\)[ \t]+(?=[A-Z0-9@#])")
#: Words that open a byline or a prompt, not a name: 'By Jane Doe (@jdoe) WASHINGTON — ...'.
_NOT_NAMES = frozenset({"by", "from", "follow", "via", "written", "reporting"})
#: How the embed links a post's picture or page at its end.
_LINK_PREFIXES = ("http://", "https://", "pic.twitter.com/", "t.co/")
_MARKS = "“”\"'‘’"


@dataclass(frozen=True, slots=True)
class Post:
    """One embedded post: its whole range (words and header or signature), its words, and its author's name."""

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
    signed = 0  # where the last signature ended: a flattened page runs posts on in one line
    for m in _SIGNATURE.finditer(text):
        start = max(text.rfind("\n", 0, m.start()) + 1, signed)
        if not text[start : m.start()].strip():  # the signature is its own line: the post is the one above
            start = max(text[:start].rstrip().rfind("\n") + 1, signed)
        signed = m.end()
        name = m.group(1).strip()
        a, b = (m.start(1), m.start(1) + len(m.group(1).rstrip())) if name else (m.start(2) - 1, m.end(2))
        out.append(Post(start, m.end(), start, m.start(), name or f"@{m.group(2)}", a, b))
    for m in _HEADER.finditer(text):
        if m.group(1).split()[0].lower() in _NOT_NAMES:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if any(p.start < end and m.start() < p.end for p in out):
            continue  # signed too: one post
        out.append(Post(m.start(), end, m.end(), end, m.group(1), m.start(1), m.end(1)))
    return sorted(out, key=lambda p: p.start)


def post_words(text: str, post: Post) -> tuple[int, int]:
    """Where the post's own words lie: without surrounding marks, its trailing links, or the dots that end a post
    the embed cut short ('These agreements are.....')."""
    start, end = post.words_start, post.words_end
    while start < end and (text[start].isspace() or text[start] in ".…" + _MARKS):
        start += 1
    while True:
        words = text[start:end].rstrip().rstrip(_MARKS).rstrip()
        last = words.rsplit(None, 1)[-1] if words else ""
        if last.startswith(_LINK_PREFIXES):
            words = words[: len(words) - len(last)]
        kept = words.rstrip(".…")
        if len(words) - len(kept) >= 2 or words.endswith("…"):
            words = kept.rstrip(" \t\n,;:")
        if start + len(words) == end:
            return start, end
        end = start + len(words)


def post_quotes(article: Article, posts: Sequence[Post] | None = None) -> list[Quote]:
    """Each embedded post of ``article`` (``posts``, when found already) as a quote of its author: its words,
    without the signature."""
    text = article.text
    out = []
    for post in embedded_posts(text) if posts is None else posts:
        start, end = post_words(text, post)
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
