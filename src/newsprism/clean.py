"""Cleaning (PLACEHOLDER: being written)."""

from __future__ import annotations

from .config import Settings
from .model import Article


def clean_article(article: Article, *, settings: Settings) -> Article:
    return article
