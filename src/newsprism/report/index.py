"""The story index of the HTML report: one row per story, with what its search, filters and sorting read.

The page's script filters the rows by title words, outlet, coverage by lean
(a blindspot, or a side that covered the story) and genre, and sorts them by
size, date or number of outlets. Everything it reads is computed here, from
the model, and travels as ``data-`` attributes of each row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Story
from .view import StoryView

__all__ = ["IndexRow", "OutletChoice", "index_rows", "outlet_choices"]


@dataclass(frozen=True)
class IndexRow:
    """One story as the index lists it."""

    view: StoryView
    anchor: str
    #: Where the row links: the story in this page (``#stN``), or its own page.
    href: str
    #: Lower-cased title words, for the search box.
    words: str
    #: The story's outlets as ``|voice|voice|``, for the outlet filter.
    voices: str
    blindspot: str
    left: int
    right: int
    #: The latest publication day of its articles (``YYYY-MM-DD``), or ''.
    day: str
    #: Whether any of its articles is news (not every one opinion or analysis).
    news: bool

    @property
    def single(self) -> bool:
        return len(self.view.articles) < 2


@dataclass(frozen=True)
class OutletChoice:
    """An outlet the filter offers: its voice (what rows carry) and the name shown."""

    voice: str
    name: str
    stories: int


def index_rows(stories: Sequence[StoryView], href: Callable[[int, Story], str] | None = None) -> list[IndexRow]:
    """The index rows of ``stories``, in report order: story ``n`` anchors at ``#stn``, and links there or to
    ``href(n, story)``."""
    rows = []
    for n, story in enumerate(stories, 1):
        voices = dict.fromkeys(ref.article.voice for ref in story.articles)
        days = [ref.article.published[:10] for ref in story.articles if ref.article.published]
        lean = story.story.lean
        rows.append(
            IndexRow(
                view=story,
                anchor=f"st{n}",
                href=href(n, story.story) if href is not None else f"#st{n}",
                words=" ".join(story.title.casefold().split()),
                voices="|" + "|".join(voices) + "|",
                blindspot=(lean.blindspot_for or "") if lean else "",
                left=lean.left if lean else 0,
                right=lean.right if lean else 0,
                day=max(days, default=""),
                news=not story.opinion_only,
            )
        )
    return rows


def outlet_choices(stories: Sequence[StoryView]) -> list[OutletChoice]:
    """Every outlet of the report, once, named as its first article names it, by the stories it covers."""
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for story in stories:
        for voice in dict.fromkeys(ref.article.voice for ref in story.articles):
            counts[voice] = counts.get(voice, 0) + 1
        for ref in story.articles:
            names.setdefault(ref.article.voice, ref.label)
    return sorted(
        (OutletChoice(voice, names[voice], counts[voice]) for voice in counts), key=lambda c: c.name.casefold()
    )
