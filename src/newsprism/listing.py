"""A corpus's story list: what an index shows and filters on for each story, and a query over them.

A :class:`StorySummary` is a story's header without its body: counts, days, outlets and coverage by lean,
made once from the story and its articles (:func:`summarize`) when the story is stored, so that listing,
searching and filtering a large corpus reads a few small rows, never the stories' claims or the articles'
text. A :class:`StoryQuery` is what a reader asks of the list (words, outlet, lean, dates, order, page), and
a :class:`StoryPage` one page of the answer. These are model records: stores answer them, renderers show them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .model import LEANS, Article, Lean, LeanCoverage, Story

__all__ = [
    "Blindspot",
    "GenreChoice",
    "Sort",
    "SORTS",
    "OutletCount",
    "StoryPage",
    "StoryQuery",
    "StorySummary",
    "independent_voices",
    "lean_bar",
    "summarize",
]

Sort = Literal["size", "newest", "outlets"]
#: The orders a story list offers: (value, words).
SORTS: tuple[tuple[Sort, str], ...] = (
    ("size", "Most articles first"),
    ("newest", "Newest first"),
    ("outlets", "Most outlets first"),
)
GenreChoice = Literal["news", "opinion"]
Blindspot = Literal["any", "left", "right"]


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story as a list shows it."""

    id: str
    title: str
    articles: int
    #: Independent outlets: an outlet's articles (any section) count once, a reprint as its original's outlet.
    outlets: int
    #: Claims in the matrix (off-topic ones left out) and disagreements.
    claims: int
    disagreements: int
    #: The first and last publication days of its articles (``YYYY-MM-DD``), ``None`` when none is dated.
    first_day: str | None
    last_day: str | None
    #: Articles that are news, and that are opinion or analysis.
    news: int
    opinion: int
    #: The outlets that published its articles, reprints included (:attr:`Article.voice`, with the name
    #: their first article gives), in story order; articles without an outlet name none.
    voices: tuple[tuple[str, str], ...]
    lean: LeanCoverage | None = None

    @property
    def opinion_only(self) -> bool:
        """Whether every article found is opinion or analysis."""
        return self.opinion > 0 and self.news == 0


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """What a reader asks of a story list. Every filter given must hold; ``None`` or empty: no filter."""

    #: Words that one of the story's articles holds (in its title or text), all of them.
    text: str = ""
    #: An outlet (its :func:`~newsprism.model.outlet_key`) that covered the story.
    outlet: str | None = None
    #: A lean at least one of the story's outlets has.
    lean: Lean | None = None
    #: Stories that are a blindspot: for either side (``"any"``), or for one.
    blindspot: Blindspot | None = None
    min_outlets: int = 1
    #: Stories holding a news article, or an opinion or analysis piece.
    genre: GenreChoice | None = None
    #: Whether single-article stories are listed.
    singles: bool = False
    #: Stories with an article published within ``since`` to ``until`` (days, both included; either open).
    since: date | None = None
    until: date | None = None
    sort: Sort = "size"
    page: int = 1
    per_page: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True, slots=True)
class OutletCount:
    """An outlet of the corpus, by the stories (listed or not) it covers."""

    voice: str
    name: str
    stories: int


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of the stories matching a query, in its order, with how many match in all."""

    query: StoryQuery
    stories: tuple[StorySummary, ...]
    total: int
    #: Every outlet of the corpus, for an outlet filter.
    outlets: tuple[OutletCount, ...] = ()
    #: The stories of the corpus, listed or not.
    corpus: int = 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def first(self) -> int:
        """The number of the page's first story in the whole list (0 when the page is empty)."""
        return self.query.offset + 1 if self.stories else 0

    @property
    def last(self) -> int:
        """The number of the page's last story in the whole list (0 when the page is empty)."""
        return self.query.offset + len(self.stories) if self.stories else 0


def independent_voices(articles: Mapping[str, Article], ids: Iterable[str]) -> set[str]:
    """The outlets the articles ``ids`` speak for: an outlet's articles (any section) count once, and a
    reprint counts as its original's outlet when the original is in ``articles`` (a story's articles), else
    as the original itself (reprints of one absent original are one voice)."""
    voices = set()
    for i in ids:
        article = articles.get(i)
        if article is None:
            voices.add(f"#{i}")
            continue
        root = article.duplicate_of or article.id
        original = articles.get(root)
        voices.add(original.voice if original is not None else f"#{root}")
    return voices


def summarize(story: Story, articles: Mapping[str, Article]) -> StorySummary:
    """The summary of ``story``; ``articles``: its articles by id (any missing is counted as an article of
    unknown outlet and date)."""
    members = [articles[i] for i in dict.fromkeys(story.article_ids) if i in articles]
    in_story = {a.id: a for a in members}
    days = sorted(a.published[:10] for a in members if a.published and len(a.published) >= 10)
    voices: dict[str, str] = {}
    for a in members:
        if a.outlet:  # an article without an outlet names none
            voices.setdefault(a.voice, a.outlet)
    news = sum(a.news for a in members)
    return StorySummary(
        id=story.id,
        title=story.title,
        articles=len(story.article_ids),
        outlets=len(independent_voices(in_story, story.article_ids)),
        claims=sum(not c.off_topic for c in story.claims),
        disagreements=len(story.disagreements),
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        news=news,
        opinion=len(members) - news,
        voices=tuple(voices.items()),
        lean=story.lean,
    )


def lean_bar(lean: LeanCoverage | None) -> list[tuple[Lean, int, float]]:
    """A coverage-by-lean bar: (lean, outlets, percent of the outlets of known lean), left to right."""
    if lean is None:
        return []
    known = lean.left + lean.center + lean.right
    return [(side, lean.count(side), 100.0 * lean.count(side) / known) for side in LEANS if lean.count(side)]
