"""Coverage by lean: how many of a story's outlets lean left, center or right, and the blindspots.

An outlet is one voice however many of its articles a story holds
(:attr:`~newsprism.model.Article.voice`). A story is a **blindspot** for one side when at
least :data:`BLINDSPOT_OUTLETS` outlets of the other side covered it and none
of its own did, while the corpus holds outlets of that side (a corpus with no
right-leaning outlet has no blindspots for the right). Centre outlets belong to
neither side. When one outlet's articles give different leans, the first given
counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Literal

from ..model import Article, Lean, LeanCoverage, Story

__all__ = ["BLINDSPOT_OUTLETS", "with_lean_coverage"]

BLINDSPOT_OUTLETS = 2
"""Fewest outlets of the side that covered a story for it to be a blindspot of the other (one says little)."""


def with_lean_coverage(stories: Iterable[Story], articles: Sequence[Article]) -> list[Story]:
    """``stories``, each with its coverage by lean (``None`` where no outlet's lean is known)."""
    by_id = {a.id: a for a in articles}
    sides = {a.lean for a in articles if a.lean is not None}
    out: list[Story] = []
    for story in stories:
        leans: dict[str, Lean | None] = {}
        for article_id in story.article_ids:
            article = by_id.get(article_id)
            if article is None:
                continue
            voice = article.voice
            if leans.get(voice) is None:
                leans[voice] = article.lean
        out.append(replace(story, lean=_coverage(list(leans.values()), sides)))
    return out


def _coverage(leans: Sequence[Lean | None], sides: set[Lean]) -> LeanCoverage | None:
    known = [lean for lean in leans if lean is not None]
    if not known:
        return None
    left, center, right = (known.count(lean) for lean in ("left", "center", "right"))
    blindspot: Literal["left", "right"] | None = None
    if left >= BLINDSPOT_OUTLETS and not right and "right" in sides:
        blindspot = "right"
    elif right >= BLINDSPOT_OUTLETS and not left and "left" in sides:
        blindspot = "left"
    return LeanCoverage(
        left=left,
        center=center,
        right=right,
        unknown=len(leans) - len(known),
        blindspot_for=blindspot,
    )
