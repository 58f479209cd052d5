"""What two articles share beyond their vocabulary: quoted words, passages, figures; and whether one argues.

Two reports of one event tend to quote the same words ('a full scale
revolt'), carry the same agency passage, and give the same specific figures
('2,438 delegates', '$1.3 billion'), while two articles on one topic about
different happenings share names and words but rarely those. An opinion
piece on an event shares less of the news reports' wording than another news
report does, so the same-story model is told when one of the two argues.

Each article's evidence is gathered once (:func:`article_evidence`); a pair's
features are counts of what the two share (:func:`shared_counts`), read by
the fitted same-story model (:mod:`.stories`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from ..model import Annotations, Article
from .duplicates import shingles

__all__ = ["WORD", "Evidence", "article_evidence", "shared_counts", "story_text", "story_words"]

#: A word of an article, as story grouping reads words (letters with inner apostrophes or hyphens, or a number).
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+(?:[.,]\d+)*")

#: Words per shingle of quoted words, and of the whole text (a passage two outlets both carry).
QUOTE_SHINGLE = 4
TEXT_SHINGLE = 6
#: Kinds of figure that say what happened (an age or a duration is a detail many stories share; a measure's
#: value is converted to one unit, so a round '20 miles' would look specific).
FIGURE_KINDS = frozenset({"count", "money", "percent", "tally"})
#: A figure counts as specific from this value and this many significant digits ('12', '3,500', not '3,000').
FIGURE_FLOOR = 10
FIGURE_DIGITS = 2


@dataclass(frozen=True, slots=True)
class Evidence:
    """An article's quoted-word and text shingles (sorted unique hashes), specific figures, and voice."""

    quotes: np.ndarray
    text: np.ndarray
    figures: frozenset[tuple[str, str, float]]
    opinion: bool


def _significant_digits(value: float) -> int:
    digits = f"{abs(value):.15g}".split("e")[0].replace(".", "").strip("0")
    return len(digits)


def story_text(article: Article, ann: Annotations | None) -> str:
    """The article's text without its page matter (:attr:`~newsprism.model.Sentence.page_matter`: a stamp, page
    furniture, a note on the writer), each cut closed with a space: what it says of the story. Two columns by
    one writer share their closing note, not their story."""
    cuts = [s.span for s in ann.sentences if s.page_matter] if ann is not None else []
    if not cuts:
        return article.text
    parts, at = [], 0
    for span in cuts:
        parts.append(article.text[at : span.start])
        at = span.end
    parts.append(article.text[at:])
    return " ".join(parts)


def story_words(text: str) -> list[str]:
    """Lower-cased words, with one apostrophe (outlets print 'we’re' and 'we're')."""
    return WORD.findall(text.lower().replace("’", "'"))


def article_evidence(article: Article, ann: Annotations | None) -> Evidence:
    """The evidence of one article (page matter left out, as :func:`story_text` leaves it)."""
    told = ann if ann is not None else Annotations(article.id)
    quoted_words = [story_words(q.span.text) for q in told.quotes if not told.page_matter_at(q.span.start)]
    quoted = [shingles(w, QUOTE_SHINGLE) for w in quoted_words if len(w) >= QUOTE_SHINGLE]
    quotes = np.unique(np.concatenate(quoted)) if quoted else np.zeros(0, dtype=np.uint32)
    figures = frozenset(
        (q.kind, q.unit, q.value)
        for q in told.quantities
        if q.kind in FIGURE_KINDS
        and q.value >= FIGURE_FLOOR
        and _significant_digits(q.value) >= FIGURE_DIGITS
        and not told.page_matter_at(q.span.start)
    )
    opinion = article.genre is not None and article.genre.label != "news"
    return Evidence(quotes, shingles(story_words(story_text(article, ann)), TEXT_SHINGLE), figures, opinion)


def _shared(a: np.ndarray, b: np.ndarray) -> int:
    if not len(a) or not len(b):
        return 0
    return len(np.intersect1d(a, b, assume_unique=True))


def shared_counts(a: Evidence, b: Evidence) -> tuple[float, float, float, float]:
    """Shared quoted shingles, text shingles and specific figures (each as log(1 + n)), and whether either argues."""
    return (
        math.log1p(_shared(a.quotes, b.quotes)),
        math.log1p(_shared(a.text, b.text)),
        math.log1p(len(a.figures & b.figures)),
        float(a.opinion or b.opinion),
    )
