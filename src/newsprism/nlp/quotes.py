"""Direct quotes and their speakers (PLACEHOLDER: being written)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Article, Mention, Quote, Sentence


def extract_quotes(doc: Any, article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> tuple[Quote, ...]:
    return ()
