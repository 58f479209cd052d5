"""newsprism: how different outlets report the same story.

The public API::

    from newsprism import analyze, Settings
    report = analyze(["articles/"], settings=Settings(n_process=2))
    for story in report.stories:
        print(story.title, len(story.claims))
"""

from __future__ import annotations

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
