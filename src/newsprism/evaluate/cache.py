"""A disk cache for evaluation runs: the NLP pass and the sentence vectors.

Rescoring labelled data after a change to the comparison stages should take
seconds, not a re-parse. Two things are kept under one folder:

- the per-article half of the pipeline (cleaned articles and annotations),
  keyed by the input texts, the settings and a hash of the code that produces
  it (everything in the package but the comparison, report and evaluation
  code), so any change to that code invalidates it;
- sentence vectors, keyed by the embedding model and the sentence text: a
  sentence is embedded once across runs.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Settings
from ..model import Annotations, Article
from ..nlp.models import Encoder, Models

__all__ = ["CachedModels", "EvalCache", "code_version", "models_for", "nlp_settings"]

PACKAGE = Path(__file__).resolve().parents[1]
#: Package parts that do not change what the NLP pass produces.
_NOT_NLP = ("compare", "report", "evaluate", "cli.py")


def code_version(*, exclude: Iterable[str] = _NOT_NLP) -> str:
    """A hash of the package's source and data files, leaving out ``exclude`` (top-level names)."""
    skip = set(exclude)
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE)
        if not path.is_file() or rel.parts[0] in skip or "__pycache__" in rel.parts:
            continue
        digest.update(str(rel).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


Prepared = tuple[list[Article], dict[str, Annotations]]

#: Settings of the comparison stages, which the per-article half of the pipeline never reads.
_COMPARISON_SETTINGS = ("story_", "claim_", "brief_", "dispute_")


def nlp_settings(settings: Settings) -> dict[str, Any]:
    """The settings that can change the per-article half of the pipeline (cleaning, reprints, the NLP pass)."""
    return {f.name: getattr(settings, f.name) for f in fields(settings) if not f.name.startswith(_COMPARISON_SETTINGS)}


class EvalCache:
    """Pickled NLP passes and stored sentence vectors under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def prepared(self, articles: Sequence[Article], settings: Settings, run: Callable[[], Prepared]) -> Prepared:
        """The NLP pass over ``articles``: from disk when the inputs, settings and code are unchanged."""
        digest = hashlib.sha256(code_version().encode())
        digest.update(repr(nlp_settings(settings)).encode())
        for a in articles:
            for part in (a.id, a.text, a.title or "", a.outlet or "", a.published or "", a.url or ""):
                digest.update(part.encode())
                digest.update(b"\0")
        path = self.folder / f"nlp-{digest.hexdigest()[:24]}.pickle"
        if path.is_file():
            with path.open("rb") as fh:
                loaded: Prepared = pickle.load(fh)
            return loaded
        result = run()
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        return result

    def vectors_path(self, model: str) -> Path:
        return self.folder / f"vectors-{hashlib.sha256(model.encode()).hexdigest()[:16]}.pickle"


class CachedEncoder:
    """An :class:`Encoder` stand-in that embeds each text once and keeps the vectors on disk."""

    def __init__(self, inner: Encoder, path: Path) -> None:
        self.inner = inner
        self.path = path
        self.dimension = inner.dimension
        self._vectors: dict[str, np.ndarray] = {}
        if path.is_file():
            with path.open("rb") as fh:
                self._vectors = pickle.load(fh)
        self._dirty = False

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            for text, vector in zip(missing, self.inner.encode(missing), strict=True):
                self._vectors[text] = vector
            self._dirty = True
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    def save(self) -> None:
        if self._dirty:
            tmp = self.path.with_suffix(".tmp")
            with tmp.open("wb") as fh:
                pickle.dump(self._vectors, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.path)
            self._dirty = False


class CachedModels(Models):
    """:class:`Models` whose sentence encoder reads and writes the cache's vectors."""

    def __init__(self, settings: Settings, cache: EvalCache) -> None:
        super().__init__(settings)
        self._cache = cache
        self._cached: CachedEncoder | None = None

    @property
    def encoder(self) -> Any:
        if self._cached is None:
            inner = super().encoder
            model = self.settings.embedding_model or "default"
            self._cached = CachedEncoder(
                inner, self._cache.vectors_path(f"{model}|bf16={self.settings.embedding_bf16}")
            )
        return self._cached

    def save(self) -> None:
        if self._cached is not None:
            self._cached.save()


def models_for(settings: Settings, cache: EvalCache | None) -> Models:
    """The models of an evaluation run: vectors kept in ``cache`` when there is one."""
    return CachedModels(settings, cache) if cache is not None else Models(settings)
