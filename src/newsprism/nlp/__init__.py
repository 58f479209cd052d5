"""The single NLP pass (PLACEHOLDER: being written)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..config import Settings
from ..model import Annotations, Article
from .models import Models

__all__ = ["annotate"]


def annotate(articles: Sequence[Article], *, models: Models, settings: Settings) -> Iterator[Annotations]:
    for a in articles:
        yield Annotations(article_id=a.id)
