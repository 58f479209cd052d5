"""What a corpus store does, whatever keeps the data."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..listing import StoryPage, StoryQuery
from ..model import Annotations, Article, InputFailure, Story

__all__ = ["AddCounts", "SearchHit", "Store", "content_hash"]


def content_hash(text: str) -> str:
    """The identity of an article's text: SHA-256 of its words, whitespace-normalised."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AddCounts:
    """What adding articles did: how many were stored, and why the others were not."""

    added: int = 0
    #: already stored under the same id
    same_id: int = 0
    #: the same text is stored under another id
    same_text: int = 0

    @property
    def skipped(self) -> int:
        return self.same_id + self.same_text


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article that matches a full-text search, with the matching passage."""

    article: str
    title: str | None
    snippet: str


class Store(Protocol):
    """A corpus: articles added once each, the inputs that could not be read, and the analysed stories."""

    def add_articles(self, articles: Iterable[Article]) -> AddCounts:
        """Store the articles not stored yet (same id or same text: skipped), all or none of them."""
        ...

    def add_errors(self, failures: Iterable[InputFailure]) -> int:
        """Record inputs that could not be read (each input and reason once); returns how many were new."""
        ...

    def article(self, article_id: str) -> Article | None: ...

    def articles(self) -> Iterator[Article]:
        """Every stored article, in the order they were added."""
        ...

    def count(self) -> int:
        """How many articles are stored."""
        ...

    def errors(self) -> list[InputFailure]: ...

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Articles whose title or text hold every word of ``query``, best first."""
        ...

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Replace the stored analysis with ``stories`` (in one transaction)."""
        ...

    def save_analysis(
        self, articles: Sequence[Article], stories: Sequence[Story], *, facts: Mapping[str, str] | None = None
    ) -> None:
        """Keep what an analysis found, in one transaction: the stored articles' records as analysed (genre,
        reprints), the stories (replacing the stored ones) and ``facts`` about the run (key -> value, kept
        beside those of earlier runs: see :meth:`analysis_facts`)."""
        ...

    def save_annotations(self, annotations: Iterable[Annotations], annotator: str) -> None:
        """Keep what the NLP pass found in articles, under ``annotator`` (the identity of the pass that made them)."""
        ...

    def annotations(self, annotator: str) -> dict[str, Annotations]:
        """Article id -> the kept annotations that ``annotator`` made (others, and unreadable rows, are left out)."""
        ...

    def analysis_facts(self) -> dict[str, str]:
        """The facts kept by analyses so far (the settings of the last one, the last story number issued, ...)."""
        ...

    def vectors(self, encoder: str) -> dict[str, np.ndarray]:
        """Text -> the sentence vector ``encoder`` (the identity of a sentence encoder) made of it in an earlier run."""
        ...

    def save_vectors(self, encoder: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Keep sentence vectors (text -> vector) that ``encoder`` made, for later runs."""
        ...

    def story_members(self) -> dict[str, frozenset[str]]:
        """Story id -> the ids of its articles, for every stored story, without loading the analyses."""
        ...

    def stories(self) -> list[Story]:
        """The stored analysed stories, in the order they were saved."""
        ...

    def story(self, story_id: str) -> Story | None:
        """The kept story with this id, or ``None``."""
        ...

    def article_story(self, article_id: str) -> str | None:
        """The id of the stored story holding the article (``None``: none does)."""
        ...

    def find_stories(self, query: StoryQuery) -> StoryPage:
        """One page of the stories ``query`` asks for (words, outlet, lean, dates, order), from their
        summaries: no story or article is read whole."""
        ...

    def story_titles(self) -> list[tuple[str, str, int]]:
        """``(story id, title, number of articles)`` of every stored story, without loading the analyses."""
        ...

    def close(self) -> None: ...
