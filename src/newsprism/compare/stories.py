"""Story grouping (PLACEHOLDER: being written)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..config import Settings
from ..model import Annotations, Article
from ..nlp.models import Models


def group_stories(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], *, models: Models, settings: Settings
) -> list[tuple[str, ...]]:
    return [tuple(a.id for a in articles)] if articles else []
