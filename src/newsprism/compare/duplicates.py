"""Reprint detection (PLACEHOLDER: being written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from ..model import Article


def mark_duplicates(articles: Sequence[Article], *, settings: Settings) -> Sequence[Article]:
    return articles
