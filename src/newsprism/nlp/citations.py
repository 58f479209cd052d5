"""Cited sources (PLACEHOLDER: being written)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Article, Citation, Mention


def find_citations(doc: Any, article: Article, mentions: Sequence[Mention]) -> tuple[Citation, ...]:
    return ()
