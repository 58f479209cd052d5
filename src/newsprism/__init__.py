"""newsprism: how different outlets report the same story.

The public API::

    from newsprism import analyze, Settings
    report = analyze(["articles/"], settings=Settings(n_process=2))
    for story in report.stories:
        print(story.title, len(story.claims))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import Settings, load_settings
from .errors import ConfigError, ExtractError, InputError, ModelError, NewsprismError, StoreError
from .model import (
    Annotations,
    Article,
    BriefSentence,
    Claim,
    Disagreement,
    Entity,
    FramingItem,
    InputFailure,
    Report,
    Span,
    Story,
    StoryQuote,
    TimelineEntry,
)

if TYPE_CHECKING:
    from .nlp.models import Models
    from .pipeline import analyze, analyze_articles

__version__ = "0.1.0"

__all__ = [
    "Annotations",
    "Article",
    "BriefSentence",
    "Claim",
    "ConfigError",
    "Disagreement",
    "Entity",
    "ExtractError",
    "FramingItem",
    "InputError",
    "InputFailure",
    "ModelError",
    "Models",
    "NewsprismError",
    "Report",
    "Settings",
    "Span",
    "StoreError",
    "Story",
    "StoryQuote",
    "TimelineEntry",
    "analyze",
    "analyze_articles",
    "load_settings",
]

# The pipeline and the models pull in spaCy and torch (seconds, hundreds of
# MB): import them only when used, so ``import newsprism.model`` or the
# readers stay light.
_LAZY = {"Models": ".nlp.models", "analyze": ".pipeline", "analyze_articles": ".pipeline"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
