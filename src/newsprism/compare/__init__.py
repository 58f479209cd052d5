"""Cross-outlet comparison of one story (PLACEHOLDER: being written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from ..model import Annotations, Article, Story
from ..nlp.models import Models

__all__ = ["analyze_story"]


def analyze_story(
    story_id: str,
    articles: Sequence[Article],
    annotations: Sequence[Annotations],
    *,
    models: Models,
    settings: Settings,
) -> Story:
    title = next((a.title for a in articles if a.title), articles[0].label if articles else story_id)
    return Story(id=story_id, title=title, article_ids=tuple(a.id for a in articles))
